// Which cues of a translated track go with which cues of the track it was translated from, by time
// overlap alone (texts in two languages cannot be compared). Shared by the source-group checks
// (missing-cue, extra-cue, untranslated, number-mismatch, timing-drift, merged-cue, split-cue,
// style-mismatch), computed once per run through alignment_of().
//
// Rules, with overlap measured in ticks (a cue of zero or negative duration counts as one tick
// long at its start, so it can still be matched):
// - a pair is "substantial" when the overlap covers at least half of the shorter cue;
// - a target and a source cue are linked when their pair is substantial, or when each is the
//   other's best match (largest overlap; a drifted cue keeps its source);
// - comment cues (never displayed) match nothing;
// - a target cue with no link is extra, a source cue with no link is missing;
// - a target cue with >= 2 substantial links merged source cues, a source cue with >= 2
//   substantial links was split;
// - linked cues form groups (connected components): a merge, a split or a plain 1:1 pair. Numbers
//   and times are compared per group, so a split cue's numbers are not "missing" from each half.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "pipeline/model/document.h"
#include "pipeline/model/time.h"
#include "pipeline/qa/qa.h"

namespace kopru::qa {

inline constexpr std::size_t kNoCue = static_cast<std::size_t>(-1);

struct AlignmentLink {
  std::size_t target = 0;  // index in the translated track
  std::size_t source = 0;  // index in the source track
  Time overlap{};
  bool substantial = false;
};

class Alignment {
 public:
  Alignment() = default;
  Alignment(std::span<const Cue> targets, std::span<const Cue> sources);

  std::size_t target_count() const { return best_source_.size(); }
  std::size_t source_count() const { return best_target_.size(); }

  // The source cue overlapping target `t` most (kNoCue when it overlaps none), and the reverse.
  std::size_t best_source(std::size_t t) const { return best_source_[t]; }
  std::size_t best_target(std::size_t s) const { return best_target_[s]; }

  // The linked source cue overlapping target `t` most, kNoCue for an extra cue.
  std::size_t matched_source(std::size_t t) const;

  // Links of one cue, ordered by the other track's index.
  std::span<const AlignmentLink> links_of_target(std::size_t t) const;
  // Indices into links() of the links of source `s`, ordered by target index.
  std::span<const std::size_t> links_of_source(std::size_t s) const;
  std::span<const AlignmentLink> links() const { return links_; }
  std::size_t substantial_sources(std::size_t t) const;
  std::size_t substantial_targets(std::size_t s) const;

  bool extra(std::size_t t) const { return links_of_target(t).empty(); }
  bool missing(std::size_t s) const { return links_of_source(s).empty(); }

  // Groups of linked cues; every linked cue belongs to exactly one. Ordered by their first target.
  std::size_t group_count() const {
    return group_target_begin_.empty() ? 0 : group_target_begin_.size() - 1;
  }
  std::span<const std::size_t> group_targets(std::size_t g) const;  // ascending indices
  std::span<const std::size_t> group_sources(std::size_t g) const;  // ascending indices
  std::size_t group_of_target(std::size_t t) const { return target_group_[t]; }

 private:
  std::vector<AlignmentLink> links_;            // ordered by target, then source
  std::vector<std::size_t> target_link_begin_;  // CSR into links_, target_count() + 1
  std::vector<std::size_t> source_link_index_;  // indices into links_, ordered by source
  std::vector<std::size_t> source_link_begin_;  // CSR into source_link_index_
  std::vector<std::size_t> best_source_;
  std::vector<std::size_t> best_target_;
  std::vector<std::size_t> target_group_;
  std::vector<std::size_t> group_targets_;
  std::vector<std::size_t> group_target_begin_;
  std::vector<std::size_t> group_sources_;
  std::vector<std::size_t> group_source_begin_;
};

// The alignment of context.doc with *context.source (an empty one without a source). Computed on
// the first call and cached for later calls with the same cue times: the cache is one entry per
// thread (thread_local), and it is compared against every cue's start and end on each call (O(n),
// no allocation), so a document changed in place or another context at the same address never
// gets a stale alignment.
const Alignment& alignment_of(const Context& context);

}  // namespace kopru::qa
