// Styles, regions and the head: referential and chained styles flattened per xml:id, region
// geometry in percent of the root container, and the shared value syntaxes (ttml_internal.h).
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "codecs/ttml/ttml_reader.h"

namespace kopru::codecs::ttml {

// --- shared vocabulary -------------------------------------------------------------------------

std::string_view canonical_prefix(Ns ns) {
  switch (ns) {
    case Ns::tt:
      return "tt";
    case Ns::ttp:
      return "ttp";
    case Ns::tts:
      return "tts";
    case Ns::ttm:
      return "ttm";
    case Ns::xml:
      return "xml";
    case Ns::ebuttm:
      return "ebuttm";
    case Ns::ebutts:
      return "ebutts";
    case Ns::ebuttp:
      return "ebuttp";
    case Ns::itts:
      return "itts";
    case Ns::ittp:
      return "ittp";
    case Ns::ittm:
      return "ittm";
    case Ns::smpte:
      return "smpte";
    case Ns::none:
    case Ns::other:
      return "";
  }
  return "";
}

std::string qualified(Ns ns, std::string_view local) {
  const std::string_view prefix = canonical_prefix(ns);
  if (prefix.empty())
    return std::string(local);
  std::string out(prefix);
  out += ':';
  out += local;
  return out;
}

bool known_style_attribute(Ns ns, std::string_view local) {
  static constexpr std::array<std::string_view, 55> kTts = {"backgroundClip",
                                                            "backgroundColor",
                                                            "backgroundExtent",
                                                            "backgroundImage",
                                                            "backgroundOrigin",
                                                            "backgroundPosition",
                                                            "backgroundRepeat",
                                                            "border",
                                                            "bpd",
                                                            "color",
                                                            "direction",
                                                            "disparity",
                                                            "display",
                                                            "displayAlign",
                                                            "extent",
                                                            "fontFamily",
                                                            "fontKerning",
                                                            "fontSelectionStrategy",
                                                            "fontShear",
                                                            "fontSize",
                                                            "fontStyle",
                                                            "fontVariant",
                                                            "fontWeight",
                                                            "ipd",
                                                            "letterSpacing",
                                                            "lineHeight",
                                                            "lineShear",
                                                            "luminanceGain",
                                                            "opacity",
                                                            "origin",
                                                            "overflow",
                                                            "padding",
                                                            "position",
                                                            "ruby",
                                                            "rubyAlign",
                                                            "rubyPosition",
                                                            "rubyReserve",
                                                            "shear",
                                                            "showBackground",
                                                            "textAlign",
                                                            "textCombine",
                                                            "textDecoration",
                                                            "textEmphasis",
                                                            "textOrientation",
                                                            "textOutline",
                                                            "textShadow",
                                                            "unicodeBidi",
                                                            "visibility",
                                                            "wrapOption",
                                                            "writingMode",
                                                            "zIndex",
                                                            "dynamicFlow",
                                                            "lineBreak",
                                                            "fontVariantPosition",
                                                            "scale"};
  switch (ns) {
    case Ns::tts:
      return std::find(kTts.begin(), kTts.end(), local) != kTts.end();
    case Ns::ebutts:
      return local == "linePadding" || local == "multiRowAlign";
    case Ns::itts:
      return local == "forcedDisplay" || local == "fillLineGap";
    default:
      return false;
  }
}

bool inherited_style(std::string_view key) {
  static constexpr std::array<std::string_view, 29> kInherited = {"tts:color",
                                                                  "tts:direction",
                                                                  "tts:fontFamily",
                                                                  "tts:fontKerning",
                                                                  "tts:fontSelectionStrategy",
                                                                  "tts:fontShear",
                                                                  "tts:fontSize",
                                                                  "tts:fontStyle",
                                                                  "tts:fontVariant",
                                                                  "tts:fontWeight",
                                                                  "tts:letterSpacing",
                                                                  "tts:lineHeight",
                                                                  "tts:lineShear",
                                                                  "tts:rubyAlign",
                                                                  "tts:rubyPosition",
                                                                  "tts:rubyReserve",
                                                                  "tts:textAlign",
                                                                  "tts:textCombine",
                                                                  "tts:textDecoration",
                                                                  "tts:textEmphasis",
                                                                  "tts:textOrientation",
                                                                  "tts:textOutline",
                                                                  "tts:textShadow",
                                                                  "tts:visibility",
                                                                  "tts:wrapOption",
                                                                  "ebutts:linePadding",
                                                                  "ebutts:multiRowAlign",
                                                                  "itts:fillLineGap",
                                                                  "itts:forcedDisplay"};
  return std::find(kInherited.begin(), kInherited.end(), key) != kInherited.end();
}

bool xml_space_char(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim_xml_space(std::string_view text) {
  while (!text.empty() && xml_space_char(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && xml_space_char(text.back()))
    text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split_xml_space(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && xml_space_char(text[at]))
      ++at;
    const std::size_t start = at;
    while (at < text.size() && !xml_space_char(text[at]))
      ++at;
    if (at > start)
      out.push_back(text.substr(start, at - start));
  }
  return out;
}

namespace {

std::optional<int> hex_byte(std::string_view two) {
  int value = 0;
  const auto [end, ec] = std::from_chars(two.data(), two.data() + two.size(), value, 16);
  if (ec != std::errc() || end != two.data() + two.size())
    return std::nullopt;
  return value;
}

std::optional<int> component(std::string_view text) {
  text = trim_xml_space(text);
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 255)
    return std::nullopt;
  return value;
}

}  // namespace

std::optional<Color> parse_color(std::string_view text) {
  text = trim_xml_space(text);
  if (text.starts_with("#") && (text.size() == 7 || text.size() == 9)) {
    Color c;
    std::array<int, 4> v{0, 0, 0, 255};
    for (std::size_t i = 0; i * 2 + 1 < text.size(); ++i) {
      const auto b = hex_byte(text.substr(1 + i * 2, 2));
      if (!b)
        return std::nullopt;
      v[i] = *b;
    }
    c.r = static_cast<std::uint8_t>(v[0]);
    c.g = static_cast<std::uint8_t>(v[1]);
    c.b = static_cast<std::uint8_t>(v[2]);
    c.a = static_cast<std::uint8_t>(v[3]);
    return c;
  }
  const bool rgba = text.starts_with("rgba(");
  if ((rgba || text.starts_with("rgb(")) && text.ends_with(")")) {
    const std::string_view inner = text.substr(rgba ? 5 : 4, text.size() - (rgba ? 6 : 5));
    std::vector<int> parts;
    std::size_t at = 0;
    while (at <= inner.size()) {
      const std::size_t comma = std::min(inner.find(',', at), inner.size());
      const auto value = component(inner.substr(at, comma - at));
      if (!value)
        return std::nullopt;
      parts.push_back(*value);
      at = comma + 1;
    }
    if (parts.size() != (rgba ? 4U : 3U))
      return std::nullopt;
    return Color{static_cast<std::uint8_t>(parts[0]), static_cast<std::uint8_t>(parts[1]),
                 static_cast<std::uint8_t>(parts[2]),
                 static_cast<std::uint8_t>(rgba ? parts[3] : 255)};
  }
  // TTML's <namedColor> list; the values are the HTML ones Color::parse knows (it also knows
  // names TTML lacks, such as "orange", which are not TTML colours).
  static constexpr std::array<std::string_view, 19> kNames = {
      "transparent", "black",   "silver",  "gray",  "white", "maroon", "red",
      "purple",      "fuchsia", "magenta", "green", "lime",  "olive",  "yellow",
      "navy",        "blue",    "teal",    "aqua",  "cyan"};
  if (std::find(kNames.begin(), kNames.end(), text) != kNames.end())
    return Color::parse(text);
  return std::nullopt;
}

std::optional<Length> parse_length(std::string_view text) {
  text = trim_xml_space(text);
  if (text.starts_with("+"))
    text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || !std::isfinite(value))
    return std::nullopt;
  const std::string_view unit = text.substr(static_cast<std::size_t>(end - text.data()));
  if (unit != "px" && unit != "%" && unit != "c" && unit != "em" && unit != "rw" && unit != "rh")
    return std::nullopt;
  return Length{value, std::string(unit)};
}

