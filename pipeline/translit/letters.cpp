#include "pipeline/translit/letters.h"

#include <unicode/utf16.h>

#include <array>
#include <cctype>
#include <cstdio>

namespace kopru::translit::detail {

std::string utf8_of(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::UnicodeString unicode_of(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string code_point_name(UChar32 c) {
  std::array<char, 16> hex{};
  std::snprintf(hex.data(), hex.size(), "U+%04X", static_cast<unsigned>(c));
  std::string glyph;
  icu::UnicodeString(c).toUTF8String(glyph);
  return "'" + glyph + "' (" + hex.data() + ")";
}

std::string_view script_name(UScriptCode code) {
  return uscript_getName(code);
}

namespace {

// Look-alike letters between Latin and Cyrillic keyboards.
struct Homoglyph {
  UChar32 latin;
  UChar32 cyrillic;
};
constexpr std::array kHomoglyphs{
    Homoglyph{'a', 0x0430}, Homoglyph{'c', 0x0441},    Homoglyph{'e', 0x0435},
    Homoglyph{'o', 0x043E}, Homoglyph{'p', 0x0440},    Homoglyph{'x', 0x0445},
    Homoglyph{'y', 0x0443}, Homoglyph{'i', 0x0456},    Homoglyph{'j', 0x0458},
    Homoglyph{'h', 0x04BB}, Homoglyph{0x0259, 0x04D9}, Homoglyph{'A', 0x0410},
    Homoglyph{'B', 0x0412}, Homoglyph{'C', 0x0421},    Homoglyph{'E', 0x0415},
    Homoglyph{'H', 0x041D}, Homoglyph{'K', 0x041A},    Homoglyph{'M', 0x041C},
    Homoglyph{'O', 0x041E}, Homoglyph{'P', 0x0420},    Homoglyph{'T', 0x0422},
    Homoglyph{'X', 0x0425}, Homoglyph{'Y', 0x04AE},    Homoglyph{'I', 0x0406},
    Homoglyph{'J', 0x0408}, Homoglyph{0x018F, 0x04D8}, Homoglyph{'S', 0x0405},
    Homoglyph{'s', 0x0455},
};

}  // namespace

UChar32 homoglyph_in(UChar32 c, UScriptCode script) {
  for (const auto& h : kHomoglyphs) {
    if (script == USCRIPT_CYRILLIC && c == h.latin)
      return h.cyrillic;
    if (script == USCRIPT_LATIN && c == h.cyrillic)
      return h.latin;
  }
  return U_SENTINEL;
}

Case case_of(const icu::UnicodeString& s) {
  int upper = 0;
  int lower = 0;
  bool first_upper = false;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (u_isupper(c) || u_istitle(c)) {
      if (upper + lower == 0)
        first_upper = true;
      ++upper;
    } else if (u_islower(c)) {
      ++lower;
    }
  }
  if (upper == 0)
    return lower == 0 ? Case::none : Case::lower;
  if (lower == 0)
    return upper >= 2 ? Case::upper : Case::title;
  if (first_upper && upper == 1)
    return Case::title;
  return Case::mixed;
}

// Mixed-case words (ЎзМУ, АҚШнинг) are split where the case changes; each piece is one case.
std::vector<icu::UnicodeString> case_pieces(const icu::UnicodeString& s) {
  std::vector<icu::UnicodeString> pieces;
  int32_t start = 0;
  int upper_run = 0;
  bool previous_lower = false;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    const bool is_upper = u_isupper(c) || u_istitle(c);
    const bool is_lower = u_islower(c);
    const bool split = (is_upper && previous_lower) || (is_lower && upper_run >= 2);
    if (split && i > start) {
      pieces.emplace_back(s, start, i - start);
      start = i;
    }
    if (is_upper) {
      upper_run = split || previous_lower ? 1 : upper_run + 1;
      previous_lower = false;
    } else if (is_lower) {
      upper_run = 0;
      previous_lower = true;
    }
    i += U16_LENGTH(c);
  }
  pieces.emplace_back(s, start);
  return pieces;
}

bool is_roman_numeral(const icu::UnicodeString& s) {
  if (s.length() < 2)
    return false;
  for (int32_t i = 0; i < s.length(); ++i) {
    if (icu::UnicodeString(u"IVXLCDM").indexOf(s.charAt(i)) < 0)
      return false;
  }
  // Well formed: thousands, hundreds, tens, units, each in its canonical spelling.
  static constexpr std::array<std::u16string_view, 4> kOrders{u"M", u"CDM", u"XLC", u"IVX"};
  std::u16string_view rest(reinterpret_cast<const char16_t*>(s.getBuffer()),
                           static_cast<std::size_t>(s.length()));
  auto take = [&rest](std::u16string_view digit) {
    if (rest.starts_with(digit)) {
      rest.remove_prefix(digit.size());
      return true;
    }
    return false;
  };
  for (int repeat = 0; repeat < 4 && take(u"M"); ++repeat) {
  }
  for (std::size_t order = 1; order < kOrders.size(); ++order) {
    const char16_t one = kOrders[order][0];
    const char16_t five = kOrders[order][1];
    const char16_t ten = kOrders[order][2];
    const std::u16string nine{one, ten};
    const std::u16string four{one, five};
    if (take(nine) || take(four))
      continue;
    take(std::u16string(1, five));
    for (int repeat = 0; repeat < 3 && take(std::u16string(1, one)); ++repeat) {
    }
  }
  return rest.empty();
}

// URLs, e-mail addresses, @handles and #tags are copied as they are.
bool is_protected_chunk(std::string_view chunk) {
  if (chunk.find("://") != std::string_view::npos || chunk.find("www.") != std::string_view::npos)
    return true;
  const std::size_t at = chunk.find('@');
  if (at != std::string_view::npos)
    return true;
  if (chunk.empty())
    return false;
  std::size_t i = 0;
  while (i + 1 < chunk.size() && (chunk[i] == '(' || chunk[i] == '"' || chunk[i] == '\''))
    ++i;
  const auto next = i + 1 < chunk.size() ? static_cast<unsigned char>(chunk[i + 1]) : 0;
  return chunk[i] == '#' && (next >= 0x80 || std::isalnum(next) != 0);
}

}  // namespace kopru::translit::detail
