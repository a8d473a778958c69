// Rules every profile shares (ids, references, time expressions, style value syntax) and the
// timing and layout model that the "what is shown at once" rules need.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "codecs/ttml/ttml_internal.h"
#include "codecs/ttml/ttml_validate_internal.h"

namespace kopru::codecs::ttml::validation {

namespace {

std::string_view trim(std::string_view s) {
  return trim_xml_space(s);
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> choices) {
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

// A decimal number as TTML writes it: [+-]digits[.digits] or [+-].digits; no exponent.
std::optional<double> parse_number(std::string_view s) {
  if (s.empty())
    return std::nullopt;
  std::size_t i = 0;
  if (s[0] == '+' || s[0] == '-')
    ++i;
  const std::size_t start = i;
  bool digits = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    ++i;
    digits = true;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    bool fraction = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
      fraction = true;
    }
    digits = digits || fraction;
    if (!fraction)
      return std::nullopt;
  }
  if (!digits || i != s.size() || i - start > 40)
    return std::nullopt;
  double value = 0;
  // from_chars does not take a leading '+'.
  const std::size_t from = s[0] == '+' ? 1 : 0;
  const auto result = std::from_chars(s.data() + from, s.data() + s.size(), value);
  if (result.ec != std::errc() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

constexpr std::string_view kNamedColors[] = {"transparent", "black", "silver", "gray",    "white",
                                             "maroon",      "red",   "purple", "fuchsia", "magenta",
                                             "green",       "lime",  "olive",  "yellow",  "navy",
                                             "blue",        "teal",  "aqua",   "cyan"};

bool hex_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

bool color_component(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 3 || !is_non_negative_integer(s))
    return false;
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v <= 255;
}

bool functional_color(std::string_view v, std::string_view name, int components) {
  if (v.substr(0, name.size()) != name)
    return false;
  v.remove_prefix(name.size());
  v = trim(v);
  if (v.size() < 2 || v.front() != '(' || v.back() != ')')
    return false;
  v = v.substr(1, v.size() - 2);
  int count = 0;
  while (true) {
    const auto comma = v.find(',');
    if (!color_component(v.substr(0, comma)))
      return false;
    ++count;
    if (comma == std::string_view::npos)
      break;
    v.remove_prefix(comma + 1);
  }
  return count == components;
}

bool length_list(std::string_view value, std::size_t min, std::size_t max, bool non_negative,
                 std::string* problem) {
  const auto parts = tokens(value);
  if (parts.size() < min || parts.size() > max) {
    *problem = "expected " + std::to_string(min) +
               (min == max ? "" : " to " + std::to_string(max)) + " length(s)";
    return false;
  }
  for (const auto part : parts) {
    const auto length = parse_length(part);
    if (!length) {
      *problem =
          "\"" + std::string(part) + "\" is not a length (number and px, em, c, %, rw or rh)";
      return false;
    }
    if (non_negative && length->value < 0) {
      *problem = "\"" + std::string(part) + "\" is negative";
      return false;
    }
  }
  return true;
}

bool keyword_set(std::string_view value, std::initializer_list<std::string_view> allowed) {
  const auto parts = tokens(value);
  if (parts.empty())
    return false;
  return std::all_of(parts.begin(), parts.end(),
                     [&](std::string_view p) { return one_of(p, allowed); });
}

// "a, b, c" split at top-level commas (inside quotes they are text).
std::vector<std::string_view> comma_list(std::string_view value, bool* balanced) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  char quote = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (quote != 0) {
      if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == ',') {
      out.push_back(trim(value.substr(start, i - start)));
      start = i + 1;
    }
  }
  out.push_back(trim(value.substr(start)));
  *balanced = quote == 0;
  return out;
}

std::string font_family_problem(std::string_view value) {
  bool balanced = true;
  const auto families = comma_list(value, &balanced);
  if (!balanced)
    return "unclosed quote";
  for (const auto family : families) {
    if (family.empty())
      return "empty font family in the list";
  }
  return "";
}

