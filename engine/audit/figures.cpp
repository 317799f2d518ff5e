// SPDX-License-Identifier: Apache-2.0
#include "engine/audit/figures.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

namespace cadre::audit {

namespace {

using record::Value;

// ---- reading record values -------------------------------------------------------------
// Absent, null, a blank string and an empty list all mean "not recorded", as `present()`
// does in rules.

bool present(const Value* v) {
  if (!v) return false;
  switch (v->kind) {
    case Value::Kind::Null: return false;
    case Value::Kind::String:
    case Value::Kind::Scalar: return v->text.find_first_not_of(" \t\r\n") != std::string::npos;
    case Value::Kind::List:
    case Value::Kind::Map: return !v->children.empty();
    default: return true;
  }
}

const Value* field(const Value* v, const char* name) {
  if (!v || !v->is_map()) return nullptr;
  const Value* f = v->get(name);
  return present(f) ? f : nullptr;
}

std::optional<Date> date_of(const Value* v) {
  if (v && v->kind == Value::Kind::Date) return v->date;
  return std::nullopt;
}

std::optional<double> number_of(const Value* v) {
  if (v && v->kind == Value::Kind::Integer) return static_cast<double>(v->integer);
  if (v && v->kind == Value::Kind::Number) return v->number;
  return std::nullopt;
}

std::string text_of(const Value* v) {
  return v && (v->kind == Value::Kind::String || v->kind == Value::Kind::Scalar) ? v->text : std::string{};
}

bool is_true(const Value* v) { return v && v->kind == Value::Kind::Bool && v->boolean; }

// ---- the figures ---------------------------------------------------------------------

enum FigureIndex {
  kCompletion, kDropout, kDropoutNoReason, kSatisfaction, kResponse, kSuccess, kNeedsAnalysis, kPositioning,
  kAssessedNoResult, kPassNoCertificate, kSatNoIdentity, kDisabilityNoAccommodation, kSessionNoMinutes,
  kSurveyNoReminder, kAcknowledgedLate, kAnsweredLate, kComplaintNoOutcome, kComplaintNoAction,
  kLowSatisfactionNoAction, kFigureCount
};

struct Spec {
  const char* id;
  Figure::Kind kind;
  std::vector<int> indicators;
  const char* label[2];        // fr, en
  const char* numerator[2];
  const char* denominator[2];
  const char* definition[2];   // may use {low}, {ack} and {answer} (thresholds)
};

using K = Figure::Kind;

// In the order the pack shows them. Indicators per framework.md §3 and standards.md §2.4.
const Spec kSpecs[kFigureCount] = {
    {"completion-rate", K::Rate, {2, 12},
     {"Taux d'achèvement", "Completion rate"},
     {"stagiaires sans abandon", "trainees who did not drop out"},
     {"stagiaires inscrits", "trainees enrolled"},
     {"Stagiaires sans abandon enregistré (`dropped_out`) sur stagiaires inscrits aux sessions.",
      "Trainees with no recorded drop-out (`dropped_out`) over trainees enrolled in the sessions."}},
    {"dropout-rate", K::Rate, {2, 12},
     {"Taux d'abandon", "Drop-out rate"},
     {"abandons", "drop-outs"},
     {"stagiaires inscrits", "trainees enrolled"},
     {"Stagiaires dont un abandon est enregistré sur stagiaires inscrits ; les raisons (`dropped_out.reason`) sont comptées.",
      "Trainees with a recorded drop-out over trainees enrolled; reasons (`dropped_out.reason`) are counted."}},
    {"dropout-without-reason", K::Gap, {2, 12},
     {"Abandons sans raison enregistrée", "Drop-outs without a recorded reason"},
     {"abandons sans raison", "drop-outs without a reason"},
     {"abandons", "drop-outs"},
     {"Abandons dont la raison n'est pas enregistrée, sur abandons : les causes d'abandon font partie des résultats.",
      "Drop-outs whose reason is not recorded, over drop-outs: the causes of drop-outs are part of the results."}},
    {"satisfaction-mean", K::Mean, {2, 30},
     {"Satisfaction moyenne (sur 5)", "Mean satisfaction (out of 5)"},
     {"somme des notes (moyenne × réponses)", "sum of scores (mean × responses)"},
     {"réponses aux enquêtes de satisfaction", "responses to satisfaction surveys"},
     {"Moyenne des enquêtes `kind: satisfaction`, pondérée par leurs réponses : somme de `mean × responses` sur somme de `responses`.",
      "Mean of the `kind: satisfaction` surveys, weighted by their responses: sum of `mean × responses` over sum of `responses`."}},
    {"response-rate", K::Rate, {2, 30},
     {"Taux de réponse aux enquêtes", "Survey response rate"},
     {"réponses", "responses"},
     {"questionnaires envoyés", "questionnaires sent"},
     {"Réponses sur questionnaires envoyés, toutes enquêtes confondues (satisfaction et impact) qui donnent les deux nombres.",
      "Responses over questionnaires sent, over every survey (satisfaction and impact) that gives both numbers."}},
    {"success-rate", K::Rate, {3},
     {"Taux d'obtention de la certification", "Certification success rate"},
     {"stagiaires reçus (épreuve ou rattrapage)", "trainees who passed (assessment or resit)"},
     {"stagiaires présentés", "trainees presented"},
     {"Stagiaires reçus à l'épreuve ou au rattrapage, sur stagiaires présentés (résultat `pass` ou `fail` à l'une ou l'autre ; "
      "un absent aux deux n'est pas présenté).",
      "Trainees who passed the assessment or the resit, over trainees presented (result `pass` or `fail` at either; "
      "a trainee absent from both was not presented)."}},
    {"needs-analysis-missing", K::Gap, {4},
     {"Stagiaires sans analyse du besoin avant l'entrée", "Trainees without a needs analysis before the start"},
     {"stagiaires sans analyse du besoin datée au plus tard le premier jour", "trainees without a needs analysis dated on or before the first day"},
     {"stagiaires inscrits", "trainees enrolled"},
     {"Stagiaires sans `needs_analysis`, ou dont l'analyse est datée après le début de la session (`start`).",
      "Trainees without `needs_analysis`, or whose analysis is dated after the session's `start`."}},
    {"positioning-missing", K::Gap, {8},
     {"Stagiaires sans positionnement à l'entrée", "Trainees without entry positioning"},
     {"stagiaires sans positionnement daté au plus tard le premier jour", "trainees without a positioning dated on or before the first day"},
     {"stagiaires inscrits", "trainees enrolled"},
     {"Stagiaires sans `positioning`, ou dont le positionnement est daté après le début de la session (`start`).",
      "Trainees without `positioning`, or whose positioning is dated after the session's `start`."}},
    {"assessed-without-result", K::Gap, {11},
     {"Évaluations sans résultat enregistré", "Assessments without a recorded result"},
     {"stagiaires évalués sans résultat", "trainees assessed without a result"},
     {"stagiaires avec une évaluation ou un rattrapage", "trainees with an assessment or a resit"},
     {"Stagiaires dont `assessment` ou `resit` est enregistré sans `result` (`pass`, `fail` ou `absent`).",
      "Trainees whose `assessment` or `resit` is recorded without a `result` (`pass`, `fail` or `absent`)."}},
    {"pass-without-certificate", K::Gap, {11},
     {"Reçus sans certificat délivré", "Passes without a delivered certificate"},
     {"reçus sans certificat", "passes without a certificate"},
     {"stagiaires reçus", "trainees who passed"},
     {"Stagiaires reçus (épreuve ou rattrapage) dont le certificat délivré (`certificate`) n'est pas enregistré.",
      "Trainees who passed (assessment or resit) with no delivered certificate (`certificate`) recorded."}},
    {"sat-without-identity-check", K::Gap, {16},
     {"Candidats présents sans vérification d'identité", "Candidates who sat without an identity check"},
     {"candidats sans vérification d'identité", "candidates without an identity check"},
     {"candidats présents à une épreuve", "candidates who sat an assessment"},
     {"Stagiaires présents à l'épreuve ou au rattrapage (`pass` ou `fail`) sans `identity_verified: true`.",
      "Trainees who sat the assessment or the resit (`pass` or `fail`) without `identity_verified: true`."}},
    {"disability-without-accommodation", K::Gap, {16, 26},
     {"Handicaps déclarés sans aménagement", "Declared disabilities without accommodation"},
     {"handicaps déclarés sans aménagement", "declared disabilities without accommodation"},
     {"handicaps déclarés", "declared disabilities"},
     {"Stagiaires avec `disability.declared: true` sans `disability.accommodations`.",
      "Trainees with `disability.declared: true` and no `disability.accommodations`."}},
    {"session-without-jury-minutes", K::Gap, {16},
     {"Sessions sans procès-verbal de jury", "Sessions without jury minutes"},
     {"sessions sans procès-verbal", "sessions without minutes"},
     {"sessions avec au moins un candidat présenté", "sessions with at least one candidate presented"},
     {"Sessions où au moins un stagiaire a été présenté à une épreuve et qui n'enregistrent pas `jury.minutes`.",
      "Sessions where at least one trainee was presented to an assessment and that record no `jury.minutes`."}},
    {"survey-without-reminder", K::Gap, {30},
     {"Enquêtes incomplètes sans relance", "Incomplete surveys without reminders"},
     {"enquêtes incomplètes sans relance", "incomplete surveys without reminders"},
     {"enquêtes", "surveys"},
     {"Enquêtes dont les réponses n'atteignent pas les envois (ou ne sont pas comptées) et qui n'enregistrent aucune relance (`reminders`).",
      "Surveys whose responses fall short of the questionnaires sent (or are not counted) and that record no reminder (`reminders`)."}},
    {"complaint-acknowledged-late", K::Gap, {31},
     {"Réclamations accusées hors délai", "Complaints acknowledged late"},
     {"réclamations accusées hors délai", "complaints acknowledged late"},
     {"réclamations", "complaints"},
     {"Réclamations accusées plus de {ack} jours après réception, non accusées {ack} jours après (à la date de l'audit), "
      "ou sans date de réception.",
      "Complaints acknowledged more than {ack} days after receipt, not acknowledged {ack} days after (at the audit date), "
      "or without a date of receipt."}},
    {"complaint-answered-late", K::Gap, {31},
     {"Réclamations répondues hors délai", "Complaints answered late"},
     {"réclamations répondues hors délai", "complaints answered late"},
     {"réclamations", "complaints"},
     {"Réclamations répondues plus de {answer} jours après réception, sans réponse {answer} jours après (à la date de l'audit), "
      "ou sans date de réception.",
      "Complaints answered more than {answer} days after receipt, unanswered {answer} days after (at the audit date), "
      "or without a date of receipt."}},
    {"complaint-without-outcome", K::Gap, {31},
     {"Réclamations sans suite enregistrée", "Complaints without a recorded outcome"},
     {"réclamations sans suite", "complaints without an outcome"},
     {"réclamations répondues ou dont la réponse est due", "complaints answered or due"},
     {"Réclamations répondues, ou reçues plus de {answer} jours avant la date de l'audit, sans `outcome`.",
      "Complaints answered, or received more than {answer} days before the audit date, without an `outcome`."}},
    {"complaint-without-improvement-action", K::Gap, {32},
     {"Réclamations sans action d'amélioration", "Complaints without an improvement action"},
     {"réclamations sans action", "complaints without an action"},
     {"réclamations répondues ou dont la réponse est due", "complaints answered or due"},
     {"Réclamations répondues, ou reçues plus de {answer} jours avant la date de l'audit, sans `improvement_action` ou qui "
      "nomment une action absente des `improvement_actions` de la session.",
      "Complaints answered, or received more than {answer} days before the audit date, without `improvement_action` or "
      "naming an action missing from the session's `improvement_actions`."}},
    {"low-satisfaction-without-action", K::Gap, {32},
     {"Sessions à satisfaction faible sans action d'amélioration", "Low-satisfaction sessions without an improvement action"},
     {"sessions sans action d'amélioration", "sessions without an improvement action"},
     {"sessions dont une enquête a une moyenne inférieure à {low}/5", "sessions with a survey mean below {low}/5"},
     {"Sessions dont une enquête a une moyenne (`mean`) inférieure à {low}/5 et qui n'enregistrent aucune action "
      "(`improvement_actions`), comme la règle DFCU-7.5-improvement.",
      "Sessions with a survey whose `mean` is below {low}/5 and that record no action (`improvement_actions`), "
      "as rule DFCU-7.5-improvement."}},
};

struct Accumulator {
  Ratio total;
  std::map<std::string, Ratio> courses;
  std::vector<FigureRow> sessions;
  std::map<std::string, std::size_t> breakdown;
  std::vector<Gap> gaps;
};

class Computer {
 public:
  Computer(const SourceManager& sources, const Date& as_of, const Thresholds& t, const std::string& lang)
      : sources_(sources), as_of_(as_of), t_(t), fr_(lang == "fr"), lang_(lang) {}

