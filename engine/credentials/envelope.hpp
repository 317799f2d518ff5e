// SPDX-License-Identifier: Apache-2.0
// JSON Web Signature envelopes (RFC 7515) around a credential: the compact form of VC-JWT
// (Open Badges 3.0 §8.2.2, "ob3-dcv-simple.jwt") and the JSON serialization of JAdES-sealed
// European Digital Credentials (ETSI TS 119 182-1), whose payload may be left unencoded
// (RFC 7797, "b64": false).
//
// This is the public, stable surface shared by the credential reader (which maps the payload
// onto a certificate) and by signature verification (engine/verify/), which needs the exact
// bytes that were signed. Everything here is a plain value: reading an envelope checks its
// shape and decodings, never a signature.
//
// Positions. A finding about a value inside the payload is shown at the place in the file
// where that value's first byte is written: for an unencoded payload (a JSON string holding
// the credential) the character itself, escapes included (`\"id\"` is shown at its `\`); for
// a base64url payload the character that encodes the byte's first bits. `payload_offsets`
// gives that place for every payload byte, so the reader keeps file positions for the whole
// mapped credential.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cadre::credentials {

/// Which JWS serialization the file uses (RFC 7515 §7.1, §7.2.1, §7.2.2).
enum class JwsSerialization { compact, json_general, json_flattened };

/// One signature of the envelope, with everything verification needs and nothing decided.
struct JwsSignature {
  std::string protected_encoded;   // the protected header as written (base64url), "" when absent
  std::string protected_header;    // its decoded JSON text
  std::string unprotected_header;  // JSON text of the unprotected `header` member, "" when absent
  std::string signature;           // the signature bytes, decoded
  /// The bytes the signature is over (RFC 7515 §5.2 step 8; RFC 7797 §3 when the payload is
  /// unencoded): ASCII(protected_encoded) '.' payload, the payload base64url-encoded or not.
  std::string signing_input;
  // Protected header parameters, "" when absent.
  std::string alg;           // RFC 7515 §4.1.1
  std::string kid;           // §4.1.4
  std::string typ;           // §4.1.9
  std::string cty;           // §4.1.10
  std::string signing_time;  // JAdES `sigT` (ETSI TS 119 182-1 §5.2.1), as written
  bool payload_encoded = true;  // RFC 7797 `b64`; false when the payload is signed as is
  /// `x5c` (RFC 7515 §4.1.6): the DER certificates, leaf first, decoded from standard base64.
  std::vector<std::string> x5c;
  std::uint32_t offset = 0;  // where this signature is written in the file (its `signature`)
};

/// A JWS read from a file: its payload and signatures.
struct Envelope {
  JwsSerialization serialization = JwsSerialization::compact;
  std::string payload;  // the payload bytes (for a credential, JSON text)
  std::vector<JwsSignature> signatures;
  /// File offset of each payload byte, and one more entry for the end of the payload.
  std::vector<std::uint32_t> payload_offsets;

  /// Where payload byte `i` is written in the file (see "Positions" above).
  std::uint32_t file_offset(std::size_t i) const {
    return payload_offsets.empty() ? 0 : payload_offsets[i < payload_offsets.size() ? i : payload_offsets.size() - 1];
  }
};

/// Why a text that looks like a JWS is not a readable one, and where.
struct EnvelopeError {
  std::uint32_t offset = 0;
  std::string message;
};

using EnvelopeResult = std::variant<Envelope, EnvelopeError>;

/// True when `text` (a whole file, surrounding whitespace allowed) has the shape of a compact
/// JWS: three dot-separated base64url parts, the first starting `eyJ` (a JSON object).
bool looks_like_compact_jws(std::string_view text);

/// Reads a compact JWS (RFC 7515 §7.1) from a whole file.
EnvelopeResult read_compact_jws(std::string_view text);

/// Reads a JWS JSON serialization (RFC 7515 §7.2) from a whole file: an object with `payload`
/// and `signatures` (general) or `signature` (flattened). Nothing when the file's top-level
/// object has no `payload` string (it is then not a JWS); an error when it is a broken one.
std::optional<EnvelopeResult> read_json_jws(std::string_view text);

/// Either form, whichever `text` is; nothing when it is neither.
std::optional<EnvelopeResult> read_envelope(std::string_view text);

/// The signer's identity read from the leaf certificate of `x5c`, for display and for the
/// certificate's signature evidence: subject as an RFC 4514 string, and its commonName and
/// organizationName. Empty strings when the certificate cannot be parsed.
struct SignerCertificate {
  std::string subject;
  std::string common_name;
  std::string organization;
  std::string issuer;
};
SignerCertificate signer_certificate(const std::string& der);

}  // namespace cadre::credentials
