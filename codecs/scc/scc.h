// Scenarist Closed Captions (.scc): CEA-608 byte pairs on SMPTE timecode, pop-on, roll-up and
// paint-on, drop-frame and non-drop-frame.
#pragma once

#include "codecs/codec.h"

namespace kopru::codecs::scc {

int probe(std::string_view head, std::string_view extension);
Document read(const Source& source, const ReadOptions& options, Diagnostics& diag);
std::string write(const Document& doc, const WriteOptions& options, Diagnostics& diag);
WriterCaps caps();
// The CEA-608 character set: basic, special and extended characters.
Repertoire repertoire(const Document& doc, const WriteOptions& options);

}  // namespace kopru::codecs::scc
