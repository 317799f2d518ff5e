// SPDX-License-Identifier: Apache-2.0
// The benchmark generators' random source, deterministic across standard libraries.
// Standard library only, like the generators.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace cadre::bench {

// Deterministic random source. Only the raw mt19937 output and std::seed_seq are
// specified bit for bit by the standard; std::uniform_int_distribution and
// std::shuffle are not, so the same seed would give different files with libstdc++
// and libc++. Hence the hand-written bounded draw and shuffle below. Callers draw at
// most one value per expression: the evaluation order of operands (a() + b()) is
// unspecified, and GCC and Clang do pick different orders.
class Rng {
public:
    // One stream per file, seeded from (seed, file index): file k is the same whatever
    // N is, so the 1-file case is the first file of the 1,000-file case.
    Rng(std::uint32_t seed, std::uint32_t stream) {
        std::seed_seq seq{seed, stream};
        engine_.seed(seq);
    }

    // Uniform integer in [lo, hi], both inclusive (rejection sampling, no modulo bias).
    int between(int lo, int hi) {
        const auto span = static_cast<std::uint32_t>(hi - lo) + 1U;
        const std::uint32_t limit = 0xFFFFFFFFU - (0xFFFFFFFFU % span);
        std::uint32_t draw = 0;
        do {
            draw = static_cast<std::uint32_t>(engine_());
        } while (draw >= limit);
        return lo + static_cast<int>(draw % span);
    }

    // True with probability num/den.
    bool chance(int num, int den) { return between(0, den - 1) < num; }

    template <class T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[static_cast<std::size_t>(between(0, static_cast<int>(N) - 1))];
    }

    // Fisher-Yates.
    template <class T>
    void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) {
            const auto j = static_cast<std::size_t>(between(0, static_cast<int>(i) - 1));
            std::swap(items[i - 1], items[j]);
        }
    }

private:
    std::mt19937 engine_;
};

}  // namespace cadre::bench
