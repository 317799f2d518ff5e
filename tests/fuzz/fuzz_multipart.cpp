// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: any bytes given to `cadre serve`'s multipart/form-data parser as a request
// body (the first line is the Content-Type) get parts or an error, never a crash, a hang or a
// read outside the body; every part is a view inside it. See fuzz_dsl.cpp for how to build and run.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/serve/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto eol = bytes.find('\n');
  std::string_view type = eol == std::string_view::npos ? std::string_view{} : bytes.substr(0, eol);
  std::string_view body = eol == std::string_view::npos ? bytes : bytes.substr(eol + 1);
  std::string error;
  auto parts = cadre::serve::parse_multipart(type, body, error);
  if (!parts) {
    if (error.empty()) std::abort();  // a refusal always says why
    return 0;
  }
  for (const auto& p : *parts)
    if (p.data.data() < body.data() || p.data.data() + p.data.size() > body.data() + body.size()) std::abort();
  return 0;
}
