// The character code tables of Tech 3264: table 00 (ISO 6937 with non-spacing diacritic
// prefixes) is written out here from the standard; tables 01-04 are ISO 8859-5/6/7/8 and the GSI
// code pages 437/850/860/863/865, all built from ICU's converters with a stop callback, so an
// unassigned byte stays unassigned instead of becoming a substitute character.
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "codecs/stl/stl_internal.h"
#include "pipeline/core/error.h"

namespace kopru::codecs::stl::detail {

namespace {

using Table = std::array<char32_t, 256>;

// ISO 6937 columns A-F as Tech 3264 code table 00 has them (0 = unassigned). Column C holds the
// non-spacing diacritics, given as combining marks. 0xE0 is given as U+03A9, the NFC form of the
// ohm sign, so decoded text is always NFC.
constexpr char32_t kLatinHigh[96] = {
    // A0
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x0024, 0x00A5, 0x0023, 0x00A7, 0x00A4, 0x2018, 0x201C, 0x00AB,
    0x2190, 0x2191, 0x2192, 0x2193,
    // B0
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00D7, 0x00B5, 0x00B6, 0x00B7, 0x00F7, 0x2019, 0x201D, 0x00BB,
    0x00BC, 0x00BD, 0x00BE, 0x00BF,
    // C0: diacritics (C9 is the old umlaut position, read as a diaeresis)
    0, 0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x0306, 0x0307, 0x0308, 0x0308, 0x030A, 0x0327,
    0x0331, 0x030B, 0x0328, 0x030C,
    // D0
    0x2015, 0x00B9, 0x00AE, 0x00A9, 0x2122, 0x266A, 0x00AC, 0x00A6, 0, 0, 0, 0, 0x215B, 0x215C,
    0x215D, 0x215E,
    // E0
    0x03A9, 0x00C6, 0x0110, 0x00AA, 0x0126, 0, 0x0132, 0x013F, 0x0141, 0x00D8, 0x0152, 0x00BA,
    0x00DE, 0x0166, 0x014A, 0x0149,
    // F0
    0x0138, 0x00E6, 0x0111, 0x00F0, 0x0127, 0x0131, 0x0133, 0x0140, 0x0142, 0x00F8, 0x0153, 0x00DF,
    0x00FE, 0x0167, 0x014B, 0x00AD};

Table icu_table(const char* converter) {
  Table table;
  table.fill(kNoChar);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cnv(ucnv_open(converter, &status),
                                                         &ucnv_close);
  if (U_FAILURE(status))
    throw EnvironmentError(std::string("ICU has no converter ") + converter);
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  for (int b = 0; b < 256; ++b) {
    const char byte = static_cast<char>(b);
    UChar out[4];
    status = U_ZERO_ERROR;
    ucnv_reset(cnv.get());
    const int32_t n = ucnv_toUChars(cnv.get(), out, 4, &byte, 1, &status);
    if (U_SUCCESS(status) && n == 1 && out[0] != 0xFFFD && out[0] != 0x1A)
      table[static_cast<std::size_t>(b)] = out[0];
  }
  return table;
}

Table latin_table() {
  Table table;
  table.fill(kNoChar);
  for (int b = 0x20; b < 0x7F; ++b)
    table[static_cast<std::size_t>(b)] = static_cast<char32_t>(b);
  table[0x24] = 0x00A4;  // ISO 6937-2 keeps '$' at 0xA4 and the currency sign at 0x24
  for (int b = 0xA0; b <= 0xFF; ++b) {
    const char32_t c = kLatinHigh[b - 0xA0];
    if (c != 0)
      table[static_cast<std::size_t>(b)] = c;
  }
  return table;
}

// A table for TF bytes: printable ASCII and the upper half only (0x00-0x1F and 0x80-0x9F are
// teletext control codes in a text field).
Table text_table(const char* converter) {
  Table table = icu_table(converter);
  for (int b = 0; b < 0x20; ++b)
    table[static_cast<std::size_t>(b)] = kNoChar;
  for (int b = 0x7F; b < 0xA0; ++b)
    table[static_cast<std::size_t>(b)] = kNoChar;
  return table;
}

struct Tables {
  std::array<Table, 5> text;
  std::array<std::map<char32_t, std::uint8_t>, 5> reverse;
  std::map<char32_t, std::uint8_t> diacritics;  // combining mark -> table 00 prefix byte
};

const Tables& tables() {
  static const Tables all = [] {
    Tables t;
    t.text[0] = latin_table();
    t.text[1] = text_table("ISO-8859-5");
    t.text[2] = text_table("ISO-8859-6");
    t.text[3] = text_table("ISO-8859-7");
    t.text[4] = text_table("ISO-8859-8");
    for (std::size_t i = 0; i < 5; ++i) {
      for (int b = 0xFF; b >= 0x20; --b) {  // lower bytes win: '#' is 0x23, not 0xA6
        const char32_t c = t.text[i][static_cast<std::size_t>(b)];
        if (c == kNoChar || (i == 0 && b >= 0xC0 && b <= 0xCF))
          continue;
        t.reverse[i][c] = static_cast<std::uint8_t>(b);
      }
    }
    for (int b = 0xCF; b >= 0xC1; --b) {
      const char32_t c = t.text[0][static_cast<std::size_t>(b)];
      if (c != kNoChar)
        t.diacritics[c] = static_cast<std::uint8_t>(b);
    }
    t.reverse[0][0x2126] = 0xE0;  // the ohm sign, canonically equivalent to U+03A9
    t.reverse[0]['$'] = 0xA4;     // 0x24 is the currency sign in ISO 6937-2 / Tech 3264
    return t;
  }();
  return all;
}

const icu::Normalizer2& nfc_normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || n == nullptr)
    throw EnvironmentError("ICU NFC normalizer unavailable");
  return *n;
}

