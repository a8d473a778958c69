// EBU Tech 3264 subtitle data exchange (binary EBU STL): GSI block, TTI blocks with extension
// blocks, teletext control codes and the character code tables 00-04.
#pragma once

#include "codecs/codec.h"

namespace kopru::codecs::stl {

// Binary: `head` is raw bytes.
int probe(std::string_view head, std::string_view extension);
Document read(const Source& source, const ReadOptions& options, Diagnostics& diag);
std::string write(const Document& doc, const WriteOptions& options, Diagnostics& diag);
WriterCaps caps();
// The code table the writer would choose (options.charset, else the document's script) and the
// characters it holds.
Repertoire repertoire(const Document& doc, const WriteOptions& options);

}  // namespace kopru::codecs::stl
