#include "pipeline/core/lines.h"

#include <gtest/gtest.h>

#include "pipeline/core/diagnostics.h"
#include "pipeline/core/error.h"

namespace kopru {
namespace {

TEST(Lines, AllLineEndings) {
  const auto lines = split_lines("a\r\nb\rc\nd");
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_EQ(lines[0].text, "a");
  EXPECT_EQ(lines[1].text, "b");
  EXPECT_EQ(lines[2].text, "c");
  EXPECT_EQ(lines[3].text, "d");
  EXPECT_EQ(lines[3].number, 4);
  EXPECT_EQ(lines[3].offset, 7);
  EXPECT_EQ(split_lines("a\n").size(), 1U);
  EXPECT_EQ(split_lines("a\n\n").size(), 2U);
  EXPECT_TRUE(split_lines("").empty());
}

TEST(Lines, ReaderUnread) {
  LineReader reader("one\ntwo\n");
  TextLine line;
  ASSERT_TRUE(reader.next(line));
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.text, "two");
  reader.unread();
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.text, "two");
  EXPECT_EQ(line.number, 2);
  EXPECT_FALSE(reader.next(line));
}

TEST(Lines, ColumnsCountCodePoints) {
  EXPECT_EQ(column_of("abc", 0), 1);
  EXPECT_EQ(column_of("абв", 4), 3);  // two Cyrillic letters of two bytes each
  EXPECT_EQ(column_of("ab", 99), 3);
  LineIndex index("ab\nәб\r\nx\ry");
  EXPECT_EQ(index.locate(0), (std::pair{1, 1}));
  EXPECT_EQ(index.locate(5), (std::pair{2, 2}));
  EXPECT_EQ(index.locate(9), (std::pair{3, 1}));
  EXPECT_EQ(index.locate(11), (std::pair{4, 1}));
  EXPECT_EQ(index.line(5), 2);
  EXPECT_EQ(index.line(99), 4);
}

TEST(Lines, LocatingForwardAndBackwardOnOneLineAgrees) {
  std::string line;
  for (int i = 0; i < 1000; ++i)
    line += "әa";  // three bytes, two code points
  const LineIndex index(line);
  // Forward queries count only what lies in between; a backward one starts from the line again.
  for (std::int64_t offset : {0, 3, 300, 2999, 1500, 1500, 6, 2998}) {
    EXPECT_EQ(index.locate(offset).second, column_of(line, static_cast<std::size_t>(offset)))
        << offset;
  }
}

TEST(Errors, PrintLikeACompiler) {
  ParseError e("expected a timestamp", SourceLocation{"film.uz.srt", 12, 1, 100});
  EXPECT_EQ(e.formatted(), "film.uz.srt:12:1: error: expected a timestamp");
  EXPECT_EQ(InputError("empty", SourceLocation{"x.srt", 0, 0, -1}).formatted(),
            "x.srt: error: empty");
  Diagnostics diag("a.vtt");
  diag.warn(3, 7, "vtt-bad-setting", "ignored \"foo:bar\"");
  EXPECT_EQ(diag.all()[0].formatted(), "a.vtt:3:7: warning: ignored \"foo:bar\" [vtt-bad-setting]");
  EXPECT_EQ(diag.count(Severity::warning), 1U);
  EXPECT_EQ(diag.count(Severity::error), 0U);
}

}  // namespace
}  // namespace kopru

namespace kopru {
namespace {

TEST(Lines, LoneCrFilesAndMixedEndings) {
  std::string text;
  for (int i = 0; i < 2000; ++i)
    text += "line\r";
  text += "a\r\n\r\nb\n\rc";
  const auto lines = split_lines(text);
  ASSERT_EQ(lines.size(), 2000U + 5U);
  EXPECT_EQ(lines[1999].text, "line");
  EXPECT_EQ(lines[2000].text, "a");
  EXPECT_EQ(lines[2001].text, "");
  EXPECT_EQ(lines[2002].text, "b");
  EXPECT_EQ(lines[2003].text, "");
  EXPECT_EQ(lines[2004].text, "c");
}

}  // namespace
}  // namespace kopru
