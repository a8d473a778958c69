// The ASS/SSA files of the shared corpus (../shared/corpus). androidx-media's typical_utf16le and
// typical_utf16be need the encoding module (UTF-16 decoding happens before the codec) and are
// left to the loader's tests.
#include <filesystem>

#include <gtest/gtest.h>

#include "tests/unit/ass/ass_test_util.h"

namespace kopru::codecs::ass::testing {
namespace {

namespace fs = std::filesystem;
using kopru::testing::corpus_dir;
using kopru::testing::slurp;

std::string strip_bom_and_cr(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0)
    text.erase(0, 3);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
      continue;
    out += text[i];
  }
  return out;
}

// The text of one [Section] of a script, up to the next section header that starts a line.
std::string section_body(const std::string& text, const std::string& header,
                         const std::string& next) {
  const auto start = text.find(header + "\n");
  const auto end = text.find("\n" + next, start);
  if (start == std::string::npos || end == std::string::npos)
    return "";
  return text.substr(start, end - start);
}

TEST(AssCorpusAndroidx, Typical) {
  Diagnostics diag;
  const auto doc = read_corpus("androidx-media/media/ssa/typical", diag);
  EXPECT_EQ(doc.meta.title, "SomeTitle");
  ASSERT_EQ(doc.styles.size(), 1u);
  EXPECT_EQ(doc.styles[0].font, "Open Sans Semibold");
  EXPECT_EQ(doc.styles[0].font_size, 36);
  EXPECT_TRUE(doc.styles[0].bold);
  EXPECT_EQ(doc.styles[0].outline_width, 1.7);
  ASSERT_EQ(doc.cues.size(), 3u);
  EXPECT_EQ(doc.cues[0].start, from_ms(0));
  EXPECT_EQ(doc.cues[0].end, from_ms(1230));
  EXPECT_EQ(plain_text(doc.cues[0]), "This is the first subtitle.");
  EXPECT_EQ(doc.cues[0].runs.at(1), Run::raw("ass", "{ignored}"));
  EXPECT_EQ(doc.cues[0].speaker, "Olly");
  EXPECT_EQ(doc.cues[0].style, "Default");
  EXPECT_EQ(doc.cues[1].start, from_ms(2340));
  EXPECT_EQ(doc.cues[1].end, from_ms(3450));
  // libass (not ExoPlayer): \n is a space unless WrapStyle is 2, \N always breaks.
  EXPECT_EQ(plain_text(doc.cues[1]), "This is the second subtitle  with a newline \nand another.");
  EXPECT_EQ(doc.cues[2].start, from_ms(4560));
  EXPECT_EQ(doc.cues[2].end, from_ms(8900));
  EXPECT_EQ(plain_text(doc.cues[2]), "This is the third subtitle, with a comma.");
  EXPECT_EQ(count_code(diag, "ass-lenient-timestamp"), 2);  // 0:00:04:56 uses ':' before cs
}

TEST(AssCorpusAndroidx, DialogueOnlyHeaderOnlyFormatOnlyAndEmpty) {
  Diagnostics diag;
  // typical_dialogue is Matroska-style event data: its 6 columns are declared only in
  // typical_format (the track's CodecPrivate). Alone, the standard 10 columns do not fit.
  const auto dialogue = read_corpus("androidx-media/media/ssa/typical_dialogue", diag);
  EXPECT_TRUE(dialogue.cues.empty());
  EXPECT_EQ(count_code(diag, "ass-missing-section"), 1);
  EXPECT_EQ(count_code(diag, "ass-short-event"), 3);
  const std::string joined = slurp(corpus_dir() / "androidx-media/media/ssa/typical_header") +
                             "\n[Events]\n" +
                             slurp(corpus_dir() / "androidx-media/media/ssa/typical_format") +
                             slurp(corpus_dir() / "androidx-media/media/ssa/typical_dialogue");
  Diagnostics jdiag;
  const auto together = read_text(joined, jdiag);
  ASSERT_EQ(together.cues.size(), 3u);
  EXPECT_EQ(plain_text(together.cues[2]), "This is the third subtitle, with a comma.");
  EXPECT_EQ(together.cues[0].speaker, "Olly");
  Diagnostics hdiag;
  const auto header = read_corpus("androidx-media/media/ssa/typical_header", hdiag);
  EXPECT_EQ(header.styles.size(), 1u);
  EXPECT_TRUE(header.cues.empty());
  EXPECT_TRUE(hdiag.empty());
  Diagnostics fdiag;
  EXPECT_THROW(read_corpus("androidx-media/media/ssa/typical_format", fdiag), ParseError);
  Diagnostics ediag;
  EXPECT_TRUE(read_corpus("androidx-media/media/ssa/empty", ediag).cues.empty());
  EXPECT_EQ(count_code(ediag, "ass-empty-file"), 1);
}

