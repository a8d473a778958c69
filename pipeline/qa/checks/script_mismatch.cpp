#include <array>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/script_support.h"

namespace kopru::qa {

namespace {

// A cue of a few letters (a name, "OK") is not evidence of a wrong script.
constexpr std::size_t kMinLetters = 3;

struct ScriptTally {
  std::array<std::pair<UScriptCode, std::size_t>, 6> counts{};
  std::size_t scripts = 0;
  std::size_t letters = 0;

  void add(UScriptCode script) {
    ++letters;
    for (std::size_t k = 0; k < scripts; ++k) {
      if (counts[k].first == script) {
        ++counts[k].second;
        return;
      }
    }
    if (scripts < counts.size())
      counts[scripts++] = {script, 1};
  }
};

}  // namespace

// Letters only: digits, punctuation, ʻ and combining marks are in every script. A cue whose own
// language tag differs from the track's is measured against its own script.
void check_script_mismatch(const Context& context, std::vector<Finding>& findings) {
  if (context.language.empty() || context.language.language() == "und")
    return;  // a detected script has nothing to contradict
  const UScriptCode track = script::script_of(context.language);
  if (track == USCRIPT_INVALID_CODE)
    return;
  for (std::size_t i = 0; i < context.cues.size() && i < context.doc.cues.size(); ++i) {
    UScriptCode expected = track;
    std::string tag = context.language.to_string();
    if (const std::string& own = context.doc.cues[i].language; !own.empty()) {
      const auto parsed = LanguageTag::parse(own);
      const UScriptCode script = parsed ? script::script_of(*parsed) : USCRIPT_INVALID_CODE;
      if (script == USCRIPT_INVALID_CODE)
        continue;
      expected = script;
      tag = parsed->to_string();
    }
    ScriptTally tally;
    script::for_each_letter(context.cues[i].own_lines, [&](UChar32, UScriptCode letter) {
      tally.add(script::belongs(letter, expected) ? expected : letter);
      return true;
    });
    std::pair<UScriptCode, std::size_t> other{USCRIPT_COMMON, 0};
    for (std::size_t k = 0; k < tally.scripts; ++k) {
      if (tally.counts[k].first != expected && tally.counts[k].second > other.second)
        other = tally.counts[k];
    }
    if (other.second < kMinLetters || other.second * 2 <= tally.letters)
      continue;
    findings.push_back(make_finding(context, "script-mismatch", i,
                                    script::script_name(other.first) + " text in a " + tag +
                                        " track (" + std::to_string(other.second) + " of " +
                                        std::to_string(tally.letters) + " letters)"));
  }
}

}  // namespace kopru::qa