  void session(const record::Record& rec, const RecordPart& part) {
    const Value& root = *rec.root;
    std::string course = text_of(field(&root, "course"));
    Ratio row[kFigureCount];
    auto count = [&](int figure, bool in_numerator, const Value* where, const std::string& detail) {
      row[figure].denominator += 1;
      if (!in_numerator) return;
      row[figure].numerator += 1;
      gap(figure, rec, where ? *where : root, detail);
    };
    std::optional<Date> start = date_of(field(&root, "start"));
    bool presented_any = false;

    bool own_trainees = false;
    if (const Value* trainees = field(&root, "trainees")) {
      for (std::size_t index = 0; index < trainees->children.size(); ++index) {
        const Value& t = trainees->children[index];
        if (!part.trainee(index)) {  // another university's trainee: only whether a jury was needed
          std::string a = text_of(field(field(&t, "assessment"), "result")), b = text_of(field(field(&t, "resit"), "result"));
          presented_any = presented_any || a == "pass" || a == "fail" || b == "pass" || b == "fail";
          continue;
        }
        own_trainees = true;
        std::string who = text_of(field(&t, "id"));
        ++trainees_;
        // Completion and drop-outs (2, 12).
        const Value* dropped = field(&t, "dropped_out");
        row[kCompletion].denominator += 1;
        row[kDropout].denominator += 1;
        if (dropped) {
          row[kDropout].numerator += 1;
          std::string reason = text_of(field(dropped, "reason"));
          ++acc_[kDropout].breakdown[reason.empty() ? (fr_ ? "(raison non enregistrée)" : "(no reason recorded)") : reason];
          count(kDropoutNoReason, reason.empty(), dropped,
                fmt::format(fmt::runtime(fr_ ? "{} : abandon sans raison enregistrée" : "{}: drop-out without a recorded reason"), who));
        } else {
          row[kCompletion].numerator += 1;
        }
        // Needs analysis and positioning before the start (4, 8).
        auto before_start = [&](const char* name) {
          auto d = date_of(field(&t, name));
          return d && (!start || compare_dates(*d, *start) <= 0);
        };
        count(kNeedsAnalysis, !before_start("needs_analysis"), &t,
              fmt::format(fmt::runtime(fr_ ? "{} : pas d'analyse du besoin au plus tard le premier jour"
                                           : "{}: no needs analysis on or before the first day"), who));
        count(kPositioning, !before_start("positioning"), &t,
              fmt::format(fmt::runtime(fr_ ? "{} : pas de positionnement au plus tard le premier jour"
                                           : "{}: no positioning on or before the first day"), who));
        // Assessment, resit, certificate, identity (3, 11, 16).
        const Value* assessment = field(&t, "assessment");
        const Value* resit = field(&t, "resit");
        std::string first = text_of(field(assessment, "result")), second = text_of(field(resit, "result"));
        bool sat = first == "pass" || first == "fail" || second == "pass" || second == "fail";
        bool passed = first == "pass" || second == "pass";
        if (assessment || resit) {
          const Value* without = assessment && first.empty() ? assessment : resit && second.empty() ? resit : nullptr;
          count(kAssessedNoResult, without != nullptr, without,
                fmt::format(fmt::runtime(fr_ ? "{} : évaluation sans résultat enregistré" : "{}: assessment without a recorded result"), who));
        }
        if (sat) {
          presented_any = true;
          row[kSuccess].denominator += 1;
          if (passed) row[kSuccess].numerator += 1;
          const Value* identity = t.get("identity_verified");
          count(kSatNoIdentity, !is_true(identity), present(identity) ? identity : &t,
                fmt::format(fmt::runtime(fr_ ? "{} : présent à l'épreuve sans vérification d'identité enregistrée"
                                             : "{}: sat an assessment with no identity check recorded"), who));
        }
        if (passed)
          count(kPassNoCertificate, !field(&t, "certificate"), &t,
                fmt::format(fmt::runtime(fr_ ? "{} : reçu, aucun certificat délivré enregistré" : "{}: passed, no delivered certificate recorded"), who));
        // Disability (16, 26).
        const Value* disability = field(&t, "disability");
        if (is_true(field(disability, "declared")))
          count(kDisabilityNoAccommodation, !field(disability, "accommodations"), disability,
                fmt::format(fmt::runtime(fr_ ? "{} : handicap déclaré sans aménagement enregistré"
                                             : "{}: declared disability without a recorded accommodation"), who));
      }
    }

    if (part.session_items) session_items(rec, row, count, presented_any);
    if (!part.session_items && !own_trainees) return;
    for (int f = 0; f < kFigureCount; ++f) {
      acc_[f].total.add(row[f]);
      acc_[f].courses[course].add(row[f]);
      acc_[f].sessions.push_back({rec.id, course, row[f]});
    }
    ++sessions_;
    if (start && (first_day_.empty() || format_date(*start) < first_day_)) first_day_ = format_date(*start);
    if (auto end = date_of(field(&root, "end")); end && format_date(*end) > last_day_) last_day_ = format_date(*end);
  }

