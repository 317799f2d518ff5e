// SPDX-License-Identifier: Apache-2.0
// The reports `cadre check` writes while it checks (json, sarif, junit, github, gitlab: file
// by file, through Engine::check's sink) are byte for byte those written from the whole run held in memory
// (`cadre serve`, and every report before the writers streamed).
#include <catch2/catch.hpp>

#include <iostream>
#include <sstream>

#include "engine/engine.hpp"
#include "engine/report/json_pieces.hpp"
#include "engine/report/writers.hpp"

using namespace cadre;

namespace {

CheckOptions options_for(unsigned threads) {
  CheckOptions options;
  options.inputs = {"fixtures/courses", "examples", "fixtures/records/broken", "fixtures/records/undecided"};
  options.waiver_files = {"fixtures/waivers/committee.yaml"};
  options.lang = "en";
  options.as_of = *parse_date("2025-06-01");
  options.threads = threads;
  options.collect_outcomes = true;
  return options;
}

}  // namespace

TEST_CASE("streaming writers: file by file gives the bytes of the whole run", "[report][stream]") {
  report::WriterOptions writer_options;
  writer_options.tool_version = "0.0.0-test";
  writer_options.rules_url = "https://cadre.example/rules/";
  for (const char* format : {"json", "sarif", "junit", "github", "gitlab"}) {
    INFO(format);
    Engine whole_engine;
    auto whole = whole_engine.check(options_for(1));
    REQUIRE(whole.findings.size() > 20);
    REQUIRE(!whole.diagnostics.empty());
    std::ostringstream expected;
    report::write(format, expected, whole, whole_engine.sources(), writer_options);
    for (unsigned threads : {1u, 2u, 7u}) {
      INFO("threads " << threads);
      Engine engine;
      std::ostringstream streamed;
      auto writer = report::streaming_report(format, streamed, writer_options);
      REQUIRE(writer);
      auto result = engine.check(options_for(threads), writer.get());
      CHECK(result.findings.empty());  // the sink had them: the run did not collect them
      CHECK(result.records.empty());
      CHECK(streamed.str() == expected.str());
    }
  }
  CHECK(report::streaming_report("text", std::cout, writer_options) == nullptr);
}

TEST_CASE("streaming writers: an array written item by item reads as dumped whole", "[report][stream]") {
  report::Json doc = {{"a", 1}, {"list", report::stream_marker("list")}, {"b", {{"c", report::Json::array()}}}};
  auto cut = report::cut_at_markers(report::dump(doc), {"list"});
  REQUIRE(cut.pieces.size() == 2);
  for (std::size_t n : {0u, 1u, 3u}) {
    report::Json items = report::Json::array();
    std::ostringstream out;
    out << cut.pieces[0];
    report::JsonArrayWriter writer(out, cut.indents[0]);
    for (std::size_t i = 0; i < n; ++i) {
      report::Json item = {{"n", i}, {"nested", {{"text", "line\nbreak é"}, {"list", {1, 2}}}}};
      items.push_back(item);
      writer.add(item);
    }
    writer.close();
    out << cut.pieces[1];
    doc["list"] = items;
    CHECK(out.str() == report::dump(doc));
  }
}

TEST_CASE("streaming writers: a spilled section comes back whole", "[report][stream]") {
  report::Spill spill;
  std::string big(200000, 'x');
  spill.stream() << "head " << big << " tail";
  std::ostringstream out;
  spill.copy_to(out);
  CHECK(out.str() == "head " + big + " tail");
}
