// SPDX-License-Identifier: Apache-2.0
#include "engine/engine.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "engine/base/fuzzy.hpp"
#include "engine/base/ordered_pipeline.hpp"
#include "engine/check/checker.hpp"
#include "engine/lint/lint.hpp"
#include "engine/compile/program.hpp"
#include "engine/pack/pack_loader.hpp"
#include "engine/pack/parse_cache.hpp"
#include "engine/record/conform.hpp"
#include "engine/record/counted_kinds.hpp"
#include "engine/record/declared_ids.hpp"
#include "engine/record/loader.hpp"
#include "engine/record/unreadable.hpp"
#include "engine/schema/schema.hpp"
#include "engine/waivers/waivers.hpp"
#include "engine/verify/strict_json.hpp"
#include "engine/verify/verifier.hpp"
#include "engine/walk/exclude.hpp"
#include "engine/walk/git_files.hpp"

namespace cadre {

namespace fs = std::filesystem;
using report::Finding;
using report::RecordStatus;

const char* report::status_name(RecordStatus::Status s) {
  switch (s) {
    case RecordStatus::Status::Pass: return "pass";
    case RecordStatus::Status::Fail: return "fail";
    case RecordStatus::Status::Invalid: return "invalid";
    case RecordStatus::Status::Waived: return "waived";
  }
  return "pass";
}

report::Summary report::summarize(const RunResult& result) {
  Summary s;
  count(s, result.records, result.findings);
  return s;
}

namespace {

/// Why a path that is not a regular file or a directory cannot be read as records; "" when
/// it is one of those (following links). A FIFO would block the run, a device never ends.
std::string unreadable_entry(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    int error = errno;
    struct stat link {};
    if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
      std::error_code ec;
      std::string target = fs::read_symlink(path, ec).string();
      if (error == ELOOP) return fmt::format("symbolic link loop (`{}` leads back to itself): nothing to read", target);
      return fmt::format("symbolic link to `{}`, which does not exist", target);
    }
    if (error == ENOENT) return "no such file or directory";
    return fmt::format("cannot read this path: {}", std::strerror(error));
  }
  if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) return {};
  if (S_ISFIFO(st.st_mode)) return "a FIFO (named pipe), not a regular file: cadre reads record files";
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "a device, not a regular file: cadre reads record files";
  if (S_ISSOCK(st.st_mode)) return "a socket, not a regular file: cadre reads record files";
  return "not a regular file: cadre reads record files";
}

/// What a folder walk leaves out besides its own rules: git's ignored files, excluded globs.
struct WalkFilter {
  const WalkOptions& options;
  fs::path root;
  std::optional<std::set<std::string>> visible;  // git's files under root (relative), when in a work tree
  std::set<std::string> visible_dirs;             // and the folders that hold them

  WalkFilter(const WalkOptions& o, const fs::path& r) : options(o), root(r.lexically_normal()) {
    if (!root.has_filename() && root.has_parent_path() && root != root.root_path()) root = root.parent_path();
    if (!options.gitignore) return;
    visible = walk::git_visible_files(root.string());
    // A folder named on the command line that git ignores as a whole (bench/out/, a build
    // folder) is one the user wants checked: .gitignore prunes what a walk finds, not what
    // the user names.
    if (visible && visible->empty()) visible.reset();
    if (!visible) return;
    for (const auto& f : *visible)
      for (fs::path d = fs::path(f).parent_path(); !d.empty(); d = d.parent_path()) visible_dirs.insert(d.generic_string());
  }
  std::string relative(const fs::path& p) const { return p.lexically_normal().lexically_relative(root).generic_string(); }
  bool excluded(const fs::path& p) const {
    return walk::any_glob_matches(options.excludes, relative(p)) || walk::any_glob_matches(options.excludes, p.string());
  }
  bool enters(const fs::path& dir) const {
    if (dir.filename().string().rfind('.', 0) == 0) return false;  // hidden: .git, .cadre (a clone), .github
    if (excluded(dir)) return false;
    return !visible || visible_dirs.count(relative(dir));
  }
  bool keeps(const fs::path& file) const {
    if (excluded(file)) return false;
    if (!options.includes.empty() && !walk::any_glob_matches(options.includes, relative(file)) &&
        !walk::any_glob_matches(options.includes, file.string()))
      return false;
    return !visible || visible->count(relative(file));
  }
};

