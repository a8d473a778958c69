#include <algorithm>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/text_support.h"

namespace kopru::qa {

namespace {

bool is_dialogue_dash(UChar32 c, std::string_view accepted) {
  if (text::is_dash(c))
    return true;
  bool found = false;
  text::for_each_code_point(accepted, [&](UChar32 a, std::size_t, std::size_t) {
    found = a == c;
    return !found;
  });
  return found;
}

bool ends_sentence(std::string_view line) {
  UChar32 last = -1;
  text::for_each_code_point(line, [&](UChar32 c, std::size_t, std::size_t) {
    last = c;
    return true;
  });
  return last == '.' || last == '!' || last == '?' || last == 0x2026 || last == 0x061F;
}

// "AHMET: ..." (a hearing-impaired speaker label): two or more capitals and a colon.
bool starts_with_speaker_label(std::string_view line) {
  std::size_t capitals = 0;
  bool label = false;
  text::for_each_code_point(line, [&](UChar32 c, std::size_t, std::size_t) {
    if (c >= 0 && u_isupper(c)) {
      ++capitals;
      return true;
    }
    label = c == ':' && capitals >= 2;
    return false;
  });
  return label;
}

// A new speaker on the second line is a reason to break however short the lines are: a dialogue
// dash (both-dash and second-line-only styles alike) or, after a finished sentence, a label.
bool new_speaker(std::string_view first, std::string_view second, std::string_view dashes) {
  if (is_dialogue_dash(text::first_code_point(second), dashes))
    return true;
  return ends_sentence(first) && starts_with_speaker_label(second);
}

}  // namespace

void check_needless_break(const Context& context, std::vector<Finding>& findings) {
  const auto limit = static_cast<std::size_t>(std::max(context.profile.max_chars_per_line, 0));
  for (std::size_t i = 0; i < context.cues.size() && i < context.doc.cues.size(); ++i) {
    if (context.doc.cues[i].comment)
      continue;
    const std::vector<std::string>& lines = context.cues[i].lines;
    std::size_t count = lines.size();
    while (count > 0 && lines[count - 1].empty())
      --count;
    if (count != 2)
      continue;
    const std::string_view first = text::trim_spaces(lines[0]);
    const std::string_view second = text::trim_spaces(lines[1]);
    if (first.empty() || second.empty() ||
        new_speaker(first, second, context.profile.dialogue_dash_chars))
      continue;
    const std::size_t joined = count_chars(first) + 1 + count_chars(second);
    if (joined > limit)
      continue;
    findings.push_back(
        make_finding(context, "needless-break", i,
                     "2 lines fit on one (" + std::to_string(joined) + " characters)"));
  }
}

}  // namespace kopru::qa
