// Helpers for the WebVTT conformance tests: reading corpus files and expressing a parsed cue as
// the VTTCue / VTTRegion property values the browser suites assert.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "codecs/webvtt/webvtt.h"
#include "codecs/webvtt/webvtt_internal.h"
#include "tests/support/test_support.h"

namespace kopru::testing::vtt {

// Reads a corpus file as the loader would (UTF-8 BOM stripped).
inline Document read_vtt(const std::filesystem::path& path, Diagnostics& diag) {
  const std::string bytes = slurp(path);
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF")
    text.remove_prefix(3);
  codecs::Source source;
  source.path = path.string();
  source.bytes = bytes;
  source.text = text;
  source.encoding = "UTF-8";
  return codecs::webvtt::read(source, {}, diag);
}

inline double seconds(Time t) {
  return static_cast<double>(to_ms(t)) / 1000.0;
}

// The VTTCue attributes the HTML spec derives from a cue, "auto" and defaults included.
inline nlohmann::json cue_properties(const Cue& cue) {
  const Placement& p = cue.placement;
  nlohmann::json j;
  j["id"] = cue.id;
  j["text"] = codecs::webvtt::cue_text_for_writing(cue);
  j["startTime"] = seconds(cue.start);
  j["endTime"] = seconds(cue.end);
  j["align"] = p.text_align.empty() ? "center" : p.text_align;
  j["line"] = p.line ? nlohmann::json(*p.line) : nlohmann::json("auto");
  j["snapToLines"] = !p.line_percent;
  j["lineAlign"] = p.line_align.empty() ? "start" : p.line_align;
  j["position"] = p.position_percent ? nlohmann::json(*p.position_percent) : nlohmann::json("auto");
  j["positionAlign"] = p.position_align.empty() ? "auto" : p.position_align;
  j["size"] = p.size_percent ? *p.size_percent : 100.0;
  j["vertical"] = p.vertical;
  return j;
}

inline const Region* find_region(const Document& doc, const std::string& id) {
  if (id.empty())
    return nullptr;
  for (const auto& region : doc.regions) {
    if (region.id == id)
      return &region;
  }
  return nullptr;
}

// VTTRegion attributes, defaults included.
inline nlohmann::json region_properties(const Region& r) {
  nlohmann::json j;
  j["id"] = r.id;
  j["width"] = r.width_percent.value_or(100.0);
  j["lines"] = r.lines.value_or(3);
  j["regionAnchorX"] = r.region_anchor ? r.region_anchor->first : 0.0;
  j["regionAnchorY"] = r.region_anchor ? r.region_anchor->second : 100.0;
  j["viewportAnchorX"] = r.viewport_anchor ? r.viewport_anchor->first : 0.0;
  j["viewportAnchorY"] = r.viewport_anchor ? r.viewport_anchor->second : 100.0;
  j["scroll"] = r.scroll_up ? "up" : "";
  return j;
}

// Numbers compare by value (1 and 1.0 are the same VTTCue value); anything else exactly.
inline bool same_value(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number())
    return a.get<double>() == b.get<double>();
  return a == b;
}

}  // namespace kopru::testing::vtt