const icu::Normalizer2& nfd_normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || n == nullptr)
    throw EnvironmentError("ICU NFD normalizer unavailable");
  return *n;
}

// Base + one diacritic of table 00 for a precomposed letter, when its canonical decomposition is
// exactly that.
std::optional<std::pair<char32_t, char32_t>> latin_decomposition(char32_t c) {
  icu::UnicodeString d;
  if (!nfd_normalizer().getDecomposition(static_cast<UChar32>(c), d))
    return std::nullopt;
  if (d.countChar32() != 2)
    return std::nullopt;
  const char32_t base = static_cast<char32_t>(d.char32At(0));
  const char32_t mark = static_cast<char32_t>(d.char32At(d.moveIndex32(0, 1)));
  return std::pair{base, mark};
}

struct LanguageCode {
  std::string_view code;
  std::string_view tag;
};

// Tech 3264 Appendix 3 (from EBU Tech 3258); the Turkic languages in it are Turkish 29,
// Azerbaijani 7B, Kazakh 67, Tatar 4C, Uzbek 47 and Chuvash 74 (Kyrgyz, Uyghur and Turkmen have no
// code).
constexpr LanguageCode kLanguages[] = {
    {"01", "sq"},  {"02", "br"}, {"03", "ca"}, {"04", "hr"}, {"05", "cy"}, {"06", "cs"},
    {"07", "da"},  {"08", "de"}, {"09", "en"}, {"0A", "es"}, {"0B", "eo"}, {"0C", "et"},
    {"0D", "eu"},  {"0E", "fo"}, {"0F", "fr"}, {"10", "fy"}, {"11", "ga"}, {"12", "gd"},
    {"13", "gl"},  {"14", "is"}, {"15", "it"}, {"16", "se"}, {"17", "la"}, {"18", "lv"},
    {"19", "lb"},  {"1A", "lt"}, {"1B", "hu"}, {"1C", "mt"}, {"1D", "nl"}, {"1E", "no"},
    {"1F", "oc"},  {"20", "pl"}, {"21", "pt"}, {"22", "ro"}, {"23", "rm"}, {"24", "sr"},
    {"25", "sk"},  {"26", "sl"}, {"27", "fi"}, {"28", "sv"}, {"29", "tr"}, {"2A", "nl-BE"},
    {"2B", "wa"},  {"45", "zu"}, {"46", "vi"}, {"47", "uz"}, {"48", "ur"}, {"49", "uk"},
    {"4A", "th"},  {"4B", "te"}, {"4C", "tt"}, {"4D", "ta"}, {"4E", "tg"}, {"4F", "sw"},
    {"50", "srn"}, {"51", "so"}, {"52", "si"}, {"53", "sn"}, {"54", "sh"}, {"55", "rue"},
    {"56", "ru"},  {"57", "qu"}, {"58", "ps"}, {"59", "pa"}, {"5A", "fa"}, {"5B", "pap"},
    {"5C", "or"},  {"5D", "ne"}, {"5E", "nd"}, {"5F", "mr"}, {"60", "mo"}, {"61", "ms"},
    {"62", "mg"},  {"63", "mk"}, {"64", "lo"}, {"65", "ko"}, {"66", "km"}, {"67", "kk"},
    {"68", "kn"},  {"69", "ja"}, {"6A", "id"}, {"6B", "hi"}, {"6C", "he"}, {"6D", "ha"},
    {"6E", "gn"},  {"6F", "gu"}, {"70", "el"}, {"71", "ka"}, {"72", "ff"}, {"73", "prs"},
    {"74", "cv"},  {"75", "zh"}, {"76", "my"}, {"77", "bg"}, {"78", "bn"}, {"79", "be"},
    {"7A", "bm"},  {"7B", "az"}, {"7C", "as"}, {"7D", "hy"}, {"7E", "ar"}, {"7F", "am"},
};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

