#include <gtest/gtest.h>

#include "tests/unit/webvtt/webvtt_test_support.h"

namespace kopru::codecs::webvtt::test {
namespace {

TEST(WebvttProbe, SignatureScoresHighExtensionLow) {
  EXPECT_EQ(probe("WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n", ""), 100);
  EXPECT_EQ(probe("WEBVTT", ""), 100);
  EXPECT_EQ(probe("WEBVTT - Title\n", "txt"), 100);
  EXPECT_EQ(probe("WEBVTT\t\n", ""), 100);
  EXPECT_EQ(probe("WEBVTTX\n", ""), 0);
  EXPECT_EQ(probe("1\n00:00:01,000 --> 00:00:02,000\nHi\n", "srt"), 0);
  EXPECT_EQ(probe("garbage", "vtt"), 30);
  EXPECT_EQ(probe("garbage", "webvtt"), 30);
}

TEST(WebvttReader, ReadsIdTimesAndText) {
  Diagnostics diag;
  const Document doc = read_text(
      "WEBVTT\n\nintro\n00:01.250 --> 00:00:03.007\nHello\nworld\n\n"
      "01:02:03.004 --> 01:02:04.000\nSecond\n",
      diag);
  ASSERT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(doc.cues[0].id, "intro");
  EXPECT_EQ(doc.cues[0].start, from_ms(1250));
  EXPECT_EQ(doc.cues[0].end, from_ms(3007));
  EXPECT_EQ(plain_text(doc.cues[0]), "Hello\nworld");
  ASSERT_EQ(doc.cues[0].runs.size(), 3u);
  EXPECT_EQ(doc.cues[0].runs[1].kind, RunKind::line_break);
  EXPECT_EQ(doc.cues[0].source_line, 3);
  EXPECT_EQ(doc.cues[1].start, from_ms(((1 * 60 + 2) * 60 + 3) * 1000 + 4));
  EXPECT_EQ(doc.cues[1].source_line, 8);
  EXPECT_EQ(doc.meta.source_format, "vtt");
  EXPECT_TRUE(diag.empty());
}

TEST(WebvttReader, AcceptsCrLfAndLoneCr) {
  const Document doc = read_text(
      "WEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\na\r\nb\r\r00:02.000 --> "
      "00:03.000\rc\r");
  ASSERT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(plain_text(doc.cues[0]), "a\nb");
  EXPECT_EQ(plain_text(doc.cues[1]), "c");
}

TEST(WebvttReader, RejectsBadSignatureWithLocation) {
  Diagnostics diag;
  try {
    read_text("WEBVTTX\n\n00:00.000 --> 00:01.000\nx\n", diag);
    FAIL() << "expected a ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.formatted(),
              "test.vtt:1:1: error: not a WebVTT file: expected \"WEBVTT\" followed by a space, "
              "tab or line break, found \"WEBVTTX\"");
  }
  EXPECT_THROW(read_text("", diag), ParseError);
  EXPECT_THROW(read_text("1\n00:00:01,000 --> 00:00:02,000\nSRT\n", diag), ParseError);
}

TEST(WebvttReader, KeepsHeaderTextAndLanguage) {
  const Document doc = read_text(
      "WEBVTT - A title\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\nLanguage: kk-Cyrl\n\n"
      "00:00.000 --> 00:01.000\nx\n");
  EXPECT_EQ(doc.format_private.format, "vtt");
  ASSERT_NE(doc.format_private.find(kSignatureKey), nullptr);
  EXPECT_EQ(*doc.format_private.find(kSignatureKey), " - A title");
  std::vector<std::string> header;
  for (const auto& [k, v] : doc.format_private.entries) {
    if (k == kHeaderKey)
      header.push_back(v);
  }
  EXPECT_EQ(header, (std::vector<std::string>{"X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000",
                                              "Language: kk-Cyrl"}));
  EXPECT_EQ(doc.meta.language.to_string(), "kk-Cyrl");
}

TEST(WebvttReader, KeepsNoteAndStyleBlocksWithPosition) {
  const Document doc = read_text(
      "WEBVTT\n\nNOTE first\n\nSTYLE\n::cue { color: lime }\n\n00:00.000 --> 00:01.000\na\n\n"
      "NOTE\nbetween\ncues\n\n00:01.000 --> 00:02.000\nb\n\nNOTE at the end\n");
  const auto& e = doc.format_private.entries;
  std::vector<std::pair<std::string, std::string>> kept;
  for (const auto& entry : e) {
    if (entry.first != kHeaderKey && entry.first != kSignatureKey)
      kept.push_back(entry);
  }
  EXPECT_EQ(kept,
            (std::vector<std::pair<std::string, std::string>>{{"note:0", "NOTE first"},
                                                              {"style:0", "::cue { color: lime }"},
                                                              {"note:1", "NOTE\nbetween\ncues"},
                                                              {"note:2", "NOTE at the end"}}));
}

TEST(WebvttReader, StyleAfterCueIsIgnoredAndReported) {
  Diagnostics diag;
  const Document doc =
      read_text("WEBVTT\n\n00:00.000 --> 00:01.000\na\n\nSTYLE\n::cue { color: red }\n", diag);
  EXPECT_EQ(doc.cues.size(), 1u);
  const Diagnostic* d = find_code(diag, "vtt-block-after-cue");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->where.line, 6);
}

