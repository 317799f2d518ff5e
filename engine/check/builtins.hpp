// SPDX-License-Identifier: Apache-2.0
// The one table of built-in functions, read by the checker (names, arity, docs) and by
// the compiler (which implements each name). No static self-registration.
#pragma once

#include <string>
#include <vector>

namespace cadre::check {

struct Builtin {
  const char* name;
  const char* signature;   // as documented in docs/language.md
  const char* summary;
  bool binds;              // first argument is a binding `x in list`
  int min_args;
  int max_args;
};

const std::vector<Builtin>& builtins();
const Builtin* find_builtin(const std::string& name);

}  // namespace cadre::check
