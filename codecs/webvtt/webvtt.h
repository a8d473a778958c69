#pragma once

#include "codecs/codec.h"
#include "codecs/common/streaming.h"

namespace kopru::codecs::webvtt {

int probe(std::string_view head, std::string_view extension);
Document read(const Source& source, const ReadOptions& options, Diagnostics& diag);
std::string write(const Document& doc, const WriteOptions& options, Diagnostics& diag);
WriterCaps caps();

// Streaming writer (codecs/common/streaming.h).
std::unique_ptr<CueWriter> make_writer(const WriteOptions& options, Diagnostics& diag);

}  // namespace kopru::codecs::webvtt
