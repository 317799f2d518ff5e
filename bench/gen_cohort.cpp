// SPDX-License-Identifier: Apache-2.0
// cadre-bench-cohort: writes N trainees' transcripts as JSON Lines for benchmarking
// `cadre stack --transcripts` against the pathway of fixtures/stack (DIU-STK).
//
//   cadre-bench-cohort N OUT.jsonl
//
// Each trainee holds their own certificates, written inline (so each line is checked by
// the certificate rules): bricks A, B and C for most; one trainee in ten lacks C, one in
// twenty has a certificate with an impossible date (cannot be assessed), one in twenty has
// a certificate issued to someone else. Deterministic: trainee i gets the same line on
// every run. Standard library only, like cadre-bench-gen.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

namespace {

std::string certificate(const std::string& id, char brick, const std::string& holder, const std::string& issued) {
  std::string course = std::string("UC-STK-") + brick;
  return "{\"kind\":\"certificate\",\"id\":\"" + id + "\",\"course\":\"" + course + "\",\"title\":\"Brique " + brick +
         "\",\"issuer\":{\"university\":\"Université de Bordeaux\",\"country\":\"FR\",\"region\":\"Nouvelle-Aquitaine\","
         "\"header\":\"Université de Bordeaux — Formation continue\"},\"expert\":\"Jeanne Martin\",\"holder\":{\"id\":\"" +
         holder + "\",\"given_names\":\"Awa\",\"family_name\":\"Diallo\",\"birth_date\":\"1990-05-02\"},"
         "\"competences\":[{\"id\":\"C1\",\"label\":\"Concevoir une SAE alignée\"}],\"issued\":\"" + issued +
         "\",\"workload_hours\":21,\"level\":{\"framework\":\"EQF\",\"value\":6},\"assessment_type\":\"Étude de cas\","
         "\"participation\":\"online\",\"quality_assurance\":\"Qualiopi ; accréditation MESR\","
         "\"signature\":{\"signer\":\"Dean Lewis, président\",\"role\":\"legal_representative\",\"method\":\"eidas_seal\"},"
         "\"verification_url\":\"https://certificats.u-bordeaux.fr/verifier/" + id + "\"}";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: cadre-bench-cohort N OUT.jsonl\n";
    return 2;
  }
  long n = std::stol(argv[1]);
  std::ofstream out(argv[2], std::ios::binary);
  if (!out) {
    std::cerr << "cannot write " << argv[2] << "\n";
    return 2;
  }
  char holder[32], id[48];
  for (long i = 1; i <= n; ++i) {
    std::snprintf(holder, sizeof holder, "INE-%010ldA", i);
    std::string line = "{\"kind\":\"transcript\",\"holder\":{\"id\":\"" + std::string(holder) +
                       "\",\"given_names\":\"Awa\",\"family_name\":\"Diallo\"},\"credentials\":[";
    std::string bricks = i % 10 == 0 ? "AB" : "ABC";
    for (std::size_t b = 0; b < bricks.size(); ++b) {
      std::snprintf(id, sizeof id, "CERT-%ld-%c", i, bricks[b]);
      std::string who = i % 20 == 7 && b == 0 ? "INE-9999999999Z" : holder;
      std::string issued = i % 20 == 3 && b == 1 ? "2025-02-30" : "2025-03-20";
      line += (b ? "," : "") + certificate(id, bricks[b], who, issued);
    }
    out << line << "]}\n";
  }
  return 0;
}