std::optional<std::vector<Length>> parse_lengths(std::string_view text) {
  std::vector<Length> out;
  for (const auto part : split_xml_space(text)) {
    const auto length = parse_length(part);
    if (!length)
      return std::nullopt;
    out.push_back(*length);
  }
  if (out.empty())
    return std::nullopt;
  return out;
}

// --- reading styles ----------------------------------------------------------------------------

namespace {

std::string xml_id(const pugi::xml_node& element) {
  return find_attribute(element, Ns::xml, "id").value();
}

bool is(const pugi::xml_node& node, std::string_view local) {
  return node.type() == pugi::node_element && local_name(node.name()) == local &&
         element_namespace(node) == Ns::tt;
}

// The element's styling attributes in document order, warning about unknown ones.
std::vector<std::pair<std::string, std::string>> styling_attributes(ReaderContext& ctx,
                                                                    const pugi::xml_node& element) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& attribute : element.attributes()) {
    const Ns ns = attribute_namespace(element, attribute);
    if (ns != Ns::tts && ns != Ns::ebutts && ns != Ns::itts)
      continue;
    const std::string_view local = local_name(attribute.name());
    if (!known_style_attribute(ns, local)) {
      ctx.warn(element, attribute, "ttml-unknown-attribute",
               "unknown styling attribute \"" + std::string(attribute.name()) + "\" ignored");
      continue;
    }
    const std::string key = qualified(ns, local);
    const std::string_view value = attribute.value();
    bool valid = true;
    if (key == "tts:color" || key == "tts:backgroundColor")
      valid = parse_color(value).has_value();
    else if (key == "tts:fontStyle")
      valid = value == "normal" || value == "italic" || value == "oblique";
    else if (key == "tts:fontWeight")
      valid = value == "normal" || value == "bold";
    else if (key == "tts:textAlign")
      valid = value == "left" || value == "center" || value == "right" || value == "start" ||
              value == "end" || value == "justify";
    else if (key == "tts:displayAlign")
      valid = value == "before" || value == "center" || value == "after" || value == "justify";
    if (!valid) {
      ctx.warn(
          element, attribute, "ttml-invalid-value",
          "invalid value \"" + std::string(value) + "\" for " + attribute.name() + "; ignored");
      continue;
    }
    out.emplace_back(key, std::string(value));
  }
  return out;
}