std::string text_outline_problem(std::string_view value) {
  if (trim(value) == "none")
    return "";
  auto parts = tokens(value);
  if (!parts.empty() && is_color(parts.front()))
    parts.erase(parts.begin());
  if (parts.empty() || parts.size() > 2)
    return "expected none or [color] thickness [blur]";
  for (const auto part : parts) {
    const auto length = parse_length(part);
    if (!length || length->value < 0)
      return "\"" + std::string(part) + "\" is not a non-negative length";
  }
  return "";
}

std::string text_shadow_problem(std::string_view value) {
  if (trim(value) == "none")
    return "";
  bool balanced = true;
  for (const auto shadow : comma_list(value, &balanced)) {
    auto parts = tokens(shadow);
    if (!parts.empty() && is_color(parts.back()))
      parts.pop_back();
    else if (!parts.empty() && is_color(parts.front()))
      parts.erase(parts.begin());
    if (parts.size() < 2 || parts.size() > 3)
      return "each shadow is offsetX offsetY [blur] [color]";
    for (const auto part : parts) {
      if (!parse_length(part))
        return "\"" + std::string(part) + "\" is not a length";
    }
  }
  return "";
}

std::string position_problem(std::string_view value) {
  const auto parts = tokens(value);
  if (parts.empty() || parts.size() > 4)
    return "expected 1 to 4 components";
  for (const auto part : parts) {
    if (!one_of(part, {"center", "left", "right", "top", "bottom"}) && !parse_length(part))
      return "\"" + std::string(part) + "\" is neither a position keyword nor a length";
  }
  return "";
}

std::string text_emphasis_problem(std::string_view value) {
  const auto parts = tokens(value);
  if (parts.empty())
    return "empty";
  for (const auto part : parts) {
    const bool quoted_string = part.size() >= 2 && (part.front() == '"' || part.front() == '\'') &&
                               part.back() == part.front();
    if (!quoted_string && !is_color(part) &&
        !one_of(part, {"none", "auto", "filled", "open", "circle", "dot", "sesame", "current",
                       "before", "after", "outside"}))
      return "\"" + std::string(part) + "\" is not an emphasis style, colour or position";
  }
  return "";
}

std::string ruby_reserve_problem(std::string_view value) {
  const auto parts = tokens(value);
  if (parts.size() == 1 && parts[0] == "none")
    return "";
  if (parts.empty() || parts.size() > 2 ||
      !one_of(parts[0], {"both", "before", "after", "outside"}))
    return "expected none or (both|before|after|outside) [length]";
  if (parts.size() == 2) {
    const auto length = parse_length(parts[1]);
    if (!length || length->value < 0)
      return "\"" + std::string(parts[1]) + "\" is not a non-negative length";
  }
  return "";
}

std::string percentage_problem(std::string_view value) {
  const auto length = parse_length(trim(value));
  return length && length->unit == "%" ? "" : "expected a percentage";
}

std::string keyword_problem(std::string_view value,
                            std::initializer_list<std::string_view> allowed) {
  if (one_of(trim(value), allowed))
    return "";
  std::string message = "expected one of";
  for (const auto a : allowed)
    message += " " + std::string(a);
  return message;
}

}  // namespace

std::vector<std::string_view> tokens(std::string_view text) {
  return split_xml_space(text);
}

std::optional<Length> parse_length(std::string_view token) {
  static constexpr std::string_view kUnits[] = {"px", "em", "c", "%", "rw", "rh"};
  for (const auto unit : kUnits) {
    if (token.size() > unit.size() && token.substr(token.size() - unit.size()) == unit) {
      const auto number = parse_number(token.substr(0, token.size() - unit.size()));
      if (!number)
        return std::nullopt;
      return Length{*number, std::string(unit)};
    }
  }
  return std::nullopt;
}

bool is_color(std::string_view value) {
  value = trim(value);
  if (value.empty())
    return false;
  if (value.front() == '#') {
    const auto digits = value.substr(1);
    return (digits.size() == 6 || digits.size() == 8) && hex_digits(digits);
  }
  if (functional_color(value, "rgba", 4) || functional_color(value, "rgb", 3))
    return true;
  return std::find(std::begin(kNamedColors), std::end(kNamedColors), value) !=
         std::end(kNamedColors);
}

