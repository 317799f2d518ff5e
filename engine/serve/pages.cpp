// SPDX-License-Identifier: Apache-2.0
// The pages of `cadre serve` that are its own (the jury sheet and the reports are the
// engine's writers'): the desk, the token form, the check report and the refusals. French by
// default, English on request. Every text from outside is escaped; no page runs a script.
#include <fmt/format.h>

#include "engine/base/locale_format.hpp"
#include "engine/report/markup.hpp"
#include "engine/serve/state.hpp"

namespace cadre::serve {

namespace {

using report::html_escape;

constexpr const char* kStyle =
    "body{font-family:system-ui,sans-serif;max-width:54rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}"
    "h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}"
    "form{border:1px solid #ccc;border-radius:6px;padding:1rem 1.2rem;margin:1rem 0}"
    "label{display:block;margin:.7rem 0 .2rem;font-weight:600}select,input[type=file],input[type=password]{width:100%}"
    "button{margin-top:1rem;padding:.45rem 1.1rem;font-size:1rem}"
    ".hint{color:#555;font-size:.9rem}.error{color:#a00}"
    "pre{white-space:pre-wrap;background:#f6f6f6;border:1px solid #ddd;padding:.8rem;font-size:.85rem}"
    "footer{margin-top:2.5rem;color:#555;font-size:.85rem;border-top:1px solid #ddd;padding-top:.6rem}"
    "nav{float:right;font-size:.9rem}";

std::string head(const std::string& lang, const std::string& title) {
  return fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n"
                     "<style>{}</style>\n</head>\n<body>\n",
                     lang, html_escape(title), kStyle);
}

std::string t(const std::string& lang, const char* fr, const char* en) { return lang == "fr" ? fr : en; }

std::string text(const std::string& lang, const std::string& s) { return html_escape(locale::typography(s, lang)); }

std::string footer(const std::string& lang) {
  return "<footer>" +
         text(lang, t(lang, "Les fichiers envoyés restent en mémoire le temps de la demande, puis sont oubliés : rien n'est "
                            "écrit sur le disque, et le journal ne garde que la méthode, la page, le statut, la taille et la durée.",
                      "Files sent stay in memory for the time of the request, then are forgotten: nothing is written to "
                      "disk, and the log keeps only the method, page, status, size and duration.")) +
         "</footer>\n</body>\n</html>\n";
}

std::string back(const std::string& lang) {
  return fmt::format("<p><a href=\"/?lang={}\">{}</a></p>\n", lang, html_escape(t(lang, "← Retour au bureau", "← Back to the desk")));
}

}  // namespace

