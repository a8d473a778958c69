// The encodings Kopru knows: canonical names, the aliases --encoding accepts, and the byte ->
// Unicode tables of the single-byte code pages (built from ICU's converters, or read from
// locales/encodings/ for the Kazakh code pages ICU lacks). Internal to pipeline/text.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kopru::text::detail {

enum class CharsetKind { utf8, icu_unicode, single_byte };

struct Charset {
  std::string_view name;  // canonical, as reported
  CharsetKind kind;
  std::string_view icu_name;    // ICU converter name; empty when the table comes from locales/
  std::string_view table_file;  // locales/encodings/<file> for code pages ICU lacks
  std::string_view bom;         // byte order mark bytes of a Unicode encoding, else empty
};

// Every known charset, in tie-break order for detection (earlier wins when two decode alike).
const std::vector<Charset>& all_charsets();

// Looks a name or alias up ("cp1251", "win-1251", "latin5", "utf16le", ...); nullptr if unknown.
const Charset* find_charset(std::string_view name);
// Lower-case with '-', '_', ' ' and '.' removed: the form aliases are compared in.
std::string normalize_name(std::string_view name);
const Charset& charset(std::string_view canonical_name);

inline constexpr char32_t kUndefined = 0xFFFFFFFF;

// A single-byte code page. Loaded once per process and shared between threads (read-only).
struct SingleByteTable {
  std::array<char32_t, 256> to_unicode{};  // kUndefined for unassigned bytes
  std::array<std::string, 256> to_utf8;    // UTF-8 of each byte's character; empty if unassigned
  std::unordered_map<char32_t, std::uint8_t> from_unicode;
};

// The table of a single_byte charset; throws EnvironmentError if its data cannot be loaded.
const SingleByteTable& table_of(const Charset& charset);

// Where code-page tables are read from: $KOPRU_LOCALES if set, else the build's locales/ directory.

}  // namespace kopru::text::detail
