#include <algorithm>

#include "pipeline/qa/checks.h"

namespace kopru::qa {

namespace {

// clang-format off
constexpr CheckInfo kChecks[] = {
    {"min-duration", "KQ0101", "timing", Severity::warning, false,
     "a cue shorter than the profile's minimum duration", check_min_duration},
    {"max-duration", "KQ0102", "timing", Severity::warning, false,
     "a cue longer than the profile's maximum duration", check_max_duration},
    {"min-gap", "KQ0103", "timing", Severity::warning, false,
     "fewer frames between two cues than the profile's minimum gap", check_min_gap},
    {"overlap", "KQ0104", "timing", Severity::error, false,
     "a cue starts before the previous one ends", check_overlap},
    {"order", "KQ0105", "timing", Severity::error, false,
     "a cue starts before the cue listed before it", check_order},
    {"zero-duration", "KQ0106", "timing", Severity::error, false,
     "a cue whose end is not after its start", check_zero_duration},
    {"past-end", "KQ0107", "timing", Severity::error, false,
     "a cue that ends after the film does (--film)", check_past_end},
    {"frame-grid", "KQ0108", "timing", Severity::warning, false,
     "a time that is not on the frame grid of a frame-based delivery", check_frame_grid},
    {"line-length", "KQ0201", "reading", Severity::warning, false,
     "a line with more characters than the profile allows", check_line_length},
    {"line-count", "KQ0202", "reading", Severity::warning, false,
     "a cue with more lines than the profile allows", check_line_count},
    {"reading-speed", "KQ0203", "reading", Severity::warning, false,
     "more characters per second than the profile allows", check_reading_speed},
    {"words-per-minute", "KQ0204", "reading", Severity::warning, false,
     "more words per minute than the profile allows", check_words_per_minute},
    {"needless-break", "KQ0205", "reading", Severity::note, false,
     "a two-line cue that would fit on one line", check_needless_break},
    {"markup", "KQ0301", "text", Severity::error, false,
     "unbalanced, empty or invalid markup", check_markup},
    {"empty-cue", "KQ0302", "text", Severity::error, false,
     "a cue with no visible text", check_empty_cue},
    {"whitespace", "KQ0303", "text", Severity::warning, false,
     "leading, trailing or doubled spaces, or a space before punctuation", check_whitespace},
    {"ellipsis", "KQ0304", "text", Severity::note, false,
     "three dots where the profile wants the ellipsis character", check_ellipsis},
    {"dialogue-dash", "KQ0305", "text", Severity::warning, false,
     "a two-speaker cue whose dashes do not follow the language's style", check_dialogue_dash},
    {"script-mismatch", "KQ0401", "script", Severity::error, false,
     "text in another script than the track's language tag says", check_script_mismatch},
    {"mixed-script", "KQ0402", "script", Severity::error, false,
     "a word with letters from two scripts", check_mixed_script},
    {"homoglyph", "KQ0403", "script", Severity::error, false,
     "a look-alike letter of another script inside a word", check_homoglyph},
    {"apostrophe", "KQ0404", "script", Severity::warning, false,
     "an apostrophe where Uzbek Latin wants ʻ (oʻ, gʻ) or ʼ", check_apostrophe},
    {"dotted-i", "KQ0405", "script", Severity::error, false,
     "I/ı/İ/i cased by non-Turkic rules in a Turkic-cased track", check_dotted_i},
    {"alphabet", "KQ0406", "script", Severity::warning, false,
     "a letter outside the language's alphabet", check_alphabet},
    {"glyph", "KQ0407", "script", Severity::error, false,
     "a character outside the delivery's glyph list", check_glyph},
    {"mojibake", "KQ0408", "script", Severity::error, false,
     "text decoded with the wrong code page (Ã©, Ð°, Ý Þ ð in Turkish)", check_mojibake},
    {"missing-cue", "KQ0501", "source", Severity::error, true,
     "a source cue with no translated cue at its time", check_missing_cue},
    {"extra-cue", "KQ0502", "source", Severity::warning, true,
     "a translated cue with no source cue at its time", check_extra_cue},
    {"untranslated", "KQ0503", "source", Severity::error, true,
     "a cue still in the source text, language or script", check_untranslated},
    {"number-mismatch", "KQ0504", "source", Severity::warning, true,
     "numbers that differ between the source and the translation", check_number_mismatch},
    {"timing-drift", "KQ0505", "source", Severity::warning, true,
     "a cue whose times moved from its source cue's", check_timing_drift},
    {"merged-cue", "KQ0506", "source", Severity::note, true,
     "one translated cue over several source cues", check_merged_cue},
    {"split-cue", "KQ0507", "source", Severity::note, true,
     "several translated cues over one source cue", check_split_cue},
    {"style-mismatch", "KQ0508", "source", Severity::warning, true,
     "italics or a position on one side only", check_style_mismatch},
};
// clang-format on

}  // namespace

std::span<const CheckInfo> all_checks() {
  return kChecks;
}

const CheckInfo* find_check(std::string_view name) {
  const auto* it = std::find_if(std::begin(kChecks), std::end(kChecks),
                                [name](const CheckInfo& c) { return c.name == name; });
  return it == std::end(kChecks) ? nullptr : it;
}

}  // namespace kopru::qa
