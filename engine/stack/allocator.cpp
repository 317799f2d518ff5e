// SPDX-License-Identifier: Apache-2.0
#include "engine/stack/allocator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <functional>
#include <queue>

#include <fmt/format.h>

#include "engine/base/locale_format.hpp"

namespace cadre::stack {

namespace {

/// Edmonds–Karp maximum flow on a small graph; adjacency in insertion order, so results are
/// deterministic. O(V·E²), a few thousand edges at most for a pathway.
class Flow {
 public:
  int node() {
    adjacency_.emplace_back();
    return static_cast<int>(adjacency_.size()) - 1;
  }
  // Returns the index of the forward edge in `from`'s list.
  std::size_t edge(int from, int to, int capacity) {
    auto& a = adjacency_[static_cast<std::size_t>(from)];
    auto& b = adjacency_[static_cast<std::size_t>(to)];
    a.push_back({to, capacity, b.size()});
    b.push_back({from, 0, a.size() - 1});
    return a.size() - 1;
  }
  int run(int source, int sink) {
    int total = 0;
    while (true) {
      std::vector<std::pair<int, std::size_t>> parent(adjacency_.size(), {-1, 0});
      std::queue<int> queue;
      queue.push(source);
      parent[static_cast<std::size_t>(source)] = {source, 0};
      while (!queue.empty() && parent[static_cast<std::size_t>(sink)].first < 0) {
        int u = queue.front();
        queue.pop();
        const auto& edges = adjacency_[static_cast<std::size_t>(u)];
        for (std::size_t i = 0; i < edges.size(); ++i) {
          const Edge& e = edges[i];
          if (e.capacity > 0 && parent[static_cast<std::size_t>(e.to)].first < 0) {
            parent[static_cast<std::size_t>(e.to)] = {u, i};
            queue.push(e.to);
          }
        }
      }
      if (parent[static_cast<std::size_t>(sink)].first < 0) return total;
      int push = std::numeric_limits<int>::max();
      for (int v = sink; v != source;) {
        auto [u, i] = parent[static_cast<std::size_t>(v)];
        push = std::min(push, adjacency_[static_cast<std::size_t>(u)][i].capacity);
        v = u;
      }
      for (int v = sink; v != source;) {
        auto [u, i] = parent[static_cast<std::size_t>(v)];
        Edge& e = adjacency_[static_cast<std::size_t>(u)][i];
        e.capacity -= push;
        adjacency_[static_cast<std::size_t>(v)][e.reverse].capacity += push;
        v = u;
      }
      total += push;
    }
  }
  /// No more flow through a forward edge that carries none.
  void block(int from, std::size_t index) { adjacency_[static_cast<std::size_t>(from)][index].capacity = 0; }
  /// Flow on a forward edge = the capacity its reverse edge gained.
  int flow(int from, std::size_t index) const {
    const Edge& e = adjacency_[static_cast<std::size_t>(from)][index];
    return adjacency_[static_cast<std::size_t>(e.to)][e.reverse].capacity;
  }

