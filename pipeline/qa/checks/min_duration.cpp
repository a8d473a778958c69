#include "pipeline/qa/checks.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

// Zero and negative durations are zero-duration's; a cue held as long as the minimum allows
// passes.
void check_min_duration(const Context& context, std::vector<Finding>& findings) {
  const Time minimum = context.profile.min_duration;
  for (std::size_t i = 0; i < context.doc.cues.size(); ++i) {
    const Cue& cue = context.doc.cues[i];
    const Time duration = cue.end - cue.start;
    if (duration <= Time{} || duration >= minimum)
      continue;
    findings.push_back(make_finding(
        context, "min-duration", i, seconds(duration) + " s < " + seconds(minimum) + " s",
        "lengthen to " + seconds(minimum) + " s where the next cue leaves room"));
  }
}

}  // namespace kopru::qa
