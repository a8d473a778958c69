#include "pipeline/qa/checks.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

// No safe fix: the intended end time is unknown.
void check_zero_duration(const Context& context, std::vector<Finding>& findings) {
  const auto& cues = context.doc.cues;
  for (std::size_t i = 0; i < cues.size(); ++i) {
    const Cue& cue = cues[i];
    if (cue.end > cue.start)
      continue;
    std::string message = cue.end == cue.start
                              ? "zero duration (starts and ends at " + clock(cue.start) + ")"
                              : "ends at " + clock(cue.end) + ", " + seconds(cue.start - cue.end) +
                                    " s before it starts (" + clock(cue.start) + ")";
    findings.push_back(make_finding(context, "zero-duration", i, std::move(message)));
  }
}

}  // namespace kopru::qa