TEST(WebvttReader, ReadsRegions) {
  Diagnostics diag;
  const Document doc = read_text(
      "WEBVTT\n\nREGION\nid:fred width:40% lines:3 regionanchor:0%,100%\n"
      "viewportanchor:10%,90% scroll:up\n\nREGION\nwidth:20%\n\n"
      "00:00.000 --> 00:01.000 region:fred\na\n\n00:01.000 --> 00:02.000 region:nope\nb\n",
      diag);
  ASSERT_EQ(doc.regions.size(), 1u);
  const Region& r = doc.regions[0];
  EXPECT_EQ(r.id, "fred");
  EXPECT_EQ(r.width_percent, 40.0);
  EXPECT_EQ(r.lines, 3);
  EXPECT_EQ(r.region_anchor, std::make_pair(0.0, 100.0));
  EXPECT_EQ(r.viewport_anchor, std::make_pair(10.0, 90.0));
  EXPECT_TRUE(r.scroll_up);
  EXPECT_EQ(doc.cues[0].placement.region, "fred");
  EXPECT_EQ(doc.cues[1].placement.region, "");
  EXPECT_EQ(count_code(diag, "vtt-region-without-id"), 1);
  EXPECT_EQ(count_code(diag, "vtt-invalid-setting"), 1);
}

TEST(WebvttReader, InvalidRegionSettingsAreReportedAtTheirColumn) {
  Diagnostics diag;
  const Document doc = read_text("WEBVTT\n\nREGION\nid:a width:101% lines:x\n\n", diag);
  ASSERT_EQ(doc.regions.size(), 1u);
  EXPECT_FALSE(doc.regions[0].width_percent);
  ASSERT_EQ(count_code(diag, "vtt-invalid-region-setting"), 2);
  EXPECT_EQ(find_code(diag, "vtt-invalid-region-setting")->where.line, 4);
  EXPECT_EQ(find_code(diag, "vtt-invalid-region-setting")->where.column, 6);
}

TEST(WebvttReader, LegacyRegionHeaderIsReported) {
  Diagnostics diag;
  read_text("WEBVTT\nRegion: id=fred width=50%\n\n00:00.000 --> 00:01.000\na\n", diag);
  EXPECT_EQ(count_code(diag, "vtt-legacy-region-header"), 1);
}

TEST(WebvttReader, ParsesAllCueSettings) {
  const Document doc = read_text(
      "WEBVTT\n\n00:00.000 --> 00:01.000 vertical:rl line:-2 position:10%,line-left size:35.5% "
      "align:left\na\n\n00:00.000 --> 00:01.000 line:40%,end position:90%,line-right "
      "align:end\nb\n");
  const Placement& a = doc.cues[0].placement;
  EXPECT_EQ(a.vertical, "rl");
  EXPECT_EQ(a.line, -2.0);
  EXPECT_FALSE(a.line_percent);
  EXPECT_EQ(a.position_percent, 10.0);
  EXPECT_EQ(a.position_align, "line-left");
  EXPECT_EQ(a.size_percent, 35.5);
  EXPECT_EQ(a.text_align, "left");
  const Placement& b = doc.cues[1].placement;
  EXPECT_EQ(b.line, 40.0);
  EXPECT_TRUE(b.line_percent);
  EXPECT_EQ(b.line_align, "end");
  EXPECT_EQ(b.position_align, "line-right");
  EXPECT_EQ(b.text_align, "end");
}

TEST(WebvttReader, InvalidAndDuplicateSettingsAreReported) {
  Diagnostics diag;
  const Document doc = read_text(
      "WEBVTT\n\n00:00.000 --> 00:01.000 align:middle size:101% foo:bar nocolon line:1e2 "
      "align:end align:start\na\n",
      diag);
  const Placement& p = doc.cues[0].placement;
  EXPECT_EQ(p.text_align, "start");  // the last valid one wins
  EXPECT_FALSE(p.size_percent);
  EXPECT_FALSE(p.line);
  EXPECT_EQ(count_code(diag, "vtt-invalid-setting"), 4);
  EXPECT_EQ(count_code(diag, "vtt-unknown-setting"), 1);
  EXPECT_EQ(count_code(diag, "vtt-duplicate-setting"), 2);
  const Diagnostic* d = find_code(diag, "vtt-invalid-setting");
  EXPECT_EQ(d->where.line, 3);
  EXPECT_EQ(d->where.column, 25);
}

