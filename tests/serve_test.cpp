// SPDX-License-Identifier: Apache-2.0
// `cadre serve` without sockets (issue 18): the Desk answers requests as the HTTP server hands
// them over, and the multipart parser reads forms. The server itself, the browser, the load
// and hostile clients are tested by tests/serve/*.
#include <catch2/catch.hpp>

#include <fstream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/serve/desk.hpp"
#include "engine/serve/guard.hpp"
#include "engine/serve/multipart.hpp"

using namespace cadre;
using namespace cadre::serve;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(std::string(CADRE_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  REQUIRE(in);
  return out.str();
}

const std::string kBoundary = "----cadreTestBoundary7MA4YWxkTrZu0gW";

struct Field {
  std::string name, value;
  std::optional<std::string> filename;
};

std::string form(const std::vector<Field>& fields) {
  std::string body;
  for (const auto& f : fields) {
    body += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + f.name + "\"";
    if (f.filename) body += "; filename=\"" + *f.filename + "\"\r\nContent-Type: application/octet-stream";
    body += "\r\n\r\n" + f.value + "\r\n";
  }
  return body + "--" + kBoundary + "--\r\n";
}

Request post(const std::string& target, const std::string& body, const std::string& accept = "text/html") {
  Request r;
  r.method = "POST";
  r.target = target;
  r.headers["content-type"] = "multipart/form-data; boundary=" + kBoundary;
  r.headers["accept"] = accept;
  r.body = body;
  return r;
}

Request get(const std::string& target) {
  Request r;
  r.method = "GET";
  r.target = target;
  return r;
}

std::string header(const Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return {};
}

std::string csrf_of(const Response& page) {
  auto at = page.body.find("name=\"csrf\" value=\"");
  REQUIRE(at != std::string::npos);
  at += 19;
  return page.body.substr(at, page.body.find('"', at) - at);
}

Settings fixture_settings() {
  Settings s;
  s.catalogs = {std::string(CADRE_SOURCE_DIR) + "/fixtures/stack/authenticity/common/courses.yaml",
                std::string(CADRE_SOURCE_DIR) + "/fixtures/stack/authenticity/pathway.yaml"};
  s.waivers = {std::string(CADRE_SOURCE_DIR) + "/fixtures/stack/authenticity/common/waivers.yaml"};
  s.trust = {std::string(CADRE_SOURCE_DIR) + "/fixtures/stack/authenticity/trust.yaml"};
  s.as_of = parse_date("2025-06-01");
  s.tool_version = "test";
  return s;
}

const Desk& fixture_desk() {
  static std::unique_ptr<Desk> desk = [] {
    std::ostringstream err;
    auto d = Desk::open(fixture_settings(), err);
    INFO(err.str());
    REQUIRE(d);
    return d;
  }();
  return *desk;
}

std::vector<Field> stack_form(const std::string& csrf, const std::string& ob3) {
  return {{"csrf", csrf, {}},
          {"pathway", "DIU-CRED", {}},
          {"transcript", read("fixtures/serve/transcript.yaml"), "transcript.yaml"},
          {"credentials", read(ob3), "ob3-awa.json"},
          {"credentials", read("fixtures/stack/authenticity/common/elm-awa.jsonld"), "elm-awa.jsonld"},
          {"credentials", read("fixtures/serve/certificate-paper.yaml"), "certificate-paper.yaml"}};
}

}  // namespace

TEST_CASE("serve multipart: fields and files are read, views into the body", "[serve]") {
  std::string body = form({{"csrf", "abc", {}}, {"record", "kind: course\n", "a \"quoted\".yaml"}});
  std::string error;
  auto parts = parse_multipart("multipart/form-data; boundary=\"" + kBoundary + "\"", body, error);
  REQUIRE(parts);
  REQUIRE(parts->size() == 2);
  CHECK((*parts)[0].name == "csrf");
  CHECK_FALSE((*parts)[0].has_filename);
  CHECK((*parts)[0].data == "abc");
  CHECK((*parts)[1].filename == "a ");  // the quote ends the name: what the browser escapes as %22
  CHECK((*parts)[1].data == "kind: course\n");
}

TEST_CASE("serve multipart: malformed forms are refused with a reason", "[serve]") {
  std::string body = form({{"record", "kind: course\n", "a.yaml"}});
  std::string error;
  std::string type = "multipart/form-data; boundary=" + kBoundary;
  CHECK_FALSE(parse_multipart(type, body.substr(0, body.size() - 30), error));
  CHECK(error.find("truncated") != std::string::npos);
  CHECK_FALSE(parse_multipart("application/json", body, error));
  CHECK_FALSE(parse_multipart("multipart/form-data", body, error));
  CHECK_FALSE(parse_multipart(type, "", error));
  CHECK_FALSE(parse_multipart(type, "--" + kBoundary + "\r\nno-colon\r\n\r\nx\r\n--" + kBoundary + "--", error));
  CHECK(error.find("colon") != std::string::npos);
  std::string many;
  for (int i = 0; i < 300; ++i) many += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\r\n";
  many += "--" + kBoundary + "--";
  CHECK_FALSE(parse_multipart(type, many, error));
  CHECK(error.find("more than 256 parts") != std::string::npos);
}

