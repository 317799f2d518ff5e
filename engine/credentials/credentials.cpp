// SPDX-License-Identifier: Apache-2.0
// Dispatch from a document to its format's mapping, and what the mappings share.
#include "engine/credentials/credentials.hpp"

#include "engine/credentials/formats.hpp"

namespace cadre::credentials {

namespace detail {

Value certificate_root(const Value& credential, const Value* at) {
  Value certificate;
  certificate.kind = Kind::Map;
  certificate.offset = credential.offset;
  certificate.key_offset = credential.key_offset;
  certificate.key = credential.key;
  std::uint32_t value_at = at ? at->offset : credential.offset;
  std::uint32_t key_at = at ? key_of(at) : credential.offset;
  certificate.children.push_back(leaf("kind", "certificate", true, value_at, key_at));
  return certificate;
}

std::string nth_id(const std::string& id, std::size_t n) { return n == 0 ? id : fmt::format("{}#{}", id, n + 1); }

void put_signature(Value& out, const Value* proof_prop, Pick official, const Seal* seal) {
  const Value* proof = first(proof_prop);
  if (!proof && !seal) return;
  if (!proof) {
    // The envelope's seal, positioned at its signature. `method` says what sealed it; the
    // signer is the seal certificate's holder (an organisation for an eIDAS seal).
    Value signature;
    signature.kind = Kind::Map;
    signature.key = "signature";
    signature.offset = signature.key_offset = seal->offset;
    auto add = [&](const char* key, const std::string& value) {
      if (!value.empty()) signature.children.push_back(leaf(key, value, true, seal->offset, seal->offset));
    };
    add("signer", seal->signer);
    add("method", seal->method);
    add("certificate_subject", seal->subject);
    add("signed_at", seal->signed_at);
    out.children.push_back(std::move(signature));
    return;
  }
  Value signature = node(Kind::Map, "signature", proof_prop);
  put(signature, "signer", official);
  if (official) put_computed(signature, "role", "legal_representative", official);
  put(signature, "method", either({as_text(get(proof, "cryptosuite")), as_text(get(proof, "type"))}));
  out.children.push_back(std::move(signature));
}

}  // namespace detail

std::optional<std::vector<Value>> read_credential(const Value& root, Diagnostics& diagnostics, FileId file,
                                                  const Seal* seal) {
  if (!root.is_map() || root.get("kind")) return std::nullopt;
  detail::Mapper mapper(diagnostics, file);
  switch (detect_format(root)) {
    case Format::ob3:
      return detail::map_ob3(root, mapper, seal);
    case Format::elm:
      return detail::map_elm(root, mapper, seal);
    case Format::clr:
      return detail::map_clr(root, mapper);
    case Format::ob2_assertion:
      return detail::map_ob2(root, mapper);
    default:
      return std::nullopt;
  }
}

}  // namespace cadre::credentials