bool is_transparent(std::string_view color) {
  color = trim(color);
  if (color == "transparent")
    return true;
  if (color.size() == 9 && color.front() == '#')
    return color.substr(7) == "00";
  if (color.substr(0, 4) == "rgba") {
    const auto comma = color.rfind(',');
    return comma != std::string_view::npos &&
           trim(color.substr(comma + 1, color.size() - comma - 2)) == "0";
  }
  return false;
}

bool is_non_negative_integer(std::string_view text) {
  return !text.empty() && text.size() <= 15 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_tts_property(std::string_view local, Vocabulary vocabulary) {
  static constexpr std::string_view kTtml1[] = {
      "backgroundColor", "color",      "direction",      "display",     "displayAlign",
      "extent",          "fontFamily", "fontSize",       "fontStyle",   "fontWeight",
      "lineHeight",      "opacity",    "origin",         "overflow",    "padding",
      "showBackground",  "textAlign",  "textDecoration", "textOutline", "unicodeBidi",
      "visibility",      "wrapOption", "writingMode",    "zIndex"};
  static constexpr std::string_view kTtml2[] = {"backgroundClip",
                                                "backgroundExtent",
                                                "backgroundImage",
                                                "backgroundOrigin",
                                                "backgroundPosition",
                                                "backgroundRepeat",
                                                "border",
                                                "bpd",
                                                "disparity",
                                                "fontKerning",
                                                "fontSelectionStrategy",
                                                "fontShear",
                                                "fontVariant",
                                                "ipd",
                                                "letterSpacing",
                                                "lineShear",
                                                "luminanceGain",
                                                "position",
                                                "ruby",
                                                "rubyAlign",
                                                "rubyPosition",
                                                "rubyReserve",
                                                "shear",
                                                "textCombine",
                                                "textEmphasis",
                                                "textOrientation",
                                                "textShadow"};
  if (std::find(std::begin(kTtml1), std::end(kTtml1), local) != std::end(kTtml1))
    return true;
  return vocabulary == Vocabulary::ttml2 &&
         std::find(std::begin(kTtml2), std::end(kTtml2), local) != std::end(kTtml2);
}

std::string style_value_problem(Ns ns, std::string_view local, std::string_view value) {
  std::string problem;
  if (ns == Ns::ebutts) {
    if (local == "linePadding")
      return length_list(value, 1, 1, true, &problem) ? "" : problem;
    if (local == "multiRowAlign")
      return keyword_problem(value, {"start", "center", "end", "auto"});
    return "";
  }
  if (ns == Ns::itts) {
    if (local == "fillLineGap")
      return keyword_problem(value, {"true", "false"});
    if (local == "forcedDisplay")
      return keyword_problem(value, {"true", "false"});
    return "";
  }
  if (ns != Ns::tts)
    return "";
  if (local == "color" || local == "backgroundColor")
    return is_color(value) ? "" : "not a colour (#rrggbb, #rrggbbaa, rgb(), rgba() or a name)";
  if (local == "direction")
    return keyword_problem(value, {"ltr", "rtl"});
  if (local == "display")
    return keyword_problem(value, {"auto", "none", "inlineBlock"});
  if (local == "displayAlign")
    return keyword_problem(value, {"before", "center", "after", "justify"});
  if (local == "extent") {
    const auto v = trim(value);
    if (v == "auto" || v == "contain" || v == "cover")
      return "";
    return length_list(value, 2, 2, true, &problem) ? "" : problem;
  }
  if (local == "origin") {
    if (trim(value) == "auto")
      return "";
    return length_list(value, 2, 2, false, &problem) ? "" : problem;
  }
  if (local == "fontFamily")
    return font_family_problem(value);
  if (local == "fontSize")
    return length_list(value, 1, 2, true, &problem) ? "" : problem;
  if (local == "fontStyle")
    return keyword_problem(value, {"normal", "italic", "oblique"});
  if (local == "fontWeight")
    return keyword_problem(value, {"normal", "bold"});
  if (local == "lineHeight") {
    if (trim(value) == "normal")
      return "";
    return length_list(value, 1, 1, true, &problem) ? "" : problem;
  }
  if (local == "opacity") {
    const auto number = parse_number(trim(value));
    return number && *number >= 0 && *number <= 1 ? "" : "expected a number from 0 to 1";
  }
  if (local == "overflow")
    return keyword_problem(value, {"visible", "hidden"});
  if (local == "padding")
    return length_list(value, 1, 4, true, &problem) ? "" : problem;
  if (local == "showBackground")
    return keyword_problem(value, {"always", "whenActive"});
  if (local == "textAlign")
    return keyword_problem(value, {"left", "center", "right", "start", "end", "justify"});
  if (local == "textDecoration") {
    if (trim(value) == "none")
      return "";
    return keyword_set(value, {"underline", "noUnderline", "lineThrough", "noLineThrough",
                               "overline", "noOverline"})
               ? ""
               : "expected none or [no]underline, [no]lineThrough, [no]overline";
  }
  if (local == "textOutline")
    return text_outline_problem(value);
  if (local == "unicodeBidi")
    return keyword_problem(value, {"normal", "embed", "bidiOverride", "isolate"});
  if (local == "visibility")
    return keyword_problem(value, {"visible", "hidden"});
  if (local == "wrapOption")
    return keyword_problem(value, {"wrap", "noWrap"});
  if (local == "writingMode")
    return keyword_problem(value, {"lrtb", "rltb", "tbrl", "tblr", "lr", "rl", "tb"});
  if (local == "zIndex") {
    auto v = trim(value);
    if (v == "auto")
      return "";
    if (!v.empty() && (v.front() == '-' || v.front() == '+'))
      v.remove_prefix(1);
    return is_non_negative_integer(v) ? "" : "expected auto or an integer";
  }
  if (local == "position")
    return position_problem(value);
  if (local == "ruby")
    return keyword_problem(value, {"none", "container", "base", "baseContainer", "text",
                                   "textContainer", "delimiter"});
  if (local == "rubyAlign")
    return keyword_problem(
        value, {"auto", "start", "center", "end", "spaceAround", "spaceBetween", "withBase"});
  if (local == "rubyPosition")
    return keyword_problem(value, {"before", "after", "outside"});
  if (local == "rubyReserve")
    return ruby_reserve_problem(value);
  if (local == "shear" || local == "fontShear" || local == "lineShear")
    return percentage_problem(value);
  if (local == "textCombine")
    return keyword_problem(value, {"none", "all"});
  if (local == "textEmphasis")
    return text_emphasis_problem(value);
  if (local == "textShadow")
    return text_shadow_problem(value);
  if (local == "fontKerning")
    return keyword_problem(value, {"none", "normal"});
  if (local == "fontVariant")
    return keyword_set(value, {"normal", "super", "sub", "full", "half", "ruby"})
               ? ""
               : "expected normal, super, sub, full, half or ruby";
  if (local == "luminanceGain") {
    const auto number = parse_number(trim(value));
    return number && *number >= 0 ? "" : "expected a non-negative number";
  }
  if (local == "disparity")
    return length_list(value, 1, 1, false, &problem) ? "" : problem;
  if (local == "textOrientation")
    return keyword_problem(value, {"mixed", "sideways", "upright"});
  return "";
}

std::vector<Length> lengths_in(std::string_view value) {
  std::vector<Length> out;
  bool balanced = true;
  for (const auto part : comma_list(value, &balanced)) {
    for (const auto token : tokens(part)) {
      if (auto length = parse_length(token))
        out.push_back(*length);
    }
  }
  return out;
}

std::string quoted(const pugi::xml_attribute& attribute) {
  std::string value = attribute.value();
  if (value.size() > 80)
    value = value.substr(0, 77) + "...";
  return std::string(attribute.name()) + "=\"" + value + "\"";
}

pugi::xml_attribute specified_style(const Model& model, const pugi::xml_node& element, Ns ns,
                                    std::string_view local) {
  if (const auto own = find_attribute(element, ns, local))
    return own;
  // Breadth-first through referenced styles; each style visited once, so cycles end.
  std::vector<pugi::xml_node> queue{element};
  std::set<std::string> seen;
  for (std::size_t i = 0; i < queue.size() && i < 1024; ++i) {
    const auto refs = queue[i].attribute("style");
    for (const auto id : tokens(refs.value())) {
      const std::string key(id);
      if (!seen.insert(key).second)
        continue;
      const auto it = model.styles.find(key);
      if (it == model.styles.end())
        continue;
      if (const auto found = find_attribute(it->second, ns, local))
        return found;
      queue.push_back(it->second);
    }
  }
  return {};
}

namespace {

void check_ids(const Model& model, const CommonRules& rules, Report& report) {
  std::set<std::string, std::less<>> seen;
  for (const auto& e : model.elements) {
    const auto id = find_attribute(e.node, Ns::xml, "id");
    if (!id)
      continue;
    const std::string_view value = id.value();
    if (value.empty()) {
      report.at(e.node, id, rules.prefix + "-xml-id", "xml:id is empty");
      continue;
    }
    if (!seen.insert(std::string(value)).second) {
      const auto first = model.ids.at(std::string(value));
      report.at(e.node, id, rules.prefix + "-unique-id",
                "xml:id \"" + std::string(value) + "\" is used more than once (first on <" +
                    first.name() + ">)");
    }
  }
}

void check_references(const Model& model, const CommonRules& rules, Report& report) {
  for (const auto& e : model.elements) {
    if (e.ns != Ns::tt)
      continue;
    if (const auto style = e.node.attribute("style")) {
      if (tokens(style.value()).empty())
        report.at(e.node, style, rules.prefix + "-style-reference", "style=\"\" names no style");
      for (const auto id : tokens(style.value())) {
        if (model.styles.find(id) == model.styles.end()) {
          report.at(e.node, style, rules.prefix + "-style-reference",
                    "style \"" + std::string(id) + "\" does not name a <style> in <styling>");
        } else if (e.name == "style" && model.styles.at(std::string(id)) == e.node) {
          report.at(e.node, style, rules.prefix + "-style-reference",
                    "style \"" + std::string(id) + "\" refers to itself");
        }
      }
    }
    if (const auto region = e.node.attribute("region")) {
      if (model.regions.find(std::string_view(region.value())) == model.regions.end()) {
        report.at(e.node, region, rules.prefix + "-region-reference",
                  "region \"" + std::string(region.value()) + "\" does not name a <region>");
      }
    }
  }
}

void check_times(const Model& model, const CommonRules& rules, Report& report) {
  if (!model.timing_problem.empty())
    report.at(model.tt, rules.prefix + "-timing-parameter", model.timing_problem);
  for (const auto& e : model.elements) {
    if (e.ns != Ns::tt)
      continue;
    for (const char* name : {"begin", "end", "dur"}) {
      const auto a = e.node.attribute(name);
      if (!a)
        continue;
      if (!parse_time_expression(a.value(), model.timing)) {
        report.at(e.node, a, rules.prefix + "-time-expression",
                  quoted(a) +
                      " is not a valid time expression under the document's timing "
                      "parameters (time base " +
                      model.timing.time_base + ")");
      }
    }
  }
}

void check_style_syntax(const Model& model, const CommonRules& rules, Report& report) {
  for (const auto& e : model.elements) {
    if (e.ns != Ns::tt)
      continue;
    for (const auto& a : e.node.attributes()) {
      const Ns ns = attribute_namespace(e.node, a);
      if (ns != Ns::tts && ns != Ns::itts && ns != Ns::ebutts)
        continue;
      const std::string problem = style_value_problem(ns, local_name(a.name()), a.value());
      if (!problem.empty())
        report.at(e.node, a, rules.prefix + "-style-value", quoted(a) + ": " + problem);
    }
  }
}

void check_space_and_lang(const Model& model, const CommonRules& rules, Report& report) {
  for (const auto& e : model.elements) {
    if (const auto a = find_attribute(e.node, Ns::xml, "space")) {
      if (!one_of(a.value(), {"default", "preserve"}))
        report.at(e.node, a, rules.prefix + "-xml-space",
                  quoted(a) + ": expected default or preserve");
    }
  }
}

}  // namespace

void check_common(const Model& model, const CommonRules& rules, Report& report) {
  check_ids(model, rules, report);
  check_references(model, rules, report);
  check_times(model, rules, report);
  check_style_syntax(model, rules, report);
  check_space_and_lang(model, rules, report);
}

// ---- timing ----

namespace {

struct Span {
  std::int64_t begin = 0;
  std::int64_t end = kForever;
};

std::optional<std::int64_t> time_of(const Model& model, const pugi::xml_node& node,
                                    const char* name) {
  const auto a = node.attribute(name);
  if (!a)
    return std::nullopt;
  const auto t = parse_time_expression(a.value(), model.timing);
  if (!t)
    return std::nullopt;
  return t->count();
}

std::int64_t add(std::int64_t a, std::int64_t b) {
  if (a == kForever || b == kForever || a > kForever - b)
    return kForever;
  return a + b;
}

bool visible_text(const pugi::xml_node& node) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      const std::string_view text = child.value();
      if (!trim(text).empty())
        return true;
    }
    if (child.type() == pugi::node_element && local_name(child.name()) == "br" &&
        element_namespace(child) == Ns::tt)
      return true;
  }
  return false;
}

