// SPDX-License-Identifier: Apache-2.0
#include "engine/pack/parse_cache.hpp"

#include <elf.h>
#include <link.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <type_traits>

#include <fmt/format.h>

#include "dsl/parse.hpp"
#include "engine/base/bounded_read.hpp"
#include "engine/base/sha256.hpp"
#include "engine/io/output_file.hpp"

namespace cadre::pack {

namespace {

namespace fs = std::filesystem;

// Bump when the encoding below changes. The key also holds the version and the build id,
// so a rebuilt binary never reads an older binary's entries even if this is forgotten.
constexpr std::uint32_t kFormat = 2;  // 2: `doc` of fields and records by language, with its span
constexpr char kMagic[16] = {'c', 'a', 'd', 'r', 'e', ' ', 'p', 'a', 'r', 's', 'e', ' ', 'v', '1', '\n', '\0'};
constexpr std::size_t kHeaderBytes = sizeof kMagic + 4 + 32 + 8 + 32;
constexpr std::size_t kMaxEntryBytes = 256u << 20;

/// The GNU build id of the running executable (hex), read from its loaded notes: it changes
/// whenever the binary does, compiler and flags included.
int find_build_id(dl_phdr_info* info, std::size_t, void* out) {
  auto& id = *static_cast<std::string*>(out);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const auto& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* at = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = at + ph.p_memsz;
    while (at + sizeof(ElfW(Nhdr)) <= end) {
      ElfW(Nhdr) note;
      std::memcpy(&note, at, sizeof note);
      const char* name = at + sizeof note;
      const char* desc = name + ((note.n_namesz + 3) & ~3u);
      if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0 &&
          desc + note.n_descsz <= end) {
        for (std::uint32_t b = 0; b < note.n_descsz; ++b)
          id += fmt::format("{:02x}", static_cast<unsigned char>(desc[b]));
        return 1;
      }
      at = desc + ((note.n_descsz + 3) & ~3u);
    }
  }
  return 1;  // the first object is the executable: stop there
}

const std::string& build_id() {
  static const std::string id = [] {
    std::string out;
    dl_iterate_phdr(find_build_id, &out);
    return out;
  }();
  return id;
}

struct Corrupt {};
struct Uncacheable {};

class Writer {
 public:
  explicit Writer(FileId file, ast::NodeId first_id) : file_(file), first_id_(first_id) {}
  std::string bytes;

  template <class T>
  void raw(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    char b[sizeof v];
    std::memcpy(b, &v, sizeof v);
    bytes.append(b, sizeof v);
  }
  void u8(std::uint8_t v) { raw(v); }
  void u32(std::uint32_t v) { raw(v); }
  void str(const std::string& s) {
    u32(static_cast<std::uint32_t>(s.size()));
    bytes += s;
  }
  void span(const Span& s) {
    if (s.valid() && s.file != file_) throw Uncacheable{};  // the parser names only its own file
    u8(s.valid() ? 1 : 0);
    u32(s.begin);
    u32(s.end);
  }
  void date(const Date& d) {
    raw(d.days);
    raw(d.minutes);
  }
  void opt_date(const std::optional<Date>& d) {
    u8(d ? 1 : 0);
    if (d) date(*d);
  }
  void strings(const std::vector<std::string>& v) {
    u32(static_cast<std::uint32_t>(v.size()));
    for (const auto& s : v) str(s);
  }
  void texts(const ast::Localized<std::string>& m) {
    u32(static_cast<std::uint32_t>(m.size()));
    for (const auto& [k, v] : m) {
      str(k);
      str(v);
    }
  }

