// Names shared by the kopru-json/1 reader and writer (see SCHEMA.md). The JSON spells enum values
// in full ("italic", "line_break") rather than the model's short dump names, so scripts read well.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "pipeline/model/document.h"

namespace kopru::codecs::json {

inline constexpr std::string_view kSchema = "kopru-json/1";
inline constexpr std::string_view kSchemaPrefix = "kopru-json/";

inline constexpr std::array<std::pair<SpanKind, std::string_view>, 10> kSpanKindNames{{
    {SpanKind::italic, "italic"},
    {SpanKind::bold, "bold"},
    {SpanKind::underline, "underline"},
    {SpanKind::strike, "strike"},
    {SpanKind::font, "font"},
    {SpanKind::css_class, "css_class"},
    {SpanKind::voice, "voice"},
    {SpanKind::lang, "lang"},
    {SpanKind::ruby, "ruby"},
    {SpanKind::ruby_text, "ruby_text"},
}};

inline constexpr std::array<std::pair<RunKind, std::string_view>, 4> kRunKindNames{{
    {RunKind::text, "text"},
    {RunKind::line_break, "line_break"},
    {RunKind::timestamp, "timestamp"},
    {RunKind::raw, "raw"},
}};

template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                                   Enum value) {
  for (const auto& [e, name] : table) {
    if (e == value)
      return name;
  }
  return "?";
}

template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_of(
    const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view name) {
  for (const auto& [e, name_in_table] : table) {
    if (name_in_table == name)
      return e;
  }
  return std::nullopt;
}

// Times beyond this are refused: 10^12 ms (about 31 years) keeps every tick count far inside
// int64 and catches garbage numbers early.
inline constexpr std::int64_t kMaxMs = 1'000'000'000'000;
inline constexpr std::int64_t kMaxTicks = kMaxMs * kTicksPerMs;

}  // namespace kopru::codecs::json
