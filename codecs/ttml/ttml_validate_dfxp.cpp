// TTML1 DFXP (the Distribution Format Exchange Profile of TTML 1.0 / TTML1 Third Edition): the
// TTML1 vocabulary in the TTML namespace (or the 2006/10 "ttaf1" namespace of the 2006 DFXP
// drafts, which older tools still write), valid time expressions and style values, references that
// resolve, unique ids. Rule ids and clauses: codecs/ttml/VALIDATE.md.
#include <algorithm>

#include "codecs/ttml/ttml_validate_internal.h"

namespace kopru::codecs::ttml::validation {

namespace {

bool one_of(std::string_view value, std::initializer_list<std::string_view> choices) {
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

bool accepted_namespace(std::string_view uri) {
  return uri == "http://www.w3.org/ns/ttml" || uri == "http://www.w3.org/2006/10/ttaf1";
}

bool ttml1_unqualified(std::string_view element, std::string_view attribute) {
  const bool timing = one_of(attribute, {"begin", "end", "dur", "timeContainer"});
  if (one_of(element, {"tt", "head", "styling", "layout", "metadata"}))
    return false;
  if (element == "style")
    return attribute == "style";
  if (element == "region")
    return attribute == "style" || timing;
  if (element == "set")
    return timing;
  if (element == "br")
    return attribute == "style";
  return attribute == "style" || attribute == "region" || timing;
}

void check_attribute(const Element& e, const pugi::xml_attribute& a, Report& report) {
  const std::string_view name = a.name();
  if (is_namespace_declaration(name))
    return;
  const Ns ns = attribute_namespace(e.node, a);
  const std::string_view local = local_name(name);
  std::string problem;
  if (ns == Ns::none) {
    if (!ttml1_unqualified(e.name, local))
      problem = "is not a TTML1 attribute of <" + std::string(e.node.name()) + ">";
    else if (local == "timeContainer" && !one_of(a.value(), {"par", "seq"}))
      problem = "must be par or seq";
  } else if (ns == Ns::xml) {
    if (!one_of(local, {"id", "lang", "space"}))
      problem = "is not an XML attribute TTML1 uses";
  } else if (ns == Ns::tts) {
    if (!is_tts_property(local, Vocabulary::ttml1))
      problem = "is not a TTML1 style property";
    else if (e.name == "tt" && local != "extent")
      problem = "is not permitted on <tt> (only tts:extent is)";
    else if (one_of(e.name, {"head", "styling", "layout", "metadata"}))
      problem = "is not permitted on <" + std::string(e.node.name()) + ">";
  } else if (ns == Ns::ttp) {
    if (!one_of(local, {"cellResolution", "clockMode", "dropMode", "frameRate",
                        "frameRateMultiplier", "markerMode", "pixelAspectRatio", "profile",
                        "subFrameRate", "tickRate", "timeBase"}))
      problem = "is not a TTML1 parameter";
    else if (e.name != "tt")
      problem = "is only permitted on <tt>";
  } else if (ns == Ns::ttm) {
    if (!one_of(local, {"agent", "role"}))
      problem = "is not a TTML1 metadata attribute";
  }
  // Attributes of other namespaces (SMPTE-TT, EBU, IMSC) are foreign to DFXP and ignored by it.
  if (!problem.empty())
    report.at(e.node, a, "dfxp-attribute", quoted(a) + " " + problem);
}

void check_vocabulary(const Model& model, Report& report) {
  for (const auto& e : model.elements) {
    const std::string display = "<" + std::string(e.node.name()) + ">";
    if (e.ns == Ns::none) {
      report.at(e.node, "dfxp-namespace",
                display + " is in no namespace; TTML elements are in http://www.w3.org/ns/ttml");
      continue;
    }
    if (e.ns == Ns::ttm) {
      if (!one_of(e.name, {"title", "desc", "copyright", "agent", "name", "actor"}))
        report.at(e.node, "dfxp-element", display + " is not a TTML1 metadata element");
      continue;
    }
    if (e.ns == Ns::ttp) {
      if (!one_of(e.name, {"profile", "features", "feature", "extensions", "extension"}))
        report.at(e.node, "dfxp-element", display + " is not a TTML1 parameter element");
      continue;
    }
    if (e.ns != Ns::tt)
      continue;
    if (!one_of(e.name, {"tt", "head", "body", "div", "p", "span", "br", "styling", "style",
                         "layout", "region", "metadata", "set"})) {
      report.at(e.node, "dfxp-element", display + " is not a TTML1 element");
      continue;
    }
    for (const auto& a : e.node.attributes())
      check_attribute(e, a, report);
  }
}

void check_root(const Model& model, Report& report) {
  if (!accepted_namespace(model.tt_namespace_uri)) {
    report.at(model.tt, "dfxp-namespace",
              "the root element must be in http://www.w3.org/ns/ttml (or the 2006/10 ttaf1 "
              "draft namespace), found \"" +
                  model.tt_namespace_uri + "\"");
  }
  bool body_seen = false;
  bool head_seen = false;
  for (pugi::xml_node child = model.tt.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_pcdata &&
        std::string_view(child.value()).find_first_not_of(" \t\r\n") != std::string_view::npos)
      report.at(model.tt, "dfxp-structure", "text directly inside <tt>");
    if (child.type() != pugi::node_element || element_namespace(child) != Ns::tt)
      continue;
    const std::string_view name = local_name(child.name());
    if (name == "head") {
      if (head_seen || body_seen)
        report.at(child, "dfxp-structure", "<head> must come once, before <body>");
      head_seen = true;
    } else if (name == "body") {
      if (body_seen)
        report.at(child, "dfxp-structure", "<tt> has more than one <body>");
      body_seen = true;
    } else {
      report.at(child, "dfxp-structure",
                "<" + std::string(child.name()) + "> may not appear directly inside <tt>");
    }
  }
}

// Content model (TTML1 §7.1): which TTML elements may contain which.
void check_nesting(const Model& model, Report& report) {
  for (const auto& e : model.elements) {
    if (e.ns != Ns::tt || e.name == "tt")
      continue;
    const pugi::xml_node parent = e.node.parent();
    if (!parent || parent.type() != pugi::node_element || element_namespace(parent) != Ns::tt)
      continue;
    const std::string_view p = local_name(parent.name());
    bool ok = true;
    if (e.name == "styling" || e.name == "layout")
      ok = p == "head";
    else if (e.name == "style")
      ok = p == "styling" || p == "region";
    else if (e.name == "region")
      ok = p == "layout";
    else if (e.name == "div")
      ok = p == "body" || p == "div";
    else if (e.name == "p")
      ok = p == "div";
    else if (e.name == "span")
      ok = p == "p" || p == "span";
    else if (e.name == "br")
      ok = p == "p" || p == "span";
    else if (e.name == "set")
      ok = one_of(p, {"body", "div", "p", "span", "region"});
    if (!ok)
      report.at(e.node, "dfxp-structure",
                "<" + std::string(e.node.name()) + "> may not appear inside <" +
                    std::string(parent.name()) + ">");
  }
}

}  // namespace

void check_dfxp(const Model& model, Report& report) {
  if (local_name(model.tt.name()) != "tt") {
    report.at(model.tt, "dfxp-structure",
              "the root element must be <tt>, found <" + std::string(model.tt.name()) + ">");
    return;
  }
  check_common(model, CommonRules{"dfxp", Vocabulary::ttml1}, report);
  check_root(model, report);
  check_vocabulary(model, report);
  check_nesting(model, report);
}

}  // namespace kopru::codecs::ttml::validation