TEST(AssCorpusAndroidx, OverlappingTimecodesKeepFileOrder) {
  Diagnostics diag;
  const auto doc = read_corpus("androidx-media/media/ssa/overlapping_timecodes", diag);
  ASSERT_EQ(doc.cues.size(), 7u);
  EXPECT_EQ(plain_text(doc.cues[3]), "Third subtitle - out of order");
  EXPECT_EQ(doc.cues[3].start, from_ms(6000));
  EXPECT_EQ(doc.cues[3].end, from_ms(8440));
  EXPECT_EQ(doc.cues[5].start, from_ms(10720));
  EXPECT_EQ(doc.cues[5].end, from_ms(15650));
  EXPECT_EQ(doc.cues[6].start, from_ms(13220));
  EXPECT_TRUE(diag.empty());
}

TEST(AssCorpusAndroidx, Layers) {
  Diagnostics diag;
  const auto doc = read_corpus("androidx-media/media/ssa/layer", diag);
  ASSERT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(doc.cues[0].layer, 1);
  EXPECT_EQ(doc.cues[1].layer, -1);
  const auto overlap =
      read_corpus("androidx-media/media/ssa/overlapping_cues_different_layers", diag);
  ASSERT_EQ(overlap.cues.size(), 2u);
  EXPECT_EQ(overlap.cues[0].layer, 2);
  EXPECT_EQ(overlap.cues[1].layer, 1);
  Diagnostics idiag;
  const auto invalid = read_corpus("androidx-media/media/ssa/invalid_layer", idiag);
  ASSERT_EQ(invalid.cues.size(), 3u);
  for (const auto& cue : invalid.cues)
    EXPECT_EQ(cue.layer, 0);
  EXPECT_EQ(plain_text(invalid.cues[2]), "Non-integer layer.");
  EXPECT_EQ(count_code(idiag, "ass-bad-layer"), 3);
}

TEST(AssCorpusAndroidx, InvalidTimecodesSkipOnlyUnreadableEvents) {
  Diagnostics diag;
  const auto doc = read_corpus("androidx-media/media/ssa/invalid_timecodes", diag);
  // Invalid/empty start or end: skipped (as ExoPlayer does). Equal and reversed times are kept
  // as zero-length cues with a warning (never shown, as in libass), so their text is not lost.
  ASSERT_EQ(doc.cues.size(), 4u);
  EXPECT_EQ(plain_text(doc.cues[0]), "This is the third subtitle, with a comma.");
  EXPECT_EQ(doc.cues[0].start, from_ms(4560));
  EXPECT_EQ(doc.cues[0].end, from_ms(8900));
  EXPECT_EQ(plain_text(doc.cues[1]), "Start and end time equal.");
  EXPECT_EQ(plain_text(doc.cues[2]), "End time before start time.");
  EXPECT_EQ(doc.cues[2].start, from_ms(15900));
  EXPECT_EQ(doc.cues[2].end, from_ms(15900));
  EXPECT_EQ(plain_text(doc.cues[3]), "This is the last subtitle.");
  EXPECT_EQ(doc.cues[3].start, from_ms(16560));
  EXPECT_EQ(doc.cues[3].end, from_ms(17900));
  EXPECT_EQ(count_code(diag, "ass-bad-timestamp"), 4);
  EXPECT_EQ(count_code(diag, "ass-zero-duration"), 1);
  EXPECT_EQ(count_code(diag, "ass-end-before-start"), 1);
}

