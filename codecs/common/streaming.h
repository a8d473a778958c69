// Streaming: formats whose cues can be read and written one at a time offer it, so that `convert`
// runs in memory independent of the file's length. The whole-document read()/write() of such a
// codec are then thin wrappers over its streaming functions (collect(), write_all()).
#pragma once

#include <memory>
#include <string>

#include "codecs/codec.h"

namespace kopru::codecs {

// Receives what a streaming reader parses: first everything but the cues, then each cue in order.
class CueSink {
 public:
  virtual ~CueSink() = default;
  virtual void begin(Document&& header) = 0;
  virtual void cue(Cue&& cue) = 0;
};

// Writes a document piece by piece, appending to `out`; the caller may flush and clear `out`
// between calls.
class CueWriter {
 public:
  virtual ~CueWriter() = default;
  virtual void begin(const Document& header, std::string& out) = 0;
  virtual void cue(const Cue& cue, std::string& out) = 0;
  virtual void end(std::string& out) = 0;
};

// read() for a streaming codec: the cues collected into a Document.
Document collect(ReadStreamFn read_stream, const Source& source, const ReadOptions& options,
                 Diagnostics& diag);
// write() for a streaming codec: the whole document into one string.
std::string write_all(MakeWriterFn make_writer, const Document& doc, const WriteOptions& options,
                      Diagnostics& diag);

}  // namespace kopru::codecs
