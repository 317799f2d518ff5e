#include "engine/stack/stack.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace cadre::stack {

using record::Value;

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Eligible: return "eligible";
    case Verdict::NotYetEligible: return "not_yet_eligible";
    case Verdict::CannotBeAssessed: return "cannot_be_assessed";
  }
  return "cannot_be_assessed";
}

namespace {

std::string text(const Value* v) { return v && v->kind != Value::Kind::Null ? v->text : std::string{}; }

const Value* at(const Value* v, std::initializer_list<const char*> path) {
  for (const char* key : path) {
    if (!v) return nullptr;
    v = v->get(key);
  }
  return v;
}

double number(const Value* v) {
  if (!v) return 0;
  if (v->kind == Value::Kind::Integer) return static_cast<double>(v->integer);
  if (v->kind == Value::Kind::Number) return v->number;
  return 0;
}

std::vector<std::string> strings(const Value* list) {
  std::vector<std::string> out;
  if (list && list->kind == Value::Kind::List)
    for (const auto& item : list->children) out.push_back(item.text);
  return out;
}

Requirement requirement(const Value& v) {
  Requirement r;
  r.label = text(v.get("label"));
  if (const Value* c = v.get("course")) {
    r.kind = Requirement::Kind::Course;
    r.course = c->text;
  } else if (const Value* all = v.get("all_of")) {
    r.kind = Requirement::Kind::AllOf;
    for (const auto& child : all->children) r.children.push_back(requirement(child));
  } else if (const Value* n = v.get("n_of")) {
    r.kind = Requirement::Kind::NOf;
    r.count = static_cast<int>(number(n));
    r.from = strings(v.get("from"));
  } else if (const Value* m = v.get("at_most")) {
    r.kind = Requirement::Kind::AtMost;
    r.count = static_cast<int>(number(m));
    r.from = strings(v.get("from"));
  } else if (const Value* h = v.get("min_hours")) {
    r.kind = Requirement::Kind::MinHours;
    r.amount = number(h);
  } else if (const Value* e = v.get("min_ects")) {
    r.kind = Requirement::Kind::MinEcts;
    r.amount = number(e);
  }
  return r;
}

void bricks(const Requirement& r, std::set<std::string>& out) {
  if (r.kind == Requirement::Kind::Course) out.insert(r.course);
  for (const auto& c : r.from) out.insert(c);
  for (const auto& c : r.children) bricks(c, out);
}

std::string full_name(const Value* holder) {
  std::string given = text(at(holder, {"given_names"})), family = text(at(holder, {"family_name"}));
  return given.empty() ? family : family.empty() ? given : given + " " + family;
}

}  // namespace