TEST_CASE("serve guard: CSRF tokens expire and cannot be forged", "[serve]") {
  auto secret = random_secret();
  auto token = csrf_token(secret, 1'000'000);
  CHECK(csrf_valid(secret, token, 1'000'010));
  CHECK_FALSE(csrf_valid(secret, token, 1'000'000 + 13 * 3600));  // 12 hours at most
  CHECK_FALSE(csrf_valid(random_secret(), token, 1'000'010));     // another server's
  CHECK_FALSE(csrf_valid(secret, "", 1'000'010));
  // One character of the MAC changed (to another character: replacing it by itself would be no forgery).
  std::string forged = token;
  forged.back() = forged.back() == '0' ? '1' : '0';
  CHECK_FALSE(csrf_valid(secret, forged, 1'000'010));
}

TEST_CASE("serve desk: GET / offers the pathways with their titles and the two forms, in French or English", "[serve]") {
  const Desk& desk = fixture_desk();
  auto page = desk.handle(get("/"));
  CHECK(page.status == 200);
  CHECK(page.body.find("<html lang=\"fr\">") != std::string::npos);
  CHECK(page.body.find("DIU-CRED — DIU d&#39;essai pour les justificatifs numériques") != std::string::npos);
  CHECK(page.body.find("action=\"/stack?lang=fr\"") != std::string::npos);
  CHECK(page.body.find("action=\"/check?lang=fr\"") != std::string::npos);
  CHECK(page.body.find("<script") == std::string::npos);
  auto csp = header(page, "Content-Security-Policy");
  CHECK(csp.find("default-src 'none'") != std::string::npos);
  CHECK(csp.find("style-src 'sha256-") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(header(page, "Cache-Control") == "no-store");
  CHECK(desk.handle(get("/?lang=en")).body.find("registrar&#39;s desk") != std::string::npos);
  auto english = get("/");
  english.headers["accept-language"] = "en-GB,en;q=0.9,fr;q=0.5";
  CHECK(desk.handle(english).body.find("<html lang=\"en\">") != std::string::npos);
  english.headers["accept-language"] = "de-DE, fr;q=0.8, en;q=0.3";
  CHECK(desk.handle(english).body.find("<html lang=\"fr\">") != std::string::npos);
  CHECK(desk.handle(get("/healthz")).body == "ok\n");
  CHECK(desk.handle(get("/../../etc/passwd")).status == 404);
  CHECK(desk.handle(get("/stack")).status == 405);
}

TEST_CASE("serve desk: POST /stack gives the jury sheet, the tampered credential refused", "[serve]") {
  const Desk& desk = fixture_desk();
  std::string csrf = csrf_of(desk.handle(get("/")));
  auto sheet = desk.handle(post("/stack", form(stack_form(csrf, "fixtures/stack/authenticity/tampered/ob3-awa.json"))));
  REQUIRE(sheet.status == 200);
  CHECK(sheet.body.find("Verdict") != std::string::npos);
  CHECK(sheet.body.find("Recevable") != std::string::npos);
  CHECK(sheet.body.find("signature invalide, contenu altéré") != std::string::npos);
  CHECK(sheet.body.find("justificatif ob3-awa.json") != std::string::npos);  // the files assessed, by name and hash
  // The same document as `cadre stack --format html`: the engine's jury page, with its styles allowed by hash.
  CHECK(sheet.body.find("Pour le jury") != std::string::npos);
  CHECK(header(sheet, "Content-Security-Policy").find("style-src 'sha256-") != std::string::npos);

  auto json = desk.handle(post("/stack?lang=en", form(stack_form(csrf, "fixtures/stack/authenticity/signed/ob3-awa.json")),
                               "application/json"));
  REQUIRE(json.status == 200);
  CHECK(json.content_type == "application/json");
  auto doc = nlohmann::json::parse(json.body);
  CHECK(doc["verdict"] == "eligible");
  CHECK(doc.dump().find("not yet") == std::string::npos);
}

TEST_CASE("serve desk: POST /check shows the findings with their articles and lines", "[serve]") {
  const Desk& desk = fixture_desk();
  std::string csrf = csrf_of(desk.handle(get("/")));
  auto page = desk.handle(post("/check", form({{"csrf", csrf, {}},
                                               {"record", read("fixtures/courses/invalid/duration-too-long.yaml"),
                                                "duration-too-long.yaml"}})));
  REQUIRE(page.status == 200);
  CHECK(page.body.find("duration-too-long.yaml:16:17: error[DFCU-8.1-duration]") != std::string::npos);
  CHECK(page.body.find("   16 | workload_hours: 35") != std::string::npos);
  CHECK(page.body.find("§8.1") != std::string::npos);
  auto json = desk.handle(post("/check", form({{"csrf", csrf, {}},
                                               {"record", read("fixtures/courses/invalid/duration-too-long.yaml"), "x.yaml"}}),
                               "application/json"));
  CHECK(nlohmann::json::parse(json.body)["findings"][0]["rule"] == "DFCU-8.1-duration");
}

TEST_CASE("serve desk: hostile forms get their documented answers", "[serve]") {
  const Desk& desk = fixture_desk();
  std::string csrf = csrf_of(desk.handle(get("/")));
  // No CSRF token, or a forged one: 403.
  CHECK(desk.handle(post("/check", form({{"record", "kind: course\n", "a.yaml"}}))).status == 403);
  CHECK(desk.handle(post("/check", form({{"csrf", "1.00", {}}, {"record", "kind: course\n", "a.yaml"}}))).status == 403);
  // A truncated form: 400.
  auto body = form({{"csrf", csrf, {}}, {"record", read("fixtures/courses/invalid/duration-too-long.yaml"), "a.yaml"}});
  CHECK(desk.handle(post("/check", body.substr(0, body.size() / 2))).status == 400);
  // A path in a file name is a name: never opened, shown as its last component.
  auto traversal = desk.handle(post("/check", form({{"csrf", csrf, {}},
                                                    {"record", read("fixtures/courses/invalid/duration-too-long.yaml"),
                                                     "../../../../etc/passwd"}})));
  CHECK(traversal.status == 200);
  CHECK(traversal.body.find("passwd.yaml:16:17") != std::string::npos);
  CHECK(traversal.body.find("../") == std::string::npos);
  CHECK(traversal.body.find("root:") == std::string::npos);
  // A credential whose text holds markup: escaped wherever it is shown.
  std::string hostile = read("fixtures/serve/certificate-paper.yaml");
  hostile.replace(hostile.find("Jeanne Martin"), 13, "<script>alert(1)</script>");
  auto fields = stack_form(csrf, "fixtures/stack/authenticity/tampered/ob3-awa.json");
  fields.back().value = hostile;
  fields.back().filename = "<img src=x onerror=alert(1)>.yaml";
  auto sheet = desk.handle(post("/stack", form(fields)));
  CHECK(sheet.status == 200);
  CHECK(sheet.body.find("<script>") == std::string::npos);
  CHECK(sheet.body.find("<img") == std::string::npos);
  auto checked = desk.handle(post("/check", form({{"csrf", csrf, {}}, {"record", hostile, "<b>bold</b>.yaml"}})));
  CHECK(checked.body.find("<script>") == std::string::npos);
  CHECK(checked.body.find("<b>") == std::string::npos);
  // An unknown pathway, a missing transcript: 400; a transcript that is not one: 422.
  auto no_pathway = stack_form(csrf, "fixtures/stack/authenticity/tampered/ob3-awa.json");
  no_pathway[1].value = "../../etc";
  CHECK(desk.handle(post("/stack", form(no_pathway))).status == 400);
  CHECK(desk.handle(post("/stack", form({{"csrf", csrf, {}}, {"pathway", "DIU-CRED", {}}}))).status == 400);
  auto not_transcript = stack_form(csrf, "fixtures/stack/authenticity/tampered/ob3-awa.json");
  not_transcript[2].value = "kind: course\nid: [\n";
  CHECK(desk.handle(post("/stack", form(not_transcript))).status == 422);
  // The refusals of the HTTP layer, as pages.
  CHECK(desk.refusal(413, get("/")).status == 413);
  CHECK(header(desk.refusal(503, get("/")), "Retry-After") == "5");
}

TEST_CASE("serve desk: with --token, nothing but /healthz without the token", "[serve]") {
  Settings settings = fixture_settings();
  settings.token = "correct horse battery staple";
  std::ostringstream err;
  auto desk = Desk::open(settings, err);
  REQUIRE(desk);
  CHECK(desk->handle(get("/healthz")).status == 200);
  auto login = desk->handle(get("/"));
  CHECK(login.status == 401);
  CHECK(login.body.find("type=\"password\"") != std::string::npos);
  std::string csrf = csrf_of(login);
  CHECK(desk->handle(post("/check", form({{"csrf", csrf, {}}, {"record", "kind: course\n", "a.yaml"}}))).status == 401);
  // A bearer token (scripts): no CSRF token needed.
  auto scripted = post("/check", form({{"record", read("fixtures/courses/invalid/duration-too-long.yaml"), "a.yaml"}}));
  scripted.headers["authorization"] = "Bearer correct horse battery staple";
  CHECK(desk->handle(scripted).status == 200);
  scripted.headers["authorization"] = "Bearer wrong";
  CHECK(desk->handle(scripted).status == 403);
  // Typed once into the page: a cookie that is not the token.
  CHECK(desk->handle(post("/login", form({{"csrf", csrf, {}}, {"token", "wrong", {}}}))).status == 401);
  auto accepted = desk->handle(post("/login", form({{"csrf", csrf, {}}, {"token", "correct horse battery staple", {}}})));
  CHECK(accepted.status == 303);
  auto cookie = header(accepted, "Set-Cookie");
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("correct horse") == std::string::npos);
  auto again = get("/");
  again.headers["cookie"] = cookie.substr(0, cookie.find(';'));
  CHECK(desk->handle(again).status == 200);
}
