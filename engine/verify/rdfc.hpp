// SPDX-License-Identifier: Apache-2.0
// RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024): blank nodes relabelled
// _:c14n0, _:c14n1... from the dataset's shape alone, so that two isomorphic datasets serialize
// to the same N-Quads. The work is bounded (spec §4.4 "poison graphs"): past the budget the
// result is "too complex", never a partial or arbitrary labelling.
#pragma once

#include "engine/verify/rdf.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cadre::verify {

/// A hash function returning lowercase hex; RDFC-1.0's default is SHA-256.
using HashHex = std::string (*)(std::string_view bytes);

struct RdfcOptions {
  HashHex hash = nullptr;  // nullptr: SHA-256
  /// Budget of Hash N-Degree Quads calls and permutations tried. Credentials need a handful;
  /// every positive case of the W3C suite fits in a few thousand; a 10-clique needs millions.
  std::size_t max_work = 100000;
};

struct RdfcResult {
  std::optional<std::string> nquads;          // sorted canonical N-Quads, one quad per line
  std::map<std::string, std::string> issued;  // input blank node label -> canonical label
  std::string too_complex;                    // why nquads is empty
  std::size_t work = 0;                       // Hash N-Degree calls + permutations used
};

/// `dataset` canonicalized (duplicate quads count once: a dataset is a set).
RdfcResult canonicalize_rdf(const RdfDataset& dataset, const RdfcOptions& options = {});

}  // namespace cadre::verify