std::string status_text(int status) {
  switch (status) {
    case 200: return "OK";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Content";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

std::string refusal_message(int status, const std::string& lang) {
  switch (status) {
    case 413: return t(lang, "la demande est trop grosse (limite --max-body)", "the request is too large (limit --max-body)");
    case 503: return t(lang, "le serveur est occupé ou la demande a dépassé son délai : réessayez dans un instant",
                       "the server is busy or the request ran past its deadline: try again in a moment");
    case 431: return t(lang, "les en-têtes de la demande sont trop longs", "the request's headers are too long");
    case 400: return t(lang, "la demande est mal formée", "the request is malformed");
    default: return t(lang, "la demande n'a pas abouti", "the request failed");
  }
}

std::string page_index(const Loaded& loaded, const std::string& lang, const std::string& csrf, const Settings& settings) {
  std::string other = lang == "fr" ? "en" : "fr";
  std::string out = head(lang, t(lang, "cadre — bureau de la scolarité", "cadre — registrar's desk"));
  out += fmt::format("<nav><a href=\"/?lang={}\" hreflang=\"{}\" lang=\"{}\">{}</a></nav>\n", other, other, other,
                     other == "en" ? "English" : "Français");
  out += "<h1>" + text(lang, t(lang, "cadre — bureau de la scolarité", "cadre — registrar's desk")) + "</h1>\n";
  out += "<p class=\"hint\">" +
         text(lang, fmt::format(fmt::runtime(t(lang, "Situation au {} · règles {} · {} parcours au catalogue",
                                               "As of {} · rules {} · {} pathways in the catalogue")),
                                locale::date(format_date(loaded.as_of), lang), settings.rules, loaded.pathways.size())) +
         "</p>\n";

  out += "<h2 id=\"stack-title\">" + text(lang, t(lang, "Un stagiaire peut-il se présenter au jury ?",
                                                  "Can a trainee go before the jury?")) + "</h2>\n";
  out += fmt::format("<form id=\"stack\" method=\"post\" action=\"/stack?lang={}\" enctype=\"multipart/form-data\" "
                     "aria-labelledby=\"stack-title\">\n<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n",
                     lang, html_escape(csrf));
  out += "<label for=\"pathway\">" + text(lang, t(lang, "Parcours", "Pathway")) + "</label>\n<select id=\"pathway\" name=\"pathway\" required>\n";
  for (const auto& p : loaded.pathways)
    out += fmt::format("<option value=\"{}\">{}{}</option>\n", html_escape(p.id), html_escape(p.id),
                       p.title.empty() ? "" : " — " + html_escape(p.title));
  out += "</select>\n";
  out += "<label for=\"transcript\">" + text(lang, t(lang, "Relevé du stagiaire (transcript)", "The trainee's transcript")) +
         "</label>\n<input id=\"transcript\" name=\"transcript\" type=\"file\" required accept=\".yaml,.yml,.json,.jsonld\">\n";
  out += "<label for=\"credentials\">" + text(lang, t(lang, "Justificatifs (autant que nécessaire)", "Credentials (as many as needed)")) +
         "</label>\n<input id=\"credentials\" name=\"credentials\" type=\"file\" multiple "
         "accept=\".yaml,.yml,.json,.jsonld,.jwt\">\n";
  out += "<p class=\"hint\">" +
         text(lang, t(lang, "Certificats YAML, Open Badges 3.0 (JSON ou VC-JWT), EDC (JSON-LD ou JAdES), CLR. "
                            "La signature de chacun est vérifiée contre la liste de confiance du serveur.",
                      "YAML certificates, Open Badges 3.0 (JSON or VC-JWT), EDC (JSON-LD or JAdES), CLR. "
                      "Each one's signature is checked against the server's trust list.")) + "</p>\n";
  out += "<button type=\"submit\">" + text(lang, t(lang, "Établir la fiche du jury", "Prepare the jury sheet")) +
         "</button>\n</form>\n";

  out += "<h2 id=\"check-title\">" + text(lang, t(lang, "Vérifier une proposition de formation", "Check a course proposal")) + "</h2>\n";
  out += fmt::format("<form id=\"check\" method=\"post\" action=\"/check?lang={}\" enctype=\"multipart/form-data\" "
                     "aria-labelledby=\"check-title\">\n<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n",
                     lang, html_escape(csrf));
  out += "<label for=\"record\">" + text(lang, t(lang, "Fichiers de la proposition (YAML ou JSON)", "The proposal's files (YAML or JSON)")) +
         "</label>\n<input id=\"record\" name=\"record\" type=\"file\" multiple required accept=\".yaml,.yml,.json,.jsonl,.jsonld\">\n";
  out += "<button type=\"submit\">" + text(lang, t(lang, "Vérifier", "Check")) + "</button>\n</form>\n";
  out += footer(lang);
  return out;
}

std::string page_login(const std::string& lang, const std::string& csrf, bool wrong) {
  std::string out = head(lang, t(lang, "cadre — jeton d'accès", "cadre — access token"));
  out += "<h1>" + text(lang, t(lang, "cadre — jeton d'accès", "cadre — access token")) + "</h1>\n";
  if (wrong) out += "<p class=\"error\">" + text(lang, t(lang, "Ce jeton n'est pas le bon.", "This is not the token.")) + "</p>\n";
  out += fmt::format("<form id=\"login\" method=\"post\" action=\"/login?lang={}\" enctype=\"multipart/form-data\">\n"
                     "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n<label for=\"token\">{}</label>\n"
                     "<input id=\"token\" name=\"token\" type=\"password\" required autocomplete=\"off\">\n"
                     "<button type=\"submit\">{}</button>\n</form>\n",
                     lang, html_escape(csrf), text(lang, t(lang, "Jeton d'accès", "Access token")),
                     text(lang, t(lang, "Entrer", "Enter")));
  out += footer(lang);
  return out;
}

std::string page_message(const std::string& lang, int status, const std::string& message, const std::vector<std::string>& details) {
  std::string title = fmt::format("{} {}", status, status_text(status));
  std::string out = head(lang, "cadre — " + title);
  out += "<h1>" + html_escape(title) + "</h1>\n<p class=\"error\">" + text(lang, message) + "</p>\n";
  if (!details.empty()) {
    out += "<pre>";
    for (const auto& d : details) out += html_escape(d) + "\n";
    out += "</pre>\n";
  }
  out += back(lang) + footer(lang);
  return out;
}

std::string page_check(const std::string& lang, std::size_t files, const std::string& report_text) {
  std::string title = lang == "fr" ? fmt::format("Vérification de {} fichier{}", files, files > 1 ? "s" : "")
                                   : fmt::format("Check of {} file{}", files, files > 1 ? "s" : "");
  std::string out = head(lang, "cadre — " + title);
  out += "<h1>" + text(lang, title) + "</h1>\n<pre id=\"report\">" + html_escape(report_text) + "</pre>\n";
  out += back(lang) + footer(lang);
  return out;
}

}  // namespace cadre::serve
