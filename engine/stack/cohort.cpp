// SPDX-License-Identifier: Apache-2.0
#include "engine/stack/cohort.hpp"

#include <algorithm>
#include <memory>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/base/ordered_pipeline.hpp"
#include "engine/record/loader.hpp"
#include "engine/report/format_version.hpp"
#include "engine/report/markup.hpp"
#include "engine/report/stack_writers.hpp"
#include "engine/waivers/waivers.hpp"

namespace cadre::stack {

namespace {

using Json = nlohmann::ordered_json;

/// What one line of a cohort gives. Workers fill it in any order; the sink takes them in
/// line order, so counts, diagnostics and the repeated-holder check are deterministic.
struct LineOutcome {
  enum class Kind { Trainee, NotTranscript, Comment };
  Kind kind = Kind::Trainee;
  std::string result;                    // the trainee's JSON line
  std::vector<std::string> diagnostics;  // positioned, for standard error
  std::string verdict;
  std::vector<std::string> missing, refusals;
  std::string holder;                    // the transcript holder's id, else their name
  std::string holder_shown;              // as a warning names them
  std::string holder_place;              // file:line:column of the line's `holder`
};

/// Takes the lines' outcomes in line order: results to `out`, diagnostics to `diagnostics`,
/// counts into `totals`, and a warning for a holder already seen on an earlier line (two
/// transcripts of one person are two verdicts, at most one of them the right one).
class CohortSink {
 public:
  CohortSink(std::ostream& out, std::ostream& diagnostics, CohortTotals& totals)
      : out_(out), diagnostics_(diagnostics), totals_(totals) {}

  void take(std::uint32_t line_no, const LineOutcome& o) {
    for (const auto& d : o.diagnostics) diagnostics_ << d << '\n';
    if (o.kind == LineOutcome::Kind::Comment) {
      ++totals_.comment_lines;
      return;
    }
    if (o.kind == LineOutcome::Kind::NotTranscript) {
      ++totals_.lines_without_transcript;
      return;
    }
    out_ << o.result << '\n';
    ++totals_.trainees;
    ++totals_.verdicts[o.verdict];
    for (const auto& m : o.missing) ++totals_.missing[m];
    for (const auto& r : o.refusals) ++totals_.refusals[r];
    if (o.holder.empty()) return;
    auto [first, inserted] = first_line_of_.emplace(o.holder, line_no);
    if (inserted) return;
    ++totals_.repeated_holders;
    diagnostics_ << fmt::format("{}: warning[W0328]: holder {} is also on line {}: lines {} and {} are two transcripts of "
                                "one person, assessed separately; merge them or remove one\n",
                                o.holder_place, o.holder_shown, first->second, first->second, line_no);
  }

 private:
  std::ostream& out_;
  std::ostream& diagnostics_;
  CohortTotals& totals_;
  // One entry per holder: the only state that grows with the cohort (an id and a line number).
  std::map<std::string, std::uint32_t> first_line_of_;
};

/// Checks and assesses trainees (lines of a cohort file), each on its own. A worker owns a
/// scratch source manager whose file ids come after the engine's, so a finding's file says
/// whether it is in the catalogue or in the line.
class CohortWorker {
 public:
  CohortWorker(const Engine& engine, const record::Record& pathway, const Catalogue& catalogue,
               const std::vector<Exception>& exceptions, const Date& as_of,
               const std::vector<std::unique_ptr<report::Waiver>>& waivers, const std::string& path,
               const std::string& lang)
      : engine_(engine), pathway_(pathway), catalogue_(catalogue), exceptions_(exceptions), as_of_(as_of), waivers_(waivers),
        path_(path), lang_(lang) {
    for (std::size_t i = 0; i < engine.sources().size(); ++i) scratch_.add({}, {});
    // Every line is JSON whatever the file is called (`-`, /dev/stdin, .ndjson): the loader
    // picks its reader by extension.
    bool jsonl = path.size() >= 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0;
    line_file_ = scratch_.add(jsonl ? path : path + "#line.jsonl", {});
  }

