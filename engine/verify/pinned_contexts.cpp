// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/pinned_contexts.hpp"

#include "engine/base/sha256.hpp"
#include "engine/verify/contexts_embedded.hpp"

#include <array>

namespace cadre::verify {

namespace {

// One place for the pins: the table in contexts/README.md says the same, and the test
// "pinned contexts" checks both against the files.
constexpr std::array kPinned{
    PinnedContext{"https://www.w3.org/2018/credentials/v1", "2018-credentials-v1.jsonld",
                  "3d0b277522ed24385c850b9882b9688687189b8f37a9bd9f1577e348b1019c44"},
    PinnedContext{"https://www.w3.org/ns/credentials/v2", "credentials-v2.jsonld",
                  "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"},
    PinnedContext{"https://www.w3.org/ns/credentials/examples/v2", "credentials-examples-v2.jsonld",
                  "57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c"},
    PinnedContext{"https://w3id.org/security/data-integrity/v1", "data-integrity-v1.jsonld",
                  "c6e5073f4bd4bf6d08f245736e6f32c29b012860b18583644b2d71e1de862669"},
    PinnedContext{"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json", "ob-v3p0-3.0.1.jsonld",
                  "cfc147db5fd5e3575b06bd471fe04784e92de69296f64a351b8dff0ec3372e9c"},
    PinnedContext{"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json", "ob-v3p0-3.0.2.jsonld",
                  "bba433989e1e700ca60838a3c22378e7d8381aeb0c9590f9ddf84d1714f10296"},
    PinnedContext{"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "ob-v3p0-3.0.3.jsonld",
                  "3d34f4d4ef1bce691106e63798beb5e7b862ba841423f5ee1e53ab7ddf3bca84"},
    // The unversioned URL serves the latest 3.0.x; read as 3.0.3, as 1EdTech's validator does.
    PinnedContext{"https://purl.imsglobal.org/spec/ob/v3p0/context.json", "ob-v3p0-3.0.3.jsonld",
                  "3d34f4d4ef1bce691106e63798beb5e7b862ba841423f5ee1e53ab7ddf3bca84"},
};

}  // namespace

std::span<const PinnedContext> pinned_contexts() { return kPinned; }

std::optional<std::string_view> pinned_context_document(std::string_view url) {
  for (const PinnedContext& pin : kPinned) {
    if (pin.url != url) continue;
    const std::optional<std::string_view> bytes = embedded_context_file(pin.file);
    if (!bytes || sha256_hex(*bytes) != pin.sha256) return std::nullopt;
    return bytes;
  }
  return std::nullopt;
}

}  // namespace cadre::verify