TEST(AssCorpusAndroidx, Positions) {
  Diagnostics diag;
  const auto doc = read_corpus("androidx-media/media/ssa/positioning", diag);
  EXPECT_EQ(doc.meta.play_res_x, 300);
  EXPECT_EQ(doc.meta.play_res_y, 202);
  EXPECT_EQ(doc.styles.at(0).alignment, 4);
  ASSERT_EQ(doc.cues.size(), 6u);
  EXPECT_EQ(doc.cues[0].placement.position, std::make_pair(150.0, 50.5));
  EXPECT_EQ(doc.cues[1].placement.position, std::make_pair(75.0, 50.5));
  // libass: the first \pos wins (ExoPlayer takes the last); the second stays raw.
  EXPECT_EQ(doc.cues[2].placement.position, std::make_pair(150.0, 100.0));
  EXPECT_EQ(doc.cues[2].runs.at(1), Run::raw("ass", "{\\pos(75,101)}"));
  EXPECT_FALSE(doc.cues[3].placement.position);  // \move stays raw
  EXPECT_EQ(doc.cues[3].runs.at(0), Run::raw("ass", "{\\move(150,100,150,50.5)}"));
  EXPECT_EQ(doc.cues[4].placement.position, std::make_pair(150.0, 101.0));
  EXPECT_EQ(doc.cues[4].placement.alignment, 2);
  EXPECT_EQ(doc.cues[5].placement.alignment, 9);
  EXPECT_EQ(plain_text(doc.cues[5]), "Sixth subtitle (multiple overrides in same braces).");
  Diagnostics wdiag;
  const std::string out = write_doc(doc, wdiag);
  EXPECT_NE(out.find(",{ \\pos( 150, 101 ) }Fifth subtitle {\\an2}(alignment override"),
            std::string::npos);
}

TEST(AssCorpusAndroidx, InvalidPositions) {
  Diagnostics diag;
  const auto doc = read_corpus("androidx-media/media/ssa/invalid_positioning", diag);
  ASSERT_EQ(doc.cues.size(), 4u);
  EXPECT_EQ(doc.cues[0].placement.position, std::make_pair(-5.0, 50.0));
  EXPECT_EQ(doc.cues[2].placement.alignment, 0);
  EXPECT_EQ(doc.cues[2].runs.at(0), Run::raw("ass", "{\\an11}"));
  EXPECT_EQ(count_code(diag, "ass-invalid-alignment"), 1);
  EXPECT_FALSE(doc.cues[3].placement.position);
  EXPECT_EQ(plain_text(doc.cues[3]), "\\pos(150,100) Fourth subtitle (no braces).");
}

