// Hand-written documents with several violations at once (each asserted at its line:column with
// its rule), and hostile inputs the validator must survive.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/conformance/ttml_validate/validate_support.h"

namespace kopru::testing {
namespace {

using codecs::ttml::ValidationProfile;
using codecs::ttml::Violation;

struct Expected {
  int line;
  int column;
  std::string rule;
};

void expect_exactly(const std::vector<Violation>& found, const std::vector<Expected>& expected) {
  ASSERT_EQ(found.size(), expected.size()) << describe(found, 50);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(found[i].line, expected[i].line) << i << ": " << found[i].message;
    EXPECT_EQ(found[i].column, expected[i].column) << i << ": " << found[i].message;
    EXPECT_EQ(found[i].rule, expected[i].rule) << i << ": " << found[i].message;
  }
}

const char* kGoodImsc = R"(<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
    xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en"
    ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text">
  <head>
    <layout>
      <region xml:id="r1" tts:origin="10% 80%" tts:extent="80% 10%"/>
    </layout>
  </head>
  <body>
    <div>
      <p region="r1" begin="1s" end="2s">Hello</p>
    </div>
  </body>
</tt>
)";

TEST(ValidateHandwritten, AGoodImscDocumentConforms) {
  const auto v = validate_text(kGoodImsc, ValidationProfile::imsc11_text);
  EXPECT_TRUE(v.empty()) << describe(v);
}

TEST(ValidateHandwritten, ImscReportsEveryViolationInDocumentOrder) {
  const std::string doc =
      R"(<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
    xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ebutts="urn:ebu:tt:style"
    ttp:timeBase="smpte" xml:lang="en">
  <head>
    <styling>
      <style xml:id="s1" tts:rubyAlign="start" ebutts:linePadding="5%"/>
      <style xml:id="s1" tts:color="bluish"/>
    </styling>
    <layout>
      <region xml:id="a" tts:origin="0% 0%" tts:extent="50% 50%"/>
      <region xml:id="b" tts:origin="25% 25%" tts:extent="50% 50%" tts:position="center"/>
      <region xml:id="c"/>
    </layout>
  </head>
  <body>
    <div>
      <p region="a" begin="00:00:01:05" end="2s">One</p>
      <p region="b" begin="1s" end="2s" style="nope">Two</p>
      <image/>
    </div>
  </body>
</tt>
)";
  const auto v = validate_text(doc, ValidationProfile::imsc11_text);
  expect_exactly(v, {
                        {1, 1, "imsc1.1-6-profile-designator"},
                        {3, 5, "imsc1.1-7-time-base"},
                        {6, 26, "imsc1.1-8.4.9-ruby-align"},
                        {6, 48, "imsc1.1-8.4.12-line-padding"},
                        {7, 14, "imsc1.1-unique-id"},
                        {7, 26, "imsc1.1-style-value"},
                        {11, 7, "imsc1.1-8.4.8-origin-position"},
                        {11, 7, "imsc1.1-8.4-region-overlap"},
                        {12, 7, "imsc1.1-8.4.2-region-extent"},
                        {17, 21, "imsc1.1-7.12.7-frame-rate"},
                        {18, 41, "imsc1.1-style-reference"},
                        {19, 7, "imsc1.1-6-image"},
                    });
}

TEST(ValidateHandwritten, ImscCountsPresentedRegions) {
  std::string doc =
      R"(<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
    xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en"
    ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text">
  <head>
    <layout>
      <region xml:id="r1" tts:origin="0% 0%" tts:extent="10% 10%"/>
      <region xml:id="r2" tts:origin="20% 0%" tts:extent="10% 10%"/>
      <region xml:id="r3" tts:origin="40% 0%" tts:extent="10% 10%"/>
      <region xml:id="r4" tts:origin="60% 0%" tts:extent="10% 10%"/>
      <region xml:id="r5" tts:origin="80% 0%" tts:extent="10% 10%"/>
    </layout>
  </head>
  <body>
    <div begin="10s">
      <p region="r1" end="5s">1</p>
      <p region="r2" end="5s">2</p>
      <p region="r3" end="5s">3</p>
      <p region="r4" end="5s">4</p>
      <p region="r5" begin="5s" end="6s">5 is alone</p>
      <p region="r5" begin="4s" end="6s">5 overlaps the others in time</p>
    </div>
  </body>
</tt>
)";
  const auto v = validate_text(doc, ValidationProfile::imsc11_text);
  ASSERT_EQ(v.size(), 1U) << describe(v);
  EXPECT_EQ(v[0].rule, "imsc1.1-8.4-max-regions");
  EXPECT_EQ(v[0].line, 10);
  EXPECT_NE(v[0].message.find("00:00:14.000"), std::string::npos) << v[0].message;
  // Without the overlapping paragraph, four regions at most: conforming.
  const auto cut = doc.find("      <p region=\"r5\" begin=\"4s\"");
  doc.erase(cut, doc.find('\n', cut) - cut + 1);
  EXPECT_TRUE(validate_text(doc, ValidationProfile::imsc11_text).empty());
}

