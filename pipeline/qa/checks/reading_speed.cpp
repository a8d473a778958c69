#include <cmath>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

// Characters per second, counted as cue_text.h states. The rate is compared as the message shows
// it, to one decimal, so "17 cps > 17" is never reported. Zero and negative durations are
// zero-duration's.
void check_reading_speed(const Context& context, std::vector<Finding>& findings) {
  const double limit = context.profile.max_cps;
  for (std::size_t i = 0; i < context.cues.size() && i < context.doc.cues.size(); ++i) {
    const Cue& cue = context.doc.cues[i];
    const Time duration = cue.end - cue.start;
    if (cue.comment || duration <= Time{} || context.cues[i].chars == 0)
      continue;
    const double cps = static_cast<double>(context.cues[i].chars) *
                       static_cast<double>(kTicksPerSecond) / static_cast<double>(duration.count());
    if (std::round(cps * 10) / 10 <= limit)
      continue;
    findings.push_back(
        make_finding(context, "reading-speed", i, decimal(cps) + " cps > " + decimal(limit)));
  }
}

}  // namespace kopru::qa