TEST(WebvttReader, UnknownAlignmentAfterValidLineIsKeptLikeWpt) {
  Diagnostics diag;
  const Document doc = read_text("WEBVTT\n\n00:00.000 --> 00:01.000 line:100%,middle\na\n", diag);
  EXPECT_EQ(doc.cues[0].placement.line, 100.0);
  EXPECT_EQ(doc.cues[0].placement.line_align, "");
  EXPECT_EQ(count_code(diag, "vtt-invalid-setting"), 1);
}

TEST(WebvttReader, InvalidTimingDropsTheBlockWithDiagnostic) {
  Diagnostics diag;
  const Document doc = read_text(
      "WEBVTT\n\n00:00.000 --> 00:01.00\nlost\n\n00:60.000 --> 00:61.000\nlost too\n\n"
      "00:02.000 --> 00:03.000\nkept\n",
      diag);
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(plain_text(doc.cues[0]), "kept");
  ASSERT_EQ(count_code(diag, "vtt-invalid-timing"), 2);
  const Diagnostic* d = find_code(diag, "vtt-invalid-timing");
  EXPECT_EQ(d->where.line, 3);
  EXPECT_EQ(d->where.column, 23);
  EXPECT_NE(d->message.find("found \"00:00.000 --> 00:01.00\""), std::string::npos);
}

TEST(WebvttReader, StrictFailsOnDroppedCue) {
  Diagnostics diag;
  try {
    read_text("WEBVTT\n\n00:00.000 x --> 00:01.000\nlost\n", diag, true);
    FAIL() << "expected a ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_NE(std::string(e.what()).find("expected \"-->\""), std::string::npos);
  }
  EXPECT_THROW(read_text("WEBVTT\n\n00:00.000 --> 00:01.000 align:middle\nx\n", diag, true),
               ParseError);
  EXPECT_NO_THROW(read_text("WEBVTT\n\n00:00.000 --> 00:01.000 align:end\n<b>x</b>\n", diag, true));
}

TEST(WebvttReader, GarbageBlocksAreIgnoredAndReported) {
  Diagnostics diag;
  const Document doc =
      read_text("WEBVTT\n\njust some words\nand more\n\n00:00.000 --> 00:01.000\nok\n", diag);
  EXPECT_EQ(doc.cues.size(), 1u);
  ASSERT_EQ(count_code(diag, "vtt-ignored-block"), 1);
  EXPECT_EQ(find_code(diag, "vtt-ignored-block")->where.line, 3);
}

TEST(WebvttReader, EndBeforeStartAndZeroLengthAreKeptAndReported) {
  Diagnostics diag;
  const Document doc =
      read_text("WEBVTT\n\n00:02.000 --> 00:01.000\nback\n\n00:03.000 --> 00:03.000\nzero\n", diag);
  ASSERT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(doc.cues[0].end, from_ms(1000));
  EXPECT_EQ(count_code(diag, "vtt-end-before-start"), 1);
  EXPECT_EQ(count_code(diag, "vtt-zero-duration"), 1);
}

TEST(WebvttReader, TruncatedFileKeepsWhatIsThere) {
  const Document doc = read_text("WEBVTT\n\n00:00.000 --> 00:01.000");
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_TRUE(doc.cues[0].runs.empty());
  EXPECT_EQ(read_text("WEBVTT\n\n00:00.000 --> 00:0").cues.size(), 0u);
  EXPECT_EQ(read_text("WEBVTT").cues.size(), 0u);
}

TEST(WebvttReader, NulBecomesReplacementCharacter) {
  Diagnostics diag;
  const Document doc =
      read_text(std::string_view("WEBVTT\n\nid\0x\n00:00.000 --> 00:01.000\na\0b\n", 41), diag);
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(doc.cues[0].id, "id\uFFFDx");
  EXPECT_EQ(plain_text(doc.cues[0]), "a\uFFFDb");
  EXPECT_EQ(count_code(diag, "vtt-nul-character"), 2);
}

TEST(WebvttReader, ArrowInCueTextStartsANewBlock) {
  Diagnostics diag;
  const Document doc = read_text(
      "WEBVTT\n\n00:00.000 --> 00:01.000\nline one\n00:02.000 --> 00:03.000\nnext\n", diag);
  ASSERT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(plain_text(doc.cues[0]), "line one");
  EXPECT_EQ(plain_text(doc.cues[1]), "next");
}