TEST(ValidateHandwritten, ImscUnitsAndLimits) {
  const std::string doc =
      R"(<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
    xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en"
    ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text">
  <head>
    <layout>
      <region xml:id="r1" tts:origin="10px 10px" tts:extent="80% 10%"/>
    </layout>
  </head>
  <body>
    <div>
      <p region="r1" begin="10t" end="20t"><span tts:fontSize="100%" tts:textOutline="red 20%" tts:textShadow="1px 1px, 2px 2px, 3px 3px, 4px 4px, 5px 5px">x</span></p>
    </div>
  </body>
</tt>
)";
  const auto v = validate_text(doc, ValidationProfile::imsc11_text);
  expect_exactly(v, {
                        {6, 27, "imsc1.1-8.4.2-px-without-root-extent"},
                        {11, 22, "imsc1.1-7-tick-rate"},
                        {11, 70, "imsc1.1-8.4.10-text-outline"},
                        {11, 96, "imsc1.1-8.4.2-px-without-root-extent"},
                        {11, 96, "imsc1.1-8.4.11-text-shadow"},
                    });
}

TEST(ValidateHandwritten, EbuTtDReportsEveryViolation) {
  const std::string doc =
      R"(<tt:tt xmlns:tt="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
    xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ebutts="urn:ebu:tt:style"
    ttp:timeBase="media" ttp:cellResolution="50">
  <tt:head>
    <tt:styling>
      <tt:style xml:id="s1" tts:fontSize="1c" ebutts:linePadding="0.5c" ebutts:multiRowAlign="middle"/>
    </tt:styling>
    <tt:layout>
      <tt:region xml:id="r1" tts:origin="10px 80%" tts:extent="80% 10%"/>
    </tt:layout>
  </tt:head>
  <tt:body dur="10s">
    <tt:div>
      <tt:p xml:id="p1" region="r1" begin="00:00:01:12" end="5s" style="s2">
        <tt:span tts:color="red">a<tt:span>b</tt:span></tt:span>
      </tt:p>
      <tt:p xml:id="p1" region="r1" begin="00:00:06.000" end="00:00:07.000">ok</tt:p>
    </tt:div>
  </tt:body>
</tt:tt>
)";
  const auto v = validate_text(doc, ValidationProfile::ebu_tt_d);
  expect_exactly(v, {
                        {1, 1, "ebu-tt-d-xml-lang"},
                        {1, 1, "ebu-tt-d-conforms-to-standard"},
                        {3, 26, "ebu-tt-d-cell-resolution"},
                        {6, 29, "ebu-tt-d-length-units"},
                        {6, 73, "ebu-tt-d-style-value"},
                        {9, 30, "ebu-tt-d-length-units"},
                        {12, 12, "ebu-tt-d-timing-placement"},
                        {14, 37, "ebu-tt-d-time-expression"},
                        {14, 57, "ebu-tt-d-time-expression"},
                        {14, 66, "ebu-tt-d-style-reference"},
                        {15, 18, "ebu-tt-d-attribute"},
                        {15, 35, "ebu-tt-d-nested-span"},
                        {17, 13, "ebu-tt-d-unique-id"},
                    });
}

