// Shared pieces of the EBU STL codec: block layout, the code tables and the text-field codec.
// Internal to codecs/stl.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/codec.h"

namespace kopru::codecs::stl::detail {

inline constexpr std::size_t kGsiSize = 1024;
inline constexpr std::size_t kTtiSize = 128;
inline constexpr std::size_t kTextFieldSize = 112;
inline constexpr std::uint8_t kUnusedSpace = 0x8F;
inline constexpr std::uint8_t kCrLf = 0x8A;
inline constexpr std::uint8_t kLastBlock = 0xFF;
inline constexpr std::uint8_t kUserDataBlock = 0xFE;
inline constexpr std::string_view kBagFormat = "stl";

// ---- GSI block -------------------------------------------------------------------------------

struct GsiField {
  std::string_view name;
  std::size_t offset;
  std::size_t size;
  bool text;  // a free-text field in the CPN code page (others are ASCII codes and numbers)
};

// Every field of the General Subtitle Information block in file order (Tech 3264 §3).
const std::vector<GsiField>& gsi_fields();
const GsiField& gsi_field(std::string_view name);

// The code pages the CPN field names (437, 850, 860, 863, 865); nullptr for anything else.
const std::array<char32_t, 256>* code_page_table(std::string_view cpn);

// A field's bytes as the bag keeps them: decoded text without trailing spaces, or "hex:..." when
// decoding would not give the same bytes back.
std::string decode_gsi_field(std::string_view bytes, const std::array<char32_t, 256>& table);
// The reverse: the field's bytes, space padded; nullopt when the value does not fit or cannot be
// encoded in the code page.
std::optional<std::string> encode_gsi_field(std::string_view value, std::size_t size,
                                            const std::array<char32_t, 256>& table);

// Tech 3264 Appendix 3 language codes ("09" English, "29" Turkish, "67" Kazakh...).
std::string language_from_code(std::string_view lc);             // BCP 47, "" when unknown
std::string code_from_language(std::string_view bcp47_primary);  // "" when not in the table

// ---- character code tables -------------------------------------------------------------------

enum class CodeTable { latin = 0, cyrillic = 1, arabic = 2, greek = 3, hebrew = 4 };

inline constexpr char32_t kNoChar = 0xFFFFFFFF;

std::string_view code_table_name(CodeTable table);
std::string code_table_cct(CodeTable table);  // "00".."04"
std::optional<CodeTable> code_table_from_cct(std::string_view cct);
// "latin", "cyrillic", "arabic", "greek", "hebrew" or "00".."04".
std::optional<CodeTable> code_table_from_charset(std::string_view charset);

// The character of a byte 0x20-0x7F / 0xA0-0xFF (kNoChar when unassigned). For table 00 the
// bytes 0xC1-0xCF are non-spacing diacritics: this returns the combining mark.
char32_t table_char(CodeTable table, std::uint8_t byte);
bool is_diacritic_prefix(CodeTable table, std::uint8_t byte);
bool table_carries(CodeTable table, char32_t c);
// Bytes for one character (composed NFC form or a combining mark after `previous`); empty when
// the table cannot hold it.
std::string encode_char(CodeTable table, char32_t c);

// ---- text field ------------------------------------------------------------------------------

struct TextContext {
  CodeTable table = CodeTable::latin;
  bool teletext = true;  // DSC 1/2 (boxing with 0x0A/0x0B) rather than open subtitles
};

struct DecodedText {
  std::vector<Run> runs;
  bool double_height = false;
  int rows = 0;
  std::vector<std::string> problems;  // "stl-...|message"
};

DecodedText decode_text_field(std::string_view tf, const TextContext& ctx);

struct EncodedText {
  std::string bytes;  // without 0x8F padding
  int rows = 0;
  std::vector<int> row_lengths;     // displayable characters per row
  std::vector<char32_t> missing;    // characters written as '?'
  std::vector<std::string> losses;  // span kinds the format cannot express
};

EncodedText encode_runs(const std::vector<Run>& runs, const TextContext& ctx, bool double_height);

// UTF-8 helpers.
void append_utf8(std::string& out, char32_t c);
std::vector<char32_t> to_code_points(std::string_view utf8);
std::string nfc(std::string_view utf8);

}  // namespace kopru::codecs::stl::detail
