// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/rdfc.hpp"

#include "engine/base/sha256.hpp"
#include "engine/verify/nquads.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cadre::verify {

namespace {

struct TooComplex : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Spec §4.3 identifier issuer: issues prefix+counter, remembering the order of issuance.
class IdentifierIssuer {
 public:
  explicit IdentifierIssuer(std::string prefix) : prefix_(std::move(prefix)) {}
  const std::string& issue(const std::string& existing) {
    auto it = issued_.find(existing);
    if (it != issued_.end()) return it->second;
    order_.push_back(existing);
    return issued_.emplace(existing, prefix_ + std::to_string(counter_++)).first->second;
  }
  const std::string* find(const std::string& existing) const {
    auto it = issued_.find(existing);
    return it == issued_.end() ? nullptr : &it->second;
  }
  const std::vector<std::string>& order() const { return order_; }
  const std::map<std::string, std::string>& issued() const { return issued_; }

 private:
  std::string prefix_;
  std::size_t counter_ = 0;
  std::map<std::string, std::string> issued_;
  std::vector<std::string> order_;
};

class Canonicalizer {
 public:
  Canonicalizer(const RdfDataset& dataset, const RdfcOptions& options)
      : quads_(dataset), hash_(options.hash ? options.hash : &sha256_hex), max_work_(options.max_work) {}

  RdfcResult run() {
    RdfcResult result;
    // A dataset is a set of quads: duplicates in the input are one quad.
    std::set<std::string> seen;
    std::vector<RdfQuad> unique;
    for (const RdfQuad& q : quads_) {
      if (seen.insert(nquads_line(q)).second) unique.push_back(q);
    }
    quads_ = std::move(unique);
    // §4.4.3 step 2: blank node to quads.
    for (std::size_t i = 0; i < quads_.size(); ++i) {
      for (const RdfTerm* t : {&quads_[i].subject, &quads_[i].object, &quads_[i].graph}) {
        if (t->is_blank()) {
          auto& list = bnode_quads_[t->value];
          if (list.empty() || list.back() != i) list.push_back(i);
        }
      }
    }
    try {
      // Steps 3-4: first-degree hashes; unique hashes get canonical labels in hash order.
      std::map<std::string, std::vector<std::string>> hash_to_bnodes;
      std::vector<std::string> bnodes;
      for (const auto& [id, list] : bnode_quads_) bnodes.push_back(id);
      for (const std::string& id : bnodes) hash_to_bnodes[first_degree(id)].push_back(id);
      for (auto it = hash_to_bnodes.begin(); it != hash_to_bnodes.end();) {
        if (it->second.size() == 1) {
          canonical_.issue(it->second.front());
          it = hash_to_bnodes.erase(it);
        } else {
          ++it;
        }
      }
      // Step 5: shared hashes resolved through N-degree hashing.
      for (const auto& [hash, ids] : hash_to_bnodes) {
        std::vector<std::pair<std::string, IdentifierIssuer>> paths;
        for (const std::string& id : ids) {
          if (canonical_.find(id)) continue;
          IdentifierIssuer temporary("b");
          temporary.issue(id);
          paths.push_back(n_degree(id, temporary));
        }
        std::stable_sort(paths.begin(), paths.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [h, issuer] : paths) {
          for (const std::string& existing : issuer.order()) canonical_.issue(existing);
        }
      }
    } catch (const TooComplex& e) {
      result.too_complex = e.what();
      result.work = work_;
      return result;
    }
    // Step 6: relabel, serialize, sort.
    std::vector<std::string> lines;
    for (const RdfQuad& q : quads_) {
      RdfQuad c = q;
      for (RdfTerm* t : {&c.subject, &c.object, &c.graph}) {
        if (t->is_blank()) t->value = canonical_.issue(t->value);  // all issued by now
      }
      lines.push_back(nquads_line(c));
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const std::string& line : lines) out += line;
    result.nquads = std::move(out);
    result.issued = canonical_.issued();
    result.work = work_;
    return result;
  }