struct Walker {
  const Model& model;
  std::vector<Activity>& out;

  // `parent` is the interval of the parent; `region` the nearest region inherited.
  void walk(const pugi::xml_node& node, Span parent, bool seq_parent, std::int64_t seq_cursor,
            pugi::xml_node region, Span* self_out) {
    Span self;
    const auto begin = time_of(model, node, "begin");
    const auto end = time_of(model, node, "end");
    const auto dur = time_of(model, node, "dur");
    const std::int64_t origin = seq_parent ? seq_cursor : parent.begin;
    self.begin = add(origin, begin.value_or(0));
    if (end)
      self.end = add(origin, *end);
    else if (dur)
      self.end = add(self.begin, *dur);
    else
      self.end = seq_parent && !visible_text(node) ? self.begin : parent.end;
    if (dur && end)
      self.end = std::min(self.end, add(self.begin, *dur));
    self.end = std::min(self.end, parent.end);
    self.begin = std::max(self.begin, parent.begin);
    if (self_out != nullptr)
      *self_out = self;
    if (const auto r = node.attribute("region")) {
      const auto it = model.regions.find(std::string_view(r.value()));
      if (it != model.regions.end())
        region = it->second;
    }
    if (self.end <= self.begin)
      return;
    if (region && visible_text(node))
      out.push_back(Activity{region, self.begin, self.end});
    const bool seq = std::string_view(node.attribute("timeContainer").value()) == "seq";
    std::int64_t cursor = self.begin;
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() != pugi::node_element || element_namespace(child) != Ns::tt)
        continue;
      Span child_span;
      walk(child, self, seq, cursor, region, &child_span);
      if (seq)
        cursor = child_span.end;
    }
  }
};

}  // namespace

