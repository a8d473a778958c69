// Can the target format carry this text? Each writer declares its repertoire (codecs/codec.h);
// before anything is written, every text run is checked against it. A character the target cannot
// store is an error naming it, its cue and its position, or, when the user asks for --replace, it
// becomes its documented fallback (locales/carry/README.md) and each replacement is reported line
// by line. Nothing is ever lost silently.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "codecs/codec.h"
#include "pipeline/core/diagnostics.h"
#include "pipeline/core/error.h"
#include "pipeline/model/document.h"

namespace kopru {

struct UncarriedCharacter {
  std::size_t cue = 0;  // 1-based cue number
  int line = 0;         // 1-based line inside the cue's text
  int column = 0;       // 1-based code-point column inside that line
  int source_line = 0;  // the cue's line in the input file, 0 when unknown
  char32_t character = 0;
  std::string fallback;  // exactly what --replace writes: "?" as the last resort, "" = removed
};

// Every character of every text run (cue text, and the title, which formats such as STL store)
// that `repertoire` does not hold, in document order.
std::vector<UncarriedCharacter> find_uncarried(const Document& doc,
                                               const codecs::Repertoire& repertoire);

// The document refused because of `found`. The message names the repertoire and the count, then
// lists each character on its own line, up to a cap, as
// `path:SRCLINE: cue N, line L, column C: U+0259 'ə' LATIN SMALL LETTER SCHWA (fallback: 'ä')`.
class CarryError : public InputError {
 public:
  CarryError(const std::string& path, const codecs::Repertoire& repertoire,
             const std::vector<UncarriedCharacter>& found);
};

// Replaces each uncarried character by its fallback (locales/carry/README.md: the table, then
// composition or the base letter of the canonical decomposition, then '?'), warning once per
// changed cue line with code "carry-replaced", the replacements and the before and after text.
Document replace_uncarried(const Document& doc, const codecs::Repertoire& repertoire,
                           Diagnostics& diag);

// What io::render calls: nullopt when everything is carried (the caller writes `doc` itself, so
// no copy is made), throws CarryError when not and `replace` is false, otherwise the replaced
// copy.
std::optional<Document> carry_or_replace(const Document& doc, const codecs::Repertoire& repertoire,
                                         bool replace, const std::string& path, Diagnostics& diag);

}  // namespace kopru
