// The subcommands of `cadre`. Each returns the process exit code: 0 clean, 1 findings at
// or above --fail-on, 2 the work could not be done as asked (see docs/cli.md).
#pragma once

#include <string>
#include <vector>

namespace cadre::cli {

inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

int run_check(const std::vector<std::string>& args);
int run_parse(const std::vector<std::string>& args);
int run_explain(const std::vector<std::string>& args);
int run_test(const std::vector<std::string>& args);
int run_rules(const std::vector<std::string>& args);
int run_lint(const std::vector<std::string>& args);
int run_stack(const std::vector<std::string>& args);
int run_audit(const std::vector<std::string>& args);
int run_verify(const std::vector<std::string>& args);
int run_schema(const std::vector<std::string>& args);

}  // namespace cadre::cli
