#include "pipeline/qa/cue_text.h"

#include <gtest/gtest.h>

namespace kopru::qa {
namespace {

Run text_run(const std::string& text, std::vector<Span> spans = {}) {
  Run run;
  run.text = text;
  run.spans = std::move(spans);
  return run;
}

Run line_break() {
  Run run;
  run.kind = RunKind::line_break;
  return run;
}

TEST(CueText, CountsEveryVisibleCharacterButMarksAndFormatCharacters) {
  EXPECT_EQ(count_chars("Salom, dunyo!"), 13U);
  EXPECT_EQ(count_chars("\u200Fسَلَام"), 4U);  // RLM and two fatha marks are not counted
  EXPECT_EQ(count_chars("Qozogʻiston"), 11U);
  EXPECT_EQ(count_words("Qozogʻiston-da 1995-yil, don't"), 3U);
}

TEST(CueText, LinesLeaveOutRubyAnnotationsAndOwnLinesForeignSpans) {
  Cue cue;
  Span ruby_text;
  ruby_text.kind = SpanKind::ruby_text;
  Span japanese;
  japanese.kind = SpanKind::lang;
  japanese.annotation = "ja";
  cue.runs = {text_run("漢"),  text_run("kan", {ruby_text}),
              text_run(" — "), text_run("日本語", {japanese}),
              line_break(),    text_run("Salom")};
  const CueText text = measure_cue(cue);
  ASSERT_EQ(text.lines.size(), 2U);
  EXPECT_EQ(text.lines[0], "漢 — 日本語");
  EXPECT_EQ(text.own_lines[0], "漢 —  ");
  EXPECT_EQ(text.own_lines[1], "Salom");
  EXPECT_EQ(text.line_chars[0], 7U);
  EXPECT_EQ(text.chars, 12U);

  cue.language = "ja";
  EXPECT_EQ(measure_cue(cue).own_lines, (std::vector<std::string>{"", ""}));
}

}  // namespace
}  // namespace kopru::qa
