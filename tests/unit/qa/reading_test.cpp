// The reading checks (line-length, line-count, reading-speed, words-per-minute, needless-break):
// their planted fixtures, exact messages, the limits' boundaries and the cues they must leave
// alone.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/io/load.h"
#include "pipeline/qa/checks.h"
#include "tests/support/test_support.h"
#include "tests/unit/qa/qa_test_support.h"

namespace kopru::qa {
namespace {

// The planted file's findings of `check` alone, with every check run as the registry test does.
std::vector<std::string> planted(std::string_view file, std::string_view check) {
  Diagnostics diag;
  const io::Loaded loaded =
      io::load_file(testing::source_dir() / "tests/qa/planted" / file, io::LoadOptions{}, diag);
  const Profile profile = netflix(loaded.doc.meta.language.to_string());
  Context context(loaded.doc, profile);
  context.language = loaded.doc.meta.language;
  context.fps = FrameRate{25, 1};
  context.film_duration = from_seconds(600);
  measure(context);
  std::vector<std::string> out;
  for (const Finding& f : run_checks(context)) {
    if (f.check == check)
      out.push_back("cue " + std::to_string(f.cue) + ": " + f.message);
  }
  return out;
}

using Strings = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------
// line-length

TEST(QaLineLength, PlantedLongLine) {
  EXPECT_EQ(planted("line-length.tr.srt", "line-length"),
            Strings{"cue 2: 51 characters > 42 (line 2)"});
}

TEST(QaLineLength, ExactMessageAndBoundary) {
  const std::string forty_two(42, 'a');
  const auto findings =
      run_check("line-length", document({
                                   make_cue(0, 3000, forty_two),
                                   make_cue(4000, 7000, "Evet.\n" + forty_two + "bc"),
                               }));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].cue, 2U);
  EXPECT_EQ(findings[0].rule, "KQ0201");
  EXPECT_EQ(findings[0].message, "44 characters > 42 (line 2)");
  EXPECT_EQ(findings[0].start, from_ms(4000));
}

TEST(QaLineLength, EachLongLineIsNamed) {
  const std::string long_line(43, 'x');
  EXPECT_EQ(messages(run_check("line-length",
                               document({make_cue(0, 3000, long_line + "\n" + long_line)}))),
            (Strings{"cue 1: 43 characters > 42 (line 1)", "cue 1: 43 characters > 42 (line 2)"}));
}

TEST(QaLineLength, MarkupAndCombiningMarksAreNotCounted) {
  // 42 visible characters in italics, plus a combining dot above (i + U+0307) and an RLM.
  Cue cue = make_cue(0, 3000, "");
  cue.runs = {Run::plain(std::string(40, 'a') + "i\xCC\x87" + "\xE2\x80\x8F" + "b",
                         {Span{SpanKind::italic}}),
              Run::raw("ass", "{\\blur3}")};
  EXPECT_TRUE(run_check("line-length", document({cue})).empty());
}

TEST(QaLineLength, ProfileLimitAndCommentCues) {
  Profile profile = netflix();
  profile.max_chars_per_line = 10;
  Cue comment = make_cue(0, 3000, "Bu satır on karakterden uzun.");
  comment.comment = true;
  EXPECT_TRUE(run_check("line-length", document({comment}), profile).empty());
  EXPECT_EQ(
      messages(run_check("line-length", document({make_cue(0, 3000, "Merhaba dünya")}), profile)),
      Strings{"cue 1: 13 characters > 10 (line 1)"});
}

// ---------------------------------------------------------------------------------------------
// line-count

TEST(QaLineCount, PlantedThreeLines) {
  EXPECT_EQ(planted("line-count.az-Latn.srt", "line-count"), Strings{"cue 2: 3 lines > 2"});
}

TEST(QaLineCount, TrailingEmptyLinesDoNotCountBlankMiddleLinesDo) {
  Cue trailing = make_cue(0, 3000, "Bir\nİki");
  trailing.runs.push_back(Run::line_break());
  trailing.runs.push_back(Run::line_break());
  const auto findings =
      run_check("line-count", document({trailing, make_cue(4000, 7000, "Bir\n\nİki")}));
  EXPECT_EQ(messages(findings), Strings{"cue 2: 3 lines > 2"});
}

