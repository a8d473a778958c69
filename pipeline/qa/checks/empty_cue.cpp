#include <algorithm>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/text_support.h"

namespace kopru::qa {

namespace {

bool has_visible_character(std::string_view line) {
  bool visible = false;
  text::for_each_code_point(line, [&](UChar32 c, std::size_t begin, std::size_t end) {
    visible =
        c > 0x20 && !text::is_any_space(c) && count_chars(line.substr(begin, end - begin)) > 0;
    return !visible;
  });
  return visible;
}

// ASS drawing commands (after \p1) are raw runs outside braces: a shape on screen, not emptiness.
bool has_drawing(const Cue& cue) {
  return std::any_of(cue.runs.begin(), cue.runs.end(), [](const Run& run) {
    return run.kind == RunKind::raw && run.raw_format == "ass" && !run.text.empty() &&
           run.text.front() != '{';
  });
}

}  // namespace

// Spaces, line breaks, markup and invisible characters alone show nothing: such a cue blanks the
// screen for its duration. Comment cues are never shown.
void check_empty_cue(const Context& context, std::vector<Finding>& findings) {
  for (std::size_t i = 0; i < context.cues.size() && i < context.doc.cues.size(); ++i) {
    const Cue& cue = context.doc.cues[i];
    if (cue.comment)
      continue;
    const std::vector<std::string>& lines = context.cues[i].lines;
    if (std::any_of(lines.begin(), lines.end(), has_visible_character) || has_drawing(cue))
      continue;
    findings.push_back(make_finding(context, "empty-cue", i,
                                    context.cues[i].chars == 0 ? "no text" : "only spaces", ""));
  }
}

}  // namespace kopru::qa
