// SPDX-License-Identifier: Apache-2.0
#include "cli/command_line.hpp"

#include <algorithm>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/project_config.hpp"
#include "cli/version.hpp"
#include "engine/base/fuzzy.hpp"

namespace cadre::cli {

namespace {

std::string option_synopsis(const OptionSpec& o) {
  std::string value = o.choices.empty() ? o.value : fmt::format("{}", fmt::join(o.choices, "|"));
  std::string text = "--" + o.name + (value.empty() ? "" : " " + value);
  return "[" + text + "]" + (o.repeatable ? "..." : "");
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
  return out;
}

/// `--fromat` is close to `--format`.
std::string option_suggestion(const CommandSpec& command, const std::string& written) {
  std::string name = written;
  while (!name.empty() && name.front() == '-') name.erase(0, 1);
  if (auto eq = name.find('='); eq != std::string::npos) name.erase(eq);
  std::vector<std::string> names;
  for (const auto& o : command.options) names.push_back(o.name);
  names.push_back("help");
  auto best = closest_name(name, names);
  return best ? fmt::format(" (did you mean `--{}`?)", *best) : "";
}

}  // namespace

const CommandSpec* find_command(const std::string& name) {
  for (const auto& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

std::string usage_text(const CommandSpec& command) {
  std::string head = "usage: cadre " + command.name;
  std::string indent(head.size(), ' ');
  std::string out = head, line = head;
  auto add = [&](const std::string& word) {
    if (line.size() + 1 + word.size() > 100 && line != head && line != indent) {
      out += "\n" + indent;
      line = indent;
    }
    out += " " + word;
    line += " " + word;
  };
  for (const auto& o : command.options)
    if (o.name != "help") add(option_synopsis(o));
  if (!command.arguments.empty()) add(command.arguments);
  out += "\n" + command.extra_usage;
  return out;
}

std::string help_text(const CommandSpec& command) {
  std::string out = usage_text(command) + "\n" + command.summary + "\n\noptions:\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& o : command.options) {
    std::string left = (o.short_name ? fmt::format("-{}, ", o.short_name) : std::string("    ")) + "--" + o.name;
    if (!o.value.empty()) left += " " + o.value;
    std::string right = o.help;
    if (!o.choices.empty()) right += fmt::format(" ({})", joined(o.choices, ", "));
    if (o.repeatable) right += "; repeatable";
    rows.emplace_back(left, right);
  }
  rows.emplace_back("-h, --help", "print this help and exit");
  std::size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.first.size());
  for (const auto& [left, right] : rows) out += fmt::format("  {:<{}}  {}\n", left, width, right);
  out += "\nExit codes: 0 done and nothing at or above the failure level, 1 findings, 2 usage or input error.\n"
         "See docs/cli.md or `man cadre`.\n";
  return out;
}

std::string top_help_text() {
  std::string out = "usage: cadre <command> [options]\n\ncommands:\n";
  std::size_t width = 0;
  for (const auto& c : commands()) width = std::max(width, c.name.size() + 1 + c.arguments.size());
  for (const auto& c : commands())
    out += fmt::format("  {:<{}}  {}\n", c.name + (c.arguments.empty() ? "" : " " + c.arguments), width, c.summary);
  out += "\noptions:\n  -h, --help     print this help, or a command's: `cadre check --help`\n"
         "  -V, --version  print the version\n"
         "  --no-cache     with any command: parse the rule files afresh, use no pack cache\n\n"
         "See docs/cli.md, `man cadre`, or `cadre check --help`.\n";
  return out;
}

int usage_error(const CommandSpec& command, const std::string& message) {
  std::cerr << fmt::format("cadre {}: error[E0502]: {}\n", command.name, message) << usage_text(command);
  return kExitError;
}

ParsedArgs parse_command_line(const CommandSpec& command, const std::vector<std::string>& args) {
  ParsedArgs out;
  out.command = command.name;
  CLI::App app("cadre " + command.name);
  app.set_help_flag();  // --help is an option of the table, printed from it
  app.allow_extras(false);
  std::map<const CLI::Option*, const OptionSpec*> specs;
  std::vector<std::string> positionals;
  bool help = false;
  app.add_flag("-h,--help", help);
  std::vector<std::vector<std::string>> values(command.options.size());
  std::vector<bool> flags(command.options.size());
  for (std::size_t i = 0; i < command.options.size(); ++i) {
    const OptionSpec& o = command.options[i];
    std::string names = (o.short_name ? fmt::format("-{},", o.short_name) : std::string()) + "--" + o.name;
    CLI::Option* option = nullptr;
    if (o.value.empty()) {
      option = app.add_flag(names);
      if (!o.repeatable) option->multi_option_policy(CLI::MultiOptionPolicy::Throw);
    } else {
      option = app.add_option(names, values[i]);
      option->type_size(1)->expected(1)->allow_extra_args(false);
      if (!o.repeatable) option->multi_option_policy(CLI::MultiOptionPolicy::Throw);
      else option->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    }
    specs[option] = &o;
  }
  app.add_option("arguments", positionals);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ExtrasError& e) {
    std::string first;
    for (const auto& a : args)
      if (a.size() > 1 && a[0] == '-' && a != "--") {
        bool known = false;
        for (const auto& [option, spec] : specs)
          if (option->check_lname(a.substr(2, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 2)) ||
              (a.size() == 2 && option->check_sname(a.substr(1))))
            known = true;
        if (!known && a != "-h" && a != "--help") {
          first = a;
          break;
        }
      }
    out.error = first.empty() ? e.what() : fmt::format("unknown option `{}`{}", first, option_suggestion(command, first));
    return out;
  } catch (const CLI::ArgumentMismatch& e) {
    std::string what = e.what();
    bool twice = what.find("At Most 1") != std::string::npos || what.find("At most 1") != std::string::npos;
    out.error = twice ? fmt::format("`{}` is given more than once", what.substr(0, what.find(':'))) : what;
    return out;
  } catch (const CLI::ParseError& e) {
    out.error = e.what();
    return out;
  }
  if (help) {
    out.flags["help"].push_back("");
    return out;
  }
  // Every occurrence in command-line order: `--format F --output FILE` pairs rely on it.
  std::map<const CLI::Option*, std::size_t> seen;
  for (const CLI::Option* option : app.parse_order()) {
    auto it = specs.find(option);
    if (it == specs.end()) continue;
    const OptionSpec& spec = *it->second;
    std::size_t k = seen[option]++;
    std::string value;
    if (!spec.value.empty()) {
      const auto& results = option->results();
      value = k < results.size() ? results[k] : std::string();
      // An empty path (an unset shell variable, say) names nothing: never a default, never
      // standard output.
      bool names_path = spec.value.starts_with("FILE") || spec.value == "DIR";
      if (names_path && value.empty()) {
        out.error = fmt::format("`--{}` needs a {} name", spec.name, spec.value == "DIR" ? "folder" : "file");
        return out;
      }
      // `-` is standard output for an output FILE (io::OutputFile); a folder of files cannot go there.
      if (spec.value == "DIR" && spec.name == "out" && value == "-") {
        out.error = "`--out -`: standard output cannot hold a folder of files; give a folder name (`--out ./-` for a folder named `-`)";
        return out;
      }
      if (!spec.choices.empty() && std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
        auto best = closest_name(value, spec.choices);
        out.error = fmt::format("`{}` is not a value of `--{}` ({}){}", value, spec.name, joined(spec.choices, ", "),
                                best ? fmt::format("; did you mean `{}`?", *best) : "");
        return out;
      }
    }
    out.flags[spec.name].push_back(value);
    out.ordered.emplace_back(spec.name, value);
  }
  out.positionals = positionals;
  if (out.positionals.size() < command.min_arguments)
    out.error = command.arguments.empty() ? "missing arguments" : fmt::format("missing {}", command.arguments);
  else if (out.positionals.size() > command.max_arguments)
    out.error = fmt::format("unexpected `{}`", out.positionals[command.max_arguments]);
  return out;
}