TEST(AssCorpusAndroidx, StyleColoursAndFlags) {
  Diagnostics diag;
  const auto colours = read_corpus("androidx-media/media/ssa/style_primary_color", diag);
  ASSERT_EQ(colours.styles.size(), 7u);
  EXPECT_EQ(colours.styles[0].primary, (Color{255, 0, 0, 255}));
  EXPECT_EQ(colours.styles[1].primary, (Color{255, 255, 0, 255}));
  EXPECT_EQ(colours.styles[2].primary, (Color{0, 255, 0, 255}));
  EXPECT_EQ(colours.styles[3].primary, (Color{255, 0, 0, 0x5F}));
  EXPECT_EQ(colours.styles[4].primary, (Color{0, 0, 255, 255}));
  EXPECT_EQ(colours.styles[5].primary, (Color{0, 0, 255, 0x7F}));
  EXPECT_EQ(colours.styles[6].primary, Style{}.primary);
  EXPECT_EQ(count_code(diag, "ass-bad-style-field"), 1);
  EXPECT_EQ(colours.cues.size(), 7u);

  const auto outline = read_corpus("androidx-media/media/ssa/style_outline_color", diag);
  ASSERT_EQ(outline.styles.size(), 2u);
  EXPECT_EQ(outline.styles[0].name, "OutlineColourStyleBlue");
  EXPECT_EQ(outline.styles[0].outline, (Color{0, 0, 255, 255}));
  EXPECT_EQ(outline.styles[0].border_style, 3);
  EXPECT_EQ(outline.styles[1].border_style, 1);

  const auto sizes = read_corpus("androidx-media/media/ssa/style_font_size", diag);
  ASSERT_EQ(sizes.styles.size(), 2u);
  EXPECT_EQ(sizes.styles[0].font_size, 30);
  EXPECT_EQ(sizes.styles[1].font_size, 72.2);
  EXPECT_EQ(sizes.cues.at(1).style, "FontSizeBig");

  const auto bi = read_corpus("androidx-media/media/ssa/style_bold_italic", diag);
  ASSERT_EQ(bi.styles.size(), 3u);
  EXPECT_TRUE(bi.styles[0].bold && !bi.styles[0].italic);
  EXPECT_TRUE(!bi.styles[1].bold && bi.styles[1].italic);
  EXPECT_TRUE(bi.styles[2].bold && bi.styles[2].italic);

  const auto u = read_corpus("androidx-media/media/ssa/style_underline", diag);
  EXPECT_TRUE(u.styles.at(0).underline);
  EXPECT_FALSE(u.styles.at(1).underline);
  const auto s = read_corpus("androidx-media/media/ssa/style_strikeout", diag);
  EXPECT_TRUE(s.styles.at(0).strike);
  EXPECT_FALSE(s.styles.at(1).strike);

  const auto empty = read_corpus("androidx-media/media/ssa/empty_style_line", diag);
  ASSERT_EQ(empty.styles.size(), 1u);
  EXPECT_EQ(empty.styles[0].name, "Empty");
  EXPECT_EQ(plain_text(empty.cues.at(0)), "First line.");
}

TEST(AssCorpusSubtitleEdit, AssAndSsaFixtures) {
  Diagnostics diag;
  const auto ass = read_corpus("subtitleedit/seconv-Fixtures/test.ass", diag);
  ASSERT_EQ(ass.cues.size(), 3u);
  EXPECT_EQ(ass.meta.title, "test");
  EXPECT_EQ(plain_text(ass.cues[0]), "Hello, World!");
  EXPECT_EQ(ass.cues[2].start, from_ms(10000));
  EXPECT_EQ(ass.cues[2].end, from_ms(13000));
  EXPECT_EQ(plain_text(ass.cues[2]), "Testing SeConv subtitle converter.");
  EXPECT_TRUE(diag.empty());
  Diagnostics wdiag;
  EXPECT_EQ(write_doc(ass, wdiag),
            strip_bom_and_cr(slurp(corpus_dir() / "subtitleedit/seconv-Fixtures/test.ass")));

  const auto ssa = read_corpus("subtitleedit/seconv-Fixtures/test.ssa", diag);
  ASSERT_EQ(ssa.cues.size(), 3u);
  EXPECT_EQ(ssa.cues[1].style, "Default");  // "*Default"
  EXPECT_EQ(ssa.cues[1].speaker, "NTP");
  EXPECT_EQ(plain_text(ssa.cues[1]), "This is a test subtitle.");
  EXPECT_EQ(ssa.styles.at(0).secondary, (Color{255, 255, 0, 255}));
  const std::string out = write_doc(ssa, wdiag);
  EXPECT_NE(out.find("[V4 Styles]\n"), std::string::npos);
  EXPECT_NE(
      out.find(
          "Dialogue: Marked=0,0:00:05.00,0:00:08.00,Default,NTP,0,0,0,,This is a test subtitle.\n"),
      std::string::npos)
      << out;
  EXPECT_TRUE(wdiag.empty()) << dump(wdiag);
}

void expect_attachments_survive(const std::string& file, const std::vector<std::string>& sections) {
  Diagnostics diag;
  const auto doc = read_corpus(file, diag);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  Diagnostics wdiag;
  const std::string out = write_doc(doc, wdiag);
  const std::string original = strip_bom_and_cr(slurp(corpus_dir() / file));
  EXPECT_EQ(out, original);  // Aegisub's layout is ours: the whole file comes back
  for (std::size_t i = 0; i + 1 < sections.size(); ++i) {
    const std::string body = section_body(original, sections[i], sections[i + 1]);
    ASSERT_FALSE(body.empty()) << sections[i];
    EXPECT_EQ(section_body(out, sections[i], sections[i + 1]), body) << sections[i];
  }
}

