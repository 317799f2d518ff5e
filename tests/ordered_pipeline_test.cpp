// SPDX-License-Identifier: Apache-2.0
// engine/base/ordered_pipeline.hpp: results in input order whatever the threads, and an
// exception in any role (reader, worker, writer) comes out of run_ordered on the calling
// thread, as with one thread, instead of ending the process.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "engine/base/ordered_pipeline.hpp"

using namespace cadre;

namespace {

using Pipeline = OrderedPipeline<int, int>;

Pipeline::Shape small_shape() {
  Pipeline::Shape shape;
  shape.batch = 3;  // small batches and window: the limits are reached often
  shape.queued_per_thread = 2;
  shape.window = 4;
  return shape;
}

/// run_ordered on ints, with the small shape.
template <class Read, class Work, class Take>
void run_ints(unsigned threads, Read&& read, Work&& work, Take&& take) {
  run_ordered<int, int>(threads, small_shape(), std::forward<Read>(read), std::forward<Work>(work), std::forward<Take>(take));
}

/// Integers 0 to n - 1, pushed in order.
auto count_to(int n) {
  return [n](auto&& push) {
    for (int i = 0; i < n; ++i) push(i);
  };
}

}  // namespace

TEST_CASE("ordered pipeline: results come in input order with 1, 2 and 3 threads", "[pipeline]") {
  for (unsigned threads : {1u, 2u, 3u}) {
    std::vector<int> taken;
    run_ints(
        threads, count_to(5000),
        [](unsigned, int i) {
          if (i % 97 == 0) std::this_thread::yield();  // some inputs finish late
          return i * 2;
        },
        [&](int&& out) { taken.push_back(out); });
    REQUIRE(taken.size() == 5000);
    for (int i = 0; i < 5000; ++i) REQUIRE(taken[static_cast<std::size_t>(i)] == i * 2);
  }
}

TEST_CASE("ordered pipeline: a worker's exception is rethrown to the caller", "[pipeline]") {
  for (unsigned threads : {1u, 2u, 3u}) {
    std::atomic<int> pushed{0};
    auto run = [&] {
      run_ints(
          threads,
          [&](auto&& push) {
            for (int i = 0; i < 1000000; ++i) {
              ++pushed;
              push(i);
            }
          },
          [](unsigned, int i) {
            if (i == 50) throw std::runtime_error("input 50 is broken");
            return i;
          },
          [](int&&) {});
    };
    REQUIRE_THROWS_WITH(run(), "input 50 is broken");
    // The reader stopped soon after: it does not read a million inputs for nothing.
    CHECK(pushed.load() < 1000);
  }
}

TEST_CASE("ordered pipeline: the writer's exception is rethrown, and nothing is taken after it", "[pipeline]") {
  for (unsigned threads : {1u, 2u, 3u}) {
    std::vector<int> taken;
    auto run = [&] {
      run_ints(
          threads, count_to(10000), [](unsigned, int i) { return i; },
          [&](int&& out) {
            if (out == 20) throw std::runtime_error("disk full");
            taken.push_back(out);
          });
    };
    REQUIRE_THROWS_WITH(run(), "disk full");
    REQUIRE(taken.size() == 20);
    for (int i = 0; i < 20; ++i) CHECK(taken[static_cast<std::size_t>(i)] == i);
  }
}

TEST_CASE("ordered pipeline: the reader's exception is rethrown once the threads stopped", "[pipeline]") {
  for (unsigned threads : {1u, 2u, 3u}) {
    std::vector<int> taken;
    auto run = [&] {
      run_ints(
          threads,
          [](auto&& push) {
            for (int i = 0; i < 100; ++i) push(i);
            throw std::runtime_error("cannot read line 101");
          },
          [](unsigned, int i) { return i; }, [&](int&& out) { taken.push_back(out); });
    };
    REQUIRE_THROWS_WITH(run(), "cannot read line 101");
    // What was taken before the failure came in order.
    for (std::size_t i = 0; i < taken.size(); ++i) CHECK(taken[i] == static_cast<int>(i));
  }
}

TEST_CASE("ordered pipeline: when several roles fail, the first failure is the one rethrown", "[pipeline]") {
  auto run = [] {
    run_ints(
        2, count_to(100000), [](unsigned, int) -> int { throw std::runtime_error("every input fails"); }, [](int&&) {});
  };
  REQUIRE_THROWS_WITH(run(), "every input fails");
}
