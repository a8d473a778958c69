// Reading MicroDVD: frame rates, exact frame times, "|" breaks, control codes, the pycaption
// fixtures, and bad input (garbage, negative or invalid frames, end before start, NUL, 1 MB line).
#include <gtest/gtest.h>

#include <chrono>

#include "codecs/microdvd/microdvd.h"
#include "pipeline/model/dump.h"
#include "tests/support/test_support.h"

namespace kopru::codecs::microdvd {
namespace {

constexpr FrameRate kNtsc{24000, 1001};
constexpr FrameRate k25{25, 1};

Document read_text(std::string_view text, Diagnostics& diag, std::optional<FrameRate> fps = {},
                   bool strict = false) {
  const Source source{"in.sub", text, text, "UTF-8"};
  ReadOptions options;
  options.fps = fps;
  options.strict = strict;
  return read(source, options, diag);
}

std::string error_of(std::string_view text, std::optional<FrameRate> fps = k25,
                     bool strict = false) {
  Diagnostics diag;
  try {
    read_text(text, diag, fps, strict);
  } catch (const ParseError& e) {
    return e.formatted();
  }
  return "no error";
}

bool has_code(const Diagnostics& diag, std::string_view code) {
  for (const auto& d : diag.all()) {
    if (d.code == code)
      return true;
  }
  return false;
}

std::string corpus(const char* relative) {
  return testing::slurp(testing::corpus_dir() / "pycaption" / relative);
}

TEST(MicroDvdRead, HeaderSetsExactNtscRate) {
  Diagnostics diag;
  const Document doc = read_text("{1}{1}23.976\n{24}{48}Hello\n", diag);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  ASSERT_TRUE(doc.meta.frame_rate);
  EXPECT_EQ(*doc.meta.frame_rate, kNtsc);
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(doc.cues[0].start, from_ms(1001));  // 24 frames of 1001/24000 s
  EXPECT_EQ(doc.cues[0].end, from_ms(2002));
  EXPECT_EQ(plain_text(doc.cues[0]), "Hello");
  EXPECT_EQ(doc.cues[0].source_line, 2);
  EXPECT_EQ(doc.meta.source_format, "microdvd");
}

TEST(MicroDvdRead, ZeroZeroHeaderAndOtherRates) {
  Diagnostics diag;
  EXPECT_EQ(*read_text("{0}{0}25\n{25}{50}a\n", diag).meta.frame_rate, k25);
  EXPECT_EQ(*read_text("{1}{1}29.970\n{25}{50}a\n", diag).meta.frame_rate,
            (FrameRate{30000, 1001}));
  EXPECT_EQ(*read_text("{1}{}25.000\n{25}{50}a\n", diag).meta.frame_rate, k25);
  // Frame 1 with a number is a header only on the first line; later it is a cue.
  const Document doc = read_text("{10}{20}a\n{1}{2}25\n", diag, k25);
  EXPECT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(plain_text(doc.cues[1]), "25");
}

TEST(MicroDvdRead, ImplausibleHeaderRateIsACue) {
  Diagnostics diag;
  const Document doc = read_text("{1}{1}1/9223372036854775807\n{1}{1}2\n", diag, k25);
  EXPECT_EQ(*doc.meta.frame_rate, k25);
  EXPECT_EQ(doc.cues.size(), 2u);
}

TEST(MicroDvdRead, FpsOptionWithoutHeader) {
  Diagnostics diag;
  const Document doc = read_text("{230}{307}( clock ticking )\n", diag, k25);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  EXPECT_EQ(*doc.meta.frame_rate, k25);
  EXPECT_EQ(doc.cues[0].start, from_ms(9200));
  EXPECT_EQ(doc.cues[0].end, from_ms(12280));
}

TEST(MicroDvdRead, HeaderWinsOverOptionWithWarning) {
  Diagnostics diag;
  const Document doc = read_text("{1}{1}23.976\n{24}{48}Hello\n", diag, k25);
  EXPECT_EQ(*doc.meta.frame_rate, kNtsc);
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].code, "microdvd-fps-ignored");
  EXPECT_EQ(diag.all()[0].where.line, 1);
}

