// SPDX-License-Identifier: Apache-2.0
// A canonical S-expression dump of the AST, for golden parser tests and `cadre parse`.
#pragma once

#include <string>

#include "dsl/ast.hpp"

namespace cadre::dsl {

/// `(between (path course.workload_hours) 7 30)`; with `sources`, each node is suffixed
/// with `@line:col` of its start.
std::string print_expr(const ast::Expr& e, const SourceManager* sources = nullptr);
std::string print_module(const ast::Module& m, const SourceManager* sources = nullptr);

}  // namespace cadre::dsl
