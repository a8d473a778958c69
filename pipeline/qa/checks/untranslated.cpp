#include <algorithm>
#include <array>
#include <string_view>

#include "pipeline/qa/alignment.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/source_text.h"

namespace kopru::qa {
namespace {

// Cues that read the same in any language: a translator leaves them as they are.
bool same_by_nature(std::string_view comparable) {
  static constexpr std::array<std::string_view, 12> kWords = {
      "ok", "okay", "hmm", "mhm", "hm", "aha", "haha", "hahaha", "wow", "huh", "shh", "psst"};
  return std::find(kWords.begin(), kWords.end(), comparable) != kWords.end();
}

// Numbers, interjections, very short cues and names ("Peter Bishop.", "Dr. William Bell") may be
// the same in both tracks; only real sentences count as untranslated.
constexpr std::size_t kShortLetters = 3;

bool may_stay(const TextShape& shape, std::string_view comparable) {
  constexpr std::size_t kNameWords = 3;
  return shape.letters <= kShortLetters ||
         (shape.words <= kNameWords && shape.capitalised_words == shape.words) ||
         same_by_nature(comparable);
}

// The track's script: its language tag's, else the script of most of its letters.
int track_script(const Context& context) {
  if (const int tagged = script_of_code(context.language.script()); tagged >= 0)
    return tagged;
  std::array<std::size_t, 256> letters{};
  for (const CueText& cue : context.cues) {
    const TextShape shape = shape_of(cue);
    if (shape.script >= 0 && static_cast<std::size_t>(shape.script) < letters.size())
      letters[static_cast<std::size_t>(shape.script)] += shape.letters;
  }
  const auto most = std::max_element(letters.begin(), letters.end());
  return *most == 0 ? -1 : static_cast<int>(most - letters.begin());
}

}  // namespace

// A translated cue whose text equals its source cue's (case, spaces and punctuation aside), or
// the merged text of the source cues it covers; or a cue still written in the source's script
// while the track is in another (a uz-Latn track with Cyrillic copied from a uz-Cyrl source).
void check_untranslated(const Context& context, std::vector<Finding>& findings) {
  if (context.source == nullptr || context.cues.size() != context.doc.cues.size() ||
      context.source_cues.size() != context.source->cues.size())
    return;
  const Alignment& alignment = alignment_of(context);
  const int script = track_script(context);
  std::string target;
  std::string source;
  std::string merged;
  for (std::size_t t = 0; t < alignment.target_count(); ++t) {
    const std::size_t matched = alignment.matched_source(t);
    if (matched == kNoCue)
      continue;
    const TextShape shape = shape_of(context.cues[t]);
    if (shape.letters <= kShortLetters)
      continue;
    comparable_text(context.cues[t], target);
    merged.clear();
    std::size_t same = kNoCue;
    for (const AlignmentLink& link : alignment.links_of_target(t)) {
      comparable_text(context.source_cues[link.source], source);
      merged += source;
      if (same == kNoCue && source == target)
        same = link.source;
    }
    if ((same != kNoCue || merged == target) && !may_stay(shape, target)) {
      const std::size_t shown = same != kNoCue ? same : matched;
      findings.push_back(make_finding(context, "untranslated", t,
                                      "same text as source cue " + std::to_string(shown + 1)));
      continue;
    }
    // A name copied in the source's script is still untransliterated: no may_stay() here.
    if (script < 0 || shape.script < 0 || shape.script == script)
      continue;
    if (shape.script == shape_of(context.source_cues[matched]).script) {
      findings.push_back(make_finding(context, "untranslated", t,
                                      "still in " + std::string(script_name(shape.script)) +
                                          " like source cue " + std::to_string(matched + 1) +
                                          ", the track is " + std::string(script_name(script))));
    }
  }
}

}  // namespace kopru::qa
