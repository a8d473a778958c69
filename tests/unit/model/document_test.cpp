#include "pipeline/model/document.h"

#include <gtest/gtest.h>

#include "pipeline/model/dump.h"

namespace kopru {
namespace {

TEST(Color, ParseAndFormat) {
  EXPECT_EQ(Color::parse("#ff0000"), (Color{255, 0, 0, 255}));
  EXPECT_EQ(Color::parse("#F00"), (Color{255, 0, 0, 255}));
  EXPECT_EQ(Color::parse("#11223344"), (Color{0x11, 0x22, 0x33, 0x44}));
  EXPECT_EQ(Color::parse(" Yellow "), (Color{255, 255, 0, 255}));
  EXPECT_FALSE(Color::parse("#12345"));
  EXPECT_FALSE(Color::parse("#gg0000"));
  EXPECT_FALSE(Color::parse("notacolour"));
  EXPECT_EQ((Color{1, 2, 3, 255}).to_hex(), "#010203");
  EXPECT_EQ((Color{1, 2, 3, 4}).to_hex(), "#01020304");
}

TEST(Runs, FromTextAndBack) {
  Cue cue;
  cue.runs = runs_from_text("Салам\r\nдүйнө\n", {Span{SpanKind::italic}});
  ASSERT_EQ(cue.runs.size(), 4U);
  EXPECT_EQ(cue.runs[0].text, "Салам");
  EXPECT_EQ(cue.runs[1].kind, RunKind::line_break);
  EXPECT_TRUE(has_span(cue.runs[2], SpanKind::italic));
  EXPECT_FALSE(has_span(cue.runs[2], SpanKind::bold));
  EXPECT_EQ(plain_text(cue), "Салам\nдүйнө\n");
  cue.runs.push_back(Run::raw("ass", "{\\blur3}"));
  cue.runs.push_back(Run::timestamp(from_ms(5)));
  EXPECT_EQ(plain_text(cue), "Салам\nдүйнө\n");
}

TEST(Runs, FingerprintSeesEveryChange) {
  std::vector<kopru::Run> runs = runs_from_text("a\nb");
  const auto base = fingerprint(runs);
  EXPECT_EQ(fingerprint(runs), base);
  auto changed = runs;
  changed[0].text = "A";
  EXPECT_NE(fingerprint(changed), base);
  changed = runs;
  changed[0].spans.push_back(Span{SpanKind::bold});
  EXPECT_NE(fingerprint(changed), base);
  changed = runs;
  changed[0].spans.push_back(Span{SpanKind::font, {}, "", Color{1, 2, 3, 255}, std::nullopt});
  auto recoloured = changed;
  recoloured[0].spans[0].color = Color{1, 2, 4, 255};
  EXPECT_NE(fingerprint(changed), fingerprint(recoloured));
  // Moving text across a boundary changes the fingerprint even when the concatenation is equal.
  std::vector<kopru::Run> ab{kopru::Run::plain("ab"), Run::plain("c")};
  std::vector<kopru::Run> a_bc{kopru::Run::plain("a"), Run::plain("bc")};
  EXPECT_NE(fingerprint(ab), fingerprint(a_bc));
}

TEST(FormatBag, SetFindAdd) {
  FormatBag bag{"ass", {}};
  bag.set("Title", "x");
  bag.set("Title", "y");
  bag.add("Comment", "1");
  bag.add("Comment", "2");
  ASSERT_NE(bag.find("Title"), nullptr);
  EXPECT_EQ(*bag.find("Title"), "y");
  EXPECT_EQ(bag.entries.size(), 3U);
  EXPECT_EQ(bag.find("None"), nullptr);
}

TEST(Dump, IsStableAndComplete) {
  Document doc;
  doc.meta.source_format = "srt";
  doc.meta.language = *LanguageTag::parse("kk-Cyrl");
  doc.meta.frame_rate = FrameRate{25, 1};
  Cue cue;
  cue.id = "1";
  cue.start = from_ms(1000);
  cue.end = from_ms(2500) + Ticks(7);
  cue.placement.alignment = 8;
  cue.speaker = "Айгүл";
  cue.runs = {kopru::Run::plain("Сәлем \"дос\"", {Span{SpanKind::italic}}), Run::line_break(),
              Run::plain("x", {Span{SpanKind::font, {}, "Arial", Color{255, 0, 0, 255}, 20.0}})};
  doc.cues.push_back(cue);
  EXPECT_EQ(dump(doc),
            "document format=srt language=kk-Cyrl fps=25 cues=1\n"
            "cue #1 id=\"1\" 00:00:01.000 --> 00:00:02.500+7t\n"
            "  place align=8\n"
            "  meta speaker=\"Айгүл\"\n"
            "  | text \"Сәлем \\\"дос\\\"\" [i]\n"
            "  | br\n"
            "  | text \"x\" [font \"Arial\" color=#ff0000 size=20]\n");
  EXPECT_EQ(quoted("a\tb\x01"), "\"a\\tb\\x01\"");
}

}  // namespace
}  // namespace kopru
