// SPDX-License-Identifier: Apache-2.0
// engine/base/ordered_pipeline.hpp: results in input order whatever the threads, and an
// exception in any role (reader, worker, writer) comes out of run_ordered on the calling
// thread, as with one thread, instead of ending the process.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
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

}  // namespace

TEST_CASE("ordered pipeline: results come in input order with 1, 2 and 3 threads", "[pipeline]") {
  for (unsigned threads : {1u, 2u, 3u}) {
    std::vector<int> taken;
    run_ordered<int, int>(
        threads, small_shape(),
        [](auto&& push) {
          for (int i = 0; i < 5000; ++i) push(i);
        },
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
      run_ordered<int, int>(
          threads, small_shape(),
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
      run_ordered<int, int>(
          threads, small_shape(),
          [](auto&& push) {
            for (int i = 0; i < 10000; ++i) push(i);
          },
          [](unsigned, int i) { return i; },
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
      run_ordered<int, int>(
          threads, small_shape(),
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
    run_ordered<int, int>(
        2, small_shape(),
        [](auto&& push) {
          for (int i = 0; i < 100000; ++i) push(i);
        },
        [](unsigned, int) -> int { throw std::runtime_error("every input fails"); }, [](int&&) {});
  };
  REQUIRE_THROWS_WITH(run(), "every input fails");
}