std::vector<std::string> style_references(const pugi::xml_node& element) {
  std::vector<std::string> out;
  for (const auto& attribute : element.attributes()) {
    if (std::string_view(attribute.name()) == "style") {
      for (const auto id : split_xml_space(attribute.value()))
        out.emplace_back(id);
    }
  }
  return out;
}

struct RawStyle {
  pugi::xml_node xml;
  std::vector<std::pair<std::string, std::string>> own;
  std::vector<std::string> refs;
};

// Chained referential styling, flattened without recursion: a style's own properties override
// what it references; later references override earlier ones; cycles are cut and reported.
StyleSet flatten(ReaderContext& ctx, const std::map<std::string, RawStyle>& raw,
                 const std::string& id) {
  StyleSet out;
  struct Frame {
    std::string id;
    std::size_t next_ref = 0;
  };
  std::vector<Frame> stack{{id, 0}};
  std::set<std::string> on_stack{id};
  // Post-order: apply each style after its references.
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const auto it = raw.find(frame.id);
    if (frame.next_ref < it->second.refs.size()) {
      const std::string ref = it->second.refs[frame.next_ref++];
      if (!raw.contains(ref)) {
        ctx.warn(it->second.xml, "ttml-unknown-style",
                 "style \"" + frame.id + "\" references unknown style \"" + ref + "\"");
      } else if (on_stack.contains(ref) || stack.size() >= static_cast<std::size_t>(kMaxDepth)) {
        ctx.warn(it->second.xml, "ttml-style-cycle",
                 "style \"" + frame.id + "\" references \"" + ref + "\" in a cycle; cut");
      } else {
        on_stack.insert(ref);
        stack.push_back({ref, 0});
      }
      continue;
    }
    for (const auto& [key, value] : it->second.own)
      out[key] = value;
    on_stack.erase(frame.id);
    stack.pop_back();
  }
  return out;
}

