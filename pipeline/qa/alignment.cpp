#include "pipeline/qa/alignment.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace kopru::qa {
namespace {

// Overlapping source cues examined per target cue. Real tracks have a handful at most; the cap
// keeps a hostile track (thousands of cues on top of each other) linear.
constexpr std::size_t kMaxCandidates = 64;

struct Interval {
  Time start;
  Time end;      // > start
  bool comment;  // never displayed: matches nothing
};

Interval interval_of(const Cue& cue) {
  return {cue.start, std::max(cue.end, cue.start + Time(1)), cue.comment};
}

std::vector<Interval> intervals_of(std::span<const Cue> cues) {
  std::vector<Interval> out;
  out.reserve(cues.size());
  for (const Cue& cue : cues)
    out.push_back(interval_of(cue));
  return out;
}

std::vector<std::size_t> order_by_start(const std::vector<Interval>& cues) {
  std::vector<std::size_t> order(cues.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return cues[a].start < cues[b].start; });
  return order;
}

Time overlap_of(const Interval& a, const Interval& b) {
  return std::min(a.end, b.end) - std::max(a.start, b.start);
}

bool is_substantial(Time overlap, const Interval& a, const Interval& b) {
  const Time shorter = std::min(a.end - a.start, b.end - b.start);
  return overlap.count() >= shorter.count() - overlap.count();  // overlap >= shorter / 2
}

// Every overlapping pair, found by one sweep over both tracks in start order. Active source cues
// form a linked list in start order; a source that ended before the current target's start is
// unlinked for good, because later targets start no earlier.
std::vector<AlignmentLink> overlapping_pairs(const std::vector<Interval>& targets,
                                             const std::vector<Interval>& sources) {
  const std::vector<std::size_t> target_order = order_by_start(targets);
  const std::vector<std::size_t> source_order = order_by_start(sources);
  constexpr std::size_t kEnd = kNoCue;
  std::vector<std::size_t> next(source_order.size(), kEnd);
  std::size_t head = kEnd;
  std::size_t tail = kEnd;
  std::size_t added = 0;
  std::vector<AlignmentLink> pairs;
  pairs.reserve(targets.size() + sources.size());
  for (const std::size_t t : target_order) {
    const Interval& target = targets[t];
    if (target.comment)
      continue;
    while (added < source_order.size() && sources[source_order[added]].start < target.end) {
      if (tail == kEnd)
        head = added;
      else
        next[tail] = added;
      tail = added++;
    }
    std::size_t previous = kEnd;
    std::size_t found = 0;
    for (std::size_t at = head; at != kEnd && found < kMaxCandidates;) {
      const std::size_t s = source_order[at];
      const std::size_t after = next[at];
      if (sources[s].end <= target.start || sources[s].comment) {
        (previous == kEnd ? head : next[previous]) = after;
        if (tail == at)
          tail = previous;
      } else {
        if (sources[s].start >= target.end)
          break;  // starts ordered: no later source overlaps this target either
        const Time overlap = overlap_of(target, sources[s]);
        pairs.push_back({t, s, overlap, is_substantial(overlap, target, sources[s])});
        ++found;
        previous = at;
      }
      at = after;
    }
  }
  return pairs;
}

// Best match per cue: the largest overlap, the earlier cue on a tie.
void choose_best(const std::vector<AlignmentLink>& pairs, std::vector<std::size_t>& best_source,
                 std::vector<std::size_t>& best_target) {
  std::vector<Time> best_source_overlap(best_source.size());
  std::vector<Time> best_target_overlap(best_target.size());
  const auto better = [](Time overlap, std::size_t index, Time best, std::size_t best_index) {
    return best_index == kNoCue || overlap > best || (overlap == best && index < best_index);
  };
  for (const AlignmentLink& pair : pairs) {
    if (better(pair.overlap, pair.source, best_source_overlap[pair.target],
               best_source[pair.target])) {
      best_source[pair.target] = pair.source;
      best_source_overlap[pair.target] = pair.overlap;
    }
    if (better(pair.overlap, pair.target, best_target_overlap[pair.source],
               best_target[pair.source])) {
      best_target[pair.source] = pair.target;
      best_target_overlap[pair.source] = pair.overlap;
    }
  }
}

class UnionFind {
 public:
  explicit UnionFind(std::size_t size) : parent_(size) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving: iterative, near-constant depth
      x = parent_[x];
    }
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b)
      parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

// Compressed rows: `begin[k]..begin[k+1]` are the members of row k, in ascending order.
void fill_rows(const std::vector<std::size_t>& row_of, std::size_t rows,
               std::vector<std::size_t>& members, std::vector<std::size_t>& begin) {
  begin.assign(rows + 1, 0);
  for (const std::size_t row : row_of) {
    if (row != kNoCue)
      ++begin[row + 1];
  }
  std::partial_sum(begin.begin(), begin.end(), begin.begin());
  members.assign(begin.back(), 0);
  std::vector<std::size_t> fill(begin.begin(), begin.end() - 1);
  for (std::size_t i = 0; i < row_of.size(); ++i) {
    if (row_of[i] != kNoCue)
      members[fill[row_of[i]]++] = i;
  }
}

}  // namespace