  /// What a session holds beyond its trainees, its producer's part: jury, surveys, complaints.
  template <class Count>
  void session_items(const record::Record& rec, Ratio (&row)[kFigureCount], const Count& count, bool presented_any) {
    const Value& root = *rec.root;
    // Jury minutes (16): only sessions where someone was presented need a jury.
    if (presented_any) {
      const Value* jury = field(&root, "jury");
      count(kSessionNoMinutes, !field(jury, "minutes"), jury ? jury : &root,
            fr_ ? "session sans procès-verbal de jury (`jury.minutes`)" : "session without jury minutes (`jury.minutes`)");
    }

    // Surveys (2, 30, 32).
    const Value* actions = field(&root, "improvement_actions");
    bool low = false;
    if (const Value* surveys = field(&root, "surveys")) {
      for (std::size_t i = 0; i < surveys->children.size(); ++i) {
        const Value& s = surveys->children[i];
        auto sent = number_of(field(&s, "sent")), responses = number_of(field(&s, "responses"));
        auto mean = number_of(field(&s, "mean")), reminders = number_of(field(&s, "reminders"));
        if (sent && responses) {
          row[kResponse].numerator += *responses;
          row[kResponse].denominator += *sent;
        }
        if (text_of(field(&s, "kind")) == "satisfaction" && mean && responses) {
          row[kSatisfaction].numerator += *mean * *responses;
          row[kSatisfaction].denominator += *responses;
        }
        if (mean && *mean < t_.low_satisfaction) low = true;
        bool complete = sent && responses && *responses >= *sent;
        count(kSurveyNoReminder, !complete && !(reminders && *reminders > 0), &s,
              fmt::format(fmt::runtime(fr_ ? "enquête {} ({}, {}) : {} réponses sur {} envois, aucune relance"
                                           : "survey {} ({}, {}): {} responses to {} sent, no reminder"),
                          i + 1, text_of(field(&s, "kind")), text_of(field(&s, "moment")),
                          responses ? format_number(*responses, lang_) : "?", sent ? format_number(*sent, lang_) : "?"));
      }
    }
    if (low)
      count(kLowSatisfactionNoAction, !actions, &root,
            fmt::format(fmt::runtime(fr_ ? "une enquête a une moyenne inférieure à {}/5 et la session n'enregistre aucune action d'amélioration"
                                         : "a survey's mean is below {}/5 and the session records no improvement action"),
                        format_number(t_.low_satisfaction, lang_)));

    // Complaints (31, 32).
    std::set<std::string> action_ids;
    if (actions)
      for (const Value& a : actions->children) action_ids.insert(text_of(field(&a, "id")));
    if (const Value* complaints = field(&root, "complaints")) {
      for (const Value& c : complaints->children) {
        std::string id = text_of(field(&c, "id"));
        auto received = date_of(field(&c, "received"));
        // `days` is the delay allowed; returns true when the step is late or cannot be measured.
        auto judge = [&](int figure, const char* step, double days, const char* done_fr, const char* done_en) {
          auto done = date_of(field(&c, step));
          std::string bucket, detail;
          bool late = false;
          std::string limit = format_number(days, lang_);
          if (!received) {
            late = true;
            bucket = fr_ ? "date de réception absente" : "no date of receipt";
            detail = fmt::format(fmt::runtime(fr_ ? "réclamation {} : date de réception absente" : "complaint {}: no date of receipt"), id);
          } else if (done) {
            int delay = done->days - received->days;
            late = delay > days || delay < 0;
            bucket = late ? fmt::format(fmt::runtime(fr_ ? "{} après plus de {} jours" : "{} after more than {} days"), fr_ ? done_fr : done_en, limit)
                          : fmt::format(fmt::runtime(fr_ ? "{} en {} jours au plus" : "{} within {} days"), fr_ ? done_fr : done_en, limit);
            if (delay < 0) {  // a date before the receipt: the record is inconsistent, and counted as a gap
              bucket = fr_ ? "dates incohérentes (avant la réception)" : "inconsistent dates (before receipt)";
              detail = fmt::format(fmt::runtime(fr_ ? "réclamation {} : {} le {}, avant sa réception le {}"
                                                    : "complaint {}: {} on {}, before its receipt on {}"),
                                   id, fr_ ? done_fr : done_en, format_date(*done), format_date(*received));
            } else if (late)
              detail = fmt::format(fmt::runtime(fr_ ? "réclamation {} : {} {} jours après réception (délai : {} jours)"
                                                    : "complaint {}: {} {} days after receipt (allowed: {} days)"),
                                   id, fr_ ? done_fr : done_en, delay, limit);
          } else {
            int waited = as_of_.days - received->days;
            late = waited > days;
            bucket = late ? (fr_ ? "en attente, délai dépassé" : "pending, overdue") : (fr_ ? "en attente, dans le délai" : "pending, within the delay");
            if (late)
              detail = fmt::format(fmt::runtime(fr_ ? "réclamation {} : pas encore {} {} jours après réception (délai : {} jours)"
                                                    : "complaint {}: not {} yet {} days after receipt (allowed: {} days)"),
                                   id, fr_ ? done_fr : done_en, waited, limit);
          }
          ++acc_[figure].breakdown[bucket];
          count(figure, late, &c, detail);
        };
        judge(kAcknowledgedLate, "acknowledged", t_.acknowledgement_days, "accusée", "acknowledged");
        judge(kAnsweredLate, "answered", t_.answer_days, "répondue", "answered");
        // Outcome and improvement action are due once the complaint is answered, or its answer overdue.
        bool due = field(&c, "answered") || (received && as_of_.days - received->days > t_.answer_days);
        if (!due) continue;
        count(kComplaintNoOutcome, !field(&c, "outcome"), &c,
              fmt::format(fmt::runtime(fr_ ? "réclamation {} : aucune suite enregistrée (`outcome`)" : "complaint {}: no outcome recorded"), id));
        std::string action = text_of(field(&c, "improvement_action"));
        std::string detail = action.empty()
            ? fmt::format(fmt::runtime(fr_ ? "réclamation {} : aucune action d'amélioration" : "complaint {}: no improvement action"), id)
            : fmt::format(fmt::runtime(fr_ ? "réclamation {} : l'action {} n'est pas dans `improvement_actions`"
                                           : "complaint {}: action {} is not in `improvement_actions`"), id, action);
        count(kComplaintNoAction, action.empty() || !action_ids.count(action), &c, detail);
      }
    }
  }