TEST(AssCorpusPysubs2, FontsAreKeptByteForByte) {
  expect_attachments_survive("pysubs2/subtitle_with_attached_fonts_aegisub.ass",
                             {"[Fonts]", "[Events]"});
  Diagnostics diag;
  const auto doc = read_corpus("pysubs2/subtitle_with_attached_fonts_aegisub.ass", diag);
  const std::string* fonts = doc.format_private.find("[Fonts]");
  ASSERT_NE(fonts, nullptr);
  EXPECT_EQ(fonts->rfind("fontname: EBGaramond08-Regular_0.ttf\n", 0), 0u);
  EXPECT_NE(fonts->find("\nfontname: "), std::string::npos);  // the second font
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(plain_text(doc.cues[0]), "Test subtitle.");
  EXPECT_EQ(doc.meta.title, "pysubs2 test file");
}

TEST(AssCorpusPysubs2, FontsWithoutEvents) {
  Diagnostics diag;
  const auto doc = read_corpus("pysubs2/subtitle_with_attached_fonts_no_events.ass", diag);
  EXPECT_TRUE(doc.cues.empty());
  ASSERT_NE(doc.format_private.find("[Fonts]"), nullptr);
  Diagnostics wdiag;
  const std::string out = write_doc(doc, wdiag);
  EXPECT_NE(out.find(*doc.format_private.find("[Fonts]")), std::string::npos);
  EXPECT_NE(out.find("\n[Events]\nFormat: Layer,"), std::string::npos);
}

TEST(AssCorpusPysubs2, GraphicsAreKeptByteForByte) {
  expect_attachments_survive("pysubs2/subtitle_with_attached_images_aegisub.ass",
                             {"[Graphics]", "[Events]"});
  Diagnostics diag;
  const auto doc = read_corpus("pysubs2/subtitle_with_attached_images_aegisub.ass", diag);
  const std::string* graphics = doc.format_private.find("[Graphics]");
  ASSERT_NE(graphics, nullptr);
  EXPECT_EQ(graphics->rfind("filename: github.jpg\n", 0), 0u);
  EXPECT_NE(graphics->find("\nfilename: github.png\n"), std::string::npos);
}

