// The validator's entry point: parse safely, index once, run the profile's rules, sort.
#include <algorithm>
#include <iterator>
#include <utility>

#include "codecs/ttml/ttml_validate_internal.h"

namespace kopru::codecs::ttml {

namespace validation {

void Report::at(const pugi::xml_node& node, std::string_view rule, std::string message) {
  std::ptrdiff_t offset = node.offset_debug();
  // pugixml points after the '<'; a reader looks for the tag's start.
  if (offset > 0 && static_cast<std::size_t>(offset) <= text_.size() &&
      text_[static_cast<std::size_t>(offset) - 1] == '<')
    --offset;
  at_offset(offset, rule, std::move(message));
}

void Report::at(const pugi::xml_node& node, const pugi::xml_attribute& attribute,
                std::string_view rule, std::string message) {
  at_offset(offsets_.attribute_offset(node, attribute), rule, std::move(message));
}

void Report::at_offset(std::ptrdiff_t offset, std::string_view rule, std::string message) {
  Violation v;
  v.rule = std::string(rule);
  v.message = std::move(message);
  found_.emplace_back(offset < 0 ? -1 : offset, std::move(v));
}

void Report::document(std::string_view rule, std::string message) {
  at_offset(-1, rule, std::move(message));
}

std::vector<Violation> Report::take() {
  std::stable_sort(found_.begin(), found_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Violation> out;
  out.reserve(found_.size());
  // One forward pass over the text for all positions (OffsetMap's line() costs a column count).
  std::size_t pos = 0;
  int line = 1;
  int column = 1;
  for (auto& [offset, v] : found_) {
    if (offset >= 0) {
      const auto target = std::min(static_cast<std::size_t>(offset), text_.size());
      for (; pos < target; ++pos) {
        const char c = text_[pos];
        if (c == '\n' || (c == '\r' && (pos + 1 >= text_.size() || text_[pos + 1] != '\n'))) {
          ++line;
          column = 1;
        } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
          ++column;
        }
      }
      v.line = line;
      v.column = column;
    }
    out.push_back(std::move(v));
  }
  found_.clear();
  return out;
}

namespace {

std::string namespace_uri_of(const pugi::xml_node& element) {
  const std::string_view name = element.name();
  const auto colon = name.find(':');
  const std::string declaration =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node n = element; n && n.type() == pugi::node_element; n = n.parent()) {
    if (const auto a = n.attribute(declaration.c_str()))
      return a.value();
  }
  return "";
}

}  // namespace

Model index(const Source& source, const pugi::xml_document& doc) {
  Model model;
  model.source = &source;
  model.tt = doc.document_element();
  model.tt_namespace_uri = namespace_uri_of(model.tt);
  model.timing = timing_parameters(model.tt, &model.timing_problem);
  // Iterative pre-order walk over elements; depth is already bounded by parse_xml.
  std::vector<std::pair<pugi::xml_node, bool>> stack;
  stack.emplace_back(model.tt, false);
  while (!stack.empty()) {
    auto [node, in_body] = stack.back();
    stack.pop_back();
    Element e;
    e.node = node;
    e.ns = element_namespace(node);
    e.name = local_name(node.name());
    e.in_body = in_body || (e.ns == Ns::tt && e.name == "body");
    model.elements.push_back(e);
    if (const auto id = find_attribute(node, Ns::xml, "id")) {
      const std::string key = id.value();
      model.ids.emplace(key, node);
      if (e.ns == Ns::tt && e.name == "style")
        model.styles.emplace(key, node);
      if (e.ns == Ns::tt && e.name == "region")
        model.regions.emplace(key, node);
    }
    std::vector<pugi::xml_node> children;
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element)
        children.push_back(child);
    }
    for (auto it = children.rbegin(); it != children.rend(); ++it)
      stack.emplace_back(*it, e.in_body);
  }
  return model;
}

}  // namespace validation

std::optional<ValidationProfile> parse_validation_profile(std::string_view name) {
  if (name == "imsc1.1-text")
    return ValidationProfile::imsc11_text;
  if (name == "ebu-tt-d")
    return ValidationProfile::ebu_tt_d;
  if (name == "dfxp")
    return ValidationProfile::dfxp;
  return std::nullopt;
}

std::string_view to_string(ValidationProfile profile) {
  switch (profile) {
    case ValidationProfile::imsc11_text:
      return "imsc1.1-text";
    case ValidationProfile::ebu_tt_d:
      return "ebu-tt-d";
    case ValidationProfile::dfxp:
      return "dfxp";
  }
  return "";
}

std::vector<Violation> validate(const Source& source, ValidationProfile profile) {
  const OffsetMap offsets(source.text);
  validation::Report report(source.text, offsets);
  pugi::xml_document doc;
  try {
    parse_xml(source, doc, offsets);
  } catch (const ParseError& error) {
    Violation v;
    v.line = error.where().line;
    v.column = error.where().column;
    v.rule = std::string(to_string(profile)) + "-xml-well-formed";
    v.message = error.what();
    return {v};
  }
  const validation::Model model = validation::index(source, doc);
  for (const auto& e : model.elements) {
    const auto count =
        static_cast<std::size_t>(std::distance(e.node.attributes_begin(), e.node.attributes_end()));
    if (count > validation::kMaxAttributes) {
      // Safety, like parse_xml's depth cap: namespace resolution is linear in the attributes.
      report.at(e.node, std::string(to_string(profile)) + "-xml-safety",
                "<" + std::string(e.node.name()) + "> has " + std::to_string(count) +
                    " attributes; more than " + std::to_string(validation::kMaxAttributes) +
                    " is refused as hostile");
      return report.take();
    }
  }
  if (!model.tt) {
    report.document(std::string(to_string(profile)) + "-root", "the document has no root element");
    return report.take();
  }
  switch (profile) {
    case ValidationProfile::imsc11_text:
      validation::check_imsc11_text(model, report);
      break;
    case ValidationProfile::ebu_tt_d:
      validation::check_ebu_tt_d(model, report);
      break;
    case ValidationProfile::dfxp:
      validation::check_dfxp(model, report);
      break;
  }
  return report.take();
}

}  // namespace kopru::codecs::ttml