TEST(QaLineCount, ProfileAllowsThree) {
  Profile profile = netflix();
  profile.max_lines = 3;
  EXPECT_TRUE(
      run_check("line-count", document({make_cue(0, 3000, "Bir\nİki\nÜç")}), profile).empty());
  EXPECT_EQ(messages(run_check("line-count", document({make_cue(0, 3000, "1\n2\n3\n4")}), profile)),
            Strings{"cue 1: 4 lines > 3"});
}

// ---------------------------------------------------------------------------------------------
// reading-speed

TEST(QaReadingSpeed, PlantedFastCue) {
  EXPECT_EQ(planted("reading-speed.kk-Cyrl.srt", "reading-speed"), Strings{"cue 2: 45.6 cps > 17"});
}

TEST(QaReadingSpeed, ExactMessage) {
  // 46 characters, spaces and punctuation included, in 1.966 s: 23.398 cps.
  const std::string text = "Yarın sabah erkenden yola çıkacağız, hazır ol.";
  ASSERT_EQ(count_chars(text), 46U);
  const auto findings = run_check("reading-speed", document({make_cue(1000, 2966, text)}));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].message, "23.4 cps > 17");
  EXPECT_EQ(findings[0].rule, "KQ0203");
  EXPECT_EQ(findings[0].cue, 1U);
}

TEST(QaReadingSpeed, ComparedAsShownToOneDecimal) {
  Profile profile = netflix();
  profile.max_cps = 18;
  const std::string text = "Kapıyı kilitlemeyi unutma, tamam mı?";  // 36 characters
  ASSERT_EQ(count_chars(text), 36U);
  const auto findings = run_check("reading-speed",
                                  document({
                                      make_cue(0, 2000, text),      // 18.0: at the limit
                                      make_cue(3000, 4997, text),   // 18.027 shows as 18
                                      make_cue(6000, 7994, text),   // 18.054 shows as 18.1
                                      make_cue(9000, 12000, text),  // 12
                                  }),
                                  profile);
  EXPECT_EQ(messages(findings), Strings{"cue 3: 18.1 cps > 18"});
}

TEST(QaReadingSpeed, LineBreaksAndMarkupAreNotCountedSpacesAre) {
  // "ab cd" + break + "ef": 7 characters in 0.5 s = 14 cps; counting the break would make 16.
  Profile profile = netflix();
  profile.max_cps = 14;
  Cue cue = make_cue(0, 500, "");
  cue.runs = {Run::plain("ab cd", {Span{SpanKind::italic}}), Run::line_break(), Run::plain("ef"),
              Run::raw("ass", "{\\fad(200,200)}")};
  EXPECT_TRUE(run_check("reading-speed", document({cue}), profile).empty());
  profile.max_cps = 13.9;
  EXPECT_EQ(messages(run_check("reading-speed", document({cue}), profile)),
            Strings{"cue 1: 14 cps > 13.9"});
}

TEST(QaReadingSpeed, ZeroNegativeEmptyAndCommentCuesAreLeftToOthers) {
  Cue comment = make_cue(0, 100, "Uzun bir yorum satırı burada duruyor.");
  comment.comment = true;
  EXPECT_TRUE(run_check("reading-speed", document({
                                             make_cue(0, 0, "Sıfır süreli bir altyazı."),
                                             make_cue(2000, 1000, "Sonu başından önce gelen."),
                                             make_cue(3000, 3010, ""),
                                             comment,
                                         }))
                  .empty());
}

// ---------------------------------------------------------------------------------------------
// words-per-minute

TEST(QaWordsPerMinute, PlantedManyShortWords) {
  // 7 short words in 2 s: 210 wpm, while 26 characters are only 13 cps.
  EXPECT_EQ(planted("words-per-minute.uz-Latn.srt", "words-per-minute"),
            Strings{"cue 2: 210 wpm > 200"});
  EXPECT_TRUE(planted("words-per-minute.uz-Latn.srt", "reading-speed").empty());
}

