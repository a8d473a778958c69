// WPT webvtt/parsing/file-parsing: every case of the corpus's expected.json, property by property,
// plus spec-derived checks for the two newer inputs whose upstream assertions were not secured and
// for the invalid signatures upstream rejects (those inputs are not in the corpus).
#include <gtest/gtest.h>

#include <fstream>

#include "tests/conformance/webvtt/vtt_support.h"

namespace kopru::testing::vtt {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path wpt_dir() {
  return corpus_dir() / "wpt-webvtt";
}

json load_expected() {
  std::ifstream in(wpt_dir() / "file-parsing" / "expected.json");
  return json::parse(in);
}

std::vector<json> wpt_cases() {
  const json expected = load_expected();
  return expected["tests"].get<std::vector<json>>();
}

class WptFileParsing : public ::testing::TestWithParam<json> {};

}  // namespace
}  // namespace kopru::testing::vtt

// Test names only, not the whole expectation, when a case fails.
namespace nlohmann {
inline void PrintTo(const json& j, std::ostream* os) {
  *os << (j.contains("name") ? j["name"].dump() : std::string("?"));
}
}  // namespace nlohmann

namespace kopru::testing::vtt {
namespace {

TEST_P(WptFileParsing, MatchesUpstreamAssertions) {
  const json& t = GetParam();
  const fs::path input = wpt_dir() / t["input"].get<std::string>();
  ASSERT_TRUE(fs::exists(input)) << input;
  Diagnostics diag;
  Document doc;
  ASSERT_NO_THROW(doc = read_vtt(input, diag)) << "must load: " << input;
  if (t.contains("cue_count")) {
    ASSERT_EQ(doc.cues.size(), t["cue_count"].get<std::size_t>());
  }
  if (t.contains("cues")) {
    for (const auto& [index, props] : t["cues"].items()) {
      const std::size_t i = std::stoul(index);
      ASSERT_LT(i, doc.cues.size());
      const json actual = cue_properties(doc.cues[i]);
      for (const auto& [name, expected] : props.items()) {
        ASSERT_TRUE(actual.contains(name)) << "no VTTCue property " << name;
        EXPECT_TRUE(same_value(actual[name], expected))
            << t["name"] << " cue " << i << " " << name << ": expected " << expected.dump()
            << ", got " << actual[name].dump();
        if (name == "text") {
          // The text is not only reproduced but parses to the same runs.
          EXPECT_EQ(codecs::webvtt::parse_cue_text(expected.get<std::string>(), {}, diag),
                    doc.cues[i].runs)
              << "cue " << i;
        }
      }
    }
  }
  if (t.contains("cue_regions")) {
    for (const auto& [index, props] : t["cue_regions"].items()) {
      const std::size_t i = std::stoul(index);
      ASSERT_LT(i, doc.cues.size());
      const Region* region = find_region(doc, doc.cues[i].placement.region);
      if (props.is_null()) {
        EXPECT_EQ(region, nullptr) << t["name"] << " cue " << i << " must have no region";
        continue;
      }
      ASSERT_NE(region, nullptr) << t["name"] << " cue " << i << " must have a region";
      const json actual = region_properties(*region);
      for (const auto& [name, expected] : props.items()) {
        const std::string key = name == "region_ref" ? "id" : name;
        EXPECT_TRUE(same_value(actual[key], expected))
            << t["name"] << " cue " << i << " region " << name << ": expected " << expected.dump()
            << ", got " << actual[key].dump();
      }
    }
  }
}

std::string case_name(const ::testing::TestParamInfo<json>& info) {
  std::string name = info.param["name"].get<std::string>();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)))
      c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Wpt, WptFileParsing, ::testing::ValuesIn(wpt_cases()), case_name);

TEST(WptFileParsingCorpus, HasEveryCase) {
  EXPECT_EQ(wpt_cases().size(), 37u);
}

// Newer upstream input without secured assertions: expectations derived from the spec.
TEST(WptFileParsingSpecDerived, CommentInCueText) {
  Diagnostics diag;
  const Document doc = read_vtt(wpt_dir() / "file-parsing/vtt/comment-in-cue-text.vtt", diag);
  ASSERT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(plain_text(doc.cues[0]), "NOTE text");
  EXPECT_EQ(plain_text(doc.cues[1]), "NOTE text\nNOTE text2");
}

TEST(WptFileParsingSpecDerived, RegionsEdgeCase) {
  Diagnostics diag;
  const Document doc = read_vtt(wpt_dir() / "file-parsing/vtt/regions-edge-case.vtt", diag);
  ASSERT_EQ(doc.cues.size(), 4u);
  const std::vector<int> lines = {1, 2, 3, 4};  // foo, bill, jill, jack
  for (std::size_t i = 0; i < 4; ++i) {
    const Region* region = find_region(doc, doc.cues[i].placement.region);
    ASSERT_NE(region, nullptr) << "cue " << i;
    EXPECT_EQ(region->lines.value_or(3), lines[i]) << "cue " << i;
  }
}

// Upstream signature-invalid.html: these must be rejected (inputs re-authored from its list).
TEST(WptFileParsingSpecDerived, InvalidSignaturesAreRejected) {
  for (std::string_view text :
       {std::string_view(""), std::string_view("WEBVT"), std::string_view("WEBVTTX\n"),
        std::string_view("WEBVTT\v\n"), std::string_view("WEBVTT-\n"),
        std::string_view(" WEBVTT\n"), std::string_view("webvtt\n")}) {
    codecs::Source source{"bad.vtt", text, text, "UTF-8"};
    Diagnostics diag;
    EXPECT_THROW(codecs::webvtt::read(source, {}, diag), ParseError) << "\"" << text << "\"";
  }
}

}  // namespace
}  // namespace kopru::testing::vtt
