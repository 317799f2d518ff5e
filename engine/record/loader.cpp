#include "engine/record/loader.hpp"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

namespace cadre::record {

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Rejects nesting yaml-cpp would recurse into too deeply, before it runs.
bool nesting_within(std::string_view text, std::size_t limit, std::uint32_t& where) {
  std::size_t depth = 0;
  bool in_single = false, in_double = false, in_comment = false, line_start = true;
  std::size_t indent = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      in_comment = false;
      line_start = true;
      indent = 0;
      continue;
    }
    if (line_start) {
      if (c == ' ' || c == '-') {
        if (++indent > limit * 8) { where = static_cast<std::uint32_t>(i); return false; }
        continue;
      }
      line_start = false;
    }
    if (in_comment) continue;
    if (in_double) {
      if (c == '\\') ++i;
      else if (c == '"') in_double = false;
      continue;
    }
    if (in_single) {
      if (c == '\'') in_single = false;
      continue;
    }
    if (c == '"') in_double = true;
    else if (c == '\'' && i > 0 && (text[i - 1] == ' ' || text[i - 1] == '[' || text[i - 1] == '{' ||
                                    text[i - 1] == ':' || text[i - 1] == ','))
      in_single = true;
    else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) in_comment = true;
    else if (c == '[' || c == '{') {
      if (++depth > limit) { where = static_cast<std::uint32_t>(i); return false; }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

class Converter {
 public:
  Converter(const SourceFile& source, FileId file, std::uint32_t base, Diagnostics& diagnostics,
            const LoadLimits& limits)
      : source_(source), file_(file), base_(base), diagnostics_(diagnostics), limits_(limits) {}

  bool convert(const YAML::Node& node, Value& out, std::size_t depth) {
    if (++count_ > limits_.max_values || depth > limits_.max_nesting) {
      if (!over_limit_) {
        diagnostics_.add(DiagCode::E0308, span(node),
                         count_ > limits_.max_values
                             ? fmt::format("the file expands to more than {} values", limits_.max_values)
                             : fmt::format("values are nested more than {} levels deep", limits_.max_nesting),
                         "is this an alias bomb or a generated file? split it into smaller records");
      }
      over_limit_ = true;
      return false;
    }
    out.offset = offset(node);
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        out.kind = Value::Kind::Null;
        return true;
      case YAML::NodeType::Scalar:
        out.kind = Value::Kind::Scalar;
        out.text = node.Scalar();
        out.quoted = node.Tag() == "!";
        return true;
      case YAML::NodeType::Sequence:
        out.kind = Value::Kind::List;
        out.children.reserve(node.size());
        for (const auto& item : node) {
          out.children.emplace_back();
          if (!convert(item, out.children.back(), depth + 1)) return false;
        }
        return true;
      case YAML::NodeType::Map:
        out.kind = Value::Kind::Map;
        out.children.reserve(node.size());
        for (const auto& entry : node) {
          const YAML::Node& key = entry.first;
          if (!key.IsScalar()) {
            diagnostics_.add(DiagCode::E0301, span(key), "a mapping key must be a plain word or string");
            continue;
          }
          const std::string& name = key.Scalar();
          bool duplicate = false;
          for (const auto& existing : out.children) {
            if (existing.key == name) {
              auto first = source_.position(existing.key_offset);
              diagnostics_.add(DiagCode::E0305, span(key), fmt::format("key `{}` appears twice in this mapping", name),
                               fmt::format("the first `{}` is at line {}, column {}; keep one", name,
                                           first.line, first.column));
              duplicate = true;
            }
          }
          if (duplicate) {
            duplicates_ = true;
            continue;
          }
          out.children.emplace_back();
          Value& child = out.children.back();
          child.key = name;
          child.key_offset = offset(key);
          if (!convert(entry.second, child, depth + 1)) return false;
          // An empty value (`key:`) has the key's mark in yaml-cpp; keep it on the key.
          if (entry.second.IsNull() && child.offset < child.key_offset) child.offset = child.key_offset;
        }
        return true;
    }
    return true;
  }

  std::uint32_t offset(const YAML::Node& node) const {
    auto mark = node.Mark();
    return base_ + static_cast<std::uint32_t>(mark.pos < 0 ? 0 : mark.pos);
  }
  Span span(const YAML::Node& node) const {
    auto o = offset(node);
    return Span{file_, o, o + 1};
  }

 private:
  const SourceFile& source_;
  FileId file_;
  std::uint32_t base_;
  Diagnostics& diagnostics_;
  const LoadLimits& limits_;
  std::size_t count_ = 0;
  bool over_limit_ = false;

 public:
  bool duplicates_ = false;  // a duplicate key makes the record ambiguous, hence invalid
};

