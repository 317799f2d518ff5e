// SPDX-License-Identifier: Apache-2.0
#include "engine/audit/audit.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "engine/audit/figures.hpp"
#include "engine/audit/indicators.hpp"
#include "engine/audit/manifest.hpp"
#include "engine/audit/writers.hpp"
#include "engine/base/locale_format.hpp"
#include "engine/base/name_fold.hpp"
#include "engine/base/sha256.hpp"

namespace cadre::audit {

namespace {

namespace fs = std::filesystem;

Location locate(const SourceManager& sources, FileId file, std::uint32_t offset) {
  const SourceFile& f = sources.file(file);
  auto p = f.position(offset);
  return {f.path(), p.line, p.column};
}

double number_or(const catalog::Catalog& c, const char* name, double fallback) {
  auto it = c.numbers.find(name);
  return it == c.numbers.end() ? fallback : it->second;
}

// How every rule that cites an indicator judged the records, in the catalogue's order.
std::vector<RuleResult> rule_results(const report::RunResult& run, const catalog::Catalog& catalog,
                                     const SourceManager& sources, const std::string& lang) {
  std::map<const ast::RuleDecl*, RuleResult> by_rule;
  for (const auto& r : run.rules) {
    if (r.rule->qualiopi.empty()) continue;
    RuleResult out;
    out.id = r.rule->id;
    out.title = ast::text_in(r.rule->titles, lang);
    out.pack = r.pack_id;
    out.severity = severity_name(r.rule->severity);
    out.subject = r.rule->subject;
    out.indicators = r.rule->qualiopi;
    std::sort(out.indicators.begin(), out.indicators.end());
    by_rule.emplace(r.rule, std::move(out));
  }
  using O = report::RuleOutcome::Outcome;
  // A record a rule failed stays a shortfall while one of its findings is not waived.
  std::set<std::tuple<const ast::RuleDecl*, FileId, std::uint32_t>> open;
  for (const auto& f : run.findings)
    if (!f.waiver) open.insert({f.rule, f.file, f.record_offset});
  for (const auto& o : run.outcomes) {
    auto it = by_rule.find(o.rule);
    if (it == by_rule.end()) continue;
    RuleResult& r = it->second;
    bool waived = (o.outcome == O::Fail || o.outcome == O::Undecided) && !open.count({o.rule, o.file, o.offset});
    if (r.severity == "info" && (o.outcome == O::Fail || o.outcome == O::Undecided)) {
      ++r.noted;  // advice: the record did not fail
      ++r.judged;
      continue;
    }
    switch (o.outcome) {
      case O::NotApplicable: ++r.not_applicable; break;
      case O::Pass: ++r.passed; break;
      case O::Fail: ++(waived ? r.waived : r.failed); break;
      case O::Undecided: ++(waived ? r.waived : r.undecided); break;
    }
    if (o.outcome != O::NotApplicable) ++r.judged;
  }
  for (const auto& f : run.findings) {
    auto it = by_rule.find(f.rule);
    if (it == by_rule.end()) continue;
    FindingRef ref{locate(sources, f.file, f.offset), f.rule->id, severity_name(f.severity), f.record_id,
                   f.record_kind, f.pointer, f.message, f.undecided, {}, {}, {}};
    if (f.waiver) {
      ref.waiver = f.waiver->reason;
      ref.waiver_approved_by = f.waiver->approved_by;
      ref.waiver_expires = f.waiver->expires;
    }
    it->second.findings.push_back(std::move(ref));
  }
  std::vector<RuleResult> out;
  for (const auto& entry : catalog.rules) {
    for (auto& [decl, result] : by_rule)
      if (decl->id == entry.decl->id) out.push_back(std::move(result));
  }
  return out;
}

const record::Value* field(const record::Value* v, const char* name) { return v ? v->get(name) : nullptr; }
std::string text_at(const record::Value* v) { return v && v->kind != record::Value::Kind::Null ? v->text : std::string{}; }

/// Which records a provider's pack covers, and which part of each: the courses it produces,
/// the certificates it issued or that are of its courses, and of each session what is its
/// own — the session's items (surveys, complaints, jury) when it produces the course, and the
/// trainees it contracted (§3: each participating university contracts its own trainees).
/// Names match once folded by name_key (engine/base/name_fold.hpp), the folding the packs' member table uses.
struct ProviderScope {
  std::string wanted;  // folded
  std::string name;    // as the records write it
  std::set<std::string> courses;
  std::map<std::pair<FileId, std::uint32_t>, RecordPart> parts;  // records with some part in the pack

