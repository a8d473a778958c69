// Numbers and times in finding messages, written one way everywhere.
#pragma once

#include <string>

#include "pipeline/model/time.h"

namespace kopru::qa {

// "1.234" (seconds, millisecond precision)
std::string seconds(Time t);
// "00:01:02,500" as in SubRip, for the terminal report
std::string clock(Time t);
// One decimal, no trailing ".0": 23.4, 17
std::string decimal(double value);
// "U+0259 'ə'"
std::string code_point(char32_t c);

}  // namespace kopru::qa