  void expr(const ast::ExprPtr& e) {
    u8(e ? 1 : 0);
    if (!e) return;
    if (e->id != 0 && e->id < first_id_) throw Uncacheable{};
    u32(e->id == 0 ? 0 : e->id - first_id_ + 1);
    span(e->span);
    u8(static_cast<std::uint8_t>(e->node.index()));
    std::visit([this](const auto& n) { node(n); }, e->node);
  }
  void exprs(const std::vector<ast::ExprPtr>& v) {
    u32(static_cast<std::uint32_t>(v.size()));
    for (const auto& e : v) expr(e);
  }
  void node(const ast::Literal& n) {
    u8(static_cast<std::uint8_t>(n.value.index()));
    std::visit(
        [this](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string>) str(v);
          else if constexpr (std::is_same_v<T, Date>) date(v);
          else if constexpr (std::is_same_v<T, Duration>) raw(v.seconds);
          else if constexpr (std::is_same_v<T, bool>) u8(v ? 1 : 0);
          else raw(v);
        },
        n.value);
  }
  void node(const ast::Path& n) {
    u32(static_cast<std::uint32_t>(n.segments.size()));
    for (const auto& s : n.segments) {
      str(s.name);
      span(s.span);
    }
    expr(n.base);
  }
  void node(const ast::Call& n) {
    str(n.name);
    span(n.name_span);
    exprs(n.args);
  }
  void node(const ast::Unary& n) {
    u8(static_cast<std::uint8_t>(n.op));
    expr(n.operand);
  }
  void node(const ast::Binary& n) {
    u8(static_cast<std::uint8_t>(n.op));
    expr(n.lhs);
    expr(n.rhs);
  }
  void node(const ast::Between& n) {
    expr(n.subject);
    expr(n.low);
    expr(n.high);
  }
  void node(const ast::List& n) { exprs(n.items); }

  void templates(const ast::Localized<ast::Template>& m) {
    u32(static_cast<std::uint32_t>(m.size()));
    for (const auto& [lang, t] : m) {
      str(lang);
      span(t.span);
      u32(static_cast<std::uint32_t>(t.parts.size()));
      for (const auto& p : t.parts) {
        str(p.text);
        expr(p.expr);
      }
    }
  }
  void type(const ast::TypeExprPtr& t) {
    u8(t ? 1 : 0);
    if (!t) return;
    u8(static_cast<std::uint8_t>(t->kind));
    span(t->span);
    str(t->name);
    type(t->element);
    strings(t->values);
    fields(t->fields);
  }
  void fields(const std::vector<ast::FieldDecl>& v) {
    u32(static_cast<std::uint32_t>(v.size()));
    for (const auto& f : v) {
      str(f.name);
      span(f.span);
      u8(f.optional ? 1 : 0);
      type(f.type);
      texts(f.doc);
      span(f.doc_span);
      strings(f.synonyms);
    }
  }
  void constants(const std::vector<ast::ConstDecl>& v) {
    u32(static_cast<std::uint32_t>(v.size()));
    for (const auto& c : v) {
      str(c.name);
      span(c.span);
      expr(c.value);
    }
  }
  void rules(const std::vector<ast::RuleDecl>& v) {
    u32(static_cast<std::uint32_t>(v.size()));
    for (const auto& r : v) {
      str(r.id);
      span(r.span);
      span(r.id_span);
      str(r.subject);
      span(r.subject_span);
      texts(r.titles);
      strings(r.citations);
      u32(static_cast<std::uint32_t>(r.qualiopi.size()));
      for (int q : r.qualiopi) raw(q);
      u32(static_cast<std::uint32_t>(r.qualiopi_spans.size()));
      for (const auto& s : r.qualiopi_spans) span(s);
      u8(static_cast<std::uint8_t>(r.severity));
      expr(r.when);
      u32(static_cast<std::uint32_t>(r.requirements.size()));
      for (const auto& q : r.requirements) {
        expr(q.expr);
        templates(q.otherwise);
      }
      templates(r.message);
      opt_date(r.from);
      opt_date(r.until);
      u8(r.checked ? 1 : 0);
      texts(r.because);
    }
  }
  void module(const ast::Module& m) {
    u8(m.header ? 1 : 0);
    if (m.header) {
      str(m.header->id);
      span(m.header->span);
      str(m.header->title);
      str(m.header->version);
      opt_date(m.header->effective);
      str(m.header->source);
    }
    u32(static_cast<std::uint32_t>(m.uses.size()));
    for (const auto& u : m.uses) {
      str(u.target);
      u8(u.is_path ? 1 : 0);
      span(u.span);
    }
    constants(m.constants);
    constants(m.overrides);
    u32(static_cast<std::uint32_t>(m.disables.size()));
    for (const auto& d : m.disables) {
      str(d.rule_id);
      span(d.span);
      texts(d.reasons);
    }
    u32(static_cast<std::uint32_t>(m.indicators.size()));
    for (const auto& i : m.indicators) {
      raw(i.number);
      span(i.span);
      texts(i.titles);
    }
    u32(static_cast<std::uint32_t>(m.records.size()));
    for (const auto& r : m.records) {
      str(r.name);
      span(r.span);
      u8(r.is_record_kind ? 1 : 0);
      texts(r.doc);
      span(r.doc_span);
      fields(r.fields);
    }
    rules(m.rules);
    rules(m.unchecked);
  }
  void diagnostic(const Diagnostic& d) {
    u32(static_cast<std::uint32_t>(d.code));
    u8(static_cast<std::uint8_t>(d.severity));
    span(d.span);
    str(d.message);
    str(d.help);
    str(d.file_hint);
    str(d.shown_with);
  }

 private:
  FileId file_;
  ast::NodeId first_id_;
};

