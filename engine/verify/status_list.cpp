// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/status_list.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include "engine/base/base64url.hpp"
#include "engine/verify/multibase.hpp"
#include "engine/verify/strict_json.hpp"

namespace cadre::verify {

namespace {

// A revocation bitstring of 16 KiB covers 131,072 credentials; this bound stops a
// decompression bomb long before memory suffers.
constexpr std::size_t kMaxInflated = 16u << 20;

std::string field(const nlohmann::json& o, const char* name) {
  if (!o.is_object()) return "";
  auto it = o.find(name);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool has_type(const nlohmann::json& o, std::string_view type) {
  if (!o.is_object() || !o.contains("type")) return false;
  const auto& t = o["type"];
  if (t.is_string()) return t == type;
  if (t.is_array())
    for (const auto& x : t)
      if (x.is_string() && x == type) return true;
  return false;
}

/// `in` inflated, or nothing with `error` saying why: not GZIP, or larger than any status list.
std::optional<std::string> gunzip(const std::string& in, std::string& error) {
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
    error = "zlib cannot start inflating";
    return std::nullopt;
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  bool too_large = false;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - zs.avail_out);
    if (out.size() > kMaxInflated) {
      too_large = true;
      break;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
  }
  inflateEnd(&zs);
  if (too_large) {
    error = fmt::format("its encodedList inflates to more than {} MiB, far beyond any status list (a decompression "
                        "bomb?)",
                        kMaxInflated >> 20);
    return std::nullopt;
  }
  if (rc != Z_STREAM_END) {
    error = rc == Z_OK || rc == Z_BUF_ERROR ? "its encodedList is a truncated GZIP stream"
                                            : "its encodedList is not a GZIP stream";
    return std::nullopt;
  }
  return out;
}

std::vector<nlohmann::json> entries_of(const nlohmann::json& credential) {
  std::vector<nlohmann::json> out;
  if (!credential.is_object() || !credential.contains("credentialStatus")) return out;
  const auto& s = credential["credentialStatus"];
  if (s.is_array()) out = s.get<std::vector<nlohmann::json>>();
  else out.push_back(s);
  return out;
}

}  // namespace

bool StatusLists::add(std::string_view bytes, const VerifyContext& context, std::string& error) {
  auto doc = parse_strict_json(bytes, error);
  if (!doc || !doc->is_object()) {
    if (error.empty()) error = "not a JSON object";
    return false;
  }
  List list;
  const nlohmann::json& subject = (*doc)["credentialSubject"];
  if (has_type(subject, "BitstringStatusList") || has_type(subject, "StatusList2021")) {
    list.bitstring = true;
    list.id = field(*doc, "id");
    list.purpose = field(subject, "statusPurpose");
    std::string encoded = field(subject, "encodedList");
    // Bitstring Status List: multibase base64url (u…); StatusList2021: plain base64url.
    if (list.id.empty()) {
      error = "a Bitstring status list credential without an `id`: no credential can point at it";
      return false;
    }
    auto compressed = encoded.rfind("uH4sI", 0) == 0 ? multibase_decode(encoded) : base64url_decode(encoded);
    if (!compressed) {
      error = "its encodedList is not base64url (nor multibase base64url)";
      return false;
    }
    auto bits = gunzip(*compressed, error);
    if (!bits) return false;
    list.bits = std::move(*bits);
    std::string ignored;
    auto verdict = verify_credential(bytes, VerifyContext{context.trust, nullptr, context.as_of}, ignored);
    list.authentic = verdict && verdict->verified();
    if (!list.authentic)
      list.not_authentic = verdict ? fmt::format("the status list is {} ({})", status_name(verdict->status), verdict->reason)
                                   : "the status list cannot be verified";
  } else if (doc->contains("revokedCredentials") && (*doc)["revokedCredentials"].is_array()) {
    list.id = field(*doc, "id");
    list.purpose = "revocation";
    // Every entry is an object with an id: an entry cadre cannot read could be the very
    // credential asked about, so the list is refused rather than read as "not revoked".
    for (const auto& c : (*doc)["revokedCredentials"]) {
      if (!c.is_object() || field(c, "id").empty()) {
        error = fmt::format("a 1EdTech revocation list entry that is not an object with an `id`: {}", c.dump());
        return false;
      }
      list.revoked_ids.insert(field(c, "id"));
    }
    // 1EdTech lists are unsigned by design: the file as given is what the user vouches for.
    list.authentic = true;
    if (list.id.empty()) {
      error = "a 1EdTech revocation list without id";
      return false;
    }
  } else {
    error = "neither a Bitstring Status List credential nor a 1EdTech revocation list";
    return false;
  }
  lists_.push_back(std::move(list));
  return true;
}

void StatusLists::check(Result& r, const nlohmann::json& credential) const {
  std::vector<std::string> not_checked;
  bool checked = false;
  for (const auto& entry : entries_of(credential)) {
    bool onedtech = has_type(entry, "1EdTechRevocationList");
    std::string url = onedtech ? field(entry, "id") : field(entry, "statusListCredential");
    std::string purpose = onedtech ? "revocation" : field(entry, "statusPurpose");
    if (purpose != "revocation") {
      // A suspension (or another purpose) is a status the credential declares: cadre reads only
      // revocation, so it says this one was not checked rather than that none was declared.
      not_checked.push_back(fmt::format("status purpose `{}` of list {} is not checked (only revocation is)",
                                        purpose.empty() ? "(none)" : purpose, url.empty() ? "(unnamed)" : url));
      continue;
    }
    const List* list = nullptr;
    for (const auto& l : lists_)
      if (l.id == url && l.bitstring != onedtech) list = &l;
    if (!list) {
      not_checked.push_back(fmt::format("status list {} not given", url.empty() ? "(unnamed)" : url));
      continue;
    }
    bool revoked = false;
    if (onedtech) {
      revoked = list->revoked_ids.count(field(credential, "id")) > 0;
    } else {
      std::string index_text = entry.contains("statusListIndex") && entry["statusListIndex"].is_number_unsigned()
                                   ? std::to_string(entry["statusListIndex"].get<std::uint64_t>())
                                   : field(entry, "statusListIndex");
      std::size_t index = 0;
      bool ok = !index_text.empty() && index_text.size() < 12 &&
                index_text.find_first_not_of("0123456789") == std::string::npos;
      if (ok) index = std::stoull(index_text);
      if (!ok || index / 8 >= list->bits.size()) {
        not_checked.push_back(fmt::format("index {} is outside status list {}", index_text, url));
        continue;
      }
      // Bit 0 is the most significant bit of the first byte (Bitstring Status List §3.2).
      revoked = (static_cast<unsigned char>(list->bits[index / 8]) >> (7 - index % 8)) & 1;
    }
    if (revoked) {
      r.revocation = Revocation::revoked;
      r.revocation_note = fmt::format("revoked according to status list {}", url);
      if (r.status != Status::invalid_signature) {
        r.status = Status::revoked;
        r.reason = r.revocation_note;
      }
      return;
    }
    if (!list->authentic) {
      not_checked.push_back(list->not_authentic);
      continue;
    }
    checked = true;
  }
  if (!not_checked.empty()) {
    r.revocation = Revocation::not_checked;
    r.revocation_note = "revocation not checked: " + not_checked.front();
  } else if (checked) {
    r.revocation = Revocation::not_revoked;
    r.revocation_note = "not revoked";
  }
}

}  // namespace cadre::verify
