#include "pipeline/text/encoding.h"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <memory>

#include "pipeline/core/error.h"
#include "pipeline/core/lines.h"
#include "pipeline/text/charsets.h"
#include "pipeline/text/detect.h"
#include "pipeline/text/utf8_scan.h"

namespace kopru::text {

namespace {

using detail::Charset;
using detail::CharsetKind;
using detail::Detection;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// An invalid byte sequence: where its replacement sits in the decoded text, where it was in the
// input, and what it was.
struct BadBytes {
  std::size_t out_offset = 0;
  std::int64_t in_offset = 0;
  std::string message;
};

using ConverterPtr = std::unique_ptr<UConverter, decltype(&ucnv_close)>;

ConverterPtr open_converter(const Charset& charset) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(std::string(charset.icu_name).c_str(), &status), &ucnv_close);
  if (U_FAILURE(status)) {
    throw EnvironmentError("ICU cannot open the " + std::string(charset.name) +
                           " converter: " + u_errorName(status));
  }
  return converter;
}

[[noreturn]] void throw_at(const BadBytes& bad, std::string_view decoded, const std::string& path) {
  const auto [line, column] = LineIndex(decoded).locate(static_cast<std::int64_t>(bad.out_offset));
  throw EncodingError(bad.message, SourceLocation{path, line, column, bad.in_offset});
}

// One warning per line: the first bad sequence of the line, with a count of the others.
void warn_per_line(const std::vector<BadBytes>& bad, std::string_view decoded,
                   const std::string& path, Diagnostics& diag) {
  if (bad.empty())
    return;
  const LineIndex index(decoded);
  std::size_t i = 0;
  while (i < bad.size()) {
    const auto [line, column] = index.locate(static_cast<std::int64_t>(bad[i].out_offset));
    std::size_t j = i + 1;
    while (j < bad.size() &&
           index.locate(static_cast<std::int64_t>(bad[j].out_offset)).first == line) {
      ++j;
    }
    std::string message = bad[i].message + ", replaced with U+FFFD";
    if (j - i > 1)
      message += " (" + std::to_string(j - i - 1) + " more on this line)";
    diag.add(Severity::warning, SourceLocation{path, line, column, bad[i].in_offset},
             "encoding-invalid-bytes", std::move(message));
    i = j;
  }
}

std::string decode_utf8(std::string_view bytes, const DecodeOptions& options, Diagnostics& diag,
                        std::int64_t base) {
  std::size_t at = detail::find_invalid_utf8(bytes, 0);
  if (at == detail::kNoError)
    return std::string(bytes);
  std::string out;
  std::vector<BadBytes> bad;
  std::size_t pos = 0;
  while (at != detail::kNoError) {
    out.append(bytes.substr(pos, at - pos));
    const std::size_t length = detail::invalid_utf8_length(bytes, at);
    bad.push_back({out.size(), base + static_cast<std::int64_t>(at),
                   detail::describe_invalid_utf8(bytes, at, length)});
    if (!options.lenient)
      throw_at(bad.back(), out, options.path);
    out += kReplacement;
    pos = at + length;
    at = detail::find_invalid_utf8(bytes, pos);
  }
  out.append(bytes.substr(pos));
  warn_per_line(bad, out, options.path, diag);
  return out;
}

std::string decode_single_byte(std::string_view bytes, const Charset& charset,
                               const DecodeOptions& options, Diagnostics& diag) {
  const detail::SingleByteTable& table = detail::table_of(charset);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  std::vector<BadBytes> bad;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) {
      out += static_cast<char>(b);
      continue;
    }
    const std::string& utf8 = table.to_utf8[b];
    if (!utf8.empty()) {
      out += utf8;
      continue;
    }
    bad.push_back({out.size(), static_cast<std::int64_t>(i),
                   "invalid " + std::string(charset.name) + " byte " +
                       detail::hex_bytes(bytes.substr(i, 1)) +
                       " (not assigned in this code page)"});
    if (!options.lenient)
      throw_at(bad.back(), out, options.path);
    out += kReplacement;
  }
  warn_per_line(bad, out, options.path, diag);
  return out;
}

struct IcuBad {
  std::size_t in_offset = 0;
  std::size_t out_index = 0;  // in UTF-16 code units
  std::string bytes;
};

struct IcuCollector {
  const char* source_base = nullptr;
  const UChar* target_base = nullptr;
  std::vector<IcuBad> bad;
};

