#include "pipeline/qa/source_text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <utility>

namespace kopru::qa {
namespace {

// Decodes one code point at `i` (advancing it); U+FFFD for invalid bytes.
UChar32 next_code_point(std::string_view text, std::size_t& i) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  auto at = static_cast<std::int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(s, at, static_cast<std::int32_t>(text.size()), c);
  i = static_cast<std::size_t>(at);
  return c < 0 ? 0xFFFD : c;
}

void append_utf8(UChar32 c, std::string& out) {
  std::array<std::uint8_t, 4> bytes{};
  std::int32_t length = 0;
  UBool error = false;
  U8_APPEND(bytes.data(), length, 4, c, error);
  if (!error)
    out.append(reinterpret_cast<const char*>(bytes.data()), static_cast<std::size_t>(length));
}

int digit_value(UChar32 c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c < 0x80)
    return -1;
  return u_charType(c) == U_DECIMAL_DIGIT_NUMBER ? u_charDigitValue(c) : -1;
}

// Reads the digits at `i` as ASCII into `digits` (cleared); returns the end.
std::size_t read_digits(std::string_view text, std::size_t i, std::string& digits) {
  digits.clear();
  while (i < text.size()) {
    std::size_t after = i;
    const int value = digit_value(next_code_point(text, after));
    if (value < 0)
      break;
    digits.push_back(static_cast<char>('0' + value));
    i = after;
  }
  return i;
}

enum class Separator { none, point, comma, space, other };

// The separator at `i` and where it ends: a thousands or decimal mark, a space that may group
// thousands ("1 000", no-break and thin spaces included), or another mark that splits dates and
// times ("12:30", "05/12").
Separator separator_at(std::string_view text, std::size_t i, std::size_t& after) {
  after = i;
  if (i >= text.size())
    return Separator::none;
  const UChar32 c = next_code_point(text, after);
  switch (c) {
    case '.':
      return Separator::point;
    case ',':
    case 0x066B:  // Arabic decimal separator
      return Separator::comma;
    case ' ':
    case 0x00A0:
    case 0x2009:
    case 0x202F:
    case 0x066C:  // Arabic thousands separator
      return Separator::space;
    case ':':
    case '/':
    case '-':
      return Separator::other;
    default:
      return Separator::none;
  }
}

void push_normalised(std::string number, std::vector<std::string>& out) {
  const std::size_t point = number.find('.');
  if (point != std::string::npos) {
    while (number.back() == '0')
      number.pop_back();
    if (number.back() == '.')
      number.pop_back();
  }
  const std::size_t integer_end =
      number.find('.') == std::string::npos ? number.size() : number.find('.');
  std::size_t zeros = 0;
  while (zeros + 1 < integer_end && number[zeros] == '0')
    ++zeros;
  number.erase(0, zeros);
  out.push_back(std::move(number));
}

bool digits_follow(std::string_view text, std::size_t i) {
  return i < text.size() && digit_value(next_code_point(text, i)) >= 0;
}

// Parts of a date or time after its first number ("12.05.1995", "12:30:05"), each a number of its
// own; returns where the chain ends.
std::size_t read_chain(std::string_view text, std::size_t i, std::vector<std::string>& out) {
  std::string part;
  for (;;) {
    std::size_t digits_at = 0;
    const Separator separator = separator_at(text, i, digits_at);
    if (separator == Separator::none || separator == Separator::space ||
        !digits_follow(text, digits_at))
      return i;
    i = read_digits(text, digits_at, part);
    push_normalised(part, out);
  }
}

// One number starting with the digits at `i`; returns where it ends.
std::size_t read_number(std::string_view text, std::size_t i, std::vector<std::string>& out) {
  std::string number;
  std::string group;
  i = read_digits(text, i, number);
  const bool short_lead = number.size() <= 3;  // "1 000" groups, "1995 000" does not
  Separator grouping = Separator::none;
  for (;;) {
    std::size_t digits_at = 0;
    const Separator separator = separator_at(text, i, digits_at);
    if (separator == Separator::none || separator == Separator::other ||
        !digits_follow(text, digits_at))
      break;
    const std::size_t end = read_digits(text, digits_at, group);
    std::size_t beyond = 0;
    const Separator following = separator_at(text, end, beyond);
    const bool thousands =
        group.size() == 3 && short_lead && (grouping == Separator::none || grouping == separator);
    if (thousands) {
      number += group;
      grouping = separator;
      i = end;
      continue;
    }
    if (separator == Separator::space || separator == grouping)
      break;  // the next digits are a number of their own
    if (grouping == Separator::none && following != Separator::none &&
        following != Separator::space && digits_follow(text, beyond)) {
      push_normalised(std::move(number), out);  // a date or a time: every part on its own
      return read_chain(text, i, out);
    }
    number += '.';
    number += group;
    i = end;
    break;
  }
  push_normalised(std::move(number), out);
  return i;
}

struct ScriptTally {
  std::array<std::pair<int, std::size_t>, 6> counts{};
  std::size_t used = 0;
  void add(int script) {
    for (std::size_t k = 0; k < used; ++k) {
      if (counts[k].first == script) {
        ++counts[k].second;
        return;
      }
    }
    if (used < counts.size())
      counts[used++] = {script, 1};
  }
  int most() const {
    int best = -1;
    std::size_t best_count = 0;
    for (std::size_t k = 0; k < used; ++k) {
      if (counts[k].second > best_count) {
        best = counts[k].first;
        best_count = counts[k].second;
      }
    }
    return best;
  }
};

}  // namespace

