// Reading and writing subtitle documents as files: decoding, format detection, the codec call, and
// the atomic write. This is the one place the CLI, the tests and later stages go through.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "codecs/codec.h"
#include "pipeline/core/diagnostics.h"
#include "pipeline/model/document.h"

namespace kopru::io {

struct LoadOptions {
  std::string format;    // codec name; empty = detect from content and extension
  std::string encoding;  // forced input encoding; empty = detect
  bool lenient = false;  // invalid byte sequences become U+FFFD with a warning
  codecs::ReadOptions read;
};

struct Loaded {
  Document doc;
  const codecs::Codec* codec = nullptr;
  std::string encoding;
  int encoding_confidence = 0;
  int probe_score = 0;
  std::uintmax_t size_bytes = 0;
};

// Decodes and parses bytes that came from `path` (the path is used for messages and the extension).
Loaded load_bytes(std::string_view bytes, const std::string& path, const LoadOptions& options,
                  Diagnostics& diag);
Loaded load_file(const std::filesystem::path& path, const LoadOptions& options, Diagnostics& diag);

// A change made between reading and writing (transliteration). Streaming conversions call header()
// and then cue() for each cue; whole-document ones call document().
class DocumentFilter {
 public:
  virtual ~DocumentFilter() = default;
  virtual void header(Document& header, Diagnostics& diag) = 0;
  virtual void cue(Cue& cue, Diagnostics& diag) = 0;
  // Cues in order, `batch_size()` at a time when streaming; the default calls cue() on each. A
  // filter may work on a batch in parallel.
  virtual void cues(std::span<Cue> batch, Diagnostics& diag);
  virtual std::size_t batch_size() const { return 1; }
  // Streaming calls start() on a batch as soon as it is complete and cues() on it only after it
  // has read the next one, so that a filter may convert in the background meanwhile. The batch
  // stays where it is in between.
  virtual void start(std::span<Cue> batch, Diagnostics& diag) {
    (void)batch;
    (void)diag;
  }
  // The default calls header() and then cues() on all cues.
  virtual void document(Document& doc, Diagnostics& diag);
  // After the last cue; throws InputError to refuse the output.
  virtual void finish(Diagnostics& diag) { (void)diag; }
};

struct SaveOptions {
  std::string format;  // codec name; empty = from the output extension
  bool bom = false;    // UTF-8 byte order mark (text formats)
  bool crlf = false;   // CRLF line endings (text formats)
  // With no `format` and an output extension no codec claims, write in the input's format.
  bool input_format_fallback = false;
  // Characters the writer's repertoire lacks: replaced by fallbacks and reported (true), or the
  // document is refused with a CarryError listing each one (false). pipeline/text/carry.h.
  bool replace = false;
  codecs::WriteOptions write;
};

// The bytes a document becomes in a format.
std::string render(const Document& doc, const codecs::Codec& codec, const SaveOptions& options,
                   Diagnostics& diag);
const codecs::Codec& output_codec(const std::filesystem::path& path, const SaveOptions& options);
void save_file(const Document& doc, const std::filesystem::path& path, const SaveOptions& options,
               Diagnostics& diag);

struct ConvertResult {
  bool written = false;   // false when refused (errors, or warnings under `strict`)
  bool streamed = false;  // cues went through one at a time (memory independent of length)
  std::size_t cues = 0;
};

// input file -> output file. Streams when the input codec reads cue by cue and the output codec
// writes so; otherwise loads the whole document. The output appears only if the conversion
// succeeded with no error diagnostic (and no warning when `strict`).
// `filter`, when given, changes the document between reading and writing.
ConvertResult convert_file(const std::filesystem::path& input, const std::filesystem::path& output,
                           const LoadOptions& load, const SaveOptions& save, bool strict,
                           Diagnostics& diag, DocumentFilter* filter = nullptr);

}  // namespace kopru::io