 private:
  struct Edge {
    int to;
    int capacity;
    std::size_t reverse;
  };
  std::vector<std::vector<Edge>> adjacency_;
};

struct Leaf {
  const Requirement* node;
  int demand;
  std::vector<std::string> courses;  // allowed courses, each counting once
  int vertex = -1;
  std::map<std::string, int> course_vertex;  // per course: the node that lets it count once here
  struct Link {
    std::size_t credential;
    int from;
    std::size_t edge;
  };
  std::vector<Link> links;
};

void collect(const Requirement& r, std::vector<Leaf>& leaves, std::vector<const Requirement*>& caps) {
  if (!r.granted.empty()) return;  // an exception met it: it takes no credential
  switch (r.kind) {
    case Requirement::Kind::Course: leaves.push_back({&r, 1, {r.course}, -1, {}, {}}); break;
    case Requirement::Kind::NOf: leaves.push_back({&r, r.count, r.from, -1, {}, {}}); break;
    case Requirement::Kind::AtMost: caps.push_back(&r); break;
    case Requirement::Kind::AllOf:
      for (const auto& c : r.children) collect(c, leaves, caps);
      break;
    default: break;
  }
}

/// The largest `min_hours` (or `min_ects`) of the tree that no exception granted.
double amount_needed(const Requirement& r, Requirement::Kind kind, bool granted_above) {
  bool granted = granted_above || !r.granted.empty();
  double need = r.kind == kind && !granted ? r.amount : 0;
  for (const auto& c : r.children) need = std::max(need, amount_needed(c, kind, granted));
  return need;
}

/// What counts for the pathway's totals: one credential per course, within the caps —
/// those assigned to requirements first (they must count), then the others by hours, then
/// ECTS (most first), so that a cap keeps the credentials worth most.
struct Totals {
  std::set<std::string> courses;
  std::vector<int> room;          // per cap, what is left
  std::map<std::size_t, int> in_cap;
  double hours = 0, ects = 0;
};

Totals count_totals(const std::vector<Credential>& credentials, const std::vector<bool>& used,
                    const std::vector<const Requirement*>& caps, const std::map<std::string, std::size_t>& cap_of) {
  Totals t;
  for (const auto* cap : caps) t.room.push_back(std::max(0, cap->count));  // (resize: a GCC 12 -O3 false positive)
  std::vector<std::size_t> order(credentials.size());
  for (std::size_t c = 0; c < order.size(); ++c) order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (used[a] != used[b]) return static_cast<bool>(used[a]);
    if (credentials[a].hours != credentials[b].hours) return credentials[a].hours > credentials[b].hours;
    return credentials[a].ects > credentials[b].ects;
  });
  for (std::size_t c : order) {
    const auto& cred = credentials[c];
    if (t.courses.count(cred.course)) continue;
    if (auto cap = cap_of.find(cred.course); cap != cap_of.end()) {
      if (t.room[cap->second] == 0) continue;
      --t.room[cap->second];
      ++t.in_cap[cap->second];
    }
    t.courses.insert(cred.course);
    t.hours += cred.hours;
    t.ects += cred.ects;
  }
  return t;
}

