// SPDX-License-Identifier: Apache-2.0
#include "engine/stack/stack.hpp"

#include "engine/report/stack_writers.hpp"


#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "engine/base/fuzzy.hpp"
#include "engine/base/locale_format.hpp"

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

/// A count from a record, within what an int and a pathway can mean (the pack's rules
/// report counts out of bounds; here they must not overflow).
int count_of(const Value* v) { return static_cast<int>(std::clamp(number(v), 0.0, 1'000'000.0)); }

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
    r.count = count_of(n);
    r.from = strings(v.get("from"));
  } else if (const Value* m = v.get("at_most")) {
    r.kind = Requirement::Kind::AtMost;
    r.count = count_of(m);
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

std::vector<Exception> exceptions_for(const std::string& pathway_id, const std::vector<record::Record>& records) {
  std::vector<Exception> out;
  for (const auto& r : records) {
    if (r.kind != "exceptions" || !r.conforms() || text(r.root->get("pathway")) != pathway_id) continue;
    const Value* list = r.root->get("exceptions");
    for (const auto& e : list ? list->children : std::vector<Value>{}) {
      Exception x;
      x.holder = text(e.get("holder"));
      x.substitute = text(at(&e, {"substitute", "course"}));
      x.replaces = text(at(&e, {"substitute", "replaces"}));
      x.satisfy = text(e.get("satisfy"));
      x.reason = text(e.get("reason"));
      x.approved_by = text(e.get("approved_by"));
      x.date = text(e.get("date"));
      if (const Value* d = e.get("date"); d && d->kind == Value::Kind::Date) {
        x.date = format_date(d->date);
        x.dated = d->date;
      }
      x.file = r.file;
      x.offset = e.offset;
      out.push_back(std::move(x));
    }
  }
  return out;
}

Diagnostics exceptions_notices(const std::string& pathway_id, const std::vector<record::Record>& records,
                               const std::vector<Exception>& exceptions, const Date& as_of,
                               const std::vector<std::string>& pathway_ids) {
  Diagnostics out;
  for (const auto& r : records) {
    if (r.kind != "exceptions" || !r.conforms()) continue;
    const Value* pathway = r.root->get("pathway");
    std::string theirs = text(pathway);
    if (theirs == pathway_id) continue;
    // A typo of the pathway assessed is the likely mistake; another known pathway, a file
    // given with the wrong catalogue.
    std::vector<std::string> candidates = pathway_ids;
    candidates.push_back(pathway_id);
    auto best = closest_name(theirs, candidates);
    std::uint32_t at = pathway ? pathway->offset : r.offset;
    out.add(DiagCode::W0325, Span{r.file, at, at + static_cast<std::uint32_t>(std::max<std::size_t>(theirs.size(), 1))},
            fmt::format("these exceptions are for pathway `{}`, not for `{}` being assessed: none of them applies", theirs,
                        pathway_id),
            best && *best != theirs ? fmt::format("did you mean `{}`?", *best)
                                    : std::string("give the exceptions file of this pathway"));
  }
  for (const auto& e : exceptions)
    if (e.dated && e.dated->days > as_of.days)
      out.add(DiagCode::W0324, Span{e.file, e.offset, e.offset + 1},
              fmt::format("this exception is dated {}, after the as-of date {}: it is not applied (an exception takes "
                          "effect on its date)",
                          format_date(*e.dated), format_date(as_of)),
              "check the date, or judge the case as of that day (`--as-of`)");
  return out;
}

void Catalogue::add(const std::vector<record::Record>& records, const std::vector<report::Finding>& findings,
                    FileId excluded) {
  for (const auto& r : records) {
    if (r.file == excluded) continue;
    if (r.kind == "certificate" && !r.id.empty()) certificates.emplace(r.id, &r);
    if (r.kind == "course" && !r.id.empty() && r.conforms() && courses.emplace(r.id, &r).second) {
      hours_of[r.id] = number(r.root->get("workload_hours"));
      ects_of[r.id] = number(r.root->get("ects"));
    }
  }
  for (const auto& f : findings) {
    if (f.severity == Severity::Error && !f.waiver) errors_of[{f.file, f.record_offset}].push_back(&f);
    if (f.waiver) waived_of[{f.file, f.record_offset}].push_back(&f);
  }
}

namespace {

/// Marks the requirements that a `satisfy` exception names (by label or JSON Pointer);
/// returns whether any did.
bool grant(Requirement& r, const std::string& path, const std::string& target, const std::string& why) {
  bool hit = false;
  if (target == path || (!r.label.empty() && target == r.label)) {
    r.granted = why;
    hit = true;
  }
  for (std::size_t i = 0; i < r.children.size(); ++i)
    hit = grant(r.children[i], path + "/all_of/" + std::to_string(i), target, why) || hit;
  return hit;
}

}  // namespace

StackResult assess(const record::Record& pathway, const record::Record& transcript, const Catalogue& catalogue,
                   const std::vector<record::Record>& inline_records, const std::vector<report::Finding>& findings,
                   const std::vector<Exception>& exceptions, const Date& as_of, const std::string& lang) {
  bool fr = lang == "fr";
  StackResult out;
  out.lang = lang;
  out.pathway_id = pathway.id;
  out.pathway_title = text(pathway.root->get("title"));
  const Value* holder = transcript.root->get("holder");
  out.holder_id = text(at(holder, {"id"}));
  out.holder_name = full_name(holder);
  out.holder_birth_date = text(at(holder, {"birth_date"}));
  out.notice = fr ? "L'empilement ne donne aucun droit automatique à la certification : l'établissement qui la délivre "
                    "décide, après examen par son jury (cadre commun §11 ; Recommandation de l'UE du 16 juin 2022, §6)."
                  : "Stacking gives no automatic right to the certification: the awarding institution decides, after "
                    "its jury's review (cadre commun §11; EU Council Recommendation of 16 June 2022, §6).";
  if (const Value* req = pathway.root->get("requirement")) out.tree = requirement(*req);
  std::set<std::string> pathway_bricks;
  bricks(out.tree, pathway_bricks);

  // A course as people read it in an exception's effect: its code and, from the catalogue, its title.
  auto course_read = [&](const std::string& code) {
    std::map<std::string, std::string> title;
    if (auto c = catalogue.courses.find(code); c != catalogue.courses.end()) title[code] = text(c->second->root->get("title"));
    return report::course_named(code, fr, &title);
  };
  // The exceptions for this trainee: requirements granted now, substitutions as credentials come.
  std::map<std::string, const Exception*> substitutes;  // course → the exception that applies
  std::vector<const Exception*> superseded;             // another one for the same course applies
  std::vector<const Exception*> granting;               // `satisfy` exceptions that found their requirement
  const Requirement ungranted = out.tree;
  auto granted_by = [fr, &lang](const Exception& e) {
    return fr ? fmt::format("dérogation : {} (accordée par {}, le {})", e.reason, e.approved_by, locale::date(e.date, lang))
              : fmt::format("exception: {} (approved by {} on {})", e.reason, e.approved_by, locale::date(e.date, lang));
  };
  for (const auto& e : exceptions) {
    if (!e.holder.empty() && e.holder != out.holder_id) continue;
    // A decision takes effect on its date: judged as of an earlier day, it was not yet taken.
    if (e.dated && e.dated->days > as_of.days) {
      std::string dated = locale::date(format_date(*e.dated), lang), judged = locale::date(format_date(as_of), lang);
      out.exceptions.push_back(
          {&e,
           fr ? fmt::format("non appliquée : datée du {}, après la date d'examen du {}", dated, judged)
              : fmt::format("not applied: dated {}, after the as-of date {}", dated, judged),
           false});
      continue;
    }
    if (!e.satisfy.empty()) {
      if (grant(out.tree, "/requirement", e.satisfy, granted_by(e))) {
        granting.push_back(&e);
        out.exceptions.push_back({&e, fr ? fmt::format("exigence « {} » réputée satisfaite", e.satisfy)
                                         : fmt::format("requirement \"{}\" deemed satisfied", e.satisfy)});
      } else {
        out.problems.push_back(fr ? fmt::format("dérogation : aucune exigence du parcours ne s'appelle « {} »", e.satisfy)
                                  : fmt::format("exception: no requirement of the pathway is called \"{}\"", e.satisfy));
      }
    }
    if (!e.substitute.empty()) {
      // One substitution per course: the trainee's own exception before a general one, then
      // the first in the file.
      auto [it, inserted] = substitutes.emplace(e.substitute, &e);
      if (!inserted && it->second->holder.empty() && !e.holder.empty()) {
        superseded.push_back(it->second);
        it->second = &e;
      } else if (!inserted) {
        superseded.push_back(&e);
      }
    }
  }

  // Inline certificates by offset in the transcript, taken in order: values copied from a YAML
  // alias all carry the alias's offset.
  std::multimap<std::uint32_t, const record::Record*> inline_certificates;
  for (const auto& r : inline_records)
    if (r.file == transcript.file && r.kind == "certificate" && r.offset != transcript.offset)
      inline_certificates.emplace(r.offset, &r);
  std::map<std::pair<FileId, std::uint32_t>, std::vector<const report::Finding*>> inline_errors;
  for (const auto& f : findings)
    if (f.severity == Severity::Error && !f.waiver && f.file == transcript.file)
      inline_errors[{f.file, f.record_offset}].push_back(&f);

  std::vector<Credential> counting;
  std::vector<std::pair<std::string, const record::Record*>> counted_records;
  // Courses' hours and credits come from the catalogue, indexed once for every transcript.
  const auto& hours_of = catalogue.hours_of;
  const auto& ects_of = catalogue.ects_of;
  std::set<std::string> seen_ids, seen_courses;
  const Value* list = transcript.root->get("credentials");
  const record::Record* current = nullptr;  // the certificate of the entry being judged, once found
  auto refuse = [&](std::string credential, std::string course, const char* code, std::string reason) {
    out.refused.push_back({std::move(credential), std::move(course), code, std::move(reason), {}, current, {}});
  };
  static const std::vector<Value> kNone;
  const std::vector<Value>& entries = list ? list->children : kNone;  // both lvalues: no copy
  for (const auto& entry : entries) {
    current = nullptr;
    const record::Record* found = nullptr;
    std::string id = entry.text;
    if (entry.kind == Value::Kind::Map) {
      // A certificate written inline: the engine checked it as a record of its own.
      const Value* kind = entry.get("kind");
      auto it = inline_certificates.find(entry.offset);  // an inline record starts where its mapping does
      if (it == inline_certificates.end()) {
        std::string kind_name = text(kind);
        refuse(kind_name.empty() ? "(inline)" : "(inline " + kind_name + ")", "", "invalid",
               fr ? "entrée en ligne du relevé qui n'est pas un certificat (`kind: certificate` attendu)"
                  : "inline entry of the transcript that is not a certificate (`kind: certificate` expected)");
        out.problems.push_back(out.refused.back().reason);
        continue;
      }
      found = it->second;
      inline_certificates.erase(it);
      std::size_t position = static_cast<std::size_t>(&entry - entries.data()) + 1;
      id = !found->id.empty() ? found->id
                              : fmt::format(fmt::runtime(fr ? "(certificat en ligne n° {} sans id)" : "(inline certificate #{} without id)"),
                                            position);
    } else if (entry.kind != Value::Kind::String && entry.kind != Value::Kind::Scalar) {
      refuse("(?)", "", "invalid", fr ? "entrée du relevé qui n'est ni un identifiant ni un certificat"
                                       : "transcript entry that is neither a certificate id nor a certificate");
      out.problems.push_back(out.refused.back().reason);
      continue;
    } else if (auto it = catalogue.certificates.find(id); it != catalogue.certificates.end()) {
      found = it->second;
    } else {
      refuse(id, "", "not-found", fr ? "certificat introuvable dans les catalogues donnés" : "certificate not found in the catalogues given");
      out.problems.push_back(fmt::format("{}: {}", id, out.refused.back().reason));
      continue;
    }
    const record::Record& cert = *found;
    std::string course_id = text(cert.root->get("course"));
    current = &cert;
    if (!seen_ids.insert(id).second) {
      refuse(id, course_id, "duplicate", fr ? "certificat déjà cité dans le relevé" : "certificate already listed in the transcript");
      continue;
    }
    if (!cert.conforms()) {
      refuse(id, course_id, "invalid", fr ? "le certificat ne respecte pas le schéma (erreurs ci-dessous)"
                                          : "the certificate does not follow the schema (errors below)");
      out.problems.push_back(fmt::format("{}: {}", id, out.refused.back().reason));
      continue;
    }
    // §10.2: authenticity. A proof that does not match, or a revoked credential, never counts;
    // one that cannot be verified counts, marked, unless verification is required.
    std::string unverified_reason;
    if (auto a = catalogue.authenticity.find({cert.file, cert.offset}); a != catalogue.authenticity.end()) {
      const verify::Result& v = a->second;
      if (v.refused()) {
        bool revoked = v.status == verify::Status::revoked;
        refuse(id, course_id, revoked ? "revoked" : "invalid-signature",
               fr ? fmt::format("{} (§10.2) : {}", revoked ? "certificat révoqué" : "signature invalide, contenu altéré", v.reason)
                  : fmt::format("{} (§10.2): {}", revoked ? "revoked credential" : "invalid signature, content altered", v.reason));
        continue;
      }
      if (!v.verified()) unverified_reason = fmt::format("{}: {}", verify::status_name(v.status), v.reason);
    } else {
      unverified_reason = fr ? "sans preuve (fiche du système de scolarité)" : "no proof (a registrar's record)";
    }
    if (!unverified_reason.empty() && catalogue.require_verified) {
      refuse(id, course_id, "unverified",
             fr ? fmt::format("authenticité non vérifiée (--require-verified) : {}", unverified_reason)
                : fmt::format("authenticity not verified (--require-verified): {}", unverified_reason));
      continue;
    }
    const auto& errors = cert.file == transcript.file ? inline_errors : catalogue.errors_of;
    if (auto errs = errors.find({cert.file, cert.offset}); errs != errors.end()) {
      refuse(id, course_id, "fails-rules",
             fr ? "le certificat enfreint des règles du cadre (§10.2, §8.4 ou Annexe I de l'UE)"
                : "the certificate breaks rules of the framework (§10.2, §8.4 or EU Annex I)");
      out.refused.back().findings = errs->second;
      continue;
    }
    const Value* cert_holder = cert.root->get("holder");
    std::string cert_holder_id = text(at(cert_holder, {"id"}));
    // The same person: the same id when both have one, else the same name.
    bool both_ids = !out.holder_id.empty() && !cert_holder_id.empty();
    if ((both_ids && cert_holder_id != out.holder_id) || (!both_ids && full_name(cert_holder) != out.holder_name)) {
      refuse(id, course_id, "other-holder",
             fr ? fmt::format("délivré à {} ({}), pas au titulaire du relevé", full_name(cert_holder), cert_holder_id)
                : fmt::format("issued to {} ({}), not to the transcript's holder", full_name(cert_holder), cert_holder_id));
      continue;
    }
    std::string counts_as = course_id;
    if (auto sub = substitutes.find(course_id); sub != substitutes.end()) {
      // The registrar's decision replaces the checks on the brick itself (§11: the receiving
      // institution decides); the certificate's own validity was checked above.
      counts_as = sub->second->replaces;
      out.exceptions.push_back({sub->second, fr ? fmt::format("{} ({}) compte à la place de {}", id, course_read(course_id), course_read(counts_as))
                                                : fmt::format("{} ({}) counts in place of {}", id, course_read(course_id), course_read(counts_as))});
    } else {
      if (!pathway_bricks.count(course_id)) {
        refuse(id, course_id, "not-a-brick",
               fr ? fmt::format("la formation {} n'est pas une brique du parcours {}", course_id, pathway.id)
                  : fmt::format("course {} is not a brick of pathway {}", course_id, pathway.id));
        continue;
      }
      auto course = catalogue.courses.find(course_id);
      if (course == catalogue.courses.end()) {
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
      // §6.2 (issued by the producing university) is the packs' to judge: DFCU-6.2-producer-issues
      // compares the universities by their member id (UAI, name or alias), and a certificate it
      // fails is refused above ("fails-rules"). Comparing spellings here would refuse
      // « Université Toulouse 3 » for « Université Toulouse III – Paul Sabatier ».
    }
    if (!seen_courses.insert(counts_as).second) {
      refuse(id, course_id, "duplicate",
             fr ? fmt::format("un autre certificat de la formation {} compte déjà", counts_as)
                : fmt::format("another certificate of course {} already counts", counts_as));
      continue;
    }
    double hours = number(cert.root->get("workload_hours"));
    if (auto h = hours_of.find(course_id); hours == 0 && h != hours_of.end()) hours = h->second;
    double ects = number(cert.root->get("ects"));
    if (auto e = ects_of.find(course_id); ects == 0 && e != ects_of.end()) ects = e->second;
    counting.push_back({id, counts_as, hours, ects});
    out.counted.push_back(id);
    if (unverified_reason.empty()) ++out.verified;
    else out.unverified[id] = unverified_reason;
    counted_records.emplace_back(id, &cert);
    if (auto w = catalogue.waived_of.find({cert.file, cert.offset}); w != catalogue.waived_of.end())
      out.waived.insert(out.waived.end(), w->second.begin(), w->second.end());
    for (const auto& f : findings)  // inline certificates: their findings came with the transcript
      if (f.waiver && cert.file == transcript.file && f.file == cert.file && f.record_offset == cert.offset)
        out.waived.push_back(&f);
  }
  for (const Exception* e : superseded)
    out.exceptions.push_back({e, fr ? fmt::format("non appliquée : une autre dérogation substitue déjà {}", course_read(e->substitute))
                                    : fmt::format("not applied: another exception already substitutes {}", course_read(e->substitute)),
                              false});
  for (const auto& [course, exception] : substitutes) {
    const Exception* e = exception;  // lambdas cannot capture structured bindings (clang 14)
    bool used = std::any_of(out.exceptions.begin(), out.exceptions.end(), [e](const AppliedException& a) { return a.exception == e; });
    if (!used)
      out.exceptions.push_back({e, fr ? fmt::format("non appliquée : le relevé ne contient aucun certificat valide de {}", course_read(course))
                                      : fmt::format("not applied: the transcript holds no valid certificate of {}", course_read(course)),
                                false});
  }
  std::set<std::string> shareable;
  for (const auto& s : strings(pathway.root->get("shareable"))) shareable.insert(s);
  out.allocation = allocate(out.tree, counting, shareable, hours_of, ects_of);
  // A requirement deemed satisfied that the credentials meet anyway: the exception changed
  // nothing, and the report must not read as if it had (the hours row would show both).
  for (auto it = granting.begin(); it != granting.end();) {
    Requirement without = ungranted;
    for (const Exception* other : granting)
      if (other != *it) grant(without, "/requirement", other->satisfy, granted_by(*other));
    Allocation alternative = allocate(without, counting, shareable, hours_of, ects_of);
    bool same = alternative.satisfied == out.allocation.satisfied &&
                alternative.nodes.size() == out.allocation.nodes.size() &&
                std::equal(alternative.nodes.begin(), alternative.nodes.end(), out.allocation.nodes.begin(),
                           [](const NodeResult& a, const NodeResult& b) { return a.satisfied == b.satisfied; });
    if (!same) {
      ++it;
      continue;
    }
    for (auto& a : out.exceptions)
      if (a.exception == *it) {
        a.applied = false;
        a.effect = fr ? fmt::format("non appliquée : l'exigence « {} » est satisfaite sans elle", (*it)->satisfy)
                      : fmt::format("not applied: requirement \"{}\" is met without it", (*it)->satisfy);
      }
    out.tree = std::move(without);
    out.allocation = allocate(out.tree, counting, shareable, hours_of, ects_of);  // nodes point into out.tree
    it = granting.erase(it);
  }
  // What the jury reads of each certificate and course (§10.2), beside their ids.
  auto title_of = [&](const std::string& course) -> std::string {
    auto c = catalogue.courses.find(course);
    return c == catalogue.courses.end() ? std::string{} : text(c->second->root->get("title"));
  };
  for (const auto& course : pathway_bricks)
    if (auto t = title_of(course); !t.empty()) out.course_titles[course] = t;
  for (const auto& course : out.allocation.completion)
    if (auto t = title_of(course); !t.empty()) out.course_titles[course] = t;
  auto describe = [&](const std::string& id, const record::Record& cert) {
    std::string course = text(cert.root->get("course"));
    CredentialDetails d;
    d.course = course;
    d.course_title = title_of(course);
    if (d.course_title.empty()) d.course_title = text(cert.root->get("title"));
    if (!course.empty() && !d.course_title.empty()) out.course_titles.emplace(course, d.course_title);
    d.issuer = text(at(cert.root.get(), {"issuer", "university"}));
    d.issued = text(cert.root->get("issued"));
    d.hours = number(cert.root->get("workload_hours"));
    if (auto h = hours_of.find(course); d.hours == 0 && h != hours_of.end()) d.hours = h->second;
    d.ects = number(cert.root->get("ects"));
    if (auto e = ects_of.find(course); d.ects == 0 && e != ects_of.end()) d.ects = e->second;
    if (out.holder_birth_date.empty()) {
      bool theirs = text(at(cert.root->get("holder"), {"id"})) == out.holder_id && !out.holder_id.empty();
      if (theirs) out.holder_birth_date = text(at(cert.root->get("holder"), {"birth_date"}));
    }
    out.details.emplace(id, std::move(d));
  };
  for (const auto& [id, record] : counted_records) describe(id, *record);
  for (const auto& r : out.refused)
    if (r.record) describe(r.credential, *r.record);
  if (!pathway.conforms()) out.problems.push_back(fr ? "le parcours ne respecte pas le schéma" : "the pathway does not follow the schema");
  // A pathway that breaks the framework (§11: declared by non-members, impossible counts) is
  // no basis for a decision.
  if (auto errs = catalogue.errors_of.find({pathway.file, pathway.offset}); errs != catalogue.errors_of.end())
    for (const auto* f : errs->second)
      out.problems.push_back(fr ? fmt::format("le parcours enfreint {} en {} : {}", f->rule->id, f->pointer, f->message)
                                : fmt::format("the pathway breaks {} at {}: {}", f->rule->id, f->pointer, f->message));
  if (!transcript.conforms()) out.problems.push_back(fr ? "le relevé ne respecte pas le schéma" : "the transcript does not follow the schema");
  out.verdict = !out.problems.empty()          ? Verdict::CannotBeAssessed
                : out.allocation.satisfied ? Verdict::Eligible
                                           : Verdict::NotYetEligible;
  return out;
}

}  // namespace cadre::stack
