// SPDX-License-Identifier: Apache-2.0
// cadre-bench-audit-gen: writes synthetic sessions (records.md, "kind: session") of the
// courses that cadre-bench-gen wrote, for benchmarking `cadre audit`.
//
//   cadre-bench-audit-gen COURSES_DIR SESSIONS TRAINEES OUTDIR [SEED]
//
// Reads COURSES_DIR/course-*.yaml (id, producer and participating universities, milestones,
// workload, calendar), spreads SESSIONS sessions round-robin over the courses and TRAINEES
// trainees evenly over the sessions, and writes OUTDIR/session-00001.yaml ... Contracts are
// balanced between the course's universities and carry its duration, so the session rules
// pass; the audit's figures find a realistic share of gaps: drop-outs (most with a reason),
// failed assessments and resits, passes without a certificate, missing identity checks,
// disabilities without accommodation, surveys without reminders, late complaints, sessions
// without jury minutes or improvement actions.
//
// Standard library only, deterministic (the same Rng as gen_courses.cpp: raw mt19937 and a
// hand-written bounded draw, one stream per session).

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "deterministic_random.hpp"

namespace {

namespace fs = std::filesystem;

using cadre::bench::Rng;  // deterministic whatever the standard library

struct Course {
    std::string id;
    std::vector<std::string> universities;  // the producer first, then the participants
    std::vector<std::string> milestones;
    std::string hours;
    int start_day = 0;                       // days since 1970-01-01
};

// "2025-06-16" <-> days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithms).
int days_from(const std::string& iso) {
    int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::string iso(int z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    const int y = yoe + era * 400 + (m <= 2);
    char out[48];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
    return out;
}

std::string quoted_value(const std::string& line) {
    auto a = line.find('"'), b = line.rfind('"');
    return a == std::string::npos || b <= a ? std::string{} : line.substr(a + 1, b - a - 1);
}

// Reads what sessions need from a course file written by cadre-bench-gen (one known layout).
bool read_course(const fs::path& path, Course& c) {
    std::ifstream in(path);
    std::string line, producer;
    std::vector<std::string> participants;
    while (std::getline(in, line)) {
        if (line.rfind("id: ", 0) == 0) c.id = line.substr(4);
        else if (line.rfind("  university: ", 0) == 0) producer = quoted_value(line);
        else if (line.rfind("  - university: ", 0) == 0) participants.push_back(quoted_value(line));
        else if (line.rfind("workload_hours: ", 0) == 0) c.hours = line.substr(16);
        else if (line.rfind("  - { id: J", 0) == 0) c.milestones.push_back(line.substr(9, line.find(',') - 9));
        else if (line.rfind("  start: ", 0) == 0) c.start_day = days_from(line.substr(9, 10));
    }
    if (!producer.empty()) c.universities.push_back(producer);
    for (auto& p : participants) c.universities.push_back(std::move(p));
    return !c.id.empty() && !c.universities.empty() && !c.hours.empty() && c.start_day != 0;
}

const char* kReasons[] = {"Reprise d'un emploi à temps plein", "Raisons de santé", "Charge de travail incompatible",
                          "Déménagement", "Formation ne correspondant pas au projet professionnel"};

std::string session_yaml(const Course& c, int number, int trainees, std::uint32_t seed, std::uint32_t stream) {
    Rng rng(seed, stream);
    std::ostringstream o;
    const int start = c.start_day + 7 * (number - 1) * 9;  // successive runs, nine weeks apart
    const int end = start + 53;
    const std::string id = c.id + "-S" + std::to_string(number);
    o << "kind: session\nid: " << id << "\ncourse: " << c.id << "\nstart: " << iso(start) << "\nend: " << iso(end)
      << "\ntrainees:\n";
    for (int t = 0; t < trainees; ++t) {
        const std::string& university = c.universities[static_cast<std::size_t>(t) % c.universities.size()];
        o << "  - id: T" << (t + 1) << "\n    university: \"" << university << "\"\n";
        o << "    contract: { signed: " << iso(start - rng.between(5, 15)) << ", header: \"" << university
          << "\", hours: " << c.hours << " }\n";
        o << "    documents:\n      - { kind: certificate_of_conformity, header: \"" << university << "\", date: "
          << iso(end + 10) << " }\n";
        if (!rng.chance(1, 100)) o << "    needs_analysis: " << iso(start - rng.between(10, 30)) << "\n";
        if (!rng.chance(1, 100)) o << "    positioning: " << iso(start - rng.between(1, 9)) << "\n";
        if (rng.chance(1, 20)) {
            o << "    disability: { declared: true";
            if (!rng.chance(1, 10)) o << ", accommodations: \"Tiers temps\"";
            o << " }\n";
        }
        if (rng.chance(1, 25)) {  // drop-out
            o << "    milestones: [" << c.milestones.front() << "]\n    dropped_out: { date: " << iso(start + rng.between(7, 30));
            if (!rng.chance(1, 5)) o << ", reason: \"" << kReasons[rng.between(0, 4)] << "\"";
            o << " }\n";
            continue;
        }
        o << "    milestones: [";
        for (std::size_t m = 0; m < c.milestones.size(); ++m) o << (m ? ", " : "") << c.milestones[m];
        o << "]\n";
        if (!rng.chance(1, 50)) o << "    identity_verified: true\n";
        const char* first = rng.chance(1, 10) ? "fail" : rng.chance(1, 30) ? "absent" : "pass";
        o << "    assessment: { date: " << iso(end - 4);
        if (!rng.chance(1, 200)) o << ", result: " << first;
        o << " }\n";
        bool pass = std::string(first) == "pass";
        if (!pass) {
            pass = rng.chance(1, 2);
            o << "    resit: { date: " << iso(end + 6) << ", result: " << (pass ? "pass" : "fail") << " }\n";
        }
        if (pass && !rng.chance(1, 40)) o << "    certificate: CERT-GEN-" << id << "-" << (t + 1) << "\n";
    }
    // Surveys: satisfaction during and after, impact after.
    auto survey = [&](const char* kind, const char* moment, int sent) {
        int responses = std::max(0, sent - rng.between(0, std::max(1, sent / 3)));
        int reminders = responses < sent && !rng.chance(1, 10) ? rng.between(1, 3) : 0;
        int mean10 = rng.chance(1, 25) ? rng.between(20, 29) : rng.between(32, 48);
        o << "  - { kind: " << kind << ", moment: " << moment << ", sent: " << sent << ", responses: " << responses
          << ", reminders: " << reminders << ", mean: " << mean10 / 10 << "." << mean10 % 10 << " }\n";
        return mean10 < 30;
    };
    o << "surveys:\n";
    bool low = survey("satisfaction", "during", trainees);
    low = survey("satisfaction", "after", trainees) || low;
    low = survey("impact", "after", trainees) || low;
    int complaints = rng.between(0, 2);
    bool actions = low || complaints > 0 ? !rng.chance(1, 10) : false;
    if (complaints > 0) {
        o << "complaints:\n";
        for (int k = 1; k <= complaints; ++k) {
            int received = start + rng.between(5, 50);
            o << "  - { id: R" << k << ", received: " << iso(received) << ", acknowledged: " << iso(received + rng.between(0, 4))
              << ", answered: " << iso(received + rng.between(3, 25)) << ", outcome: \"Réponse apportée au stagiaire\"";
            if (actions) o << ", improvement_action: A1";
            o << " }\n";
        }
    }
    if (actions)
        o << "improvement_actions:\n  - { id: A1, text: \"Action d'amélioration décidée en revue de session\", status: done, date: "
          << iso(end + 20) << " }\n";
    o << "jury: { date: " << iso(end + 2) << ", members: [\"Présidente du jury\", \"Expert pédagogique\"]";
    if (!rng.chance(1, 30)) o << ", minutes: \"PV-" << id << "\"";
    o << " }\n";
    return o.str();
}

int usage() {
    std::cerr << "usage: cadre-bench-audit-gen COURSES_DIR SESSIONS TRAINEES OUTDIR [SEED]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 5 || argc > 6) return usage();
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(argv[1], ec))
        if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    if (ec || files.empty()) {
        std::cerr << "cadre-bench-audit-gen: no course file in " << argv[1] << "\n";
        return 2;
    }
    std::sort(files.begin(), files.end());
    std::vector<Course> courses;
    for (const auto& f : files) {
        Course c;
        if (read_course(f, c)) courses.push_back(std::move(c));
    }
    int sessions = 0, trainees = 0;
    std::uint32_t seed = 1;
    try {
        sessions = std::stoi(argv[2]);
        trainees = std::stoi(argv[3]);
        if (argc == 6) seed = static_cast<std::uint32_t>(std::stoul(argv[5]));
    } catch (...) {
        return usage();
    }
    if (courses.empty() || sessions < 1 || trainees < 0) return usage();
    fs::path out(argv[4]);
    fs::create_directories(out, ec);
    for (int s = 0; s < sessions; ++s) {
        const Course& c = courses[static_cast<std::size_t>(s) % courses.size()];
        int number = s / static_cast<int>(courses.size()) + 1;
        int count = trainees / sessions + (s < trainees % sessions ? 1 : 0);
        char name[32];
        std::snprintf(name, sizeof name, "session-%05d.yaml", s + 1);
        std::ofstream(out / name, std::ios::binary)
            << session_yaml(c, number, count, seed, static_cast<std::uint32_t>(s + 1));
    }
    std::cout << "wrote " << sessions << " sessions (" << trainees << " trainees) of " << courses.size() << " courses to "
              << out.string() << "\n";
    return 0;
}
