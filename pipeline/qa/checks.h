// Every check of `kopru qa`: one function per file in pipeline/qa/checks/, listed in
// registry.cpp with its name, rule ID and default severity.
#pragma once

#include <vector>

#include "pipeline/qa/qa.h"

namespace kopru::qa {

void check_min_duration(const Context& context, std::vector<Finding>& findings);
void check_max_duration(const Context& context, std::vector<Finding>& findings);
void check_min_gap(const Context& context, std::vector<Finding>& findings);
void check_overlap(const Context& context, std::vector<Finding>& findings);
void check_order(const Context& context, std::vector<Finding>& findings);
void check_zero_duration(const Context& context, std::vector<Finding>& findings);
void check_past_end(const Context& context, std::vector<Finding>& findings);
void check_frame_grid(const Context& context, std::vector<Finding>& findings);
void check_line_length(const Context& context, std::vector<Finding>& findings);
void check_line_count(const Context& context, std::vector<Finding>& findings);
void check_reading_speed(const Context& context, std::vector<Finding>& findings);
void check_words_per_minute(const Context& context, std::vector<Finding>& findings);
void check_needless_break(const Context& context, std::vector<Finding>& findings);
void check_markup(const Context& context, std::vector<Finding>& findings);
void check_empty_cue(const Context& context, std::vector<Finding>& findings);
void check_whitespace(const Context& context, std::vector<Finding>& findings);
void check_ellipsis(const Context& context, std::vector<Finding>& findings);
void check_dialogue_dash(const Context& context, std::vector<Finding>& findings);
void check_script_mismatch(const Context& context, std::vector<Finding>& findings);
void check_mixed_script(const Context& context, std::vector<Finding>& findings);
void check_homoglyph(const Context& context, std::vector<Finding>& findings);
void check_apostrophe(const Context& context, std::vector<Finding>& findings);
void check_dotted_i(const Context& context, std::vector<Finding>& findings);
void check_alphabet(const Context& context, std::vector<Finding>& findings);
void check_glyph(const Context& context, std::vector<Finding>& findings);
void check_mojibake(const Context& context, std::vector<Finding>& findings);
void check_missing_cue(const Context& context, std::vector<Finding>& findings);
void check_extra_cue(const Context& context, std::vector<Finding>& findings);
void check_untranslated(const Context& context, std::vector<Finding>& findings);
void check_number_mismatch(const Context& context, std::vector<Finding>& findings);
void check_timing_drift(const Context& context, std::vector<Finding>& findings);
void check_merged_cue(const Context& context, std::vector<Finding>& findings);
void check_split_cue(const Context& context, std::vector<Finding>& findings);
void check_style_mismatch(const Context& context, std::vector<Finding>& findings);

}  // namespace kopru::qa