Alignment::Alignment(std::span<const Cue> targets, std::span<const Cue> sources)
    : best_source_(targets.size(), kNoCue), best_target_(sources.size(), kNoCue) {
  const std::vector<Interval> target_times = intervals_of(targets);
  const std::vector<Interval> source_times = intervals_of(sources);
  std::vector<AlignmentLink> pairs = overlapping_pairs(target_times, source_times);
  choose_best(pairs, best_source_, best_target_);

  std::erase_if(pairs, [&](const AlignmentLink& pair) {
    return !pair.substantial &&
           !(best_source_[pair.target] == pair.source && best_target_[pair.source] == pair.target);
  });
  const auto by_target = [](const AlignmentLink& a, const AlignmentLink& b) {
    return std::pair(a.target, a.source) < std::pair(b.target, b.source);
  };
  if (!std::is_sorted(pairs.begin(), pairs.end(), by_target))  // sorted when both tracks are
    std::sort(pairs.begin(), pairs.end(), by_target);
  links_ = std::move(pairs);

  std::vector<std::size_t> link_target(links_.size());
  std::vector<std::size_t> link_source(links_.size());
  for (std::size_t i = 0; i < links_.size(); ++i) {
    link_target[i] = links_[i].target;
    link_source[i] = links_[i].source;
  }
  std::vector<std::size_t> unused;
  fill_rows(link_target, targets.size(), unused, target_link_begin_);
  fill_rows(link_source, sources.size(), source_link_index_, source_link_begin_);

  UnionFind groups(targets.size() + sources.size());
  for (const AlignmentLink& link : links_)
    groups.unite(link.target, targets.size() + link.source);
  std::vector<std::size_t> group_of_root(targets.size() + sources.size(), kNoCue);
  target_group_.assign(targets.size(), kNoCue);
  std::size_t group_total = 0;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    if (extra(t))
      continue;
    std::size_t& group = group_of_root[groups.find(t)];
    if (group == kNoCue)
      group = group_total++;
    target_group_[t] = group;
  }
  std::vector<std::size_t> source_group(sources.size(), kNoCue);
  for (std::size_t s = 0; s < sources.size(); ++s) {
    if (!missing(s))
      source_group[s] = group_of_root[groups.find(targets.size() + s)];
  }
  fill_rows(target_group_, group_total, group_targets_, group_target_begin_);
  fill_rows(source_group, group_total, group_sources_, group_source_begin_);
}

std::span<const AlignmentLink> Alignment::links_of_target(std::size_t t) const {
  return std::span(links_).subspan(target_link_begin_[t],
                                   target_link_begin_[t + 1] - target_link_begin_[t]);
}

std::span<const std::size_t> Alignment::links_of_source(std::size_t s) const {
  return std::span(source_link_index_)
      .subspan(source_link_begin_[s], source_link_begin_[s + 1] - source_link_begin_[s]);
}

std::size_t Alignment::matched_source(std::size_t t) const {
  std::size_t best = kNoCue;
  Time best_overlap{};
  for (const AlignmentLink& link : links_of_target(t)) {
    if (best == kNoCue || link.overlap > best_overlap) {
      best = link.source;
      best_overlap = link.overlap;
    }
  }
  return best;
}

std::size_t Alignment::substantial_sources(std::size_t t) const {
  const auto links = links_of_target(t);
  return static_cast<std::size_t>(std::count_if(
      links.begin(), links.end(), [](const AlignmentLink& l) { return l.substantial; }));
}

std::size_t Alignment::substantial_targets(std::size_t s) const {
  const auto indices = links_of_source(s);
  return static_cast<std::size_t>(std::count_if(
      indices.begin(), indices.end(), [&](std::size_t i) { return links_[i].substantial; }));
}

std::span<const std::size_t> Alignment::group_targets(std::size_t g) const {
  return std::span(group_targets_)
      .subspan(group_target_begin_[g], group_target_begin_[g + 1] - group_target_begin_[g]);
}

std::span<const std::size_t> Alignment::group_sources(std::size_t g) const {
  return std::span(group_sources_)
      .subspan(group_source_begin_[g], group_source_begin_[g + 1] - group_source_begin_[g]);
}

namespace {

struct CachedAlignment {
  bool valid = false;
  std::vector<Interval> targets;
  std::vector<Interval> sources;
  Alignment alignment;
};

bool same_times(const std::vector<Interval>& cached, std::span<const Cue> cues) {
  if (cached.size() != cues.size())
    return false;
  for (std::size_t i = 0; i < cues.size(); ++i) {
    const Interval now = interval_of(cues[i]);
    if (now.start != cached[i].start || now.end != cached[i].end ||
        now.comment != cached[i].comment)
      return false;
  }
  return true;
}

}  // namespace

const Alignment& alignment_of(const Context& context) {
  thread_local CachedAlignment cache;
  const std::span<const Cue> targets(context.doc.cues);
  const std::span<const Cue> sources = context.source != nullptr
                                           ? std::span<const Cue>(context.source->cues)
                                           : std::span<const Cue>();
  if (cache.valid && same_times(cache.targets, targets) && same_times(cache.sources, sources))
    return cache.alignment;
  cache.valid = false;
  cache.alignment = Alignment(targets, sources);
  cache.targets = intervals_of(targets);
  cache.sources = intervals_of(sources);
  cache.valid = true;
  return cache.alignment;
}

}  // namespace kopru::qa