/// Hours (or ECTS) still lacking once the completion's courses are added: the fewest further
/// bricks (not held, within their `at_most` caps) that make up the difference, then among
/// those the smallest amount. Combinations are tried by increasing size; a pathway has tens of
/// bricks, so this stays small, and beyond a million combinations of one size the search
/// takes the largest bricks first and says that the completion may not be the smallest.
void complete_amount(Requirement::Kind kind, const Requirement& root, const std::vector<Credential>& credentials,
                     const std::map<std::string, std::size_t>& cap_of, const Totals& totals,
                     const std::map<std::string, double>& amount_of, std::vector<std::string>& completion,
                     std::vector<AllocationWarning>& warnings) {
  const char* unit = kind == Requirement::Kind::MinHours ? "hours" : "ECTS";
  double need = amount_needed(root, kind, false);
  if (need <= 0) return;
  // From what counts now (the totals the report shows), then the completion's courses.
  std::set<std::string> courses = totals.courses;
  std::vector<int> room = totals.room;
  double have = kind == Requirement::Kind::MinHours ? totals.hours : totals.ects;
  auto take = [&](const std::string& course, double amount) {
    if (courses.count(course)) return;
    if (auto cap = cap_of.find(course); cap != cap_of.end()) {
      if (room[cap->second] == 0) return;
      --room[cap->second];
    }
    courses.insert(course);
    have += amount;
  };
  for (const auto& course : completion) take(course, amount_of.count(course) ? amount_of.at(course) : 0);
  if (have >= need) return;
  std::set<std::string> bricks;
  std::function<void(const Requirement&)> gather = [&](const Requirement& r) {
    if (r.kind == Requirement::Kind::Course) bricks.insert(r.course);
    for (const auto& c : r.from) bricks.insert(c);
    for (const auto& c : r.children) gather(c);
  };
  gather(root);
  struct Candidate {
    std::string course;
    double hours;
    int cap;  // index into room, or -1
  };
  std::vector<Candidate> candidates;  // in course id order
  std::set<std::string> held;
  for (const auto& c : credentials) held.insert(c.course);
  std::size_t unknown = 0;  // bricks neither held nor in the catalogue: their amount is unknown
  for (const auto& course : bricks) {
    if (!held.count(course) && !amount_of.count(course)) ++unknown;
    if (courses.count(course) || !amount_of.count(course) || amount_of.at(course) <= 0) continue;
    auto cap = cap_of.find(course);
    int g = cap == cap_of.end() ? -1 : static_cast<int>(cap->second);
    if (g >= 0 && room[static_cast<std::size_t>(g)] == 0) continue;
    candidates.push_back({course, amount_of.at(course), g});
  }
  double deficit = need - have;
  std::size_t n = candidates.size();
  for (std::size_t k = 1; k <= n; ++k) {
    double combinations = 1;
    for (std::size_t i = 0; i < k; ++i) combinations = combinations * static_cast<double>(n - i) / static_cast<double>(i + 1);
    if (combinations > 1e6) break;
    std::vector<std::size_t> pick(k);
    for (std::size_t i = 0; i < k; ++i) pick[i] = i;
    std::vector<std::size_t> best;
    double best_hours = 0;
    while (true) {
      double sum = 0;
      std::vector<int> used(room.size(), 0);
      bool fits = true;
      for (std::size_t i : pick) {
        sum += candidates[i].hours;
        if (int g = candidates[i].cap; g >= 0 && ++used[static_cast<std::size_t>(g)] > room[static_cast<std::size_t>(g)]) fits = false;
      }
      if (fits && sum + 1e-9 >= deficit && (best.empty() || sum < best_hours - 1e-9)) {
        best = pick;
        best_hours = sum;
      }
      // Next combination in lexicographic order.
      std::size_t i = k;
      while (i > 0 && pick[i - 1] == n - k + i - 1) --i;
      if (i == 0) break;
      ++pick[i - 1];
      for (std::size_t j = i; j < k; ++j) pick[j] = pick[j - 1] + 1;
    }
    if (!best.empty()) {
      for (std::size_t i : best) completion.push_back(candidates[i].course);
      return;
    }
  }
  // Too many bricks to try every combination, or none suffices: the largest first.
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.hours > b.hours; });
  std::vector<std::string> added;
  for (const auto& c : candidates) {
    if (have >= need) break;
    if (c.cap >= 0 && room[static_cast<std::size_t>(c.cap)] == 0) continue;
    if (c.cap >= 0) --room[static_cast<std::size_t>(c.cap)];
    added.push_back(c.course);
    have += c.hours;
  }
  std::sort(added.begin(), added.end());
  completion.insert(completion.end(), added.begin(), added.end());
  AllocationWarning w;
  w.kind = have >= need ? AllocationWarning::Kind::NotSmallest : AllocationWarning::Kind::Unreachable;
  w.unit = unit;
  w.short_by = have >= need ? 0 : need - have;
  w.unknown = unknown;
  warnings.push_back(std::move(w));
}

}  // namespace

