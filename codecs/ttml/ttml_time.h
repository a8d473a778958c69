// TTML time expressions (TTML2 §10.3.1): clock times HH:MM:SS(.fraction | :frames(.subframes)) and
// offset times N(.n)(h|m|s|ms|f|t), under the document's ttp:timeBase, ttp:frameRate,
// ttp:frameRateMultiplier, ttp:subFrameRate and ttp:tickRate. Exact: no doubles.
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/model/time.h"

namespace kopru::codecs::ttml {

struct TimingParameters {
  std::string time_base = "media";  // "media", "smpte", "clock"
  FrameRate frame_rate{30, 1};      // effective rate: ttp:frameRate x ttp:frameRateMultiplier
  std::int64_t nominal_frame_rate = 30;
  bool frame_rate_declared = false;
  std::int64_t sub_frame_rate = 1;
  FrameRate tick_rate{1, 1};  // ttp:tickRate, else effective frame rate x sub-frame rate, else 1
  bool tick_rate_declared = false;
  std::string drop_mode = "nonDrop";  // smpte only: "dropNTSC", "dropPAL", "nonDrop"
};

// The parameters on the root <tt> element; malformed values are reported in `problem` (first one)
// and the default is kept.
TimingParameters timing_parameters(const pugi::xml_node& tt, std::string* problem = nullptr);

// nullopt when `text` is not a valid time expression under `params`.
std::optional<Time> parse_time_expression(std::string_view text, const TimingParameters& params);

// What kind of expression it is, for profile rules (EBU-TT-D allows only clock times with
// fractions; IMSC forbids some forms): "clock", "clock-frames", "offset-h", "offset-m",
// "offset-s", "offset-ms", "offset-f", "offset-t", or "" when invalid.
std::string time_expression_kind(std::string_view text);

}  // namespace kopru::codecs::ttml