TEST(WebvttReader, WholeCueVoiceSetsSpeaker) {
  const Document doc = read_text(
      "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Roger Bingham>We are\nin New York\n\n"
      "00:01.000 --> 00:02.000\n<v A>one</v> <v B>two</v>\n");
  EXPECT_EQ(doc.cues[0].speaker, "Roger Bingham");
  EXPECT_EQ(doc.cues[1].speaker, "");
  ASSERT_FALSE(doc.cues[1].runs.empty());
  EXPECT_EQ(doc.cues[1].runs[0].spans[0].annotation, "A");
}

TEST(WebvttReader, OneMegabyteLinesAreLinear) {
  std::string text = "WEBVTT\n\n00:00.000 --> 00:01.000";
  for (int i = 0; i < 100'000; ++i)
    text += " foo:bar12";
  text += "\n";
  for (int i = 0; i < 200'000; ++i)
    text += "<b>x";
  text += "\n";
  text += std::string(1'000'000, 'a');
  text += "\n\n" + std::string(1'000'000, '0') + " --> 00:01.000\nbad\n";
  Diagnostics diag;
  const Document doc = read_text(text, diag);
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(doc.cues[0].runs.back().text.size(), 1'000'000u);
  EXPECT_LT(diag.all().size(), 40u);
  EXPECT_GE(count_code(diag, "vtt-nesting-too-deep"), 1);
  EXPECT_EQ(count_code(diag, "vtt-more-cue-text-problems"), 1);
}

}  // namespace
}  // namespace kopru::codecs::webvtt::test

namespace kopru::codecs::webvtt::test {
namespace {

// Deterministic mutations of a file using every construct: reading never crashes, and what is
// written reads back and writes identically.
TEST(WebvttRobustness, RandomMutationsReadAndWriteBack) {
  const std::string seed =
      "WEBVTT t\nX-A\n\nREGION\nid:r lines:2 regionanchor:1%,2%\n\nSTYLE\n::cue{}\n\nNOTE n\n\n"
      "id\n00:00.000 --> 00:01.000 region:r line:1,end position:2%,center size:3% align:left\n"
      "<v.c Joe><i>a</i> &amp; <ruby>b<rt>c</rt></ruby><00:00.500><lang tr>d</lang></v>\n\n"
      "00:01.000 --> 00:02.000 vertical:lr\ne\nf\n";
  const std::vector<std::string> pieces = {
      "<",    ">",    "&",    "-->",      ":",      "\n", std::string(1, '\0'),
      ".",    "0",    "9",    " ",        "\t",     "%",  ",",
      "</",   "<v",   "\r",   "&lt",      ";",      "<b", "NOTE",
      "\xC3", "\n\n", "<00:", "REGION\n", "STYLE\n"};
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  int read_ok = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string text = seed;
    const int edits = 1 + static_cast<int>(next() % 6);
    for (int e = 0; e < edits; ++e) {
      const std::size_t pos = 6 + next() % (text.size() - 6);
      if (next() % 3 == 0) {
        text.erase(pos, 1 + next() % 4);
      } else {
        text.insert(pos, pieces[next() % pieces.size()]);
      }
    }
    Diagnostics diag;
    Document doc;
    try {
      doc = read_text(text, diag);
    } catch (const ParseError&) {
      continue;
    }
    ++read_ok;
    const std::string out = write_doc(doc);
    const Document back = read_text(out);
    ASSERT_EQ(back.cues.size(), doc.cues.size()) << text;
    ASSERT_EQ(write_doc(back), out) << text;
  }
  EXPECT_GT(read_ok, 2900);
}

}  // namespace
}  // namespace kopru::codecs::webvtt::test

namespace kopru::codecs::webvtt::test {
namespace {

TEST(WebvttReader, EmptyStyleBlockAndFailedNoteCueAreNotKept) {
  Diagnostics diag;
  const Document doc = read_text(
      "WEBVTT\n\nSTYLE\n\nNOTE\n00:00.000 --> 00:0x\ntext\n\n00:01.000 --> 00:02.000\nok\n", diag);
  EXPECT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(count_code(diag, "vtt-empty-block"), 1);
  EXPECT_EQ(count_code(diag, "vtt-invalid-timing"), 1);
  for (const auto& [key, value] : doc.format_private.entries) {
    EXPECT_NE(key.rfind("note:", 0), 0u) << value;
    EXPECT_NE(key.rfind("style:", 0), 0u) << value;
  }
}

TEST(WebvttReader, NoteFollowedByTimingIsACueWithThatId) {
  const Document doc = read_text("WEBVTT\n\nNOTE\n00:00.000 --> 00:01.000\ntext\n");
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(doc.cues[0].id, "NOTE");
}

}  // namespace
}  // namespace kopru::codecs::webvtt::test
