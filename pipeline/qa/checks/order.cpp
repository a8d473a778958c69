#include "pipeline/qa/checks.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

// Only the cue that breaks the order is reported, not every cue after it. Never fixed: players
// and formats differ on whether list order or time order wins, so a human decides.
void check_order(const Context& context, std::vector<Finding>& findings) {
  const auto& cues = context.doc.cues;
  for (std::size_t i = 1; i < cues.size(); ++i) {
    if (cues[i].start >= cues[i - 1].start)
      continue;
    findings.push_back(make_finding(context, "order", i,
                                    "starts at " + clock(cues[i].start) + ", before cue " +
                                        std::to_string(i) + " (" + clock(cues[i - 1].start) + ")"));
  }
}

}  // namespace kopru::qa
