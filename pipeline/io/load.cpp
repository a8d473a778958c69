#include "pipeline/io/load.h"

#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "pipeline/io/files.h"
#include "pipeline/text/encoding.h"

namespace kopru::io {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kProbeBytes = 4096;

std::string extension_of(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  if (!ext.empty() && ext.front() == '.') ext.erase(0, 1);
  return ext;
}

// Cut a UTF-8 head at a character boundary so probes never see half a character.
std::string_view utf8_head(std::string_view text) {
  if (text.size() <= kProbeBytes) return text;
  std::size_t end = kProbeBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) --end;
  return text.substr(0, end);
}

}  // namespace

Loaded load_bytes(std::string_view bytes, const std::string& path, const LoadOptions& options,
                  Diagnostics& diag) {
  Loaded loaded;
  loaded.size_bytes = bytes.size();
  const std::string ext = extension_of(path);
  const codecs::Codec* codec = nullptr;
  if (!options.format.empty()) {
    codec = codecs::find_codec(options.format);
    if (codec == nullptr) throw UsageError("unknown subtitle format '" + options.format + "'");
  }
  if (bytes.empty()) {
    throw ParseError("empty file: no subtitle data", SourceLocation{path, 0, 0, 0});
  }
  // Binary formats are recognised before any decoding is attempted.
  if (codec == nullptr) {
    int score = 0;
    const codecs::Codec* binary = nullptr;
    for (const auto& c : codecs::all_codecs()) {
      if (!c.binary) continue;
      const int s = c.probe(bytes.substr(0, kProbeBytes), ext);
      if (s > score) {
        score = s;
        binary = &c;
      }
    }
    if (binary != nullptr && score >= 50) {
      codec = binary;
      loaded.probe_score = score;
    }
  }
  codecs::Source source;
  source.path = path;
  source.bytes = bytes;
  text::DecodedText decoded;
  if (codec == nullptr || !codec->binary) {
    text::DecodeOptions decode_options{path, options.encoding, options.lenient};
    decoded = text::decode(bytes, decode_options, diag);
    source.text = decoded.utf8;
    source.encoding = decoded.encoding;
    loaded.encoding = decoded.encoding;
    loaded.encoding_confidence = decoded.confidence;
  }
  if (codec == nullptr) {
    int score = 0;
    codec = codecs::detect_codec(utf8_head(source.text), bytes.substr(0, kProbeBytes), ext, &score);
    loaded.probe_score = score;
    if (codec == nullptr) {
      throw ParseError("not a subtitle format Kopru reads (no format recognised the content)",
                       SourceLocation{path, 1, 1, 0});
    }
  }
  loaded.codec = codec;
  loaded.doc = codec->read(source, options.read, diag);
  loaded.doc.meta.source_format = std::string(codec->name);
  if (!codec->binary) loaded.doc.meta.source_encoding = decoded.encoding;
  if (loaded.doc.meta.language.empty()) {
    if (auto tag = LanguageTag::from_filename(path)) {
      loaded.doc.meta.language = *tag;
      diag.note(0, 0, "language-from-filename",
                "language " + tag->to_string() + " taken from the file name");
    }
  }
  return loaded;
}

Loaded load_file(const fs::path& path, const LoadOptions& options, Diagnostics& diag) {
  const std::string data = read_file(path);
  return load_bytes(data, path.string(), options, diag);
}

std::string render(const Document& doc, const codecs::Codec& codec, const SaveOptions& options,
                   Diagnostics& diag) {
  std::string out = codec.write(doc, options.write, diag);
  if (codec.binary) return out;
  if (options.crlf) {
    std::string crlf;
    crlf.reserve(out.size() + out.size() / 16);
    for (char c : out) {
      if (c == '\n') crlf += '\r';
      crlf += c;
    }
    out.swap(crlf);
  }
  if (options.bom) out.insert(0, "\xEF\xBB\xBF");
  return out;
}

const codecs::Codec& output_codec(const fs::path& path, const SaveOptions& options) {
  if (!options.format.empty()) {
    const codecs::Codec* codec = codecs::find_codec(options.format);
    if (codec == nullptr) throw UsageError("unknown output format '" + options.format + "'");
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

void save_file(const Document& doc, const fs::path& path, const SaveOptions& options,
               Diagnostics& diag) {
  const std::string data = render(doc, output_codec(path, options), options, diag);
  write_file_atomic(path, data);
}

}  // namespace kopru::io
