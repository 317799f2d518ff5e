// SPDX-License-Identifier: Apache-2.0
#include "engine/record/loader.hpp"

#include <algorithm>

#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/base/bounded_read.hpp"
#include "engine/credentials/credentials.hpp"
#include "engine/credentials/envelope.hpp"
#include "engine/record/json_reader.hpp"
#include "engine/record/unreadable.hpp"
#include "engine/record/yaml_reader.hpp"

namespace cadre::record {

namespace {

/// E0308 for a file over the size limit. read_within reports max + 1 when it could only
/// tell that the file is larger (it grew while being read, or it is a stream).
std::string too_large_message(std::uintmax_t size, std::size_t max_bytes) {
  if (size == static_cast<std::uintmax_t>(max_bytes) + 1)
    return fmt::format("the file has more than {} bytes, the limit for a record file", max_bytes);
  return fmt::format("the file has {} bytes; record files are limited to {}", size, max_bytes);
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// True when no line starts with more than `limit` × 8 spaces or dashes and the whole text
/// holds at most `limit` opening brackets, quoted or not: then nesting_within's exact scan
/// cannot fail (it counts a subset of both), and most records skip its byte-by-byte state
/// machine. Two cheap passes: the brackets are counted by a loop the compiler vectorises.
bool clearly_within(std::string_view text, std::size_t limit) {
  std::size_t brackets = 0;
  for (char c : text) brackets += static_cast<std::size_t>(c == '[') + static_cast<std::size_t>(c == '{');
  if (brackets > limit) return false;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t indent = 0;
    while (start + indent < text.size() && (text[start + indent] == ' ' || text[start + indent] == '-')) ++indent;
    if (indent > limit * 8) return false;
    std::size_t end = text.find('\n', start + indent);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

/// Rejects deep nesting before any parser runs: yaml-cpp recursed on it, and libyaml (not
/// recursive) would still scan ahead through it; the limit is the loader's, whatever parses.
bool nesting_within(std::string_view text, std::size_t limit, std::uint32_t& where) {
  if (clearly_within(text, limit)) return true;
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

/// Text that is not UTF-8 is refused whole, with its true cause: UTF-16 and UTF-32 (with or
/// without a byte order mark) and NUL bytes. A YAML parser would decode UTF-16 silently with
/// other positions (yaml-cpp did), and a NUL would cut a value short. Empty when the text is fine.
struct EncodingProblem {
  std::size_t offset = 0;
  std::string message;
  std::string help;
};
std::optional<EncodingProblem> encoding_problem(std::string_view text) {
  auto starts = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
  const char* save = "save the file in UTF-8 (in most editors: Save as, encoding UTF-8)";
  if (starts(std::string_view("\x00\x00\xFE\xFF", 4)) || starts(std::string_view("\xFF\xFE\x00\x00", 4)))
    return EncodingProblem{0, "the file is in UTF-32 (it starts with a byte order mark): records are read in UTF-8", save};
  if (starts("\xFF\xFE") || starts("\xFE\xFF"))
    return EncodingProblem{0, "the file is in UTF-16 (it starts with a byte order mark): records are read in UTF-8", save};
  std::size_t nul = text.find('\0');
  if (nul == std::string_view::npos) return std::nullopt;
  // ASCII text in UTF-16 without a mark has a NUL beside every character.
  if (text.size() >= 4 && ((text[0] == '\0' && text[2] == '\0') || (text[1] == '\0' && text[3] == '\0')))
    return EncodingProblem{0, "the file looks like UTF-16 (a NUL byte beside each character): records are read in UTF-8",
                           save};
  if (std::size_t bad = invalid_utf8(text); bad < nul) return std::nullopt;  // the first problem is not UTF-8: said later
  return EncodingProblem{nul, "a NUL byte (0x00): a record file is text, and this one is binary or damaged",
                         "remove the byte, or check that this is the file you meant"};
}

/// A line break that YAML 1.1 (and so libyaml) sees and other tools do not, refused where it
/// is so that a file means the same to every tool (ADR 0020). The first of:
/// - a carriage return not followed by a line feed: it ends a line for YAML but not for
///   yaml-cpp, which read a whole file of classic Mac line endings as one line (one comment,
///   no record); editors and diff tools disagree too;
/// - NEL (U+0085), LS (U+2028) or PS (U+2029): they end a line for YAML 1.1 but not for
///   editors, YAML 1.2 or JSON (`id: a<NEL>title: b` would read a field no one sees on a
///   line of its own).
/// One scan of the text for both, with the offset, message and help of the diagnostic.
std::optional<EncodingProblem> yaml_only_line_break(std::string_view text) {
  // A plain byte loop: string_view::find_first_of calls memchr on the set for every byte.
  for (std::size_t at = 0; at < text.size(); ++at) {
    auto byte = static_cast<unsigned char>(text[at]);
    if (byte != '\r' && byte != 0xC2 && byte != 0xE2) continue;
    std::string_view rest = text.substr(at, 3);
    if (text[at] == '\r' && (at + 1 == text.size() || text[at + 1] != '\n'))
      return EncodingProblem{at, "a carriage return alone ends this line (classic Mac line endings): cadre reads lines "
                                 "ended by LF or CRLF",
                             "convert the line endings, for instance with `mac2unix FILE` or your editor's line-ending "
                             "setting"};
    if (rest.starts_with("\xC2\x85") || rest == "\xE2\x80\xA8" || rest == "\xE2\x80\xA9")
      return EncodingProblem{at, "a NEL, LS or PS character (U+0085, U+2028, U+2029) ends a line for YAML 1.1 but not for editors",
                             "replace it with a line feed or a space"};
  }
  return std::nullopt;
}

/// A limit was passed (values, nesting): the document is abandoned with a diagnostic.
struct LimitExceeded {
  std::uint32_t offset;
  std::string message;
  std::string help;
};

/// An alias names no anchor: the file is refused at the alias (E0301).
struct UnknownAlias {
  std::uint32_t offset;
  std::string message;
};

/// The YAML reader stopped making progress: the file is refused at that place (E0301).
struct ReaderStuck {
  std::uint32_t offset;
  std::string message;
};

/// Why a YAML reader that keeps starting documents at `pos` is stuck, named from the text.
/// yaml-cpp 0.7 does not consume a `,` outside `[...]`/`{...}` (a flow-entry token in block
/// context): it reports an empty document there and starts the next one at the same place,
/// for ever — the 3-byte `{},` gave 171 MB of events before the value budget stopped it.
std::string why_stuck(std::string_view text, std::size_t pos) {
  if (pos < text.size() && text[pos] == ',')
    return "a `,` outside `[...]` or `{...}`: a value cannot start with a comma";
  return "the YAML reader makes no progress here";
}

/// Builds Value trees from the readers' parse events (parse_events.hpp). Working from
/// events (not a library's node tree) lets the loader bound what a file may expand to while
/// it is parsed — measured: a 3 KB malformed file made yaml-cpp's LoadAll allocate without
/// end — and keeps the byte offset of every key and value, and duplicate keys, which node
/// trees hide.
class Builder : public ParseEvents {
 public:
  Builder(const SourceFile& source, FileId file, std::uint32_t base, Diagnostics& diagnostics,
          const LoadLimits& limits, std::size_t& values)
      : source_(source), file_(file), base_(base), diagnostics_(diagnostics), limits_(limits), values_(values) {}

  /// Completed documents, in order.
  std::vector<std::unique_ptr<Value>> documents;

  void on_document_start(std::uint32_t at) override {
    refuse_no_progress(at);
    stack_.clear();
    root_ = std::make_unique<Value>();
    root_set_ = false;
    anchors_.clear();
  }
  void on_document_end() override {
    if (root_set_) documents.push_back(std::move(root_));
    root_.reset();
  }
  void on_null(std::uint32_t at, std::string_view anchor) override {
    count(at);
    Value v;
    v.kind = Value::Kind::Null;
    v.offset = offset(at);
    // An empty value (`key:`) has no text of its own: keep it on the key.
    if (empty_at(at) && !stack_.empty() && stack_.back().value.kind == Value::Kind::Map && !stack_.back().expecting_key)
      v.offset = stack_.back().key_offset;
    place(std::move(v), anchor);
  }
  void on_scalar(std::uint32_t at, std::string_view tag, std::string_view anchor, std::string_view value,
                 bool quoted) override {
    count(at);
    bool tagged = refuse_tag(at, tag);
    Value v;
    v.kind = Value::Kind::Scalar;
    if (tagged) v.unreadable = Unreadable::Tagged;
    v.offset = offset(at);
    v.text = value;
    v.quoted = quoted;
    place(std::move(v), anchor);
  }
  void on_alias(std::uint32_t at, std::string_view anchor) override {
    auto it = anchors_.find(std::string(anchor));
    if (it == anchors_.end())
      throw UnknownAlias{offset(at), fmt::format("the alias `*{}` names no anchor (`&{}`) written before it", anchor, anchor)};
    Value v = it->second;  // aliases expand, within the value budget
    count(at, size(v), "aliases (`*name`) expand the file to more than");
    relocate(v, offset(at));
    place(std::move(v), {});
  }
  void on_sequence_start(std::uint32_t at, std::string_view tag, std::string_view anchor) override {
    bool tagged = refuse_tag(at, tag);
    open(at, Value::Kind::List, anchor);
    if (tagged) stack_.back().value.unreadable = Unreadable::Tagged;
  }
  void on_sequence_end() override { close(); }
  void on_map_start(std::uint32_t at, std::string_view tag, std::string_view anchor) override {
    bool tagged = refuse_tag(at, tag);
    open(at, Value::Kind::Map, anchor);
    if (tagged) stack_.back().value.unreadable = Unreadable::Tagged;
  }
  void on_map_end() override { close(); }

 private:
  struct Frame {
    Value value;
    std::string anchor;
    bool expecting_key = true;  // maps alternate keys and values
    std::string key;
    std::uint32_t key_offset = 0;
    bool skip_value = false;    // after a duplicate or non-scalar key
  };

  std::uint32_t offset(std::uint32_t at) const { return base_ + at; }

  /// True when nothing is written where a null starts (`key:`), rather than `~` or `null`.
  bool empty_at(std::uint32_t at) const {
    std::string_view text = std::string_view(source_.text()).substr(base_);
    return at >= text.size() || (text[at] != '~' && text[at] != 'n' && text[at] != 'N');
  }

  // The value budget; `what` says whether aliases or the text itself passed it, since the
  // remedies differ (an alias bomb is hostile, a large export is split).
  void count(std::uint32_t at, std::size_t n = 1, std::string_view what = "the file holds more than") {
    values_ += n;
    if (values_ <= limits_.max_values) return;
    bool aliases = what.starts_with("aliases");
    throw LimitExceeded{offset(at), fmt::format("{} {} values", what, limits_.max_values),
                        aliases ? "an alias bomb? expand the aliases by hand, or split the records"
                                : "split it into smaller files"};
  }

  /// A reader that starts a document where the previous one started is looping (see
  /// why_stuck): stop at the second start, and drop the empty document the loop produced.
  void refuse_no_progress(std::uint32_t at) {
    if (started_ && at == last_start_) {
      if (documents.size() > documents_before_last_start_) documents.resize(documents_before_last_start_);
      throw ReaderStuck{offset(at), why_stuck(std::string_view(source_.text()).substr(base_), at)};
    }
    started_ = true;
    last_start_ = at;
    documents_before_last_start_ = documents.size();
  }

  /// Records are plain data: an explicit tag (`!!binary`, `!custom`) asks for a type cadre
  /// does not have, and reading the text as if untagged would hide that. The tagged value
  /// is unreadable, and only it.
  bool refuse_tag(std::uint32_t at, std::string_view tag) {
    if (tag.empty()) return false;
    constexpr std::string_view kCore = "tag:yaml.org,2002:";
    std::string shown = tag.starts_with(kCore) ? "!!" + std::string(tag.substr(kCore.size())) : std::string(tag);
    diagnostics_.add(DiagCode::E0301, Span{file_, offset(at), offset(at) + 1},
                     fmt::format("the YAML tag `{}` is not read: records hold plain values", shown),
                     "remove the tag; write binary data as a link to the file instead");
    return true;
  }

  static std::size_t size(const Value& v) {
    std::size_t n = 1;
    for (const auto& c : v.children) n += size(c);
    return n;
  }

  static void relocate(Value& v, std::uint32_t at) {
    v.offset = at;
    for (auto& c : v.children) {
      c.key_offset = at;
      relocate(c, at);
    }
  }

  void open(std::uint32_t at, Value::Kind kind, std::string_view anchor) {
    count(at);
    if (stack_.size() >= limits_.max_nesting)
      throw LimitExceeded{offset(at), fmt::format("values are nested more than {} levels deep", limits_.max_nesting),
                          "flatten the structure"};
    Frame f;
    f.value.kind = kind;
    f.value.offset = offset(at);
    f.anchor = anchor;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (!f.anchor.empty()) anchors_[f.anchor] = f.value;
    deliver(std::move(f.value));
  }

  void place(Value&& v, std::string_view anchor) {
    if (!anchor.empty()) anchors_[std::string(anchor)] = v;
    deliver(std::move(v));
  }

  // Puts a finished value where it belongs: document root, list item, map key or value.
  void deliver(Value&& v) {
    if (stack_.empty()) {
      *root_ = std::move(v);
      root_set_ = true;
      return;
    }
    Frame& parent = stack_.back();
    if (parent.value.kind == Value::Kind::List) {
      parent.value.children.push_back(std::move(v));
      return;
    }
    if (parent.expecting_key) {
      parent.expecting_key = false;
      parent.skip_value = false;
      if (v.kind != Value::Kind::Scalar) {
        diagnostics_.add(DiagCode::E0301, Span{file_, v.offset, v.offset + 1},
                         "a mapping key must be a plain word or string");
        parent.skip_value = true;
        return;
      }
      for (auto& existing : parent.value.children) {
        if (existing.key != v.text) continue;
        auto first = source_.position(existing.key_offset);
        diagnostics_.add(DiagCode::E0305, Span{file_, v.offset, v.offset + 1},
                         duplicate_key_message(v.text),
                         fmt::format("the first `{}` is at line {}, column {}; keep one", v.text, first.line, first.column));
        // The field is ambiguous (which value was meant?), not the record: rules that read
        // it are undecided, the others run.
        existing.unreadable = Unreadable::DuplicateKey;
        parent.skip_value = true;
      }
      parent.key = std::move(v.text);
      parent.key_offset = v.offset;
      return;
    }
    parent.expecting_key = true;
    if (parent.skip_value) return;
    v.key = std::move(parent.key);
    v.key_offset = parent.key_offset;
    parent.value.children.push_back(std::move(v));
  }

 private:
  const SourceFile& source_;
  FileId file_;
  std::uint32_t base_;
  Diagnostics& diagnostics_;
  const LoadLimits& limits_;
  std::vector<Frame> stack_;
  std::unique_ptr<Value> root_;
  bool root_set_ = false;
  std::unordered_map<std::string, Value> anchors_;  // by name; a name given again rebinds
  std::size_t& values_;  // the file's, shared by the lines of a JSON Lines file
  bool started_ = false;   // refuse_no_progress's memory of the last document start
  std::uint32_t last_start_ = 0;
  std::size_t documents_before_last_start_ = 0;
};

void add_record(std::unique_ptr<Value> root, FileId file, Diagnostics& diagnostics,
                std::vector<Record>& out, const credentials::Seal* seal = nullptr) {
  if (root->kind == Value::Kind::Null) return;  // an empty document (a trailing `---`)
  Record record;
  record.file = file;
  record.root = std::move(root);
  record.offset = record.root->offset;
  if (!record.root->is_map()) {
    diagnostics.add(DiagCode::E0307, Span{file, record.offset, record.offset + 1},
                    "a record is a mapping of fields, starting with `kind:`");
    return;
  }
  if (!record.root->get("kind")) {
    // A credential (Open Badges, ELM, CLR) stands for the records it maps onto.
    if (auto mapped = credentials::read_credential(*record.root, diagnostics, file, seal)) {
      for (auto& v : *mapped) add_record(std::make_unique<Value>(std::move(v)), file, diagnostics, out);
      return;
    }
    if (auto what = credentials::describe_unread(*record.root)) {
      diagnostics.add(DiagCode::E0320, Span{file, record.offset, record.offset + 1}, *what);
      return;
    }
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
  out.push_back(std::move(record));
}

/// Parses `text` (at byte `base` of the file) and adds its documents to `out`. Documents
/// completed before a syntax error are kept; the error is reported where the reader saw it.
void parse_documents(std::string_view text, bool json, std::size_t& values, const SourceFile& source, FileId file,
                     std::uint32_t base,
                     Diagnostics& diagnostics, const LoadLimits& limits, std::vector<Record>& out) {
  // Records are text in UTF-8 (JSON requires it, YAML's other encodings start with a byte
  // order mark): a file saved in Latin-1 gets one clear error, not garbled values.
  // (UTF-16 and UTF-32 were refused by encoding_problem before.)
  if (std::size_t bad = invalid_utf8(text); bad != std::string_view::npos) {
    auto at = base + static_cast<std::uint32_t>(bad);
    diagnostics.add(DiagCode::E0301, Span{file, at, at + 1},
                    fmt::format("byte 0x{:02X} is not UTF-8", static_cast<unsigned char>(text[bad])),
                    "save the file in UTF-8 (it may be in Latin-1 or Windows-1252)");
    return;
  }
  Builder builder(source, file, base, diagnostics, limits, values);
  try {
    if (json) {
      read_json(text, builder, limits.max_nesting);
    } else {
      read_yaml(text, builder);
    }
  } catch (const JsonError& e) {
    diagnostics.add(DiagCode::E0301, Span{file, base + e.offset, base + e.offset + 1}, e.message);
  } catch (const YamlError& e) {
    std::uint32_t at = base + e.offset;
    // At a comma in block context, libyaml says what it expected; the cause is the comma.
    bool block = e.message.find("<document start>") != std::string::npos ||
                 (e.message.find("block") != std::string::npos && e.message.find("flow") == std::string::npos);
    std::string message = block && e.offset < text.size() && text[e.offset] == ',' ? why_stuck(text, e.offset) : e.message;
    diagnostics.add(DiagCode::E0301, Span{file, at, at + 1}, message);
  } catch (const UnknownAlias& e) {
    diagnostics.add(DiagCode::E0301, Span{file, e.offset, e.offset + 1}, e.message);
  } catch (const LimitExceeded& e) {
    diagnostics.add(DiagCode::E0308, Span{file, e.offset, e.offset + 1}, e.message, e.help);
  } catch (const ReaderStuck& e) {
    diagnostics.add(DiagCode::E0301, Span{file, e.offset, e.offset + 1}, e.message);
  }
  for (auto& doc : builder.documents) add_record(std::move(doc), file, diagnostics, out);
}

/// Moves every position of a tree read from an envelope's payload to where the payload's
/// bytes are written in the file.
void relocate_into_file(Value& v, const credentials::Envelope& envelope) {
  v.offset = envelope.file_offset(v.offset);
  v.key_offset = envelope.file_offset(v.key_offset);
  for (auto& c : v.children) relocate_into_file(c, envelope);
}

/// Files that are not records as written: XML (refused with what it is) and JWS envelopes
/// (their payload read as the credential, with the seal as its signature evidence). True
/// when the file was one of them.
bool read_unrecorded(const std::string& text, const SourceFile& source, FileId file, std::size_t& values,
                     Diagnostics& diagnostics, const LoadLimits& limits, std::vector<Record>& out) {
  if (auto xml = credentials::describe_xml(text)) {
    // At the root element: past the XML declaration, comments and processing instructions.
    std::size_t root = text.find('<');
    while (root != std::string::npos && root + 1 < text.size() && (text[root + 1] == '?' || text[root + 1] == '!'))
      root = text.find('<', root + 1);
    auto at = static_cast<std::uint32_t>(root == std::string::npos ? text.find('<') : root);
    diagnostics.add(DiagCode::E0320, Span{file, at, at + 1}, *xml);
    return true;
  }
  bool json = ends_with(source.path(), ".json") || ends_with(source.path(), ".jsonld");
  if (!credentials::looks_like_compact_jws(text) && !(json && text.find("\"payload\"") != std::string::npos))
    return false;
  auto read = credentials::read_envelope(text);
  if (!read) return false;
  if (const auto* error = std::get_if<credentials::EnvelopeError>(&*read)) {
    diagnostics.add(DiagCode::E0301, Span{file, error->offset, error->offset + 1},
                    fmt::format("a broken JWS envelope: {}", error->message));
    return true;
  }
  const auto& envelope = std::get<credentials::Envelope>(*read);
  Diagnostics payload_diagnostics;  // positions in the payload, moved into the file below
  Builder builder(source, file, 0, payload_diagnostics, limits, values);
  try {
    read_json(envelope.payload, builder, limits.max_nesting);
  } catch (const JsonError& e) {
    auto at = envelope.file_offset(e.offset);
    diagnostics.add(DiagCode::E0301, Span{file, at, at + 1}, fmt::format("the JWS payload is not JSON: {}", e.message));
  } catch (const LimitExceeded& e) {
    auto at = envelope.file_offset(e.offset);
    diagnostics.add(DiagCode::E0308, Span{file, at, at + 1}, e.message);
  }
  for (auto d : payload_diagnostics.items()) {
    d.span.begin = envelope.file_offset(d.span.begin);
    d.span.end = d.span.begin + 1;
    diagnostics.items().push_back(std::move(d));
  }
  // The seal: the first signature, its certificate's holder as signer.
  credentials::Seal seal;
  const auto& signature = envelope.signatures.front();
  bool jades = !signature.signing_time.empty() || envelope.serialization != credentials::JwsSerialization::compact;
  seal.method = fmt::format("{} {}", jades ? "jades" : "vc-jwt", signature.alg);
  seal.signed_at = signature.signing_time;
  seal.offset = signature.offset;
  if (!signature.x5c.empty()) {
    auto certificate = credentials::signer_certificate(signature.x5c.front());
    seal.subject = certificate.subject;
    seal.signer = certificate.common_name.empty() ? certificate.organization : certificate.common_name;
  }
  for (auto& doc : builder.documents) {
    relocate_into_file(*doc, envelope);
    // VC-JWT (VC Data Model 1.1 §6.3.1): the credential is the `vc` claim of the JWT.
    if (Value* vc = nullptr; doc->is_map()) {
      for (auto& c : doc->children)
        if (c.key == "vc" && c.is_map()) vc = &c;
      if (vc) {
        Value credential = std::move(*vc);
        *doc = std::move(credential);
      }
    }
    auto format = doc->is_map() ? credentials::detect_format(*doc) : credentials::Format::unknown;
    if (format != credentials::Format::ob3 && format != credentials::Format::elm && format != credentials::Format::clr) {
      auto what = credentials::describe_unread(*doc);
      diagnostics.add(DiagCode::E0320, Span{file, doc->offset, doc->offset + 1},
                      what ? *what : "this JWS's payload is not a credential cadre reads (Open Badges 3.0, ELM v3)");
      continue;
    }
    add_record(std::move(doc), file, diagnostics, out, &seal);
  }
  return true;
}

}  // namespace

bool read_record_file(SourceManager& sources, FileId file, Diagnostics& diagnostics, const LoadLimits& limits) {
  SourceFile& source = sources.mutable_file(file);
  auto read = read_within(source.path(), limits.max_file_bytes);
  switch (read.status) {
    case BoundedRead::Status::Read:
      source.set_text(std::move(read.text));
      return true;
    case BoundedRead::Status::TooLarge:
      // Nothing was read, so there is no line to show: the diagnostic names the file.
      diagnostics.add_file(DiagCode::E0308, source.path(), too_large_message(read.size, limits.max_file_bytes));
      return false;
    case BoundedRead::Status::Unreadable:
      break;
  }
  diagnostics.add_file(DiagCode::E0501, source.path(), "cannot read this file");
  return false;
}

bool is_record_file(const std::string& path) {
  return ends_with(path, ".yaml") || ends_with(path, ".yml") || ends_with(path, ".json") ||
         ends_with(path, ".jsonl") || ends_with(path, ".jsonld") || ends_with(path, ".jwt");
}

std::vector<Record> load_records(const SourceManager& sources, FileId file, Diagnostics& diagnostics,
                                 const LoadLimits& limits) {
  const SourceFile& source = sources.file(file);
  const std::string& text = source.text();
  std::vector<Record> records;
  if (text.size() > limits.max_file_bytes) {  // text that did not come from read_record_file
    diagnostics.add(DiagCode::E0308, Span{file, 0, 0}, too_large_message(text.size(), limits.max_file_bytes),
                    "split it into smaller files");
    return records;
  }
  if (auto problem = encoding_problem(text)) {
    auto at = static_cast<std::uint32_t>(problem->offset);
    diagnostics.add(DiagCode::E0301, Span{file, at, at + 1}, problem->message, problem->help);
    return records;
  }
  std::uint32_t where = 0;
  // The pre-scan bounds YAML's nesting before parsing; JSON is read by a reader that bounds its own
  // (and in JSON Lines, a line's open brackets must not count against the next).
  bool json = ends_with(source.path(), ".json") || ends_with(source.path(), ".jsonl") || ends_with(source.path(), ".jsonld");
  if (!json && !nesting_within(text, limits.max_nesting, where)) {
    diagnostics.add(DiagCode::E0308, Span{file, where, where + 1},
                    fmt::format("values are nested more than {} levels deep", limits.max_nesting));
    return records;
  }
  if (auto problem = json ? std::nullopt : yaml_only_line_break(text)) {
    auto at = static_cast<std::uint32_t>(problem->offset);
    diagnostics.add(DiagCode::E0301, Span{file, at, at + 1}, problem->message, problem->help);
    return records;
  }
  std::size_t values = 0;  // the value budget is the file's, however it is split
  if (read_unrecorded(text, source, file, values, diagnostics, limits, records)) {
    for (auto& r : records) r.root->link();
    return records;
  }
  if (ends_with(source.path(), ".jsonl")) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string_view line(text.data() + start, end - start);
      if (line.find_first_not_of(" \t\r") != std::string_view::npos)
        parse_documents(line, true, values, source, file, static_cast<std::uint32_t>(start), diagnostics, limits, records);
      if (values > limits.max_values) break;  // reported once, at the line that passed the budget
      start = end + 1;
    }
  } else {
    parse_documents(text, json, values, source, file, 0, diagnostics, limits, records);
  }
  for (auto& r : records) r.root->link();
  return records;
}

}  // namespace cadre::record
