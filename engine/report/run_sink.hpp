// SPDX-License-Identifier: Apache-2.0
// Where Engine::check puts a run's files as they are finished, in file order, so that reports
// can be written while records are checked instead of from a run held whole in memory.
#pragma once

#include "engine/base/source.hpp"
#include "engine/report/file_part.hpp"

namespace cadre::report {

class RunSink {
 public:
  virtual ~RunSink() = default;
  /// The packs, rules and waivers are loaded (`run` has them, `sources` has their files and
  /// the record files' names); no record is read yet. False stops the run there.
  /// True when the sink keeps the parts it is given (a report written from the whole run):
  /// the files' positions are then kept for it.
  virtual bool collects() const = 0;
  virtual bool begin(const RunResult& run, const SourceManager& sources) = 0;
  /// One file, finished (finish_file), in the run's file order. Its positions are known
  /// during this call only: reports that need them later copy them.
  virtual void file(FilePart& part, const SourceManager& sources) = 0;
  /// Every file is in: `run` has the diagnostics of the whole run (sorted), the files
  /// skipped, and the records, findings and outcomes only when the run collected them.
  virtual void end(const RunResult& run, const SourceManager& sources) = 0;
};

}  // namespace cadre::report
