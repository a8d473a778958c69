#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/text_support.h"

namespace kopru::qa {

namespace {

// The problems of one line, each named once per line however often it occurs, in reading order
// of kind: leading, doubled, before punctuation, trailing.
void line_problems(std::string_view line, std::size_t number, bool check_punctuation,
                   std::vector<std::string>& problems) {
  bool at_start = true;
  bool leading = false;
  bool doubled = false;
  std::string punctuation;    // the first punctuation mark with a space before it
  std::size_t spaces = 0;     // the current run of breaking spaces
  bool run_doubled = false;   // two breaking spaces in a row in the current run of spaces
  bool in_space_run = false;  // any space, no-break ones included
  UChar32 before_run = -1;    // what precedes the current run of spaces
  UChar32 last = -1;
  text::for_each_code_point(line, [&](UChar32 c, std::size_t begin, std::size_t end) {
    if (text::is_any_space(c)) {
      leading = leading || (begin == 0 && text::is_breaking_space(c));
      if (!in_space_run)
        before_run = last;
      in_space_run = true;
      spaces = text::is_breaking_space(c) ? spaces + 1 : 0;
      run_doubled = run_doubled || spaces == 2;
      last = c;
      return true;
    }
    // Spaces between two visible characters; a space after a dialogue dash ("- ...Домой")
    // belongs to the dash, not to the punctuation.
    if (in_space_run && !at_start) {
      doubled = doubled || run_doubled;
      if (check_punctuation && punctuation.empty() && text::is_closing_punctuation(c) &&
          !text::is_dash(before_run))
        punctuation = line.substr(begin, end - begin);
    }
    at_start = false;
    in_space_run = false;
    run_doubled = false;
    spaces = 0;
    last = c;
    return true;
  });
  const bool trailing = !at_start && text::is_breaking_space(last);
  if (!leading && !doubled && punctuation.empty() && !trailing)
    return;
  const std::string where = " (line " + std::to_string(number) + ")";
  if (at_start) {
    if (leading)
      problems.push_back("only spaces" + where);
    return;
  }
  if (leading)
    problems.push_back("leading space" + where);
  if (doubled)
    problems.push_back("double space" + where);
  if (!punctuation.empty())
    problems.push_back("space before '" + punctuation + "'" + where);
  if (trailing)
    problems.push_back("trailing space" + where);
}

}  // namespace

// One finding per cue listing each kind of space problem with its line: "trailing space (line 1),
// space before '?' (line 2)". No-break spaces are deliberate (ASS \h padding, French) and only
// count before punctuation, where no language but French wants any space.
void check_whitespace(const Context& context, std::vector<Finding>& findings) {
  const bool check_punctuation = !text::spaces_before_punctuation(context.language);
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < context.cues.size() && i < context.doc.cues.size(); ++i) {
    if (context.doc.cues[i].comment)
      continue;
    problems.clear();
    const std::vector<std::string>& lines = context.cues[i].lines;
    for (std::size_t line = 0; line < lines.size(); ++line)
      line_problems(lines[line], line + 1, check_punctuation, problems);
    if (problems.empty())
      continue;
    std::string message = problems.front();
    for (std::size_t p = 1; p < problems.size(); ++p)
      message += ", " + problems[p];
    findings.push_back(
        make_finding(context, "whitespace", i, std::move(message), "remove the extra spaces"));
  }
}

}  // namespace kopru::qa