TEST(MicroDvdRead, NoRateAnywhereFailsAndAsksForFps) {
  const std::string err = error_of("{230}{307}Hello\n", std::nullopt);
  EXPECT_NE(err.find("in.sub:1:1: error:"), std::string::npos) << err;
  EXPECT_NE(err.find("--fps"), std::string::npos) << err;
}

TEST(MicroDvdRead, PipeBreaksLines) {
  Diagnostics diag;
  const Document doc = read_text("{1}{2}MAN:|When we think|of E", diag, k25);
  ASSERT_EQ(doc.cues.size(), 1u);
  const auto& runs = doc.cues[0].runs;
  ASSERT_EQ(runs.size(), 5u);
  EXPECT_EQ(runs[0].text, "MAN:");
  EXPECT_EQ(runs[1].kind, RunKind::line_break);
  EXPECT_EQ(runs[2].text, "When we think");
  EXPECT_EQ(runs[4].text, "of E");
  EXPECT_EQ(plain_text(doc.cues[0]), "MAN:\nWhen we think\nof E");
}

TEST(MicroDvdRead, PycaptionExampleFile) {
  Diagnostics diag;
  const Document doc = read_text(corpus("examples/example.sub"), diag, k25);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  ASSERT_EQ(doc.cues.size(), 21u);
  EXPECT_EQ(doc.cues[0].start, from_ms(9200));
  EXPECT_EQ(plain_text(doc.cues[0]), "( clock ticking )");
  EXPECT_EQ(plain_text(doc.cues[1]), "MAN:\nWhen we think\nof E equals m c-squared,");
  EXPECT_EQ(doc.cues[20].end, from_ms(1919 * 40));
}

// pycaption test_caption_length / test_proper_timestamps: 7 cues, the third within a second of
// 17.350 s to 18.752 s (pycaption reads at 25 fps).
TEST(MicroDvdRead, PycaptionSample2LengthAndTimes) {
  Diagnostics diag;
  const Document doc = read_text(corpus("fixtures/microdvd/sample_microdvd_2.sub"), diag, k25);
  ASSERT_EQ(doc.cues.size(), 7u);
  EXPECT_LT(std::chrono::abs(doc.cues[2].start - from_ms(17350)), from_seconds(1));
  EXPECT_LT(std::chrono::abs(doc.cues[2].end - from_ms(18752)), from_seconds(1));
  EXPECT_EQ(doc.cues[2].start, from_ms(17000));
  EXPECT_EQ(doc.cues[2].end, from_ms(18720));
  EXPECT_EQ(plain_text(doc.cues[1]), "MAN:\nWhen we think\n\u266a ...say bow, wow, \u266a");
  // "|as an old..." starts with an empty line; it is kept, not dropped.
  ASSERT_FALSE(doc.cues[3].runs.empty());
  EXPECT_EQ(doc.cues[3].runs[0].kind, RunKind::line_break);
  EXPECT_EQ(plain_text(doc.cues[6]), "<LAUGHING & WHOOPS!>");  // MicroDVD has no HTML
}

// pycaption test_invalid_format expects a syntax error for "{}{425}{567}".
TEST(MicroDvdRead, PycaptionInvalidFrameSyntax) {
  const std::string err = error_of(corpus("fixtures/microdvd/sample_microdvd_invalid_format.sub"));
  EXPECT_EQ(err.rfind("in.sub:2:1: error: the start frame is empty in \"{}{425}{567}", 0), 0u)
      << err;
}

