// Transliterating subtitle documents: only text runs change, so markup, timing, positions, styles
// and line breaks are untouched by construction; language tags follow the script.
#pragma once
#include <memory>
#include <string>

#include "pipeline/core/diagnostics.h"
#include "pipeline/model/document.h"
#include "pipeline/translit/translit.h"

namespace kopru::translit {

// True when the direction writes a right-to-left script (each line then starts with U+200F).
bool right_to_left(const Direction& direction);

// `tag` with the direction's target script when it names the source language ("uz-Cyrl-UZ" ->
// "uz-Latn-UZ"); other tags are returned unchanged.
LanguageTag retag(const LanguageTag& tag, const Direction& direction);

// A file name for the transliterated track: the language tag in the name changes script
// ("film.uz-Cyrl.srt" -> "film.uz-Latn.srt"), or the target tag is added ("film.srt" ->
// "film.uz-Latn.srt"). `extension` replaces the input's when not empty (with its dot).
std::string retag_filename(const std::string& filename, const Direction& direction,
                           const std::string& extension = "");

// The texts transliterate_cue() converts, in the order it asks for them (for worker processes).
void texts_of(const Cue& cue, std::vector<std::string_view>& texts);

// Converts one cue. `number` is the cue's 1-based position, used in diagnostics.
void transliterate_cue(Cue& cue, std::size_t number, TextConverter& engine, Diagnostics& diag);

// The document-level parts: its language tag and its title.
void transliterate_header(Document& doc, TextConverter& engine, Diagnostics& diag);

// The whole document, cues in parallel over `jobs` threads (0 = one per core). Throws ParseError
// when the text is not in the direction's source script.
void transliterate(Document& doc, const std::shared_ptr<const Compiled>& compiled, unsigned jobs,
                   Diagnostics& diag);

}  // namespace kopru::translit