  /// What line `line_no` gives: the result of its trainee, or why it holds none.
  LineOutcome assess(std::uint32_t line_no, std::string text) {
    auto locate = [&](FileId file, std::uint32_t offset) {
      if (file != line_file_) return report::locate_in(engine_.sources())(file, offset);
      auto p = scratch_.file(file).position(offset);  // the line is line 1 of its own text
      return report::Place{path_, line_no, p.column};
    };
    LineOutcome outcome;
    if (text.empty()) {  // only lines too long to read arrive empty
      outcome.diagnostics.push_back(fmt::format("{}:{}:1: error[E0326]: the line is longer than {} bytes; it was not read, "
                                                "and no trainee is counted for it",
                                                path_, line_no, record::LoadLimits{}.max_file_bytes));
      outcome.kind = LineOutcome::Kind::NotTranscript;
      return outcome;
    }
    // JSON Lines have no comments: a `#` or `//` line is someone's note, not a trainee.
    if (auto first = text.find_first_not_of(" \t"); text.compare(first, 1, "#") == 0 || text.compare(first, 2, "//") == 0) {
      outcome.diagnostics.push_back(fmt::format("{}:{}:{}: warning[W0327]: a comment line: JSON Lines have no comments; "
                                                "the line is skipped, and no trainee is counted for it",
                                                path_, line_no, first + 1));
      outcome.kind = LineOutcome::Kind::Comment;
      return outcome;
    }
    scratch_.mutable_file(line_file_).set_text(std::move(text));
    auto checked = engine_.check_document(scratch_, line_file_);
    // Waivers were loaded (and their use reported) by the catalogue's run; here they only
    // mark what they cover, so workers share them read-only.
    for (auto& f : checked.findings)
      for (const auto& w : waivers_)
        if (!f.waiver && !w->expired && waivers::covers(*w, f)) f.waiver = w.get();
    const record::Record* transcript = nullptr;
    for (const auto& r : checked.records)
      if (!transcript && r.kind == "transcript") transcript = &r;
    if (!transcript) {
      // Not a trainee: a line that is not JSON, or a record of another kind. Said where it
      // is, with why, and kept out of the cohort's counts.
      std::string what = "the line holds no `kind: transcript` record";
      std::uint32_t at = 0;
      if (!checked.records.empty()) {
        const auto& r = checked.records.front();
        std::string id = r.id.empty() ? "" : fmt::format(" (`{}`)", r.id);
        what = r.kind.empty() ? fmt::format("the line holds a record{} without `kind: transcript`", id)
                              : fmt::format("the line holds a `{}` record{}, not a transcript", r.kind, id);
        at = r.offset;
      } else {
        for (const auto& d : checked.diagnostics.items())
          if (d.severity == Severity::Error && d.span.file == line_file_) {
            what = fmt::format("the line is not a record cadre can read ({})", d.message);
            at = d.span.begin;
            break;
          }
      }
      auto p = locate(line_file_, at);
      // What the line says goes to a terminal: its control characters are shown, not obeyed.
      outcome.diagnostics.push_back(fmt::format("{}:{}:{}: error[E0326]: {}; no trainee is counted for it", p.path, p.line,
                                                p.column, report::terminal_safe(what)));
      outcome.kind = LineOutcome::Kind::NotTranscript;
      return outcome;
    }
    auto assessed = stack::assess(pathway_, *transcript, catalogue_, checked.records, checked.findings, exceptions_, as_of_, lang_);
    attach_diagnostics(assessed, checked.records, checked.diagnostics, locate);
    Json result;
    result["format_version"] = report::kJsonFormatVersion;
    result["line"] = line_no;
    Json body = report::stack_json(assessed, locate);  // named: items() keeps no temporary alive
    for (auto& [key, value] : body.items()) result[key] = value;
    outcome.result = result.dump(-1, ' ', false, Json::error_handler_t::replace);
    outcome.verdict = verdict_name(assessed.verdict);
    outcome.missing = assessed.allocation.completion;
    for (const auto& r : assessed.refused) outcome.refusals.push_back(r.reason_code);
    // The same person on two lines is read by id (the INE), else by name, as assess() does.
    outcome.holder = !assessed.holder_id.empty() ? assessed.holder_id : assessed.holder_name;
    if (!outcome.holder.empty()) {
      const record::Value* holder = transcript->root->get("holder");
      auto p = locate(line_file_, holder ? holder->offset : transcript->offset);
      outcome.holder_place = fmt::format("{}:{}:{}", p.path, p.line, p.column);
      outcome.holder_shown = report::terminal_safe(assessed.holder_name.empty() || assessed.holder_name == outcome.holder
                                                       ? outcome.holder
                                                       : fmt::format("{} ({})", outcome.holder, assessed.holder_name));
    }
    return outcome;
  }

 private:
  const Engine& engine_;
  const record::Record& pathway_;
  const Catalogue& catalogue_;
  const std::vector<Exception>& exceptions_;
  const Date as_of_;
  const std::vector<std::unique_ptr<report::Waiver>>& waivers_;
  const std::string& path_;
  const std::string& lang_;
  SourceManager scratch_;
  FileId line_file_ = kNoFile;
};

/// Reads lines in blocks, and never holds more than `limit` bytes of one line: a hostile
/// file with no line break cannot exhaust memory (such a line is reported, not read).
class LineReader {
 public:
  LineReader(std::istream& in, std::size_t limit) : in_(in), limit_(limit) {}

