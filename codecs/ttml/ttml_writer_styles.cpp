// Styles and regions of the TTML writers: the document's own (as the TTML reader kept them, or
// translated from another format's typed fields) and the ones generated for cues.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "codecs/ttml/ttml_writer_internal.h"
#include "pipeline/model/dump.h"

namespace kopru::codecs::ttml::writer {

namespace {

constexpr std::string_view kBag = "ttml";

// A style or region the TTML reader made, even one without attributes.
bool has_ttml_bag(const FormatBag& bag) {
  return bag.format == kBag;
}

// A family name TTML accepts as written: quoted when it is not a plain identifier sequence.
std::string font_family(std::string_view font) {
  const bool plain = std::all_of(font.begin(), font.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
  if (plain)
    return std::string(font);
  std::string quoted = "'";
  for (const char c : font)
    if (c != '\'')
      quoted += c;
  return quoted + "'";
}

std::string_view align_of_numpad(int numpad) {
  switch ((numpad - 1) % 3) {
    case 0:
      return "left";
    case 2:
      return "right";
    default:
      return "center";
  }
}

// Region-only properties: EBU-TT-D allows them on regions and nothing else there.
bool is_region_property(std::string_view key) {
  return key == "tts:origin" || key == "tts:extent" || key == "tts:displayAlign" ||
         key == "tts:padding" || key == "tts:writingMode" || key == "tts:showBackground" ||
         key == "tts:overflow" || key == "tts:position";
}

// The length units a profile takes in tts:fontSize, tts:lineHeight and tts:padding.
bool length_unit_allowed(std::string_view unit, const Rules& rules, bool root_px) {
  switch (rules.profile) {
    case Profile::ttml1:
    case Profile::dfxp:
      return unit == "px" || unit == "em" || unit == "c" || unit == "%";
    case Profile::imsc11_text:
      return (unit == "px" && root_px) || unit == "em" || unit == "c" || unit == "%" ||
             unit == "rw" || unit == "rh";
    case Profile::ebu_tt_d:
      return unit == "%";
  }
  return false;
}

// A value as this profile takes it, or nullopt when it cannot say it: "#rgb" colours spelled out,
// EBU-TT-D cell font sizes as percentages (1c is the default size, 100 %), lengths in units the
// profile lacks ("10pt") dropped.
std::optional<std::string> profile_value(std::string_view key, std::string_view value,
                                         const Rules& rules, bool root_px) {
  if ((key == "tts:color" || key == "tts:backgroundColor") && value.size() == 4 &&
      value[0] == '#') {
    std::string out = "#";
    for (std::size_t i = 1; i < 4; ++i)
      out += std::string(2, value[i]);
    return out;
  }
  if (key != "tts:fontSize" && key != "tts:lineHeight" && key != "tts:padding")
    return std::string(value);
  std::string out;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && value[i] == ' ')
      ++i;
    const std::size_t start = i;
    while (i < value.size() && value[i] != ' ')
      ++i;
    if (i == start)
      break;
    std::string token(value.substr(start, i - start));
    const auto unit_at = token.find_first_not_of("+-.0123456789");
    if (unit_at != std::string::npos && unit_at > 0) {
      const std::string unit = token.substr(unit_at);
      if (rules.profile == Profile::ebu_tt_d && unit == "c" && key == "tts:fontSize") {
        token = format_number(std::atof(token.c_str()) * 100) + "%";
      } else if (!length_unit_allowed(unit, rules, root_px)) {
        return std::nullopt;
      }
    }
    out += (out.empty() ? "" : " ") + token;
  }
  return out;
}

// Copies a TTML bag's attributes that this profile allows; reports the rest once per document.
Attributes filtered_bag(const FormatBag& bag, const Rules& rules, Reporter& reporter,
                        std::string_view what, std::string_view owner) {
  Attributes out;
  for (const auto& [key, value] : bag.entries) {
    if (key == "xml:id")
      continue;
    // Unprefixed attributes are kept as read in verbatim profiles (the reader kept them).
    const bool known = prefix_of(key).empty() || namespace_uri(prefix_of(key)) != "";
    bool allowed = rules.verbatim_bags ? known : rules.allows_style_attribute(key);
    if (allowed && rules.profile == Profile::ebu_tt_d && key != "style")
      allowed = (what == "region") == is_region_property(key) ||
                (what == "region" && key == "tts:padding") ||
                (what == "style" && key == "tts:padding");
    if (allowed && !rules.verbatim_bags) {
      if (auto written = profile_value(key, value, rules, rules.root_px_extent)) {
        out.emplace_back(key, *written);
        continue;
      }
    } else if (allowed) {
      out.emplace_back(key, value);
      continue;
    }
    reporter.document(std::string(what) + "-attribute",
                      std::string(what) + " \"" + std::string(owner) + "\": " + key + "=\"" +
                          value + "\" is not allowed in " + std::string(rules.name) + "; dropped");
  }
  return out;
}

void set_attribute(Attributes& attributes, std::string key, std::string value) {
  for (auto& [k, v] : attributes) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  attributes.emplace_back(std::move(key), std::move(value));
}

void erase_attribute(Attributes& attributes, std::string_view key) {
  std::erase_if(attributes, [&](const auto& entry) { return entry.first == key; });
}

const std::string* get_attribute(const Attributes& attributes, std::string_view key) {
  for (const auto& [k, v] : attributes)
    if (k == key)
      return &v;
  return nullptr;
}

bool is_percent_pair(std::string_view value) {
  const auto space = value.find(' ');
  return space != std::string_view::npos && value.substr(0, space).ends_with('%') &&
         value.ends_with('%');
}

// IMSC 1.1 lengths relative to the root container ("50rw 20rh").
bool is_root_relative(std::string_view value) {
  const auto space = value.find(' ');
  return space != std::string_view::npos &&
         (value.substr(0, space).ends_with("rw") || value.substr(0, space).ends_with("rh")) &&
         (value.ends_with("rw") || value.ends_with("rh"));
}

// A rectangle in percent of the root container.
struct Rect {
  double x = 0, y = 0, w = 100, h = 100;
};

Rect band_rect(std::string_view which) {
  if (which == "top")
    return {10, 10, 80, 25};
  if (which == "middle")
    return {10, 35, 80, 20};
  return {10, 55, 80, 35};
}

Rect region_rect(const Region& region) {
  Rect r;
  if (region.origin) {
    r.x = region.origin->first;
    r.y = region.origin->second;
  }
  if (region.extent) {
    r.w = region.extent->first;
    r.h = region.extent->second;
  }
  return r;
}

bool overlap(const Rect& a, const Rect& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// The band a cue without a usable region goes to, from the most specific setting it has;
// `approximate` says whether that loses an exact position.
std::string_view band_for(const Document& doc, const Cue& cue, bool& approximate) {
  const Placement& placement = cue.placement;
  std::optional<double> y;
  approximate = false;
  if (const auto region = std::find_if(doc.regions.begin(), doc.regions.end(),
                                       [&](const Region& r) { return r.id == placement.region; });
      !placement.region.empty() && region != doc.regions.end()) {
    const Rect r = region_rect(*region);
    y = r.y + r.h / 2;
    approximate = true;
  } else if (placement.position) {
    if (doc.meta.play_res_y > 0)
      y = placement.position->second * 100.0 / doc.meta.play_res_y;
    approximate = true;
  } else if (placement.line) {
    if (placement.line_percent)
      y = *placement.line;
    else
      y = *placement.line >= 0 ? 0.0 : 100.0;  // line numbers count from the top or bottom
    approximate = !(y == 100.0 && *placement.line == -1) && !(*placement.line == 0);
  } else if (placement.box) {
    approximate = true;
  }
  int numpad = placement.alignment;
  if (numpad == 0)
    if (const Style* style = doc.find_style(cue.style);
        style != nullptr && !has_ttml_bag(style->format_private))
      numpad = style->alignment;
  if (y)
    return *y < 35 ? "top" : (*y < 55 ? "middle" : "bottom");
  if (numpad >= 7 && numpad <= 9)
    return "top";
  if (numpad >= 4 && numpad <= 6)
    return "middle";
  return "bottom";
}

// Whether writing the document's regions as they are would show two overlapping regions, or more
// than four, at the same time.
bool regions_conflict(const Document& doc) {
  struct Shown {
    Time start, end;
    std::string key;
    Rect rect;
  };
  std::vector<Shown> shown;
  for (const Cue& cue : doc.cues) {
    if (cue.comment || cue.end <= cue.start)
      continue;
    const auto region = std::find_if(doc.regions.begin(), doc.regions.end(),
                                     [&](const Region& r) { return r.id == cue.placement.region; });
    if (!cue.placement.region.empty() && region != doc.regions.end()) {
      shown.push_back({cue.start, cue.end, "r:" + region->id, region_rect(*region)});
    } else {
      bool approximate = false;
      const std::string_view which = band_for(doc, cue, approximate);
      shown.push_back({cue.start, cue.end, "b:" + std::string(which), band_rect(which)});
    }
  }
  std::sort(shown.begin(), shown.end(),
            [](const Shown& a, const Shown& b) { return a.start < b.start; });
  std::vector<const Shown*> active;
  for (const Shown& next : shown) {
    std::erase_if(active, [&](const Shown* s) { return s->end <= next.start; });
    active.push_back(&next);
    std::vector<const Shown*> distinct;
    for (const Shown* s : active) {
      if (std::none_of(distinct.begin(), distinct.end(),
                       [&](const Shown* d) { return d->key == s->key; }))
        distinct.push_back(s);
    }
    if (distinct.size() > 4)
      return true;
    for (std::size_t a = 0; a < distinct.size(); ++a) {
      for (std::size_t b = a + 1; b < distinct.size(); ++b) {
        if (overlap(distinct[a]->rect, distinct[b]->rect))
          return true;
      }
    }
  }
  return false;
}

}  // namespace

Attributes style_attributes(const Style& style, const Rules& rules, Reporter& reporter) {
  if (has_ttml_bag(style.format_private))
    return filtered_bag(style.format_private, rules, reporter, "style", style.name);
  // A style of another format (ASS): the typed fields TTML can say.
  Attributes out;
  if (!style.font.empty())
    out.emplace_back("tts:fontFamily", font_family(style.font));
  out.emplace_back("tts:color", style.primary.to_hex());
  if (style.italic)
    out.emplace_back("tts:fontStyle", "italic");
  if (style.bold)
    out.emplace_back("tts:fontWeight", "bold");
  if (style.underline || style.strike) {
    std::string decoration = style.underline ? "underline" : "";
    if (style.strike)
      decoration += decoration.empty() ? "lineThrough" : " lineThrough";
    out.emplace_back("tts:textDecoration", decoration);
  }
  if (style.alignment >= 1 && style.alignment <= 9)
    out.emplace_back("tts:textAlign", std::string(align_of_numpad(style.alignment)));
  return out;
}

Attributes region_attributes(const Region& region, const Rules& rules, Reporter& reporter) {
  Attributes out;
  if (has_ttml_bag(region.format_private))
    out = filtered_bag(region.format_private, rules, reporter, "region", region.id);
  if (rules.verbatim_bags && has_ttml_bag(region.format_private))
    return out;
  if (has_ttml_bag(region.format_private)) {
    // As read where already in percent; px and c lengths become the reader's percentages.
    const bool referenced = get_attribute(out, "style") != nullptr;
    auto geometry = [&](std::string_view key,
                        const std::optional<std::pair<double, double>>& typed) {
      const std::string* value = get_attribute(out, key);
      if (value != nullptr &&
          (is_percent_pair(*value) ||
           (rules.profile == Profile::imsc11_text && is_root_relative(*value)) ||
           (rules.profile == Profile::dfxp && value->find("px") != std::string::npos)))
        return;
      if (value == nullptr && referenced && rules.profile == Profile::dfxp)
        return;  // the referenced style gives it
      if (typed) {
        set_attribute(out, std::string(key), format_percent_pair(typed->first, typed->second));
      } else if (value != nullptr) {
        reporter.document("region-attribute", "region \"" + region.id + "\": " + std::string(key) +
                                                  "=\"" + *value + "\" cannot be written in " +
                                                  std::string(rules.name) + "; dropped");
        erase_attribute(out, key);
      }
    };
    geometry("tts:origin", region.origin);
    geometry("tts:extent", region.extent);
    // IMSC 1.1 (8.4.2) and EBU Tech 3380 want the extent on the region itself, EBU-TT-D the
    // origin too; when neither the region nor the reader had one, the whole root container.
    if (get_attribute(out, "tts:extent") == nullptr && rules.profile != Profile::dfxp)
      out.emplace_back("tts:extent", "100% 100%");
    if (get_attribute(out, "tts:origin") == nullptr && rules.profile == Profile::ebu_tt_d)
      out.emplace_back("tts:origin", "0% 0%");
    // IMSC: origin and position are exclusive (8.4.7); keep the one the author wrote.
    if (get_attribute(out, "tts:origin") != nullptr)
      erase_attribute(out, "tts:position");
    return out;
  }
  // Geometry in percent: the typed values (the reader resolves px and c units to them), else a
  // WebVTT region's anchors, else the whole root container.
  std::pair<double, double> origin{0, 0};
  std::pair<double, double> extent{100, 100};
  if (region.origin || region.extent) {
    if (region.origin)
      origin = *region.origin;
    if (region.extent)
      extent = *region.extent;
  } else if (const std::string* bag_extent = get_attribute(out, "tts:extent");
             bag_extent != nullptr && is_percent_pair(*bag_extent)) {
    return out;  // already in percent as read
  } else if (region.width_percent || region.lines || region.region_anchor ||
             region.viewport_anchor) {
    // WebVTT: a line is 5.33 % of the video height (WebVTT §7.2, "6 vh / 1.125").
    const double width = region.width_percent.value_or(100);
    const double height = std::min(100.0, region.lines.value_or(3) * 5.33);
    const auto anchor = region.region_anchor.value_or(std::pair<double, double>{0, 100});
    const auto viewport = region.viewport_anchor.value_or(std::pair<double, double>{0, 100});
    origin = {viewport.first - anchor.first * width / 100,
              viewport.second - anchor.second * height / 100};
    origin.first = std::clamp(origin.first, 0.0, 100.0 - width);
    origin.second = std::clamp(origin.second, 0.0, 100.0 - height);
    extent = {width, height};
  }
  set_attribute(out, "tts:origin", format_percent_pair(origin.first, origin.second));
  set_attribute(out, "tts:extent", format_percent_pair(extent.first, extent.second));
  if (!region.display_align.empty())
    set_attribute(out, "tts:displayAlign", region.display_align);
  else if (!has_ttml_bag(region.format_private))
    out.emplace_back("tts:displayAlign", "after");  // WebVTT regions fill from the bottom
  return out;
}

// ---------------------------------------------------------------------------------------------

StyleTable::StyleTable(const Document& doc, const Rules& rules, Reporter& reporter) {
  // Paragraphs keep their cue ids as xml:id, and ids are unique across the whole document.
  for (const Cue& cue : doc.cues) {
    if (is_ncname(cue.id))
      cue_ids_.insert(cue.id);
  }
  for (const Style& style : doc.styles) {
    if (by_name_.contains(style.name))
      continue;
    Entry entry;
    entry.id = unique_id(to_ncname(style.name));
    entry.attributes = style_attributes(style, rules, reporter);
    by_name_.emplace(style.name, entry.id);
    styles_.push_back(std::move(entry));
  }
}

std::string StyleTable::unique_id(std::string base) {
  std::string id = base;
  for (int n = 2; ids_.contains(id) || cue_ids_.contains(id); ++n)
    id = base + "_" + std::to_string(n);
  ids_.insert(id);
  return id;
}

bool StyleTable::has_id(std::string_view id) const {
  return ids_.contains(id);
}

bool RegionTable::has_id(std::string_view id) const {
  return std::any_of(regions_.begin(), regions_.end(),
                     [&](const Entry& entry) { return entry.id == id; });
}

std::string StyleTable::id_for(std::string_view name) const {
  const auto it = by_name_.find(name);
  return it == by_name_.end() ? std::string() : it->second;
}

const Attributes* StyleTable::attributes_of(std::string_view id) const {
  for (const Entry& entry : styles_)
    if (entry.id == id)
      return &entry.attributes;
  return nullptr;
}

std::string StyleTable::intern(const Attributes& attributes) {
  const auto it = generated_.find(attributes);
  if (it != generated_.end())
    return it->second;
  std::string id = unique_id("s" + std::to_string(generated_.size() + 1));
  generated_.emplace(attributes, id);
  styles_.push_back({id, attributes});
  return id;
}

void StyleTable::append_styling(std::string& out, const Rules& rules,
                                std::string_view indent) const {
  const std::string name = std::string(rules.prefix) + "style";
  for (const Entry& entry : styles_) {
    Attributes attributes;
    attributes.emplace_back("xml:id", entry.id);
    attributes.insert(attributes.end(), entry.attributes.begin(), entry.attributes.end());
    out += indent;
    append_start_tag(out, name, attributes, true);
    out += '\n';
  }
}

// ---------------------------------------------------------------------------------------------

RegionTable::RegionTable(const Document& doc, const Rules& rules, Reporter& reporter)
    : rules_(rules), reporter_(reporter) {
  for (const Region& region : doc.regions) {
    if (by_name_.contains(region.id))
      continue;
    std::string id = to_ncname(region.id);
    for (int n = 2; find(id) != nullptr; ++n)
      id = to_ncname(region.id) + "_" + std::to_string(n);
    by_name_.emplace(region.id, id);
    // IMSC and EBU-TT-D count every region toward "at most 4 presented at once": only those a
    // cue uses are written there.
    const bool keep = rules.profile != Profile::imsc11_text && rules.profile != Profile::ebu_tt_d;
    Attributes attributes = region_attributes(region, rules, reporter);
    if (rules.profile == Profile::ebu_tt_d) {
      // EBU-TT-D has no tts:showBackground, so a region background would be shown for the whole
      // programme, and styles a region references can carry one.
      const auto dropped = std::erase_if(attributes, [](const auto& attribute) {
        return attribute.first == "style" || attribute.first == "tts:backgroundColor";
      });
      if (dropped > 0) {
        reporter.document("region-style",
                          "region \"" + region.id +
                              "\": its styles and background are not written in EBU-TT-D (a "
                              "region background would show all the time)");
      }
    }
    regions_.push_back({id, std::move(attributes), keep});
  }
  if ((rules.profile == Profile::imsc11_text || rules.profile == Profile::ebu_tt_d) &&
      regions_conflict(doc)) {
    bands_only_ = true;
    reporter.document("region",
                      "the document's regions would overlap, or more than 4 would be shown at "
                      "once, which " +
                          std::string(rules.name) +
                          " forbids; every cue is placed in the nearest of three fixed bands");
  }
}

RegionTable::Entry* RegionTable::find(std::string_view id) {
  for (Entry& entry : regions_)
    if (entry.id == id)
      return &entry;
  return nullptr;
}

std::string RegionTable::text_align_of(std::string_view id) const {
  for (const Entry& entry : regions_) {
    if (entry.id != id)
      continue;
    const std::string* align = get_attribute(entry.attributes, "tts:textAlign");
    return align != nullptr ? *align : std::string();
  }
  return {};
}

// Three bands that never overlap, so that concurrent cues in different bands keep IMSC's
// "no overlapping regions" rule: top 10-35 %, middle 35-55 %, bottom 55-90 % of the height.
std::string RegionTable::band(std::string_view which) {
  const std::string key = "\x01" + std::string(which);  // never a document region name
  if (const auto it = by_name_.find(key); it != by_name_.end()) {
    find(it->second)->used = true;
    return it->second;
  }
  std::string id(which);
  for (int n = 2; find(id) != nullptr; ++n)
    id = std::string(which) + "_" + std::to_string(n);
  Attributes attributes;
  if (which == "top") {
    attributes = {{"tts:origin", "10% 10%"}, {"tts:extent", "80% 25%"}};
    attributes.emplace_back("tts:displayAlign", "before");
  } else if (which == "middle") {
    attributes = {{"tts:origin", "10% 35%"}, {"tts:extent", "80% 20%"}};
    attributes.emplace_back("tts:displayAlign", "center");
  } else {
    attributes = {{"tts:origin", "10% 55%"}, {"tts:extent", "80% 35%"}};
    attributes.emplace_back("tts:displayAlign", "after");
  }
  if (rules_.profile != Profile::ebu_tt_d)
    attributes.emplace_back("tts:textAlign", "center");
  by_name_.emplace(key, id);
  regions_.push_back({id, std::move(attributes), true});
  return id;
}

std::string RegionTable::region_for(const Document& doc, const Cue& cue, std::size_t index) {
  const Placement& placement = cue.placement;
  if (!placement.region.empty() && !bands_only_) {
    if (const auto it = by_name_.find(placement.region); it != by_name_.end()) {
      find(it->second)->used = true;
      return it->second;
    }
    reporter_.cue(index, "region",
                  "region \"" + placement.region + "\" is not declared; placed in a band");
  }
  bool approximate = false;
  const std::string_view which = band_for(doc, cue, approximate);
  if (approximate || placement.position_percent || placement.size_percent ||
      !placement.vertical.empty())
    reporter_.cue(index, "position",
                  "exact position written as the nearest band (" + std::string(which) + ")");
  return band(which);
}

void RegionTable::append_layout(std::string& out, const Rules& rules,
                                std::string_view indent) const {
  const std::string name = std::string(rules.prefix) + "region";
  for (const Entry& entry : regions_) {
    if (!entry.used)
      continue;
    Attributes attributes;
    attributes.emplace_back("xml:id", entry.id);
    attributes.insert(attributes.end(), entry.attributes.begin(), entry.attributes.end());
    out += indent;
    append_start_tag(out, name, attributes, true);
    out += '\n';
  }
}

}  // namespace kopru::codecs::ttml::writer
