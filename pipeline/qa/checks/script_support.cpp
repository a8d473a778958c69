#include "pipeline/qa/checks/script_support.h"

#include <unicode/locid.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "pipeline/translit/letters.h"

namespace kopru::qa::script {

namespace {

const std::uint8_t* bytes_of(std::string_view text) {
  return reinterpret_cast<const std::uint8_t*>(text.data());
}

std::int32_t length_of(std::string_view text) {
  return static_cast<std::int32_t>(text.size());
}

// Han, kana, hangul and bopomofo letters make one family: Japanese and Korean words mix them.
UScriptCode family(UScriptCode s) {
  switch (s) {
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
      return USCRIPT_HAN;
    default:
      return s;
  }
}

bool in_alphabet(const std::u32string& alphabet, UChar32 c) {
  const auto has = [&](UChar32 x) {
    return alphabet.find(static_cast<char32_t>(x)) != alphabet.npos;
  };
  return has(c) || has(u_tolower(c)) || has(u_toupper(c));
}

}  // namespace

UScriptCode script_of(const LanguageTag& tag) {
  const auto from_code = [](const std::string& code) {
    const std::int32_t value = u_getPropertyValueEnum(UCHAR_SCRIPT, code.c_str());
    return value < 0 ? USCRIPT_INVALID_CODE : static_cast<UScriptCode>(value);
  };
  if (!tag.script().empty())
    return from_code(tag.script());
  if (tag.empty() || tag.language() == "und")
    return USCRIPT_INVALID_CODE;
  icu::Locale locale(tag.language().c_str(), tag.region().empty() ? nullptr : tag.region().c_str());
  UErrorCode status = U_ZERO_ERROR;
  locale.addLikelySubtags(status);
  if (U_FAILURE(status) || locale.isBogus() || *locale.getScript() == '\0')
    return USCRIPT_INVALID_CODE;
  return from_code(locale.getScript());
}

std::string script_code(UScriptCode script) {
  const char* code = uscript_getShortName(script);
  return code == nullptr ? "" : code;
}

std::string script_name(UScriptCode script) {
  const char* name = uscript_getName(script);
  if (name == nullptr)
    return "";
  std::string text = name;
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

bool belongs(UScriptCode letter, UScriptCode track) {
  if (letter == track)
    return true;
  switch (track) {
    case USCRIPT_SIMPLIFIED_HAN:
    case USCRIPT_TRADITIONAL_HAN:
      return letter == USCRIPT_HAN;
    case USCRIPT_HAN_WITH_BOPOMOFO:
      return letter == USCRIPT_HAN || letter == USCRIPT_BOPOMOFO;
    case USCRIPT_JAPANESE:
      return letter == USCRIPT_HAN || letter == USCRIPT_HIRAGANA || letter == USCRIPT_KATAKANA;
    case USCRIPT_KOREAN:
      return letter == USCRIPT_HAN || letter == USCRIPT_HANGUL;
    default:
      return false;
  }
}

std::string utf8(UChar32 c) {
  std::array<char, 4> bytes{};
  std::int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<std::uint8_t*>(bytes.data()), length, 4, c, error);
  return error ? std::string() : std::string(bytes.data(), static_cast<std::size_t>(length));
}

std::string quoted(UChar32 c) {
  std::array<char, 16> hex{};
  std::snprintf(hex.data(), hex.size(), "U+%04X", static_cast<unsigned>(c));
  return "'" + utf8(c) + "' (" + hex.data() + ")";
}

// Keeps the per-word work linear on a 1 MB "word".
constexpr std::size_t kMaxOddLetters = 8;

bool analyse_word(std::string_view word, UScriptCode track, MixedWord& out) {
  struct Count {
    UScriptCode script;
    int letters;
  };
  std::array<Count, 4> counts{};
  std::size_t scripts = 0;
  const auto* s = bytes_of(word);
  const std::int32_t length = length_of(word);
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    const UScriptCode script = family(letter_script(c));
    if (script == USCRIPT_COMMON)
      continue;
    std::size_t k = 0;
    while (k < scripts && counts[k].script != script)
      ++k;
    if (k == scripts) {
      if (scripts == counts.size())
        continue;  // a fifth script in one word: the first four decide
      counts[scripts++] = {script, 0};
    }
    ++counts[k].letters;
  }
  if (scripts < 2)
    return false;
  const UScriptCode track_family = family(track);
  std::size_t main = 0;
  for (std::size_t k = 1; k < scripts; ++k) {
    if (counts[k].letters > counts[main].letters ||
        (counts[k].letters == counts[main].letters && counts[k].script == track_family))
      main = k;
  }
  out = MixedWord{};
  out.word_script = counts[main].script;
  out.all_twins = true;
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    const UScriptCode script = family(letter_script(c));
    if (script == USCRIPT_COMMON || script == out.word_script)
      continue;
    if (std::find(out.odd.begin(), out.odd.end(), c) != out.odd.end())
      continue;
    if (out.odd.size() == kMaxOddLetters) {
      out.all_twins = false;  // not a slip of the keyboard but text in two scripts
      break;
    }
    if (out.odd.empty())
      out.odd_script = script;
    out.odd.push_back(c);
    const UChar32 twin = translit::detail::homoglyph_in(c, out.word_script);
    out.all_twins = out.all_twins && twin != U_SENTINEL;
    out.twins.push_back(twin);
  }
  return true;
}