void append_comparable(std::string_view text, std::string& out) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ++i;
      if ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9'))
        out.push_back(static_cast<char>(byte));
      else if (byte >= 'A' && byte <= 'Z')
        out.push_back(static_cast<char>(byte - 'A' + 'a'));
      continue;
    }
    const UChar32 c = next_code_point(text, i);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        out.push_back(static_cast<char>(c));
      else if (c >= 'A' && c <= 'Z')
        out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (u_isalnum(c)) {
      append_utf8(u_foldCase(c, U_FOLD_CASE_DEFAULT), out);
    }
  }
}

void comparable_text(const CueText& cue, std::string& out) {
  out.clear();
  for (const std::string& line : cue.lines)
    append_comparable(line, out);
}

void append_numbers(std::string_view text, std::vector<std::string>& out) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80 && (byte < '0' || byte > '9')) {
      ++i;
      continue;
    }
    std::size_t after = i;
    const UChar32 c = next_code_point(text, after);
    if (digit_value(c) >= 0)
      i = read_number(text, i, out);
    else
      i = after;
  }
}

TextShape shape_of(const CueText& cue) {
  TextShape shape;
  ScriptTally scripts;
  for (const std::string& line : cue.lines) {
    bool in_word = false;
    for (std::size_t i = 0; i < line.size();) {
      const auto byte = static_cast<unsigned char>(line[i]);
      if (byte < 0x80) {  // ASCII: no ICU call (most subtitle text is mostly ASCII)
        ++i;
        const bool upper = byte >= 'A' && byte <= 'Z';
        const bool letter = upper || (byte >= 'a' && byte <= 'z');
        if (letter) {
          ++shape.letters;
          scripts.add(USCRIPT_LATIN);
          if (!in_word) {
            ++shape.words;
            shape.capitalised_words += upper ? 1 : 0;
          }
        }
        in_word = letter || (in_word && (byte == '\'' || byte == '-'));
        continue;
      }
      const UChar32 c = next_code_point(line, i);
      const bool letter = u_isalpha(c) != 0;
      const bool inner = in_word && (c == '\'' || c == 0x2019 || c == 0x02BB || c == 0x02BC ||
                                     c == '-' || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
      if (letter) {
        ++shape.letters;
        UErrorCode error = U_ZERO_ERROR;
        const UScriptCode script = uscript_getScript(c, &error);
        if (U_SUCCESS(error) && script != USCRIPT_COMMON && script != USCRIPT_INHERITED)
          scripts.add(script);
        if (!in_word) {
          ++shape.words;
          if (u_isupper(c) || u_istitle(c))
            ++shape.capitalised_words;
        }
      }
      in_word = letter || inner;
    }
  }
  shape.script = scripts.most();
  return shape;
}

std::string_view script_code(int script) {
  const char* name = uscript_getShortName(static_cast<UScriptCode>(script));
  return name == nullptr ? std::string_view() : std::string_view(name);
}

std::string_view script_name(int script) {
  const char* name = uscript_getName(static_cast<UScriptCode>(script));
  return name == nullptr ? std::string_view() : std::string_view(name);
}

int script_of_code(std::string_view code) {
  if (code.empty())
    return -1;
  const std::string name(code);
  const int32_t value = u_getPropertyValueEnum(UCHAR_SCRIPT, name.c_str());
  return value == UCHAR_INVALID_CODE ? -1 : value;
}

bool has_italic(const Document& doc, const Cue& cue) {
  bool visible_text = false;
  for (const Run& run : cue.runs) {
    if (run.kind != RunKind::text || run.text.find_first_not_of(" \t") == std::string::npos)
      continue;
    visible_text = true;
    if (has_span(run, SpanKind::italic))
      return true;
  }
  if (!visible_text || cue.style.empty())
    return false;
  const Style* style = doc.find_style(cue.style);
  return style != nullptr && style->italic;
}

bool is_positioned(const Placement& placement) {
  static const Placement bottom_centre = [] {
    Placement said;  // bottom centre, said explicitly
    said.alignment = 2;
    return said;
  }();
  return !placement.is_default() && placement != bottom_centre;
}

std::string describe_placement(const Placement& placement) {
  if (placement.alignment != 0 && placement.alignment != 2)
    return "alignment " + std::to_string(placement.alignment);
  if (placement.position)
    return "a \\pos position";
  if (placement.line)
    return "line " + std::to_string(static_cast<long long>(*placement.line)) +
           (placement.line_percent ? "%" : "");
  if (!placement.region.empty())
    return "region " + placement.region;
  return "a position";
}

std::string quoted(const CueText& cue) {
  constexpr std::size_t kMaxCodePoints = 40;
  std::string out = "\u201C";
  std::size_t count = 0;
  bool shortened = false;
  for (std::size_t l = 0; l < cue.lines.size() && !shortened; ++l) {
    if (l > 0)
      out += " / ";
    const std::string& line = cue.lines[l];
    for (std::size_t i = 0; i < line.size();) {
      const std::size_t begin = i;
      next_code_point(line, i);
      if (count++ == kMaxCodePoints) {
        shortened = true;
        break;
      }
      out.append(line, begin, i - begin);
    }
  }
  if (shortened)
    out += "\u2026";
  out += "\u201D";
  return out;
}

std::string cue_numbers(std::span<const std::size_t> indices, std::size_t limit) {
  std::string out;
  for (std::size_t k = 0; k < indices.size(); ++k) {
    if (k == limit) {
      out += ", \u2026";
      break;
    }
    if (k > 0)
      out += ", ";
    out += std::to_string(indices[k] + 1);
  }
  return out;
}

}  // namespace kopru::qa
