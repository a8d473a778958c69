#include "pipeline/text/detect.h"

#include <unicode/uchar.h>
#include <unicode/ucsdet.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <functional>
#include <memory>

#include "pipeline/text/utf8_scan.h"

namespace kopru::text::detail {

namespace {

constexpr std::size_t kSampleBytes = std::size_t{256} * 1024;
constexpr std::size_t kUtf16SampleBytes = std::size_t{64} * 1024;
constexpr std::size_t kUcsdetBytes = std::size_t{64} * 1024;

// Letters that only some languages use. A real text draws its special letters from one language;
// a wrong code page scatters them over several (Kazakh in windows-1251 shows Serbian ј, Ukrainian
// є and Belarusian ў side by side), or pairs them with Russian letters that language lacks (a
// Macedonian ќ next to ы).
struct CyrillicLanguage {
  std::u16string_view letters;  // beyond the Russian alphabet
  std::u16string_view lacks;    // Russian letters it does not use
};
constexpr CyrillicLanguage kCyrillicLanguages[] = {
    {u"", u""},                  // Russian
    {u"", u"ыэё"},               // Bulgarian
    {u"әғқңөұүһі", u""},         // Kazakh
    {u"ўқғҳ", u"щы"},            // Uzbek
    {u"ғӣқӯҳҷ", u"щыь"},         // Tajik
    {u"ђјљњћџ", u"йщъыьэюяё"},   // Serbian
    {u"ѓѕјљњќџ", u"йщъыьэюяё"},  // Macedonian
    {u"єіїґ", u"ъыэё"},          // Ukrainian
    {u"іў", u"ищъ"},             // Belarusian
    {u"әғҙҡңөҫүһ", u""},         // Bashkir
    {u"әөүҗңһ", u""},            // Tatar
    {u"ңөү", u""},               // Kyrgyz
};
// Russian letter frequencies (per mille, а..я then ё): a wrong Cyrillic code page permutes the
// alphabet, and the permuted text is made of rare letters.
constexpr double kRussianFrequency[] = {80.1, 15.9, 45.4, 17.0, 29.8, 84.5,  9.4,  16.5, 73.5,
                                        12.1, 34.9, 44.0, 32.1, 67.0, 109.7, 28.1, 47.3, 54.7,
                                        62.6, 26.2, 2.6,  9.7,  4.8,  14.4,  7.3,  3.6,  0.4,
                                        19.0, 17.4, 3.2,  6.4,  20.1, 2.0};
constexpr std::u16string_view kLatinLanguages[] = {
    u"çğıöşüâîû",          // Turkish
    u"çəğıöşü",            // Azerbaijani
    u"äöüß",               // German
    u"àâæçéèêëîïôœùûüÿ",   // French
    u"áéíñóúü",            // Spanish
    u"áâãàçéêíóôõú",       // Portuguese
    u"àèéìíîòóùú",         // Italian
    u"æøåéó",              // Danish, Norwegian
    u"åäöé",               // Swedish, Finnish
    u"áéíóúýþðæö",         // Icelandic
    u"ąćęłńóśźż",          // Polish
    u"áčďéěíňóřšťúůýž",    // Czech
    u"áäčďéíĺľňóôŕšťúýž",  // Slovak
    u"áéíóöőúüű",          // Hungarian
    u"ăâîșțşţ",            // Romanian
    u"čćđšž",              // Croatian, Slovenian, Bosnian
    u"ëç",                 // Albanian
};
// The most frequent letters of Arabic-script texts (Arabic, Uyghur, Persian); a wrong code page
// produces the rest, and the tatweel.
constexpr std::u16string_view kCommonArabic = u"اليمونهرتبىةكدسعفقئھ";

// Punctuation that ordinary text uses; other symbols from the upper half are suspicious.
constexpr std::u16string_view kCommonPunctuation = u"\u00A0«»„“”‘’‚–—…№•·°©€،؛؟¿¡\u02BC";

enum class Kind : std::uint8_t { other, letter, mark, space, common, rare, control, undefined };
// Bit flags, combined with |: a plain enum on purpose.
enum Script : unsigned { latin = 1, cyrillic = 2, arabic = 4, greek = 8, other_script = 16 };

struct CharInfo {
  Kind kind = Kind::other;
  unsigned script = 0;
  bool lower = false;
  bool upper = false;
  bool special = false;         // a language-specific letter (see the tables above)
  std::uint32_t languages = 0;  // bit per language of its script's table
  bool cyrillic_special = false;
  bool apostrophe = false;
  int russian_index = -1;  // 0-32 for а..я, ё (either case)
  double frequency = 0;    // how common the letter is (Russian and Arabic-script letters)
};

int russian_index(char32_t lower) {
  if (lower >= 0x430 && lower <= 0x44F)
    return static_cast<int>(lower - 0x430);
  return lower == 0x451 ? 32 : -1;
}

unsigned script_bit(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(static_cast<UChar32>(c), &status)) {
    case USCRIPT_LATIN:
      return latin;
    case USCRIPT_CYRILLIC:
      return cyrillic;
    case USCRIPT_ARABIC:
      return arabic;
    case USCRIPT_GREEK:
      return greek;
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return 0;
    default:
      return other_script;
  }
}

template <std::size_t N>
std::uint32_t language_bits(const std::u16string_view (&languages)[N], char32_t lower) {
  std::uint32_t bits = 0;
  for (std::size_t i = 0; i < N; ++i) {
    if (languages[i].find(static_cast<char16_t>(lower)) != std::u16string_view::npos) {
      bits |= 1U << i;
    }
  }
  return bits;
}

CharInfo classify(char32_t c) {
  CharInfo info;
  if (c == kUndefined) {
    info.kind = Kind::undefined;
    return info;
  }
  const auto u = static_cast<UChar32>(c);
  const auto category = static_cast<UCharCategory>(u_charType(u));
  if (u_isalpha(u)) {
    info.kind = Kind::letter;
    info.script = script_bit(c);
    info.lower = u_islower(u) != 0;
    info.upper = u_isupper(u) != 0;
    const auto lower = static_cast<char32_t>(u_tolower(u));
    info.russian_index = russian_index(lower);
    if (info.russian_index >= 0) {
      const double per_mille = kRussianFrequency[info.russian_index];
      info.frequency = std::clamp(0.6 * (std::log(per_mille / 1000.0) + 3.5), -1.5, 0.6);
    } else if (info.script == arabic) {
      const bool common = kCommonArabic.find(static_cast<char16_t>(c)) != std::u16string_view::npos;
      info.frequency = common ? 0.1 : -0.5;
    } else if (info.script == cyrillic) {
      info.special = true;
      info.cyrillic_special = true;
      for (std::size_t i = 0; i < std::size(kCyrillicLanguages); ++i) {
        if (kCyrillicLanguages[i].letters.find(static_cast<char16_t>(lower)) !=
            std::u16string_view::npos) {
          info.languages |= 1U << i;
        }
      }
    } else if (info.script == latin && lower >= 0x80) {
      info.special = true;
      info.languages = language_bits(kLatinLanguages, lower);
    }
  } else if (category == U_NON_SPACING_MARK || category == U_COMBINING_SPACING_MARK) {
    info.kind = Kind::mark;
  } else if (u_isWhitespace(u) || c == 0xA0) {
    info.kind = Kind::space;
  } else if (c < 0x80) {
    info.kind = u_iscntrl(u) ? Kind::control : Kind::other;
  } else if (u_iscntrl(u)) {
    info.kind = Kind::control;
  } else if (kCommonPunctuation.find(static_cast<char16_t>(c)) != std::u16string_view::npos) {
    info.kind = Kind::common;
    info.apostrophe = c == 0x2019 || c == 0x02BC;
  } else {
    info.kind = Kind::rare;
  }
  return info;
}

using Infos = std::array<CharInfo, 256>;

Infos classify_table(const SingleByteTable& table) {
  Infos infos;
  for (std::size_t b = 0; b < 256; ++b)
    infos[b] = classify(table.to_unicode[b]);
  return infos;
}

bool is_wordish(const CharInfo& info) {
  return info.kind == Kind::letter || info.kind == Kind::mark;
}

// Scores one word (a run of letters and marks) of the sample; only upper-half bytes count, since
// ASCII reads the same in every candidate.
class WordScorer {
 public:
  void add(const CharInfo& info, bool high) {
    if (info.kind == Kind::mark) {
      if (high)
        letter_score_ += 0.5;
      return;
    }
    ++letters_;
    scripts_ |= info.script;
    if (high) {
      ++high_letters_;
      letter_score_ += (info.upper ? 0.6 : 1.0) + info.frequency;
    } else {
      ++ascii_letters_;
    }
    if (info.upper && prev_lower_ && (high || prev_high_))
      ++camel_;
    prev_lower_ = info.lower;
    prev_high_ = high;
  }

