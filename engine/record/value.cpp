// SPDX-License-Identifier: Apache-2.0
#include "engine/record/value.hpp"

namespace cadre::record {

const Value* Value::get(const std::string& name) const {
  if (kind != Kind::Map) return nullptr;
  for (const auto& child : children)
    if (child.key == name) return &child;
  return nullptr;
}

std::string Value::pointer() const {
  if (!parent) return "";
  std::string token;
  if (parent->kind == Kind::Map) {
    for (char c : key) {
      if (c == '~') token += "~0";
      else if (c == '/') token += "~1";
      else token += c;
    }
  } else {
    token = std::to_string(this - parent->children.data());
  }
  return parent->pointer() + "/" + token;
}

void Value::link(const Value* up) {
  parent = up;
  for (auto& child : children) child.link(this);
}

}  // namespace cadre::record
