// Conversions in a forked worker process equal conversions in this one.
#include <gtest/gtest.h>

#include <cstdlib>

#include "pipeline/core/error.h"
#include "pipeline/translit/document.h"
#include "pipeline/translit/worker.h"
#include "tests/support/test_support.h"

namespace kopru::translit {
namespace {

class WorkerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ::setenv("KOPRU_LOCALES", (testing::source_dir() / "tests/unit/translit/data").c_str(), 1);
  }
  static void TearDownTestSuite() { ::unsetenv("KOPRU_LOCALES"); }
  static std::shared_ptr<const Compiled> uzbek() {
    return compile(*find_direction(*LanguageTag::parse("uz-Cyrl"), *LanguageTag::parse("uz-Latn")));
  }
};

TEST_F(WorkerTest, ConvertsWhatItIsSentWithNotesAndLetterCounts) {
  Worker worker(uzbek());
  worker.send({"Юлдуз", "пaпа", "", "Netflix 2024"});
  ScriptTally tally;
  const Direction& d = direction_of(*uzbek());
  ReplayConverter results(d, worker.receive(tally));
  std::vector<Normalisation> notes;
  EXPECT_EQ(results.text("", &notes), "Yulduz");
  EXPECT_TRUE(notes.empty());
  EXPECT_EQ(results.text("", &notes), "papa");
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_EQ(notes[0].code, "translit-homoglyph");
  EXPECT_EQ(notes[0].severity, Severity::warning);
  EXPECT_EQ(notes[0].offset, 2U);
  EXPECT_EQ(results.text("", &notes), "");
  EXPECT_FALSE(results.exhausted());
  EXPECT_EQ(results.text("", &notes), "Netflix 2024");
  EXPECT_TRUE(results.exhausted());
  EXPECT_THROW(results.text("", &notes), InternalError);
  EXPECT_EQ(tally.source, 8U);  // letters as typed: the Latin "a" of "пaпа" counts as Latin
  EXPECT_EQ(tally.target, 8U);
  // The worker keeps serving, batch after batch.
  worker.send({"ер"});
  ReplayConverter again(d, worker.receive(tally));
  EXPECT_EQ(again.text("", nullptr), "yer");
}

TEST_F(WorkerTest, CuesConvertedThereAndReplayedEqualCuesConvertedHere) {
  const auto compiled = uzbek();
  Span voice{SpanKind::voice};
  voice.annotation = "Юлдуз";
  Cue cue;
  cue.source_line = 3;
  cue.speaker = "Ёқуб";
  cue.runs = {Run::plain("Салoм", {voice}), Run::line_break(), Run::raw("srt", "<font>"),
              Run::plain("АҚШ", {voice})};
  Cue here = cue;
  Diagnostics here_diag("f.srt");
  Transliterator engine(compiled);
  transliterate_cue(here, 1, engine, here_diag);

  std::vector<std::string_view> texts;
  texts_of(cue, texts);
  EXPECT_EQ(texts, (std::vector<std::string_view>{"Юлдуз", "Салoм", "Юлдуз", "АҚШ", "Ёқуб"}));
  Worker worker(compiled);
  worker.send(texts);
  ScriptTally tally;
  ReplayConverter replay(direction_of(*compiled), worker.receive(tally));
  Diagnostics there_diag("f.srt");
  transliterate_cue(cue, 1, replay, there_diag);
  EXPECT_TRUE(replay.exhausted());
  EXPECT_EQ(cue, here);
  ASSERT_EQ(there_diag.all().size(), here_diag.all().size());
  EXPECT_EQ(there_diag.all()[0].formatted(), here_diag.all()[0].formatted());
  EXPECT_EQ(tally.source, engine.tally().source);
}

}  // namespace
}  // namespace kopru::translit