std::vector<Activity> content_activity(const Model& model) {
  std::vector<Activity> out;
  pugi::xml_node body;
  for (pugi::xml_node child = model.tt.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && local_name(child.name()) == "body" &&
        element_namespace(child) == Ns::tt)
      body = child;
  }
  if (!body)
    return out;
  // With no region declared, content goes to the default region, which never breaks the rules.
  if (model.regions.empty())
    return out;
  Walker walker{model, out};
  walker.walk(body, Span{}, false, 0, pugi::xml_node(), nullptr);
  return out;
}

namespace {

// One coordinate in root fractions; `horizontal` picks the root axis for px and the rw/rh units.
std::optional<double> fraction(const Length& length, bool horizontal,
                               const std::optional<std::pair<double, double>>& root_px) {
  if (length.unit == "%")
    return length.value / 100;
  if (length.unit == "rw" && horizontal)
    return length.value / 100;
  if (length.unit == "rh" && !horizontal)
    return length.value / 100;
  if (length.unit == "px" && root_px) {
    const double size = horizontal ? root_px->first : root_px->second;
    if (size > 0)
      return length.value / size;
  }
  return std::nullopt;
}

std::optional<std::pair<double, double>> root_extent_px(const Model& model) {
  const auto a = find_attribute(model.tt, Ns::tts, "extent");
  if (!a)
    return std::nullopt;
  const auto parts = tokens(a.value());
  if (parts.size() != 2)
    return std::nullopt;
  const auto w = parse_length(parts[0]);
  const auto h = parse_length(parts[1]);
  if (!w || !h || w->unit != "px" || h->unit != "px")
    return std::nullopt;
  return std::make_pair(w->value, h->value);
}

std::optional<std::pair<double, double>> pair_of(
    const pugi::xml_attribute& a, const std::optional<std::pair<double, double>>& root) {
  const auto parts = tokens(a.value());
  if (parts.size() != 2)
    return std::nullopt;
  const auto x = parse_length(parts[0]);
  const auto y = parse_length(parts[1]);
  if (!x || !y)
    return std::nullopt;
  const auto fx = fraction(*x, true, root);
  const auto fy = fraction(*y, false, root);
  if (!fx || !fy)
    return std::nullopt;
  return std::make_pair(*fx, *fy);
}

// tts:position with percentages or keywords: the region's point at p% sits at p% of the root.
std::optional<std::pair<double, double>> origin_from_position(
    const pugi::xml_attribute& a, double w, double h,
    const std::optional<std::pair<double, double>>& root) {
  const auto parts = tokens(a.value());
  double px = 0.5;
  double py = 0.5;
  auto keyword = [](std::string_view k, bool* horizontal) -> std::optional<double> {
    if (k == "left" || k == "right") {
      *horizontal = true;
      return k == "left" ? 0.0 : 1.0;
    }
    if (k == "top" || k == "bottom") {
      *horizontal = false;
      return k == "top" ? 0.0 : 1.0;
    }
    if (k == "center")
      return 0.5;
    return std::nullopt;
  };
  if (parts.size() == 1 || parts.size() == 2) {
    for (std::size_t i = 0; i < parts.size(); ++i) {
      bool horizontal = i == 0;
      if (const auto k = keyword(parts[i], &horizontal)) {
        (horizontal ? px : py) = *k;
        continue;
      }
      const auto length = parse_length(parts[i]);
      if (!length)
        return std::nullopt;
      if (length->unit == "%") {
        (i == 0 ? px : py) = length->value / 100;
        continue;
      }
      // A length offsets the region's edge itself.
      const auto f = fraction(*length, i == 0, root);
      if (!f)
        return std::nullopt;
      (i == 0 ? px : py) = -1 - *f;  // marker: absolute offset, decoded below
    }
    auto place = [](double p, double root_minus_size) {
      return p <= -1 ? -(p + 1) : p * root_minus_size;
    };
    return std::make_pair(place(px, 1 - w), place(py, 1 - h));
  }
  return std::nullopt;
}

}  // namespace

