// The CEA-608 character sets. The basic set is ASCII except at ten code points, where 608 puts
// accented letters and signs (0x2A is á, not '*'); the special set (0x11 0x30-0x3F) and the two
// extended sets (0x12/0x13 0x20-0x3F) add the rest. Extended characters replace the basic
// character sent just before them, so decoders without them still show something close.
#include <algorithm>
#include <unordered_map>

#include "codecs/scc/scc.h"
#include "codecs/scc/scc_internal.h"

namespace kopru::codecs::scc {
namespace {

struct Remap {
  std::uint8_t byte;
  char32_t ch;
};

// Where the 608 basic set differs from ASCII.
constexpr std::array<Remap, 10> kBasicRemaps{{{0x2A, U'\u00E1'},
                                              {0x5C, U'\u00E9'},
                                              {0x5E, U'\u00ED'},
                                              {0x5F, U'\u00F3'},
                                              {0x60, U'\u00FA'},
                                              {0x7B, U'\u00E7'},
                                              {0x7C, U'\u00F7'},
                                              {0x7D, U'\u00D1'},
                                              {0x7E, U'\u00F1'},
                                              {0x7F, U'\u2588'}}};

// 0x11 0x30-0x3F. 0x39 is the "transparent space", a space that never breaks a line.
constexpr std::array<char32_t, 16> kSpecial{
    U'\u00AE', U'\u00B0', U'\u00BD', U'\u00BF', U'\u2122', U'\u00A2', U'\u00A3', U'\u266A',
    U'\u00E0', U'\u00A0', U'\u00E8', U'\u00E2', U'\u00EA', U'\u00EE', U'\u00F4', U'\u00FB'};

// 0x12 0x20-0x3F: Spanish, miscellaneous, French.
constexpr std::array<char32_t, 32> kExtended12{
    U'\u00C1', U'\u00C9', U'\u00D3', U'\u00DA', U'\u00DC', U'\u00FC', U'\u2018', U'\u00A1',
    U'*',      U'\'',     U'\u2014', U'\u00A9', U'\u2120', U'\u2022', U'\u201C', U'\u201D',
    U'\u00C0', U'\u00C2', U'\u00C7', U'\u00C8', U'\u00CA', U'\u00CB', U'\u00EB', U'\u00CE',
    U'\u00CF', U'\u00EF', U'\u00D4', U'\u00D9', U'\u00F9', U'\u00DB', U'\u00AB', U'\u00BB'};

// 0x13 0x20-0x3F: Portuguese, German, Danish (and the ASCII signs the basic set lacks).
constexpr std::array<char32_t, 32> kExtended13{
    U'\u00C3', U'\u00E3', U'\u00CD', U'\u00CC', U'\u00EC', U'\u00D2', U'\u00F2', U'\u00D5',
    U'\u00F5', U'{',      U'}',      U'\\',     U'^',      U'_',      U'|',      U'~',
    U'\u00C4', U'\u00E4', U'\u00D6', U'\u00F6', U'\u00DF', U'\u00A5', U'\u00A4', U'\u2502',
    U'\u00C5', U'\u00E5', U'\u00D8', U'\u00F8', U'\u250C', U'\u2510', U'\u2514', U'\u2518'};

// The plain letter an extended character falls back to on decoders that lack it.
std::uint8_t fallback_for(char32_t c) {
  switch (c) {
    case U'\u00C1':
    case U'\u00C0':
    case U'\u00C2':
    case U'\u00C3':
    case U'\u00C4':
    case U'\u00C5':
      return 'A';
    case U'\u00E3':
    case U'\u00E4':
    case U'\u00E5':
      return 'a';
    case U'\u00C9':
    case U'\u00C8':
    case U'\u00CA':
    case U'\u00CB':
      return 'E';
    case U'\u00EB':
      return 'e';
    case U'\u00CD':
    case U'\u00CC':
    case U'\u00CE':
    case U'\u00CF':
      return 'I';
    case U'\u00EC':
    case U'\u00EF':
      return 'i';
    case U'\u00D3':
    case U'\u00D2':
    case U'\u00D4':
    case U'\u00D5':
    case U'\u00D6':
    case U'\u00D8':
      return 'O';
    case U'\u00F2':
    case U'\u00F5':
    case U'\u00F6':
    case U'\u00F8':
      return 'o';
    case U'\u00DA':
    case U'\u00D9':
    case U'\u00DB':
    case U'\u00DC':
      return 'U';
    case U'\u00FC':
    case U'\u00F9':
      return 'u';
    case U'\u00C7':
      return 'C';
    case U'\u00DF':
      return 's';
    case U'\u2018':
    case U'\'':
      return '\'';
    case U'\u201C':
    case U'\u201D':
    case U'\u00AB':
    case U'\u00BB':
      return '"';
    case U'\u00A1':
      return '!';
    case U'\u2014':
    case U'\u2502':
    case U'\u250C':
    case U'\u2510':
    case U'\u2514':
    case U'\u2518':
      return '-';
    case U'\u00A9':
      return 'c';
    case U'\u00A5':
      return 'Y';
    default:
      return ' ';
  }
}

std::unordered_map<char32_t, Encoded> build_table() {
  std::unordered_map<char32_t, Encoded> table;
  // Inserted from the least to the most preferred form: basic wins over extended duplicates
  // (0x12 0x29 is a plain apostrophe too).
  for (int i = 0; i < 32; ++i) {
    const auto second = static_cast<std::uint8_t>(0x20 + i);
    table[kExtended13[static_cast<std::size_t>(i)]] = {
        Encoded::Kind::extended, 0x13, second,
        fallback_for(kExtended13[static_cast<std::size_t>(i)])};
    table[kExtended12[static_cast<std::size_t>(i)]] = {
        Encoded::Kind::extended, 0x12, second,
        fallback_for(kExtended12[static_cast<std::size_t>(i)])};
  }
  for (int i = 0; i < 16; ++i)
    table[kSpecial[static_cast<std::size_t>(i)]] = {Encoded::Kind::special, 0x11,
                                                    static_cast<std::uint8_t>(0x30 + i), 0};
  for (int b = 0x20; b <= 0x7F; ++b) {
    const auto byte = static_cast<std::uint8_t>(b);
    table[basic_char(byte)] = {Encoded::Kind::basic, byte, 0, 0};
  }
  return table;
}

const std::unordered_map<char32_t, Encoded>& table() {
  static const auto instance = build_table();
  return instance;
}

}  // namespace

char32_t basic_char(std::uint8_t byte) {
  for (const auto& remap : kBasicRemaps)
    if (remap.byte == byte)
      return remap.ch;
  return byte;
}

char32_t special_char(std::uint8_t second) {
  return kSpecial[static_cast<std::size_t>(second - 0x30) & 0x0FU];
}

char32_t extended_char(std::uint8_t first, std::uint8_t second) {
  const auto index = static_cast<std::size_t>(second - 0x20) & 0x1FU;
  return (first & 0x01U) != 0 ? kExtended13[index] : kExtended12[index];
}

std::optional<Encoded> encode_char(char32_t c) {
  const auto& t = table();
  const auto it = t.find(c);
  if (it == t.end())
    return std::nullopt;
  return it->second;
}

bool carries(char32_t c) {
  return c == U'\n' || table().contains(c);
}

Repertoire repertoire(const Document&, const WriteOptions&) {
  return {"CEA-608 (basic, special and extended characters)",
          [](char32_t c) { return carries(c); }};
}

}  // namespace kopru::codecs::scc

namespace kopru::codecs::scc {

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int extra = 0;
    char32_t c = lead;
    if (lead >= 0xF0 && lead < 0xF8) {
      extra = 3;
      c = lead & 0x07U;
    } else if (lead >= 0xE0) {
      extra = lead < 0xF0 ? 2 : -1;
      c = lead & 0x0FU;
    } else if (lead >= 0xC0) {
      extra = 1;
      c = lead & 0x1FU;
    } else if (lead >= 0x80) {
      extra = -1;
    }
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= text.size()) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    bool ok = true;
    for (int k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      ok = ok && (next & 0xC0U) == 0x80U;
      c = (c << 6) | (next & 0x3FU);
    }
    if (!ok) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    out += c;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace kopru::codecs::scc