TEST(ValidateHandwritten, DfxpVocabularyAndLegacyNamespace) {
  const std::string doc =
      R"(<tt xmlns="http://www.w3.org/2006/10/ttaf1" xmlns:tts="http://www.w3.org/2006/10/ttaf1#styling">
  <head>
    <styling><style xml:id="s" tts:textShadow="1px 1px"/></styling>
  </head>
  <body>
    <div>
      <p begin="0:00:01" end="00:00:02.5" tts:fontSize="12pt"><initial/>x</p>
    </div>
  </body>
</tt>
)";
  const auto v = validate_text(doc, ValidationProfile::dfxp);
  expect_exactly(v, {
                        {3, 32, "dfxp-attribute"},
                        {7, 10, "dfxp-time-expression"},
                        {7, 43, "dfxp-style-value"},
                        {7, 63, "dfxp-element"},
                    });
  const std::string draft = R"(<tt xmlns="http://www.w3.org/2006/04/ttaf1"><body/></tt>)";
  const auto d = validate_text(draft, ValidationProfile::dfxp);
  ASSERT_EQ(d.size(), 1U) << describe(d);
  EXPECT_EQ(d[0].rule, "dfxp-namespace");
}

// ---- hostile input ----

TEST(ValidateHostile, MalformedXmlIsOneViolationAtItsPlace) {
  for (const auto profile :
       {ValidationProfile::imsc11_text, ValidationProfile::ebu_tt_d, ValidationProfile::dfxp}) {
    const auto v =
        validate_text("<tt xmlns=\"http://www.w3.org/ns/ttml\">\n  <body>\n</tt>\n", profile);
    ASSERT_EQ(v.size(), 1U) << describe(v);
    EXPECT_EQ(v[0].line, 3);
    EXPECT_NE(v[0].rule.find("xml-well-formed"), std::string::npos);
  }
}

TEST(ValidateHostile, CharacterReferencesAndNul) {
  const auto nul = validate_text("<tt xmlns=\"http://www.w3.org/ns/ttml\">\n<body>&#0;</body></tt>",
                                 ValidationProfile::dfxp);
  ASSERT_EQ(nul.size(), 1U);
  EXPECT_EQ(nul[0].line, 2);
  EXPECT_EQ(nul[0].column, 7);
  const auto surrogate =
      validate_text("<tt xmlns=\"http://www.w3.org/ns/ttml\"><body>&#xD800;</body></tt>",
                    ValidationProfile::dfxp);
  ASSERT_EQ(surrogate.size(), 1U);
  const auto raw = validate_text(std::string("<tt>\0</tt>", 10), ValidationProfile::dfxp);
  ASSERT_EQ(raw.size(), 1U);
}

TEST(ValidateHostile, DeepNestingAndEntityExpansion) {
  std::string deep = "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div><p>";
  for (int i = 0; i < 100000; ++i)
    deep += "<span>";
  const auto v = validate_text(deep, ValidationProfile::imsc11_text);
  ASSERT_EQ(v.size(), 1U);
  const std::string lol =
      "<?xml version=\"1.0\"?><!DOCTYPE tt [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
      "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
      "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div><p>&c;&c;&c;</p></div></body></tt>";
  for (const auto profile :
       {ValidationProfile::imsc11_text, ValidationProfile::ebu_tt_d, ValidationProfile::dfxp})
    (void)validate_text(lol, profile);  // must simply return
  SUCCEED();
}

TEST(ValidateHostile, HugeAttributesAndManyElementsStayFast) {
  std::string doc =
      "<tt xmlns=\"http://www.w3.org/ns/ttml\" xmlns:tts=\"http://www.w3.org/ns/ttml#styling\">"
      "<body><div>";
  doc += "<p style=\"" + std::string(1 << 20, 'x') + "\" tts:fontFamily=\"" +
         std::string(1 << 20, ',') + "\">a</p>";
  for (int i = 0; i < 20000; ++i)
    doc += "<p region=\"r\" begin=\"" + std::to_string(i) + "s\">t</p>";
  doc += "</div></body></tt>";
  for (const auto profile :
       {ValidationProfile::imsc11_text, ValidationProfile::ebu_tt_d, ValidationProfile::dfxp}) {
    const auto v = validate_text(doc, profile);
    EXPECT_GT(v.size(), 20000U);
  }
}

TEST(ValidateHostile, NotXmlAtAllAndEmpty) {
  for (const auto profile :
       {ValidationProfile::imsc11_text, ValidationProfile::ebu_tt_d, ValidationProfile::dfxp}) {
    EXPECT_EQ(validate_text("1\n00:00:01,000 --> 00:00:02,000\nhi\n", profile).size(), 1U);
    EXPECT_EQ(validate_text("", profile).size(), 1U);
    EXPECT_EQ(validate_text("<html><body/></html>", profile).size() >= 1U, true);
  }
}

}  // namespace
}  // namespace kopru::testing