  bool is(const std::string& university) const { return !university.empty() && name_key(university) == wanted; }

  ProviderScope(const std::string& provider, const std::vector<record::Record>& all) : wanted(name_key(provider)) {
    for (const auto& r : all) {
      std::string producer = text_at(field(field(r.root.get(), "producer"), "university"));
      if (r.kind == "course" && is(producer)) {
        courses.insert(r.id);
        if (name.empty()) name = producer;
      }
    }
    for (const auto& r : all) {
      const record::Value* root = r.root.get();
      RecordPart part;
      if (r.kind == "course") {
        part.any = courses.count(r.id) > 0;
      } else if (r.kind == "session") {
        part.session_items = courses.count(text_at(field(root, "course"))) > 0;
        part.any = part.session_items;
        if (const record::Value* trainees = field(root, "trainees"))
          for (const auto& t : trainees->children) {
            std::string university = text_at(field(&t, "university"));
            bool own = is(university) || is(text_at(field(field(&t, "contract"), "header")));
            if (own && name.empty()) name = university;
            part.trainees.push_back(own);
            part.any = part.any || own;
          }
      } else if (r.kind == "certificate") {
        std::string issuer = text_at(field(field(root, "issuer"), "university"));
        part.any = is(issuer) || courses.count(text_at(field(root, "course"))) > 0;
        if (is(issuer) && name.empty()) name = issuer;
      } else {
        part.any = false;
      }
      if (part.any) parts.emplace(std::pair{r.file, r.offset}, std::move(part));
    }
  }
  const RecordPart* part(FileId file, std::uint32_t offset) const {
    auto it = parts.find({file, offset});
    return it == parts.end() ? nullptr : &it->second;
  }
  RecordPart part_of(const record::Record& r) const {
    const RecordPart* p = part(r.file, r.offset);
    return p ? *p : RecordPart{false, false, {}};
  }
  /// Whether a finding at `pointer` in a record is about the provider's part of it: in a
  /// session, /trainees/N/… is trainee N's, anything else the session's own.
  bool covers(FileId file, std::uint32_t offset, const std::string& pointer) const {
    const RecordPart* p = part(file, offset);
    if (!p) return false;
    static const std::string kTrainees = "/trainees/";
    if (pointer.rfind(kTrainees, 0) == 0) {
      std::size_t end = pointer.find('/', kTrainees.size());
      std::string index = pointer.substr(kTrainees.size(), end == std::string::npos ? std::string::npos : end - kTrainees.size());
      if (!index.empty() && index.size() < 9 && index.find_first_not_of("0123456789") == std::string::npos)
        return p->trainee(static_cast<std::size_t>(std::stoul(index)));
    }
    return p->session_items;
  }
};

}  // namespace

std::string link_from(const std::string& out_dir, const std::string& file) {
  fs::path out = fs::path(out_dir.empty() ? "." : out_dir).lexically_normal();
  fs::path in = fs::path(file).lexically_normal();
  fs::path rel;
  if (out.is_absolute() == in.is_absolute()) rel = in.lexically_relative(out);
  if (rel.empty()) rel = fs::absolute(in).lexically_normal().lexically_relative(fs::absolute(out).lexically_normal());
  if (rel.empty()) rel = in;
  // Percent-encode all but unreserved characters and `/` (RFC 3986), byte by byte (UTF-8).
  std::string out_text;
  for (unsigned char c : rel.generic_string()) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') out_text += static_cast<char>(c);
    else out_text += fmt::format("%{:02X}", c);
  }
  return out_text;
}

std::string utc_timestamp(const std::string& seconds) {
  if (seconds.empty() || seconds.size() > 12 || seconds.find_first_not_of("0123456789") != std::string::npos) return {};
  long long s = std::stoll(seconds);
  Date day{static_cast<std::int32_t>(s / 86400), -1};
  long long rest = s % 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(day), rest / 3600, rest / 60 % 60, rest % 60);
}

