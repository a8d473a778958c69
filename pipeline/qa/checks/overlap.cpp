#include <algorithm>
#include <numeric>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

namespace {

// Cue indices by start time. Usually the list is already in order and no copy is sorted; cues out
// of order are order's finding, but their overlaps are still real on screen.
std::vector<std::size_t> by_start(const std::vector<Cue>& cues) {
  std::vector<std::size_t> order(cues.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto earlier = [&](std::size_t a, std::size_t b) { return cues[a].start < cues[b].start; };
  if (!std::is_sorted(order.begin(), order.end(), earlier))
    std::stable_sort(order.begin(), order.end(), earlier);
  return order;
}

}  // namespace

// Each cue is compared with the cue that ends latest among those starting before it, so a long
// cue overlapping several short ones is reported for each. Zero-length cues cover no time; they
// are zero-duration's.
void check_overlap(const Context& context, std::vector<Finding>& findings) {
  const auto& cues = context.doc.cues;
  const std::vector<std::size_t> order = by_start(cues);
  std::size_t latest = cues.size();  // none yet
  for (const std::size_t i : order) {
    const Cue& cue = cues[i];
    if (cue.end <= cue.start)
      continue;
    if (latest != cues.size() && cue.start < cues[latest].end) {
      const Time overlap = std::min(cue.end, cues[latest].end) - cue.start;
      const std::string other = std::to_string(latest + 1);
      findings.push_back(make_finding(
          context, "overlap", i, "overlaps cue " + other + " by " + seconds(overlap) + " s",
          "end cue " + other + " earlier, or start this cue later, leaving the minimum gap"));
    }
    if (latest == cues.size() || cue.end > cues[latest].end)
      latest = i;
  }
}

}  // namespace kopru::qa
