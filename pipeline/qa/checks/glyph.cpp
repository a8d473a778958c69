#include <unicode/utf8.h>

#include <algorithm>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

namespace {
constexpr std::size_t kMaxPerCue = 32;
}  // namespace

// Every visible character, spaces and punctuation included: a player's font only has the glyphs
// the delivery lists. Each character once per cue.
void check_glyph(const Context& context, std::vector<Finding>& findings) {
  if (context.profile.glyphs.empty())
    return;
  std::vector<UChar32> reported;
  for (std::size_t i = 0; i < context.cues.size(); ++i) {
    reported.clear();
    for (const std::string& line : context.cues[i].lines) {
      const auto* s = reinterpret_cast<const std::uint8_t*>(line.data());
      const auto length = static_cast<std::int32_t>(line.size());
      for (std::int32_t k = 0; k < length;) {
        UChar32 c = 0;
        U8_NEXT(s, k, length, c);
        if (c < 0 || context.profile.glyph_allowed(static_cast<char32_t>(c)) ||
            std::find(reported.begin(), reported.end(), c) != reported.end())
          continue;
        if (reported.size() == kMaxPerCue)
          break;  // a cue in another script altogether: its first characters say enough
        reported.push_back(c);
        findings.push_back(
            make_finding(context, "glyph", i,
                         code_point(static_cast<char32_t>(c)) + " is not in the glyph list"));
      }
    }
  }
}

}  // namespace kopru::qa