  double finish() {
    double score = 0;
    if (std::popcount(scripts_) > 1) {
      score = -4.0 * high_letters_;
    } else {
      score = letter_score_ - 3.0 * camel_;
      // Latin-script languages sprinkle accents among ASCII letters; a long word made only of
      // accented letters is Cyrillic or Greek read with a Latin code page.
      if (scripts_ == latin && ascii_letters_ == 0 && letters_ >= 3)
        score -= 1.2 * high_letters_;
    }
    *this = WordScorer();
    return score;
  }

 private:
  int letters_ = 0;
  int high_letters_ = 0;
  int ascii_letters_ = 0;
  int camel_ = 0;
  unsigned scripts_ = 0;
  double letter_score_ = 0;
  bool prev_lower_ = false;
  bool prev_high_ = false;
};

// Special letters that fall outside the best-fitting language of their script.
template <std::size_t N>
int foreign_letters(const std::array<int, N>& per_language, int total) {
  const int best = *std::max_element(per_language.begin(), per_language.end());
  return total - best;
}

// The cost of the best-fitting Cyrillic language: special letters it lacks, plus half a point per
// Russian letter it does not use.
double cyrillic_misfit(const std::array<int, std::size(kCyrillicLanguages)>& covered, int total,
                       const std::array<int, 33>& russian) {
  double best = 1e300;
  for (std::size_t g = 0; g < std::size(kCyrillicLanguages); ++g) {
    double lacking = 0;
    for (const char16_t c : kCyrillicLanguages[g].lacks) {
      lacking += russian[static_cast<std::size_t>(russian_index(c))];
    }
    best = std::min(best, (total - covered[g]) + 0.5 * lacking);
  }
  return best;
}

double score_sample(std::string_view sample, const Infos& infos) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(sample.data());
  const std::size_t n = sample.size();
  double score = 0;
  WordScorer word;
  std::array<int, std::size(kCyrillicLanguages)> cyrillic{};
  std::array<int, std::size(kLatinLanguages)> latin{};
  std::array<int, 33> russian{};
  int cyrillic_total = 0;
  int latin_total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char b = bytes[i];
    const CharInfo& info = infos[b];
    const bool high = b >= 0x80;
    if (is_wordish(info)) {
      word.add(info, high);
      if (high && info.russian_index >= 0)
        ++russian[static_cast<std::size_t>(info.russian_index)];
      if (high && info.special) {
        auto& counts = info.cyrillic_special ? cyrillic_total : latin_total;
        ++counts;
        for (std::size_t k = 0; k < 32; ++k) {
          if ((info.languages & (1U << k)) == 0)
            continue;
          if (info.cyrillic_special && k < cyrillic.size())
            ++cyrillic[k];
          if (!info.cyrillic_special && k < latin.size())
            ++latin[k];
        }
      }
      continue;
    }
    score += word.finish();
    if (!high)
      continue;
    switch (info.kind) {
      case Kind::undefined:
        score -= 20;
        break;
      case Kind::control:
        score -= 8;
        break;
      case Kind::common:
      case Kind::rare: {
        // An apostrophe belongs inside words (İstanbul’da, don’t); other symbols do not.
        const bool inside_word = i > 0 && i + 1 < n && is_wordish(infos[bytes[i - 1]]) &&
                                 is_wordish(infos[bytes[i + 1]]) && !info.apostrophe;
        if (inside_word) {
          score -= 4;
        } else if (info.kind == Kind::rare) {
          score -= 1.5;
        }
        break;
      }
      default:
        break;
    }
  }
  score += word.finish();
  score -= 2.5 * cyrillic_misfit(cyrillic, cyrillic_total, russian);
  score -= 2.5 * foreign_letters(latin, latin_total);
  return score;
}

