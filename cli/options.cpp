#include "cli/options.hpp"

#include <charconv>

#include <fmt/format.h>

namespace cadre::cli {

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  auto it = flags.find(name);
  if (it == flags.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs) {
  ParsedArgs out;
  bool only_positionals = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (only_positionals || arg.size() < 2 || arg.rfind("--", 0) != 0) {
      if (arg == "--") only_positionals = true;
      else out.positionals.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positionals = true;
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const FlagSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name) spec = &s;
    if (!spec) {
      out.error = fmt::format("unknown option `--{}`", name);
      return out;
    }
    if (spec->takes_value && !value) {
      if (i + 1 >= args.size()) {
        out.error = fmt::format("option `--{}` needs a value", name);
        return out;
      }
      value = args[++i];
    }
    if (!spec->takes_value && value) {
      out.error = fmt::format("option `--{}` takes no value", name);
      return out;
    }
    auto& slot = out.flags[name];
    if (!slot.empty() && !spec->repeatable) {
      out.error = fmt::format("option `--{}` is given twice", name);
      return out;
    }
    slot.push_back(value.value_or(""));
    out.ordered.emplace_back(name, value.value_or(""));
  }
  return out;
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

}  // namespace cadre::cli
