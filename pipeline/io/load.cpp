#include "pipeline/io/load.h"

#include <utility>

#include "codecs/common/streaming.h"
#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "pipeline/io/files.h"
#include "pipeline/text/carry.h"
#include "pipeline/text/encoding.h"
#include "pipeline/text/utf8.h"

namespace kopru::io {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kProbeBytes = 4096;

std::string extension_of(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  if (!ext.empty() && ext.front() == '.')
    ext.erase(0, 1);
  return ext;
}

// Cut a UTF-8 head at a character boundary so probes never see half a character.
std::string_view utf8_head(std::string_view text) {
  if (text.size() <= kProbeBytes)
    return text;
  std::size_t end = kProbeBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U)
    --end;
  return text.substr(0, end);
}

}  // namespace

namespace {

// Everything before the codec's read: decoding, and choosing the codec.
struct Prepared {
  codecs::Source source;
  std::string decoded;  // owns source.text when the input needed converting
  const codecs::Codec* codec = nullptr;
  int probe_score = 0;
  int encoding_confidence = 0;
};

void prepare(std::string_view bytes, const std::string& path, const LoadOptions& options,
             Diagnostics& diag, Prepared& p) {
  const std::string ext = extension_of(path);
  if (!options.format.empty()) {
    p.codec = codecs::find_codec(options.format);
    if (p.codec == nullptr)
      throw UsageError("unknown subtitle format '" + options.format + "'");
  }
  if (bytes.empty()) {
    throw ParseError("empty file: no subtitle data", SourceLocation{path, 0, 0, 0});
  }
  // Binary formats are recognised before any decoding is attempted.
  if (p.codec == nullptr) {
    for (const auto& c : codecs::all_codecs()) {
      if (!c.binary)
        continue;
      const int s = c.probe(bytes.substr(0, kProbeBytes), ext);
      if (s >= 50 && s > p.probe_score) {
        p.probe_score = s;
        p.codec = &c;
      }
    }
  }
  p.source.path = path;
  p.source.bytes = bytes;
  if (p.codec == nullptr || !p.codec->binary) {
    const bool utf8_asked = options.encoding.empty() || options.encoding == "UTF-8" ||
                            options.encoding == "utf-8" || options.encoding == "utf8";
    std::string_view body = bytes;
    const bool bom = body.substr(0, 3) == "\xEF\xBB\xBF";
    if (bom)
      body.remove_prefix(3);
    // NULs are valid UTF-8 but mean UTF-16 far more often than text: let detection decide.
    const bool has_nul = body.substr(0, kProbeBytes).find('\0') != std::string_view::npos;
    if (utf8_asked && !has_nul && text::is_valid_utf8(body)) {
      // Most files are UTF-8 already: use the bytes as they are, without a copy.
      p.source.text = body;
      p.source.encoding = "UTF-8";
      p.encoding_confidence = 100;
    } else {
      text::DecodeOptions decode_options{path, options.encoding, options.lenient};
      text::DecodedText decoded = text::decode(bytes, decode_options, diag);
      p.decoded = std::move(decoded.utf8);
      p.source.text = p.decoded;
      p.source.encoding = decoded.encoding;
      p.encoding_confidence = decoded.confidence;
    }
  }
  if (p.codec == nullptr) {
    p.codec = codecs::detect_codec(utf8_head(p.source.text), bytes.substr(0, kProbeBytes), ext,
                                   &p.probe_score);
    if (p.codec == nullptr) {
      throw ParseError("not a subtitle format Kopru reads (no format recognised the content)",
                       SourceLocation{path, 1, 1, 0});
    }
  }
}

// What Kopru knows about a document beyond what its codec read.
void complete_metadata(Document& doc, const Prepared& p, Diagnostics& diag) {
  doc.meta.source_format = std::string(p.codec->name);
  if (!p.codec->binary)
    doc.meta.source_encoding = p.source.encoding;
  if (doc.meta.language.empty()) {
    if (auto tag = LanguageTag::from_filename(p.source.path)) {
      doc.meta.language = *tag;
      diag.note(0, 0, "language-from-filename",
                "language " + tag->to_string() + " taken from the file name");
    }
  }
}

}  // namespace

Loaded load_bytes(std::string_view bytes, const std::string& path, const LoadOptions& options,
                  Diagnostics& diag) {
  Prepared p;
  prepare(bytes, path, options, diag, p);
  Loaded loaded;
  loaded.size_bytes = bytes.size();
  loaded.codec = p.codec;
  loaded.probe_score = p.probe_score;
  loaded.encoding = p.source.encoding;
  loaded.encoding_confidence = p.encoding_confidence;
  loaded.doc = p.codec->read(p.source, options.read, diag);
  complete_metadata(loaded.doc, p, diag);
  return loaded;
}

Loaded load_file(const fs::path& path, const LoadOptions& options, Diagnostics& diag) {
  const InputFile file(path);
  return load_bytes(file.bytes(), path.string(), options, diag);
}

std::string render(const Document& doc, const codecs::Codec& codec, const SaveOptions& options,
                   Diagnostics& diag) {
  std::optional<Document> replaced;
  if (codec.repertoire != nullptr) {
    replaced = carry_or_replace(doc, codec.repertoire(doc, options.write), options.replace,
                                diag.path(), diag);
  }
  std::string out = codec.write(replaced ? *replaced : doc, options.write, diag);
  if (codec.binary)
    return out;
  if (options.crlf) {
    std::string crlf;
    crlf.reserve(out.size() + out.size() / 16);
    for (char c : out) {
      if (c == '\n')
        crlf += '\r';
      crlf += c;
    }
    out.swap(crlf);
  }
  if (options.bom)
    out.insert(0, "\xEF\xBB\xBF");
  return out;
}

