// kopru-json/1 writer: the whole model, nothing lowered, in a stable key order (SCHEMA.md).
#include <cmath>
#include <nlohmann/json.hpp>

#include "codecs/json/json.h"
#include "codecs/json/json_schema.h"

namespace kopru::codecs::json {
namespace {

using Json = nlohmann::ordered_json;

class Writer {
 public:
  explicit Writer(Diagnostics& diag) : diag_(diag) {}

  Json document(const Document& doc) {
    Json out = Json::object();
    out["schema"] = kSchema;
    out["metadata"] = metadata(doc.meta);
    out["styles"] = Json::array();
    for (const auto& s : doc.styles)
      out["styles"].push_back(style(s));
    out["regions"] = Json::array();
    for (const auto& r : doc.regions)
      out["regions"].push_back(region(r));
    out["format_private"] = bag(doc.format_private);
    out["cues"] = Json::array();
    for (std::size_t i = 0; i < doc.cues.size(); ++i) {
      cue_number_ = i + 1;
      out["cues"].push_back(cue(doc.cues[i]));
    }
    return out;
  }

 private:
  // Integral values print without ".0" ("20", not "20.0"); the reader takes either form.
  Json number(double value) {
    if (!std::isfinite(value)) {
      diag_.warn(0, 0, "json-lossy-non-finite",
                 "cue " + std::to_string(cue_number_) +
                     ": a non-finite number cannot be written in JSON; wrote null");
      return nullptr;
    }
    constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
    if (value == std::trunc(value) && std::fabs(value) < kExactIntegers &&
        !(value == 0 && std::signbit(value))) {
      return static_cast<std::int64_t>(value);
    }
    return value;
  }

  Json pair(const std::pair<double, double>& p) {
    return Json::array({number(p.first), number(p.second)});
  }

  static Json bag(const FormatBag& b) {
    Json out = Json::object();
    out["format"] = b.format;
    out["entries"] = Json::array();
    for (const auto& [k, v] : b.entries)
      out["entries"].push_back(Json::array({k, v}));
    return out;
  }

  static bool bag_is_empty(const FormatBag& b) { return b.format.empty() && b.entries.empty(); }

  Json metadata(const Metadata& m) {
    Json out = Json::object();
    out["title"] = m.title;
    out["language"] = m.language.to_string();
    if (m.frame_rate) {
      out["frame_rate"] = Json{{"num", m.frame_rate->num}, {"den", m.frame_rate->den}};
    } else {
      out["frame_rate"] = nullptr;
    }
    out["source_format"] = m.source_format;
    out["source_encoding"] = m.source_encoding;
    out["play_res"] = Json{{"x", m.play_res_x}, {"y", m.play_res_y}};
    return out;
  }

  Json style(const Style& s) {
    Json out = Json::object();
    out["name"] = s.name;
    out["font"] = s.font;
    out["font_size"] = number(s.font_size);
    out["primary"] = s.primary.to_hex();
    out["secondary"] = s.secondary.to_hex();
    out["outline"] = s.outline.to_hex();
    out["back"] = s.back.to_hex();
    out["bold"] = s.bold;
    out["italic"] = s.italic;
    out["underline"] = s.underline;
    out["strike"] = s.strike;
    out["scale_x"] = number(s.scale_x);
    out["scale_y"] = number(s.scale_y);
    out["spacing"] = number(s.spacing);
    out["angle"] = number(s.angle);
    out["border_style"] = s.border_style;
    out["outline_width"] = number(s.outline_width);
    out["shadow"] = number(s.shadow);
    out["alignment"] = s.alignment;
    out["margin_l"] = s.margin_l;
    out["margin_r"] = s.margin_r;
    out["margin_v"] = s.margin_v;
    out["encoding"] = s.encoding;
    if (!bag_is_empty(s.format_private))
      out["format_private"] = bag(s.format_private);
    return out;
  }

  Json region(const Region& r) {
    Json out = Json::object();
    out["id"] = r.id;
    if (r.width_percent)
      out["width_percent"] = number(*r.width_percent);
    if (r.lines)
      out["lines"] = *r.lines;
    if (r.region_anchor)
      out["region_anchor"] = pair(*r.region_anchor);
    if (r.viewport_anchor)
      out["viewport_anchor"] = pair(*r.viewport_anchor);
    if (r.scroll_up)
      out["scroll_up"] = true;
    if (r.origin)
      out["origin"] = pair(*r.origin);
    if (r.extent)
      out["extent"] = pair(*r.extent);
    if (!r.display_align.empty())
      out["display_align"] = r.display_align;
    if (!bag_is_empty(r.format_private))
      out["format_private"] = bag(r.format_private);
    return out;
  }

