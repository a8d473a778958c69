// Safe XML parsing for TTML: every refusal names its line and column; hostile documents end
// quickly in an error or stay inert.
#include <gtest/gtest.h>

#include <string>

#include "codecs/ttml/ttml_xml.h"

namespace kopru::codecs::ttml {
namespace {

// The error line `parse_xml` gives, or "" when it accepts the text.
std::string parse_error(const std::string& text) {
  const Source source{"t.ttml", text, text, "UTF-8"};
  const OffsetMap offsets(text);
  pugi::xml_document doc;
  try {
    parse_xml(source, doc, offsets);
  } catch (const ParseError& e) {
    return e.formatted();
  }
  return "";
}

TEST(TtmlXml, CharacterReferencesXmlForbidsAreRefusedWhereTheyStand) {
  EXPECT_EQ(parse_error("<tt>\n  <p>a&#0;b</p></tt>"),
            "t.ttml:2:7: error: character reference \"&#0;\" names a character XML does not "
            "allow (NUL, a control character, a surrogate or beyond U+10FFFF)");
  for (const char* ref : {"&#xD800;", "&#x110000;", "&#99999999999;", "&#x1;", "&#xFFFE;"}) {
    EXPECT_NE(parse_error(std::string("<tt a='") + ref + "'/>"), "") << ref;
  }
  EXPECT_EQ(parse_error("<tt>&#x9;&#10;&#xE9;&#x1F600;</tt>"), "");
  EXPECT_EQ(parse_error("<tt>&#;&#x;&# 9;</tt>"), "");  // not references: pugixml keeps the text
}

TEST(TtmlXml, MalformedXmlGivesPugixmlsReasonAtItsPosition) {
  // pugixml points at the name inside the end tag.
  EXPECT_EQ(parse_error("<tt>\n<p>x</tt>"),
            "t.ttml:2:7: error: malformed XML: Start-end tags mismatch");
}

TEST(TtmlXml, NestingDeeperThanTheCapIsRefused) {
  std::string deep;
  for (int i = 0; i < 1'000'000; ++i)
    deep += "<span>";
  const std::string error = parse_error("<tt>" + deep);
  EXPECT_NE(error.find("malformed XML"), std::string::npos) << error.substr(0, 200);
  std::string closed = "<tt>";
  for (int i = 0; i < 300; ++i)
    closed += "<span>";
  for (int i = 0; i < 300; ++i)
    closed += "</span>";
  closed += "</tt>";
  EXPECT_EQ(parse_error(closed),
            "t.ttml:1:1536: error: elements nested more than 256 deep; TTML documents never need "
            "that");
}

TEST(TtmlXml, EntityDeclarationsStayInert) {
  const std::string bomb =
      "<!DOCTYPE tt [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
      "<!ENTITY x SYSTEM \"file:///etc/passwd\">]><tt><p>&b;&x;</p></tt>";
  const Source source{"t.ttml", bomb, bomb, "UTF-8"};
  const OffsetMap offsets(bomb);
  pugi::xml_document doc;
  parse_xml(source, doc, offsets);
  EXPECT_STREQ(doc.child("tt").child("p").text().get(), "&b;&x;");
}

TEST(TtmlXml, OffsetsOfElementsAndAttributes) {
  const std::string text = "<tt>\n  <p begin='1s'\n     end='2s'>é</p></tt>";
  const OffsetMap offsets(text);
  pugi::xml_document doc;
  parse_xml(Source{"t", text, text, "UTF-8"}, doc, offsets);
  const auto p = doc.child("tt").child("p");
  EXPECT_EQ(offsets.line(p), 2);
  EXPECT_EQ(offsets.column(p), 4);  // pugixml points at the name, after '<'
  const auto end = offsets.attribute_offset(p, p.attribute("end"));
  EXPECT_EQ(offsets.line(end), 3);
  EXPECT_EQ(offsets.column(end), 6);
}

TEST(TtmlXml, AttributeOffsetsSkipQuotedValues) {
  const std::string text = R"(<tt><p title="a > end=1 b" end='2s'/></tt>)";
  const OffsetMap offsets(text);
  pugi::xml_document doc;
  parse_xml(Source{"t", text, text, "UTF-8"}, doc, offsets);
  const auto p = doc.child("tt").child("p");
  EXPECT_EQ(offsets.column(offsets.attribute_offset(p, p.attribute("end"))), 28);
}

TEST(TtmlXml, NamespacesResolveWhateverThePrefix) {
  const std::string text =
      R"(<x:tt xmlns:x="http://www.w3.org/ns/ttml" xmlns:s="http://www.w3.org/ns/ttml#styling"
              xmlns="urn:other"><x:p s:color="red" color="blue"/><q/></x:tt>)";
  pugi::xml_document doc;
  parse_xml(Source{"t", text, text, "UTF-8"}, doc, OffsetMap(text));
  const auto p = doc.first_child().first_child();
  EXPECT_EQ(element_namespace(doc.first_child()), Ns::tt);
  EXPECT_EQ(element_namespace(p), Ns::tt);
  EXPECT_EQ(element_namespace(p.next_sibling()), Ns::other);
  EXPECT_STREQ(find_attribute(p, Ns::tts, "color").value(), "red");
  EXPECT_EQ(attribute_namespace(p, p.attribute("color")), Ns::none);
  EXPECT_EQ(classify_namespace("http://www.w3.org/2006/04/ttaf1#styling"), Ns::tts);
  EXPECT_EQ(local_name("ebuttm:conformsToStandard"), "conformsToStandard");
}

}  // namespace
}  // namespace kopru::codecs::ttml
