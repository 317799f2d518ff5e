#include <fstream>
#include <iostream>
#include <sstream>
#include "dsl/parse.hpp"
#include "dsl/ast_printer.hpp"
int main(int argc, char** argv) {
  using namespace cadre;
  SourceManager sm; Diagnostics d; ast::NodeId id = 1;
  std::ifstream in(argv[1]); std::stringstream ss; ss << in.rdbuf();
  auto f = sm.add(argv[1], ss.str());
  auto m = dsl::parse(sm, f, d, id);
  for (auto& x : d.items()) { auto p = sm.file(x.span.file).position(x.span.begin); std::cout << p.line << ":" << p.column << " " << diag_info(x.code).code << " " << x.message << "\n"; }
  if (m) std::cout << dsl::print_module(*m, &sm);
  (void)argc;
}