StackResult assess(const record::Record& pathway, const record::Record& transcript,
                   const std::vector<record::Record>& records, const std::vector<report::Finding>& findings,
                   const std::string& lang) {
  bool fr = lang == "fr";
  StackResult out;
  out.pathway_id = pathway.id;
  out.pathway_title = text(pathway.root->get("title"));
  const Value* holder = transcript.root->get("holder");
  out.holder_id = text(at(holder, {"id"}));
  out.holder_name = full_name(holder);
  out.notice = fr ? "L'empilement ne donne aucun droit automatique à la certification : l'établissement qui la délivre "
                    "décide, après examen par son jury (cadre commun §11 ; Recommandation de l'UE du 16 juin 2022, §6)."
                  : "Stacking gives no automatic right to the certification: the awarding institution decides, after "
                    "its jury's review (cadre commun §11; EU Council Recommendation of 16 June 2022, §6).";
  if (const Value* req = pathway.root->get("requirement")) out.tree = requirement(*req);
  std::set<std::string> pathway_bricks;
  bricks(out.tree, pathway_bricks);

  std::map<std::string, const record::Record*> certificates, courses;
  for (const auto& r : records) {
    if (r.kind == "certificate" && !r.id.empty()) certificates.emplace(r.id, &r);
    if (r.kind == "course" && r.id.empty() == false && r.valid) courses.emplace(r.id, &r);
  }
  std::map<std::pair<FileId, std::uint32_t>, std::vector<const report::Finding*>> errors_of;
  for (const auto& f : findings)
    if (f.severity == Severity::Error && !f.waiver) errors_of[{f.file, f.record_offset}].push_back(&f);

  std::vector<Credential> counting;
  std::map<std::string, double> hours_of;
  for (const auto& [id, course] : courses) hours_of[id] = number(course->root->get("workload_hours"));
  std::set<std::string> seen_ids, seen_courses;
  const Value* list = transcript.root->get("credentials");
  auto refuse = [&](std::string credential, std::string course, const char* code, std::string reason) {
    out.refused.push_back({std::move(credential), std::move(course), code, std::move(reason), {}});
  };
  for (const auto& entry : list ? list->children : std::vector<Value>{}) {
    if (entry.kind != Value::Kind::Scalar) {
      refuse("(inline)", "", "invalid",
             fr ? "certificat en ligne dans le relevé : pas encore pris en charge, donnez son identifiant"
                : "inline certificate in the transcript: not supported yet, give its id");
      out.problems.push_back(out.refused.back().reason);
      continue;
    }
    const std::string& id = entry.text;
    auto it = certificates.find(id);
    if (it == certificates.end()) {
      refuse(id, "", "not-found", fr ? "certificat introuvable dans les catalogues donnés" : "certificate not found in the catalogues given");
      out.problems.push_back(fmt::format("{}: {}", id, out.refused.back().reason));
      continue;
    }
    const record::Record& cert = *it->second;
    std::string course_id = text(cert.root->get("course"));
    if (!seen_ids.insert(id).second) {
      refuse(id, course_id, "duplicate", fr ? "certificat déjà cité dans le relevé" : "certificate already listed in the transcript");
      continue;
    }
    if (!cert.valid) {
      refuse(id, course_id, "invalid", fr ? "le certificat ne respecte pas le schéma (voir les diagnostics)"
                                          : "the certificate does not follow the schema (see the diagnostics)");
      out.problems.push_back(fmt::format("{}: {}", id, out.refused.back().reason));
      continue;
    }
    if (auto errs = errors_of.find({cert.file, cert.offset}); errs != errors_of.end()) {
      refuse(id, course_id, "fails-rules",
             fr ? "le certificat enfreint des règles du cadre (§10.2, §8.4 ou Annexe I de l'UE)"
                : "the certificate breaks rules of the framework (§10.2, §8.4 or EU Annex I)");
      out.refused.back().findings = errs->second;
      continue;
    }
    const Value* cert_holder = cert.root->get("holder");
    std::string cert_holder_id = text(at(cert_holder, {"id"}));
    if ((!out.holder_id.empty() && !cert_holder_id.empty() && cert_holder_id != out.holder_id) ||
        (cert_holder_id.empty() && full_name(cert_holder) != out.holder_name)) {
      refuse(id, course_id, "other-holder",
             fr ? fmt::format("délivré à {} ({}), pas au titulaire du relevé", full_name(cert_holder), cert_holder_id)
                : fmt::format("issued to {} ({}), not to the transcript's holder", full_name(cert_holder), cert_holder_id));
      continue;
    }
    if (!pathway_bricks.count(course_id)) {
      refuse(id, course_id, "not-a-brick",
             fr ? fmt::format("la formation {} n'est pas une brique du parcours {}", course_id, pathway.id)
                : fmt::format("course {} is not a brick of pathway {}", course_id, pathway.id));
      continue;
    }
    auto course = courses.find(course_id);
    if (course == courses.end()) {
      refuse(id, course_id, "course-unknown",
             fr ? fmt::format("la formation {} est absente des catalogues donnés", course_id)
                : fmt::format("course {} is not in the catalogues given", course_id));
      continue;
    }
    auto declared = strings(course->second->root->get("pathways"));
    if (std::find(declared.begin(), declared.end(), pathway.id) == declared.end()) {
      refuse(id, course_id, "course-not-declaring",
             fr ? fmt::format("la formation {} ne déclare pas le parcours {} (§11)", course_id, pathway.id)
                : fmt::format("course {} does not declare pathway {} (§11)", course_id, pathway.id));
      continue;
    }
    std::string producer = text(at(course->second->root.get(), {"producer", "university"}));
    std::string issuer = text(at(cert.root.get(), {"issuer", "university"}));
    if (!producer.empty() && issuer != producer) {
      refuse(id, course_id, "not-producer",
             fr ? fmt::format("délivré par {}, non par l'université productrice {} (§6.2)", issuer, producer)
                : fmt::format("issued by {}, not by the producing university {} (§6.2)", issuer, producer));
      continue;
    }
    if (!seen_courses.insert(course_id).second) {
      refuse(id, course_id, "duplicate",
             fr ? fmt::format("un autre certificat de la formation {} compte déjà", course_id)
                : fmt::format("another certificate of course {} already counts", course_id));
      continue;
    }
    double hours = number(cert.root->get("workload_hours"));
    if (hours == 0) hours = hours_of[course_id];
    counting.push_back({id, course_id, hours, number(cert.root->get("ects"))});
    out.counted.push_back(id);
  }
  std::set<std::string> shareable;
  for (const auto& s : strings(pathway.root->get("shareable"))) shareable.insert(s);
  out.allocation = allocate(out.tree, counting, shareable, hours_of);
  if (!pathway.valid) out.problems.push_back(fr ? "le parcours ne respecte pas le schéma" : "the pathway does not follow the schema");
  if (!transcript.valid) out.problems.push_back(fr ? "le relevé ne respecte pas le schéma" : "the transcript does not follow the schema");
  out.verdict = !out.problems.empty()          ? Verdict::CannotBeAssessed
                : out.allocation.satisfied ? Verdict::Eligible
                                           : Verdict::NotYetEligible;
  return out;
}

}  // namespace cadre::stack
