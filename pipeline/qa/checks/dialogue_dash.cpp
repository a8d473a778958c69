#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/text_support.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

namespace {

struct DashedLine {
  std::size_t number = 0;  // 1-based, among all lines of the cue
  UChar32 dash = -1;       // -1: the line does not start with a dash
  bool space_after = false;
};

bool accepted(UChar32 dash, std::string_view dashes) {
  bool found = false;
  text::for_each_code_point(dashes, [&](UChar32 c, std::size_t, std::size_t) {
    found = c == dash;
    return !found;
  });
  return found;
}

DashedLine read_line(std::string_view line, std::size_t number, std::string_view dashes) {
  DashedLine result;
  result.number = number;
  const std::string_view text = text::trim_leading_spaces(line);
  std::size_t length = 0;
  const UChar32 first = text::first_code_point(text, &length);
  if (!text::is_dash(first) && !accepted(first, dashes))
    return result;
  result.dash = first;
  result.space_after = text::is_any_space(text::first_code_point(text.substr(length)));
  return result;
}

std::string line_ref(const DashedLine& line) {
  return " (line " + std::to_string(line.number) + ")";
}

// Which lines carry a dash, for the two-line cues a dialogue is.
void dash_placement(const std::vector<DashedLine>& lines, DashStyle style,
                    std::vector<std::string>& problems) {
  if (lines.size() != 2)
    return;
  const bool first = lines[0].dash >= 0;
  const bool second = lines[1].dash >= 0;
  if (first && !second)
    problems.emplace_back("dash on the first line only");
  else if (!first && second && style != DashStyle::second_line_only)
    problems.push_back("no dash on the first line (" + std::string(to_string(style)) + ")");
  else if (first && second && style == DashStyle::second_line_only)
    problems.push_back("dash on the first line (" + std::string(to_string(style)) + ")");
}

// "(line 2)", "(lines 1, 2)"
std::string lines_ref(const std::vector<std::size_t>& numbers) {
  std::string out = numbers.size() == 1 ? " (line " : " (lines ";
  for (std::size_t k = 0; k < numbers.size(); ++k)
    out += (k == 0 ? "" : ", ") + std::to_string(numbers[k]);
  return out + ")";
}

void dash_spacing(const std::vector<DashedLine>& lines, DashStyle style,
                  std::vector<std::string>& problems) {
  if (style != DashStyle::both_no_space && style != DashStyle::both_with_space)
    return;
  const bool want_space = style == DashStyle::both_with_space;
  std::vector<std::size_t> wrong;
  for (const DashedLine& line : lines) {
    if (line.dash >= 0 && line.space_after != want_space)
      wrong.push_back(line.number);
  }
  if (!wrong.empty())
    problems.push_back((want_space ? "no space after the dash" : "space after the dash") +
                       lines_ref(wrong));
}

void dash_characters(const std::vector<DashedLine>& lines, std::string_view dashes,
                     std::vector<std::string>& problems) {
  UChar32 seen = -1;
  bool mixed = false;
  for (const DashedLine& line : lines) {
    if (line.dash < 0)
      continue;
    if (!accepted(line.dash, dashes))
      problems.push_back("dash " + code_point(static_cast<char32_t>(line.dash)) +
                         " is not one of '" + std::string(dashes) + "'" + line_ref(line));
    if (seen >= 0 && line.dash != seen && !mixed) {
      mixed = true;
      problems.push_back("mixed dashes " + code_point(static_cast<char32_t>(seen)) + " and " +
                         code_point(static_cast<char32_t>(line.dash)));
    }
    seen = line.dash;
  }
}

}  // namespace

// A two-speaker cue marks its speakers with dashes in the profile's style: on both lines without a
// space ("-Nereye?" / "-Eve.", the Turkic default), on both with one ("- Куда?"), or on the second
// only ("- Naar huis."). A dash on the first line alone marks no dialogue (one speaker's sentence
// run over two lines). Lines are read with their leading spaces and markup left out.
void check_dialogue_dash(const Context& context, std::vector<Finding>& findings) {
  const DashStyle style = context.profile.dialogue_dash;
  if (style == DashStyle::any)
    return;
  std::vector<DashedLine> lines;
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < context.cues.size() && i < context.doc.cues.size(); ++i) {
    if (context.doc.cues[i].comment)
      continue;
    lines.clear();
    bool any_dash = false;
    const std::vector<std::string>& text = context.cues[i].lines;
    for (std::size_t line = 0; line < text.size(); ++line) {
      if (text::trim_leading_spaces(text[line]).empty())
        continue;
      lines.push_back(read_line(text[line], line + 1, context.profile.dialogue_dash_chars));
      any_dash = any_dash || lines.back().dash >= 0;
    }
    if (!any_dash)
      continue;
    problems.clear();
    dash_placement(lines, style, problems);
    dash_spacing(lines, style, problems);
    dash_characters(lines, context.profile.dialogue_dash_chars, problems);
    if (problems.empty())
      continue;
    std::string message = problems.front();
    for (std::size_t p = 1; p < problems.size(); ++p)
      message += ", " + problems[p];
    findings.push_back(make_finding(context, "dialogue-dash", i, std::move(message)));
  }
}

}  // namespace kopru::qa
