#include <algorithm>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/script_support.h"

namespace kopru::qa {

namespace {
constexpr std::size_t kMaxPerCue = 32;
}  // namespace

// Letters of the track's own script only: Latin in a Cyrillic track is script-mismatch's or
// mixed-script's. A letter counts as in the alphabet when it or its other case is listed.
void check_alphabet(const Context& context, std::vector<Finding>& findings) {
  const UScriptCode track = script::script_of(context.language);
  const auto it = context.profile.alphabets.find(script::script_code(track));
  if (track == USCRIPT_INVALID_CODE || it == context.profile.alphabets.end() || it->second.empty())
    return;
  std::u32string alphabet = it->second;
  std::sort(alphabet.begin(), alphabet.end());
  const auto listed = [&](UChar32 c) {
    return std::binary_search(alphabet.begin(), alphabet.end(), static_cast<char32_t>(c));
  };
  const std::string tag = context.language.to_string();
  std::vector<UChar32> reported;
  for (std::size_t i = 0; i < context.cues.size(); ++i) {
    reported.clear();
    script::for_each_letter(context.cues[i].own_lines, [&](UChar32 c, UScriptCode letter) {
      if (!script::belongs(letter, track) || listed(c) || listed(u_tolower(c)) ||
          listed(u_toupper(c)) || std::find(reported.begin(), reported.end(), c) != reported.end())
        return true;
      if (reported.size() == kMaxPerCue)
        return false;  // a cue in another script altogether: its first characters say enough
      reported.push_back(c);
      findings.push_back(make_finding(context, "alphabet", i,
                                      script::quoted(c) + " is not in the " + tag + " alphabet"));
      return true;
    });
  }
}

}  // namespace kopru::qa
