// SARIF 2.1.0 (OASIS), as GitHub code scanning and other CI systems read it.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "engine/report/writers.hpp"

namespace cadre::report {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

std::string default_rules_url() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "doc" / "cadre" / "rules";
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

}  // namespace

void write_sarif(std::ostream& out, const RunResult& result, const SourceManager& sources, const WriterOptions& options) {
  Json rules = Json::array();
  std::map<std::string, std::size_t> index;
  for (const auto& run : result.rules) {
    const auto& d = *run.rule;
    index[d.id] = rules.size();
    Json tags = Json::array();
    for (const auto& c : d.citations) tags.push_back(c);
    for (int q : d.qualiopi) tags.push_back("qualiopi-" + std::to_string(q));
    Json rule = {{"id", d.id},
                 {"shortDescription", {{"text", ast::text_in(d.titles, result.lang)}}},
                 {"fullDescription", {{"text", ast::text_in(d.titles, "fr") + " / " + ast::text_in(d.titles, "en")}}},
                 {"defaultConfiguration", {{"level", level(d.severity)}}}};
    if (!options.rules_url.empty()) rule["helpUri"] = options.rules_url + d.id + ".md";
    rule["properties"] = {{"pack", run.pack_id}, {"citations", d.citations}, {"qualiopi", d.qualiopi}, {"tags", tags}};
    rules.push_back(std::move(rule));
  }
  Json results = Json::array();
  for (const auto& f : result.findings) {
    Json r = {{"ruleId", f.rule->id}};
    if (auto it = index.find(f.rule->id); it != index.end()) r["ruleIndex"] = it->second;
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
    results.push_back(std::move(r));
  }
  Json notifications = Json::array();
  for (const auto& d : result.diagnostics.items()) {
    Json n = {{"level", level(d.severity)},
              {"message", {{"text", d.help.empty() ? d.message : d.message + " (" + d.help + ")"}}},
              {"descriptor", {{"id", diag_info(d.code).code}}}};
    if (d.span.valid()) n["locations"] = Json::array({location(sources, d.span.file, d.span.begin)});
    notifications.push_back(std::move(n));
  }
  Json packs = Json::array();
  for (const auto& p : result.packs) packs.push_back({{"id", p.id}, {"version", p.version}});
  Json driver = {{"name", "cadre"}, {"version", options.tool_version}, {"semanticVersion", options.tool_version}};
  if (!options.rules_url.empty()) driver["informationUri"] = options.rules_url + "README.md";
  driver["rules"] = std::move(rules);
  Json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({{{"tool", {{"driver", std::move(driver)}}},
                                     {"invocations", Json::array({{{"executionSuccessful", !result.diagnostics.has_errors()},
                                                                   {"toolExecutionNotifications", notifications}}})},
                                     {"columnKind", "unicodeCodePoints"},
                                     {"results", std::move(results)},
                                     {"properties", {{"asOf", result.as_of}, {"lang", result.lang}, {"packs", packs}}}}})}};
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace cadre::report