  FigureSet finish() {
    FigureSet out;
    out.scope.trainees = trainees_;
    out.scope.sessions = sessions_;
    out.scope.first_day = first_day_;
    out.scope.last_day = last_day_;
    int lang = fr_ ? 0 : 1;
    for (int i = 0; i < kFigureCount; ++i) {
      const Spec& s = kSpecs[i];
      Accumulator& a = acc_[i];
      auto text = [&](const char* const (&texts)[2]) {
        return fmt::format(fmt::runtime(texts[lang]), fmt::arg("low", format_number(t_.low_satisfaction, lang_)),
                           fmt::arg("ack", format_number(t_.acknowledgement_days, lang_)),
                           fmt::arg("answer", format_number(t_.answer_days, lang_)));
      };
      Figure f;
      f.id = s.id;
      f.kind = s.kind;
      f.indicators = s.indicators;
      f.label = text(s.label);
      f.numerator_label = text(s.numerator);
      f.denominator_label = text(s.denominator);
      f.definition = text(s.definition);
      f.total = a.total;
      for (const auto& [id, r] : a.courses) f.courses.push_back({id, id, r});
      f.sessions = std::move(a.sessions);
      std::stable_sort(f.sessions.begin(), f.sessions.end(), [](const FigureRow& x, const FigureRow& y) { return x.id < y.id; });
      for (const auto& [label, n] : a.breakdown) f.breakdown.emplace_back(label, n);
      if (i == kDropout) f.breakdown_label = fr_ ? "Raisons d'abandon" : "Reasons for dropping out";
      if (i == kAcknowledgedLate) f.breakdown_label = fr_ ? "Accusés de réception" : "Acknowledgements";
      if (i == kAnsweredLate) f.breakdown_label = fr_ ? "Réponses" : "Answers";
      // Most frequent first; equal counts in text order (the map's order), so output is stable.
      std::stable_sort(f.breakdown.begin(), f.breakdown.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
      f.gaps = std::move(a.gaps);
      out.figures.push_back(std::move(f));
    }
    return out;
  }

 private:
  void gap(int figure, const record::Record& rec, const Value& where, const std::string& detail) {
    const SourceFile& file = sources_.file(rec.file);
    // A value written as a map entry points at its key; a list item or the root at itself.
    std::uint32_t offset = where.parent ? where.anchor() : rec.offset;
    auto p = file.position(offset);
    acc_[figure].gaps.push_back({{file.path(), p.line, p.column}, rec.id, where.parent ? where.pointer() : "", detail});
  }

  const SourceManager& sources_;
  Date as_of_;
  Thresholds t_;
  bool fr_;
  std::string lang_;
  Accumulator acc_[kFigureCount];
  std::size_t trainees_ = 0, sessions_ = 0;
  std::string first_day_, last_day_;
};

}  // namespace

FigureSet compute_figures(const std::vector<record::Record>& records, const SourceManager& sources, const Date& as_of,
                          const Thresholds& thresholds, const std::string& lang,
                          const PartOf& part_of) {
  Computer computer(sources, as_of, thresholds, lang);
  std::set<std::string> universities;
  std::size_t courses = 0, certificates = 0, others = 0;
  for (const auto& rec : records) {
    if (!rec.conforms()) continue;
    RecordPart part = part_of ? part_of(rec) : RecordPart{};
    if (!part.any) continue;
    if (rec.kind == "session") {
      computer.session(rec, part);
    } else if (rec.kind == "course") {
      ++courses;
      std::string producer = text_of(field(field(rec.root.get(), "producer"), "university"));
      if (!producer.empty()) universities.insert(producer);
    } else if (rec.kind == "certificate") {
      ++certificates;
    } else {
      ++others;
    }
  }
  FigureSet out = computer.finish();
  out.scope.universities.assign(universities.begin(), universities.end());
  out.scope.courses = courses;
  out.scope.certificates = certificates;
  out.scope.other_records = others;
  return out;
}

}  // namespace cadre::audit