std::optional<Rect> region_rect(const Model& model, const pugi::xml_node& region) {
  const auto root = root_extent_px(model);
  Rect rect;
  if (const auto extent = specified_style(model, region, Ns::tts, "extent")) {
    const std::string_view v = trim(extent.value());
    if (v != "auto") {
      const auto size = pair_of(extent, root);
      if (!size)
        return std::nullopt;
      rect.w = size->first;
      rect.h = size->second;
    }
  }
  const auto origin = specified_style(model, region, Ns::tts, "origin");
  if (origin && trim(origin.value()) != "auto") {
    const auto at = pair_of(origin, root);
    if (!at)
      return std::nullopt;
    rect.x = at->first;
    rect.y = at->second;
  } else if (const auto position = specified_style(model, region, Ns::tts, "position")) {
    const auto at = origin_from_position(position, rect.w, rect.h, root);
    if (!at)
      return std::nullopt;
    rect.x = at->first;
    rect.y = at->second;
  } else {
    rect.x = 0;
    rect.y = 0;
  }
  return rect;
}

namespace {

bool overlap(const Rect& a, const Rect& b) {
  constexpr double kEpsilon = 1e-9;
  return a.x + a.w > b.x + kEpsilon && b.x + b.w > a.x + kEpsilon && a.y + a.h > b.y + kEpsilon &&
         b.y + b.h > a.y + kEpsilon;
}

std::string seconds(std::int64_t ticks) {
  if (ticks == kForever)
    return "the end";
  return format_hms_ms(Time(ticks));
}

std::string region_name(const pugi::xml_node& region) {
  return "\"" + std::string(find_attribute(region, Ns::xml, "id").value()) + "\"";
}

// A region shown for its background alone: showBackground always (the default) and an opaque
// background colour.
bool background_shown(const Model& model, const pugi::xml_node& region) {
  const auto show = specified_style(model, region, Ns::tts, "showBackground");
  if (show && trim(show.value()) == "whenActive")
    return false;
  const auto background = specified_style(model, region, Ns::tts, "backgroundColor");
  return background && !is_transparent(background.value());
}

}  // namespace