int run_cadre(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cout << top_help_text();
    return kExitError;
  }
  const std::string& first = args[0];
  if (first == "--help" || first == "-h" || first == "help") {
    if (args.size() > 1) {
      if (const CommandSpec* c = find_command(args[1])) {
        std::cout << help_text(*c);
        return kExitClean;
      }
    }
    std::cout << top_help_text();
    return kExitClean;
  }
  if (first == "--version" || first == "-V") {
    std::cout << "cadre " << kVersion << "\n";
    return kExitClean;
  }
  const CommandSpec* command = find_command(first);
  if (!command) {
    std::vector<std::string> names;
    for (const auto& c : commands()) names.push_back(c.name);
    auto best = first.size() > 1 && first[0] == '-' ? std::nullopt : closest_name(first, names);
    std::cerr << fmt::format("cadre: error[E0502]: unknown {} `{}`{}\n", first[0] == '-' ? "option" : "command", first,
                             best ? fmt::format(" (did you mean `{}`?)", *best) : "")
              << top_help_text();
    return kExitError;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  ParsedArgs parsed = parse_command_line(*command, rest);
  if (!parsed.error.empty()) return usage_error(*command, parsed.error);
  if (parsed.has("help")) {
    std::cout << help_text(*command);
    return kExitClean;
  }
  // The project configuration fills what the command line did not give.
  if (auto error = apply_project_config(*command, parsed); !error.empty()) {
    if (error != kConfigReported) std::cerr << fmt::format("cadre {}: error[E0502]: {}\n", command->name, error);
    return kExitError;
  }
  try {
    return command->run(parsed);
  } catch (const std::exception& e) {
    // Reaching this is a bug: report it as such rather than dying silently.
    std::cerr << "cadre: internal error: " << e.what() << "\n";
    return kExitError;
  }
}

}  // namespace cadre::cli
