#include <cmath>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

// Words are runs of letters and digits (cue_text.h). A profile without a word limit (max_wpm <= 0)
// turns the check off; zero and negative durations are zero-duration's.
void check_words_per_minute(const Context& context, std::vector<Finding>& findings) {
  const double limit = context.profile.max_wpm;
  if (!(limit > 0))
    return;
  for (std::size_t i = 0; i < context.cues.size() && i < context.doc.cues.size(); ++i) {
    const Cue& cue = context.doc.cues[i];
    const Time duration = cue.end - cue.start;
    if (cue.comment || duration <= Time{} || context.cues[i].words == 0)
      continue;
    const double wpm = static_cast<double>(context.cues[i].words) * 60.0 *
                       static_cast<double>(kTicksPerSecond) / static_cast<double>(duration.count());
    if (std::round(wpm * 10) / 10 <= limit)
      continue;
    findings.push_back(
        make_finding(context, "words-per-minute", i, decimal(wpm) + " wpm > " + decimal(limit)));
  }
}

}  // namespace kopru::qa
