// SPDX-License-Identifier: Apache-2.0
// Work done by several threads, its results handed on in input order.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace cadre {

/// One thread reads inputs and pushes them; workers turn each into a result, in any order;
/// one writer takes the results in input order. Used by `cadre check` (files) and by cohorts
/// (lines), so that reading and writing overlap the workers instead of stopping them.
///
/// Memory stays bounded whatever the number of inputs: at most `queued_per_thread` batches
/// per worker wait for a worker, and a worker that runs `window` batches ahead of the writer
/// waits for it (a slow input holds back at most that many results). Inputs travel in
/// batches of `batch`: handing each over on its own costs a lock, a wake-up and a reschedule
/// per input, which took a third of the processor time of a 2-thread cohort (perf: futex
/// wake-ups) and made 2 threads no faster than 1.
///
/// An exception in any of the three roles (a worker, the writer, or the reader) stops the
/// others and is rethrown by run_ordered on the calling thread, as it would be with one
/// thread: left on a worker thread it would end the process (std::terminate).
template <class In, class Out>
class OrderedPipeline {
 public:
  /// Thrown by push() once the pipeline has failed, so that the reader stops reading.
  struct Stopped {};

  struct Shape {
    std::size_t batch = 32;             // inputs per hand-over
    std::size_t queued_per_thread = 4;  // batches waiting for a worker, per worker
    std::uint64_t window = 128;         // batches a worker may run ahead of the writer
  };

  OrderedPipeline(unsigned workers, Shape shape)
      : shape_(shape), queued_limit_(shape.queued_per_thread * workers), done_(shape.window) {}

  /// Called by the reading thread only: inputs gather in a batch, queued when full (and the
  /// reader waits while the queue is full).
  void push(In input) {
    pending_.items.push_back(std::move(input));
    if (pending_.items.size() >= shape_.batch && !queue_pending()) throw Stopped{};
  }

  /// No more inputs: workers stop when the queue is empty, the writer after the last result.
  void close() {
    if (!pending_.items.empty()) queue_pending();
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    ready_.notify_all();
  }

  /// Stops every role: the first failure is kept, to be rethrown; later ones add nothing.
  void fail(std::exception_ptr failure) {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::move(failure);
    not_empty_.notify_all();
    not_full_.notify_all();
    ready_.notify_all();
    window_.notify_all();
  }

  /// The first failure, or null.
  std::exception_ptr failure() {
    std::lock_guard lock(mutex_);
    return failure_;
  }

  /// A worker's loop: `work(In&&) -> Out` for each input it takes.
  template <class Work>
  void work(Work&& work) {
    try {
      work_loop(work);
    } catch (...) {
      fail(std::current_exception());
    }
  }

  /// The writer's loop: `take(Out&&)` for every result, in input order, outside the lock.
  template <class Take>
  void write(Take&& take) {
    try {
      write_loop(take);
    } catch (...) {
      fail(std::current_exception());
    }
  }

 private:
  struct Batch {
    std::uint64_t seq = 0;
    std::vector<In> items;
  };
  struct Slot {
    std::vector<Out> results;
    bool ready = false;
  };

  template <class Work>
  void work_loop(Work& work) {
    while (true) {
      Batch batch;
      {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !queue_.empty() || closed_ || failure_; });
        if (queue_.empty() || failure_) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
        not_full_.notify_one();
        window_.wait(lock, [&] { return batch.seq < written_ + shape_.window || failure_; });
        if (failure_) return;
      }
      std::vector<Out> results;
      results.reserve(batch.items.size());
      for (auto& item : batch.items) results.push_back(work(std::move(item)));
      std::lock_guard lock(mutex_);
      auto& slot = done_[batch.seq % shape_.window];
      slot.results = std::move(results);
      slot.ready = true;
      if (batch.seq == written_) ready_.notify_one();
    }
  }

  template <class Take>
  void write_loop(Take& take) {
    std::vector<std::vector<Out>> taken;
    while (true) {
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] {
          return done_[written_ % shape_.window].ready || (closed_ && written_ == pushed_) || failure_;
        });
        if (failure_ || !done_[written_ % shape_.window].ready) return;
        for (auto* slot = &done_[written_ % shape_.window]; slot->ready; slot = &done_[written_ % shape_.window]) {
          taken.push_back(std::move(slot->results));
          slot->ready = false;
          ++written_;
        }
        window_.notify_all();
      }
      for (auto& results : taken)
        for (auto& result : results) take(std::move(result));
      taken.clear();
    }
  }

  /// False when the pipeline has failed: the batch is dropped.
  bool queue_pending() {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return queue_.size() < queued_limit_ || failure_; });
    if (failure_) {
      pending_ = Batch{};
      return false;
    }
    pending_.seq = pushed_++;
    queue_.push_back(std::move(pending_));
    pending_ = Batch{};
    not_empty_.notify_one();
    return true;
  }

  const Shape shape_;
  const std::size_t queued_limit_;
  Batch pending_;  // the reading thread's batch being filled (no lock: only it touches it)
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_, ready_, window_;
  std::deque<Batch> queue_;
  std::vector<Slot> done_;  // results by batch number modulo window
  std::uint64_t pushed_ = 0;
  std::uint64_t written_ = 0;
  bool closed_ = false;
  std::exception_ptr failure_;  // the first exception of any role; set, it stops them all
};

/// Runs a pipeline: `read(push)` calls push(In) for each input, in order, on this thread;
/// `work(worker, In&&) -> Out` runs on `threads` workers (worker: 0 to threads - 1, for
/// per-thread state); `take(Out&&)` gets the results in input order on one writer thread.
/// With one thread, everything runs on this thread, input by input. Whichever role throws
/// first, its exception comes out of run_ordered once every thread has stopped.
template <class In, class Out, class Read, class Work, class Take>
void run_ordered(unsigned threads, typename OrderedPipeline<In, Out>::Shape shape, Read&& read, Work&& work, Take&& take) {
  if (threads <= 1) {
    read([&](In input) { take(work(0u, std::move(input))); });
    return;
  }
  using Pipeline = OrderedPipeline<In, Out>;
  Pipeline pipeline(threads, shape);
  std::vector<std::thread> pool;  // the workers, then the writer
  try {
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] { pipeline.work([&](In&& input) { return work(t, std::move(input)); }); });
    pool.emplace_back([&] { pipeline.write(take); });
    read([&](In input) { pipeline.push(std::move(input)); });
  } catch (const typename Pipeline::Stopped&) {
    // another role failed: its exception is rethrown below
  } catch (...) {
    pipeline.fail(std::current_exception());  // the reader's, or a thread that could not start
  }
  pipeline.close();
  for (auto& th : pool) th.join();
  if (std::exception_ptr failure = pipeline.failure()) std::rethrow_exception(failure);
}

}  // namespace cadre
