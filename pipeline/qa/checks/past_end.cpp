#include "pipeline/qa/checks.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

// Runs only when the film's duration is known (--film). A cue ending exactly with the film passes;
// one starting after it is never seen at all, whatever its end says.
void check_past_end(const Context& context, std::vector<Finding>& findings) {
  if (!context.film_duration)
    return;
  const Time film = *context.film_duration;
  const std::string film_text = " (" + clock(film) + ")";
  const auto& cues = context.doc.cues;
  for (std::size_t i = 0; i < cues.size(); ++i) {
    const Cue& cue = cues[i];
    if (cue.start > film || (cue.start == film && cue.end > film)) {
      findings.push_back(
          make_finding(context, "past-end", i,
                       "starts at " + clock(cue.start) + ", after the film ends" + film_text));
    } else if (cue.end > film) {
      findings.push_back(make_finding(
          context, "past-end", i, "ends at " + clock(cue.end) + ", after the film" + film_text));
    }
  }
}

}  // namespace kopru::qa
