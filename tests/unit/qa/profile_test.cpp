// Delivery profiles: the built-in netflix values, every element of the profile XML schema
// (locales/qa/README.md), errors with exact positions, and the per-language defaults of
// locales/qa/ — whose alphabets must hold every letter of the UDHR in that language.
#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include <unistd.h>

#include "pipeline/core/error.h"
#include "pipeline/qa/profile.h"
#include "tests/support/test_support.h"

namespace kopru::qa {
namespace {

namespace fs = std::filesystem;

class ProfileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("kopru-profile-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    fs::path path = dir_ / name;
    testing::spit(path, text);
    return path;
  }

  // The ParseError that applying `text` throws, as "line:col: message".
  std::string error_of(const std::string& text) {
    const fs::path path = write("bad.xml", text);
    Profile profile = *builtin_profile("netflix");
    try {
      apply_profile_file(profile, path);
    } catch (const ParseError& e) {
      EXPECT_EQ(e.where().path, path.string());
      return std::to_string(e.where().line) + ":" + std::to_string(e.where().column) + ": " +
             e.what();
    }
    return "no error";
  }

  fs::path dir_;
};

std::u32string u32(std::string_view utf8) {
  std::u32string out;
  const auto length = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(utf8.data(), i, length, c);
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

TEST_F(ProfileTest, BuiltInNetflixValues) {
  const auto profile = builtin_profile("netflix");
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->name, "netflix");
  EXPECT_EQ(profile->origin, "built in");
  EXPECT_EQ(profile->min_duration, from_ms(833));
  EXPECT_EQ(profile->max_duration, from_ms(7000));
  EXPECT_EQ(profile->min_gap_frames, 2);
  EXPECT_EQ(profile->max_cps, 17);
  EXPECT_EQ(profile->max_wpm, 200);
  EXPECT_EQ(profile->max_chars_per_line, 42);
  EXPECT_EQ(profile->max_lines, 2);
  EXPECT_EQ(profile->dialogue_dash, DashStyle::both_no_space);
  EXPECT_EQ(profile->dialogue_dash_chars, "-");
  EXPECT_TRUE(profile->ellipsis_character);
  EXPECT_FALSE(profile->frame_grid);
  EXPECT_FALSE(profile->frame_rate);
  EXPECT_TRUE(profile->alphabets.empty());
  EXPECT_TRUE(profile->glyphs.empty());
  EXPECT_TRUE(profile->severities.empty());
  EXPECT_TRUE(profile->disabled.empty());
  EXPECT_FALSE(builtin_profile("amazon"));
  EXPECT_EQ(builtin_profile_names(), std::vector<std::string>{"netflix"});
}

TEST_F(ProfileTest, DashStyleNamesRoundTrip) {
  for (const DashStyle s : {DashStyle::both_no_space, DashStyle::both_with_space,
                            DashStyle::second_line_only, DashStyle::any})
    EXPECT_EQ(parse_dash_style(to_string(s)), s);
  EXPECT_FALSE(parse_dash_style("both"));
}

TEST_F(ProfileTest, EveryElementIsApplied) {
  write("latin1.txt", "# Latin-1 supplement letters\nU+00C0-U+00FF\n\nU+2026  # ellipsis\n");
  const fs::path path = write("partner.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<kopru-qa-profile name="partner-x" extends="netflix">
  <frame-rate>23.976</frame-rate>
  <duration min-ms="1000" max-ms="6000"/>
  <gap min-frames="3"/>
  <reading-speed max-cps="15.5" max-wpm="180"/>
  <layout max-chars-per-line="37" max-lines="3"/>
  <dialogue-dash style="both-with-space" characters="-–"/>
  <ellipsis character="false"/>
  <frame-grid required="true"/>
  <timing-drift max-ms="250"/>
  <alphabet script="Latn">Aa Bb ʻ</alphabet>
  <glyphs>U+0020-U+007E U+00A0</glyphs>
  <glyphs file="latin1.txt"/>
  <checks>
    <check name="reading-speed" severity="error"/>
    <check name="ellipsis" enabled="false"/>
  </checks>
</kopru-qa-profile>
)");
  Profile profile = *builtin_profile("netflix");
  profile.disabled.insert("ellipsis");
  apply_profile_file(profile, path);
  EXPECT_EQ(profile.name, "partner-x");
  EXPECT_EQ(profile.origin, "built in + " + path.string());
  ASSERT_TRUE(profile.frame_rate);
  EXPECT_EQ(*profile.frame_rate, (FrameRate{24000, 1001}));
  EXPECT_EQ(profile.min_duration, from_ms(1000));
  EXPECT_EQ(profile.max_duration, from_ms(6000));
  EXPECT_EQ(profile.min_gap_frames, 3);
  EXPECT_EQ(profile.max_cps, 15.5);
  EXPECT_EQ(profile.max_wpm, 180);
  EXPECT_EQ(profile.max_chars_per_line, 37);
  EXPECT_EQ(profile.max_lines, 3);
  EXPECT_EQ(profile.dialogue_dash, DashStyle::both_with_space);
  EXPECT_EQ(profile.dialogue_dash_chars, "-–");
  EXPECT_FALSE(profile.ellipsis_character);
  EXPECT_TRUE(profile.frame_grid);
  EXPECT_EQ(profile.max_drift, from_ms(250));
  ASSERT_EQ(profile.alphabets.size(), 1u);
  EXPECT_EQ(profile.alphabets.at("Latn"), U"ABabʻ");  // sorted by code point
  const std::vector<std::pair<char32_t, char32_t>> glyphs{
      {0x20, 0x7E}, {0xA0, 0xA0}, {0xC0, 0xFF}, {0x2026, 0x2026}};
  EXPECT_EQ(profile.glyphs, glyphs);
  EXPECT_TRUE(profile.glyph_allowed(U'é'));
  EXPECT_TRUE(profile.glyph_allowed(U'…'));
  EXPECT_FALSE(profile.glyph_allowed(U'ə'));
  EXPECT_EQ(profile.severities.at("reading-speed"), Severity::error);
  EXPECT_FALSE(profile.enabled("ellipsis"));
  EXPECT_TRUE(profile.enabled("reading-speed"));
}

TEST_F(ProfileTest, ALaterFileOverridesOnlyWhatItSays) {
  Profile profile = *builtin_profile("netflix");
  apply_profile_file(profile, write("a.xml", R"(<kopru-qa-profile>
  <layout max-lines="1"/>
  <glyphs>U+0020-U+007E</glyphs>
  <checks><check name="ellipsis" enabled="false"/></checks>
</kopru-qa-profile>)"));
  apply_profile_file(profile, write("b.xml", R"(<kopru-qa-profile>
  <glyphs>U+0041</glyphs>
  <checks><check name="ellipsis" enabled="true" severity="warning"/></checks>
</kopru-qa-profile>)"));
  EXPECT_EQ(profile.name, "netflix");
  EXPECT_EQ(profile.max_lines, 1);
  EXPECT_EQ(profile.max_chars_per_line, 42);
  // A file's glyph list replaces the one before.
  EXPECT_EQ(profile.glyphs, (std::vector<std::pair<char32_t, char32_t>>{{0x41, 0x41}}));
  EXPECT_TRUE(profile.enabled("ellipsis"));
  EXPECT_EQ(profile.severities.at("ellipsis"), Severity::warning);
}

TEST_F(ProfileTest, ExtendsNetflixResetsLimitsButKeepsTheLanguageAlphabets) {
  Profile profile = *builtin_profile("netflix");
  profile.max_cps = 12;
  profile.disabled.insert("glyph");
  profile.alphabets["Cyrl"] = U"Аа";
  apply_profile_file(profile, write("p.xml", R"(<kopru-qa-profile name="p" extends="netflix">
  <layout max-chars-per-line="40"/>
</kopru-qa-profile>)"));
  EXPECT_EQ(profile.max_cps, 17);
  EXPECT_TRUE(profile.disabled.empty());
  EXPECT_EQ(profile.max_chars_per_line, 40);
  EXPECT_EQ(profile.alphabets.at("Cyrl"), U"Аа");
}

TEST_F(ProfileTest, ExtendsAnotherFile) {
  write("base.xml", R"(<kopru-qa-profile name="base">
  <reading-speed max-cps="15"/>
  <layout max-chars-per-line="38"/>
</kopru-qa-profile>)");
  const fs::path child = write("child.xml", R"(<kopru-qa-profile name="child" extends="base.xml">
  <layout max-chars-per-line="40"/>
</kopru-qa-profile>)");
  Profile profile = *builtin_profile("netflix");
  apply_profile_file(profile, child);
  EXPECT_EQ(profile.name, "child");
  EXPECT_EQ(profile.max_cps, 15);
  EXPECT_EQ(profile.max_chars_per_line, 40);
  EXPECT_EQ(profile.max_lines, 2);  // from netflix, under base.xml
  EXPECT_EQ(profile.origin, (dir_ / "base.xml").string() + " + " + child.string());
}

TEST_F(ProfileTest, ExtendsCycleIsAnError) {
  write("a.xml", "<kopru-qa-profile extends=\"b.xml\"/>");
  const fs::path b = write("b.xml", "<kopru-qa-profile extends=\"a.xml\"/>");
  Profile profile = *builtin_profile("netflix");
  try {
    apply_profile_file(profile, b);
    FAIL() << "no error";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("extend too deep"), std::string::npos) << e.what();
    EXPECT_EQ(e.where().line, 1);
    EXPECT_EQ(e.where().column, 19);  // the extends attribute
  }
}

TEST_F(ProfileTest, UnknownBaseProfile) {
  EXPECT_EQ(error_of("<kopru-qa-profile extends=\"amazon\"/>"),
            "1:19: extends=\"amazon\": no such built-in profile (built in: netflix; or a profile "
            ".xml file)");
  EXPECT_EQ(error_of("<kopru-qa-profile extends=\"nothere.xml\"/>"),
            "1:19: extends=\"nothere.xml\": no such profile file");
}

TEST_F(ProfileTest, InvalidXmlNamesTheExactPosition) {
  EXPECT_EQ(error_of("<kopru-qa-profile>\n  <layout max-lines=\"2\">\n</kopru-qa-profile>\n"),
            "3:3: invalid XML: Start-end tags mismatch");
  EXPECT_EQ(error_of("<kopru-qa-profile>\n  <gap min-frames=2/>\n</kopru-qa-profile>\n"),
            "2:19: invalid XML: Error parsing element attribute");
  EXPECT_EQ(error_of(""), "1:1: invalid XML: No document element found");
  EXPECT_EQ(error_of("<profile/>"),
            "1:1: expected the root element <kopru-qa-profile>, found <profile>");
}

TEST_F(ProfileTest, UnknownElementAttributeAndCheck) {
  EXPECT_EQ(error_of("<kopru-qa-profile>\n  <gap min-frames=\"2\"/>\n    <colour value=\"red\"/>\n"
                     "</kopru-qa-profile>"),
            "3:5: unknown element <colour> (known: frame-rate, duration, gap, reading-speed, "
            "layout, dialogue-dash, ellipsis, frame-grid, timing-drift, alphabet, glyphs, checks)");
  EXPECT_EQ(error_of("<kopru-qa-profile>\n  <gap min-frames=\"2\" max-frames=\"9\"/>\n"
                     "</kopru-qa-profile>"),
            "2:23: unknown attribute max-frames on <gap> (known: min-frames)");
  EXPECT_EQ(error_of("<kopru-qa-profile>\n<checks>\n  <check name=\"reading-sped\" "
                     "severity=\"error\"/>\n</checks>\n</kopru-qa-profile>"),
            "3:10: unknown check \"reading-sped\" (see kopru qa --list)");
  EXPECT_EQ(error_of("<kopru-qa-profile>\n<checks><check name=\"glyph\" severity=\"fatal\"/>"
                     "</checks>\n</kopru-qa-profile>"),
            "2:29: severity=\"fatal\": expected note, warning or error");
  EXPECT_EQ(error_of("<kopru-qa-profile>\n<checks><rule name=\"glyph\"/></checks>\n"
                     "</kopru-qa-profile>"),
            "2:9: unexpected element <rule> inside <checks> (expected <check>)");
}

TEST_F(ProfileTest, BadNumbersAndValues) {
  EXPECT_EQ(
      error_of("<kopru-qa-profile>\n  <reading-speed max-cps=\"fast\"/>\n</kopru-qa-profile>"),
      "2:18: max-cps=\"fast\" is not a number above 0 and at most 1000");
  EXPECT_EQ(error_of("<kopru-qa-profile>\n  <reading-speed max-cps=\"0\"/>\n</kopru-qa-profile>"),
            "2:18: max-cps=\"0\" is not a number above 0 and at most 1000");
  EXPECT_EQ(error_of("<kopru-qa-profile>\n  <duration min-ms=\"-5\"/>\n</kopru-qa-profile>"),
            "2:13: min-ms=\"-5\" is not a whole number from 0 to 86400000");
  EXPECT_EQ(error_of("<kopru-qa-profile>\n  <layout max-chars-per-line=\"42.5\"/>\n"
                     "</kopru-qa-profile>"),
            "2:11: max-chars-per-line=\"42.5\" is not a whole number from 1 to 1000");
  EXPECT_EQ(error_of("<kopru-qa-profile>\n  <duration min-ms=\"8000\"/>\n</kopru-qa-profile>"),
            "2:3: the maximum duration (7000 ms) is shorter than the minimum (8000 ms)");
  EXPECT_EQ(error_of("<kopru-qa-profile><frame-rate>fast</frame-rate></kopru-qa-profile>"),
            "1:19: <frame-rate>fast</frame-rate>: expected a frame rate (25, 23.976, "
            "30000/1001)");
  EXPECT_EQ(error_of("<kopru-qa-profile><ellipsis character=\"yes\"/></kopru-qa-profile>"),
            "1:29: character=\"yes\": expected true or false");
  EXPECT_EQ(error_of("<kopru-qa-profile><dialogue-dash style=\"dash\"/></kopru-qa-profile>"),
            "1:34: style=\"dash\": expected both-no-space, both-with-space, second-line-only or "
            "any");
  EXPECT_EQ(error_of("<kopru-qa-profile><gap/></kopru-qa-profile>"),
            "1:19: <gap> sets nothing (attributes: min-frames)");
  EXPECT_EQ(error_of("<kopru-qa-profile>\n<alphabet script=\"Latn\">Aa Bb, Cc</alphabet>\n"
                     "</kopru-qa-profile>"),
            "2:30: ',' (U+002C) in <alphabet> is not a letter");
  EXPECT_EQ(error_of("<kopru-qa-profile><alphabet script=\"latin\">Aa</alphabet>"
                     "</kopru-qa-profile>"),
            "1:19: <alphabet> needs script=\"Xxxx\" (an ISO 15924 code such as Latn, Cyrl, Arab), "
            "found \"latin\"");
  EXPECT_EQ(error_of("<kopru-qa-profile>\n<glyphs>\n  U+0020-U+007E\n  U+00G0\n</glyphs>\n"
                     "</kopru-qa-profile>"),
            "4:3: expected a code point or range (U+0041, U+0020-U+007E), found \"U+00G0\"");
  EXPECT_EQ(error_of("<kopru-qa-profile><glyphs>U+007E-U+0020</glyphs></kopru-qa-profile>"),
            "1:27: expected a code point or range (U+0041, U+0020-U+007E), found "
            "\"U+007E-U+0020\"");
}

TEST_F(ProfileTest, AGlyphFileErrorNamesThatFile) {
  const fs::path list = write("list.txt", "U+0020-U+007E\n# comment\n  U+12345678\n");
  Profile profile = *builtin_profile("netflix");
  try {
    apply_profile_file(profile, write("p.xml",
                                      "<kopru-qa-profile><glyphs file=\"list.txt\"/>"
                                      "</kopru-qa-profile>"));
    FAIL() << "no error";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.formatted(), list.string() +
                                 ":3:3: error: expected a code point or range (U+0041, "
                                 "U+0020-U+007E), found \"U+12345678\"");
  }
  EXPECT_EQ(error_of("<kopru-qa-profile><glyphs file=\"none.txt\"/></kopru-qa-profile>"),
            "1:27: file=\"none.txt\": cannot read " + (dir_ / "none.txt").string());
}

TEST_F(ProfileTest, EveryErrorIsReportedAndTheProfileIsUnchanged) {
  const fs::path path = write("bad.xml", R"(<kopru-qa-profile>
  <layout max-lines="0"/>
  <gap min-frames="x"/>
  <checks><check name="nope" enabled="false"/></checks>
</kopru-qa-profile>)");
  Profile profile = *builtin_profile("netflix");
  try {
    apply_profile_file(profile, path);
    FAIL() << "no error";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.formatted(),
              path.string() +
                  ":2:11: error: max-lines=\"0\" is not a whole number from 1 to 100\n" +
                  path.string() +
                  ":3:8: error: min-frames=\"x\" is not a whole number from 0 "
                  "to 1000\n" +
                  path.string() + ":4:18: error: unknown check \"nope\" (see kopru qa --list)");
  }
  EXPECT_EQ(profile.max_lines, 2);
  EXPECT_EQ(profile.origin, "built in");
}

TEST_F(ProfileTest, MissingFile) {
  Profile profile = *builtin_profile("netflix");
  EXPECT_THROW(apply_profile_file(profile, dir_ / "absent.xml"), InputError);
}

TEST_F(ProfileTest, TheReadmeExampleIsValid) {
  const std::string readme = testing::slurp(testing::source_dir() / "locales/qa/README.md");
  const std::size_t start = readme.find("```xml\n");
  ASSERT_NE(start, std::string::npos);
  const std::size_t end = readme.find("```", start + 7);
  write("netflix-glyphs.txt", "U+0020-U+007E\nU+00A0-U+017F\n");
  const fs::path path = write("example.xml", readme.substr(start + 7, end - start - 7));
  Profile profile = *builtin_profile("netflix");
  apply_profile_file(profile, path);
  EXPECT_EQ(profile.name, "partner-tr");
  EXPECT_EQ(profile.max_chars_per_line, 40);
  EXPECT_FALSE(profile.enabled("ellipsis"));
  EXPECT_TRUE(profile.glyph_allowed(U'ş'));
}

struct LanguageCase {
  const char* tag;
  std::vector<std::string> scripts;
};

TEST_F(ProfileTest, LanguageDefaultsForTheEightTurkicLanguages) {
  const std::vector<LanguageCase> cases = {{"az", {"Cyrl", "Latn"}},
                                           {"kk", {"Cyrl", "Latn"}},
                                           {"ky", {"Cyrl", "Latn"}},
                                           {"tk", {"Cyrl", "Latn"}},
                                           {"tr", {"Latn"}},
                                           {"tt", {"Cyrl", "Latn"}},
                                           {"ug", {"Arab", "Cyrl", "Latn"}},
                                           {"uz-Latn", {"Cyrl", "Latn"}}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.tag);
    Profile profile = *builtin_profile("netflix");
    profile.dialogue_dash = DashStyle::any;
    profile.max_cps = 99;
    const std::string file = apply_language_defaults(profile, *LanguageTag::parse(c.tag));
    const std::string language = LanguageTag::parse(c.tag)->language();
    EXPECT_TRUE(file.ends_with("qa/" + language + ".xml")) << file;
    EXPECT_EQ(profile.name, "netflix");
    EXPECT_EQ(profile.dialogue_dash, DashStyle::both_no_space);
    EXPECT_EQ(profile.max_cps, 17);
    EXPECT_EQ(profile.max_chars_per_line, 42);
    std::vector<std::string> scripts;
    for (const auto& [script, letters] : profile.alphabets) {
      scripts.push_back(script);
      // Sorted by code point, without duplicates: the alphabet check binary-searches them.
      EXPECT_TRUE(std::is_sorted(letters.begin(), letters.end())) << script;
      EXPECT_EQ(std::adjacent_find(letters.begin(), letters.end()), letters.end()) << script;
    }
    EXPECT_EQ(scripts, c.scripts);
  }
  Profile profile = *builtin_profile("netflix");
  EXPECT_EQ(apply_language_defaults(profile, *LanguageTag::parse("fr")), "");
  EXPECT_EQ(apply_language_defaults(profile, LanguageTag{}), "");
  EXPECT_TRUE(profile.alphabets.empty());
}