void add_record(const YAML::Node& doc, const SourceFile& source, FileId file, std::uint32_t base,
                Diagnostics& diagnostics, const LoadLimits& limits, std::vector<Record>& out) {
  if (doc.IsNull()) return;  // an empty document (a trailing `---`)
  Converter converter(source, file, base, diagnostics, limits);
  Record record;
  record.file = file;
  if (!converter.convert(doc, *record.root, 0)) return;
  record.offset = record.root->offset;
  if (!record.root->is_map()) {
    diagnostics.add(DiagCode::E0307, Span{file, record.offset, record.offset + 1},
                    "a record is a mapping of fields, starting with `kind:`");
    return;
  }
  // `kind` selects the schema and is not itself a field of it.
  auto& fields = record.root->children;
  auto kind_it = std::find_if(fields.begin(), fields.end(), [](const Value& v) { return v.key == "kind"; });
  if (kind_it == fields.end() || kind_it->kind != Value::Kind::Scalar) {
    std::uint32_t at = kind_it == fields.end() ? record.offset : kind_it->offset;
    diagnostics.add(DiagCode::E0307, Span{file, at, at + 1}, "the record has no `kind`",
                    "start it with `kind: course` (or certificate, session, pathway, ...)");
    // Still listed, as invalid, so that reports account for every document.
    record.valid = false;
    if (const Value* id = record.root->get("id"); id && id->kind == Value::Kind::Scalar) record.id = id->text;
    out.push_back(std::move(record));
    return;
  }
  record.kind = kind_it->text;
  record.offset = kind_it->key_offset;
  fields.erase(kind_it);
  if (const Value* id = record.root->get("id"); id && id->kind == Value::Kind::Scalar) record.id = id->text;
  record.valid = !converter.duplicates_;
  out.push_back(std::move(record));
}

void report_parse_error(const YAML::ParserException& e, FileId file, std::uint32_t base,
                        Diagnostics& diagnostics) {
  std::uint32_t at = base + static_cast<std::uint32_t>(e.mark.pos < 0 ? 0 : e.mark.pos);
  diagnostics.add(DiagCode::E0301, Span{file, at, at + 1}, e.msg);
}

}  // namespace

bool is_record_file(const std::string& path) {
  return ends_with(path, ".yaml") || ends_with(path, ".yml") || ends_with(path, ".json") ||
         ends_with(path, ".jsonl");
}

std::vector<Record> load_records(const SourceManager& sources, FileId file, Diagnostics& diagnostics,
                                 const LoadLimits& limits) {
  const SourceFile& source = sources.file(file);
  const std::string& text = source.text();
  std::vector<Record> records;
  if (text.size() > limits.max_file_bytes) {
    diagnostics.add(DiagCode::E0308, Span{file, 0, 0},
                    fmt::format("the file has {} bytes; record files are limited to {}", text.size(),
                                limits.max_file_bytes));
    return records;
  }
  std::uint32_t where = 0;
  if (!nesting_within(text, limits.max_nesting, where)) {
    diagnostics.add(DiagCode::E0308, Span{file, where, where + 1},
                    fmt::format("values are nested more than {} levels deep", limits.max_nesting));
    return records;
  }
  if (ends_with(source.path(), ".jsonl")) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string_view line(text.data() + start, end - start);
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
        try {
          add_record(YAML::Load(std::string(line)), source, file, static_cast<std::uint32_t>(start),
                     diagnostics, limits, records);
        } catch (const YAML::ParserException& e) {
          report_parse_error(e, file, static_cast<std::uint32_t>(start), diagnostics);
        }
      }
      start = end + 1;
    }
  } else {
    try {
      for (const auto& doc : YAML::LoadAll(text)) add_record(doc, source, file, 0, diagnostics, limits, records);
    } catch (const YAML::ParserException& e) {
      report_parse_error(e, file, 0, diagnostics);
    } catch (const YAML::Exception& e) {
      diagnostics.add(DiagCode::E0301, Span{file, 0, 0}, e.msg);
    }
  }
  for (auto& r : records) r.root->link();
  return records;
}

}  // namespace cadre::record
