// SPDX-License-Identifier: Apache-2.0
// Times RDFC-1.0 on the shapes docs/canonicalization.md quotes (poison cliques, symmetric
// rings, the W3C vector's credential), so that the "Bounds" figures can be re-measured:
//   build/bench/cadre-bench-canon
// Prints one line per shape: blank nodes, quads, steps used, result, seconds.
#include <chrono>
#include <cstdio>
#include <string>

#include "engine/verify/rdfc.hpp"

using namespace cadre::verify;

namespace {

RdfDataset clique(int n) {
  RdfDataset d;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (i != j) d.push_back({RdfTerm::blank("n" + std::to_string(i)), RdfTerm::iri("urn:p"), RdfTerm::blank("n" + std::to_string(j)), {}});
    }
  }
  return d;
}

RdfDataset rings(int count, int size) {
  RdfDataset d;
  for (int r = 0; r < count; ++r) {
    for (int i = 0; i < size; ++i) {
      const std::string prefix = "r" + std::to_string(r) + "n";
      d.push_back({RdfTerm::blank(prefix + std::to_string(i)), RdfTerm::iri("urn:p"),
                   RdfTerm::blank(prefix + std::to_string((i + 1) % size)), {}});
    }
  }
  return d;
}

void time(const char* name, const RdfDataset& dataset) {
  const auto start = std::chrono::steady_clock::now();
  const RdfcResult result = canonicalize_rdf(dataset);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%-16s %7zu quads  %7zu steps  %-12s %.2f s\n", name, dataset.size(), result.work,
              result.nquads ? "canonical" : "too complex", elapsed.count());
}

}  // namespace

int main() {
  time("10-clique", clique(10));
  time("80-clique", clique(80));
  time("250-clique", clique(250));
  time("50 rings of 6", rings(50, 6));
  time("600 rings of 6", rings(600, 6));
  return 0;
}
