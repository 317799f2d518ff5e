// `cadre check PATH...`: records against a rule pack.
#include <fstream>
#include <iostream>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/version.hpp"
#include "engine/engine.hpp"
#include "engine/report/writers.hpp"

namespace cadre::cli {

namespace {

int usage_error(const std::string& message) {
  std::cerr << fmt::format("cadre check: error[E0502]: {}\n", message)
            << "usage: cadre check [--rules PACK] [--format text|json] [--output FILE] [--lang fr|en]\n"
               "                   [--fail-on error|warning|info|none] [--as-of YYYY-MM-DD] PATH...\n";
  return kExitError;
}

}  // namespace

int run_check(const std::vector<std::string>& args) {
  auto parsed = parse_args(args, {{"rules"}, {"format"}, {"output"}, {"lang"}, {"fail-on"}, {"as-of"},
                                  {"threads"}, {"color"}});
  if (!parsed.error.empty()) return usage_error(parsed.error);
  if (parsed.positionals.empty()) return usage_error("no file or directory to check");
  CheckOptions options;
  options.inputs = parsed.positionals;
  if (auto rules = parsed.get("rules")) options.rules = *rules;
  std::string format = parsed.get("format").value_or("text");
  if (format != "text" && format != "json") return usage_error(fmt::format("unknown format `{}` (text or json)", format));
  options.lang = parsed.get("lang").value_or("fr");
  if (options.lang != "fr" && options.lang != "en") return usage_error(fmt::format("unknown language `{}` (fr or en)", options.lang));
  std::string fail_on = parsed.get("fail-on").value_or("error");
  int threshold = fail_on == "error" ? 0 : fail_on == "warning" ? 1 : fail_on == "info" ? 2 : fail_on == "none" ? -1 : -2;
  if (threshold == -2) return usage_error(fmt::format("unknown --fail-on level `{}` (error, warning, info or none)", fail_on));
  if (auto as_of = parsed.get("as-of")) {
    auto date = parse_date(*as_of);
    if (!date || date->has_time()) return usage_error(fmt::format("`{}` is not a date (YYYY-MM-DD)", *as_of));
    options.as_of = *date;
  }
  if (auto threads = parsed.get("threads")) {
    try {
      options.threads = static_cast<unsigned>(std::stoul(*threads));
    } catch (...) {
      return usage_error(fmt::format("`{}` is not a number of threads", *threads));
    }
  }

  Engine engine;
  auto result = engine.check(options);

  std::ofstream file;
  std::ostream* out = &std::cout;
  if (auto path = parsed.get("output")) {
    file.open(*path, std::ios::binary);
    if (!file) {
      std::cerr << fmt::format("cadre check: error[E0501]: cannot write `{}`\n", *path);
      return kExitError;
    }
    out = &file;
  }
  std::string color = parsed.get("color").value_or("auto");
  report::TextStyle style{color == "always" || (color == "auto" && !parsed.get("output") && isatty(STDOUT_FILENO))};
  if (format == "json") report::write_json(*out, result, engine.sources(), kVersion);
  else report::write_text(*out, result, engine.sources(), style);
  out->flush();

  if (result.diagnostics.has_errors()) return kExitError;
  for (const auto& f : result.findings)
    if (threshold >= 0 && static_cast<int>(f.severity) <= threshold) return kExitFindings;
  return kExitClean;
}

}  // namespace cadre::cli
