// The TTML reader's driver: parse safely, check the root, keep the root parameters for the TTML
// writers, then head (styles, regions, metadata), body (tree, timing, cues).
#include <string>

#include "codecs/ttml/ttml.h"
#include "codecs/ttml/ttml_reader.h"

namespace kopru::codecs::ttml {

void ReaderContext::warn(const pugi::xml_node& node, const std::string& code,
                         const std::string& message) {
  diag.warn(line(node), column(node), code, message);
}

void ReaderContext::warn(const pugi::xml_node& node, const pugi::xml_attribute& attribute,
                         const std::string& code, const std::string& message) {
  const auto offset = offsets.attribute_offset(node, attribute);
  diag.warn(offsets.line(offset), offsets.column(offset), code, message);
}

void ReaderContext::ignored(const pugi::xml_node& node, const std::string& code,
                            const std::string& message) {
  if (reported.insert(code + '|' + message).second)
    warn(node, code, message);
}

void ReaderContext::error(const pugi::xml_node& node, const std::string& message) const {
  fail(source, line(node), column(node), message);
}

void ReaderContext::error(const pugi::xml_node& node, const pugi::xml_attribute& attribute,
                          const std::string& message) const {
  const auto offset = offsets.attribute_offset(node, attribute);
  fail(source, offsets.line(offset), offsets.column(offset), message);
}

namespace {

bool is_tt(const pugi::xml_node& node, std::string_view local) {
  return node.type() == pugi::node_element && local_name(node.name()) == local &&
         element_namespace(node) == Ns::tt;
}

// The profile a document declares or evidently follows, for the writers' round trip.
std::string detect_profile(const pugi::xml_node& tt, const pugi::xml_node& head) {
  const std::string designators = std::string(find_attribute(tt, Ns::ttp, "profile").value()) +
                                  " " + find_attribute(tt, Ns::ttp, "contentProfiles").value();
  std::string claimed;  // ebuttm:conformsToStandard values naming IMSC
  bool ebu_standard = false;
  bool ebu_namespaces = false;
  bool imsc_namespaces = false;
  bool smpte = false;
  for (const auto& attribute : tt.attributes()) {
    const std::string_view name = attribute.name();
    if (!is_namespace_declaration(name))
      continue;
    const Ns ns = classify_namespace(attribute.value());
    ebu_namespaces = ebu_namespaces || ns == Ns::ebuttm || ns == Ns::ebutts || ns == Ns::ebuttp;
    imsc_namespaces = imsc_namespaces || ns == Ns::itts || ns == Ns::ittp || ns == Ns::ittm;
    smpte = smpte || ns == Ns::smpte;
  }
  // ebuttm:conformsToStandard sits in head > metadata, sometimes inside ebuttm:documentMetadata;
  // the tree depth is already bounded by parse_xml().
  for (const pugi::xpath_node& found : head.select_nodes(".//*")) {
    const pugi::xml_node child = found.node();
    if (element_namespace(child) == Ns::ebuttm &&
        local_name(child.name()) == "conformsToStandard") {
      const std::string_view value = child.text().get();
      if (value.find("urn:ebu:tt:distribution") != std::string_view::npos)
        ebu_standard = true;
      if (value.find("imsc1") != std::string_view::npos)
        claimed += " " + std::string(value);
    }
  }
  if (designators.find("imsc1.1") != std::string::npos)
    return "imsc1.1";
  if (designators.find("imsc1") != std::string::npos)
    return "imsc1.0.1";
  if (ebu_standard)
    return "ebu-tt-d";
  if (claimed.find("imsc1.1") != std::string::npos)
    return "imsc1.1";
  if (claimed.find("imsc1") != std::string::npos)
    return "imsc1.0.1";
  const std::string_view ns = tt.attribute("xmlns").value();
  if (ns.find("ttaf1") != std::string_view::npos)
    return "dfxp";
  if (imsc_namespaces)
    return "imsc1.1";
  if (ebu_namespaces)
    return "ebu-tt-d";
  if (smpte)
    return "smpte-tt";
  return "ttml1";
}

void read_root_parameters(ReaderContext& ctx, Document& doc) {
  const pugi::xml_node tt = ctx.root;
  doc.format_private.format = "ttml";
  for (const auto& attribute : tt.attributes()) {
    const Ns ns = attribute_namespace(tt, attribute);
    const std::string_view local = local_name(attribute.name());
    if (ns == Ns::ttp || ns == Ns::tts || ns == Ns::ttm || ns == Ns::ebuttp || ns == Ns::ittp ||
        ns == Ns::itts || ns == Ns::ebutts || ns == Ns::xml) {
      if (ns == Ns::xml && local == "lang")
        continue;  // meta.language
      doc.format_private.add(qualified(ns, local), attribute.value());
    }
  }
  if (const auto extent = find_attribute(tt, Ns::tts, "extent")) {
    const auto lengths = parse_lengths(extent.value());
    if (lengths && lengths->size() == 2 && (*lengths)[0].unit == "px" &&
        (*lengths)[1].unit == "px" && (*lengths)[0].value > 0 && (*lengths)[1].value > 0) {
      ctx.root_extent_px = {(*lengths)[0].value, (*lengths)[1].value};
      doc.meta.play_res_x = static_cast<int>((*lengths)[0].value);
      doc.meta.play_res_y = static_cast<int>((*lengths)[1].value);
    } else if (std::string_view(extent.value()) != "auto") {
      ctx.warn(tt, extent, "ttml-invalid-value",
               "tts:extent=\"" + std::string(extent.value()) +
                   "\" on tt must be two px lengths; ignored");
    }
  }
  if (const auto cells = find_attribute(tt, Ns::ttp, "cellResolution")) {
    const auto parts = split_xml_space(cells.value());
    int columns = 0;
    int rows = 0;
    if (parts.size() == 2) {
      columns = std::atoi(std::string(parts[0]).c_str());
      rows = std::atoi(std::string(parts[1]).c_str());
    }
    if (columns > 0 && rows > 0) {
      ctx.cell_columns = columns;
      ctx.cell_rows = rows;
    } else {
      ctx.warn(tt, cells, "ttml-invalid-value",
               "ttp:cellResolution=\"" + std::string(cells.value()) +
                   "\" is not two positive integers; 32 15 is used");
    }
  }
  std::string problem;
  ctx.params = timing_parameters(tt, &problem);
  if (!problem.empty())
    ctx.warn(tt, "ttml-invalid-value", problem);
  if (ctx.params.frame_rate_declared)
    doc.meta.frame_rate = ctx.params.frame_rate;
  if (ctx.params.time_base == "smpte" || ctx.params.time_base == "clock") {
    ctx.ignored(tt, "ttml-ignored-time-base",
                "ttp:timeBase=\"" + ctx.params.time_base +
                    "\" is read as media time (no synchronisation to a timecode or wall clock)");
  }
  if (const auto lang = find_attribute(tt, Ns::xml, "lang")) {
    const std::string_view value = lang.value();
    if (!value.empty()) {
      if (const auto tag = LanguageTag::parse(value))
        doc.meta.language = *tag;
      else
        ctx.warn(tt, lang, "ttml-invalid-value",
                 "xml:lang=\"" + std::string(value) + "\" is not a BCP 47 language tag");
    }
  }
}

}  // namespace

Document read(const Source& source, const ReadOptions& options, Diagnostics& diag) {
  ReaderContext ctx(source, options, diag);
  pugi::xml_document xml;
  parse_xml(source, xml, ctx.offsets);
  const pugi::xml_node root = xml.document_element();
  if (!root || local_name(root.name()) != "tt" || element_namespace(root) != Ns::tt) {
    const std::string found = root ? "<" + std::string(root.name()) + ">" : "no element";
    fail(source, root ? ctx.line(root) : 1, root ? ctx.column(root) : 1,
         "not a TTML document: the root element is " + found +
             " (expected <tt> in the TTML namespace http://www.w3.org/ns/ttml)");
  }
  ctx.root = root;
  Document doc;
  doc.meta.source_format = "ttml";
  read_root_parameters(ctx, doc);
  pugi::xml_node head;
  pugi::xml_node body;
  for (const auto& child : root.children()) {
    if (is_tt(child, "head") && !head)
      head = child;
    else if (is_tt(child, "body") && !body)
      body = child;
  }
  doc.format_private.set("profile", detect_profile(root, head));
  if (head)
    read_head(ctx, head, doc);
  if (body) {
    std::vector<Node> nodes = build_tree(ctx, body);
    compute_timing(ctx, nodes);
    make_cues(ctx, nodes, doc);
  }
  return doc;
}

}  // namespace kopru::codecs::ttml