// pycaption test_no_fps_provided expects a timing error: no header line, "{0}{0} MAN:..." later.
TEST(MicroDvdRead, PycaptionMissingFps) {
  const std::string text = corpus("fixtures/microdvd/missing_fps_sample_microdvd.sub");
  const std::string err = error_of(text, std::nullopt);
  EXPECT_NE(err.find("--fps"), std::string::npos) << err;
  // With a rate the second line is an ordinary (zero-length) cue.
  Diagnostics diag;
  const Document doc = read_text(text, diag, k25);
  ASSERT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(doc.cues[1].start, Time::zero());
  EXPECT_TRUE(has_code(diag, "microdvd-zero-duration")) << dump(diag);
}

// pycaption test_empty_file raises "no captions"; Kopru returns an empty document with a warning,
// and fails under --strict.
TEST(MicroDvdRead, EmptyFile) {
  for (std::string_view text : {"", "\n", "  \n\n"}) {
    Diagnostics diag;
    const Document doc = read_text(text, diag);
    EXPECT_TRUE(doc.cues.empty());
    EXPECT_TRUE(has_code(diag, "microdvd-empty")) << dump(diag);
    EXPECT_NE(error_of(text, std::nullopt, true), "no error");
  }
}

TEST(MicroDvdRead, LineAndCueStyles) {
  Diagnostics diag;
  const Document doc = read_text("{1}{2}{Y:b}one|{y:i}two|{y:u,s}three", diag, k25);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  const auto& runs = doc.cues[0].runs;
  ASSERT_EQ(runs.size(), 5u);
  EXPECT_EQ(runs[0].spans, (std::vector<Span>{{SpanKind::bold, {}, {}, {}, {}}}));
  EXPECT_TRUE(has_span(runs[2], SpanKind::italic));
  EXPECT_TRUE(has_span(runs[2], SpanKind::bold));
  EXPECT_FALSE(has_span(runs[4], SpanKind::italic));  // lower case: one line only
  EXPECT_TRUE(has_span(runs[4], SpanKind::underline));
  EXPECT_TRUE(has_span(runs[4], SpanKind::strike));
  EXPECT_TRUE(has_span(runs[4], SpanKind::bold));
}

TEST(MicroDvdRead, UpperCaseCodeOnLaterLineStylesEarlierLines) {
  Diagnostics diag;
  const Document doc = read_text("{1}{2}one|{Y:i}two", diag, k25);
  EXPECT_TRUE(has_span(doc.cues[0].runs[0], SpanKind::italic));
}

TEST(MicroDvdRead, ColourFontSize) {
  Diagnostics diag;
  const Document doc = read_text("{1}{2}{c:$0000FF}{f:DejaVu Sans}{S:32}red", diag, k25);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  const kopru::Run& run = doc.cues[0].runs.at(0);
  EXPECT_EQ(run.text, "red");
  ASSERT_EQ(run.spans.size(), 1u);
  EXPECT_EQ(run.spans[0].kind, SpanKind::font);
  EXPECT_EQ(run.spans[0].color, (Color{255, 0, 0, 255}));  // $BBGGRR
  EXPECT_EQ(run.spans[0].annotation, "DejaVu Sans");
  EXPECT_EQ(run.spans[0].size, 32.0);
}

