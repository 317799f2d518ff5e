// SPDX-License-Identifier: Apache-2.0
#include "engine/waivers/waivers.hpp"

#include <fnmatch.h>

#include <fmt/format.h>

#include "engine/record/loader.hpp"

namespace cadre::waivers {

using report::Waiver;

namespace {

const record::Value* scalar(const record::Value& map, const char* key) {
  const record::Value* v = map.get(key);
  return v && v->kind == record::Value::Kind::Scalar ? v : nullptr;
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

/// A glob made of stars only matches any text at all.
bool matches_anything(const std::string& glob) { return !glob.empty() && glob.find_first_not_of('*') == std::string::npos; }

bool matches_every_rule(const std::string& glob, const std::vector<std::string>& rule_ids) {
  if (matches_anything(glob)) return true;
  if (rule_ids.size() < 2) return false;  // one rule: naming it is narrow
  for (const auto& id : rule_ids)
    if (fnmatch(glob.c_str(), id.c_str(), 0) != 0) return false;
  return true;
}

}  // namespace

std::vector<std::unique_ptr<Waiver>> load(const SourceManager& sources, const std::vector<FileId>& files,
                                          const Date& as_of, const Policy& policy, Diagnostics& diagnostics) {
  std::vector<std::unique_ptr<Waiver>> out;
  for (FileId file : files) {
    // A file given as waivers that waives nothing is most likely the wrong file: said, not silent.
    std::size_t errors_before = diagnostics.error_count();
    std::size_t entries = 0;
    for (const auto& rec : record::load_records(sources, file, diagnostics)) {
      auto at = [&](std::uint32_t offset) { return Span{file, offset, offset + 1}; };
      if (rec.kind != "waivers") {
        diagnostics.add(DiagCode::E0312, at(rec.offset),
                        fmt::format("a waivers file holds `kind: waivers` records, not `{}`", rec.kind));
        continue;
      }
      const record::Value* list = rec.root->get("waivers");
      if (!list || list->kind != record::Value::Kind::List) {
        diagnostics.add(DiagCode::E0312, at(rec.offset), "`waivers:` must be a list of waivers");
        continue;
      }
      entries += list->children.size();
      for (const auto& item : list->children) {
        if (!item.is_map()) {
          diagnostics.add(DiagCode::E0312, at(item.offset), "a waiver is a mapping (rule, record, reason, expires, ...)");
          continue;
        }
        auto w = std::make_unique<Waiver>();
        w->file = file;
        w->offset = item.offset;
        bool ok = true;
        auto text = [&](const char* key, std::string& into, bool required, const char* why) {
          const record::Value* v = scalar(item, key);
          if (v) {
            into = v->text;
            if (!blank(into) || !required) return;
            diagnostics.add(DiagCode::E0312, at(v->offset), fmt::format("this waiver's `{}` is blank", key), why);
            ok = false;
            return;
          }
          if (!required) return;
          diagnostics.add(DiagCode::E0312, at(item.offset), fmt::format("this waiver has no `{}`", key), why);
          ok = false;
        };
        text("rule", w->rule, true, "name the rule it exempts from: `rule: DFCU-8.3-calendar`");
        text("record", w->record, true, "name the record (id, or a glob such as `UC-BDX-*`)");
        text("reason", w->reason, true, "a waiver must say why the deviation is accepted");
        text("expires", w->expires, true, "a waiver must expire: `expires: 2025-06-30` (inclusive)");
        text("approved_by", w->approved_by, true,
             "name who accepted the deviation: `approved_by: Commission pédagogique, 2025-03-12`");
        text("path", w->path, false, "");
        if (!w->path.empty() && w->path.front() != '/') {
          diagnostics.add(DiagCode::E0312, at(item.get("path")->offset),
                          fmt::format("`{}` is not a JSON Pointer", w->path), "write it from the record's root: `/calendar/virtual_classes`");
          ok = false;
        }
        if (!w->expires.empty()) {
          auto date = parse_date(w->expires);
          if (!date || date->has_time()) {
            diagnostics.add(DiagCode::E0312, at(item.get("expires")->offset),
                            fmt::format("`{}` is not a date (YYYY-MM-DD)", w->expires));
            ok = false;
          } else if (static_cast<std::int64_t>(date->days) - as_of.days > policy.longest_days) {
            diagnostics.add(DiagCode::E0312, at(item.get("expires")->offset),
                            fmt::format("this waiver expires on {}, more than {} days after {}", w->expires,
                                        policy.longest_days, format_date(as_of)),
                            fmt::format("derogations are reviewed yearly: renew the waiver when it expires (the "
                                        "limit is the pack constant `{}`)",
                                        kLongestDaysConstant));
            ok = false;
          } else {
            w->expired = compare_dates(as_of, *date) > 0;
          }
        }
        // A waiver that covers every rule on every record would turn the check off.
        if (!w->rule.empty() && !w->record.empty() && matches_every_rule(w->rule, policy.rule_ids) &&
            matches_anything(w->record)) {
          diagnostics.add(DiagCode::E0312, at(item.get("rule")->offset),
                          fmt::format("this waiver covers every rule (`{}`) on every record (`{}`): it would hide "
                                      "every finding",
                                      w->rule, w->record),
                          "name the rule, or the records, it exempts");
          ok = false;
        }
        if (ok) out.push_back(std::move(w));
      }
    }
    if (entries == 0 && diagnostics.error_count() == errors_before)
      diagnostics.add_file(DiagCode::W0318, sources.file(file).path(),
                           "this waivers file holds no waiver (it is empty, only comments, or `waivers: []`)");
  }
  return out;
}

bool covers(const Waiver& w, const report::Finding& f) {
  if (fnmatch(w.rule.c_str(), f.rule->id.c_str(), 0) != 0) return false;
  if (fnmatch(w.record.c_str(), f.record_id.c_str(), 0) != 0) return false;
  if (w.path.empty()) return true;
  std::string path = w.path.size() > 1 && w.path.back() == '/' ? w.path.substr(0, w.path.size() - 1) : w.path;
  return f.pointer == path || f.pointer.rfind(path + "/", 0) == 0;
}

void report_expired_and_unused(const std::vector<std::unique_ptr<Waiver>>& waivers, Diagnostics& diagnostics) {
  for (const auto& w : waivers) {
    Span span{w->file, w->offset, w->offset + 1};
    if (w->expired)
      diagnostics.add(DiagCode::W0313, span,
                      fmt::format("the waiver of `{}` for `{}` expired on {}{}", w->rule, w->record, w->expires,
                                  w->uses ? fmt::format(": {} finding{} count{} again", w->uses, w->uses == 1 ? "" : "s",
                                                        w->uses == 1 ? "s" : "")
                                          : ""),
                      "renew it with a new reason and date, or fix the records");
    else if (w->uses == 0)
      diagnostics.add(DiagCode::W0314, span, fmt::format("the waiver of `{}` for `{}` matched no finding", w->rule, w->record),
                      "remove it, or check the rule id, the record id and the path");
  }
}

}  // namespace cadre::waivers
