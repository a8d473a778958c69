#include "pipeline/qa/alignment.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/source_text.h"

namespace kopru::qa {

// A source cue substantially overlapped by two or more translated cues (see alignment.h): the
// translator split it. Reported on the first of those cues.
void check_split_cue(const Context& context, std::vector<Finding>& findings) {
  if (context.source == nullptr)
    return;
  const Alignment& alignment = alignment_of(context);
  const auto links = alignment.links();
  std::vector<std::size_t> parts;
  for (std::size_t s = 0; s < alignment.source_count(); ++s) {
    if (alignment.substantial_targets(s) < 2)
      continue;
    parts.clear();
    for (const std::size_t i : alignment.links_of_source(s)) {
      if (links[i].substantial)
        parts.push_back(links[i].target);
    }
    findings.push_back(make_finding(
        context, "split-cue", parts.front(),
        "source cue " + std::to_string(s + 1) + " is split over cues " + cue_numbers(parts)));
  }
}

}  // namespace kopru::qa