std::string AllocationWarning::describe(const std::string& lang) const {
  bool fr = lang == "fr";
  std::string u = unit == "hours" ? (fr ? "heures" : "hours") : "ECTS";
  switch (kind) {
    case Kind::TwoCaps:
      return fr ? fmt::format("la formation {} relève de deux plafonds `at_most` : seul le premier est appliqué", course)
                : fmt::format("course {} is under two `at_most` caps; only the first applies", course);
    case Kind::NotSmallest:
      if (unit == "courses")
        return fr ? "une formation partageable est proposée : le complément suffit, sans preuve qu'il soit le plus petit "
                    "(choisir les formations qui comptent deux fois est un problème de couverture)"
                  : "a shareable course is offered: the completion suffices, not proven the smallest (choosing the "
                    "courses that count twice is a set-cover problem)";
      return fr ? fmt::format("les formations ajoutées pour les {} suffisent, sans preuve qu'elles soient les moins nombreuses", u)
                : fmt::format("the courses added for the {} are a sufficient completion, not proven the smallest", u);
    case Kind::Unreachable: {
      // « les heures exigées », « les crédits ECTS exigés »: the noun sets the agreement.
      std::string required = unit == "hours" ? (fr ? "les heures exigées" : "the hours required")
                                             : (fr ? "les crédits ECTS exigés" : "the ECTS credits required");
      std::string lacking = fr ? fmt::format("il en manque {}", locale::number(short_by, lang))
                               : fmt::format("{} {} short", locale::number(short_by, lang), u);
      if (unknown > 0)
        return fr ? fmt::format("les briques du catalogue n'atteignent pas {} ({}) ; {} du parcours {} du catalogue",
                                required, lacking, locale::count(static_cast<double>(unknown), lang, "brique", "briques"),
                                unknown == 1 ? "est absente" : "sont absentes")
                  : fmt::format("the bricks in the catalogue do not reach {} ({}); {} of the pathway {} not in the catalogue",
                                required, lacking, locale::count(static_cast<double>(unknown), lang, "brick", "bricks"),
                                unknown == 1 ? "is" : "are");
      return fr ? fmt::format("même toutes les briques du parcours n'atteignent pas {} ({})", required, lacking)
                : fmt::format("even every brick of the pathway does not reach {} ({})", required, lacking);
    }
  }
  return {};
}