std::string replace_twins(std::string_view word, const MixedWord& mixed) {
  std::string out;
  out.reserve(word.size());
  const auto* s = bytes_of(word);
  const std::int32_t length = length_of(word);
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    const auto it = std::find(mixed.odd.begin(), mixed.odd.end(), c);
    if (c >= 0 && it != mixed.odd.end() && mixed.twins[it - mixed.odd.begin()] != U_SENTINEL)
      out += utf8(mixed.twins[it - mixed.odd.begin()]);
    else
      out.append(word.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at)));
  }
  return out;
}

bool twin_allowed(const Profile& profile, UScriptCode script, UChar32 twin) {
  const auto it = profile.alphabets.find(script_code(script));
  return it == profile.alphabets.end() || it->second.empty() || in_alphabet(it->second, twin);
}

// ---- Uzbek apostrophes -------------------------------------------------------------------------

bool is_uzbek_latin(const LanguageTag& tag) {
  return tag.language() == "uz" && script_of(tag) == USCRIPT_LATIN;
}

std::vector<ApostropheFix> uzbek_apostrophes(std::string_view text) {
  std::vector<ApostropheFix> fixes;
  const auto* s = bytes_of(text);
  const std::int32_t length = length_of(text);
  UChar32 previous = 0;  // the code point before the current one (0 at the start)
  UChar32 open_quote = 0;
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !translit::detail::is_apostrophe_like(c)) {
      previous = c;
      continue;
    }
    UChar32 next = 0;
    if (i < length) {
      std::int32_t j = i;
      U8_NEXT(s, j, length, next);
    }
    const bool letter_before = previous > 0 && is_letter(previous);
    const bool letter_after = next > 0 && is_letter(next);
    const bool after_o_g = previous == 'o' || previous == 'O' || previous == 'g' || previous == 'G';
    UChar32 wanted = 0;
    if (!letter_before) {
      if (letter_after)
        open_quote = c;  // 'soʻz' opens a quotation
    } else if (letter_after) {
      wanted = after_o_g ? kTurnedComma : kModifierApos;
    } else if (c == open_quote) {
      open_quote = 0;  // the closing quote
    } else if (previous == 'g' || previous == 'G') {
      wanted = kTurnedComma;  // togʻ, bogʻ end in gʻ
    }
    if (wanted != 0 && wanted != c)
      fixes.push_back({static_cast<std::size_t>(at), static_cast<std::size_t>(i - at), c, wanted});
    previous = c;
  }
  return fixes;
}

// ---- mojibake ----------------------------------------------------------------------------------

int cp1252_byte(UChar32 c) {
  if (c < 0x80 || (c > 0xFF && c < 0x0152) || c > 0x2122)
    return -1;
  if (c <= 0xFF)
    return static_cast<int>(c);  // Latin-1 (and C1 controls left by Latin-1 decoding)
  static constexpr std::array<std::pair<UChar32, int>, 27> kSpecials{{
      {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85},
      {0x2020, 0x86}, {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A},
      {0x2039, 0x8B}, {0x0152, 0x8C}, {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92},
      {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97},
      {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B}, {0x0153, 0x9C},
      {0x017E, 0x9E}, {0x0178, 0x9F},
  }};
  for (const auto& [code, byte] : kSpecials) {
    if (code == c)
      return byte;
  }
  return -1;
}

namespace {

// Punctuation a word may end with right after a capital (GEÇ…, AÇ—): as a UTF-8 continuation
// byte it would make a false "Ç…" sequence.
bool is_typographic(int byte) {
  switch (byte) {
    case 0x82:
    case 0x84:
    case 0x85:
    case 0x8B:
    case 0x91:
    case 0x92:
    case 0x93:
    case 0x94:
    case 0x95:
    case 0x96:
    case 0x97:
    case 0x9B:
    case 0xA0:
    case 0xAB:
    case 0xB4:
    case 0xB7:
    case 0xBB:
    case 0xBF:
    case 0xA1:
      return true;
    default:
      return false;
  }
}

int continuation_bytes(int lead) {
  if (lead >= 0xC2 && lead <= 0xDF)
    return 1;
  if (lead >= 0xE0 && lead <= 0xEF)
    return 2;
  if (lead >= 0xF0 && lead <= 0xF4)
    return 3;
  return 0;
}

}  // namespace