TEST(MicroDvdRead, Positions) {
  Diagnostics diag;
  EXPECT_EQ(read_text("{1}{2}{P:0}top", diag, k25).cues[0].placement.alignment, 8);
  EXPECT_EQ(read_text("{1}{2}{P:1}bottom", diag, k25).cues[0].placement.alignment, 2);
  const auto xy = read_text("{1}{2}{P:100,200}at", diag, k25).cues[0].placement.position;
  EXPECT_EQ(xy, (std::pair<double, double>{100, 200}));
  const auto o = read_text("{1}{2}{o:5,6}at", diag, k25).cues[0].placement.position;
  EXPECT_EQ(o, (std::pair<double, double>{5, 6}));
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(MicroDvdRead, UnknownAndBadCodesKeptRaw) {
  Diagnostics diag;
  const Document doc = read_text("{1}{2}a {x:blur}b|{c:$zz}c", diag, k25);
  const auto& runs = doc.cues[0].runs;
  ASSERT_EQ(runs.size(), 6u) << dump(doc);
  EXPECT_EQ(runs[0].text, "a ");
  EXPECT_EQ(runs[1], kopru::Run::raw("microdvd", "{x:blur}"));
  EXPECT_EQ(runs[2].text, "b");
  EXPECT_EQ(runs[4], kopru::Run::raw("microdvd", "{c:$zz}"));
  ASSERT_EQ(diag.all().size(), 2u) << dump(diag);
  EXPECT_EQ(diag.all()[0].code, "microdvd-unknown-code");
  EXPECT_EQ(diag.all()[0].where.line, 1);
  EXPECT_EQ(diag.all()[0].where.column, 9);
  EXPECT_EQ(diag.all()[1].code, "microdvd-bad-code");
}

TEST(MicroDvdRead, BracesThatAreNotCodesAreText) {
  Diagnostics diag;
  const Document doc = read_text("{1}{2}{laughs} {a:b c|}", diag, k25);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  EXPECT_EQ(plain_text(doc.cues[0]), "{laughs} {a:b c\n}");
}

TEST(MicroDvdRead, OpenEndFrameRunsUntilNextCue) {
  Diagnostics diag;
  const Document doc = read_text("{100}{}No.\n{150}{175}Why?\n", diag, k25);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  EXPECT_EQ(doc.cues[0].end, from_ms(6000));
}

TEST(MicroDvdRead, OpenEndOnLastCue) {
  Diagnostics diag;
  const Document doc = read_text("{100}{}No.\n", diag, k25);
  EXPECT_EQ(doc.cues[0].end, from_ms(7000));
  EXPECT_TRUE(has_code(diag, "microdvd-open-end"));
  EXPECT_NE(error_of("{100}{}No.\n", k25, true), "no error");
}

TEST(MicroDvdRead, DefaultLineKept) {
  Diagnostics diag;
  const Document doc = read_text("{DEFAULT}{}{c:$FF0000}\n{1}{2}a\n", diag, k25);
  EXPECT_EQ(doc.format_private.format, "microdvd");
  ASSERT_NE(doc.format_private.find("default"), nullptr);
  EXPECT_EQ(*doc.format_private.find("default"), "{c:$FF0000}");
  EXPECT_EQ(doc.cues.size(), 1u);
}

TEST(MicroDvdRead, EmptyCuesKeptWithWarning) {
  Diagnostics diag;
  const Document doc = read_text("{1}{2}\n{3}{4}{y:i}\n{5}{6}x\n", diag, k25);
  ASSERT_EQ(doc.cues.size(), 3u);
  EXPECT_TRUE(doc.cues[0].runs.empty());
  EXPECT_TRUE(doc.cues[1].runs.empty());
  EXPECT_EQ(diag.count(Severity::warning), 2u) << dump(diag);
  EXPECT_EQ(diag.all()[1].code, "microdvd-empty-cue");
  EXPECT_EQ(diag.all()[1].where.line, 2);
}

TEST(MicroDvdRead, CrlfAndBlankLines) {
  Diagnostics diag;
  const Document doc = read_text("\r\n{1}{1}25\r\n\r\n{25}{50}a|b\r\n\r\n", diag);
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(plain_text(doc.cues[0]), "a\nb");
  EXPECT_EQ(doc.cues[0].source_line, 4);
}

TEST(MicroDvdRead, GarbageFails) {
  EXPECT_EQ(error_of("Hello world\n"),
            "in.sub:1:1: error: expected a MicroDVD line \"{start}{end}text\", found \"Hello "
            "world\"");
  EXPECT_EQ(error_of("{1}{2}ok\nnot a cue\n").substr(0, 14), "in.sub:2:1: er");
}

TEST(MicroDvdRead, InvalidFrames) {
  EXPECT_EQ(error_of("{-5}{10}x"),
            "in.sub:1:2: error: negative frame number \"{-5}\": frames count from 0");
  EXPECT_EQ(error_of("{12a}{20}x"),
            "in.sub:1:4: error: expected a whole frame number in the start field, found \"{12a}\"");
  EXPECT_EQ(error_of("{1}{2.5}x"),
            "in.sub:1:6: error: expected a whole frame number in the end field, found \"{2.5}\"");
  EXPECT_EQ(error_of("{99999999999999999999}{2}x"),
            "in.sub:1:2: error: frame number \"99999999999999999999\" is too large");
  EXPECT_EQ(error_of("{10"), "in.sub:1:1: error: the start frame has no closing \"}\" in \"{10\"");
}

TEST(MicroDvdRead, TruncatedLine) {
  EXPECT_EQ(error_of("{1}{2}a\n{10}"),
            "in.sub:2:5: error: expected a MicroDVD line \"{start}{end}text\", found \"{10}\"");
}

TEST(MicroDvdRead, EndBeforeStart) {
  Diagnostics diag;
  const Document doc = read_text("{50}{25}x", diag, k25);
  EXPECT_EQ(doc.cues[0].end, from_ms(2000));  // set to its start
  EXPECT_TRUE(has_code(diag, "microdvd-end-before-start"));
  EXPECT_EQ(error_of("{50}{25}x", k25, true),
            "in.sub:1:1: error: end frame 25 is before start frame 50");
}

TEST(MicroDvdRead, NulBytesRemoved) {
  Diagnostics diag;
  const std::string text("{1}{2}a\0b\n{3}{4}c\n", 18);
  const Document doc = read_text(text, diag, k25);
  ASSERT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(plain_text(doc.cues[0]), "ab");
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].code, "microdvd-nul");
  EXPECT_EQ(diag.all()[0].where.column, 8);
}

