// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <filesystem>
#include <functional>
#include <sstream>

#include <fmt/format.h>

#include "engine/base/locale_format.hpp"
#include "engine/base/sha256.hpp"
#include "engine/report/markup.hpp"
#include "engine/report/stack_writers.hpp"

namespace cadre::report {

using stack::Requirement;

Locate locate_in(const SourceManager& sources) {
  return [&sources](FileId file, std::uint32_t offset) {
    const SourceFile& f = sources.file(file);
    auto p = f.position(offset);
    return Place{f.path(), p.line, p.column};
  };
}

std::string course_named(const std::string& id, bool fr, const std::map<std::string, std::string>* titles) {
  // Ids and titles come from records: a line break or an escape in them is shown, not obeyed.
  const std::string course = terminal_safe(id);
  if (!titles) return course;
  auto t = titles->find(id);
  if (t == titles->end() || t->second.empty()) return course;
  const std::string title = terminal_safe(t->second);
  return fr ? course + " «\u00A0" + title + "\u00A0»" : course + " \u201C" + title + "\u201D";
}

std::string describe_requirement(const Requirement& r, bool fr, const std::map<std::string, std::string>* titles) {
  const char* lang = fr ? "fr" : "en";
  auto named = [titles, fr](const std::string& course) { return course_named(course, fr, titles); };
  // « A, B ou C » / "A, B or C": a list a person reads, not programmer notation.
  auto list = [&](const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
      out += (i == 0 ? "" : i + 1 == items.size() ? (fr ? " ou " : " or ") : ", ") + named(items[i]);
    return out;
  };
  std::string label = r.label.empty() ? "" : " (" + terminal_safe(r.label) + ")";
  auto courses = [&](int n) { return locale::count(n, lang, fr ? "formation" : "course", fr ? "formations" : "courses"); };
  switch (r.kind) {
    case Requirement::Kind::Course: return fmt::format(fmt::runtime(fr ? "formation {}{}" : "course {}{}"), named(r.course), label);
    case Requirement::Kind::AllOf: return fmt::format(fmt::runtime(fr ? "toutes les exigences suivantes{}" : "all of the following{}"), label);
    case Requirement::Kind::NOf:
      return fmt::format(fmt::runtime(fr ? "{} parmi {}{}" : "{} of {}{}"), courses(r.count), list(r.from), label);
    case Requirement::Kind::AtMost:
      return fmt::format(fmt::runtime(fr ? "au plus {} parmi {}{}" : "at most {} of {}{}"), courses(r.count), list(r.from), label);
    case Requirement::Kind::MinHours:
      return fmt::format(fmt::runtime(fr ? "au moins {}{}h{}" : "at least {}{}h{}"), locale::number(r.amount, lang), locale::kNbsp, label);
    case Requirement::Kind::MinEcts:
      return fmt::format(fmt::runtime(fr ? "au moins {} {}{}" : "at least {} {}{}"), locale::number(r.amount, lang),
                         fr ? locale::plural(r.amount, lang, "crédit ECTS", "crédits ECTS")
                            : locale::plural(r.amount, lang, "ECTS credit", "ECTS credits"),
                         label);
  }
  return "?";
}

namespace {

const char* verdict_text(stack::Verdict v, bool fr) {
  switch (v) {
    case stack::Verdict::Eligible: return fr ? "recevable pour la décision du jury" : "eligible for the jury's decision";
    case stack::Verdict::NotYetEligible: return fr ? "pas encore recevable" : "not yet eligible";
    case stack::Verdict::CannotBeAssessed: return fr ? "ne peut pas être évalué" : "cannot be assessed";
  }
  return "";
}

}  // namespace

std::string authenticity_line(const stack::StackResult& s, bool fr) {
  std::size_t counted = s.counted.size();
  if (fr)
    return fmt::format("Authenticité : {} certificat{} vérifié{} sur {} retenu{} (§10.2)", s.verified,
                       s.verified > 1 ? "s" : "", s.verified > 1 ? "s" : "", counted, counted > 1 ? "s" : "");
  return fmt::format("Authenticity: {} of {} counted credential{} verified (§10.2)", s.verified, counted,
                     counted == 1 ? "" : "s");
}

std::string unverified_mark(const stack::StackResult& s, const std::string& credential, bool fr) {
  if (!s.unverified.count(credential)) return "";
  return fr ? " [authenticité non vérifiée]" : " [authenticity not verified]";
}

std::string completion_item(const std::string& course, bool fr, const std::vector<stack::Refusal>& refused,
                            bool with_reasons, const std::map<std::string, std::string>* titles) {
  std::string held;
  for (const auto& r : refused)
    if (r.course == course) {
      if (with_reasons)
        held += fmt::format(fmt::runtime(fr ? "{}{} refusé : {}" : "{}{} refused: {}"), held.empty() ? "" : "; ",
                            terminal_safe(r.credential), terminal_safe(r.reason));
      else
        held += fmt::format(fmt::runtime(fr ? "{}{} refusé" : "{}{} refused"), held.empty() ? "" : "; ",
                            terminal_safe(r.credential));
    }
  if (held.empty()) return course_named(course, fr, titles);
  return fmt::format(fmt::runtime(fr ? "un certificat valide pour {} (détenu : {})" : "a valid certificate for {} (held: {})"),
                     course_named(course, fr, titles), held);
}

std::string completion_note(const stack::NodeResult& n, bool fr, const std::vector<stack::Refusal>& refused,
                            bool with_reasons, const std::map<std::string, std::string>* titles) {
  auto to_add = [&](const std::string& course) {
    bool held = std::any_of(refused.begin(), refused.end(), [&](const stack::Refusal& r) { return r.course == course; });
    return held ? completion_item(course, fr, refused, with_reasons, titles) : std::string();
  };
  auto shown = [&](const std::string& id) {
    if (id[0] != '+') return terminal_safe(id);
    std::string valid = to_add(id.substr(1));
    return valid.empty() ? course_named(id.substr(1), fr, titles) + (fr ? " (à ajouter)" : " (to add)") : valid;
  };
  std::string out;
  if (!n.with_completion.empty()) {  // the held credentials move: show the whole plan
    out = fr ? " ; avec le complément : " : "; with the completion: ";
    for (std::size_t i = 0; i < n.with_completion.size(); ++i) out += (i ? ", " : "") + shown(n.with_completion[i]);
  } else if (!n.missing.empty()) {
    std::string add, valid;
    for (const auto& course : n.missing) {
      std::string v = to_add(course);
      if (v.empty())
        add += (add.empty() ? "" : ", ") + course_named(course, fr, titles);
      else
        valid += (valid.empty() ? "" : ", ") + v;
    }
    if (!valid.empty()) out += (fr ? " ; il faut " : "; needs ") + valid;
    if (!add.empty()) out += (fr ? " ; à ajouter : " : "; to add: ") + add;
  }
  return out;
}

std::vector<InputReference> reference_inputs(const std::vector<std::pair<std::string, std::string>>& paths,
                                             const SourceManager& sources) {
  namespace fs = std::filesystem;
  std::vector<InputReference> out;
  for (const auto& [role, given] : paths) {
    fs::path base = fs::path(given).lexically_normal();
    std::vector<std::pair<std::string, std::string>> files;  // relative path, sha256
    for (FileId id = 0; id < sources.size(); ++id) {
      fs::path file = fs::path(sources.file(id).path()).lexically_normal();
      if (file == base) {
        files = {{"", sha256_hex(sources.file(id).text())}};
        break;
      }
      std::string relative = file.lexically_relative(base).generic_string();
      if (!relative.empty() && relative.rfind("..", 0) != 0 && relative != ".")
        files.emplace_back(relative, sha256_hex(sources.file(id).text()));
    }
    InputReference ref{role, given, files.size(), {}};
    if (files.size() == 1 && files[0].first.empty()) {
      ref.sha256 = files[0].second;
    } else {
      std::sort(files.begin(), files.end());
      std::string list;
      for (const auto& [path, hash] : files) list += hash + "  " + path + "\n";
      ref.sha256 = sha256_hex(list);
    }
    out.push_back(std::move(ref));
  }
  return out;
}

std::string holder_identity(const stack::StackResult& s, bool fr) {
  const char* lang = fr ? "fr" : "en";
  std::string out =
      s.holder_name.empty() ? (fr ? "(nom absent du relevé)" : "(no name in the transcript)") : terminal_safe(s.holder_name);
  out += " — INE " + (s.holder_id.empty() ? std::string(fr ? "non indiqué" : "not given") : terminal_safe(s.holder_id));
  if (!s.holder_birth_date.empty())
    out += (fr ? " — date de naissance " : " — born ") + locale::date(s.holder_birth_date, lang);
  return out;
}

namespace {

void write_text_body(std::ostream& out, const stack::StackResult& s, const Locate& locate, bool fr) {
  const char* lang = fr ? "fr" : "en";
  auto num = [lang](double v) { return locale::number(v, lang); };
  out << fmt::format(fmt::runtime(fr ? "Parcours {} — {}\n" : "Pathway {} — {}\n"), terminal_safe(s.pathway_id),
                     terminal_safe(s.pathway_title));
  out << fmt::format(fmt::runtime(fr ? "Titulaire : {}\n" : "Holder: {}\n"), holder_identity(s, fr));
  out << fmt::format(fmt::runtime(fr ? "Verdict : {}\n" : "Verdict: {}\n"), verdict_text(s.verdict, fr));
  for (const auto& p : s.problems) out << fmt::format("  ! {}\n", terminal_safe(p));
  out << authenticity_line(s, fr) << "\n";
  out << (fr ? "\nExigences :\n" : "\nRequirements:\n");
  std::size_t index = 0;  // nodes are in tree pre-order
  std::function<void(const Requirement&, int)> walk = [&](const Requirement& r, int depth) {
    const auto& n = s.allocation.nodes.at(index++);
    std::string detail;
    if (!n.credentials.empty()) {
      detail += " — ";
      for (std::size_t i = 0; i < n.credentials.size(); ++i)
        detail += (i ? ", " : "") + terminal_safe(n.credentials[i]) + unverified_mark(s, n.credentials[i], fr);
    }
    // Why a held certificate does not count is said once, in the list of refusals below.
    detail += completion_note(n, fr, s.refused, false, &s.course_titles);
    if (!r.granted.empty()) detail += " — " + terminal_safe(r.granted);
    out << fmt::format(fmt::runtime(fr ? "{}{} {} : {}/{}{}\n" : "{}{} {}: {}/{}{}\n"),
                       std::string(2 + 2 * static_cast<std::size_t>(depth), ' '), n.satisfied ? "✔" : "✘",
                       describe_requirement(r, fr, &s.course_titles), num(n.actual), num(n.expected), detail);
    for (const auto& c : r.children) walk(c, depth + 1);
  };
  if (!s.allocation.nodes.empty()) walk(s.tree, 0);
  auto exceptions = [&](bool applied) {
    bool title = false;
    for (const auto& a : s.exceptions) {
      if (a.applied != applied) continue;
      if (!title)
        out << (applied ? (fr ? "\nDérogations appliquées :\n" : "\nRegistrar exceptions applied:\n")
                        : (fr ? "\nDérogations sans effet sur ce dossier :\n" : "\nRegistrar exceptions without effect here:\n"));
      title = true;
      auto where = locate(a.exception->file, a.exception->offset);
      out << fmt::format(fmt::runtime(fr ? "  {} — {} ; accordée par {}, le {} ({}:{}:{})\n"
                                         : "  {} — {}; approved by {}, on {} ({}:{}:{})\n"),
                         terminal_safe(a.effect), terminal_safe(a.exception->reason), terminal_safe(a.exception->approved_by),
                         locale::date(a.exception->date, lang), terminal_safe(where.path), where.line, where.column);
    }
  };
  exceptions(true);
  exceptions(false);
  if (!s.waived.empty()) {
    out << (fr ? "\nÉcarts aux règles acceptés par dérogation, sur des certificats retenus :\n"
               : "\nDeviations accepted by waiver on counted credentials:\n");
    for (const auto* f : s.waived) {
      auto p = locate(f->file, f->offset);
      out << fmt::format("  {}:{}:{}: [{}] {}\n", terminal_safe(p.path), p.line, p.column, f->rule->id,
                         terminal_safe(f->message));
      out << fmt::format(fmt::runtime(fr ? "      dérogation : {} ; accordée par {} ; jusqu'au {}\n"
                                         : "      waiver: {}; approved by {}; until {}\n"),
                         terminal_safe(f->waiver->reason), terminal_safe(f->waiver->approved_by),
                         locale::date(f->waiver->expires, lang));
    }
  }
  if (!s.unverified.empty()) {
    out << (fr ? "\nCertificats retenus dont l'authenticité n'est pas vérifiée (§10.2) :\n"
               : "\nCounted credentials whose authenticity is not verified (§10.2):\n");
    for (const auto& [credential, reason] : s.unverified)
      out << fmt::format(fmt::runtime(fr ? "  {} : authenticité non vérifiée : {}\n" : "  {}: authenticity not verified: {}\n"),
                         terminal_safe(credential), terminal_safe(reason));
  }
  if (!s.refused.empty()) {
    out << (fr ? "\nCertificats qui ne comptent pas :\n" : "\nCredentials that do not count:\n");
    for (const auto& r : s.refused) {
      out << fmt::format(fmt::runtime(fr ? "  {}{} : {}\n" : "  {}{}: {}\n"), terminal_safe(r.credential),
                         r.course.empty() ? "" : " (" + course_named(r.course, fr, &s.course_titles) + ")",
                         terminal_safe(r.reason));
      for (const auto* f : r.findings) {
        auto p = locate(f->file, f->offset);
        // The severity as a word of the report's language (« erreur »), not the machine name.
        std::string severity = severity_name(f->severity);
        if (fr) severity = severity == "error" ? "erreur" : severity == "warning" ? "avertissement" : severity;
        out << fmt::format("      {}:{}:{}: {}[{}]: {}\n", terminal_safe(p.path), p.line, p.column, severity,
                           f->rule->id, terminal_safe(f->message));
      }
      for (const auto& d : r.details) out << "      " << terminal_safe(d) << "\n";
    }
  }
  if (!s.allocation.completion.empty()) {
    out << (fr ? "\nPour compléter le parcours (le moins de formations, puis le moins d'heures) : "
               : "\nTo complete the pathway (fewest courses, then fewest hours): ");
    for (std::size_t i = 0; i < s.allocation.completion.size(); ++i)
      out << (i ? ", " : "") << completion_item(s.allocation.completion[i], fr, s.refused, false, &s.course_titles);
    out << "\n";
  }
  for (const auto& w : s.allocation.warnings) out << "  ! " << terminal_safe(w.describe(s.lang)) << "\n";
  out << "\n" << s.notice << "\n";
}

}  // namespace

void write_stack_text(std::ostream& out, const stack::StackResult& s, const Locate& locate, bool fr) {
  // Written whole, then given French punctuation: no source excerpt is quoted here. Names,
  // titles and messages come from transcripts and credentials: control characters in them
  // are shown, not sent to the terminal.
  std::ostringstream text;
  write_text_body(text, s, locate, fr);
  out << terminal_safe(locale::typography(text.str(), fr ? "fr" : "en"), TerminalKeep::tabs_and_newlines);
}

}  // namespace cadre::report