// Letter counts of the official alphabets (upper and lower case), so a letter lost while editing
// a file shows.
TEST_F(ProfileTest, AlphabetSizes) {
  const std::vector<std::tuple<const char*, const char*, std::size_t>> sizes = {
      {"uz", "Latn", 25 * 2 + 2},  // no W; ʻ ʼ
      {"uz", "Cyrl", 35 * 2},     {"kk", "Cyrl", 42 * 2},     {"kk", "Latn", 32 * 2},  // 31 + Ç
      {"az", "Latn", 32 * 2},     {"az", "Cyrl", 32 * 2},     {"tk", "Latn", 30 * 2},
      {"tk", "Cyrl", 38 * 2},     {"ky", "Cyrl", 36 * 2},     {"ky", "Latn", 28 * 2},
      {"tr", "Latn", 32 * 2},  // 29 + Â Î Û
      {"tt", "Cyrl", 39 * 2},     {"tt", "Latn", 34 * 2 + 1}, {"ug", "Arab", 33},
      {"ug", "Latn", 28 * 2},     {"ug", "Cyrl", 34 * 2}};
  for (const auto& [tag, script, size] : sizes) {
    Profile profile = *builtin_profile("netflix");
    apply_language_defaults(profile, *LanguageTag::parse(tag));
    EXPECT_EQ(profile.alphabets[script].size(), size) << tag << "-" << script;
  }
  Profile uz = *builtin_profile("netflix");
  apply_language_defaults(uz, *LanguageTag::parse("uz"));
  EXPECT_NE(uz.alphabets["Latn"].find(U'ʻ'), std::u32string::npos);
  EXPECT_NE(uz.alphabets["Latn"].find(U'ʼ'), std::u32string::npos);
  EXPECT_EQ(uz.alphabets["Latn"].find(U'w'), std::u32string::npos);
  EXPECT_EQ(uz.alphabets["Cyrl"].find(U'щ'), std::u32string::npos);
  Profile az = *builtin_profile("netflix");
  apply_language_defaults(az, *LanguageTag::parse("az"));
  EXPECT_NE(az.alphabets["Latn"].find(U'ə'), std::u32string::npos);       // U+0259
  EXPECT_EQ(az.alphabets["Latn"].find(U'\u01DD'), std::u32string::npos);  // ǝ, the wrong one
  EXPECT_NE(az.alphabets["Latn"].find(U'ı'), std::u32string::npos);
  EXPECT_NE(az.alphabets["Latn"].find(U'İ'), std::u32string::npos);
}

