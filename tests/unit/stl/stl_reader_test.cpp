// EBU STL reader: GSI fields, TTI blocks, control codes and bad input.
#include <gtest/gtest.h>

#include "codecs/stl/stl_internal.h"
#include "tests/unit/stl/stl_test_util.h"

namespace kopru::codecs::stl::testing {
namespace {

std::string file(const GsiSpec& g, const std::vector<TtiSpec>& ttis) {
  std::string body;
  for (const auto& t : ttis)
    body += make_tti(t);
  return make_gsi(g, static_cast<int>(ttis.size())) + body;
}

TtiSpec text(std::string tf) {
  TtiSpec t;
  t.tf = std::move(tf);
  return t;
}

TEST(StlProbe, SignatureScoresHigh) {
  const std::string gsi = make_gsi({}, 0);
  EXPECT_EQ(probe(gsi, "stl"), 100);
  EXPECT_EQ(probe(gsi, ""), 100);
  EXPECT_EQ(probe("solid cube\nfacet normal", "stl"), 0);
  EXPECT_EQ(probe("hello", "stl"), 20);
  EXPECT_EQ(probe("hello", "srt"), 0);
}

TEST(StlReader, GsiFieldsAndMetadata) {
  GsiSpec g;
  g.lc = "29";
  g.opt = "Kara Sevda";
  g.tcp = "10000000";
  const std::string bytes = file(g, {});
  Diagnostics diag;
  const Document doc = read_stl(bytes, diag);
  EXPECT_EQ(doc.meta.title, "Kara Sevda");
  EXPECT_EQ(doc.meta.language.to_string(), "tr");
  ASSERT_TRUE(doc.meta.frame_rate);
  EXPECT_EQ(*doc.meta.frame_rate, (FrameRate{25, 1}));
  EXPECT_EQ(doc.format_private.format, "stl");
  EXPECT_EQ(*doc.format_private.find("CPN"), "850");
  EXPECT_EQ(*doc.format_private.find("TCP"), "10000000");
  EXPECT_EQ(*doc.format_private.find("MNC"), "40");
  EXPECT_EQ(*doc.format_private.find("CD"), "000101");
  EXPECT_TRUE(diag.empty());
}

TEST(StlReader, TurkicLanguageCodes) {
  for (const auto& [lc, tag] : std::vector<std::pair<std::string, std::string>>{
           {"29", "tr"}, {"7B", "az"}, {"67", "kk"}, {"4C", "tt"}, {"47", "uz"}, {"74", "cv"}}) {
    GsiSpec g;
    g.lc = lc;
    EXPECT_EQ(read_stl(file(g, {})).meta.language.to_string(), tag) << lc;
  }
}

TEST(StlReader, Stl30IsNtscUnlessTold) {
  GsiSpec g;
  g.dfc = "STL30.01";
  TtiSpec t = text("Hi");
  t.tci[2] = 1;
  const std::string bytes = file(g, {t});
  const Document doc = read_stl(bytes);
  EXPECT_EQ(*doc.meta.frame_rate, (FrameRate{30000, 1001}));
  EXPECT_EQ(doc.cues[0].start, frames_to_time(30, FrameRate{30000, 1001}));
  Diagnostics diag;
  ReadOptions exact;
  exact.fps = FrameRate{30, 1};
  EXPECT_EQ(read_stl(bytes, diag, exact).cues[0].start, from_seconds(1));
}

TEST(StlReader, TimesRelativeToProgrammeStart) {
  GsiSpec g;
  g.tcp = "10000000";
  TtiSpec zero = text("tape info");
  TtiSpec first = text("First");
  first.tci[0] = 10;
  first.tci[2] = 1;
  first.tci[3] = 12;
  first.tco[0] = 10;
  first.tco[2] = 3;
  Diagnostics diag;
  const Document doc = read_stl(file(g, {zero, first}), diag);
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(doc.cues[0].start, from_ms(1480));
  EXPECT_EQ(doc.cues[0].end, from_seconds(3));
  EXPECT_TRUE(has_code(diag, "stl-before-program-start"));
}

TEST(StlReader, ColoursItalicsAndSpacingAttributes) {
  // white "Hello", red (spacing attribute shown as a space) "World", new line, italic "x"
  const std::string tf =
      std::string("\x0D\x0B\x0BHello\x01World\x0A\x0A\x8A\x8A\x0D\x0B\x0B\x80x\x81\x0A\x0A");
  const Document doc = read_stl(file({}, {text(tf)}));
  ASSERT_EQ(doc.cues.size(), 1u);
  const auto& runs = doc.cues[0].runs;
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].text, "Hello ");
  EXPECT_TRUE(runs[0].spans.empty());
  EXPECT_EQ(runs[1].text, "World");
  ASSERT_EQ(runs[1].spans.size(), 1u);
  EXPECT_EQ(runs[1].spans[0].color->to_hex(), "#ff0000");
  EXPECT_EQ(runs[2].kind, RunKind::line_break);
  EXPECT_EQ(runs[3].text, "x");
  EXPECT_TRUE(has_span(runs[3], SpanKind::italic));
  EXPECT_EQ(*doc.cues[0].format_private.find("double-height"), "1");
}