TEST(AssCorpusPysubs2, PysubsReferenceKeepsTheSameAttachments) {
  // pysubs2 writes [Fonts] in another order; both files carry the same set of fonts.
  Diagnostics diag;
  const auto aegisub = read_corpus("pysubs2/subtitle_with_attached_fonts_aegisub.ass", diag);
  const auto ref = read_corpus("pysubs2/subtitle_with_attached_fonts_pysubs2_ref.ass", diag);
  auto names = [](const std::string& body) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while ((pos = body.find("fontname: ", pos)) != std::string::npos) {
      const auto end = body.find('\n', pos);
      out.push_back(body.substr(pos, end - pos));
      pos = end;
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(names(*aegisub.format_private.find("[Fonts]")),
            names(*ref.format_private.find("[Fonts]")));
  EXPECT_EQ(names(*ref.format_private.find("[Fonts]")).size(), 2u);
}

TEST(AssCorpusPysubs2, TtmlConversions) {
  Diagnostics diag;
  const auto doc = read_corpus("pysubs2/ttml_example.ass", diag);
  ASSERT_EQ(doc.cues.size(), 11u);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  Diagnostics wdiag;
  EXPECT_EQ(write_doc(doc, wdiag),
            strip_bom_and_cr(slurp(corpus_dir() / "pysubs2/ttml_example.ass")));
}

TEST(AssCorpusLibass, CrashScriptsReadAndRoundTrip) {
  for (const char* file :
       {"libass-tests/crash/generic.ass", "libass-tests/crash/aegisub-format-tests.ass"}) {
    Diagnostics diag;
    const auto doc = read_corpus(file, diag);
    EXPECT_GT(doc.cues.size(), 10u) << file;
    Diagnostics wdiag;
    const std::string out = write_doc(doc, wdiag);
    Diagnostics rdiag;
    const auto back = read_text(out, rdiag);
    ASSERT_EQ(back.cues.size(), doc.cues.size()) << file;
    for (std::size_t i = 0; i < doc.cues.size(); ++i) {
      EXPECT_EQ(back.cues[i].runs, doc.cues[i].runs) << file << " cue " << i + 1;
      EXPECT_EQ(back.cues[i].start, doc.cues[i].start) << file << " cue " << i + 1;
    }
    EXPECT_EQ(write_doc(back, rdiag), out) << file;
  }
}

TEST(AssCorpusLibass, GenericScriptValues) {
  Diagnostics diag;
  const auto doc = read_corpus("libass-tests/crash/generic.ass", diag);
  const auto max_layer =
      std::max_element(doc.cues.begin(), doc.cues.end(),
                       [](const Cue& a, const Cue& b) { return a.layer < b.layer; });
  EXPECT_EQ(max_layer->layer, 5494);
  EXPECT_TRUE(
      std::any_of(doc.cues.begin(), doc.cues.end(), [](const Cue& c) { return c.comment; }));
  // Drawings never leak into the text.
  for (const auto& cue : doc.cues) {
    EXPECT_EQ(plain_text(cue).find("m 0 0 l"), std::string::npos) << cue.source_line;
  }
}

TEST(AssCorpusLibass, RegressionScriptsParse) {
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(corpus_dir() / "libass-tests")) {
    if (entry.path().extension() != ".ass")
      continue;
    ++files;
    Diagnostics diag;
    const std::string bytes = slurp(entry.path());
    const auto doc = read_text(bytes, diag);
    EXPECT_FALSE(doc.cues.empty()) << entry.path();
    EXPECT_EQ(diag.count(Severity::error), 0u) << entry.path();
  }
  EXPECT_EQ(files, 27);
}

TEST(AssCorpusLibass, SsaAlphaLevelScript) {
  Diagnostics diag;
  const auto doc = read_corpus("libass-tests/regression/ssa/alpha.ass", diag);
  ASSERT_EQ(doc.styles.size(), 5u);
  EXPECT_EQ(doc.styles[0].alignment, 4);  // SSA 9 = middle left
  EXPECT_EQ(doc.styles[0].back, (Color{0x6A, 0x20, 0x13, 255}));
  EXPECT_EQ(*doc.styles[3].format_private.find("AlphaLevel"), "&HFFFFFFEA");
  ASSERT_EQ(doc.cues.size(), 5u);
  EXPECT_EQ(doc.cues[4].runs.at(0), Run::raw("ass", "{\\xshad50}"));
}

TEST(AssCorpusLibass, TrimmingAndStarredStyleNames) {
  Diagnostics diag;
  const auto doc = read_corpus("libass-tests/regression/token-parsing/trimming.ass", diag);
  ASSERT_EQ(doc.styles.size(), 2u);
  EXPECT_EQ(doc.styles[0].name, "Example");
  EXPECT_EQ(doc.styles[1].name, "***Example");  // trimmed; a definition keeps its stars
  EXPECT_EQ(doc.cues.at(0).style, "Example");
}

TEST(AssCorpusLibass, KaraokeStaysRawAndTimed) {
  Diagnostics diag;
  const auto doc = read_corpus("libass-tests/regression/karaoke/357-k-and-kf-desynced.ass", diag);
  ASSERT_EQ(doc.cues.size(), 1u);
  const Cue& cue = doc.cues[0];
  EXPECT_EQ(cue.start, from_ms(4170));
  EXPECT_EQ(cue.end, from_ms(9820));
  EXPECT_EQ(cue.effect, "fx");
  EXPECT_EQ(plain_text(cue), "So we can find our way");
  EXPECT_EQ(cue.runs.at(0), Run::raw("ass", "{\\k90\\fad(300,200)}"));
}

}  // namespace
}  // namespace kopru::codecs::ass::testing
