#include "pipeline/text/charsets.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf8.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "pipeline/core/error.h"
#include "pipeline/core/locales.h"

namespace kopru::text::detail {

namespace {

using Kind = CharsetKind;

struct Alias {
  std::string_view alias;  // normalized
  std::string_view name;
};

// Normalized aliases; a canonical name is always accepted too.
constexpr Alias kAliases[] = {
    {"utf8", "UTF-8"},
    {"utf", "UTF-8"},
    {"utf16le", "UTF-16LE"},
    {"ucs2le", "UTF-16LE"},
    {"utf16", "UTF-16LE"},
    {"unicode", "UTF-16LE"},
    {"utf16be", "UTF-16BE"},
    {"ucs2be", "UTF-16BE"},
    {"utf32le", "UTF-32LE"},
    {"utf32", "UTF-32LE"},
    {"utf32be", "UTF-32BE"},
    {"cp1251", "windows-1251"},
    {"win1251", "windows-1251"},
    {"ansi1251", "windows-1251"},
    {"xcp1251", "windows-1251"},
    {"1251", "windows-1251"},
    {"cp1254", "windows-1254"},
    {"win1254", "windows-1254"},
    {"1254", "windows-1254"},
    {"cp1256", "windows-1256"},
    {"win1256", "windows-1256"},
    {"1256", "windows-1256"},
    {"cp1252", "windows-1252"},
    {"win1252", "windows-1252"},
    {"1252", "windows-1252"},
    {"latin1", "windows-1252"},
    {"iso88591", "windows-1252"},
    {"cp1250", "windows-1250"},
    {"win1250", "windows-1250"},
    {"1250", "windows-1250"},
    {"koi8", "KOI8-R"},
    {"cskoi8r", "KOI8-R"},
    {"cp20866", "KOI8-R"},
    {"cyrillic", "ISO-8859-5"},
    {"isoir144", "ISO-8859-5"},
    {"latin5", "ISO-8859-9"},
    {"l5", "ISO-8859-9"},
    {"isoir148", "ISO-8859-9"},
    {"kz1048", "KZ-1048"},
    {"rk1048", "KZ-1048"},
    {"strk10482002", "KZ-1048"},
    {"cskz1048", "KZ-1048"},
    {"ptcp154", "PT154"},
    {"cp154", "PT154"},
    {"csptcp154", "PT154"},
    {"cyrillicasian", "PT154"},
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return {};
  std::ostringstream data;
  data << in.rdbuf();
  return data.str();
}

[[noreturn]] void bad_table(const std::string& path, int line, const std::string& why) {
  throw EnvironmentError("code-page table " + path + ":" + std::to_string(line) + ": " + why);
}

// Parses the Unicode MAPPINGS layout: "0xBB\t0xUUUU\t# NAME" or "0xBB\t#UNDEFINED".
std::array<char32_t, 256> parse_table(const std::string& text, const std::string& path) {
  std::array<char32_t, 256> map{};
  std::array<bool, 256> seen{};
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty() || line[0] == '#')
      continue;
    std::istringstream fields(line);
    std::string byte_field;
    std::string unicode_field;
    fields >> byte_field >> unicode_field;
    char* end = nullptr;
    const unsigned long byte = std::strtoul(byte_field.c_str(), &end, 16);
    if (byte_field.rfind("0x", 0) != 0 || *end != '\0' || byte > 0xFF) {
      bad_table(path, number, "expected a byte such as 0x8D, found \"" + byte_field + "\"");
    }
    if (seen[byte])
      bad_table(path, number, "byte " + byte_field + " is listed twice");
    seen[byte] = true;
    if (unicode_field.rfind("#UNDEFINED", 0) == 0) {
      map[byte] = kUndefined;
      continue;
    }
    const unsigned long code_point = std::strtoul(unicode_field.c_str(), &end, 16);
    if (unicode_field.rfind("0x", 0) != 0 || *end != '\0' || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      bad_table(path, number,
                "expected a code point such as 0x049A, found \"" + unicode_field + "\"");
    }
    map[byte] = static_cast<char32_t>(code_point);
  }
  for (int b = 0; b < 256; ++b) {
    if (!seen[static_cast<std::size_t>(b)]) {
      bad_table(path, number, "byte " + std::to_string(b) + " is missing (all 256 must be listed)");
    }
  }
  return map;
}

extern "C" void stop_on_unmapped(const void* context, UConverterToUnicodeArgs* /*args*/,
                                 const char* /*code_units*/, int32_t /*length*/,
                                 UConverterCallbackReason reason, UErrorCode* error) {
  if (reason <= UCNV_IRREGULAR)
    *static_cast<bool*>(const_cast<void*>(context)) = true;
  if (reason <= UCNV_IRREGULAR)
    *error = U_ZERO_ERROR;
}

