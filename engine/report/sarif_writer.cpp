// SPDX-License-Identifier: Apache-2.0
// SARIF 2.1.0 (OASIS), as GitHub code scanning and other CI systems read it.
#include <filesystem>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "engine/report/json_pieces.hpp"
#include "engine/report/writers.hpp"

namespace cadre::report {

namespace fs = std::filesystem;

std::string default_rules_url() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = (exe.parent_path() / CADRE_INSTALL_RULE_PAGES_FROM_BIN).lexically_normal();
    if (fs::is_directory(installed)) return "file://" + installed.string() + "/";
  }
#ifdef CADRE_SOURCE_DOCS_DIR
  return std::string("file://") + CADRE_SOURCE_DOCS_DIR + "/rules/";
#else
  return "";
#endif
}

namespace {

const char* level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "error";
}

// RFC 3986: a path as a URI reference (unreserved characters and `/` kept).
std::string uri_path(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') out += static_cast<char>(c);
    else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Json artifact(const std::string& path) {
  if (!path.empty() && path.front() == '/') return {{"uri", "file://" + uri_path(path)}};
  return {{"uri", uri_path(path)}, {"uriBaseId", "%SRCROOT%"}};
}

Json location(const SourceManager& sources, FileId file, std::uint32_t offset) {
  const auto& f = sources.file(file);
  auto p = f.position(offset);
  return {{"physicalLocation",
           {{"artifactLocation", artifact(f.path())}, {"region", {{"startLine", p.line}, {"startColumn", p.column}}}}}};
}

// FNV-1a 64: a fingerprint that survives line moves (rule, record and pointer only).
std::string fingerprint(const Finding& f) {
  std::uint64_t h = 1469598103934665603ull;
  for (const std::string* part : {&f.rule->id, &f.record_kind, &f.record_id, &f.pointer}) {
    for (unsigned char c : *part) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

// A message template as its author wrote it in the pack, with its `{expression}` holes.
std::string template_text(const ast::Template& t, const SourceManager& sources) {
  if (!t.span.valid()) return {};
  std::string_view text = sources.file(t.span.file).text();
  std::string_view quoted = text.substr(t.span.begin, t.span.end - t.span.begin);
  if (quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"') quoted = quoted.substr(1, quoted.size() - 2);
  return std::string(quoted);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// GitHub code scanning shows `help` beside every alert (and requires it: GH2012): the
// rule's title, the articles it cites, what a finding says, and the Qualiopi indicators.
Json rule_help(const ast::RuleDecl& d, const std::string& lang, const std::string& page, const SourceManager& sources) {
  bool fr = lang == "fr";
  std::string title = ast::text_in(d.titles, lang);
  const ast::Template* message = ast::in_language(d.message, lang);
  std::string said = message ? template_text(*message, sources) : "";
  std::vector<std::string> indicators;
  for (int q : d.qualiopi) indicators.push_back(std::to_string(q));
  std::string text = title + "\n";
  std::string markdown = "**" + d.id + "** — " + title + "\n\n";
  auto line = [&](const char* fr_label, const char* en_label, const std::string& value) {
    if (value.empty()) return;
    text += std::string(fr ? fr_label : en_label) + (fr ? " : " : ": ") + value + "\n";
    markdown += "- " + std::string(fr ? fr_label : en_label) + (fr ? " : " : ": ") + value + "\n";
  };
  line("Articles du cadre", "Framework articles", joined(d.citations));
  line("Message", "Message", said);
  line("Indicateurs Qualiopi", "Qualiopi indicators", joined(indicators));
  line("Gravité", "Severity", severity_name(d.severity));
  if (!page.empty()) {
    text += (fr ? "Page de la règle : " : "Rule page: ") + page + "\n";
    markdown += "\n[" + std::string(fr ? "Page de la règle" : "Rule page") + "](" + page + ")\n";
  }
  return {{"text", text}, {"markdown", markdown}};
}

}  // namespace

namespace {

// Results come after the invocation, whose notifications are the run's diagnostics (known at
// the end): they wait in a temporary file.
class SarifReport final : public StreamingReport {
 public:
  SarifReport(std::ostream& out, WriterOptions options) : out_(out), options_(std::move(options)) {}

  bool begin(const RunResult& run, const SourceManager& sources) override {
    rules_ = Json::array();
    for (const auto& r : run.rules) {
      const auto& d = *r.rule;
      index_[d.id] = rules_.size();
      Json tags = Json::array();
      for (const auto& c : d.citations) tags.push_back(c);
      for (int q : d.qualiopi) tags.push_back("qualiopi-" + std::to_string(q));
      Json rule = {{"id", d.id},
                   {"shortDescription", {{"text", ast::text_in(d.titles, run.lang)}}},
                   {"fullDescription", {{"text", ast::text_in(d.titles, "fr") + " / " + ast::text_in(d.titles, "en")}}},
                   {"defaultConfiguration", {{"level", level(d.severity)}}}};
      std::string page = options_.rules_url.empty() ? "" : options_.rules_url + d.id + ".md";
      rule["help"] = rule_help(d, run.lang, page, sources);
      if (!page.empty()) rule["helpUri"] = page;
      rule["properties"] = {{"pack", r.pack_id}, {"citations", d.citations}, {"qualiopi", d.qualiopi}, {"tags", tags}};
      rules_.push_back(std::move(rule));
    }
    CutDocument cut = cut_at_markers(dump(document(run, Json::array())), {"results"});
    results_.emplace(results_spill_.stream(), cut.indents[0]);
    return true;
  }

  void add(const std::vector<RecordStatus>&, const std::vector<Finding>& findings, const std::vector<RuleOutcome>&,
           const SourceManager& sources) override {
    for (const auto& f : findings) {
      Json r = {{"ruleId", f.rule->id}};
      if (auto it = index_.find(f.rule->id); it != index_.end()) r["ruleIndex"] = it->second;
      r["level"] = level(f.severity);
      r["message"] = {{"text", f.message}};
      Json loc = location(sources, f.file, f.offset);
      loc["logicalLocations"] = Json::array({{{"fullyQualifiedName", f.record_id + f.pointer}, {"kind", "object"}}});
      r["locations"] = Json::array({loc});
      r["partialFingerprints"] = {{"cadreFinding/v1", fingerprint(f)}};
      if (f.waiver) {
        std::string why = f.waiver->reason;
        if (!f.waiver->approved_by.empty()) why += " (" + f.waiver->approved_by + ")";
        why += "; expires " + f.waiver->expires;
        r["suppressions"] = Json::array({{{"kind", "external"}, {"status", "accepted"}, {"justification", why}}});
      }
      r["properties"] = {{"record", f.record_id},
                         {"kind", f.record_kind},
                         {"pointer", f.pointer},
                         {"outcome", f.undecided ? "undecided" : "violated"},
                         {"citations", f.rule->citations},
                         {"qualiopi", f.rule->qualiopi}};
      results_->add(r);
    }
  }

  void end(const RunResult& run, const SourceManager& sources) override {
    Json notifications = Json::array();
    for (const auto& d : run.diagnostics.items()) {
      Json n = {{"level", level(d.severity)},
                {"message", {{"text", d.help.empty() ? d.message : d.message + " (" + d.help + ")"}}},
                {"descriptor", {{"id", diag_info(d.code).code}}}};
      if (d.span.valid()) n["locations"] = Json::array({location(sources, d.span.file, d.span.begin)});
      notifications.push_back(std::move(n));
    }
    CutDocument cut = cut_at_markers(dump(document(run, std::move(notifications))), {"results"});
    out_ << cut.pieces[0];
    results_->close();
    results_spill_.copy_to(out_);
    out_ << cut.pieces[1] << "\n";
  }

 private:
  Json document(const RunResult& run, Json notifications) const {
    Json packs = Json::array();
    for (const auto& p : run.packs) packs.push_back({{"id", p.id}, {"version", p.version}});
    Json driver = {{"name", "cadre"}, {"version", options_.tool_version}, {"semanticVersion", options_.tool_version}};
    if (!options_.rules_url.empty()) driver["informationUri"] = options_.rules_url + "README.md";
    driver["rules"] = rules_;
    Json properties = {{"asOf", run.as_of}, {"lang", run.lang}, {"packs", packs}};
    // Files a folder walk found that hold no record: counted, only when there are some.
    if (!run.skipped.empty()) properties["filesSkipped"] = run.skipped.size();
    return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
            {"version", "2.1.0"},
            {"runs", Json::array({{{"tool", {{"driver", std::move(driver)}}},
                                   {"invocations", Json::array({{{"executionSuccessful", !run.diagnostics.has_errors()},
                                                                 {"toolExecutionNotifications", std::move(notifications)}}})},
                                   {"columnKind", "unicodeCodePoints"},
                                   {"results", stream_marker("results")},
                                   {"properties", std::move(properties)}}})}};
  }

  std::ostream& out_;
  WriterOptions options_;
  Json rules_;
  std::map<std::string, std::size_t> index_;
  std::optional<JsonArrayWriter> results_;
  Spill results_spill_;
};

}  // namespace

std::unique_ptr<StreamingReport> sarif_report(std::ostream& out, const WriterOptions& options) {
  return std::make_unique<SarifReport>(out, options);
}

void write_sarif(std::ostream& out, const RunResult& result, const SourceManager& sources, const WriterOptions& options) {
  sarif_report(out, options)->write_whole(result, sources);
}

}  // namespace cadre::report
