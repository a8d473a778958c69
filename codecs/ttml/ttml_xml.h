// Parsing TTML safely: pugixml with Kopru's rules for outside XML, and line:column for any node.
// pugixml expands no DTD entities (billion laughs and XXE are inert) and parses deep trees
// iteratively, but it passes numeric references to U+0000, surrogates and beyond U+10FFFF as
// bytes; those are rejected here, and so is nesting deeper than kMaxDepth, before any recursive
// walk of ours runs.
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <string_view>

#include "codecs/codec.h"
#include "pipeline/core/lines.h"

namespace kopru::codecs::ttml {

inline constexpr int kMaxDepth = 256;

// Byte offsets into the parsed text to 1-based line and code-point column (0 when unknown).
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text);
  int line(std::ptrdiff_t offset) const;
  int column(std::ptrdiff_t offset) const;
  // The start tag's position of an element (pugixml's offset_debug), or 0:0 when unknown.
  int line(const pugi::xml_node& node) const { return line(node.offset_debug()); }
  int column(const pugi::xml_node& node) const { return column(node.offset_debug()); }
  // An attribute's position: found by name inside the element's start tag.
  std::ptrdiff_t attribute_offset(const pugi::xml_node& element,
                                  const pugi::xml_attribute& attribute) const;

 private:
  std::string_view text_;
  LineIndex index_;
};

// The namespaces TTML documents use, whatever prefix they are bound to; the TTML ones under every
// URI they have had (TTML1/2 and the DFXP drafts' 2006/04 and 2006/10 "ttaf1").
enum class Ns {
  none,
  tt,
  ttp,
  tts,
  ttm,
  xml,
  ebuttm,
  ebutts,
  ebuttp,
  itts,
  ittp,
  ittm,
  smpte,
  other
};
Ns classify_namespace(std::string_view uri);
// "xmlns" or "xmlns:prefix": a namespace declaration, not an attribute of the vocabulary.
bool is_namespace_declaration(std::string_view attribute_name);
// "p" for "tt:p", "lang" for "xml:lang".
std::string_view local_name(std::string_view qualified_name);
// The namespace of an element, resolving its prefix (or the default namespace) through the xmlns
// declarations on it and its ancestors. Bounded by kMaxDepth after parse_xml().
Ns element_namespace(const pugi::xml_node& element);
// The namespace of an attribute: unprefixed attributes are in no namespace; "xml:" is fixed.
Ns attribute_namespace(const pugi::xml_node& element, const pugi::xml_attribute& attribute);
// The attribute with this namespace and local name, or an empty handle.
pugi::xml_attribute find_attribute(const pugi::xml_node& element, Ns ns, std::string_view local);

// Parses source.text (UTF-8) into `doc` with pugixml; on malformed XML, a document nested deeper
// than kMaxDepth, invalid UTF-8 in any name, value or text, or a U+0000 / surrogate / out-of-range
// character from a numeric reference, throws through fail() at the line and column.
void parse_xml(const Source& source, pugi::xml_document& doc, const OffsetMap& offsets);

}  // namespace kopru::codecs::ttml