void fill_typed_style(const ReaderContext& ctx, const StyleSet& s, Style& style) {
  if (const auto it = s.find("tts:fontFamily"); it != s.end()) {
    std::string_view family = trim_xml_space(it->second);
    family = family.substr(0, family.find(','));
    family = trim_xml_space(family);
    if (family.size() >= 2 && (family.front() == '"' || family.front() == '\''))
      family = family.substr(1, family.size() - 2);
    style.font = std::string(family);
  }
  if (const auto it = s.find("tts:fontSize"); it != s.end()) {
    if (const auto lengths = parse_lengths(it->second)) {
      const Length& l = lengths->back();
      if (l.unit == "px") {
        style.font_size = l.value;
      } else if (l.unit == "c" && ctx.root_extent_px) {
        style.font_size = l.value * ctx.root_extent_px->second / ctx.cell_rows;
      }
    }
  }
  if (const auto it = s.find("tts:color"); it != s.end())
    style.primary = parse_color(it->second).value_or(style.primary);
  if (const auto it = s.find("tts:backgroundColor"); it != s.end())
    style.back = parse_color(it->second).value_or(style.back);
  if (const auto it = s.find("tts:fontWeight"); it != s.end())
    style.bold = it->second == "bold";
  if (const auto it = s.find("tts:fontStyle"); it != s.end())
    style.italic = it->second != "normal";
  if (const auto it = s.find("tts:textDecoration"); it != s.end()) {
    for (const auto word : split_xml_space(it->second)) {
      if (word == "underline")
        style.underline = true;
      else if (word == "lineThrough")
        style.strike = true;
    }
  }
  if (const auto it = s.find("tts:textAlign"); it != s.end()) {
    const std::string& a = it->second;
    style.alignment = (a == "left" || a == "start") ? 1 : (a == "right" || a == "end") ? 3 : 2;
  }
}

void read_styling(ReaderContext& ctx, const pugi::xml_node& styling, Document& doc) {
  std::map<std::string, RawStyle> raw;
  std::vector<std::string> order;
  for (const auto& child : styling.children()) {
    if (child.type() != pugi::node_element)
      continue;
    if (is(child, "initial")) {
      ctx.ignored(child, "ttml-ignored-initial",
                  "<initial> is not applied; the TTML initial values are used");
      continue;
    }
    if (!is(child, "style"))
      continue;
    const std::string id = xml_id(child);
    if (id.empty()) {
      ctx.warn(child, "ttml-style-without-id", "<style> without xml:id ignored");
      continue;
    }
    if (raw.contains(id)) {
      ctx.warn(child, "ttml-duplicate-id", "duplicate style id \"" + id + "\" ignored");
      continue;
    }
    raw[id] = RawStyle{child, styling_attributes(ctx, child), style_references(child)};
    order.push_back(id);
  }
  for (const auto& id : order) {
    StyleSet flat = flatten(ctx, raw, id);
    Style style;
    style.name = id;
    fill_typed_style(ctx, flat, style);
    style.format_private.format = "ttml";
    for (const auto& attribute : raw[id].xml.attributes()) {
      const Ns ns = attribute_namespace(raw[id].xml, attribute);
      if (ns == Ns::xml && local_name(attribute.name()) == "id")
        continue;
      const std::string_view name = attribute.name();
      if (is_namespace_declaration(name))
        continue;
      style.format_private.add(
          qualified(ns == Ns::other ? Ns::none : ns, ns == Ns::other ? name : local_name(name)),
          attribute.value());
    }
    ctx.styles[id] = std::move(flat);
    doc.styles.push_back(std::move(style));
  }
}

void warn_geometry(ReaderContext& ctx, const pugi::xml_node& element, const std::string& what,
                   const std::string& value) {
  const bool px = value.find("px") != std::string::npos;
  ctx.warn(element, "ttml-invalid-value",
           "region " + what + " \"" + value + "\" " +
               (px && !ctx.root_extent_px
                    ? "is in px but tt has no tts:extent in px to relate it to; the region is left "
                      "unplaced"
                    : "is not two lengths Kopru can resolve; the region is left unplaced"));
}