struct UcsdetGuess {
  const Charset* charset = nullptr;
  int confidence = 0;
};

std::vector<UcsdetGuess> ucsdet_guesses(std::string_view sample) {
  std::vector<UcsdetGuess> guesses;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status),
                                                                      &ucsdet_close);
  if (U_FAILURE(status))
    return guesses;
  sample = sample.substr(0, kUcsdetBytes);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &found, &status);
  if (U_FAILURE(status))
    return guesses;
  for (int32_t i = 0; i < found; ++i) {
    const char* name = ucsdet_getName(matches[i], &status);
    const int32_t confidence = ucsdet_getConfidence(matches[i], &status);
    if (U_FAILURE(status) || name == nullptr)
      return guesses;
    const Charset* charset = find_charset(name);
    if (charset != nullptr && charset->kind == CharsetKind::single_byte) {
      guesses.push_back({charset, confidence});
    }
  }
  return guesses;
}

struct Scored {
  const Charset* charset = nullptr;
  const SingleByteTable* table = nullptr;
  double score = 0;
};

std::vector<Scored> score_candidates(std::string_view sample) {
  std::vector<Scored> scored;
  for (const auto& charset : all_charsets()) {
    if (charset.kind != CharsetKind::single_byte)
      continue;
    const SingleByteTable& table = table_of(charset);
    scored.push_back({&charset, &table, score_sample(sample, classify_table(table))});
  }
  std::size_t high = 0;
  for (const char c : sample)
    high += static_cast<unsigned char>(c) >= 0x80 ? 1 : 0;
  for (const auto& guess : ucsdet_guesses(sample)) {
    for (auto& s : scored) {
      if (s.charset == guess.charset)
        s.score += 0.1 * static_cast<double>(high) * guess.confidence / 100.0;
    }
  }
  return scored;
}

