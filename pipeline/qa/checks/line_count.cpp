#include "pipeline/qa/checks.h"

namespace kopru::qa {

// Empty lines at the end of a cue are not shown by players (and SubRip cannot even write them),
// so they are not counted; an empty line between two lines is shown as a blank line and is.
void check_line_count(const Context& context, std::vector<Finding>& findings) {
  const auto limit = static_cast<std::size_t>(std::max(context.profile.max_lines, 0));
  for (std::size_t i = 0; i < context.cues.size() && i < context.doc.cues.size(); ++i) {
    if (context.doc.cues[i].comment)
      continue;
    const CueText& text = context.cues[i];
    std::size_t lines = text.lines.size();
    while (lines > 0 && text.lines[lines - 1].empty())
      --lines;
    if (lines <= limit)
      continue;
    findings.push_back(make_finding(context, "line-count", i,
                                    std::to_string(lines) + " lines > " + std::to_string(limit)));
  }
}

}  // namespace kopru::qa
