// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/json_error.hpp"

#include <string_view>

namespace cadre::verify {

std::string json_error_text(const nlohmann::json::exception& e) {
  std::string_view text = e.what();
  if (text.rfind("[json.exception.", 0) == 0)
    if (auto end = text.find("] "); end != std::string_view::npos) text.remove_prefix(end + 2);
  if (auto echo = text.find("; last read:"); echo != std::string_view::npos) text = text.substr(0, echo);
  return std::string(text);
}

}  // namespace cadre::verify
