// W3C IMSC 1.1 Text Profile (TTML2 subset): vocabulary, style properties and their limits, region
// rules, timing parameters, profile designators. Rule ids and clauses: codecs/ttml/VALIDATE.md.
#include <algorithm>

#include "codecs/ttml/ttml_validate_internal.h"

namespace kopru::codecs::ttml::validation {

namespace {

constexpr std::string_view kTextDesignator = "http://www.w3.org/ns/ttml/profile/imsc1.1/text";
constexpr std::string_view kTextDesignator10 = "http://www.w3.org/ns/ttml/profile/imsc1/text";

bool one_of(std::string_view value, std::initializer_list<std::string_view> choices) {
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

// The 36 style properties IMSC 1.1 Text permits (§8.4 and Annex features), by namespace.
bool imsc_style_property(Ns ns, std::string_view local) {
  if (ns == Ns::tts) {
    return one_of(local, {"backgroundColor", "color",          "direction",   "display",
                          "displayAlign",    "extent",         "fontFamily",  "fontSize",
                          "fontStyle",       "fontWeight",     "lineHeight",  "opacity",
                          "origin",          "overflow",       "padding",     "showBackground",
                          "textAlign",       "textDecoration", "textOutline", "unicodeBidi",
                          "visibility",      "wrapOption",     "writingMode", "zIndex",
                          "disparity",       "fontKerning",    "fontShear",   "fontVariant",
                          "luminanceGain",   "position",       "ruby",        "rubyAlign",
                          "rubyPosition",    "rubyReserve",    "shear",       "textCombine",
                          "textEmphasis",    "textShadow"});
  }
  if (ns == Ns::itts)
    return local == "fillLineGap" || local == "forcedDisplay";
  if (ns == Ns::ebutts)
    return local == "linePadding" || local == "multiRowAlign";
  return false;
}

// Elements of the TTML namespace IMSC 1.1 Text permits, and their unqualified attributes.
constexpr std::string_view kTiming[] = {"begin", "end", "dur", "timeContainer"};

bool allowed_element(std::string_view name) {
  return one_of(name, {"tt", "head", "body", "div", "p", "span", "br", "styling", "style", "layout",
                       "region", "metadata", "set", "initial"});
}

bool allowed_unqualified(std::string_view element, std::string_view attribute) {
  const bool timing =
      std::find(std::begin(kTiming), std::end(kTiming), attribute) != std::end(kTiming);
  if (element == "tt" || element == "head" || element == "styling" || element == "layout" ||
      element == "initial")
    return false;
  if (element == "style")
    return attribute == "style";
  if (element == "metadata")
    return false;
  if (element == "br")
    return attribute == "style";
  if (element == "region")
    return attribute == "style" || timing;
  if (element == "set")
    return timing;
  // body, div, p, span
  return attribute == "style" || attribute == "region" || timing;
}

bool image_element(std::string_view name) {
  return one_of(name, {"image", "audio", "chunk", "data", "font", "resources", "source",
                       "animation", "animate"});
}

void check_vocabulary(const Model& model, Report& report) {
  for (const auto& e : model.elements) {
    if (e.ns == Ns::ttm) {
      if (!one_of(e.name, {"title", "desc", "copyright", "agent", "name", "actor", "item"}))
        report.at(e.node, "imsc1.1-5-element",
                  "<" + std::string(e.node.name()) + "> is not a TTML metadata element");
      continue;
    }
    if (e.ns == Ns::ttp) {
      report.at(e.node, "imsc1.1-5-element",
                "<" + std::string(e.node.name()) +
                    "> (profile, features or extensions in the document) is not permitted");
      continue;
    }
    if (e.ns == Ns::tts || e.ns == Ns::itts || e.ns == Ns::ittp || e.ns == Ns::ebutts) {
      report.at(e.node, "imsc1.1-5-element",
                "<" + std::string(e.node.name()) + "> is not an element of its namespace");
      continue;
    }
    if (e.ns == Ns::none) {
      report.at(e.node, "imsc1.1-5-namespace",
                "<" + std::string(e.node.name()) +
                    "> is in no namespace; TTML elements are in http://www.w3.org/ns/ttml");
      continue;
    }
    if (e.ns != Ns::tt)
      continue;  // foreign elements are ignored by processors
    if (image_element(e.name)) {
      report.at(e.node, "imsc1.1-6-image",
                "<" + std::string(e.node.name()) +
                    "> is an image, audio, font or embedded-data feature the Text Profile "
                    "prohibits");
      continue;
    }
    if (!allowed_element(e.name)) {
      report.at(e.node, "imsc1.1-5-element",
                "<" + std::string(e.node.name()) + "> is not permitted in IMSC 1.1 Text");
      continue;
    }
    for (const auto& a : e.node.attributes()) {
      const std::string_view name = a.name();
      if (is_namespace_declaration(name))
        continue;
      const Ns ns = attribute_namespace(e.node, a);
      const std::string_view local = local_name(name);
      std::string problem;
      if (ns == Ns::none) {
        if (!allowed_unqualified(e.name, local))
          problem = "is not permitted on <" + std::string(e.node.name()) + ">";
        if (local == "timeContainer" && !one_of(a.value(), {"par", "seq"}))
          problem = "must be par or seq";
      } else if (ns == Ns::xml) {
        if (!one_of(local, {"id", "lang", "space", "base"}))
          problem = "is not an XML attribute TTML uses";
      } else if (ns == Ns::tts || ns == Ns::itts || ns == Ns::ebutts) {
        if (!imsc_style_property(ns, local))
          problem = "is not one of the style properties IMSC 1.1 Text permits";
        else if (one_of(e.name, {"tt", "head", "styling", "layout", "metadata", "br"}) &&
                 !(e.name == "tt" && ns == Ns::tts && local == "extent"))
          problem = "is not permitted on <" + std::string(e.node.name()) + ">";
      } else if (ns == Ns::ttp || ns == Ns::ittp) {
        const bool ttp_ok =
            ns == Ns::ttp &&
            one_of(local,
                   {"contentProfiles", "profile", "frameRate", "frameRateMultiplier",
                    "subFrameRate", "tickRate", "timeBase", "cellResolution", "displayAspectRatio",
                    "contentProfileCombination", "inferProcessorProfileSource", "processorProfiles",
                    "processorProfileCombination", "permitFeatureNarrowing",
                    "permitFeatureWidening", "activeArea", "version"});
        const bool ittp_ok = ns == Ns::ittp &&
                             one_of(local, {"activeArea", "progressivelyDecodable", "aspectRatio"});
        if (!ttp_ok && !ittp_ok)
          problem = "is not a parameter IMSC 1.1 Text permits";
        else if (e.name != "tt")
          problem = "is only permitted on <tt>";
      } else if (ns == Ns::ttm) {
        if (!one_of(local, {"agent", "role"}))
          problem = "is not a TTML metadata attribute";
      } else if (ns == Ns::ittm) {
        if (local != "altText")
          problem = "is not an IMSC metadata attribute";
      } else if (ns == Ns::smpte) {
        problem = "is a SMPTE-TT image feature the Text Profile prohibits";
      }
      if (!problem.empty()) {
        const std::string rule = ns == Ns::smpte ? "imsc1.1-6-image" : "imsc1.1-5-attribute";
        report.at(e.node, a, rule, quoted(a) + " " + problem);
      }
    }
  }
}

// Every length of every style property, by the unit rules.
void check_units(const Model& model, Report& report) {
  const bool root_extent = static_cast<bool>(find_attribute(model.tt, Ns::tts, "extent"));
  if (const auto extent = find_attribute(model.tt, Ns::tts, "extent")) {
    const auto parts = tokens(extent.value());
    const bool px = parts.size() == 2 && std::all_of(parts.begin(), parts.end(), [](auto p) {
                      const auto l = parse_length(p);
                      return l && l->unit == "px";
                    });
    if (!px && std::string_view(extent.value()) != "auto")
      report.at(model.tt, extent, "imsc1.1-8.4.2-root-extent",
                quoted(extent) + ": the root container extent must be in px");
  }
  for (const auto& e : model.elements) {
    if (e.ns != Ns::tt)
      continue;
    for (const auto& a : e.node.attributes()) {
      const Ns ns = attribute_namespace(e.node, a);
      if (ns != Ns::tts && ns != Ns::ebutts)
        continue;
      const std::string_view local = local_name(a.name());
      const auto lengths = lengths_in(a.value());
      if (ns == Ns::ebutts && local == "linePadding") {
        for (const auto& l : lengths) {
          if (l.unit != "c")
            report.at(e.node, a, "imsc1.1-8.4.12-line-padding",
                      quoted(a) + ": linePadding is in c units only");
        }
        continue;
      }
      if (e.name == "tt")
        continue;
      for (const auto& l : lengths) {
        if (l.unit == "px" && !root_extent) {
          report.at(e.node, a, "imsc1.1-8.4.2-px-without-root-extent",
                    quoted(a) + " uses px but <tt> has no tts:extent");
          break;
        }
      }
      if (local == "origin") {
        for (const auto& l : lengths) {
          if (l.unit != "px" && l.unit != "%" && l.unit != "rw" && l.unit != "rh") {
            report.at(e.node, a, "imsc1.1-8.4.7-origin-units",
                      quoted(a) + ": origin is in px, % or rw/rh");
            break;
          }
        }
      }
      if (local == "extent" && e.name != "tt") {
        for (const auto& l : lengths) {
          if (l.unit != "px" && l.unit != "%" && l.unit != "rw" && l.unit != "rh") {
            report.at(e.node, a, "imsc1.1-8.4.2-extent-units",
                      quoted(a) + ": extent is in px, % or rw/rh");
            break;
          }
        }
      }
    }
  }
}

void check_style_limits(const Model& model, Report& report) {
  for (const auto& e : model.elements) {
    if (e.ns != Ns::tt)
      continue;
    for (const auto& a : e.node.attributes()) {
      const Ns ns = attribute_namespace(e.node, a);
      const std::string_view local = local_name(a.name());
      const std::string_view value = a.value();
      if (ns == Ns::tts && local == "rubyAlign" && !one_of(value, {"center", "spaceAround"}))
        report.at(e.node, a, "imsc1.1-8.4.9-ruby-align",
                  quoted(a) + ": IMSC 1.1 permits only center and spaceAround");
      if (ns == Ns::tts && local == "textShadow" && value != std::string_view("none")) {
        const auto shadows = std::count(value.begin(), value.end(), ',') + 1;
        if (shadows > 4)
          report.at(e.node, a, "imsc1.1-8.4.11-text-shadow",
                    quoted(a) + ": at most 4 shadows, found " + std::to_string(shadows));
      }
      if (ns == Ns::tts && local == "textOutline") {
        const auto lengths = lengths_in(value);
        if (!lengths.empty()) {
          const Length& thickness = lengths.front();
          const auto font_size = specified_style(model, e.node, Ns::tts, "fontSize");
          const auto sizes = font_size ? lengths_in(font_size.value()) : std::vector<Length>{};
          if (thickness.unit == "%" && thickness.value > 10)
            report.at(e.node, a, "imsc1.1-8.4.10-text-outline",
                      quoted(a) + ": the outline is thicker than 10% of the font size");
          else if (!sizes.empty() && sizes.back().unit == thickness.unit &&
                   thickness.value > sizes.back().value * 0.1 + 1e-9)
            report.at(e.node, a, "imsc1.1-8.4.10-text-outline",
                      quoted(a) + ": the outline is thicker than 10% of the font size (" +
                          std::string(font_size.value()) + ")");
        }
      }
      if (ns == Ns::ebutts && local == "multiRowAlign" && e.name != "p" && e.name != "style")
        report.at(e.node, a, "imsc1.1-8.4.13-multi-row-align", quoted(a) + " applies to <p> only");
      if (ns == Ns::tts && local == "opacity" && e.name != "region" && e.name != "style" &&
          e.name != "set")
        report.at(e.node, a, "imsc1.1-8.4-opacity", quoted(a) + " applies to <region> only");
    }
  }
}

void check_regions(const Model& model, Report& report) {
  for (const auto& e : model.elements) {
    if (e.ns != Ns::tt || e.name != "region")
      continue;
    if (!find_attribute(e.node, Ns::xml, "id"))
      report.at(e.node, "imsc1.1-5-region-id", "<region> has no xml:id");
    if (!specified_style(model, e.node, Ns::tts, "extent"))
      report.at(e.node, "imsc1.1-8.4.2-region-extent",
                "<region> " + std::string(find_attribute(e.node, Ns::xml, "id").value()) +
                    " has no tts:extent");
    const auto origin = specified_style(model, e.node, Ns::tts, "origin");
    const auto position = specified_style(model, e.node, Ns::tts, "position");
    if (origin && position)
      report.at(e.node, "imsc1.1-8.4.8-origin-position",
                "<region> specifies both tts:origin and tts:position; they are exclusive");
    if (e.node.parent() && local_name(e.node.parent().name()) != "layout")
      report.at(e.node, "imsc1.1-5-inline-region",
                "inline <region> (inside content) is not permitted; declare it in <layout>");
  }
  check_presented_regions(model, report, "imsc1.1-8.4-max-regions", 4,
                          "imsc1.1-8.4-region-overlap");
}

void check_parameters(const Model& model, Report& report) {
  const auto time_base = find_attribute(model.tt, Ns::ttp, "timeBase");
  if (time_base && std::string_view(time_base.value()) != "media")
    report.at(model.tt, time_base, "imsc1.1-7-time-base",
              quoted(time_base) + ": IMSC permits only the media time base");
  for (const char* name : {"dropMode", "markerMode", "clockMode", "pixelAspectRatio"}) {
    if (const auto a = find_attribute(model.tt, Ns::ttp, name))
      report.at(model.tt, a, "imsc1.1-7-parameter", quoted(a) + " is not permitted");
  }
  bool frames = false;
  bool ticks = false;
  pugi::xml_node frames_at;
  pugi::xml_attribute frames_attribute;
  pugi::xml_node ticks_at;
  pugi::xml_attribute ticks_attribute;
  for (const auto& e : model.elements) {
    if (e.ns != Ns::tt)
      continue;
    for (const char* name : {"begin", "end", "dur"}) {
      const auto a = e.node.attribute(name);
      if (!a)
        continue;
      const std::string kind = time_expression_kind(a.value());
      if ((kind == "clock-frames" || kind == "offset-f") && !frames) {
        frames = true;
        frames_at = e.node;
        frames_attribute = a;
      }
      if (kind == "offset-t" && !ticks) {
        ticks = true;
        ticks_at = e.node;
        ticks_attribute = a;
      }
    }
  }
  if (frames && !model.timing.frame_rate_declared)
    report.at(frames_at, frames_attribute, "imsc1.1-7.12.7-frame-rate",
              quoted(frames_attribute) + " counts frames but <tt> has no ttp:frameRate");
  if (ticks && !model.timing.tick_rate_declared)
    report.at(ticks_at, ticks_attribute, "imsc1.1-7-tick-rate",
              quoted(ticks_attribute) + " counts ticks but <tt> has no ttp:tickRate");
  if (const auto m = find_attribute(model.tt, Ns::ttp, "frameRateMultiplier");
      m && !model.timing.frame_rate_declared)
    report.at(model.tt, m, "imsc1.1-7.12.7-frame-rate", quoted(m) + " without ttp:frameRate");
  if (const auto s = find_attribute(model.tt, Ns::ttp, "subFrameRate");
      s && !model.timing.frame_rate_declared)
    report.at(model.tt, s, "imsc1.1-7.12.7-frame-rate", quoted(s) + " without ttp:frameRate");
}

bool designates(std::string_view list, std::string_view designator) {
  for (const auto token : tokens(list)) {
    if (token == designator)
      return true;
  }
  return false;
}

void check_designator(const Model& model, Report& report) {
  bool found = false;
  for (const char* name : {"contentProfiles", "profile"}) {
    const auto a = find_attribute(model.tt, Ns::ttp, name);
    if (!a)
      continue;
    for (const auto token : tokens(a.value())) {
      if (token.find("/image") != std::string_view::npos)
        report.at(model.tt, a, "imsc1.1-6-image",
                  quoted(a) + " designates an image profile, not the Text Profile");
    }
    found =
        found || designates(a.value(), kTextDesignator) || designates(a.value(), kTextDesignator10);
  }
  for (const auto& e : model.elements) {
    if (e.ns == Ns::ebuttm && e.name == "conformsToStandard") {
      const std::string_view value = e.node.child_value();
      found = found || designates(value, kTextDesignator) || designates(value, kTextDesignator10);
    }
  }
  if (!found)
    report.at(model.tt, "imsc1.1-6-profile-designator",
              "no profile designator: <tt> needs ttp:contentProfiles=\"" +
                  std::string(kTextDesignator) + "\"");
}

}  // namespace

void check_imsc11_text(const Model& model, Report& report) {
  if (model.tt_namespace_uri != "http://www.w3.org/ns/ttml" ||
      local_name(model.tt.name()) != "tt") {
    report.at(model.tt, "imsc1.1-5-namespace",
              "the root element must be <tt> in http://www.w3.org/ns/ttml, found <" +
                  std::string(model.tt.name()) + "> in \"" + model.tt_namespace_uri + "\"");
    if (local_name(model.tt.name()) != "tt")
      return;
  }
  check_common(model, CommonRules{"imsc1.1", Vocabulary::ttml2}, report);
  check_vocabulary(model, report);
  check_units(model, report);
  check_style_limits(model, report);
  check_regions(model, report);
  check_parameters(model, report);
  check_designator(model, report);
}

}  // namespace kopru::codecs::ttml::validation
