// The groups of safe fixes apply_fixes() runs in order: text first (spaces, ellipsis), then script
// (homoglyphs, apostrophes, mojibake), then timing (gaps, overlaps), so timing sees final text.
#pragma once

#include <vector>

#include "pipeline/qa/fixes.h"

namespace kopru::qa {

void fix_text(const Context& context, Document& doc, std::vector<Change>& changes);
void fix_script(const Context& context, Document& doc, std::vector<Change>& changes);
void fix_timing(const Context& context, Document& doc, std::vector<Change>& changes);

}  // namespace kopru::qa
