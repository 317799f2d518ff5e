// SPDX-License-Identifier: Apache-2.0
// Parse-only figure for yaml-cpp (the reader cadre used before ADR 0020), for the ADR's
// comparison: pulls every event into a handler that does nothing.
#include <cstdio>
#include <fstream>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

namespace {
struct Nothing : YAML::EventHandler {
  unsigned long events = 0;
  void OnDocumentStart(const YAML::Mark&) override { ++events; }
  void OnDocumentEnd() override { ++events; }
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++events; }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { ++events; }
  void OnSequenceEnd() override { ++events; }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { ++events; }
  void OnMapEnd() override { ++events; }
};
}  // namespace

int main(int argc, char** argv) {
  Nothing handler;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(handler)) {
    }
  }
  std::printf("%lu events\n", handler.events);
}