void read_region(ReaderContext& ctx, const pugi::xml_node& element, Document& doc) {
  const std::string id = xml_id(element);
  if (id.empty()) {
    ctx.warn(element, "ttml-region-without-id", "<region> without xml:id ignored");
    return;
  }
  if (ctx.regions.contains(id)) {
    ctx.warn(element, "ttml-duplicate-id", "duplicate region id \"" + id + "\" ignored");
    return;
  }
  RegionInfo info;
  info.xml = element;
  for (const auto& ref : style_references(element)) {
    if (const auto it = ctx.styles.find(ref); it != ctx.styles.end()) {
      for (const auto& [key, value] : it->second)
        info.style[key] = value;
    } else {
      ctx.warn(element, "ttml-unknown-style",
               "region \"" + id + "\" references unknown style \"" + ref + "\"");
    }
  }
  Region region;
  region.id = id;
  region.format_private.format = "ttml";
  for (const auto& child : element.children()) {
    if (is(child, "style")) {
      for (const auto& [key, value] : styling_attributes(ctx, child)) {
        info.style[key] = value;
        region.format_private.add(key, value);
      }
    } else if (is(child, "set")) {
      ctx.ignored(child, "ttml-ignored-set", "<set> animation is not applied");
    }
  }
  for (const auto& [key, value] : styling_attributes(ctx, element))
    info.style[key] = value;
  for (const auto& attribute : element.attributes()) {
    const std::string_view name = attribute.name();
    const Ns ns = attribute_namespace(element, attribute);
    if (is_namespace_declaration(name) || (ns == Ns::xml && local_name(name) == "id"))
      continue;
    region.format_private.add(
        ns == Ns::other || ns == Ns::none ? std::string(name) : qualified(ns, local_name(name)),
        attribute.value());
  }
  const TimeAttributes times = time_attributes(ctx, element);
  info.begin = times.begin.value_or(Time{});
  if (times.end)
    info.end = times.end;
  if (times.dur)
    info.end = info.end ? std::min(*info.end, info.begin + *times.dur) : info.begin + *times.dur;
  if (const auto it = info.style.find("tts:origin"); it != info.style.end()) {
    region.origin = percent_pair(ctx, it->second);
    if (!region.origin && it->second != "auto")
      warn_geometry(ctx, element, "origin", it->second);
  }
  if (const auto it = info.style.find("tts:extent"); it != info.style.end()) {
    region.extent = it->second == "auto" ? std::optional<std::pair<double, double>>({100, 100})
                                         : percent_pair(ctx, it->second);
    if (!region.extent)
      warn_geometry(ctx, element, "extent", it->second);
  }
  if (const auto it = info.style.find("tts:displayAlign"); it != info.style.end())
    region.display_align = it->second;
  ctx.regions[id] = std::move(info);
  doc.regions.push_back(std::move(region));
}

void read_metadata(ReaderContext& ctx, const pugi::xml_node& parent, Document& doc) {
  for (const auto& child : parent.children()) {
    if (child.type() != pugi::node_element)
      continue;
    const Ns ns = element_namespace(child);
    const std::string_view local = local_name(child.name());
    if (ns == Ns::ttm && local == "title" && doc.meta.title.empty()) {
      doc.meta.title = trim_xml_space(child.text().get());
    } else if (ns == Ns::ttm && local == "agent") {
      const std::string id = xml_id(child);
      std::string name = id;
      for (const auto& grandchild : child.children()) {
        if (element_namespace(grandchild) == Ns::ttm && local_name(grandchild.name()) == "name") {
          name = trim_xml_space(grandchild.text().get());
          break;
        }
      }
      if (!id.empty())
        ctx.agents[id] = name;
    } else if (ns == Ns::tt && local == "metadata") {
      read_metadata(ctx, child, doc);  // one level: head > metadata > ttm:*
    }
  }
}

}  // namespace