struct UdhrCase {
  const char* file;
  const char* tag;
  const char* script;
};

// The alphabet check reports every letter outside the alphabet of the track's script, so each
// alphabet must hold every letter that real running text in the language uses.
TEST_F(ProfileTest, UdhrLettersAreAllInTheAlphabet) {
  const std::vector<UdhrCase> cases = {
      {"uzn_latn", "uz", "Latn"}, {"uzn_cyrl", "uz", "Cyrl"}, {"kaz", "kk", "Cyrl"},
      {"azj_latn", "az", "Latn"}, {"azj_cyrl", "az", "Cyrl"}, {"tuk_latn", "tk", "Latn"},
      {"tuk_cyrl", "tk", "Cyrl"}, {"kir", "ky", "Cyrl"},      {"tur", "tr", "Latn"},
      {"tat", "tt", "Cyrl"},      {"uig_arab", "ug", "Arab"}, {"uig_latn", "ug", "Latn"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    Profile profile = *builtin_profile("netflix");
    ASSERT_NE(apply_language_defaults(profile, *LanguageTag::parse(c.tag)), "");
    const std::u32string& alphabet = profile.alphabets[c.script];
    ASSERT_FALSE(alphabet.empty());
    const std::u32string text = u32(
        testing::slurp(testing::corpus_dir() / "translit/udhr" / (std::string(c.file) + ".txt")));
    std::size_t letters = 0;
    std::u32string missing;
    for (const char32_t ch : text) {
      const auto cp = static_cast<UChar32>(ch);
      if ((U_GET_GC_MASK(cp) & U_GC_L_MASK) == 0)
        continue;
      ++letters;
      if (alphabet.find(ch) == std::u32string::npos && missing.find(ch) == std::u32string::npos)
        missing.push_back(ch);
    }
    EXPECT_GT(letters, 5000u);
    EXPECT_EQ(missing.size(), 0u) << "missing " << missing.size() << " letters, first U+"
                                  << std::hex << static_cast<std::uint32_t>(missing[0]);
  }
}

}  // namespace
}  // namespace kopru::qa
