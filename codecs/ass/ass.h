#pragma once

#include "codecs/codec.h"

namespace kopru::codecs::ass {

int probe(std::string_view head, std::string_view extension);
Document read(const Source& source, const ReadOptions& options, Diagnostics& diag);
std::string write(const Document& doc, const WriteOptions& options, Diagnostics& diag);
WriterCaps caps();

}  // namespace kopru::codecs::ass
