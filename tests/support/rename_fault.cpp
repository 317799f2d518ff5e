// SPDX-License-Identifier: Apache-2.0
#include "tests/support/rename_fault.hpp"

#include <dlfcn.h>

#include <cerrno>
#include <cstdio>

namespace cadre::testing {

namespace {
std::function<bool(const std::string&, const std::string&)> g_fails;
int g_failures = 0;
}  // namespace

RenameFault::RenameFault(std::function<bool(const std::string&, const std::string&)> fails) {
  g_fails = std::move(fails);
  g_failures = 0;
}
RenameFault::~RenameFault() { g_fails = nullptr; }
int RenameFault::failures() const { return g_failures; }

}  // namespace cadre::testing

extern "C" int rename(const char* from, const char* to) noexcept {
  using cadre::testing::g_fails;
  if (g_fails && g_fails(from, to)) {
    ++cadre::testing::g_failures;
    errno = EIO;
    return -1;
  }
  using Rename = int (*)(const char*, const char*);
  static const auto real = reinterpret_cast<Rename>(::dlsym(RTLD_NEXT, "rename"));
  return real(from, to);
}
