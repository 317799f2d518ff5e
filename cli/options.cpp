// SPDX-License-Identifier: Apache-2.0
#include "cli/options.hpp"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

namespace cadre::cli {

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  auto it = flags.find(name);
  if (it == flags.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string read_as_of(const ParsedArgs& args, Date& as_of) {
  auto text = args.get("as-of");
  if (!text) return {};
  auto date = parse_date(*text);
  if (!date || date->has_time()) return fmt::format("`{}` is not a date (YYYY-MM-DD)", *text);
  as_of = *date;
  return {};
}

std::string read_threads(const ParsedArgs& args, unsigned& threads) {
  auto text = args.get("threads");
  if (!text) return {};
  unsigned long n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n > 1024)
    return fmt::format("`{}` is not a number of threads", *text);
  threads = static_cast<unsigned>(n);
  return {};
}

bool use_color(const ParsedArgs& args, bool to_terminal) {
  std::string color = args.get("color").value_or("auto");
  if (color == "always") return true;
  if (color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return to_terminal && !(no_color && *no_color);
}

}  // namespace cadre::cli