/// Record files under `dir`, depth first. Everything with a record file's name that cannot
/// be read — a folder that does not open, a FIFO, a device, a dangling link, a link loop —
/// is an error with its path, and the walk goes on. Links to folders are not followed (a
/// link to a parent would walk forever): each is a warning with its path.
void walk_record_files(const fs::path& dir, std::vector<std::string>& found, Diagnostics& diagnostics,
                       const WalkFilter& filter) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    diagnostics.add_file(DiagCode::E0501, dir.string(),
                         fmt::format("cannot read this directory: {}; the records in it are not checked", ec.message()));
    return;
  }
  // Names as strings, not std::filesystem::path: a path holds a list of its components
  // (about 440 bytes each), and a folder of 100,000 proposals made that the run's peak memory.
  // In one folder, string order is path order (same parent, then the name).
  std::vector<std::string> entries;
  for (fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      diagnostics.add_file(DiagCode::E0501, dir.string(), fmt::format("cannot list this directory: {}", ec.message()));
      break;
    }
    entries.push_back(it->path().string());
  }
  std::sort(entries.begin(), entries.end());
  for (auto& path : entries) {  // a kept path moves on, not copied: a folder may hold 100,000
    const fs::path entry(path);
    struct stat link {};
    if (::lstat(path.c_str(), &link) != 0) continue;  // gone since it was listed
    if (S_ISDIR(link.st_mode)) {
      if (filter.enters(entry)) walk_record_files(entry, found, diagnostics, filter);
      continue;
    }
    bool record_name = record::is_record_file(path);
    if (record_name && !filter.keeps(entry)) continue;
    if (S_ISREG(link.st_mode)) {
      if (record_name) found.push_back(std::move(path));
      continue;
    }
    if (S_ISLNK(link.st_mode)) {
      struct stat target {};
      std::error_code ignored;
      if (::stat(path.c_str(), &target) == 0 && S_ISDIR(target.st_mode)) {
        if (!filter.enters(entry)) continue;  // hidden, excluded or ignored: as a folder would be
        diagnostics.add_file(DiagCode::W0505, path,
                             fmt::format("symbolic link to the folder `{}`: not followed (a link can lead back up the "
                                         "tree); the records under it are not checked",
                                         fs::read_symlink(entry, ignored).string()));
        continue;
      }
      record_name = record_name || record::is_record_file(fs::read_symlink(entry, ignored).string());
      if (record_name && ::stat(path.c_str(), &target) == 0 && S_ISREG(target.st_mode)) {
        found.push_back(std::move(path));
        continue;
      }
    }
    if (record_name) diagnostics.add_file(DiagCode::E0501, path, unreadable_entry(path) + "; not checked");
  }
}

}  // namespace

