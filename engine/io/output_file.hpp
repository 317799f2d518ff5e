// SPDX-License-Identifier: Apache-2.0
// Writing a command's outputs without ever losing a file a user has.
//
// Before anything is written, `refuse_outputs` checks every output of the run at once: none
// may be a file the run reads (InputRegistry), a symbolic link, something other than a
// regular file, or the same file as another output. Then each output is an OutputFile: its
// bytes go to a temporary file created exclusively in the same folder (never through a
// link), which replaces the target only when complete, so an interrupted run leaves the
// previous file whole. An output named `-` is standard output, for every command.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "engine/io/input_registry.hpp"

namespace cadre::io {

struct OutputTarget {
  std::string path;
  std::string role;  // for messages: "the `--output` of the json report"
};

/// `-`: standard output, never a file named `-` (as `-` among inputs is standard input).
bool is_standard_output(const std::string& path);

/// Empty when every output may be written; otherwise why not, naming both roles of the file.
std::string refuse_outputs(const std::vector<OutputTarget>& outputs, const InputRegistry& inputs);

/// One output file, written to a temporary beside it and renamed into place by commit().
/// Destroyed without commit(), it leaves the target untouched and removes the temporary.
class OutputFile {
 public:
  OutputFile();
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  OutputFile(OutputFile&&) noexcept;
  OutputFile& operator=(OutputFile&&) noexcept;

  /// Creates the temporary for `path`; false with `error` when it cannot be created.
  bool open(const std::string& path, std::string& error);
  std::ostream& stream();
  /// Flushes, syncs and renames the temporary onto the target; false with `error` (the
  /// target then is as it was).
  bool commit(std::string& error);
  /// Removes the temporary (the target stays as it was).
  void discard();
  const std::string& path() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// True once an OutputFile on standard output failed to commit: the command reports that
/// failure itself, so the front end's last check of standard output does not say it again.
bool standard_output_failure_reported();

/// Writes `bytes` to `path` through an OutputFile: all of it, or nothing.
bool write_file_atomically(const std::string& path, const std::string& bytes, std::string& error);

/// A temporary name beside `target`, unique to this process: `.NAME.cadre-PID-N.tmp`.
std::string temporary_beside(const std::string& target);

}  // namespace cadre::io
