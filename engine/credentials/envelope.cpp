// SPDX-License-Identifier: Apache-2.0
#include "engine/credentials/envelope.hpp"

#include <cctype>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/x509.h>

#include "engine/base/base64url.hpp"
#include "engine/record/json_reader.hpp"
#include "engine/record/value.hpp"

namespace cadre::credentials {

namespace {

using record::Value;

/// A Value tree of a JSON text with the offset of every key and value (the loader's JSON
/// reader, without its record limits: an envelope is one value, read once).
class TreeBuilder : public record::ParseEvents {
 public:
  std::unique_ptr<Value> root = std::make_unique<Value>();

  void on_document_start(std::uint32_t) override {}
  void on_document_end() override {}
  void on_null(std::uint32_t at, std::string_view) override { place(scalar(at, Value::Kind::Null, {})); }
  void on_scalar(std::uint32_t at, std::string_view, std::string_view, std::string_view value, bool quoted) override {
    Value v = scalar(at, Value::Kind::Scalar, value);
    v.quoted = quoted;
    place(std::move(v));
  }
  void on_alias(std::uint32_t at, std::string_view) override { place(scalar(at, Value::Kind::Null, {})); }
  void on_sequence_start(std::uint32_t at, std::string_view, std::string_view) override { open(at, Value::Kind::List); }
  void on_sequence_end() override { close(); }
  void on_map_start(std::uint32_t at, std::string_view, std::string_view) override { open(at, Value::Kind::Map); }
  void on_map_end() override { close(); }

 private:
  struct Frame {
    Value value;
    bool expecting_key = true;
    std::string key;
    std::uint32_t key_offset = 0;
  };