std::vector<std::string> collect_record_files(const std::vector<std::string>& paths, Diagnostics& diagnostics,
                                              std::set<std::string>* named, const WalkOptions& walk) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    if (auto why = unreadable_entry(path); !why.empty()) {
      diagnostics.add_file(DiagCode::E0501, path, why);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      walk_record_files(path, found, diagnostics, WalkFilter(walk, path));
      // `cadre check .` (or `paths: [.]`) reports `courses/UC-1.yaml`, not `./courses/UC-1.yaml`.
      if (fs::path(path).lexically_normal() == ".")
        for (auto& f : found)
          if (f.rfind("./", 0) == 0) f.erase(0, 2);
      if (found.empty())
        diagnostics.add_file(DiagCode::W0503, path, "no record file (.yaml, .yml, .json, .jsonl, .jsonld) under this directory");
      files.insert(files.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    } else {
      files.push_back(path);
      if (named) named->insert(path);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

namespace {

std::string undecided_message(const std::string& lang, const std::string& title, const std::string& missing,
                              const std::string& unreadable) {
  // Evaluation problems are marked `!code`; anything else is the path of absent data.
  static const std::map<std::string, std::pair<const char*, const char*>> kReasons = {
      {"!division-by-zero", {"une division par zéro", "a division by zero"}},
      {"!overflow", {"un résultat trop grand", "a result too large"}},
      {"!empty-list", {"le plus grand ou le plus petit d'une liste vide", "the largest or smallest of an empty list"}},
  };
  bool fr = lang == "fr";
  if (auto it = kReasons.find(missing); it != kReasons.end())
    return fr ? fmt::format("{} — impossible à décider : {}", title, it->second.first)
              : fmt::format("{} — cannot be decided: {}", title, it->second.second);
  // A path is shown as code; a looked-up record ("course `UC-1`") already quotes its id.
  std::string what = missing.find('`') == std::string::npos ? "`" + missing + "`" : missing;
  if (!unreadable.empty())
    return fr ? fmt::format("{} — impossible à décider : {} est illisible : {}", title, what, unreadable)
              : fmt::format("{} — cannot be decided: {} could not be read: {}", title, what, unreadable);
  return fr ? fmt::format("{} — impossible à décider : {} est absent", title, what)
            : fmt::format("{} — cannot be decided: {} is missing", title, what);
}

bool in_force(const compile::CompiledRule& compiled, const Date& as_of) {
  const ast::RuleDecl& rule = *compiled.decl;
  if (compiled.pack_effective && compare_dates(as_of, *compiled.pack_effective) < 0) return false;
  if (rule.from && compare_dates(as_of, *rule.from) < 0) return false;
  if (rule.until && compare_dates(as_of, *rule.until) > 0) return false;
  return true;
}

/// Where a finding about `v` points: a scalar's own token, else the key that names it.
std::uint32_t finding_offset(const record::Value& v) {
  bool scalar = v.kind != record::Value::Kind::Map && v.kind != record::Value::Kind::List;
  return scalar ? v.offset : v.anchor();
}

/// What a run keeps of a record once its file is checked: enough for statuses and for
/// duplicate ids, not its values.
struct RecordRef {
  std::string kind;
  std::string id;
  std::uint32_t offset = 0;
  std::uint32_t id_offset = 0;
  bool valid = true;
  std::vector<std::string> unreadable;  // fields that break the schema (record::Record::problems)
};

struct FileOutcome {
  Diagnostics diagnostics;
  std::vector<record::Record> records;   // only while the file is checked, or waits for lookups
  std::vector<RecordRef> refs;           // every record of the file, in order
  std::vector<std::size_t> waiting;      // records (indices) whose rules look other records up
  std::vector<std::pair<std::string, std::string>> targets;  // (kind, id) of records others look up
  std::vector<Finding> findings;
  std::vector<report::RuleOutcome> outcomes;
  bool skipped = false;  // found by a folder walk, and not a record (workflow, package.json, ...)
};

class Evaluation {
 public:
  Evaluation(const compile::Program& program, const schema::Schema& schema, const CheckOptions& options,
             const check::CheckedPack& checked)
      : program_(program), schema_(schema), options_(options) {
    for (const auto& rule : program_.rules) {
      if (!in_force(rule, options.as_of)) continue;
      by_kind_[rule.decl->subject].push_back(&rule);
      if (checked.rules_with_lookups.count(rule.decl)) looking_up_.insert(rule.decl->subject);
    }
    for (const auto& [node, kind] : checked.lookups) looked_up_.insert(kind);
  }

  /// Phase 1, on the worker that owns the file: read it, validate its records, judge those
  /// whose rules need no other record, and free what is no longer needed.
  void check_file(SourceManager& sources, FileId id, FileOutcome& out, bool walked, bool read_already) const {
    if (!read_already && !record::read_record_file(sources, id, out.diagnostics)) return;
    check_text(sources, id, out, walked);
  }

  /// A file a folder walk found is a record file only when it holds a record of a kind the
  /// packs declare (a credential cadre reads becomes such records), or one whose kind is a
  /// typo of one (reported, with a suggestion), or — when it does not parse — a top-level
  /// `kind:` line naming one. Anything else (a CI workflow, package.json, an OpenAPI file,
  /// an empty file) is not the user's record: it is skipped and counted, not reported.
  bool holds_records(const SourceFile& source, const std::vector<record::Record>& records) const {
    auto known = [&](std::string_view kind) {
      std::string k(kind);
      return !k.empty() && (schema_.kind(k) || closest_name(k, schema_.kind_names()));
    };
    for (const auto& r : records)
      if (known(r.kind)) return true;
    if (!records.empty()) return false;
    std::string_view text = source.text();
    for (std::size_t at = 0; at < text.size();) {
      std::size_t end = text.find('\n', at);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(at, end - at);
      at = end + 1;
      for (std::string_view key : {"kind:", "\"kind\":"}) {
        auto k = line.find(key);
        if (k == std::string_view::npos || (key[0] == 'k' && k != 0)) continue;
        std::string_view value = line.substr(k + key.size());
        std::string v;
        for (char c : value)
          if (c != ' ' && c != '"' && c != '\'' && c != ',' && c != '\r' && c != '\t') v += c;
        if (auto hash = v.find('#'); hash != std::string::npos) v.erase(hash);
        if (known(v)) return true;
      }
    }
    return false;
  }

  /// §10.2: a signed credential whose proof does not match its content is an error, whoever
  /// signed it (no trust list is needed to see that bytes were changed after signing).
  static void report_tampering(const SourceFile& source, FileId id, Diagnostics& diagnostics) {
    const std::string& text = source.text();
    auto proof = text.find("\"proof\"");
    bool jws = text.find("\"signatures\"") != std::string::npos || text.find("\"signature\"") != std::string::npos;
    if (proof == std::string::npos && !jws) return;
    std::string error;
    auto json = verify::parse_strict_json(text, error);
    if (!json || !json->is_object() || json->contains("kind")) return;
    verify::TrustList no_trust;
    auto result = verify::verify_credential(text, verify::VerifyContext{no_trust}, error);
    if (!result || result->status != verify::Status::invalid_signature) return;
    auto at = static_cast<std::uint32_t>(proof == std::string::npos ? 0 : proof);
    diagnostics.add(DiagCode::E0323, Span{id, at, at + 7},
                    fmt::format("the credential's {} proof does not match its content: {} (§10.2)", result->proof,
                                result->reason),
                    "the credential was changed after it was signed, or its proof is forged: it cannot count");
  }

  /// Phase 1 on a file whose text is already in `sources`.
  void check_text(SourceManager& sources, FileId id, FileOutcome& out, bool walked = false) const {
    SourceFile& source = sources.mutable_file(id);
    out.records = record::load_records(sources, id, out.diagnostics);
    if (walked && !holds_records(source, out.records)) {
      out = FileOutcome{};
      out.skipped = true;
      source.set_text({});  // nothing of it is shown
      return;
    }
    report_tampering(source, id, out.diagnostics);
    static const compile::RecordIndex kNoIndex;
    for (std::size_t i = 0; i < out.records.size(); ++i) {
      auto& rec = out.records[i];
      RecordRef ref{rec.kind, rec.id, rec.offset, rec.offset, false, {}};
      if (const record::Value* idv = rec.root->get("id")) ref.id_offset = idv->offset;
      std::vector<const record::Value*> inline_maps;
      if (!rec.kind.empty()) {  // no `kind`: reported by the loader
        if (auto type = schema_.kind(rec.kind)) {
          // Records inside records, one level deep: a copy per level would let nesting
          // multiply the values a file holds beyond the loader's limits.
          record::conform(rec, *type, out.diagnostics, rec.embedded ? nullptr : &inline_maps);
        } else {
          auto suggestion = closest_name(rec.kind, schema_.kind_names());
          out.diagnostics.add(DiagCode::E0307, Span{id, rec.offset, rec.offset + 1},
                              fmt::format("no schema for record kind `{}`", rec.kind),
                              suggestion ? fmt::format("did you mean `{}`?", *suggestion) : std::string{});
          rec.valid = false;
        }
      }
      ref.valid = rec.valid && !rec.kind.empty();
      for (const auto& problem : rec.problems)
        if (ref.unreadable.empty() || ref.unreadable.back() != problem.pointer) ref.unreadable.push_back(problem.pointer);
      if (ref.valid && looked_up_.count(rec.kind) && !rec.id.empty()) out.targets.emplace_back(rec.kind, rec.id);
      if (ref.valid && looking_up_.count(rec.kind)) {
        out.waiting.push_back(i);
      } else if (ref.valid) {
        evaluate(rec, kNoIndex, out);
      }
      out.refs.push_back(std::move(ref));
      // Records written inline where any value is accepted (a certificate in a transcript)
      // are records of their own: checked against their schema and rules, after this one.
      std::vector<record::Record> inline_records;
      for (const record::Value* map : inline_maps) {
        const record::Value* kind = map->get("kind");
        if (kind->kind == record::Value::Kind::Scalar && schema_.kind(kind->text))
          inline_records.push_back(record::embedded_record(id, *map));
      }
      for (auto& r : inline_records) out.records.push_back(std::move(r));
    }
    if (out.waiting.empty()) finish(source, out);
  }

  /// Phase 2: judge the records whose rules look other records up, once all are indexed.
  void check_waiting(SourceManager& sources, FileId id, FileOutcome& out, const compile::RecordIndex& index) const {
    for (std::size_t i : out.waiting) evaluate(out.records[i], index, out);
    finish(sources.mutable_file(id), out);
  }

  /// Keeps the positions reports will show, then frees the file's text and values.
  void finish(SourceFile& source, FileOutcome& out) const {
    std::vector<std::uint32_t> keep;
    for (const auto& f : out.findings) keep.push_back(f.offset);
    for (const auto& d : out.diagnostics.items()) {
      keep.push_back(d.span.begin);
      keep.push_back(d.span.end);
    }
    for (const auto& r : out.refs) {
      keep.push_back(r.offset);
      keep.push_back(r.id_offset);
    }
    for (const auto& o : out.outcomes) keep.push_back(o.offset);
    if (options_.keep_records) return;  // the caller reads the values (stacking)
    source.release(keep);
    std::vector<record::Record>().swap(out.records);
  }

 private:
  void evaluate(const record::Record& rec, const compile::RecordIndex& index, FileOutcome& out) const {
    auto it = by_kind_.find(rec.kind);
    if (it == by_kind_.end()) return;
    auto& findings = out.findings;
    const std::size_t first_finding = findings.size();
    compile::Frame frame;
    frame.root = rec.root.get();
    frame.as_of = options_.as_of;
    frame.index = &index;
    for (const auto* rule : it->second) {
      using O = report::RuleOutcome::Outcome;
      // Only the verdict is kept per rule: the outcome record (with copies of the kind and
      // id) is built only when something collects it (JUnit, `cadre test`, audits).
      O verdict = O::Pass;
      auto note = [&] {
        if (options_.collect_outcomes)
          out.outcomes.push_back(report::RuleOutcome{rec.file, rec.offset, rec.kind, rec.id, rule->decl, verdict});
      };
      frame.slots.assign(static_cast<std::size_t>(rule->slots), {});
      if (rule->when) {
        auto applies = rule->when(frame);
        if (applies.kind == eval::RuntimeValue::Kind::Bool && !applies.boolean) {
          verdict = O::NotApplicable;
          note();
          continue;
        }
        if (applies.missing()) {
          findings.push_back(undecided(rec, *rule, applies));
          verdict = O::Undecided;
          note();
          continue;
        }
      }
      const std::size_t rule_first = findings.size();
      for (const auto& req : rule->requirements) {
        // A message may name the item that decided (its quantifier's slot): never one
        // left over from an earlier requirement.
        std::fill(frame.slots.begin(), frame.slots.end(), eval::RuntimeValue{});
        auto result = req.test(frame);
        if (result.kind == eval::RuntimeValue::Kind::Bool && result.boolean) continue;
        if (result.missing()) {
          // One finding per rule and cause: two requirements reading the same missing or
          // unreadable field say the same thing.
          Finding f = undecided(rec, *rule, result);
          bool repeated = std::any_of(findings.begin() + static_cast<std::ptrdiff_t>(rule_first), findings.end(),
                                      [&](const Finding& g) { return g.undecided && g.pointer == f.pointer && g.missing == f.missing; });
          if (!repeated) findings.push_back(std::move(f));
          if (verdict == O::Pass) verdict = O::Undecided;
          continue;
        }
        Finding f = base(rec, *rule, result);
        const auto* messages = req.otherwise.empty() ? &rule->message : &req.otherwise;
        // Values are written in the language of the text they go into (a pack that says a
        // rule in French only has its dates in French in an English report).
        if (const auto* t = ast::in_language(*messages, options_.lang))
          for (const auto& [lang, text] : *messages)
            if (&text == t) f.message = t->render(frame, lang);
        findings.push_back(std::move(f));
        verdict = O::Fail;
      }
      note();
    }
    link_schema_errors(rec, first_finding, out);
  }

  /// A finding about a field that breaks the schema carries that field's diagnostic, so the
  /// committee reads the article first and the schema error with it.
  static void link_schema_errors(const record::Record& rec, std::size_t first, FileOutcome& out) {
    if (rec.problems.empty()) return;
    for (std::size_t i = first; i < out.findings.size(); ++i) {
      Finding& f = out.findings[i];
      for (const auto& problem : rec.problems) {
        if (problem.pointer != f.pointer || problem.diagnostic >= out.diagnostics.items().size()) continue;
        f.schema_error = out.diagnostics.items()[problem.diagnostic];
        break;
      }
    }
  }

  Finding base(const record::Record& rec, const compile::CompiledRule& rule, const eval::RuntimeValue& result) const {
    Finding f;
    f.rule = rule.decl;
    f.pack_id = rule.pack_id;
    f.severity = rule.decl->severity;
    f.file = rec.file;
    f.record_id = rec.id;
    f.record_kind = rec.kind;
    f.record_offset = rec.offset;
    const record::Value* source = result.source ? result.source : rec.root.get();
    // A value of another record (looked up by id) cannot be shown in this record's file.
    const record::Value* up = source;
    while (up->parent) up = up->parent;
    if (up != rec.root.get()) source = rec.root.get();
    // A finding about the whole record, or a field missing at its top level, points at `kind:`.
    if (source == rec.root.get()) f.offset = rec.offset;
    else f.offset = result.missing_tail.empty() ? finding_offset(*source) : source->anchor();
    f.pointer = source->pointer() + result.missing_tail;
    return f;
  }

  Finding undecided(const record::Record& rec, const compile::CompiledRule& rule, const eval::RuntimeValue& result) const {
    Finding f = base(rec, rule, result);
    f.undecided = true;
    f.missing = result.text;
    const std::string* title = ast::in_language(rule.decl->titles, options_.lang);
    std::string reason = result.unreadable() ? record::unreadable_reason(*result.source, options_.lang) : std::string{};
    // An unreadable list item has no path of its own: its pointer names it.
    if (f.missing.empty()) f.missing = f.pointer;
    f.message = undecided_message(options_.lang, title ? *title : rule.decl->id, f.missing, reason);
    return f;
  }

  const compile::Program& program_;
  const schema::Schema& schema_;
  const CheckOptions& options_;
  std::map<std::string, std::vector<const compile::CompiledRule*>> by_kind_;
  std::set<std::string> looking_up_;  // kinds with a rule that reads other records
  std::set<std::string> looked_up_;   // kinds that rules read by id
};

/// Records that rules look up, read again from their files (phase 1 freed them): only for
/// runs where some record's rules read other records.
struct Reloaded {
  SourceManager sources;
  std::vector<std::vector<record::Record>> files;
};

}  // namespace

struct Engine::Loaded {
  pack::PackSet packs;
  schema::Schema schema;
  check::CheckedPack checked;
  std::map<const ast::RuleDecl*, compile::RuleOrigin> origins;
  std::vector<record::Record> records;  // with CheckOptions::keep_records
  // What check_document() reuses after a check(): the compiled rules, the options, and an
  // index of the kept records for lookups.
  compile::Program program;
  CheckOptions options;
  std::unique_ptr<Evaluation> evaluation;
  compile::RecordIndex index;
};

Engine::Engine() = default;

const std::vector<record::Record>& Engine::records() const {
  static const std::vector<record::Record> kNone;
  return loaded_ ? loaded_->records : kNone;
}
Engine::~Engine() = default;

std::vector<report::PackInfo> pack_infos(const pack::PackSet& packs) {
  std::vector<report::PackInfo> out;
  for (const auto& p : packs.packs) {
    out.push_back({p.header.id, p.header.version, p.header.effective ? format_date(*p.header.effective) : std::string{},
                   p.header.title, p.header.source, p.location, {}});
    for (const auto& m : p.modules) out.back().files.push_back(m.file);
  }
  return out;
}

bool Engine::load_rules(const CheckOptions& options, Diagnostics& diagnostics) {
  loaded_ = std::make_unique<Loaded>();
  auto search = options.rule_search_dirs.empty() ? pack::default_search_dirs() : options.rule_search_dirs;
  loaded_->packs = pack::load_packs(options.rules, search, sources_, diagnostics,
                                    options.pack_cache ? pack::default_cache_dir() : std::string{});
  // Rule ids are unique across the whole pack set.
  std::map<std::string, const ast::RuleDecl*> ids;
  for (const auto& p : loaded_->packs.packs) {
    for (const auto& m : p.modules) {
      for (const auto& r : m.rules) {
        loaded_->origins[&r] = {p.header.id, p.header.effective};
        auto [it, inserted] = ids.emplace(r.id, &r);
        if (inserted) continue;
        auto first = sources_.file(it->second->id_span.file).position(it->second->id_span.begin);
        diagnostics.add(DiagCode::E0101, r.id_span, fmt::format("rule `{}` is declared twice", r.id),
                        fmt::format("the first is in {}:{}:{}", sources_.file(it->second->id_span.file).path(),
                                    first.line, first.column));
      }
    }
  }
  if (diagnostics.has_errors()) return false;
  auto modules = loaded_->packs.modules();
  loaded_->schema = schema::build_schema(modules, diagnostics);
  std::vector<std::size_t> modules_per_pack;  // each pack's names stay out of the packs it uses
  for (const auto& p : loaded_->packs.packs) modules_per_pack.push_back(p.modules.size());
  loaded_->checked = check::check(modules, loaded_->schema, diagnostics, modules_per_pack);
  return !diagnostics.has_errors();
}

report::RunResult Engine::check(const CheckOptions& options, report::RunSink* sink) {
  report::RunResult result;
  result.lang = options.lang;
  result.as_of = format_date(options.as_of);
  bool rules_ok = load_rules(options, result.diagnostics);
  result.packs = pack_infos(loaded_->packs);
  const schema::Schema& schema = loaded_->schema;
  const check::CheckedPack& checked = loaded_->checked;
  loaded_->options = options;
  compile::Program& program = loaded_->program;
  compile::Constants constants;  // computed once: the rules and the waivers' policy read them
  if (rules_ok) {
    constants = compile::constant_values(checked);
    program = compile::compile(loaded_->packs.modules(), checked, loaded_->origins, constants);
  }
  result.rule_count = program.rules.size();
  if (result.diagnostics.has_errors()) {
    result.rules_ok = false;
    result.diagnostics.sort(sources_);
    if (sink && sink->begin(result, sources_)) sink->end(result, sources_);
    return result;  // rules that do not check are never run on anyone's records
  }

  for (const auto& rule : program.rules)
    if (in_force(rule, options.as_of)) result.rules.push_back({rule.decl, rule.pack_id});

  std::vector<FileId> waiver_ids;
  for (const auto& path : options.waiver_files) {
    FileId id = sources_.add(path, {});
    if (record::read_record_file(sources_, id, result.diagnostics)) waiver_ids.push_back(id);
  }
  waivers::Policy waiver_policy;
  waiver_policy.longest_days = waivers::kDefaultLongestDays;
  for (const auto& [name, value] : constants)
    if (name == waivers::kLongestDaysConstant && value.kind == eval::RuntimeValue::Kind::Integer)
      waiver_policy.longest_days = value.integer;
  for (const auto& rule : program.rules) waiver_policy.rule_ids.push_back(rule.decl->id);
  result.waivers = waivers::load(sources_, waiver_ids, options.as_of, waiver_policy, result.diagnostics);

  // Files are independent: each worker reads, checks and frees its own files, so memory
  // follows the largest file, not their number. Results merge in file order, so the output
  // does not depend on scheduling.
  std::set<std::string> named;
  std::vector<std::string> on_disk;
  for (const auto& input : options.inputs)
    if (!options.texts.count(input)) on_disk.push_back(input);
  auto files = collect_record_files(on_disk, result.diagnostics, &named, options.walk);
  for (const auto& [name, text] : options.texts) {
    files.push_back(name);
    named.insert(name);
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  // A waivers file given with --waivers is read as such, not again as one more record.
  std::set<std::string> waiver_paths;
  for (const auto& w : options.waiver_files) waiver_paths.insert(fs::path(w).lexically_normal().string());
  std::erase_if(files, [&](const std::string& f) {
    return !named.count(f) && waiver_paths.count(fs::path(f).lexically_normal().string());
  });
  std::vector<FileId> ids_to_check;
  for (auto& path : files) {
    ids_to_check.push_back(sources_.add(std::move(path), {}));
    if (auto given = options.texts.find(sources_.file(ids_to_check.back()).path()); given != options.texts.end())
      sources_.mutable_file(ids_to_check.back()).set_text(given->second);
  }
  std::vector<std::string>().swap(files);  // the paths are the sources' now
  loaded_->evaluation = std::make_unique<Evaluation>(program, schema, loaded_->options, checked);
  Evaluation& evaluation = *loaded_->evaluation;
  if (sink && !sink->begin(result, sources_)) {
    result.diagnostics.sort(sources_);
    return result;
  }
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, ids_to_check.size())));
  auto parallel = [&](std::size_t count, auto&& work) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t i = next++; i < count; i = next++) work(i);
    };
    if (threads <= 1 || count <= 1) {
      worker();
      return;
    }
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  };

  // Each file, once checked, is finished and handed on in file order (the sink writes it, or
  // the result collects it); after that only what reports show later stays in memory. A
  // file checked ahead of its turn waits in the pipeline, and workers stay at most a window
  // of files ahead, so memory does not grow with the number of files. A file whose rules
  // read other records waits for phase 2, and every later file with it.
  const bool keep_positions = !sink || sink->collects();
  // The first record of each kind and id, to report those declared twice.
  record::DeclaredIds ids_seen;
  std::vector<std::size_t> targets_out;  // files handed on whose records rules look up
  auto hand_on = [&](std::size_t i, FileOutcome& outcome) {
    if (outcome.skipped) {
      result.skipped.push_back(sources_.file(ids_to_check[i]).path());
      return;
    }
    const FileId id = ids_to_check[i];
    const SourceFile& source = sources_.file(id);
    const std::size_t first_diagnostic = result.diagnostics.items().size();
    for (const auto& ref : outcome.refs) {
      if (ref.id.empty() || ref.kind.empty()) continue;
      auto first = ids_seen.declare(ref.kind, ref.id, id, source.position(ref.id_offset));
      if (!first) continue;
      result.diagnostics.add(DiagCode::E0311, Span{id, ref.id_offset, ref.id_offset + 1},
                             fmt::format("{} `{}` is declared twice", ref.kind, ref.id),
                             fmt::format("the first is in {}:{}:{}", sources_.file(first->file).path(),
                                         first->position.line, first->position.column));
    }
    // A file named on the command line that holds no record (empty, comments or `---` only)
    // checks nothing: an error. (A folder walk skips and counts such files.)
    if (outcome.refs.empty() && !outcome.diagnostics.has_errors() && named.count(source.path()))
      result.diagnostics.add_file(DiagCode::E0316, source.path(), "this file holds no record (it is empty, or only comments or `---`)");
    if (!outcome.targets.empty()) targets_out.push_back(i);
    report::FilePart part;
    part.file = id;
    for (const auto& ref : outcome.refs)
      part.records.push_back({id, ref.offset, ref.kind, ref.id,
                              ref.valid ? RecordStatus::Status::Pass : RecordStatus::Status::Invalid, ref.unreadable});
    part.findings = std::move(outcome.findings);
    part.outcomes = std::move(outcome.outcomes);
    part.diagnostics = std::move(outcome.diagnostics);
    report::finish_file(part, sources_, result.waivers, report::WaiverUses::Count);
    result.diagnostics.append(part.diagnostics);
    if (options.keep_records)
      for (auto& r : outcome.records) loaded_->records.push_back(std::move(r));
    if (!sink) {
      part.diagnostics = {};
      report::append_part(result, std::move(part));
      return;
    }
    sink->file(part, sources_);
    if (keep_positions || options.keep_records) return;
    // Reports show the run's diagnostics at the end: only their positions stay.
    std::vector<std::uint32_t> keep;
    for (std::size_t d = first_diagnostic; d < result.diagnostics.items().size(); ++d) {
      const Span& span = result.diagnostics.items()[d].span;
      if (span.file != id) continue;
      keep.push_back(span.begin);
      keep.push_back(span.end);
    }
    sources_.mutable_file(id).release(keep);
  };

  // Workers check files in any order, at most a window of them ahead of the one handed on;
  // the files come out in file order (engine/base/ordered_pipeline.hpp). From the first file
  // that waits for phase 2 on, files are held until that phase instead of handed on.
  std::map<std::size_t, FileOutcome> ready;  // checked, held for phase 2
  bool blocked = false;                      // a file waits for phase 2: so do the later ones
  std::size_t taken = 0;                     // files come out in order: the next one's index
  OrderedPipeline<std::size_t, FileOutcome>::Shape shape;
  shape.batch = 4;                      // files of about half a millisecond each
  shape.window = 16 * std::uint64_t{threads};  // batches: 64 files per thread ahead, at most
  run_ordered<std::size_t, FileOutcome>(
      threads, shape,
      [&](auto&& push) {
        for (std::size_t i = 0; i < ids_to_check.size(); ++i) push(i);
      },
      [&](unsigned, std::size_t i) {
        FileOutcome outcome;
        const std::string& path = sources_.file(ids_to_check[i]).path();
        evaluation.check_file(sources_, ids_to_check[i], outcome, !named.count(path), options.texts.count(path) > 0);
        return outcome;
      },
      [&](FileOutcome&& outcome) {
        const std::size_t i = taken++;
        blocked = blocked || !outcome.waiting.empty();
        if (blocked) ready.emplace(i, std::move(outcome));
        else hand_on(i, outcome);
      });

  // Phase 2: records whose rules read other records, now that every file has been read.
  if (blocked) {
    std::vector<std::size_t> waiting_files;
    for (const auto& [i, outcome] : ready)
      if (!outcome.waiting.empty()) waiting_files.push_back(i);
    compile::RecordIndex index;
    Reloaded reloaded;
    // Records still in memory first (files with waiting records), then the files that hold
    // looked-up records, read again. The first record of a kind and id wins.
    for (std::size_t i : waiting_files)
      for (const auto& rec : ready.at(i).records)
        if (rec.valid && !rec.id.empty()) index[rec.kind].emplace(rec.id, rec.root.get());
    for (const auto& [i, outcome] : ready)
      if (!outcome.targets.empty() && outcome.waiting.empty()) targets_out.push_back(i);
    for (std::size_t i : targets_out) {
      Diagnostics ignored;  // reported in phase 1
      FileId again = reloaded.sources.add(sources_.file(ids_to_check[i]).path(), {});
      if (auto given = options.texts.find(sources_.file(ids_to_check[i]).path()); given != options.texts.end())
        reloaded.sources.mutable_file(again).set_text(given->second);
      else if (!record::read_record_file(reloaded.sources, again, ignored))
        continue;
      auto records = record::load_records(reloaded.sources, again, ignored);
      for (auto& rec : records) {
        auto type = schema.kind(rec.kind);
        if (!type || rec.id.empty()) continue;
        record::conform(rec, *type, ignored);  // unreadable fields are missing to lookups too
        if (!rec.valid) continue;
        index[rec.kind].emplace(rec.id, rec.root.get());
      }
      reloaded.files.push_back(std::move(records));
    }
    parallel(waiting_files.size(), [&](std::size_t k) {
      std::size_t i = waiting_files[k];
      evaluation.check_waiting(sources_, ids_to_check[i], ready.at(i), index);
    });
    for (auto& [i, outcome] : ready) hand_on(i, outcome);
  }

  waivers::report_expired_and_unused(result.waivers, result.diagnostics);
  result.diagnostics.sort(sources_);
  if (options.keep_records)
    for (const auto& rec : loaded_->records)
      if (rec.valid && !rec.id.empty()) loaded_->index[rec.kind].emplace(rec.id, rec.root.get());
  if (sink) sink->end(result, sources_);
  return result;
}

