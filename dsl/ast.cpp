// SPDX-License-Identifier: Apache-2.0
#include "dsl/ast.hpp"

namespace cadre::ast {

const char* op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::Implies: return "implies";
    case BinaryOp::Or: return "or";
    case BinaryOp::And: return "and";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::In: return "in";
    case BinaryOp::NotIn: return "not in";
    case BinaryOp::Matches: return "matches";
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
  }
  return "?";
}

const char* op_text(UnaryOp op) { return op == UnaryOp::Not ? "not" : "-"; }

}  // namespace cadre::ast
