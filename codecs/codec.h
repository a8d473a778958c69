// What every codec offers: a probe score, a reader and a writer over the canonical model, and the
// writer's capabilities. Codecs are pure: bytes and options in, a document and diagnostics out.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/core/diagnostics.h"
#include "pipeline/core/error.h"
#include "pipeline/model/document.h"

namespace kopru::codecs {

struct Source {
  std::string path;        // for messages only
  std::string_view bytes;  // the file as stored (binary codecs read this)
  std::string_view text;   // decoded UTF-8 without BOM (text codecs read this)
  std::string encoding;    // what `text` was decoded from, e.g. "UTF-8", "windows-1251"
};

struct ReadOptions {
  std::optional<FrameRate> fps;  // for frame-based formats without a rate of their own
  bool strict = false;           // warnings about repairs become errors
};

struct WriteOptions {
  std::optional<FrameRate> fps;  // for frame-based output
  // The character table of formats that have several (EBU STL: "latin", "cyrillic", "arabic",
  // "greek", "hebrew"); empty = the writer chooses from the document's language and script.
  std::string charset;
};

// The characters a writer can store. The carry check (pipeline/text/carry.h) runs it over every
// text run before writing, so that a character the target cannot hold is an error naming it, or,
// with --replace, a reported fallback; never a silent loss.
struct Repertoire {
  std::string name;                       // "ISO 6937 Latin (EBU STL code table 00)"
  std::function<bool(char32_t)> carries;  // empty: every Unicode scalar value
};

// What a writer can express; lowering passes reduce a document to these and report each loss.
struct WriterCaps {
  bool overlaps = true;  // cues may overlap in time
  bool styles = false;   // named styles
  bool italic_bold_underline = true;
  bool colors = false;
  bool fonts = false;
  bool positions = false;  // numpad alignment / coordinates
  bool regions = false;
  bool ruby = false;
  bool voices = false;  // speaker per cue or span
  bool inner_timestamps = false;
  bool frame_based = false;     // time is counted in frames (needs a frame rate)
  int max_lines = 0;            // 0 = unlimited
  Time precision = from_ms(1);  // the time grid writers round to
};

using ProbeFn = int (*)(std::string_view head, std::string_view extension);
using ReadFn = Document (*)(const Source& source, const ReadOptions& options, Diagnostics& diag);
using WriteFn = std::string (*)(const Document& doc, const WriteOptions& options,
                                Diagnostics& diag);
using CapsFn = WriterCaps (*)();

class CueSink;
class CueWriter;
// Optional streaming entry points (codecs/common/streaming.h); nullptr where a format needs the
// whole document at once.
using ReadStreamFn = void (*)(const Source& source, const ReadOptions& options, Diagnostics& diag,
                              CueSink& sink);
using MakeWriterFn = std::unique_ptr<CueWriter> (*)(const WriteOptions& options, Diagnostics& diag);
// The repertoire this writer would use for this document and these options.
using RepertoireFn = Repertoire (*)(const Document& doc, const WriteOptions& options);

struct Codec {
  std::string_view name;         // "srt": what --to takes and what the JSON calls it
  std::string_view description;  // "SubRip"
  std::string_view extensions;   // space-separated, without dots, preferred first: "srt"
  bool binary = false;           // probe/read take raw bytes rather than decoded text
  ProbeFn probe = nullptr;       // 0-100 on the first 4 KiB (decoded text unless binary)
  ReadFn read = nullptr;
  WriteFn write = nullptr;
  CapsFn caps = nullptr;
  ReadStreamFn read_stream = nullptr;
  MakeWriterFn make_writer = nullptr;
  RepertoireFn repertoire = nullptr;  // nullptr: the writer stores any Unicode text

  std::string_view preferred_extension() const {
    return extensions.substr(0, extensions.find(' '));
  }
  bool has_extension(std::string_view ext) const;
};

// Throws ParseError at a line and column of a Source; columns are counted in code points.
[[noreturn]] void fail(const Source& source, int line, int column, const std::string& message);

}  // namespace kopru::codecs
