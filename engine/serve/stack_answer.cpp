// SPDX-License-Identifier: Apache-2.0
// POST /stack: the jury sheet of `cadre stack --format html` (or its JSON) for a transcript
// and credentials uploaded with the form, against the catalogue loaded at start. The same
// steps as cli/stack_command.cpp, on files held in memory for this request only.
#include <deque>
#include <sstream>

#include <fmt/format.h>

#include "engine/base/sha256.hpp"
#include "engine/serve/state.hpp"
#include "engine/stack/authenticity.hpp"
#include "engine/stack/cohort.hpp"
#include "engine/waivers/waivers.hpp"

namespace cadre::serve {

Response answer_stack(const Loaded& loaded, const Settings& settings, const std::vector<Part>& parts,
                      const std::string& lang, bool json) {
  const bool fr = lang == "fr";
  auto t = [&](const char* f, const char* e) { return std::string(fr ? f : e); };
  auto refuse = [&](int status, const std::string& text, const std::vector<std::string>& details = {}) {
    Response r;
    r.status = status;
    if (json) {
      r.content_type = "application/json";
      r.body = nlohmann::json{{"status", status}, {"error", text}, {"details", details}}.dump(
                   2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } else {
      r.body = page_message(lang, status, text, details);
    }
    return r;
  };
  std::string pathway_id;
  const Part* transcript_part = nullptr;
  std::vector<const Part*> credential_parts;
  for (const auto& p : parts) {
    if (p.name == "pathway" && !p.has_filename) pathway_id = std::string(p.data);
    else if (p.name == "transcript" && p.has_filename) {
      if (transcript_part) return refuse(400, t("un seul relevé par demande", "one transcript per request"));
      transcript_part = &p;
    } else if (p.name == "credentials" && p.has_filename && !(p.filename.empty() && p.data.empty())) {
      credential_parts.push_back(&p);  // an empty file input sends one nameless, empty part
    }
  }
  if (!transcript_part || transcript_part->data.empty())
    return refuse(400, t("le relevé (transcript) manque", "the transcript is missing"));
  const Language& language = *loaded.languages.at(lang);
  const Engine& engine = language.engine;
  const record::Record* pathway = nullptr;
  for (const auto& r : engine.records())
    if (!pathway && r.kind == "pathway" && r.valid && r.id == pathway_id) pathway = &r;
  if (!pathway)
    return refuse(400, fr ? fmt::format("le parcours « {} » n'est pas au catalogue", pathway_id)
                          : fmt::format("the pathway `{}` is not in the catalogue", pathway_id));

  // Each upload is a document of its own, checked with the rules and catalogue of the start.
  SourceManager scratch = scratch_for(engine);
  std::deque<Engine::DocumentCheck> checked;  // stable: the catalogue points into it
  std::vector<report::InputReference> inputs;
  auto add = [&](const Part& part, const char* role) {
    FileId id = scratch.add(upload_name(part), std::string(part.data));
    checked.push_back(engine.check_document(scratch, id));
    for (auto& f : checked.back().findings)
      for (const auto& w : language.run.waivers)
        if (!f.waiver && !w->expired && waivers::covers(*w, f)) f.waiver = w.get();
    inputs.push_back({role, scratch.file(id).path(), 1, sha256_hex(part.data)});
    return id;
  };
  FileId transcript_file = add(*transcript_part, "transcript");
  for (const Part* p : credential_parts) add(*p, "credential");
  auto locate = locate_in_request(scratch, engine);

  const record::Record* transcript = nullptr;
  for (const auto& r : checked.front().records)
    if (!transcript && r.kind == "transcript" && r.file == transcript_file) transcript = &r;
  if (!transcript) {
    std::vector<std::string> details;
    for (const auto& d : checked.front().diagnostics.items())
      if (d.severity == Severity::Error) details.push_back(stack::error_line(d, locate));
    return refuse(422, fr ? fmt::format("« {} » ne contient pas de relevé (`kind: transcript`)", scratch.file(transcript_file).path())
                          : fmt::format("`{}` holds no `kind: transcript` record", scratch.file(transcript_file).path()),
                  details);
  }

  stack::Catalogue catalogue = language.catalogue;
  verify::VerifyContext context{loaded.trust, nullptr, loaded.as_of};
  for (std::size_t i = 1; i < checked.size(); ++i) {
    catalogue.add(checked[i].records, checked[i].findings);
    stack::check_authenticity(checked[i].records, scratch, context, catalogue);
  }
  auto exceptions = stack::exceptions_for(pathway->id, engine.records());
  auto result = stack::assess(*pathway, *transcript, catalogue, checked.front().records, checked.front().findings,
                              exceptions, loaded.as_of, lang);
  for (const auto& doc : checked) stack::attach_diagnostics(result, doc.records, doc.diagnostics, locate);

  report::StackReportInfo info{settings.tool_version, format_date(loaded.as_of), language.run.packs, lang, {}};
  info.inputs = language.inputs;
  for (auto& in : inputs) info.inputs.push_back(std::move(in));
  std::ostringstream out;
  Response r;
  if (json) {
    r.content_type = "application/json";
    report::write_stack_json(out, result, locate, info);
  } else {
    report::write_stack_html(out, result, locate, info);
  }
  r.body = out.str();
  return r;
}

}  // namespace cadre::serve