TEST(MicroDvdRead, MegabyteLinesStayLinear) {
  std::string text = "{1}{2}";
  for (int i = 0; i < 350'000; ++i)
    text += "{a:";  // ~1 MB of unclosed code openers
  text += "|";
  text += std::string(1 << 20, 'x');
  Diagnostics diag;
  const Document doc = read_text(text, diag, k25);
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_EQ(plain_text(doc.cues[0]).size(), 350'000u * 3 + 1 + (1u << 20));
}

TEST(MicroDvdRead, UnicodeColumns) {
  Diagnostics diag;
  read_text("{1}{2}ąę{q:x}", diag, k25);
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].where.column, 9);
}

TEST(MicroDvdProbe, Scores) {
  EXPECT_GE(probe("{1}{1}23.976\n{123}{456}Hello\n", ""), 90);
  EXPECT_GE(probe("{123}{456}Hello\n", "sub"), 90);
  EXPECT_GE(probe("{123}{}Hello\n", ""), 90);
  EXPECT_LE(probe("", "sub"), 40);
  EXPECT_GE(probe("", "sub"), 20);
  EXPECT_EQ(probe("1\n00:00:01,000 --> 00:00:02,000\nHi\n", "srt"), 0);
  EXPECT_EQ(probe("0:00:01.000,0:00:02.000\nHi\n", "sbv"), 0);
  EXPECT_LT(probe("[INFORMATION]\n[TITLE]x\n00:00:01.00,00:00:02.00\nHi\n", "sub"), 20);
}

// pycaption's negative detection tests: no SRT, WebVTT, SAMI, SCC or DFXP fixture is MicroDVD.
TEST(MicroDvdProbe, PycaptionOtherFormatsScoreZero) {
  int checked = 0;
  for (const char* dir : {"srt", "webvtt", "sami", "scc", "dfxp"}) {
    for (const auto& entry : std::filesystem::directory_iterator(testing::corpus_dir() /
                                                                 "pycaption" / "fixtures" / dir)) {
      const std::string head = testing::slurp(entry.path()).substr(0, 4096);
      EXPECT_EQ(probe(head, entry.path().extension().string().substr(1)), 0) << entry.path();
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
  EXPECT_GE(probe(corpus("fixtures/microdvd/sample_microdvd_2.sub"), "sub"), 90);
}

}  // namespace
}  // namespace kopru::codecs::microdvd
