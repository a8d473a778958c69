#include "pipeline/qa/checks.h"

namespace kopru::qa {

// One finding per long line, so a report names each line to re-break. Comment cues (ASS
// "Comment:") are never shown and not measured.
void check_line_length(const Context& context, std::vector<Finding>& findings) {
  const auto limit = static_cast<std::size_t>(std::max(context.profile.max_chars_per_line, 0));
  for (std::size_t i = 0; i < context.cues.size() && i < context.doc.cues.size(); ++i) {
    if (context.doc.cues[i].comment)
      continue;
    const CueText& text = context.cues[i];
    for (std::size_t line = 0; line < text.line_chars.size(); ++line) {
      const std::size_t chars = text.line_chars[line];
      if (chars <= limit)
        continue;
      findings.push_back(make_finding(context, "line-length", i,
                                      std::to_string(chars) + " characters > " +
                                          std::to_string(limit) + " (line " +
                                          std::to_string(line + 1) + ")"));
    }
  }
}

}  // namespace kopru::qa
