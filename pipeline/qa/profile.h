// A delivery profile: the limits and severities `kopru qa` applies. Built in: "netflix" (the
// Netflix Timed Text Style Guide values, feature-anchors.md §2.1); per-language defaults in
// locales/qa/<language>.xml; partner profiles are XML files of the same schema
// (locales/qa/README.md).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/core/diagnostics.h"
#include "pipeline/model/language_tag.h"
#include "pipeline/model/time.h"

namespace kopru::qa {

// How a two-speaker cue marks its speakers.
enum class DashStyle {
  both_no_space,     // "-Nereye?\n-Eve." (Turkish, Turkic default per Netflix)
  both_with_space,   // "- Куда?\n- Домой." (Russian, French)
  second_line_only,  // "Waar?\n- Naar huis." (Dutch)
  any,               // not checked
};
std::string_view to_string(DashStyle style);
std::optional<DashStyle> parse_dash_style(std::string_view text);

struct Profile {
  std::string name = "netflix";
  std::string origin;  // "built in", or the files it was read from

  std::optional<FrameRate> frame_rate;  // a delivery's fixed rate
  Time min_duration = from_ms(833);     // 5/6 s, 20 frames at 24 fps
  Time max_duration = from_ms(7000);
  int min_gap_frames = 2;
  double max_cps = 17;  // adult, non-English
  double max_wpm = 200;
  int max_chars_per_line = 42;
  int max_lines = 2;
  DashStyle dialogue_dash = DashStyle::both_no_space;
  std::string dialogue_dash_chars = "-";  // what counts as a dialogue dash
  bool ellipsis_character = true;         // "…" (U+2026) rather than "..."
  bool frame_grid = false;                // frame-based delivery: times on the frame grid
  Time max_drift = from_ms(500);          // timing-drift against the source track

  // Letters of the language per script ("Latn" -> "abc…ABC…"); empty: the alphabet check is off.
  std::map<std::string, std::u32string> alphabets;
  // Characters the delivery accepts (inclusive ranges); empty: the glyph check is off.
  std::vector<std::pair<char32_t, char32_t>> glyphs;

  std::map<std::string, Severity, std::less<>> severities;  // per check, overriding the default
  std::set<std::string, std::less<>> disabled;              // checks not run

  bool enabled(std::string_view check) const { return !disabled.contains(check); }
  bool glyph_allowed(char32_t c) const;
};

// "netflix", or nullopt.
std::optional<Profile> builtin_profile(std::string_view name);
std::vector<std::string> builtin_profile_names();

// Applies locales/qa/<language>.xml, when there is one, to `profile` (its limits, dash style and
// alphabets). Returns the file applied, or "".
std::string apply_language_defaults(Profile& profile, const LanguageTag& language);

// Applies a profile XML file on top of `profile` (a file may say extends="netflix", which starts
// from that profile instead). Throws ParseError naming file:line:col for invalid XML, unknown
// elements, attributes or check names, and bad values.
void apply_profile_file(Profile& profile, const std::filesystem::path& path);

}  // namespace kopru::qa