TEST(StlReader, NewBackgroundBecomesBgClass) {
  const std::string tf = std::string("\x03\x1D\x04\x0B\x0B") + "Blue on yellow";
  const Document doc = read_stl(file({}, {text(tf)}));
  const auto& run = doc.cues[0].runs.at(0);
  EXPECT_EQ(run.text, "Blue on yellow");
  ASSERT_EQ(run.spans.size(), 2u);
  EXPECT_EQ(run.spans[0].color->to_hex(), "#0000ff");
  EXPECT_EQ(run.spans[1].classes.at(0), "bg_yellow");
}

TEST(StlReader, DiacriticPrefixesCompose) {
  // C2 'e' -> é, CB 's' -> ş, C7 'I' -> İ, C2 'J' -> J + U+0301 (no precomposed form)
  const std::string tf =
      "\xC2"
      "e\xCB"
      "s\xC7"
      "I\xC2J\xF5";
  EXPECT_EQ(plain_text(read_stl(file({}, {text(tf)})).cues.at(0)),
            "\xC3\xA9\xC5\x9F\xC4\xB0J\xCC\x81\xC4\xB1");
}

TEST(StlReader, ExtensionBlocksAndUserData) {
  TtiSpec a = text("Foo ");
  a.ebn = 0;
  TtiSpec user = text("private");
  user.ebn = 0xFE;
  TtiSpec b = text("Bar");
  b.ebn = 0xFF;
  Diagnostics diag;
  const Document doc = read_stl(file({}, {a, b, user}), diag);
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(plain_text(doc.cues[0]), "Foo Bar");
  EXPECT_TRUE(has_code(diag, "stl-user-data"));
  ASSERT_NE(doc.format_private.find("UDB"), nullptr);
  EXPECT_EQ(doc.format_private.find("UDB")->substr(0, 2), "1:");
}

TEST(StlReader, CommentCumulativeAndJustification) {
  TtiSpec t = text("note");
  t.cf = 1;
  t.cs = 2;
  t.jc = 1;
  t.vp = 1;
  const Document doc = read_stl(file({}, {t}));
  const Cue& cue = doc.cues.at(0);
  EXPECT_TRUE(cue.comment);
  EXPECT_EQ(*cue.format_private.find("CS"), "2");
  EXPECT_EQ(cue.placement.text_align, "left");
  EXPECT_EQ(cue.placement.alignment, 7);
  EXPECT_EQ(*cue.placement.line, 0.0);
}

TEST(StlReader, VerticalPosition) {
  TtiSpec middle = text("mid");
  middle.vp = 12;
  TtiSpec bottom = text("\x0D\x0B\x0Bbottom");
  bottom.vp = 22;
  const Document doc = read_stl(file({}, {middle, bottom}));
  ASSERT_TRUE(doc.cues.at(0).placement.line);
  EXPECT_NEAR(*doc.cues[0].placement.line, 11 * 100.0 / 23, 0.05);
  EXPECT_TRUE(doc.cues[0].placement.line_percent);
  EXPECT_FALSE(doc.cues.at(1).placement.line);  // the default bottom place
  EXPECT_EQ(doc.cues[1].placement.alignment, 2);
  // written back without the bag, the middle cue goes to the same row
  Document plain = doc;
  plain.cues[0].format_private = {};
  Diagnostics diag;
  const std::string out = write(plain, {}, diag);
  EXPECT_EQ(static_cast<int>(out[1024 + 13]), 12);
}

TEST(StlReader, CyrillicTable) {
  GsiSpec g;
  g.cct = "01";
  // "Привет" in ISO 8859-5
  const Document doc = read_stl(file(g, {text("\xBF\xE0\xD8\xD2\xD5\xE2")}));
  EXPECT_EQ(plain_text(doc.cues.at(0)), "Привет");
}

TEST(StlBadInput, ShortFile) {
  Diagnostics diag;
  EXPECT_THROW(read_stl("850STL25.01", diag), ParseError);
  EXPECT_THROW(read_stl("", diag), ParseError);
}

