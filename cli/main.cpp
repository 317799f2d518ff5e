// `cadre`: the command-line front end. The commands and their options are declared in
// cli/command_table.cpp and parsed by cli/command_line.cpp.
#include <string>
#include <vector>

#include "cli/command_line.hpp"

int main(int argc, char** argv) { return cadre::cli::run_cadre(std::vector<std::string>(argv + 1, argv + argc)); }