std::vector<Mojibake> utf8_mojibake(std::string_view text) {
  std::vector<Mojibake> found;
  const auto* s = bytes_of(text);
  const std::int32_t length = length_of(text);
  UChar32 previous = 0;
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    const UChar32 before = previous;
    previous = c;
    const int lead = cp1252_byte(c);
    const int needed = continuation_bytes(lead);
    if (needed == 0)
      continue;
    std::array<std::uint8_t, 4> bytes{static_cast<std::uint8_t>(lead)};
    std::int32_t end = i;
    int last = 0;
    int got = 0;
    while (got < needed && end < length) {
      UChar32 d = 0;
      std::int32_t next = end;
      U8_NEXT(s, next, length, d);
      const int byte = cp1252_byte(d);
      if (byte < 0x80 || byte > 0xBF)
        break;
      bytes[static_cast<std::size_t>(++got)] = static_cast<std::uint8_t>(byte);
      last = byte;
      end = next;
    }
    if (got < needed)
      continue;
    UChar32 meant = 0;
    std::int32_t k = 0;
    U8_NEXT(bytes.data(), k, needed + 1, meant);
    if (meant < 0x80)
      continue;
    if (needed == 1 && is_typographic(last) && before < 0x80 &&
        (before == 0 || is_letter(before))) {
      UChar32 after = 0;
      if (end < length) {
        std::int32_t j = end;
        U8_NEXT(s, j, length, after);
      }
      if (after <= 0 || !is_letter(after))
        continue;  // "GEÇ…": punctuation ending a word, not a broken letter
    }
    found.push_back(
        {static_cast<std::size_t>(at), static_cast<std::size_t>(end - at), utf8(meant)});
    i = end;
  }
  return found;
}

std::vector<Mojibake> cp1251_mojibake(std::string_view text) {
  std::vector<Mojibake> found;
  const auto in_range = [](UChar32 c) { return c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7; };
  for_each_word(text, [&](std::string_view word, std::size_t offset) {
    const auto* s = bytes_of(word);
    const std::int32_t length = length_of(word);
    int letters = 0;
    for (std::int32_t i = 0; i < length; ++letters) {
      UChar32 c = 0;
      U8_NEXT(s, i, length, c);
      if (!in_range(c))
        return;
    }
    if (letters < 4)
      return;
    std::string meant;
    for (std::int32_t i = 0; i < length;) {
      UChar32 c = 0;
      U8_NEXT(s, i, length, c);
      meant += utf8(0x0410 + (c - 0xC0));  // cp1251 0xC0-0xFF is А-я in order
    }
    found.push_back({offset, word.size(), std::move(meant)});
  });
  return found;
}

UChar32 cp1254_turkish(UChar32 c) {
  switch (c) {
    case 0x00DD:
      return 0x0130;  // Ý -> İ
    case 0x00FD:
      return 0x0131;  // ý -> ı
    case 0x00D0:
      return 0x011E;  // Ð -> Ğ
    case 0x00F0:
      return 0x011F;  // ð -> ğ
    case 0x00DE:
      return 0x015E;  // Þ -> Ş
    case 0x00FE:
      return 0x015F;  // þ -> ş
    default:
      return 0;
  }
}

bool is_cp1254_language(const LanguageTag& tag) {
  return (tag.language() == "tr" || tag.language() == "az") && script_of(tag) == USCRIPT_LATIN;
}

// ---- Turkic casing -----------------------------------------------------------------------------

bool is_turkic_cased(const LanguageTag& tag) {
  const std::string& language = tag.language();
  if (tag.script().empty())
    return language == "tr" || language == "az" || language == "crh" || language == "gag";
  if (tag.script() != "Latn")
    return false;
  static constexpr std::array<std::string_view, 7> kTurkic{"tr", "az", "crh", "gag",
                                                           "kk", "tt", "ky"};
  return std::find(kTurkic.begin(), kTurkic.end(), language) != kTurkic.end();
}

bool has_i_harmony(const LanguageTag& tag) {
  return is_turkic_cased(tag) &&
         (tag.language() == "tr" || tag.language() == "az" || tag.language() == "crh");
}

}  // namespace kopru::qa::script
