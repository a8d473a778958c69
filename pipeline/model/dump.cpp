#include "pipeline/model/dump.h"

#include <charconv>
#include <cstdio>

namespace kopru {

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

std::string format_number(double value) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc())
    return "nan";
  return std::string(buf, end);
}

std::string dump_time(Time t) {
  const std::int64_t ms = to_ms(t, Rounding::down);
  const std::int64_t rest = t.count() - ms * kTicksPerMs;
  std::string out = format_hms_ms(from_ms(ms));
  if (rest != 0)
    out += "+" + std::to_string(rest) + "t";
  return out;
}

namespace {

std::string pair_text(const std::pair<double, double>& p) {
  return format_number(p.first) + "," + format_number(p.second);
}

std::string dump_span(const Span& span) {
  std::string out(to_string(span.kind));
  for (const auto& c : span.classes)
    out += "." + c;
  if (!span.annotation.empty())
    out += " " + quoted(span.annotation);
  if (span.color)
    out += " color=" + span.color->to_hex();
  if (span.size)
    out += " size=" + format_number(*span.size);
  return out;
}

void dump_bag(std::string& out, const FormatBag& bag, std::string_view indent) {
  for (const auto& [k, v] : bag.entries) {
    out += indent;
    out += "bag " + bag.format + " " + quoted(k) + " " + quoted(v) + "\n";
  }
}

std::string dump_placement(const Placement& p) {
  std::string out;
  auto add = [&](const std::string& item) {
    out += ' ';
    out += item;
  };
  if (p.alignment != 0)
    add("align=" + std::to_string(p.alignment));
  if (p.position)
    add("pos=" + pair_text(*p.position));
  if (p.box) {
    add("box=" + std::to_string(p.box->x1) + "," + std::to_string(p.box->x2) + "," +
        std::to_string(p.box->y1) + "," + std::to_string(p.box->y2));
  }
  if (p.margin_l != 0 || p.margin_r != 0 || p.margin_v != 0) {
    add("margins=" + std::to_string(p.margin_l) + "," + std::to_string(p.margin_r) + "," +
        std::to_string(p.margin_v));
  }
  if (!p.region.empty())
    add("region=" + quoted(p.region));
  if (!p.vertical.empty())
    add("vertical=" + p.vertical);
  if (p.line)
    add("line=" + format_number(*p.line) + (p.line_percent ? "%" : ""));
  if (!p.line_align.empty())
    add("line_align=" + p.line_align);
  if (p.position_percent)
    add("position=" + format_number(*p.position_percent) + "%");
  if (!p.position_align.empty())
    add("position_align=" + p.position_align);
  if (p.size_percent)
    add("size=" + format_number(*p.size_percent) + "%");
  if (!p.text_align.empty())
    add("text_align=" + p.text_align);
  return out;
}

}  // namespace

std::string dump(const Document& doc) {
  std::string out = "document";
  const auto& m = doc.meta;
  if (!m.source_format.empty())
    out += " format=" + m.source_format;
  if (!m.source_encoding.empty())
    out += " encoding=" + m.source_encoding;
  if (!m.language.empty())
    out += " language=" + m.language.to_string();
  if (m.frame_rate)
    out += " fps=" + m.frame_rate->to_string();
  if (m.play_res_x != 0 || m.play_res_y != 0) {
    out += " play_res=" + std::to_string(m.play_res_x) + "x" + std::to_string(m.play_res_y);
  }
  if (!m.title.empty())
    out += " title=" + quoted(m.title);
  out += " cues=" + std::to_string(doc.cues.size()) + "\n";
  dump_bag(out, doc.format_private, "");
  for (const auto& s : doc.styles) {
    out += "style " + quoted(s.name) + " font=" + quoted(s.font) +
           " size=" + format_number(s.font_size) + " primary=" + s.primary.to_hex() +
           " secondary=" + s.secondary.to_hex() + " outline=" + s.outline.to_hex() +
           " back=" + s.back.to_hex();
    if (s.bold)
      out += " bold";
    if (s.italic)
      out += " italic";
    if (s.underline)
      out += " underline";
    if (s.strike)
      out += " strike";
    out += " scale=" + format_number(s.scale_x) + "," + format_number(s.scale_y) +
           " spacing=" + format_number(s.spacing) + " angle=" + format_number(s.angle) +
           " border_style=" + std::to_string(s.border_style) +
           " outline_width=" + format_number(s.outline_width) +
           " shadow=" + format_number(s.shadow) + " align=" + std::to_string(s.alignment) +
           " margins=" + std::to_string(s.margin_l) + "," + std::to_string(s.margin_r) + "," +
           std::to_string(s.margin_v) + " encoding=" + std::to_string(s.encoding) + "\n";
    dump_bag(out, s.format_private, "  ");
  }
  for (const auto& r : doc.regions) {
    out += "region " + quoted(r.id);
    if (r.width_percent)
      out += " width=" + format_number(*r.width_percent) + "%";
    if (r.lines)
      out += " lines=" + std::to_string(*r.lines);
    if (r.region_anchor)
      out += " region_anchor=" + pair_text(*r.region_anchor);
    if (r.viewport_anchor)
      out += " viewport_anchor=" + pair_text(*r.viewport_anchor);
    if (r.scroll_up)
      out += " scroll=up";
    if (r.origin)
      out += " origin=" + pair_text(*r.origin);
    if (r.extent)
      out += " extent=" + pair_text(*r.extent);
    if (!r.display_align.empty())
      out += " display_align=" + r.display_align;
    out += "\n";
    dump_bag(out, r.format_private, "  ");
  }
  int index = 0;
  for (const auto& c : doc.cues) {
    out += "cue #" + std::to_string(++index);
    if (!c.id.empty())
      out += " id=" + quoted(c.id);
    out += " " + dump_time(c.start) + " --> " + dump_time(c.end);
    if (c.comment)
      out += " comment";
    out += "\n";
    if (!c.placement.is_default())
      out += "  place" + dump_placement(c.placement) + "\n";
    std::string meta;
    if (!c.style.empty())
      meta += " style=" + quoted(c.style);
    if (!c.speaker.empty())
      meta += " speaker=" + quoted(c.speaker);
    if (!c.language.empty())
      meta += " lang=" + c.language;
    if (c.layer != 0)
      meta += " layer=" + std::to_string(c.layer);
    if (!c.effect.empty())
      meta += " effect=" + quoted(c.effect);
    if (!meta.empty())
      out += "  meta" + meta + "\n";
    dump_bag(out, c.format_private, "  ");
    for (const auto& run : c.runs) {
      out += "  | ";
      switch (run.kind) {
        case RunKind::text:
          out += "text " + quoted(run.text);
          break;
        case RunKind::line_break:
          out += "br";
          break;
        case RunKind::timestamp:
          out += "time " + dump_time(run.time);
          break;
        case RunKind::raw:
          out += "raw " + run.raw_format + " " + quoted(run.text);
          break;
      }
      if (!run.spans.empty()) {
        out += " [";
        for (std::size_t i = 0; i < run.spans.size(); ++i) {
          if (i != 0)
            out += ", ";
          out += dump_span(run.spans[i]);
        }
        out += "]";
      }
      out += "\n";
    }
  }
  return out;
}

std::string dump(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics.all()) {
    out += std::string(to_string(d.severity)) + " " + std::to_string(d.where.line) + ":" +
           std::to_string(d.where.column) + " " + d.code + " " + quoted(d.message) + "\n";
  }
  return out;
}

}  // namespace kopru