// Each byte decoded on its own by ICU's converter; bytes ICU rejects are unassigned.
std::array<char32_t, 256> table_from_icu(std::string_view icu_name) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(
      ucnv_open(std::string(icu_name).c_str(), &status), &ucnv_close);
  if (U_FAILURE(status)) {
    throw EnvironmentError("ICU has no converter " + std::string(icu_name) + ": " +
                           u_errorName(status));
  }
  bool unmapped = false;
  ucnv_setToUCallBack(converter.get(), stop_on_unmapped, &unmapped, nullptr, nullptr, &status);
  std::array<char32_t, 256> map{};
  for (int b = 0; b < 256; ++b) {
    const char byte = static_cast<char>(b);
    UChar out[4] = {};
    unmapped = false;
    status = U_ZERO_ERROR;
    ucnv_resetToUnicode(converter.get());
    const int32_t length = ucnv_toUChars(converter.get(), out, 4, &byte, 1, &status);
    if (U_FAILURE(status) || unmapped || length == 0) {
      map[static_cast<std::size_t>(b)] = kUndefined;
      continue;
    }
    UChar32 c = 0;
    int32_t i = 0;
    U16_NEXT(out, i, length, c);
    map[static_cast<std::size_t>(b)] = static_cast<char32_t>(c);
  }
  return map;
}

std::unique_ptr<SingleByteTable> build_table(const Charset& charset) {
  auto table = std::make_unique<SingleByteTable>();
  if (!charset.icu_name.empty()) {
    table->to_unicode = table_from_icu(charset.icu_name);
  } else {
    const std::string path = locales_dir() + "/encodings/" + std::string(charset.table_file);
    const std::string text = read_file(path);
    if (text.empty()) {
      throw EnvironmentError("cannot read the " + std::string(charset.name) + " code-page table " +
                             path + " (set KOPRU_LOCALES to the directory holding encodings/)");
    }
    table->to_unicode = parse_table(text, path);
  }
  for (std::size_t b = 0; b < 256; ++b) {
    const char32_t c = table->to_unicode[b];
    if (c == kUndefined)
      continue;
    char utf8[4];
    int32_t length = 0;
    U8_APPEND_UNSAFE(utf8, length, static_cast<UChar32>(c));
    table->to_utf8[b].assign(utf8, static_cast<std::size_t>(length));
    // The first byte wins when a code page maps a character twice.
    table->from_unicode.emplace(c, static_cast<std::uint8_t>(b));
  }
  return table;
}

}  // namespace

std::string normalize_name(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == '-' || c == '_' || c == ' ' || c == '.')
      continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

const std::vector<Charset>& all_charsets() {
  static const std::vector<Charset> charsets = {
      {"UTF-8", Kind::utf8, "", "", "\xEF\xBB\xBF"},
      {"UTF-16LE", Kind::icu_unicode, "UTF-16LE", "", "\xFF\xFE"},
      {"UTF-16BE", Kind::icu_unicode, "UTF-16BE", "", "\xFE\xFF"},
      {"UTF-32LE", Kind::icu_unicode, "UTF-32LE", "", std::string_view("\xFF\xFE\0\0", 4)},
      {"UTF-32BE", Kind::icu_unicode, "UTF-32BE", "", std::string_view("\0\0\xFE\xFF", 4)},
      {"windows-1251", Kind::single_byte, "windows-1251", "", ""},
      {"windows-1252", Kind::single_byte, "windows-1252", "", ""},
      {"windows-1254", Kind::single_byte, "windows-1254", "", ""},
      {"windows-1256", Kind::single_byte, "windows-1256", "", ""},
      {"KZ-1048", Kind::single_byte, "", "kz-1048.txt", ""},
      {"PT154", Kind::single_byte, "", "pt154.txt", ""},
      {"KOI8-R", Kind::single_byte, "KOI8-R", "", ""},
      {"ISO-8859-5", Kind::single_byte, "ISO-8859-5", "", ""},
      {"windows-1250", Kind::single_byte, "windows-1250", "", ""},
      {"ISO-8859-9", Kind::single_byte, "ISO-8859-9", "", ""},
  };
  return charsets;
}

const Charset* find_charset(std::string_view name) {
  const std::string key = normalize_name(name);
  if (key.empty())
    return nullptr;
  std::string_view canonical;
  for (const auto& alias : kAliases) {
    if (alias.alias == key)
      canonical = alias.name;
  }
  for (const auto& c : all_charsets()) {
    if (canonical.empty() ? normalize_name(c.name) == key : c.name == canonical)
      return &c;
  }
  return nullptr;
}

const Charset& charset(std::string_view canonical_name) {
  for (const auto& c : all_charsets()) {
    if (c.name == canonical_name)
      return c;
  }
  throw InternalError("unknown charset " + std::string(canonical_name));
}

const SingleByteTable& table_of(const Charset& charset) {
  // Keyed by where the data came from, so a changed KOPRU_LOCALES is honoured.
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<SingleByteTable>> cache;
  const std::string key = charset.icu_name.empty()
                              ? locales_dir() + "/encodings/" + std::string(charset.table_file)
                              : std::string(charset.name);
  const std::lock_guard lock(mutex);
  auto& slot = cache[key];
  if (!slot)
    slot = build_table(charset);
  return *slot;
}

}  // namespace kopru::text::detail