void check_presented_regions(const Model& model, Report& report, std::string_view count_rule,
                             int limit, std::string_view overlap_rule) {
  std::vector<Activity> activity = content_activity(model);
  for (const auto& [id, region] : model.regions) {
    if (background_shown(model, region)) {
      Span span;
      if (const auto b = time_of(model, region, "begin"))
        span.begin = *b;
      if (const auto e = time_of(model, region, "end"))
        span.end = *e;
      if (span.end > span.begin)
        activity.push_back(Activity{region, span.begin, span.end});
    }
  }
  if (activity.empty())
    return;
  // Sweep over begin/end events: the set of presented regions changes only there.
  struct Event {
    std::int64_t time;
    int delta;
    pugi::xml_node region;
  };
  std::vector<Event> events;
  events.reserve(activity.size() * 2);
  for (const auto& a : activity) {
    events.push_back(Event{a.begin, +1, a.region});
    if (a.end != kForever)
      events.push_back(Event{a.end, -1, a.region});
  }
  std::sort(events.begin(), events.end(),
            [](const Event& a, const Event& b) { return a.time < b.time; });
  std::map<std::ptrdiff_t, std::pair<pugi::xml_node, int>> active;  // by document position
  std::set<std::pair<std::ptrdiff_t, std::ptrdiff_t>> checked_pairs;
  std::map<std::ptrdiff_t, std::optional<Rect>> rects;
  bool count_reported = false;
  // Pairs are compared among the first few presented regions only: more than `limit` is already
  // a violation, and a hostile document must not make this quadratic.
  constexpr std::size_t kPairLimit = 16;
  for (std::size_t i = 0; i < events.size();) {
    const std::int64_t t = events[i].time;
    for (; i < events.size() && events[i].time == t; ++i) {
      auto& slot = active[events[i].region.offset_debug()];
      slot.first = events[i].region;
      slot.second += events[i].delta;
      if (slot.second <= 0)
        active.erase(events[i].region.offset_debug());
    }
    std::vector<pugi::xml_node> shown;
    for (const auto& [offset, entry] : active)
      shown.push_back(entry.first);
    if (static_cast<int>(shown.size()) > limit && !count_reported) {
      count_reported = true;
      std::string names;
      for (std::size_t k = 0; k < shown.size() && k < kPairLimit; ++k)
        names += (names.empty() ? "" : ", ") + region_name(shown[k]);
      report.at(shown[static_cast<std::size_t>(limit)], count_rule,
                std::to_string(shown.size()) + " regions are presented at once from " + seconds(t) +
                    " (" + names + "); at most " + std::to_string(limit) + " are allowed");
    }
    const std::size_t n = std::min(shown.size(), kPairLimit);
    for (std::size_t a = 0; !overlap_rule.empty() && a < n; ++a) {
      for (std::size_t b = a + 1; b < n; ++b) {
        const auto key = std::make_pair(shown[a].offset_debug(), shown[b].offset_debug());
        if (!checked_pairs.insert(key).second)
          continue;
        for (const auto& r : {shown[a], shown[b]}) {
          if (rects.find(r.offset_debug()) == rects.end())
            rects[r.offset_debug()] = region_rect(model, r);
        }
        const auto& ra = rects[shown[a].offset_debug()];
        const auto& rb = rects[shown[b].offset_debug()];
        if (ra && rb && overlap(*ra, *rb)) {
          report.at(shown[b], overlap_rule,
                    "region " + region_name(shown[b]) + " overlaps region " +
                        region_name(shown[a]) + " while both are presented (from " + seconds(t) +
                        ")");
        }
      }
    }
  }
}

}  // namespace kopru::codecs::ttml::validation