  static Value scalar(std::uint32_t at, Value::Kind kind, std::string_view text) {
    Value v;
    v.kind = kind;
    v.offset = at;
    v.text = text;
    return v;
  }
  void open(std::uint32_t at, Value::Kind kind) {
    Frame f;
    f.value.kind = kind;
    f.value.offset = at;
    stack_.push_back(std::move(f));
  }
  void close() {
    Value v = std::move(stack_.back().value);
    stack_.pop_back();
    place(std::move(v));
  }
  void place(Value v) {
    if (stack_.empty()) {
      *root = std::move(v);
      return;
    }
    Frame& parent = stack_.back();
    if (parent.value.kind == Value::Kind::List) {
      parent.value.children.push_back(std::move(v));
    } else if (parent.expecting_key) {
      parent.key = v.text;
      parent.key_offset = v.offset;
      parent.expecting_key = false;
    } else {
      v.key = std::move(parent.key);
      v.key_offset = parent.key_offset;
      parent.value.children.push_back(std::move(v));
      parent.expecting_key = true;
    }
  }
  std::vector<Frame> stack_;
};

std::unique_ptr<Value> parse_tree(std::string_view text) {
  TreeBuilder builder;
  record::read_json(text, builder, 64);
  return std::move(builder.root);
}

const Value* member(const Value& object, std::string_view name) {
  if (!object.is_map()) return nullptr;
  for (const auto& c : object.children)
    if (c.key == name) return &c;
  return nullptr;
}

bool is_string(const Value* v) { return v && v->kind == Value::Kind::Scalar && v->quoted; }

/// The file offset of each byte of a JSON string's value, read from its token at `quote`
/// (escapes map all their bytes to the backslash), and one more for the closing quote.
std::vector<std::uint32_t> string_offsets(std::string_view text, std::uint32_t quote) {
  std::vector<std::uint32_t> out;
  std::size_t i = quote + 1;
  auto push = [&](std::size_t at, std::size_t bytes) { out.insert(out.end(), bytes, static_cast<std::uint32_t>(at)); };
  while (i < text.size() && text[i] != '"') {
    if (text[i] != '\\') {
      out.push_back(static_cast<std::uint32_t>(i));
      ++i;
      continue;
    }
    std::size_t start = i;
    if (i + 1 < text.size() && text[i + 1] == 'u') {
      unsigned code = static_cast<unsigned>(std::stoul(std::string(text.substr(i + 2, 4)), nullptr, 16));
      i += 6;
      if (code >= 0xD800 && code < 0xDC00 && text.substr(i, 2) == "\\u") {
        i += 6;  // a surrogate pair is one 4-byte character
        push(start, 4);
        continue;
      }
      push(start, code < 0x80 ? 1 : code < 0x800 ? 2 : 3);
    } else {
      i += 2;
      push(start, 1);
    }
  }
  out.push_back(static_cast<std::uint32_t>(i));
  return out;
}

/// For a base64url text at `start` of the file: the character that encodes each decoded byte.
std::vector<std::uint32_t> base64_offsets(std::size_t decoded_size, std::uint32_t start, std::size_t encoded_size) {
  std::vector<std::uint32_t> out;
  out.reserve(decoded_size + 1);
  for (std::size_t i = 0; i < decoded_size; ++i) out.push_back(static_cast<std::uint32_t>(start + i * 4 / 3));
  out.push_back(static_cast<std::uint32_t>(start + encoded_size));
  return out;
}

std::string header_string(const nlohmann::json& header, const char* name) {
  auto it = header.find(name);
  return it != header.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// Fills a signature from its protected header (decoded and parsed) and the payload.
std::optional<EnvelopeError> fill_signature(JwsSignature& s, std::string_view payload_as_signed, std::uint32_t at) {
  auto header_bytes = base64url_decode(s.protected_encoded);
  if (!header_bytes) return EnvelopeError{at, "the protected header is not base64url"};
  s.protected_header = *header_bytes;
  auto header = nlohmann::json::parse(s.protected_header, nullptr, false);
  if (header.is_discarded() || !header.is_object())
    return EnvelopeError{at, "the protected header is not a JSON object"};
  s.alg = header_string(header, "alg");
  s.kid = header_string(header, "kid");
  s.typ = header_string(header, "typ");
  s.cty = header_string(header, "cty");
  s.signing_time = header_string(header, "sigT");
  if (auto b64 = header.find("b64"); b64 != header.end() && b64->is_boolean()) s.payload_encoded = b64->get<bool>();
  if (auto x5c = header.find("x5c"); x5c != header.end() && x5c->is_array()) {
    for (const auto& cert : *x5c) {
      auto der = cert.is_string() ? base64_decode(cert.get<std::string>(), Base64Alphabet::standard) : std::nullopt;
      if (!der) return EnvelopeError{at, "an `x5c` certificate of the protected header is not base64 (RFC 7515 §4.1.6)"};
      s.x5c.push_back(std::move(*der));
    }
  }
  s.signing_input = s.protected_encoded + "." + std::string(payload_as_signed);
  return std::nullopt;
}

}  // namespace

bool looks_like_compact_jws(std::string_view text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  auto end = text.find_last_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return false;
  text = text.substr(begin, end - begin + 1);
  if (text.substr(0, 3) != "eyJ") return false;
  int dots = 0;
  for (char c : text) {
    if (c == '.') ++dots;
    else if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  }
  return dots == 2;
}

EnvelopeResult read_compact_jws(std::string_view text) {
  auto begin = static_cast<std::uint32_t>(text.find_first_not_of(" \t\r\n"));
  if (!looks_like_compact_jws(text)) return EnvelopeError{0, "not a compact JWS (three base64url parts)"};
  std::string_view jws = text.substr(begin);
  jws = jws.substr(0, jws.find_last_not_of(" \t\r\n") + 1);
  auto dot1 = jws.find('.'), dot2 = jws.find('.', dot1 + 1);
  Envelope e;
  e.serialization = JwsSerialization::compact;
  std::string_view payload = jws.substr(dot1 + 1, dot2 - dot1 - 1);
  auto decoded = base64url_decode(payload);
  if (!decoded) return EnvelopeError{static_cast<std::uint32_t>(begin + dot1 + 1), "the JWS payload is not base64url"};
  e.payload = std::move(*decoded);
  e.payload_offsets = base64_offsets(e.payload.size(), static_cast<std::uint32_t>(begin + dot1 + 1), payload.size());
  JwsSignature s;
  s.protected_encoded = std::string(jws.substr(0, dot1));
  s.offset = static_cast<std::uint32_t>(begin + dot2 + 1);
  auto signature = base64url_decode(jws.substr(dot2 + 1));
  if (!signature) return EnvelopeError{s.offset, "the JWS signature is not base64url"};
  s.signature = std::move(*signature);
  if (auto error = fill_signature(s, payload, begin)) return *error;
  e.signatures.push_back(std::move(s));
  return e;
}

std::optional<EnvelopeResult> read_json_jws(std::string_view text) {
  std::unique_ptr<Value> root;
  try {
    root = parse_tree(text);
  } catch (const record::JsonError&) {
    return std::nullopt;  // not JSON: the record loader reports the syntax error
  }
  const Value* payload = member(*root, "payload");
  const Value* signatures = member(*root, "signatures");
  const Value* flattened = member(*root, "signature");
  if (!is_string(payload) || (!signatures && !flattened)) return std::nullopt;
  Envelope e;
  e.serialization = signatures ? JwsSerialization::json_general : JwsSerialization::json_flattened;
  std::vector<const Value*> entries;
  if (signatures) {
    if (signatures->kind != Value::Kind::List || signatures->children.empty())
      return EnvelopeError{signatures->offset, "`signatures` is not a list of signatures (RFC 7515 §7.2.1)"};
    for (const auto& c : signatures->children) entries.push_back(&c);
  } else {
    entries.push_back(root.get());
  }
  std::optional<bool> encoded;
  for (const Value* entry : entries) {
    JwsSignature s;
    const Value* protected_header = member(*entry, "protected");
    const Value* signature = member(*entry, "signature");
    if (!is_string(signature)) return EnvelopeError{entry->offset, "a signature has no `signature` string (RFC 7515 §7.2.1)"};
    if (!is_string(protected_header))
      return EnvelopeError{entry->offset, "a signature has no `protected` header; cadre reads the header parameters there"};
    s.protected_encoded = protected_header->text;
    s.offset = signature->offset;
    auto bytes = base64url_decode(signature->text);
    if (!bytes) return EnvelopeError{signature->offset, "the `signature` is not base64url"};
    s.signature = std::move(*bytes);
    // The unprotected header as written, for verification (JAdES keeps `etsiU` there).
    if (const Value* header = member(*entry, "header"); header && header->is_map()) {
      std::size_t depth = 0, i = header->offset;
      bool in_string = false;
      for (; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
          if (c == '\\') ++i;
          else if (c == '"') in_string = false;
        } else if (c == '"') {
          in_string = true;
        } else if (c == '{' || c == '[') {
          ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          break;
        }
      }
      s.unprotected_header = std::string(text.substr(header->offset, i + 1 - header->offset));
    }
    // The payload is signed as written in the file when unencoded (RFC 7797 §3), so the
    // signing input uses the string's value; encoded, it is the base64url text itself.
    if (auto error = fill_signature(s, payload->text, signature->offset)) return *error;
    if (encoded && *encoded != s.payload_encoded)
      return EnvelopeError{protected_header->offset, "the signatures disagree on `b64` (RFC 7797 §3)"};
    encoded = s.payload_encoded;
    e.signatures.push_back(std::move(s));
  }
  if (*encoded) {
    auto decoded = base64url_decode(payload->text);
    if (!decoded) return EnvelopeError{payload->offset, "the JWS payload is not base64url"};
    e.payload = std::move(*decoded);
    e.payload_offsets = base64_offsets(e.payload.size(), payload->offset + 1, payload->text.size());
  } else {
    e.payload = payload->text;
    e.payload_offsets = string_offsets(text, payload->offset);
  }
  return e;
}

std::optional<EnvelopeResult> read_envelope(std::string_view text) {
  if (looks_like_compact_jws(text)) return read_compact_jws(text);
  return read_json_jws(text);
}

SignerCertificate signer_certificate(const std::string& der) {
  SignerCertificate out;
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<X509, decltype(&X509_free)> cert(d2i_X509(nullptr, &bytes, static_cast<long>(der.size())), &X509_free);
  if (!cert) return out;
  auto name_text = [](const X509_NAME* name) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
  };
  auto entry = [](const X509_NAME* name, int nid) {
    int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0) return std::string();
    ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    int size = ASN1_STRING_to_UTF8(&utf8, value);
    if (size < 0) return std::string();
    std::string s(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(size));
    OPENSSL_free(utf8);
    return s;
  };
  const X509_NAME* subject = X509_get_subject_name(cert.get());
  out.subject = name_text(subject);
  out.issuer = name_text(X509_get_issuer_name(cert.get()));
  out.common_name = entry(subject, NID_commonName);
  out.organization = entry(subject, NID_organizationName);
  return out;
}

}  // namespace cadre::credentials
