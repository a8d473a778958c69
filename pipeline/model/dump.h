// A stable, readable text dump of a Document: the form golden files are kept in, and what
// `kopru info --dump` prints. One record per line; nothing here depends on the source format.
#pragma once

#include <string>

#include "pipeline/core/diagnostics.h"
#include "pipeline/model/document.h"

namespace kopru {

std::string dump(const Document& doc);
// The diagnostics, one per line, without paths (goldens must not depend on where files live).
std::string dump(const Diagnostics& diagnostics);
// Exact time: "HH:MM:SS.mmm", followed by "+Nt" (ticks past that millisecond) when not ms-exact.
std::string dump_time(Time t);
// A double-quoted string with \" \\ \n \t and \xHH escapes.
std::string quoted(std::string_view s);
// Shortest decimal form of a double ("12", "12.5").
std::string format_number(double value);

}  // namespace kopru