void read_head(ReaderContext& ctx, const pugi::xml_node& head, Document& doc) {
  // Styles first: regions reference them.
  for (const auto& child : head.children()) {
    if (is(child, "styling"))
      read_styling(ctx, child, doc);
  }
  for (const auto& child : head.children()) {
    if (is(child, "layout")) {
      for (const auto& region : child.children()) {
        if (is(region, "region"))
          read_region(ctx, region, doc);
      }
    } else if (is(child, "metadata")) {
      read_metadata(ctx, child, doc);
    }
  }
  // ttm:title / ttm:agent directly in head.
  read_metadata(ctx, head, doc);
}

StyleSet specified_style(ReaderContext& ctx, const pugi::xml_node& element,
                         std::vector<std::string>* style_ids) {
  StyleSet out;
  for (const auto& ref : style_references(element)) {
    if (const auto it = ctx.styles.find(ref); it != ctx.styles.end()) {
      for (const auto& [key, value] : it->second)
        out[key] = value;
      if (style_ids != nullptr)
        style_ids->push_back(ref);
    } else {
      ctx.warn(element, "ttml-unknown-style", "reference to unknown style \"" + ref + "\"");
    }
  }
  for (const auto& [key, value] : styling_attributes(ctx, element))
    out[key] = value;
  for (const auto& child : element.children()) {
    if (is(child, "set"))
      ctx.ignored(child, "ttml-ignored-set", "<set> animation is not applied");
  }
  return out;
}

std::optional<std::pair<double, double>> percent_pair(const ReaderContext& ctx,
                                                      std::string_view value) {
  const auto lengths = parse_lengths(value);
  if (!lengths || lengths->size() != 2)
    return std::nullopt;
  std::array<double, 2> out{};
  for (std::size_t axis = 0; axis < 2; ++axis) {
    const Length& l = (*lengths)[axis];
    if (l.unit == "%") {
      out[axis] = l.value;
    } else if (l.unit == "px" && ctx.root_extent_px) {
      const double full = axis == 0 ? ctx.root_extent_px->first : ctx.root_extent_px->second;
      out[axis] = l.value * 100 / full;
    } else if (l.unit == "c") {
      out[axis] = l.value * 100 / (axis == 0 ? ctx.cell_columns : ctx.cell_rows);
    } else if (l.unit == "rw") {
      out[axis] = l.value;
    } else if (l.unit == "rh" && ctx.root_extent_px) {
      out[axis] =
          l.value * (axis == 0 ? ctx.root_extent_px->second / ctx.root_extent_px->first : 1.0);
    } else {
      return std::nullopt;
    }
  }
  return std::pair<double, double>(out[0], out[1]);
}

Placement placement_for(const Document& doc, const std::string& region, const StyleSet& p_style) {
  Placement placement;
  std::string align;
  if (const auto it = p_style.find("tts:textAlign"); it != p_style.end())
    align = it->second;
  if (!align.empty() && align != "start")
    placement.text_align = align == "justify" ? "start" : align;
  if (region.empty())
    return placement;
  placement.region = region;
  const auto found = std::find_if(doc.regions.begin(), doc.regions.end(),
                                  [&](const Region& r) { return r.id == region; });
  if (found == doc.regions.end() || !found->origin || !found->extent)
    return placement;
  const auto [x, y] = *found->origin;
  const auto [w, h] = *found->extent;
  const std::string& display = found->display_align;
  placement.line_percent = true;
  if (display == "center") {
    placement.line = y + h / 2;
    placement.line_align = "center";
  } else if (display == "after") {
    placement.line = y + h;
    placement.line_align = "end";
  } else {
    placement.line = y;
    placement.line_align = "start";
  }
  placement.size_percent = w;
  int column = 1;
  if (align == "center") {
    placement.position_percent = x + w / 2;
    placement.position_align = "center";
    column = 2;
  } else if (align == "right" || align == "end") {
    placement.position_percent = x + w;
    placement.position_align = "line-right";
    column = 3;
  } else {
    placement.position_percent = x;
    placement.position_align = "line-left";
  }
  const int row = display == "center" ? 1 : display == "after" ? 0 : 2;
  placement.alignment = row * 3 + column;
  return placement;
}

}  // namespace kopru::codecs::ttml
