// SPDX-License-Identifier: Apache-2.0
// Replays inputs through a fuzz target's LLVMFuzzerTestOneInput in a normal build (GCC, no
// libFuzzer), so ctest checks the regression corpus fixtures/fuzz/<target>/ — every crash,
// hang or slow input the fuzzers found — on every CI run, without clang.
// Usage: <target>_replay DIR_OR_FILE...   (exit 1 when no input was found: a corpus that
// silently vanished would make the test pass for nothing)
//        <target>_replay --rounds N DIR_OR_FILE...   runs every input N times, silently, and
// prints the executions per second of processor time after the first (setup) call: a
// measure of a harness's cost that a loaded machine does not distort, as wall-clock exec/s is.
#include <algorithm>
#include <ctime>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> inputs;
  long rounds = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--rounds" && i + 1 < argc) {
      rounds = std::stol(argv[++i]);
      continue;
    }
    fs::path arg = argv[i];
    if (fs::is_directory(arg)) {
      for (const auto& entry : fs::directory_iterator(arg))
        if (entry.is_regular_file() && entry.path().filename() != "README.md") inputs.push_back(entry.path());
    } else {
      inputs.push_back(arg);
    }
  }
  std::sort(inputs.begin(), inputs.end());
  if (rounds > 0) {
    std::vector<std::string> texts;
    for (const auto& path : inputs) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      texts.push_back(text.str());
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(""), 0);  // per-process setup, not counted
    std::clock_t start = std::clock();
    for (long r = 0; r < rounds; ++r)
      for (const auto& t : texts) LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(t.data()), t.size());
    double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    double runs = static_cast<double>(rounds) * static_cast<double>(texts.size());
    std::cout << static_cast<long>(runs) << " executions of " << texts.size() << " inputs in " << seconds
              << " s of processor time: " << static_cast<long>(runs / seconds) << " exec/s\n";
    return texts.empty() ? 1 : 0;
  }
  for (const auto& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "cannot read " << path << "\n";
      return 1;
    }
    std::stringstream text;
    text << in.rdbuf();
    std::string bytes = text.str();
    std::cout << "replaying " << path.filename().string() << " (" << bytes.size() << " bytes)" << std::endl;
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << "replayed " << inputs.size() << " inputs\n";
  return inputs.empty() ? 1 : 0;
}