// Records each invalid sequence and substitutes U+FFFD, so one pass serves strict and lenient.
extern "C" void collect_invalid(const void* context, UConverterToUnicodeArgs* args,
                                const char* code_units, int32_t length,
                                UConverterCallbackReason reason, UErrorCode* error) {
  if (reason > UCNV_IRREGULAR)
    return;
  auto* collector = static_cast<IcuCollector*>(const_cast<void*>(context));
  const auto consumed = static_cast<std::size_t>(args->source - collector->source_base);
  const auto bad_length = static_cast<std::size_t>(length);
  collector->bad.push_back({consumed >= bad_length ? consumed - bad_length : 0,
                            static_cast<std::size_t>(args->target - collector->target_base),
                            std::string(code_units, bad_length)});
  static constexpr UChar kFffd = 0xFFFD;
  *error = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kFffd, 1, 0, error);
}

std::size_t utf8_length(const UChar* s, std::size_t length) {
  int32_t out = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &out, s, static_cast<int32_t>(length), &status);
  return static_cast<std::size_t>(out);
}

std::string decode_icu(std::string_view bytes, const Charset& charset, const DecodeOptions& options,
                       Diagnostics& diag, std::int64_t base) {
  ConverterPtr converter = open_converter(charset);
  std::vector<UChar> units(bytes.size() + 16);
  IcuCollector collector{bytes.data(), units.data(), {}};
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(converter.get(), collect_invalid, &collector, nullptr, nullptr, &status);
  const char* source = bytes.data();
  UChar* target = units.data();
  ucnv_toUnicode(converter.get(), &target, units.data() + units.size(), &source,
                 bytes.data() + bytes.size(), nullptr, true, &status);
  if (U_FAILURE(status)) {
    throw EnvironmentError("ICU failed to decode " + std::string(charset.name) + ": " +
                           u_errorName(status));
  }
  const auto count = static_cast<std::size_t>(target - units.data());
  std::string out(utf8_length(units.data(), count), '\0');
  status = U_ZERO_ERROR;
  int32_t written = 0;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &written, units.data(),
              static_cast<int32_t>(count), &status);
  if (U_FAILURE(status))
    throw InternalError("UTF-16 to UTF-8 failed: " + std::string(u_errorName(status)));
  std::vector<BadBytes> bad;
  std::size_t unit = 0;
  std::size_t offset = 0;
  for (const IcuBad& b : collector.bad) {
    offset += utf8_length(units.data() + unit, b.out_index - unit);
    unit = b.out_index;
    bad.push_back({offset, base + static_cast<std::int64_t>(b.in_offset),
                   "invalid " + std::string(charset.name) + " byte " + detail::hex_bytes(b.bytes)});
  }
  if (!bad.empty() && !options.lenient)
    throw_at(bad.front(), out, options.path);
  warn_per_line(bad, out, options.path, diag);
  return out;
}

std::string known_names() {
  std::string names;
  for (const auto& name : supported_encodings())
    names += (names.empty() ? "" : ", ") + name;
  return names;
}

const Charset& find_or_throw(std::string_view name) {
  const Charset* charset = detail::find_charset(name);
  if (charset == nullptr) {
    throw UsageError("unknown encoding \"" + std::string(name) + "\" (known: " + known_names() +
                     "; aliases such as cp1251, latin5, kz1048, pt154, utf16le are accepted)");
  }
  return *charset;
}

// --encoding: the named charset, except that a byte order mark decides the byte order of a bare
// "UTF-16"/"UTF-32", and a matching byte order mark is skipped.
Detection forced(std::string_view bytes, const std::string& name, const std::string& path,
                 Diagnostics& diag) {
  const Charset* charset = &find_or_throw(name);
  const Charset* bom = detail::charset_of_bom(bytes);
  const std::string key = detail::normalize_name(name);
  if (bom != nullptr && bom->name == "UTF-16BE" && (key == "utf16" || key == "unicode")) {
    charset = bom;
  }
  if (bom != nullptr && bom->name == "UTF-32BE" && key == "utf32")
    charset = bom;
  if (!charset->bom.empty() && bytes.starts_with(charset->bom)) {
    return {charset, 100, charset->bom.size()};
  }
  if (bom != nullptr) {
    diag.add(Severity::warning, SourceLocation{path, 1, 1, 0}, "encoding-bom-mismatch",
             "the input starts with a " + std::string(bom->name) +
                 " byte order mark, but it is "
                 "decoded as " +
                 std::string(charset->name) + " as --encoding asks");
  }
  return {charset, 100, 0};
}

}  // namespace