TEST(StlBadInput, BadGsi) {
  std::string bytes = make_gsi({}, 0);
  bytes.replace(3, 8, "XYZ12345");
  try {
    read_stl(bytes);
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("found \"XYZ12345\""), std::string::npos) << e.what();
  }
}

TEST(StlBadInput, BlockCountMismatchAndTruncation) {
  GsiSpec g;
  g.tnb = "7";
  std::string bytes = file(g, {text("One")});
  bytes += std::string(50, 'x');
  Diagnostics diag;
  const Document doc = read_stl(bytes, diag);
  EXPECT_EQ(doc.cues.size(), 1u);
  EXPECT_TRUE(has_code(diag, "stl-block-count"));
  EXPECT_TRUE(has_code(diag, "stl-truncated-block"));
  ReadOptions strict;
  strict.strict = true;
  Diagnostics d2;
  EXPECT_THROW(read_stl(bytes, d2, strict), ParseError);
}

TEST(StlBadInput, UnknownCodeTable) {
  GsiSpec g;
  g.cct = "09";
  Diagnostics diag;
  const Document doc = read_stl(file(g, {text("Hi")}), diag);
  EXPECT_EQ(plain_text(doc.cues.at(0)), "Hi");
  EXPECT_TRUE(has_code(diag, "stl-unknown-code-table"));
}

TEST(StlBadInput, GarbageTextField) {
  std::string tf;
  for (int i = 0; i < 112; ++i)
    tf += static_cast<char>((i * 37 + 11) & 0xFF);
  Diagnostics diag;
  const Document doc = read_stl(file({}, {text(tf)}), diag);
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_FALSE(diag.empty());
}

TEST(StlBadInput, UnfinishedExtensionAndZeroDuration) {
  TtiSpec a = text("Foo");
  a.ebn = 0;
  TtiSpec z = text("zero");
  z.sn = 2;
  z.tco[2] = 1;
  Diagnostics diag;
  const Document doc = read_stl(file({}, {a, z}), diag);
  EXPECT_EQ(doc.cues.size(), 1u);
  EXPECT_TRUE(has_code(diag, "stl-broken-extension"));
  EXPECT_TRUE(has_code(diag, "stl-zero-duration"));
}

TEST(StlBadInput, EveryPrefixOfAFileIsSafe) {
  TtiSpec t = text("\x0D\x0B\x0BText\xC2");
  const std::string bytes = file({}, {t, t});
  for (std::size_t n = 0; n <= bytes.size(); n += 7) {
    Diagnostics diag;
    try {
      read_stl(bytes.substr(0, n), diag);
    } catch (const ParseError&) {
      EXPECT_LT(n, 1024u);
    }
  }
}

}  // namespace
}  // namespace kopru::codecs::stl::testing

namespace kopru::codecs::stl::testing {
namespace {

// Deterministic mutations of a valid file: reading fails only with ParseError, and whatever is
// read is written and read again.
TEST(StlBadInput, MutatedFilesNeverCrash) {
  TtiSpec a;
  a.tf =
      "\x0D\x0B\x0B\xC2"
      "e\x01red\x1D\x80it\x8A\x8A\x0B\x0B\xC1";
  a.ebn = 0;
  TtiSpec b;
  b.tf = "more\x0A\x0A";
  const std::string base = make_gsi({}, 2) + make_tti(a) + make_tti(b);
  std::uint32_t seed = 12345;
  const auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = base;
    const int edits = 1 + static_cast<int>(next() % 8);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = next() % bytes.size();
      bytes[at] = static_cast<char>(next() & 0xFF);
    }
    if (next() % 10 == 0)
      bytes.resize(next() % bytes.size());
    Diagnostics diag;
    try {
      const Document doc = read_stl(bytes, diag);
      Diagnostics wdiag;
      const std::string out = write(doc, {}, wdiag);
      Diagnostics rdiag;
      EXPECT_NO_THROW(read_stl(out, rdiag));
    } catch (const ParseError&) {
    }
  }
}

TEST(StlBadInput, LongChainedSubtitleIsLinear) {
  std::string bytes = make_gsi({}, 9000);
  TtiSpec t;
  t.ebn = 0;
  t.tf = std::string(112, 'x');
  for (int i = 0; i < 9000; ++i)
    bytes += make_tti(t);
  Diagnostics diag;
  const Document doc = read_stl(bytes, diag);
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(plain_text(doc.cues[0]).size(), 9000u * 112);
  EXPECT_TRUE(has_code(diag, "stl-unfinished-subtitle"));
  Diagnostics wdiag;
  write(doc, {}, wdiag);
  EXPECT_TRUE(has_code(wdiag, "stl-lossy-text"));
}

}  // namespace
}  // namespace kopru::codecs::stl::testing