Allocation allocate(const Requirement& root, std::vector<Credential> credentials,
                    const std::set<std::string>& shareable, const std::map<std::string, double>& hours_of,
                    const std::map<std::string, double>& ects_of) {
  // Credentials worth more hours first (then ECTS, then id): where several could fill a slot,
  // the flow, which follows insertion order, tends to keep those that weigh most in the totals.
  std::sort(credentials.begin(), credentials.end(), [](const Credential& a, const Credential& b) {
    if (a.hours != b.hours) return a.hours > b.hours;
    if (a.ects != b.ects) return a.ects > b.ects;
    return a.id < b.id;
  });
  std::vector<Leaf> leaves;
  std::vector<const Requirement*> caps;
  collect(root, leaves, caps);
  Allocation out;

  // Which cap governs each course: the first `at_most` naming it.
  std::map<std::string, std::size_t> cap_of;
  for (std::size_t g = 0; g < caps.size(); ++g)
    for (const auto& course : caps[g]->from) {
      auto [it, inserted] = cap_of.emplace(course, g);
      if (!inserted && it->second != g)
        out.warnings.push_back({AllocationWarning::Kind::TwoCaps, course, {}, 0, 0});
    }

  Flow flow;
  int source = flow.node(), sink = flow.node();
  std::vector<int> cap_vertex(caps.size());
  for (std::size_t g = 0; g < caps.size(); ++g) {
    cap_vertex[g] = flow.node();
    flow.edge(source, cap_vertex[g], caps[g]->count);
  }
  std::vector<int> credential_vertex(credentials.size());
  int total_demand = 0;
  for (auto& leaf : leaves) total_demand += leaf.demand;
  for (std::size_t c = 0; c < credentials.size(); ++c) {
    credential_vertex[c] = flow.node();
    int supply = shareable.count(credentials[c].course) ? static_cast<int>(leaves.size()) : 1;
    auto cap = cap_of.find(credentials[c].course);
    flow.edge(cap == cap_of.end() ? source : cap_vertex[cap->second], credential_vertex[c], supply);
  }
  for (auto& leaf : leaves) {
    leaf.vertex = flow.node();
    flow.edge(leaf.vertex, sink, leaf.demand);
    for (const auto& course : leaf.courses) {
      int per_course = flow.node();  // a course counts once per requirement
      flow.edge(per_course, leaf.vertex, 1);
      leaf.course_vertex.emplace(course, per_course);
      for (std::size_t c = 0; c < credentials.size(); ++c)
        if (credentials[c].course == course)
          leaf.links.push_back({c, credential_vertex[c], flow.edge(credential_vertex[c], per_course, 1)});
    }
  }
  int matched = flow.run(source, sink);
  const int real_matched = matched;  // before the completion's hypothetical courses

  std::set<std::string> held;
  for (const auto& c : credentials) held.insert(c.course);
  std::vector<bool> used(credentials.size(), false);
  std::map<const Requirement*, NodeResult> by_node;
  for (const auto& leaf : leaves) {
    NodeResult r;
    r.node = leaf.node;
    r.expected = leaf.demand;
    for (const auto& link : leaf.links)
      if (flow.flow(link.from, link.edge) > 0) {
        r.credentials.push_back(credentials[link.credential].id);
        used[link.credential] = true;
      }
    r.actual = static_cast<double>(r.credentials.size());
    r.satisfied = r.actual >= r.expected;
    by_node[leaf.node] = r;
  }
  for (std::size_t c = 0; c < credentials.size(); ++c)
    if (!used[c]) out.unused.push_back(credentials[c].id);

  Totals totals = count_totals(credentials, used, caps, cap_of);

  // The smallest completion, on the same flow: offer the courses not held one at a time, the
  // one of fewest hours first, and keep those that raise the flow. Bipartite matchings form a
  // matroid, so this greedy order gives the fewest courses, then the fewest hours — exact
  // when no candidate is shareable; a shareable course (which may fill several requirements)
  // is offered first, and the result is then not proven the smallest (that is a set cover).
  // Each offer costs one augmenting search on the residual graph, not a new flow.
  if (matched < total_demand) {
    std::vector<std::string> candidates;
    for (const auto& leaf : leaves)
      for (const auto& course : leaf.courses)
        if (!held.count(course) && std::find(candidates.begin(), candidates.end(), course) == candidates.end())
          candidates.push_back(course);
    auto hours_or_max = [&](const std::string& course) {
      auto it = hours_of.find(course);
      return it == hours_of.end() ? std::numeric_limits<double>::max() : it->second;
    };
    std::stable_sort(candidates.begin(), candidates.end(), [&](const std::string& a, const std::string& b) {
      bool sa = shareable.count(a) > 0, sb = shareable.count(b) > 0;
      if (sa != sb) return sa;
      return hours_or_max(a) != hours_or_max(b) ? hours_or_max(a) < hours_or_max(b) : a < b;
    });
    struct Offer {
      std::string course;
      std::vector<std::pair<const Requirement*, std::pair<int, std::size_t>>> links;  // leaf, (vertex, edge)
    };
    std::vector<Offer> kept;
    bool shared = false;
    for (const auto& course : candidates) {
      if (matched == total_demand) break;
      int vertex = flow.node();
      int supply = shareable.count(course) ? static_cast<int>(leaves.size()) : 1;
      auto cap = cap_of.find(course);
      int from = cap == cap_of.end() ? source : cap_vertex[cap->second];
      std::size_t supply_edge = flow.edge(from, vertex, supply);
      Offer offer{course, {}};
      for (const auto& leaf : leaves)
        if (auto it = leaf.course_vertex.find(course); it != leaf.course_vertex.end())
          offer.links.push_back({leaf.node, {vertex, flow.edge(vertex, it->second, 1)}});
      int gained = flow.run(source, sink);
      if (gained == 0) {
        flow.block(from, supply_edge);  // useless now: later offers must not route through it
        continue;
      }
      matched += gained;
      shared = shared || shareable.count(course) > 0;
      out.completion.push_back(course);
      kept.push_back(std::move(offer));
    }
    // Where each added course would count, in the flow that found them, and who else fills
    // each node then (the held credentials may move to make room).
    std::map<const Requirement*, std::vector<std::string>> plan;
    for (const auto& leaf : leaves)
      for (const auto& link : leaf.links)
        if (flow.flow(link.from, link.edge) > 0) plan[leaf.node].push_back(credentials[link.credential].id);
    for (const auto& offer : kept)
      for (const auto& [node, link] : offer.links)
        if (flow.flow(link.first, link.second) > 0) {
          by_node[node].missing.push_back(offer.course);
          plan[node].push_back("+" + offer.course);
        }
    bool moved = false;
    for (const auto& leaf : leaves) {
      std::vector<std::string> held_here;
      for (const auto& id : plan[leaf.node])
        if (id[0] != '+') held_here.push_back(id);
      moved = moved || held_here != by_node[leaf.node].credentials;
    }
    if (moved)  // only then is the plan worth showing beside the assignment, where it differs
      for (const auto& leaf : leaves)
        if (plan[leaf.node] != by_node[leaf.node].credentials) by_node[leaf.node].with_completion = plan[leaf.node];
    if (shared && !out.completion.empty())
      out.warnings.push_back({AllocationWarning::Kind::NotSmallest, {}, "courses", 0, 0});
  }
  complete_amount(Requirement::Kind::MinHours, root, credentials, cap_of, totals, hours_of, out.completion, out.warnings);
  complete_amount(Requirement::Kind::MinEcts, root, credentials, cap_of, totals, ects_of, out.completion, out.warnings);
  double hours = totals.hours, ects = totals.ects;
  std::map<std::size_t, int>& in_cap = totals.in_cap;

  // Tree results, pre-order; a node is satisfied when all it asks is met.
  std::function<bool(const Requirement&, bool)> walk = [&](const Requirement& r, bool granted_above) -> bool {
    bool granted = granted_above || !r.granted.empty();
    std::size_t at = out.nodes.size();
    out.nodes.emplace_back();  // its place in pre-order, filled below
    NodeResult result;
    result.node = &r;
    switch (r.kind) {
      case Requirement::Kind::Course:
      case Requirement::Kind::NOf:
        if (auto it = by_node.find(&r); it != by_node.end()) result = it->second;
        else result.expected = r.kind == Requirement::Kind::Course ? 1 : r.count;  // granted: not allocated
        break;
      case Requirement::Kind::AllOf: {
        int met = 0;
        for (const auto& child : r.children) met += walk(child, granted) ? 1 : 0;
        result.expected = static_cast<double>(r.children.size());
        result.actual = met;
        result.satisfied = met == static_cast<int>(r.children.size());
        break;
      }
      case Requirement::Kind::AtMost: {
        std::size_t g = static_cast<std::size_t>(std::find(caps.begin(), caps.end(), &r) - caps.begin());
        result.expected = r.count;
        result.actual = in_cap[g];
        result.satisfied = true;  // a cap limits what counts; it is never "missing"
        break;
      }
      case Requirement::Kind::MinHours:
        result.expected = r.amount;
        result.actual = hours;
        result.satisfied = hours >= r.amount;
        break;
      case Requirement::Kind::MinEcts:
        result.expected = r.amount;
        result.actual = ects;
        result.satisfied = ects >= r.amount;
        break;
    }
    if (granted) {
      result.granted = true;
      result.satisfied = true;
    }
    out.nodes[at] = result;
    return result.satisfied;
  };
  bool tree = walk(root, false);
  out.satisfied = tree && real_matched == total_demand;
  out.matched = real_matched;
  return out;
}


}  // namespace cadre::stack