AuditRun run_audit(const AuditOptions& options) {
  AuditRun out;
  CheckOptions check;
  check.rules = options.rules;
  check.rule_search_dirs = options.rule_search_dirs;
  check.inputs = options.paths;
  check.lang = options.lang;
  check.as_of = options.as_of;
  check.threads = options.threads;
  check.waiver_files = options.waiver_files;
  check.collect_outcomes = true;  // every rule's result on every record
  check.keep_records = true;      // figures read the session records, positions their text

  // The catalogue first (indicators, unchecked declarations, constants): check() would
  // replace the rules it points into.
  auto describer = std::make_unique<Engine>();
  Diagnostics rule_diagnostics;
  catalog::Catalog catalog = describer->describe(check, rule_diagnostics);
  if (rule_diagnostics.has_errors()) {
    rule_diagnostics.sort(describer->sources());
    out.diagnostics = std::move(rule_diagnostics);
    out.engine = std::move(describer);
    return out;
  }
  out.engine = std::make_unique<Engine>();
  report::RunResult run = out.engine->check(check);
  out.diagnostics = run.diagnostics;
  if (!run.rules_ok || run.diagnostics.has_errors()) return out;
  const SourceManager& sources = out.engine->sources();
  std::optional<ProviderScope> provider;
  if (!options.provider.empty()) {
    provider.emplace(options.provider, out.engine->records());
    if (provider->parts.empty()) {
      std::set<std::string> known;
      for (const auto& r : out.engine->records())
        if (r.kind == "course")
          if (auto u = text_at(field(field(r.root.get(), "producer"), "university")); !u.empty()) known.insert(u);
      std::string list;
      for (const auto& u : known) list += (list.empty() ? "" : ", ") + u;
      out.error = fmt::format("no course, session or certificate of `{}` among the records (producing universities: {})",
                              options.provider, list.empty() ? "none" : list);
      return out;
    }
    // Only the provider's part is judged in its pack: rule results, findings and figures. A
    // shared session's findings are kept when they are about its part (its trainees, or the
    // session itself when it produces the course); its outcome for a rule is then the
    // outcome on that part: failed where a kept finding says so, passed otherwise.
    std::erase_if(run.findings, [&](const report::Finding& f) { return !provider->covers(f.file, f.record_offset, f.pointer); });
    std::set<std::tuple<const ast::RuleDecl*, FileId, std::uint32_t>> failing;
    for (const auto& f : run.findings) failing.insert({f.rule, f.file, f.record_offset});
    using O = report::RuleOutcome::Outcome;
    std::erase_if(run.outcomes, [&](report::RuleOutcome& o) {
      const RecordPart* part = provider->part(o.file, o.offset);
      if (!part) return true;
      if (!part->whole() && (o.outcome == O::Fail || o.outcome == O::Undecided) && !failing.count({o.rule, o.file, o.offset}))
        o.outcome = O::Pass;
      return false;
    });
    using S = report::RecordStatus::Status;
    std::erase_if(run.records, [&](report::RecordStatus& r) {
      const RecordPart* part = provider->part(r.file, r.offset);
      if (!part) return true;
      if (!part->whole() && r.status != S::Invalid) {
        bool open = false, waived = false;
        for (const auto& f : run.findings)
          if (f.file == r.file && f.record_offset == r.offset && f.severity != Severity::Info)
            (f.waiver ? waived : open) = true;
        r.status = open ? S::Fail : waived ? S::Waived : S::Pass;
      }
      return false;
    });
  }
  auto in_scope = [&provider](const record::Record& r) { return !provider || provider->part(r.file, r.offset); };
  PartOf part_of;
  if (provider) part_of = [&provider](const record::Record& r) { return provider->part_of(r); };

  Evidence& e = out.evidence;
  e.tool_version = options.tool_version;
  e.lang = options.lang;
  e.as_of = run.as_of;
  e.generated_at = options.generated_at;
  e.rules = options.rules;
  e.out_dir = options.out_dir;
  for (const auto& p : run.packs) e.packs.push_back({p.id, p.version, p.title});
  std::set<FileId> pack_files;
  for (const auto& p : run.packs) pack_files.insert(p.files.begin(), p.files.end());
  std::vector<FileId> inputs;
  for (FileId id = 0; id < sources.size(); ++id)
    if (!pack_files.count(id)) inputs.push_back(id);
  // Record files are the evidence's inputs; waiver files are hashed with them in the
  // manifest, but they hold no records.
  std::set<std::string> waiver_paths;
  for (const auto& w : options.waiver_files) waiver_paths.insert(fs::path(w).lexically_normal().string());
  for (FileId id : inputs)
    if (!waiver_paths.count(fs::path(sources.file(id).path()).lexically_normal().string()))
      e.inputs.push_back(sources.file(id).path());

  e.thresholds.low_satisfaction = number_or(catalog, "low_satisfaction", e.thresholds.low_satisfaction);
  e.thresholds.acknowledgement_days = number_or(catalog, "complaint_acknowledgement_days", e.thresholds.acknowledgement_days);
  e.thresholds.answer_days = number_or(catalog, "complaint_answer_days", e.thresholds.answer_days);
  FigureSet figures = compute_figures(out.engine->records(), sources, options.as_of, e.thresholds, options.lang, part_of);
  e.scope = figures.scope;
  if (provider) {
    e.provider = options.provider;
    e.provider_name = provider->name.empty() ? options.provider : provider->name;
  }
  for (const auto& r : out.engine->records())
    if (r.kind == "course" && r.valid && in_scope(r))
      if (auto title = text_at(field(r.root.get(), "title")); !title.empty()) e.course_titles.emplace(r.id, title);
  // The Intégrité appendix lists the files this pack's records come from: a provider's pack
  // leaves out the files that hold none of its records (counted, and hashed in the manifest).
  std::set<FileId> scoped_files;
  for (const auto& r : out.engine->records())
    if (in_scope(r)) scoped_files.insert(r.file);
  for (const auto& path : e.inputs)
    for (FileId id : inputs)
      if (sources.file(id).path() == path) {
        if (provider && !scoped_files.count(id)) ++e.inputs_out_of_scope;
        else e.input_hashes.emplace_back(path, sha256_hex(sources.file(id).text()));
      }
  e.figures = std::move(figures.figures);
  e.rules_run = rule_results(run, catalog, sources, options.lang);
  e.indicators = judge_indicators(catalog, e.rules_run, e.figures, options.lang);
  for (const auto& r : run.records) {
    RecordRef ref{locate(sources, r.file, r.offset), r.kind, r.id, report::status_name(r.status), {}};
    // A session shared with other universities: name the trainees this pack covers.
    if (const RecordPart* part = provider ? provider->part(r.file, r.offset) : nullptr; part && !part->whole()) {
      ref.partial = true;
      for (const auto& rec : out.engine->records())
        if (rec.file == r.file && rec.offset == r.offset)
          if (const record::Value* trainees = field(rec.root.get(), "trainees"))
            for (std::size_t i = 0; i < trainees->children.size(); ++i)
              if (part->trainee(i)) ref.trainees.push_back(text_at(field(&trainees->children[i], "id")));
    }
    e.records.push_back(std::move(ref));
  }

  out.files.push_back({"index.html", write_html(e)});
  out.files.push_back({"evidence.json", write_json(e)});
  out.files.push_back({"evidence.md", write_markdown(e)});

  Manifest m;
  m.tool_version = options.tool_version;
  m.rules = options.rules;
  m.lang = options.lang;
  m.as_of = run.as_of;
  m.paths = options.paths;
  m.waivers = options.waiver_files;
  m.provider = options.provider;
  m.generated_at = options.generated_at;
  for (const auto& p : run.packs) {
    std::vector<HashedFile> files;
    bool single_file = fs::path(p.location).extension() == ".cadre";
    for (FileId id : p.files) {
      const SourceFile& f = sources.file(id);
      std::string name = single_file ? std::string{}
                                     : fs::path(f.path()).lexically_normal().lexically_relative(
                                           fs::path(p.location).lexically_normal()).generic_string();
      if (name.empty()) name = fs::path(f.path()).filename().string();
      files.push_back(hash_bytes(name, f.text()));
    }
    m.packs.push_back(hash_pack(p.id, p.version, std::move(files)));
  }
  for (FileId id : inputs) m.inputs.push_back(hash_bytes(sources.file(id).path(), sources.file(id).text()));
  for (const auto& f : out.files) m.outputs.push_back(hash_bytes(f.name, f.bytes));
  out.files.push_back({kManifestName, write_manifest(m)});
  out.complete = true;
  return out;
}

}  // namespace cadre::audit