  /// False at the end. `too_long`: the line exceeded the limit, and `line` is empty.
  bool next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    bool seen = false;  // some byte of this line, or its line break
    while (true) {
      if (pos_ == buffer_.size()) {
        if (eof_) return seen;
        buffer_.resize(kBlock);
        in_.read(buffer_.data(), static_cast<std::streamsize>(kBlock));
        buffer_.resize(static_cast<std::size_t>(in_.gcount()));
        pos_ = 0;
        if (buffer_.size() < kBlock) eof_ = true;
        continue;
      }
      seen = true;
      std::size_t newline = buffer_.find('\n', pos_);
      std::size_t end = newline == std::string::npos ? buffer_.size() : newline;
      if (!too_long) {
        line.append(buffer_, pos_, end - pos_);
        if (line.size() > limit_) {
          too_long = true;
          std::string().swap(line);
        }
      }
      pos_ = newline == std::string::npos ? buffer_.size() : newline + 1;
      if (newline != std::string::npos) return true;
    }
  }

 private:
  static constexpr std::size_t kBlock = 1 << 20;
  std::istream& in_;
  std::size_t limit_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
};

}  // namespace

/// Schema errors of an invalid certificate, as the report shows them: the diagnostics of its
/// file between its start and the next record's.
std::string error_line(const Diagnostic& d, const report::Locate& locate) {
  auto p = locate(d.span.file, d.span.begin);
  return fmt::format("{}:{}:{}: error[{}]: {}", p.path, p.line, p.column, diag_info(d.code).code, d.message);
}

void attach_diagnostics(StackResult& result, const std::vector<record::Record>& records,
                        const Diagnostics& diagnostics, const report::Locate& locate) {
  for (auto& r : result.refused) {
    if (!r.record || r.reason_code != "invalid") continue;
    std::uint32_t end = UINT32_MAX;
    for (const auto& other : records)
      if (other.file == r.record->file && other.offset > r.record->offset) end = std::min(end, other.offset);
    for (const auto& d : diagnostics.items()) {
      if (d.span.file != r.record->file || d.span.begin < r.record->offset || d.span.begin >= end) continue;
      if (d.severity == Severity::Error) r.details.push_back(error_line(d, locate));
    }
  }
}

CohortTotals assess_cohort(const Engine& engine, const record::Record& pathway, const Catalogue& catalogue,
                           const std::vector<Exception>& exceptions, const Date& as_of,
                           const std::vector<std::unique_ptr<report::Waiver>>& waivers, std::istream& in,
                           const std::string& path, std::ostream& out, std::ostream& diagnostics,
                           const std::string& lang, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::unique_ptr<CohortWorker>> workers;
  CohortTotals totals;
  CohortSink sink(out, diagnostics, totals);
  for (unsigned t = 0; t < threads; ++t)
    workers.push_back(std::make_unique<CohortWorker>(engine, pathway, catalogue, exceptions, as_of, waivers, path, lang));
  LineReader reader(in, record::LoadLimits{}.max_file_bytes);
  // Calls `job(line_no, text)` for each line to assess, in order: blank lines are skipped,
  // a line too long to read arrives empty (the worker reports it).
  auto read_lines = [&](auto&& job) {
    std::uint32_t line_no = 0;
    std::string line;
    bool too_long = false;
    while (reader.next(line, too_long)) {
      ++line_no;
      if (too_long) job(line_no, std::string{});
      else if (line.find_first_not_of(" \t\r") != std::string::npos) job(line_no, std::move(line));
    }
  };
  // One thread reads lines, the workers assess them, one writer takes the outcomes in line
  // order (engine/base/ordered_pipeline.hpp): lines in batches of 32, at most 4 batches per
  // worker queued and a window of 128 batches (4,096 lines) between the writer and the
  // workers furthest ahead. With one thread, lines are read, assessed and written in turn.
  using Line = std::pair<std::uint32_t, std::string>;
  using Assessed = std::pair<std::uint32_t, LineOutcome>;
  OrderedPipeline<Line, Assessed>::Shape shape;
  shape.batch = 32;
  shape.queued_per_thread = 4;
  shape.window = 128;
  run_ordered<Line, Assessed>(
      threads, shape,
      [&](auto&& push) { read_lines([&](std::uint32_t line_no, std::string text) { push(Line{line_no, std::move(text)}); }); },
      [&](unsigned worker, Line&& line) {
        return Assessed{line.first, workers[worker]->assess(line.first, std::move(line.second))};
      },
      [&](Assessed&& assessed) { sink.take(assessed.first, assessed.second); });
  return totals;
}

}  // namespace cadre::stack
