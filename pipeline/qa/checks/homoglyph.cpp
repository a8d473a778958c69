#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/script_support.h"

namespace kopru::qa {

namespace {

std::string listed(const std::vector<UChar32>& letters) {
  std::string text;
  for (const UChar32 c : letters)
    text += (text.empty() ? "" : ", ") + script::quoted(c);
  return text;
}

}  // namespace

// A word is in the script most of its letters are in (a tie goes to the track's script); Latin
// "a" in "мaшина" is then a look-alike typed on the wrong keyboard or read by OCR.
void check_homoglyph(const Context& context, std::vector<Finding>& findings) {
  const UScriptCode track = script::script_of(context.language);
  script::MixedWord mixed;
  for (std::size_t i = 0; i < context.cues.size(); ++i) {
    for (const std::string& line : context.cues[i].own_lines) {
      script::for_each_word(line, [&](std::string_view word, std::size_t) {
        if (!script::analyse_word(word, track, mixed) || !mixed.all_twins)
          return;
        const std::string word_script = script::script_name(mixed.word_script);
        bool safe = true;
        for (const UChar32 twin : mixed.twins)
          safe = safe && script::twin_allowed(context.profile, mixed.word_script, twin);
        findings.push_back(
            make_finding(context, "homoglyph", i,
                         script::script_name(mixed.odd_script) + " " + listed(mixed.odd) +
                             " in the " + word_script + " word '" + std::string(word) + "'",
                         safe ? "replace with " + word_script + " " + listed(mixed.twins) : ""));
      });
    }
  }
}

}  // namespace kopru::qa