class Reader {
 public:
  Reader(std::string_view bytes, FileId file, ast::NodeId first_id) : bytes_(bytes), file_(file), first_id_(first_id) {}
  bool done() const { return at_ == bytes_.size(); }

  template <class T>
  T raw() {
    T v;
    if (bytes_.size() - at_ < sizeof v) throw Corrupt{};
    std::memcpy(&v, bytes_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::uint8_t u8() { return raw<std::uint8_t>(); }
  std::uint32_t u32() { return raw<std::uint32_t>(); }
  bool flag() {
    auto v = u8();
    if (v > 1) throw Corrupt{};
    return v == 1;
  }
  /// A count of items, each at least one byte: a count larger than what is left is corrupt
  /// (and would otherwise reserve memory for nothing).
  std::uint32_t count() {
    auto n = u32();
    if (n > bytes_.size() - at_) throw Corrupt{};
    return n;
  }
  template <class E>
  E enumerated(std::uint32_t last) {
    auto v = u8();
    if (v > last) throw Corrupt{};
    return static_cast<E>(v);
  }
  std::string str() {
    auto n = count();
    std::string s(bytes_.substr(at_, n));
    at_ += n;
    return s;
  }
  Span span() {
    bool valid = flag();
    Span s;
    s.file = valid ? file_ : kNoFile;
    s.begin = u32();
    s.end = u32();
    return s;
  }
  Date date() {
    Date d;
    d.days = raw<std::int32_t>();
    d.minutes = raw<std::int32_t>();
    return d;
  }
  std::optional<Date> opt_date() {
    if (!flag()) return std::nullopt;
    return date();
  }
  std::vector<std::string> strings() {
    std::vector<std::string> v(count());
    for (auto& s : v) s = str();
    return v;
  }
  ast::Localized<std::string> texts() {
    ast::Localized<std::string> m;
    for (auto n = count(); n > 0; --n) {
      auto k = str();
      m[k] = str();
    }
    return m;
  }

  ast::ExprPtr expr() {
    if (!flag()) return nullptr;
    auto e = std::make_unique<ast::Expr>();
    auto id = u32();
    e->id = id == 0 ? 0 : first_id_ + id - 1;
    last_id_ = std::max(last_id_, e->id);
    e->span = span();
    switch (u8()) {
      case 0: {
        ast::Literal l;
        switch (u8()) {
          case 0: l.value = flag(); break;
          case 1: l.value = raw<std::int64_t>(); break;
          case 2: l.value = raw<double>(); break;
          case 3: l.value = str(); break;
          case 4: l.value = date(); break;
          case 5: l.value = Duration{raw<double>()}; break;
          default: throw Corrupt{};
        }
        e->node = std::move(l);
        break;
      }
      case 1: {
        ast::Path p;
        p.segments.resize(count());
        for (auto& s : p.segments) {
          s.name = str();
          s.span = span();
        }
        p.base = expr();
        e->node = std::move(p);
        break;
      }
      case 2: {
        ast::Call c;
        c.name = str();
        c.name_span = span();
        c.args = exprs();
        e->node = std::move(c);
        break;
      }
      case 3: {
        ast::Unary u;
        u.op = enumerated<ast::UnaryOp>(static_cast<std::uint32_t>(ast::UnaryOp::Neg));
        u.operand = expr();
        e->node = std::move(u);
        break;
      }
      case 4: {
        ast::Binary b;
        b.op = enumerated<ast::BinaryOp>(static_cast<std::uint32_t>(ast::BinaryOp::Div));
        b.lhs = expr();
        b.rhs = expr();
        e->node = std::move(b);
        break;
      }
      case 5: {
        ast::Between b;
        b.subject = expr();
        b.low = expr();
        b.high = expr();
        e->node = std::move(b);
        break;
      }
      case 6: e->node = ast::List{exprs()}; break;
      default: throw Corrupt{};
    }
    return e;
  }
  std::vector<ast::ExprPtr> exprs() {
    std::vector<ast::ExprPtr> v(count());
    for (auto& e : v) e = expr();
    return v;
  }
  ast::Localized<ast::Template> templates() {
    ast::Localized<ast::Template> m;
    for (auto n = count(); n > 0; --n) {
      auto lang = str();
      ast::Template t;
      t.span = span();
      t.parts.resize(count());
      for (auto& p : t.parts) {
        p.text = str();
        p.expr = expr();
      }
      m[lang] = std::move(t);
    }
    return m;
  }
  ast::TypeExprPtr type() {
    if (!flag()) return nullptr;
    auto t = std::make_unique<ast::TypeExpr>();
    t->kind = enumerated<ast::TypeExpr::Kind>(static_cast<std::uint32_t>(ast::TypeExpr::Kind::Record));
    t->span = span();
    t->name = str();
    t->element = type();
    t->values = strings();
    t->fields = fields();
    return t;
  }
  std::vector<ast::FieldDecl> fields() {
    std::vector<ast::FieldDecl> v(count());
    for (auto& f : v) {
      f.name = str();
      f.span = span();
      f.optional = flag();
      f.type = type();
      f.doc = texts();
      f.doc_span = span();
      f.synonyms = strings();
    }
    return v;
  }
  std::vector<ast::ConstDecl> constants() {
    std::vector<ast::ConstDecl> v(count());
    for (auto& c : v) {
      c.name = str();
      c.span = span();
      c.value = expr();
    }
    return v;
  }
  std::vector<ast::RuleDecl> rules() {
    std::vector<ast::RuleDecl> v(count());
    for (auto& r : v) {
      r.id = str();
      r.span = span();
      r.id_span = span();
      r.subject = str();
      r.subject_span = span();
      r.titles = texts();
      r.citations = strings();
      r.qualiopi.resize(count());
      for (auto& q : r.qualiopi) q = raw<int>();
      r.qualiopi_spans.resize(count());
      for (auto& s : r.qualiopi_spans) s = span();
      r.severity = enumerated<Severity>(static_cast<std::uint32_t>(Severity::Info));
      r.when = expr();
      r.requirements.resize(count());
      for (auto& q : r.requirements) {
        q.expr = expr();
        q.otherwise = templates();
      }
      r.message = templates();
      r.from = opt_date();
      r.until = opt_date();
      r.checked = flag();
      r.because = texts();
    }
    return v;
  }
  ast::Module module() {
    ast::Module m;
    m.file = file_;
    if (flag()) {
      ast::PackHeader h;
      h.id = str();
      h.span = span();
      h.title = str();
      h.version = str();
      h.effective = opt_date();
      h.source = str();
      m.header = std::move(h);
    }
    m.uses.resize(count());
    for (auto& u : m.uses) {
      u.target = str();
      u.is_path = flag();
      u.span = span();
    }
    m.constants = constants();
    m.overrides = constants();
    m.disables.resize(count());
    for (auto& d : m.disables) {
      d.rule_id = str();
      d.span = span();
      d.reasons = texts();
    }
    m.indicators.resize(count());
    for (auto& i : m.indicators) {
      i.number = raw<int>();
      i.span = span();
      i.titles = texts();
    }
    m.records.resize(count());
    for (auto& r : m.records) {
      r.name = str();
      r.span = span();
      r.is_record_kind = flag();
      r.doc = texts();
      r.doc_span = span();
      r.fields = fields();
    }
    m.rules = rules();
    m.unchecked = rules();
    return m;
  }
  Diagnostic diagnostic() {
    Diagnostic d;
    auto code = u32();
    if (code >= all_diag_codes().size()) throw Corrupt{};
    d.code = static_cast<DiagCode>(code);
    d.severity = enumerated<Severity>(static_cast<std::uint32_t>(Severity::Info));
    d.span = span();
    d.message = str();
    d.help = str();
    d.file_hint = str();
    d.shown_with = str();
    return d;
  }
  ast::NodeId last_id() const { return last_id_; }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
  FileId file_;
  ast::NodeId first_id_;
  ast::NodeId last_id_ = 0;
};

std::string key_of(const std::string& path, const std::string& text) {
  Sha256 h;
  h.update(std::string_view(kMagic, sizeof kMagic));
  h.update(CADRE_VERSION);
  h.update(std::string_view("\0", 1));
  h.update(build_id());
  h.update(std::string_view("\0", 1));
  h.update(path);
  h.update(std::string_view("\0", 1));
  h.update(text);
  auto d = h.finish();
  return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}

std::string hex(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

struct Parsed {
  std::optional<ast::Module> module;
  Diagnostics diagnostics;
  ast::NodeId ids = 0;  // how many node ids the parse used
};

/// The entry's parse, or nothing when it is missing or cannot be trusted.
std::optional<Parsed> read_entry(const std::string& entry, const std::string& key, FileId file, ast::NodeId first_id) {
  auto read = read_within(entry, kMaxEntryBytes);
  if (read.status != BoundedRead::Status::Read) return std::nullopt;
  const std::string& bytes = read.text;
  if (bytes.size() < kHeaderBytes || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return std::nullopt;
  std::size_t at = sizeof kMagic;
  std::uint32_t format = 0;
  std::memcpy(&format, bytes.data() + at, 4);
  at += 4;
  if (format != kFormat || bytes.compare(at, 32, key) != 0) return std::nullopt;  // another binary's, or file's
  at += 32;
  std::uint64_t size = 0;
  std::memcpy(&size, bytes.data() + at, 8);
  at += 8;
  std::string checksum = bytes.substr(at, 32);
  at += 32;
  if (size != bytes.size() - at) return std::nullopt;  // truncated or extended
  std::string_view payload(bytes.data() + at, bytes.size() - at);
  if (sha256_bytes(payload) != checksum) return std::nullopt;  // corrupt
  try {
    Reader r(payload, file, first_id);
    Parsed p;
    p.ids = r.u32();
    if (r.flag()) p.module = r.module();
    for (auto n = r.count(); n > 0; --n) p.diagnostics.items().push_back(r.diagnostic());
    if (!r.done() || (r.last_id() != 0 && r.last_id() >= first_id + p.ids)) return std::nullopt;
    return p;
  } catch (const Corrupt&) {
    return std::nullopt;
  }
}

void write_entry(const std::string& dir, const std::string& entry, const std::string& key, const Parsed& parsed,
                 FileId file, ast::NodeId first_id) {
  Writer w(file, first_id);
  try {
    w.u32(parsed.ids);
    w.u8(parsed.module ? 1 : 0);
    if (parsed.module) w.module(*parsed.module);
    w.u32(static_cast<std::uint32_t>(parsed.diagnostics.items().size()));
    for (const auto& d : parsed.diagnostics.items()) w.diagnostic(d);
  } catch (const Uncacheable&) {
    return;
  }
  std::string bytes(kMagic, sizeof kMagic);
  bytes.append(reinterpret_cast<const char*>(&kFormat), 4);
  bytes += key;
  std::uint64_t size = w.bytes.size();
  bytes.append(reinterpret_cast<const char*>(&size), 8);
  bytes += sha256_bytes(w.bytes);
  bytes += w.bytes;
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::string error;
  io::write_file_atomically(entry, bytes, error);  // a cache that cannot be written only costs time
}

}  // namespace

std::string default_cache_dir() {
  if (const char* off = std::getenv("CADRE_NO_CACHE"); off && *off) return {};
  if (build_id().empty()) return {};
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return (fs::path(xdg) / "cadre").string();
  if (const char* home = std::getenv("HOME"); home && *home == '/')
    return (fs::path(home) / ".cache" / "cadre").string();
  return {};
}

std::string cache_entry_name(const std::string& path, const std::string& text) {
  return hex(key_of(path, text)) + ".ast";
}

std::optional<ast::Module> parse_cached(const std::string& cache_dir, const SourceManager& sources, FileId file,
                                        Diagnostics& diagnostics, ast::NodeId& next_id) {
  if (cache_dir.empty()) return dsl::parse(sources, file, diagnostics, next_id);
  const SourceFile& source = sources.file(file);
  std::string key = key_of(source.path(), source.text());
  std::string entry = (fs::path(cache_dir) / (hex(key) + ".ast")).string();
  if (auto hit = read_entry(entry, key, file, next_id)) {
    next_id += hit->ids;
    diagnostics.append(hit->diagnostics);
    return std::move(hit->module);
  }
  Parsed parsed;
  const ast::NodeId first_id = next_id;
  parsed.module = dsl::parse(sources, file, parsed.diagnostics, next_id);
  parsed.ids = next_id - first_id;
  write_entry(cache_dir, entry, key, parsed, file, first_id);
  diagnostics.append(parsed.diagnostics);
  return std::move(parsed.module);
}

}  // namespace cadre::pack