TEST(QaWordsPerMinute, UzbekApostrophesAndSuffixHyphensStayInTheWord) {
  // "Oʻzbekiston-da" and "boʻladi" are one word each: 4 words in 1.2 s = 200 wpm, at the limit.
  EXPECT_TRUE(run_check("words-per-minute",
                        document({make_cue(0, 1200, "Oʻzbekiston-da hammasi boʻladi, aka.")}),
                        netflix("uz-Latn"), "uz-Latn")
                  .empty());
  EXPECT_EQ(messages(run_check("words-per-minute", document({make_cue(0, 1000, "Ha, u bu yer.")}))),
            Strings{"cue 1: 240 wpm > 200"});
}

TEST(QaWordsPerMinute, OffWithoutALimit) {
  Profile profile = netflix();
  profile.max_wpm = 0;
  EXPECT_TRUE(
      run_check("words-per-minute", document({make_cue(0, 500, "Bir iki üç dört beş.")}), profile)
          .empty());
  EXPECT_TRUE(
      run_check("words-per-minute", document({make_cue(0, 0, "Bir iki üç dört beş.")})).empty());
}

// ---------------------------------------------------------------------------------------------
// needless-break

TEST(QaNeedlessBreak, PlantedShortTwoLineCue) {
  EXPECT_EQ(planted("needless-break.tr.srt", "needless-break"),
            Strings{"cue 1: 2 lines fit on one (28 characters)"});
}

TEST(QaNeedlessBreak, JoinedLengthAtTheLimitFitsOneMoreDoesNot) {
  const std::string twenty(20, 'a');
  const auto findings =
      run_check("needless-break", document({
                                      make_cue(0, 3000, twenty + "\n" + twenty + "b"),      // 42
                                      make_cue(4000, 7000, twenty + "\n" + twenty + "bc"),  // 43
                                  }));
  EXPECT_EQ(messages(findings), Strings{"cue 1: 2 lines fit on one (42 characters)"});
}

TEST(QaNeedlessBreak, DialoguesAndNewSpeakersKeepTheirBreak) {
  Profile dutch = netflix();
  dutch.dialogue_dash = DashStyle::second_line_only;
  const Document doc = document({
      make_cue(0, 2000, "-Nereye?\n-Eve."),
      make_cue(3000, 5000, "- Куда?\n- Домой."),
      make_cue(6000, 8000, "Waar?\n- Naar huis."),
      make_cue(9000, 11000, "Geldin mi?\nAHMET: Geldim."),
      make_cue(12000, 14000, "Tek satır."),
      make_cue(15000, 17000, "Bir\nİki\nÜç"),
  });
  EXPECT_TRUE(run_check("needless-break", doc).empty());
  EXPECT_TRUE(run_check("needless-break", doc, dutch).empty());
}

TEST(QaNeedlessBreak, EndSpacesAndEmptyLinesAreNotJoined) {
  const auto findings = run_check("needless-break", document({
                                                        make_cue(0, 2000, "Evet  \n  tamam."),
                                                        make_cue(3000, 5000, "Evet\n "),
                                                        make_cue(6000, 8000, "Sadece bu.\n"),
                                                    }));
  EXPECT_EQ(messages(findings), Strings{"cue 1: 2 lines fit on one (11 characters)"});
}

// ---------------------------------------------------------------------------------------------

TEST(QaReading, CleanTracksHaveNoReadingFindings) {
  for (const char* file : {"reading.kk-Cyrl.srt", "text.tr.srt"}) {
    Diagnostics diag;
    const io::Loaded loaded =
        io::load_file(testing::source_dir() / "tests/qa/clean" / file, io::LoadOptions{}, diag);
    const Profile profile = netflix(loaded.doc.meta.language.to_string());
    for (const char* check :
         {"line-length", "line-count", "reading-speed", "words-per-minute", "needless-break"}) {
      EXPECT_TRUE(
          run_check(check, loaded.doc, profile, loaded.doc.meta.language.to_string()).empty())
          << file << " " << check;
    }
  }
}

TEST(QaReading, HugeLineIsMeasuredOnce) {
  const std::string huge(1 << 20, 'a');
  const Document doc = document({make_cue(0, 1000, huge + "\n" + huge)});
  EXPECT_EQ(run_check("line-length", doc).size(), 2U);
  EXPECT_EQ(run_check("reading-speed", doc).size(), 1U);
  EXPECT_TRUE(run_check("needless-break", doc).empty());
}

}  // namespace
}  // namespace kopru::qa