  Json placement(const Placement& p) {
    Json out = Json::object();
    if (p.alignment != 0)
      out["alignment"] = p.alignment;
    if (p.position)
      out["position"] = pair(*p.position);
    if (p.box) {
      out["box"] = Json{{"x1", p.box->x1}, {"x2", p.box->x2}, {"y1", p.box->y1}, {"y2", p.box->y2}};
    }
    if (p.margin_l != 0)
      out["margin_l"] = p.margin_l;
    if (p.margin_r != 0)
      out["margin_r"] = p.margin_r;
    if (p.margin_v != 0)
      out["margin_v"] = p.margin_v;
    if (!p.region.empty())
      out["region"] = p.region;
    if (!p.vertical.empty())
      out["vertical"] = p.vertical;
    if (p.line)
      out["line"] = number(*p.line);
    if (p.line_percent)
      out["line_percent"] = true;
    if (!p.line_align.empty())
      out["line_align"] = p.line_align;
    if (p.position_percent)
      out["position_percent"] = number(*p.position_percent);
    if (!p.position_align.empty())
      out["position_align"] = p.position_align;
    if (p.size_percent)
      out["size_percent"] = number(*p.size_percent);
    if (!p.text_align.empty())
      out["text_align"] = p.text_align;
    return out;
  }

  Json span(const Span& s) {
    Json out = Json::object();
    out["kind"] = name_of(kSpanKindNames, s.kind);
    if (!s.classes.empty())
      out["classes"] = s.classes;
    if (!s.annotation.empty())
      out["annotation"] = s.annotation;
    if (s.color)
      out["color"] = s.color->to_hex();
    if (s.size)
      out["size"] = number(*s.size);
    return out;
  }

  // Fields a kind needs are always written; any other field only when it is set, so that even
  // odd runs (a line break carrying text) come back unchanged.
  Json run(const Run& r) {
    Json out = Json::object();
    out["kind"] = name_of(kRunKindNames, r.kind);
    if (r.kind == RunKind::raw || !r.raw_format.empty())
      out["raw_format"] = r.raw_format;
    if (r.kind == RunKind::text || r.kind == RunKind::raw || !r.text.empty())
      out["text"] = r.text;
    if (r.kind == RunKind::timestamp || r.time.count() != 0) {
      out["time_ms"] = to_ms(r.time);
      out["time_ticks"] = r.time.count();
    }
    if (!r.spans.empty()) {
      out["spans"] = Json::array();
      for (const auto& s : r.spans)
        out["spans"].push_back(span(s));
    }
    return out;
  }

  Json cue(const Cue& c) {
    Json out = Json::object();
    out["id"] = c.id;
    out["start_ms"] = to_ms(c.start);
    out["end_ms"] = to_ms(c.end);
    out["start_ticks"] = c.start.count();
    out["end_ticks"] = c.end.count();
    out["text"] = plain_text(c);
    out["runs"] = Json::array();
    for (const auto& r : c.runs)
      out["runs"].push_back(run(r));
    out["placement"] = placement(c.placement);
    out["style"] = c.style;
    out["speaker"] = c.speaker;
    out["language"] = c.language;
    out["layer"] = c.layer;
    out["effect"] = c.effect;
    out["comment"] = c.comment;
    if (c.source_line != 0)
      out["source_line"] = c.source_line;
    if (!bag_is_empty(c.format_private))
      out["format_private"] = bag(c.format_private);
    return out;
  }

  Diagnostics& diag_;
  std::size_t cue_number_ = 0;
};

}  // namespace

std::string write(const Document& doc, const WriteOptions& /*options*/, Diagnostics& diag) {
  const Json out = Writer(diag).document(doc);
  std::string text;
  try {
    text = out.dump(2, ' ', false, Json::error_handler_t::strict);
  } catch (const nlohmann::json::type_error&) {
    // Only invalid UTF-8 in a model string gets here; JSON cannot carry it.
    diag.warn(0, 0, "json-lossy-invalid-utf8",
              "the document holds text that is not valid UTF-8; wrote U+FFFD in its place");
    text = out.dump(2, ' ', false, Json::error_handler_t::replace);
  }
  text += '\n';
  return text;
}

WriterCaps caps() {
  WriterCaps c;
  c.overlaps = true;
  c.styles = true;
  c.italic_bold_underline = true;
  c.colors = true;
  c.fonts = true;
  c.positions = true;
  c.regions = true;
  c.ruby = true;
  c.voices = true;
  c.inner_timestamps = true;
  c.frame_based = false;
  c.max_lines = 0;
  c.precision = Time(1);  // ticks are written exactly
  return c;
}

}  // namespace kopru::codecs::json