Engine::DocumentCheck Engine::check_document(SourceManager& sources, FileId file) const {
  DocumentCheck result;
  if (!loaded_ || !loaded_->evaluation) return result;
  FileOutcome outcome;
  loaded_->evaluation->check_text(sources, file, outcome);
  if (!outcome.waiting.empty()) loaded_->evaluation->check_waiting(sources, file, outcome, loaded_->index);
  result.records = std::move(outcome.records);
  result.findings = std::move(outcome.findings);
  result.diagnostics = std::move(outcome.diagnostics);
  return result;
}

}  // namespace cadre

namespace cadre {

const catalog::RuleEntry* catalog::Catalog::find(const std::string& id) const {
  for (const auto& r : rules)
    if (r.decl->id == id) return &r;
  return nullptr;
}

catalog::Catalog Engine::describe(const CheckOptions& options, Diagnostics& diagnostics) {
  catalog::Catalog out;
  out.as_of = format_date(options.as_of);
  if (!load_rules(options, diagnostics)) return out;
  const check::CheckedPack& checked = loaded_->checked;
  out.packs = pack_infos(loaded_->packs);

  std::map<std::string, std::string> disabled_by;
  for (const auto& p : loaded_->packs.packs) {
    for (const auto& m : p.modules) {
      for (const auto& d : m.disables) disabled_by[d.rule_id] = p.header.id;
      for (const auto& r : m.records) out.records.push_back({&r, p.header.id});
    }
  }
  for (const auto& p : loaded_->packs.packs) {
    bool pack_in_force = !p.header.effective || compare_dates(options.as_of, *p.header.effective) >= 0;
    for (const auto& m : p.modules) {
      auto add = [&](const ast::RuleDecl& r) {
        catalog::RuleEntry e;
        e.decl = &r;
        e.pack_id = p.header.id;
        e.pack_version = p.header.version;
        e.in_force = pack_in_force && (!r.from || compare_dates(options.as_of, *r.from) >= 0) &&
                     (!r.until || compare_dates(options.as_of, *r.until) <= 0);
        if (auto it = checked.disabled.find(r.id); it != checked.disabled.end()) {
          e.disabled = it->second;
          e.disabled_by = disabled_by[r.id];
        }
        // Examples: the pack's test files that expect a finding of this rule.
        fs::path tests = fs::path(p.location).extension() == ".cadre" ? fs::path(p.location).parent_path() / "tests"
                                                                        : fs::path(p.location) / "tests";
        std::error_code ec;
        std::vector<std::string> files;
        for (const auto& entry : fs::recursive_directory_iterator(tests, ec)) {
          if (!entry.is_regular_file() || !record::is_record_file(entry.path().string())) continue;
          std::ifstream in(entry.path());
          std::string line;
          while (std::getline(in, line)) {
            auto at = line.find("# expect: " + r.id + " ");
            if (at != std::string::npos) {
              files.push_back(entry.path().string());
              break;
            }
          }
        }
        std::sort(files.begin(), files.end());
        e.examples = files;
        out.rules.push_back(e);
      };
      for (const auto& r : m.rules) add(r);
      for (const auto& r : m.unchecked) add(r);
    }
  }
  // Natural order: DFCU-3-… before DFCU-10-….
  auto natural_less = [](const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
      if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
        std::size_t i2 = i, j2 = j;
        while (i2 < a.size() && std::isdigit(static_cast<unsigned char>(a[i2]))) ++i2;
        while (j2 < b.size() && std::isdigit(static_cast<unsigned char>(b[j2]))) ++j2;
        auto x = std::stoull(a.substr(i, i2 - i)), y = std::stoull(b.substr(j, j2 - j));
        if (x != y) return x < y;
        i = i2;
        j = j2;
      } else {
        if (a[i] != b[j]) return a[i] < b[j];
        ++i;
        ++j;
      }
    }
    return a.size() - i < b.size() - j;
  };
  std::sort(out.rules.begin(), out.rules.end(), [&](const catalog::RuleEntry& a, const catalog::RuleEntry& b) {
    return natural_less(a.decl->id, b.decl->id);
  });
  for (const auto& [number, decl] : checked.indicators) {
    catalog::Indicator ind;
    ind.number = number;
    ind.titles = decl->titles;
    for (const auto& r : out.rules) {
      if (std::find(r.decl->qualiopi.begin(), r.decl->qualiopi.end(), number) == r.decl->qualiopi.end()) continue;
      if (!r.decl->checked) ind.unchecked.push_back(r.decl->id);
      else if (!r.disabled && r.in_force) ind.rules.push_back(r.decl->id);
    }
    out.indicators.push_back(ind);
  }
  for (const auto& [name, value] : compile::constant_values(checked))
    if (value.kind == eval::RuntimeValue::Kind::Integer || value.kind == eval::RuntimeValue::Kind::Number)
      out.numbers[name] = value.as_number();
  return out;
}

}  // namespace cadre

namespace cadre {

void Engine::lint(const CheckOptions& options, Diagnostics& diagnostics) {
  if (load_rules(options, diagnostics) && !loaded_->packs.packs.empty()) {
    std::set<const ast::Module*> own;
    for (const auto& m : loaded_->packs.packs.back().modules) own.insert(&m);
    lint::lint(loaded_->packs.modules(), own, loaded_->checked, diagnostics);
  }
  diagnostics.sort(sources_);
}

}  // namespace cadre