 private:
  // §4.6 Hash First Degree Quads: the node's quads, itself as _:a and other blank nodes as _:z.
  const std::string& first_degree(const std::string& id) {
    auto cached = first_degree_.find(id);
    if (cached != first_degree_.end()) return cached->second;
    std::vector<std::string> lines;
    for (std::size_t i : bnode_quads_[id]) {
      RdfQuad q = quads_[i];
      for (RdfTerm* t : {&q.subject, &q.object, &q.graph}) {
        if (t->is_blank()) t->value = t->value == id ? "a" : "z";
      }
      lines.push_back(nquads_line(q));
    }
    std::sort(lines.begin(), lines.end());
    std::string joined;
    for (const std::string& line : lines) joined += line;
    return first_degree_.emplace(id, hash_(joined)).first->second;
  }

  // §4.7 Hash Related Blank Node.
  std::string related_hash(const std::string& related, const RdfQuad& quad, const IdentifierIssuer& issuer,
                           char position) {
    spend();
    std::string input(1, position);
    if (position != 'g') input += "<" + quad.predicate.value + ">";
    if (const std::string* c = canonical_.find(related)) {
      input += "_:" + *c;
    } else if (const std::string* t = issuer.find(related)) {
      input += "_:" + *t;
    } else {
      input += first_degree(related);
    }
    return hash_(input);
  }

  void spend() {
    if (++work_ > max_work_) {
      throw TooComplex("too complex: RDF canonicalization needs more than " + std::to_string(max_work_) +
                       " steps (blank nodes too symmetrical to label within bounds)");
    }
  }

  // §4.8 Hash N-Degree Quads.
  std::pair<std::string, IdentifierIssuer> n_degree(const std::string& id, IdentifierIssuer issuer) {
    spend();
    std::map<std::string, std::vector<std::string>> related;  // hash -> blank nodes
    for (std::size_t i : bnode_quads_[id]) {
      const RdfQuad& q = quads_[i];
      const std::pair<const RdfTerm*, char> components[] = {{&q.subject, 's'}, {&q.object, 'o'}, {&q.graph, 'g'}};
      for (const auto& [t, position] : components) {
        if (t->is_blank() && t->value != id) {
          auto& list = related[related_hash(t->value, q, issuer, position)];
          list.push_back(t->value);
        }
      }
    }
    std::string data_to_hash;
    for (auto& [hash, nodes] : related) {
      data_to_hash += hash;
      std::string chosen_path;
      std::optional<IdentifierIssuer> chosen_issuer;
      std::sort(nodes.begin(), nodes.end());
      do {  // every permutation, in lexicographic order
        spend();
        IdentifierIssuer issuer_copy = issuer;
        std::string path;
        std::vector<std::string> recursion;
        bool skip = false;
        for (const std::string& node : nodes) {
          if (const std::string* c = canonical_.find(node)) {
            path += "_:" + *c;
          } else {
            if (!issuer_copy.find(node)) recursion.push_back(node);
            path += "_:" + issuer_copy.issue(node);
          }
          if (!chosen_path.empty() && path.size() >= chosen_path.size() && path > chosen_path) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        for (const std::string& node : recursion) {
          auto [result_hash, result_issuer] = n_degree(node, issuer_copy);
          path += "_:" + issuer_copy.issue(node);
          path += "<" + result_hash + ">";
          issuer_copy = std::move(result_issuer);
          if (!chosen_path.empty() && path.size() >= chosen_path.size() && path > chosen_path) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        if (chosen_path.empty() || path < chosen_path) {
          chosen_path = std::move(path);
          chosen_issuer = std::move(issuer_copy);
        }
      } while (std::next_permutation(nodes.begin(), nodes.end()));
      data_to_hash += chosen_path;
      if (chosen_issuer) issuer = std::move(*chosen_issuer);
    }
    return {hash_(data_to_hash), std::move(issuer)};
  }

  std::vector<RdfQuad> quads_;
  HashHex hash_;
  std::size_t max_work_;
  std::size_t work_ = 0;
  std::map<std::string, std::vector<std::size_t>> bnode_quads_;
  std::unordered_map<std::string, std::string> first_degree_;
  IdentifierIssuer canonical_{"c14n"};
};

}  // namespace

RdfcResult canonicalize_rdf(const RdfDataset& dataset, const RdfcOptions& options) {
  return Canonicalizer(dataset, options).run();
}

}  // namespace cadre::verify
