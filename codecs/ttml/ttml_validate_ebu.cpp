// EBU-TT-D (EBU Tech 3380 v1.0.1): the document structure, the attributes each element may carry,
// media time base with clock times, percentages for layout, the EBU style extensions and the
// conformance declaration. Rule ids and clauses: codecs/ttml/VALIDATE.md.
#include <algorithm>

#include "codecs/ttml/ttml_validate_internal.h"

namespace kopru::codecs::ttml::validation {

namespace {

bool one_of(std::string_view value, std::initializer_list<std::string_view> choices) {
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

constexpr std::string_view kDistribution2014 = "urn:ebu:tt:distribution:2014-01";
constexpr std::string_view kDistribution2018 = "urn:ebu:tt:distribution:2018-04";

// Style properties 3380 uses, and where they may be specified directly.
bool text_style(std::string_view local) {
  return one_of(local, {"backgroundColor", "color", "direction", "fontFamily", "fontSize",
                        "fontStyle", "fontWeight", "lineHeight", "textAlign", "textDecoration",
                        "unicodeBidi", "wrapOption", "padding"});
}

bool region_style(std::string_view local) {
  return one_of(local, {"origin", "extent", "displayAlign", "padding", "writingMode",
                        "showBackground", "overflow", "backgroundColor"});
}

// The unqualified attributes of each element.
bool allowed_unqualified(std::string_view element, std::string_view attribute) {
  if (element == "style" || element == "region" || element == "body" || element == "div")
    return attribute == "style" || (element == "div" && attribute == "region");
  if (element == "p")
    return one_of(attribute, {"style", "region", "begin", "end"});
  if (element == "span")
    return one_of(attribute, {"style", "begin", "end"});
  return false;
}

std::string where_timing(std::string_view element) {
  return "<" + std::string(element) + "> may not carry timing; only <p> and <span> do";
}

void check_attributes(const Element& e, Report& report) {
  for (const auto& a : e.node.attributes()) {
    const std::string_view name = a.name();
    if (is_namespace_declaration(name))
      continue;
    const Ns ns = attribute_namespace(e.node, a);
    const std::string_view local = local_name(name);
    std::string problem;
    std::string rule = "ebu-tt-d-attribute";
    if (ns == Ns::none) {
      if (one_of(local, {"begin", "end", "dur", "timeContainer"}) &&
          !allowed_unqualified(e.name, local)) {
        problem = local == "dur" ? "dur is not permitted; use begin and end" : where_timing(e.name);
        rule = "ebu-tt-d-timing-placement";
      } else if (!allowed_unqualified(e.name, local)) {
        problem = "is not permitted on <" + std::string(e.node.name()) + ">";
      }
    } else if (ns == Ns::xml) {
      if (local == "id") {
        if (e.name == "tt" || e.name == "head" || e.name == "styling" || e.name == "layout" ||
            e.name == "metadata")
          problem = "is not permitted on <" + std::string(e.node.name()) + ">";
      } else if (local == "lang") {
        if (!one_of(e.name, {"tt", "body", "div", "p", "span"}))
          problem = "is not permitted on <" + std::string(e.node.name()) + ">";
      } else if (local == "space") {
        if (!one_of(e.name, {"tt", "body", "div", "p", "span"}))
          problem = "is not permitted on <" + std::string(e.node.name()) + ">";
      } else {
        problem = "is not an XML attribute EBU-TT-D uses";
      }
    } else if (ns == Ns::ttp) {
      if (e.name != "tt" || !one_of(local, {"timeBase", "cellResolution"}))
        problem = "is not permitted (EBU-TT-D has ttp:timeBase and ttp:cellResolution on <tt>)";
    } else if (ns == Ns::tts) {
      const bool ok = (e.name == "style" && (text_style(local) || region_style(local)) &&
                       local != "origin" && local != "extent") ||
                      (e.name == "region" && region_style(local));
      if (!ok)
        problem = "is not permitted on <" + std::string(e.node.name()) +
                  "> (EBU-TT-D styles are referenced from <style> elements)";
    } else if (ns == Ns::ebutts) {
      if (!one_of(local, {"linePadding", "multiRowAlign"}))
        problem = "is not an EBU-TT-D style extension";
      else if (e.name != "style")
        problem = "is only permitted on <style>";
    } else if (ns == Ns::ttm || ns == Ns::itts || ns == Ns::ittp || ns == Ns::ittm ||
               ns == Ns::smpte || ns == Ns::ebuttp) {
      problem = "is not part of EBU-TT-D";
    } else if (ns == Ns::ebuttm) {
      problem = "is not an attribute EBU-TT-D uses";
    }
    // Ns::other: foreign attributes are pruned by processors (3380 §3.2).
    if (!problem.empty())
      report.at(e.node, a, rule, quoted(a) + " " + problem);
  }
}

// Where each element may sit (3380 §4): parent local name.
bool placement_ok(std::string_view element, std::string_view parent, bool root) {
  if (element == "tt")
    return root;
  if (element == "head" || element == "body")
    return parent == "tt";
  if (element == "styling" || element == "layout")
    return parent == "head";
  if (element == "metadata")
    return one_of(parent, {"head", "body", "div", "p", "span"});
  if (element == "style")
    return parent == "styling";
  if (element == "region")
    return parent == "layout";
  if (element == "div")
    return parent == "body" || parent == "div";
  if (element == "p")
    return parent == "div";
  if (element == "span")
    return parent == "p";
  if (element == "br")
    return parent == "p" || parent == "span";
  return false;
}

void check_structure(const Model& model, Report& report) {
  for (const auto& e : model.elements) {
    const std::string display = "<" + std::string(e.node.name()) + ">";
    if (e.ns == Ns::none) {
      report.at(
          e.node, "ebu-tt-d-namespace",
          display + " is in no namespace; EBU-TT-D elements are in http://www.w3.org/ns/ttml");
      continue;
    }
    if (e.ns == Ns::ttm || e.ns == Ns::ttp || e.ns == Ns::tts || e.ns == Ns::itts ||
        e.ns == Ns::ittp || e.ns == Ns::ittm || e.ns == Ns::smpte || e.ns == Ns::ebutts ||
        e.ns == Ns::ebuttp) {
      const pugi::xml_node parent = e.node.parent();
      const bool in_metadata = parent && local_name(parent.name()) == "metadata";
      if (!in_metadata || e.ns != Ns::ttm)
        report.at(e.node, "ebu-tt-d-element", display + " is not part of EBU-TT-D");
      continue;
    }
    if (e.ns == Ns::ebuttm) {
      const pugi::xml_node parent = e.node.parent();
      const bool ok = e.name == "documentMetadata"
                          ? parent && local_name(parent.name()) == "metadata" &&
                                element_namespace(parent) == Ns::tt
                          : true;
      if (!ok)
        report.at(e.node, "ebu-tt-d-element", display + " belongs inside <tt:metadata>");
      continue;
    }
    if (e.ns != Ns::tt)
      continue;  // foreign: pruned
    if (!one_of(e.name, {"tt", "head", "metadata", "styling", "style", "layout", "region", "body",
                         "div", "p", "span", "br"})) {
      report.at(e.node, "ebu-tt-d-element", display + " is not one of the EBU-TT-D elements");
      continue;
    }
    const pugi::xml_node parent = e.node.parent();
    const bool root = parent.type() == pugi::node_document;
    const std::string_view parent_name = root ? std::string_view() : local_name(parent.name());
    if (!placement_ok(e.name, parent_name, root)) {
      std::string message = display + " may not appear ";
      message += root ? "as the root" : "inside <" + std::string(parent.name()) + ">";
      if (e.name == "span" && parent_name == "span")
        message += " (EBU-TT-D does not nest spans)";
      report.at(e.node, e.name == "span" ? "ebu-tt-d-nested-span" : "ebu-tt-d-structure", message);
    }
    if (e.name == "p" || e.name == "span" || e.name == "br") {
      // Text outside <p> is not content.
    }
    if ((e.name == "style" || e.name == "region" || e.name == "p") &&
        !find_attribute(e.node, Ns::xml, "id"))
      report.at(e.node, "ebu-tt-d-xml-id", display + " needs an xml:id");
    check_attributes(e, report);
    if (e.name == "body" || e.name == "div") {
      for (pugi::xml_node child = e.node.first_child(); child; child = child.next_sibling()) {
        if (child.type() == pugi::node_pcdata) {
          const std::string_view text = child.value();
          if (text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
            report.at(e.node, "ebu-tt-d-structure",
                      "text directly inside " + display + "; text belongs in <p> or <span>");
            break;
          }
        }
      }
    }
  }
}

void check_root(const Model& model, Report& report) {
  const pugi::xml_node tt = model.tt;
  if (model.tt_namespace_uri != "http://www.w3.org/ns/ttml") {
    report.at(tt, "ebu-tt-d-namespace",
              "the root element must be in http://www.w3.org/ns/ttml, found \"" +
                  model.tt_namespace_uri + "\"");
  }
  if (!find_attribute(tt, Ns::xml, "lang"))
    report.at(tt, "ebu-tt-d-xml-lang", "<tt> needs xml:lang (the document's language)");
  const auto time_base = find_attribute(tt, Ns::ttp, "timeBase");
  if (!time_base)
    report.at(tt, "ebu-tt-d-time-base", "<tt> needs ttp:timeBase=\"media\"");
  else if (std::string_view(time_base.value()) != "media")
    report.at(tt, time_base, "ebu-tt-d-time-base",
              quoted(time_base) + ": EBU-TT-D permits only the media time base");
  if (const auto cells = find_attribute(tt, Ns::ttp, "cellResolution")) {
    const auto parts = tokens(cells.value());
    const bool ok =
        parts.size() == 2 && std::all_of(parts.begin(), parts.end(), [](std::string_view p) {
          return is_non_negative_integer(p) && p.find_first_not_of('0') != std::string_view::npos;
        });
    if (!ok)
      report.at(tt, cells, "ebu-tt-d-cell-resolution",
                quoted(cells) + ": expected two positive integers, columns and rows");
  }
  if (const auto extent = find_attribute(tt, Ns::tts, "extent"))
    report.at(tt, extent, "ebu-tt-d-attribute",
              quoted(extent) + " is not permitted; EBU-TT-D layout is relative (%)");
  bool declared = false;
  for (const auto& e : model.elements) {
    if (e.ns == Ns::ebuttm && e.name == "conformsToStandard") {
      const std::string_view value = e.node.child_value();
      const auto parts = tokens(value);
      if (parts.size() == 1 && (parts[0] == kDistribution2014 || parts[0] == kDistribution2018))
        declared = true;
    }
  }
  if (!declared)
    report.at(tt, "ebu-tt-d-conforms-to-standard",
              "no <ebuttm:conformsToStandard>" + std::string(kDistribution2014) +
                  "</ebuttm:conformsToStandard> in the head's document metadata "
                  "(recommended by 3380 so that receivers can recognise EBU-TT-D)");
  bool head = false;
  for (pugi::xml_node child = tt.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && local_name(child.name()) == "head")
      head = true;
  }
  if (!head)
    report.at(tt, "ebu-tt-d-structure", "<tt> needs a <head> with <styling> and <layout>");
}

void check_times(const Model& model, Report& report) {
  for (const auto& e : model.elements) {
    if (e.ns != Ns::tt)
      continue;
    for (const char* name : {"begin", "end"}) {
      const auto a = e.node.attribute(name);
      if (!a)
        continue;
      const std::string kind = time_expression_kind(a.value());
      if (!kind.empty() && kind != "clock")
        report.at(e.node, a, "ebu-tt-d-time-expression",
                  quoted(a) +
                      ": EBU-TT-D times are clock times HH:MM:SS.fraction (no frames, "
                      "no offset times)");
    }
  }
}

void check_lengths(const Model& model, Report& report) {
  for (const auto& e : model.elements) {
    if (e.ns != Ns::tt)
      continue;
    for (const auto& a : e.node.attributes()) {
      const Ns ns = attribute_namespace(e.node, a);
      const std::string_view local = local_name(a.name());
      if (ns == Ns::ebutts && local == "linePadding") {
        for (const auto& l : lengths_in(a.value())) {
          if (l.unit != "c")
            report.at(e.node, a, "ebu-tt-d-line-padding",
                      quoted(a) + ": linePadding is in c units (e.g. 0.5c)");
        }
        continue;
      }
      if (ns != Ns::tts)
        continue;
      const bool percent_only = one_of(local, {"origin", "extent", "padding", "fontSize"});
      if (local == "lineHeight" && std::string_view(a.value()) == "normal")
        continue;
      if (!percent_only && local != "lineHeight")
        continue;
      for (const auto& l : lengths_in(a.value())) {
        if (l.unit != "%") {
          report.at(e.node, a, "ebu-tt-d-length-units",
                    quoted(a) + ": EBU-TT-D lengths here are percentages");
          break;
        }
      }
      if (local == "extent" && std::string_view(a.value()) == "auto")
        report.at(e.node, a, "ebu-tt-d-length-units", quoted(a) + ": give the extent in %");
    }
  }
}

void check_regions(const Model& model, Report& report) {
  for (const auto& [id, region] : model.regions) {
    if (!find_attribute(region, Ns::tts, "origin") || !find_attribute(region, Ns::tts, "extent"))
      report.at(region, "ebu-tt-d-region-extent",
                "<region> " + id + " needs tts:origin and tts:extent (in %)");
  }
  check_presented_regions(model, report, "ebu-tt-d-max-regions", 4, "");
}

}  // namespace

void check_ebu_tt_d(const Model& model, Report& report) {
  if (local_name(model.tt.name()) != "tt") {
    report.at(model.tt, "ebu-tt-d-structure",
              "the root element must be <tt:tt>, found <" + std::string(model.tt.name()) + ">");
    return;
  }
  check_common(model, CommonRules{"ebu-tt-d", Vocabulary::ttml1}, report);
  check_root(model, report);
  check_structure(model, report);
  check_times(model, report);
  check_lengths(model, report);
  check_regions(model, report);
}

}  // namespace kopru::codecs::ttml::validation
