#include "codecs/ttml/ttml_xml.h"

#include <algorithm>
#include <string>

#include "pipeline/core/lines.h"

namespace kopru::codecs::ttml {

namespace {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = 0;
    char32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(extra) >= s.size())
      return false;
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((cc & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr char32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

// XML 1.0 Char: what a numeric character reference may name.
bool xml_char(unsigned long cp) {
  if (cp == 0x9 || cp == 0xA || cp == 0xD)
    return true;
  if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
    return false;
  return cp <= 0x10FFFF;
}

// pugixml turns &#0; into a NUL that silently cuts the value short, and surrogates or values
// beyond U+10FFFF into invalid UTF-8, all without an error; so references are checked in the text.
void check_character_references(const Source& source, const OffsetMap& offsets) {
  const std::string_view text = source.text;
  for (std::size_t at = text.find("&#"); at != std::string_view::npos;
       at = text.find("&#", at + 2)) {
    std::size_t i = at + 2;
    const bool hex = i < text.size() && (text[i] == 'x');
    if (hex)
      ++i;
    const std::size_t digits_start = i;
    unsigned long value = 0;
    bool overflow = false;
    while (i < text.size() && i - digits_start < 16) {
      const char c = text[i];
      int digit = -1;
      if (c >= '0' && c <= '9')
        digit = c - '0';
      else if (hex && c >= 'a' && c <= 'f')
        digit = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F')
        digit = c - 'A' + 10;
      if (digit < 0)
        break;
      value = value * (hex ? 16 : 10) + static_cast<unsigned long>(digit);
      overflow = overflow || value > 0x10FFFF;
      ++i;
    }
    if (i == digits_start || i >= text.size() || text[i] != ';')
      continue;  // not a reference; pugixml keeps it as text
    if (overflow || !xml_char(value)) {
      const auto offset = static_cast<std::ptrdiff_t>(at);
      fail(source, offsets.line(offset), offsets.column(offset),
           "character reference \"" + std::string(text.substr(at, i + 1 - at)) +
               "\" names a character XML does not allow (NUL, a control character, a surrogate "
               "or beyond U+10FFFF)");
    }
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    const auto offset = static_cast<std::ptrdiff_t>(nul);
    fail(source, offsets.line(offset), offsets.column(offset), "NUL character in XML");
  }
}

// One iterative walk (no recursion: the depth is not trusted yet) over every node.
void check_tree(const Source& source, const pugi::xml_document& doc, const OffsetMap& offsets) {
  int depth = 0;
  pugi::xml_node node = doc.first_child();
  while (node) {
    if (depth >= kMaxDepth) {
      fail(source, offsets.line(node), offsets.column(node),
           "elements nested more than " + std::to_string(kMaxDepth) +
               " deep; TTML documents never need that");
    }
    const bool names_ok = valid_utf8(node.name()) && valid_utf8(node.value());
    bool attributes_ok = true;
    for (const auto& attribute : node.attributes())
      attributes_ok =
          attributes_ok && valid_utf8(attribute.name()) && valid_utf8(attribute.value());
    if (!names_ok || !attributes_ok) {
      fail(source, offsets.line(node), offsets.column(node),
           "invalid UTF-8 in an element, attribute or text");
    }
    if (node.first_child()) {
      node = node.first_child();
      ++depth;
      continue;
    }
    while (node && !node.next_sibling()) {
      node = node.parent();
      --depth;
    }
    if (node)
      node = node.next_sibling();
  }
}

}  // namespace

OffsetMap::OffsetMap(std::string_view text) : text_(text), index_(text) {}

int OffsetMap::line(std::ptrdiff_t offset) const {
  return offset < 0 ? 0 : index_.line(offset);
}

int OffsetMap::column(std::ptrdiff_t offset) const {
  return offset < 0 ? 0 : index_.locate(offset).second;
}

std::ptrdiff_t OffsetMap::attribute_offset(const pugi::xml_node& element,
                                           const pugi::xml_attribute& attribute) const {
  const std::ptrdiff_t start = element.offset_debug();
  if (start < 0 || static_cast<std::size_t>(start) >= text_.size())
    return start;
  const std::string_view name = attribute.name();
  // Walk the start tag, skipping quoted values (which may hold '>' or the name itself), and stop
  // at the attribute name that is followed by '='.
  char quote = 0;
  for (auto i = static_cast<std::size_t>(start); i < text_.size(); ++i) {
    const char c = text_[i];
    if (quote != 0) {
      if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '"' || c == '\'')
      quote = c;
    else if (c == '>')
      break;
    else if ((c == ' ' || c == '\t' || c == '\n' || c == '\r') &&
             text_.compare(i + 1, name.size(), name) == 0) {
      std::size_t eq = i + 1 + name.size();
      while (eq < text_.size() &&
             (text_[eq] == ' ' || text_[eq] == '\t' || text_[eq] == '\n' || text_[eq] == '\r'))
        ++eq;
      if (eq < text_.size() && text_[eq] == '=')
        return static_cast<std::ptrdiff_t>(i + 1);
    }
  }
  return start;
}

Ns classify_namespace(std::string_view uri) {
  struct Known {
    std::string_view uri;
    Ns ns;
  };
  static constexpr Known kKnown[] = {
      {"http://www.w3.org/ns/ttml", Ns::tt},
      {"http://www.w3.org/ns/ttml#parameter", Ns::ttp},
      {"http://www.w3.org/ns/ttml#styling", Ns::tts},
      {"http://www.w3.org/ns/ttml#metadata", Ns::ttm},
      {"http://www.w3.org/2006/10/ttaf1", Ns::tt},
      {"http://www.w3.org/2006/10/ttaf1#parameter", Ns::ttp},
      {"http://www.w3.org/2006/10/ttaf1#styling", Ns::tts},
      {"http://www.w3.org/2006/10/ttaf1#style", Ns::tts},
      {"http://www.w3.org/2006/10/ttaf1#metadata", Ns::ttm},
      {"http://www.w3.org/2006/04/ttaf1", Ns::tt},
      {"http://www.w3.org/2006/04/ttaf1#parameter", Ns::ttp},
      {"http://www.w3.org/2006/04/ttaf1#styling", Ns::tts},
      {"http://www.w3.org/2006/04/ttaf1#metadata", Ns::ttm},
      {"http://www.w3.org/XML/1998/namespace", Ns::xml},
      {"urn:ebu:tt:metadata", Ns::ebuttm},
      {"urn:ebu:tt:style", Ns::ebutts},
      {"urn:ebu:tt:parameters", Ns::ebuttp},
      {"http://www.w3.org/ns/ttml/profile/imsc1#styling", Ns::itts},
      {"http://www.w3.org/ns/ttml/profile/imsc1#parameter", Ns::ittp},
      {"http://www.w3.org/ns/ttml/profile/imsc1#metadata", Ns::ittm},
      {"http://www.smpte-ra.org/schemas/2052-1/2010/smpte-tt", Ns::smpte},
      {"http://www.smpte-ra.org/schemas/2052-1/2013/smpte-tt", Ns::smpte},
  };
  if (uri.empty())
    return Ns::none;
  for (const auto& known : kKnown) {
    if (known.uri == uri)
      return known.ns;
  }
  return Ns::other;
}

bool is_namespace_declaration(std::string_view attribute_name) {
  return attribute_name == "xmlns" || attribute_name.starts_with("xmlns:");
}

std::string_view local_name(std::string_view qualified_name) {
  const auto colon = qualified_name.find(':');
  return colon == std::string_view::npos ? qualified_name : qualified_name.substr(colon + 1);
}

namespace {

Ns resolve_prefix(pugi::xml_node node, std::string_view prefix) {
  const std::string declaration = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (; node && node.type() == pugi::node_element; node = node.parent()) {
    if (const auto attribute = node.attribute(declaration.c_str()))
      return classify_namespace(attribute.value());
  }
  return Ns::none;
}

std::string_view prefix_of(std::string_view qualified_name) {
  const auto colon = qualified_name.find(':');
  return colon == std::string_view::npos ? std::string_view() : qualified_name.substr(0, colon);
}

}  // namespace

Ns element_namespace(const pugi::xml_node& element) {
  return resolve_prefix(element, prefix_of(element.name()));
}

Ns attribute_namespace(const pugi::xml_node& element, const pugi::xml_attribute& attribute) {
  const std::string_view prefix = prefix_of(attribute.name());
  if (prefix.empty())
    return Ns::none;
  if (prefix == "xml")
    return Ns::xml;
  return resolve_prefix(element, prefix);
}

pugi::xml_attribute find_attribute(const pugi::xml_node& element, Ns ns, std::string_view local) {
  for (const auto& attribute : element.attributes()) {
    if (local_name(attribute.name()) == local && attribute_namespace(element, attribute) == ns)
      return attribute;
  }
  return {};
}

void parse_xml(const Source& source, pugi::xml_document& doc, const OffsetMap& offsets) {
  check_character_references(source, offsets);
  const pugi::xml_parse_result result =
      doc.load_buffer(source.text.data(), source.text.size(),
                      pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
  if (!result) {
    fail(source, offsets.line(result.offset), offsets.column(result.offset),
         std::string("malformed XML: ") + result.description());
  }
  check_tree(source, doc, offsets);
}

}  // namespace kopru::codecs::ttml
