// SPDX-License-Identifier: Apache-2.0
// Revocation, from status lists the user gives as files (--status-list): a W3C Bitstring
// Status List credential (or its predecessor StatusList2021) and 1EdTech's revocation list
// (Open Badges 3.0). Nothing is fetched: a credential whose `credentialStatus` names a list
// that was not given is "revocation not checked", never "not revoked".
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "engine/verify/result.hpp"
#include "engine/verify/verifier.hpp"

namespace cadre::verify {

class StatusLists {
 public:
  /// Reads one status list file; false with `error` when it is none. A Bitstring list is a
  /// credential itself: it is verified with `context`, and only a verified list can say
  /// "not revoked" (an unverified one can still say "revoked": failing closed).
  bool add(std::string_view bytes, const VerifyContext& context, std::string& error);
  std::size_t size() const { return lists_.size(); }

  /// Sets `r.revocation` (and `r.status` to revoked) from the lists `credential` names.
  void check(Result& r, const nlohmann::json& credential) const;

 private:
  struct List {
    std::string id;                    // the URL credentials name
    bool bitstring = false;
    std::string purpose;               // revocation, suspension, ...
    std::string bits;                  // bitstring lists, inflated
    std::set<std::string> revoked_ids; // 1EdTech lists
    bool authentic = false;
    std::string not_authentic;         // why not
  };
  std::vector<List> lists_;
};

}  // namespace cadre::verify