const codecs::Codec& output_codec(const fs::path& path, const SaveOptions& options) {
  if (!options.format.empty()) {
    const codecs::Codec* codec = codecs::find_codec(options.format);
    if (codec == nullptr)
      throw UsageError("unknown output format '" + options.format + "'");
    return *codec;
  }
  const std::string ext = extension_of(path.string());
  const codecs::Codec* codec = codecs::codec_for_extension(ext);
  if (codec == nullptr) {
    throw UsageError("cannot tell the output format from '" + path.string() +
                     "': give --to FORMAT");
  }
  return *codec;
}

namespace {

constexpr std::size_t kFlushBytes = 1U << 18U;

// Passes each cue from a streaming reader straight to a streaming writer, flushing as it goes.
class Relay : public codecs::CueSink {
 public:
  Relay(codecs::CueWriter& writer, AtomicFile& file, const Prepared& prepared, Diagnostics& diag,
        DocumentFilter* filter)
      : writer_(writer), file_(file), prepared_(prepared), diag_(diag), filter_(filter) {}

  void begin(Document&& header) override {
    complete_metadata(header, prepared_, diag_);
    if (filter_ != nullptr)
      filter_->header(header, diag_);
    writer_.begin(header, buffer_);
    flush_if_full();
  }
  void cue(Cue&& cue) override {
    if (filter_ != nullptr && filter_->batch_size() <= 1) {
      filter_->cues(std::span<Cue>(&cue, 1), diag_);
    } else if (filter_ != nullptr) {
      batch_.push_back(std::move(cue));
      if (batch_.size() >= filter_->batch_size()) {
        // Finish the batch before, start this one, and only then write the one finished, so that
        // a filter working in the background has the writing time too.
        if (!pending_.empty())
          filter_->cues(pending_, diag_);
        std::vector<Cue> done = std::exchange(pending_, std::move(batch_));
        batch_ = {};
        batch_.reserve(filter_->batch_size());
        filter_->start(pending_, diag_);
        write(done);
      }
      return;
    }
    writer_.cue(cue, buffer_);
    ++cues_;
    flush_if_full();
  }
  void finish() {
    if (filter_ != nullptr) {
      if (!pending_.empty()) {
        filter_->cues(pending_, diag_);
        write(pending_);
      }
      if (!batch_.empty()) {
        filter_->start(batch_, diag_);
        filter_->cues(batch_, diag_);
        write(batch_);
      }
    }
    writer_.end(buffer_);
    flush();
  }
  std::size_t cues() const { return cues_; }

 private:
  void write(const std::vector<Cue>& batch) {
    for (const Cue& each : batch) {
      writer_.cue(each, buffer_);
      ++cues_;
      flush_if_full();
    }
  }
  void flush_if_full() {
    if (buffer_.size() >= kFlushBytes)
      flush();
  }
  void flush() {
    file_.append(buffer_);
    buffer_.clear();
  }

  codecs::CueWriter& writer_;
  AtomicFile& file_;
  const Prepared& prepared_;
  Diagnostics& diag_;
  DocumentFilter* filter_;
  std::vector<Cue> batch_;    // being read
  std::vector<Cue> pending_;  // started, being converted
  std::string buffer_;
  std::size_t cues_ = 0;
};

bool refused(const Diagnostics& diag, bool strict) {
  return diag.count(Severity::error) > 0 || (strict && diag.count(Severity::warning) > 0);
}

}  // namespace

void DocumentFilter::cues(std::span<Cue> batch, Diagnostics& diag) {
  for (Cue& each : batch)
    cue(each, diag);
}

void DocumentFilter::document(Document& doc, Diagnostics& diag) {
  header(doc, diag);
  cues(doc.cues, diag);
}

ConvertResult convert_file(const fs::path& input, const fs::path& output, const LoadOptions& load,
                           const SaveOptions& save, bool strict, Diagnostics& diag,
                           DocumentFilter* filter) {
  const bool fallback = save.input_format_fallback && save.format.empty() &&
                        codecs::codec_for_extension(extension_of(output.string())) == nullptr;
  const codecs::Codec* chosen = fallback ? nullptr : &output_codec(output, save);
  const InputFile file_in(input);
  const std::string_view bytes = file_in.bytes();
  Prepared p;
  prepare(bytes, input.string(), load, diag, p);
  const codecs::Codec& target = chosen != nullptr ? *chosen : *p.codec;
  ConvertResult result;
  // Streaming writes the text as it comes; BOM and CRLF are the whole-document path's business.
  const bool can_stream =
      p.codec->read_stream != nullptr && target.make_writer != nullptr && !save.bom && !save.crlf;
  if (can_stream) {
    AtomicFile file(output);
    auto writer = target.make_writer(save.write, diag);
    Relay relay(*writer, file, p, diag, filter);
    p.codec->read_stream(p.source, load.read, diag, relay);
    relay.finish();
    if (filter != nullptr)
      filter->finish(diag);
    result.streamed = true;
    result.cues = relay.cues();
    if (refused(diag, strict))
      return result;
    file.commit();
    result.written = true;
    return result;
  }
  Document doc = p.codec->read(p.source, load.read, diag);
  complete_metadata(doc, p, diag);
  if (filter != nullptr) {
    filter->document(doc, diag);
    filter->finish(diag);
  }
  result.cues = doc.cues.size();
  const std::string out = render(doc, target, save, diag);
  if (refused(diag, strict))
    return result;
  write_file_atomic(output, out);
  result.written = true;
  return result;
}

void save_file(const Document& doc, const fs::path& path, const SaveOptions& options,
               Diagnostics& diag) {
  const std::string data = render(doc, output_codec(path, options), options, diag);
  write_file_atomic(path, data);
}

}  // namespace kopru::io