std::string_view sample_of(std::string_view bytes) {
  std::string_view sample = bytes.substr(0, kSampleBytes);
  const bool any_high = std::any_of(sample.begin(), sample.end(),
                                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (any_high)
    return sample;
  const auto first = std::find_if(bytes.begin(), bytes.end(),
                                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  return bytes.substr(static_cast<std::size_t>(first - bytes.begin()), kSampleBytes);
}

Detection detect_single_byte(std::string_view bytes) {
  const std::string_view sample = sample_of(bytes);
  const std::vector<Scored> scored = score_candidates(sample);
  // Earlier in all_charsets() wins a tie: the common code page when the text reads the same.
  std::size_t best = 0;
  for (std::size_t i = 1; i < scored.size(); ++i) {
    if (scored[i].score > scored[best].score)
      best = i;
  }
  std::array<std::size_t, 256> histogram{};
  for (const char c : sample)
    ++histogram[static_cast<unsigned char>(c)];
  std::size_t high = 0;
  for (std::size_t b = 0x80; b < 256; ++b)
    high += histogram[b];
  // Code pages that decode this sample to the same text cannot be told apart by it (Turkish
  // without typographic quotes reads alike in windows-1254 and ISO-8859-9): name the common one,
  // the earliest in all_charsets(), rather than whichever ICU's detector leaned to.
  for (std::size_t i = 0; i < best; ++i) {
    bool same = true;
    for (std::size_t b = 0x80; b < 256 && same; ++b) {
      same =
          histogram[b] == 0 || scored[i].table->to_unicode[b] == scored[best].table->to_unicode[b];
    }
    if (same) {
      best = i;
      break;
    }
  }
  // The runner-up among decodings that differ, and how many characters the two disagree on: the
  // margin is measured on those, since the rest reads alike.
  double margin = 1.0;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    if (i == best)
      continue;
    std::size_t differing = 0;
    for (std::size_t b = 0x80; b < 256; ++b) {
      if (scored[i].table->to_unicode[b] != scored[best].table->to_unicode[b])
        differing += histogram[b];
    }
    if (differing == 0)
      continue;
    // Half a point per differing character is already a clear verdict.
    const double gap = 2 * (scored[best].score - scored[i].score) / static_cast<double>(differing);
    margin = std::min(margin, std::clamp(gap, 0.0, 1.0));
  }
  const double quality = std::clamp(
      scored[best].score / static_cast<double>(std::max<std::size_t>(high, 1)), 0.0, 1.0);
  const double evidence = std::min(1.0, static_cast<double>(high) / 30.0);
  const double confidence = 20 + 79 * quality * (0.4 + 0.6 * margin) * (0.5 + 0.5 * evidence);
  return {scored[best].charset, static_cast<int>(std::lround(confidence)), 0};
}

// UTF-16 without a byte order mark: ASCII characters put a NUL in every other byte.
Detection detect_utf16(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kUtf16SampleBytes & ~std::size_t{1});
  const std::size_t pairs = sample.size() / 2;
  if (pairs < 2)
    return {};
  std::array<std::array<std::size_t, 256>, 2> histogram{};
  for (std::size_t i = 0; i < sample.size(); ++i) {
    ++histogram[i % 2][static_cast<unsigned char>(sample[i])];
  }
  const auto share = [pairs](std::size_t count) {
    return static_cast<double>(count) / static_cast<double>(pairs);
  };
  // The high byte of a text in one script takes two values: 0 (ASCII) and the script's block
  // (0x04 Cyrillic, 0x06 Arabic), while the low byte varies.
  const auto top_two = [&](int parity) {
    std::array<std::size_t, 256> counts = histogram[static_cast<std::size_t>(parity)];
    std::partial_sort(counts.begin(), counts.begin() + 2, counts.end(), std::greater<>());
    return share(counts[0] + counts[1]);
  };
  for (const int high : {1, 0}) {
    const double zeros = share(histogram[static_cast<std::size_t>(high)][0]);
    const double other_zeros = share(histogram[static_cast<std::size_t>(1 - high)][0]);
    const double concentration = top_two(high);
    const bool ascii_pattern = zeros >= 0.2 && other_zeros <= 0.02;
    const bool script_pattern =
        zeros >= 0.03 && other_zeros <= 0.02 && concentration >= 0.9 && top_two(1 - high) <= 0.6;
    if (ascii_pattern || script_pattern) {
      const double strength = std::max(zeros, concentration - 0.5);
      const int confidence = static_cast<int>(std::lround(std::min(99.0, 60.0 + 80.0 * strength)));
      return {&charset(high == 1 ? "UTF-16LE" : "UTF-16BE"), confidence, 0};
    }
  }
  return {};
}