void append_utf8(std::string& out, char32_t c) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, 4, static_cast<UChar32>(c), error);
  if (error)
    out += "\xEF\xBF\xBD";
  else
    out.append(buf, static_cast<std::size_t>(n));
}

std::vector<char32_t> to_code_points(std::string_view utf8) {
  std::vector<char32_t> out;
  out.reserve(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

std::string nfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::UnicodeString out = nfc_normalizer().normalize(in, status);
  std::string result;
  if (U_FAILURE(status))
    return std::string(utf8);
  out.toUTF8String(result);
  return result;
}

// ---- GSI code pages --------------------------------------------------------------------------

const std::array<char32_t, 256>* code_page_table(std::string_view cpn) {
  static std::map<std::string, Table, std::less<>> pages = {
      {"437", icu_table("ibm-437")}, {"850", icu_table("ibm-850")}, {"860", icu_table("ibm-860")},
      {"863", icu_table("ibm-863")}, {"865", icu_table("ibm-865")},
  };
  // ICU reads 0x7F as DEL; in the PC code pages it is the graphic HOUSE, which GSI text uses.
  static const bool fixed = [] {
    for (auto& [name, table] : pages)
      table[0x7F] = 0x2302;
    return true;
  }();
  (void)fixed;
  const auto it = pages.find(cpn);
  return it == pages.end() ? nullptr : &it->second;
}

std::string decode_gsi_field(std::string_view bytes, const std::array<char32_t, 256>& table) {
  std::string_view trimmed = bytes;
  while (!trimmed.empty() && trimmed.back() == ' ')
    trimmed.remove_suffix(1);
  std::string text;
  bool exact = true;
  for (const char ch : trimmed) {
    const char32_t c = table[static_cast<unsigned char>(ch)];
    if (c == kNoChar || c < 0x20 || c == 0x7F) {
      exact = false;
      break;
    }
    append_utf8(text, c);
  }
  if (exact && text.rfind("hex:", 0) != 0) {
    const auto again = encode_gsi_field(text, bytes.size(), table);
    if (again && *again == bytes)
      return text;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex = "hex:";
  for (const char ch : bytes) {
    hex += kHex[static_cast<unsigned char>(ch) >> 4];
    hex += kHex[static_cast<unsigned char>(ch) & 15];
  }
  return hex;
}

std::optional<std::string> encode_gsi_field(std::string_view value, std::size_t size,
                                            const std::array<char32_t, 256>& table) {
  std::string out;
  if (value.rfind("hex:", 0) == 0) {
    const std::string_view hex = value.substr(4);
    if (hex.size() != size * 2)
      return std::nullopt;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
      int v = 0;
      for (std::size_t k = 0; k < 2; ++k) {
        const char h = hex[i + k];
        const int d = h >= '0' && h <= '9'   ? h - '0'
                      : h >= 'a' && h <= 'f' ? h - 'a' + 10
                      : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                             : -1;
        if (d < 0)
          return std::nullopt;
        v = v * 16 + d;
      }
      out += static_cast<char>(v);
    }
    return out;
  }
  // Code page 437 has one letter that tables disagree on: 0xE6 is U+03BC in ICU and the micro
  // sign U+00B5 elsewhere (IRT, Python); both are taken.
  const auto same = [](char32_t in_table, char32_t c) {
    return in_table == c || (in_table == 0x03BC && c == 0x00B5);
  };
  for (const char32_t c : to_code_points(value)) {
    int found = -1;
    for (int b = 0x20; b < 256 && found < 0; ++b) {
      if (same(table[static_cast<std::size_t>(b)], c))
        found = b;
    }
    if (found < 0)
      return std::nullopt;
    out += static_cast<char>(found);
  }
  if (out.size() > size)
    return std::nullopt;
  out.resize(size, ' ');
  return out;
}

std::string language_from_code(std::string_view lc) {
  const std::string code = upper(lc);
  for (const auto& l : kLanguages) {
    if (l.code == code)
      return std::string(l.tag);
  }
  return {};
}

std::string code_from_language(std::string_view primary) {
  for (const auto& l : kLanguages) {
    if (l.tag == primary)
      return std::string(l.code);
  }
  return {};
}

// ---- text code tables ------------------------------------------------------------------------

std::string_view code_table_name(CodeTable table) {
  switch (table) {
    case CodeTable::latin:
      return "ISO 6937 Latin (EBU STL code table 00)";
    case CodeTable::cyrillic:
      return "ISO 8859-5 Cyrillic (EBU STL code table 01)";
    case CodeTable::arabic:
      return "ISO 8859-6 Arabic (EBU STL code table 02)";
    case CodeTable::greek:
      return "ISO 8859-7 Greek (EBU STL code table 03)";
    case CodeTable::hebrew:
      return "ISO 8859-8 Hebrew (EBU STL code table 04)";
  }
  return "";
}

std::string code_table_cct(CodeTable table) {
  return "0" + std::to_string(static_cast<int>(table));
}

std::optional<CodeTable> code_table_from_cct(std::string_view cct) {
  if (cct.size() == 2 && cct[0] == '0' && cct[1] >= '0' && cct[1] <= '4')
    return static_cast<CodeTable>(cct[1] - '0');
  return std::nullopt;
}

std::optional<CodeTable> code_table_from_charset(std::string_view charset) {
  if (const auto t = code_table_from_cct(charset))
    return t;
  static constexpr std::string_view kNames[] = {"latin", "cyrillic", "arabic", "greek", "hebrew"};
  for (std::size_t i = 0; i < 5; ++i) {
    if (upper(charset) == upper(kNames[i]))
      return static_cast<CodeTable>(i);
  }
  return std::nullopt;
}

char32_t table_char(CodeTable table, std::uint8_t byte) {
  return tables().text[static_cast<std::size_t>(table)][byte];
}

bool is_diacritic_prefix(CodeTable table, std::uint8_t byte) {
  return table == CodeTable::latin && byte >= 0xC1 && byte <= 0xCF &&
         table_char(table, byte) != kNoChar;
}

std::string encode_char(CodeTable table, char32_t c) {
  const Tables& t = tables();
  const auto& reverse = t.reverse[static_cast<std::size_t>(table)];
  if (const auto it = reverse.find(c); it != reverse.end())
    return std::string(1, static_cast<char>(it->second));
  if (table != CodeTable::latin)
    return {};
  if (const auto mark = t.diacritics.find(c); mark != t.diacritics.end())
    return std::string(1, static_cast<char>(mark->second));  // goes before the previous base
  if (const auto d = latin_decomposition(c)) {
    const auto base = reverse.find(d->first);
    const auto mark = t.diacritics.find(d->second);
    if (base != reverse.end() && mark != t.diacritics.end())
      return std::string{static_cast<char>(mark->second), static_cast<char>(base->second)};
  }
  return {};
}

bool table_carries(CodeTable table, char32_t c) {
  return c == '\n' || !encode_char(table, c).empty();
}

}  // namespace kopru::codecs::stl::detail
