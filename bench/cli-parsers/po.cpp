// SPDX-License-Identifier: Apache-2.0
#include <boost/program_options.hpp>
#include <iostream>
namespace po = boost::program_options;
int main(int argc, char** argv) {
  // No subcommands in program_options: the first word is taken apart by hand.
  if (argc < 2 || std::string(argv[1]) != "check") return 2;
  std::vector<std::string> formats, outputs, waivers, paths;
  std::string rules, lang, color;
  po::options_description desc("check");
  desc.add_options()("help,h", "help")("format,f", po::value(&formats), "format")("output,o", po::value(&outputs), "output")(
      "rules", po::value(&rules)->default_value("dfcu-2023"), "rules")("lang", po::value(&lang)->default_value("fr"), "lang")(
      "color", po::value(&color)->default_value("auto"), "color")("waivers", po::value(&waivers), "waivers")(
      "quiet,q", po::bool_switch(), "quiet")("paths", po::value(&paths), "paths");
  po::positional_options_description pos;
  pos.add("paths", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc - 1, argv + 1).options(desc).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  // Enumerated values: checked by hand (or a custom validate() overload per type).
  for (const auto& f : formats)
    if (f != "text" && f != "json" && f != "sarif" && f != "junit" && f != "github" && f != "markdown") return 2;
  std::cout << paths.size() << formats.size() << vm["quiet"].as<bool>() << "\n";
}