DecodedText decode(std::string_view bytes, const DecodeOptions& options, Diagnostics& diag) {
  const bool is_forced = !options.forced_encoding.empty();
  const Detection detection = is_forced ? forced(bytes, options.forced_encoding, options.path, diag)
                                        : detail::detect(bytes);
  const Charset& charset = *detection.charset;
  DecodedText out;
  out.encoding = std::string(charset.name);
  out.confidence = detection.confidence;
  out.had_bom = detection.bom_length > 0;
  if (!is_forced && !out.had_bom && charset.kind != CharsetKind::utf8) {
    diag.add(Severity::note, SourceLocation{options.path, 0, 0, -1}, "encoding-detected",
             "detected encoding " + out.encoding + " (confidence " +
                 std::to_string(out.confidence) + ")");
  }
  const std::string_view body = bytes.substr(detection.bom_length);
  const auto base = static_cast<std::int64_t>(detection.bom_length);
  switch (charset.kind) {
    case CharsetKind::utf8:
      // Detection has validated it already: a plain copy.
      out.utf8 = detection.valid_utf8 ? std::string(body) : decode_utf8(body, options, diag, base);
      break;
    case CharsetKind::icu_unicode:
      out.utf8 = decode_icu(body, charset, options, diag, base);
      break;
    case CharsetKind::single_byte:
      out.utf8 = decode_single_byte(body, charset, options, diag);
      break;
  }
  return out;
}

void validate_utf8(std::string_view utf8, const std::string& path) {
  const std::size_t at = detail::find_invalid_utf8(utf8, 0);
  if (at == detail::kNoError)
    return;
  const BadBytes bad{
      at, static_cast<std::int64_t>(at),
      detail::describe_invalid_utf8(utf8, at, detail::invalid_utf8_length(utf8, at))};
  throw_at(bad, utf8.substr(0, at), path);
}

std::string encode(std::string_view utf8, std::string_view encoding) {
  return encode(utf8, encoding, EncodeOptions{});
}

namespace {

[[noreturn]] void unmappable(std::string_view utf8, std::size_t at, UChar32 c,
                             const Charset& charset) {
  char name[128] = {};
  UErrorCode status = U_ZERO_ERROR;
  u_charName(c, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
  const std::size_t length = detail::invalid_utf8_length(utf8, at);
  std::string message = "cannot encode " + std::string(hex);
  if (U_SUCCESS(status) && name[0] != '\0')
    message += " " + std::string(name);
  message += " \"" + std::string(utf8.substr(at, length)) + "\" in " + std::string(charset.name);
  const auto [line, column] = LineIndex(utf8).locate(static_cast<std::int64_t>(at));
  throw EncodingError(message, SourceLocation{"", line, column, static_cast<std::int64_t>(at)});
}

std::string encode_single_byte(std::string_view utf8, const Charset& charset) {
  const detail::SingleByteTable& table = detail::table_of(charset);
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  std::string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    if (s[i] < 0x80) {
      out += static_cast<char>(s[i++]);
      continue;
    }
    const std::size_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, utf8.size(), c);
    const auto found = table.from_unicode.find(static_cast<char32_t>(c));
    if (found == table.from_unicode.end())
      unmappable(utf8, start, c, charset);
    out += static_cast<char>(found->second);
  }
  return out;
}

std::string encode_icu(std::string_view utf8, const Charset& charset) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  std::vector<UChar> units(static_cast<std::size_t>(length) + 1);
  status = U_ZERO_ERROR;
  u_strFromUTF8(units.data(), static_cast<int32_t>(units.size()), &length, utf8.data(),
                static_cast<int32_t>(utf8.size()), &status);
  ConverterPtr converter = open_converter(charset);
  std::string out(static_cast<std::size_t>(length) * 4 + 16, '\0');
  status = U_ZERO_ERROR;
  const int32_t written = ucnv_fromUChars(
      converter.get(), out.data(), static_cast<int32_t>(out.size()), units.data(), length, &status);
  if (U_FAILURE(status)) {
    throw EnvironmentError("ICU failed to encode " + std::string(charset.name) + ": " +
                           u_errorName(status));
  }
  out.resize(static_cast<std::size_t>(written));
  return out;
}

}  // namespace

std::string encode(std::string_view utf8, std::string_view encoding, const EncodeOptions& options) {
  const Charset& charset = find_or_throw(encoding);
  validate_utf8(utf8, "");
  std::string out;
  if (options.bom) {
    if (charset.bom.empty()) {
      throw UsageError("a byte order mark exists only for UTF-8, UTF-16 and UTF-32, not for " +
                       std::string(charset.name));
    }
    out = charset.bom;
  }
  switch (charset.kind) {
    case CharsetKind::utf8:
      out += utf8;
      break;
    case CharsetKind::icu_unicode:
      out += encode_icu(utf8, charset);
      break;
    case CharsetKind::single_byte:
      out += encode_single_byte(utf8, charset);
      break;
  }
  return out;
}

std::vector<std::string> supported_encodings() {
  std::vector<std::string> names;
  for (const auto& charset : detail::all_charsets())
    names.emplace_back(charset.name);
  return names;
}

}  // namespace kopru::text