// Valid UTF-8 with errors here and there is still UTF-8 (and gets reported as broken), unless the
// errors outnumber the well-formed characters, as in any legacy code page.
bool mostly_utf8(std::string_view bytes, std::size_t first_invalid, std::size_t multibyte) {
  const std::string_view sample = bytes.substr(0, std::max(kSampleBytes * 4, first_invalid + 1));
  std::size_t invalid = 0;
  std::size_t i = first_invalid;
  while (i != kNoError && i < sample.size()) {
    ++invalid;
    i = find_invalid_utf8(sample, i + invalid_utf8_length(sample, i), &multibyte);
  }
  // Legacy single-byte text almost never forms valid multi-byte UTF-8 by accident, while each of
  // its non-ASCII letters is invalid: a file with twice as many valid sequences as broken ones is
  // UTF-8 with damage, and its damage should be reported as such.
  return multibyte >= 4 && multibyte >= 2 * invalid;
}

}  // namespace

const Charset* charset_of_bom(std::string_view bytes) {
  for (const char* name : {"UTF-32LE", "UTF-32BE", "UTF-8", "UTF-16LE", "UTF-16BE"}) {
    const Charset& c = charset(name);
    if (bytes.substr(0, c.bom.size()) == c.bom)
      return &c;
  }
  return nullptr;
}

Detection detect(std::string_view bytes) {
  if (const Charset* bom = charset_of_bom(bytes))
    return {bom, 100, bom->bom.size()};
  if (Detection utf16 = detect_utf16(bytes); utf16.charset != nullptr)
    return utf16;
  std::size_t multibyte = 0;
  const std::size_t invalid = find_invalid_utf8(bytes, 0, &multibyte);
  if (invalid == kNoError) {
    const int confidence = static_cast<int>(std::min<std::size_t>(100, 80 + 5 * multibyte));
    return {&charset("UTF-8"), multibyte == 0 ? 100 : confidence, 0, true};
  }
  if (mostly_utf8(bytes, invalid, multibyte))
    return {&charset("UTF-8"), 90, 0};
  return detect_single_byte(bytes);
}

}  // namespace kopru::text::detail
