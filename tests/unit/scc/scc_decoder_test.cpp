// The CEA-608 decoder driven word by word: memories, cursor and modes.
#include <gtest/gtest.h>

#include "tests/unit/scc/scc_test_util.h"

namespace kopru::codecs::scc::testing {
namespace {

std::string row_text(const Memory& memory, int row) {
  std::string out;
  for (const Cell& cell : memory[static_cast<std::size_t>(row - 1)])
    if (cell.ch != 0)
      append_utf8(out, cell.ch);
  return out;
}

class DecoderTest : public ::testing::Test {
 protected:
  void feed(std::initializer_list<std::uint16_t> words) {
    for (const std::uint16_t w : words) {
      decoder_.word(static_cast<std::uint8_t>(w >> 8), static_cast<std::uint8_t>(w & 0xFF),
                    frames_to_time(frame_, kRate), Where{1, frame_ + 1});
      ++frame_;
    }
  }
  Diagnostics diag_;
  Decoder decoder_{diag_};
  int frame_ = 0;
};

TEST_F(DecoderTest, PopOnLoadsHiddenMemoryUntilEoc) {
  feed({0x1420, 0x1470, 0x4849});  // RCL, row 15, "HI"
  EXPECT_EQ(row_text(decoder_.non_displayed(), 15), "HI");
  EXPECT_EQ(row_text(decoder_.displayed(), 15), "");
  feed({0x142F});
  EXPECT_EQ(row_text(decoder_.displayed(), 15), "HI");
  EXPECT_EQ(row_text(decoder_.non_displayed(), 15), "");
  feed({0x142C});
  EXPECT_EQ(row_text(decoder_.displayed(), 15), "");
  const auto cues = decoder_.finish(Time{});
  ASSERT_EQ(cues.size(), 1u);
  EXPECT_EQ(cues[0].start, frames_to_time(3, kRate));
  EXPECT_EQ(cues[0].end, frames_to_time(4, kRate));
  EXPECT_EQ(cues[0].id, "1");
}

TEST_F(DecoderTest, RollUpWindowScrollsAndMovesWithThePac) {
  feed({0x1425, 0x1470, 0x4100, 0x142D, 0x4200, 0x142D, 0x4300});  // RU2: A CR B CR C
  EXPECT_EQ(row_text(decoder_.displayed(), 13), "");
  EXPECT_EQ(row_text(decoder_.displayed(), 14), "B");
  EXPECT_EQ(row_text(decoder_.displayed(), 15), "C");
  feed({0x1150});  // PAC row 1: the window moves up with its contents
  EXPECT_EQ(row_text(decoder_.displayed(), 1), "B");
  EXPECT_EQ(row_text(decoder_.displayed(), 2), "C");
  EXPECT_EQ(row_text(decoder_.displayed(), 15), "");
  feed({0x1427, 0x142D});  // RU4 keeps the text; CR scrolls inside the 4-row window
  EXPECT_EQ(row_text(decoder_.displayed(), 1), "C");
}

TEST_F(DecoderTest, BackspaceAndDeleteToEndOfRowInPaintOn) {
  feed({0x1429, 0x1470, 0x4142, 0x4344, 0x1421});  // RDC, "ABCD", BS
  EXPECT_EQ(row_text(decoder_.displayed(), 15), "ABC");
  feed({0x1470, 0x1721, 0x1424});  // column 1, DER
  EXPECT_EQ(row_text(decoder_.displayed(), 15), "A");
}

TEST_F(DecoderTest, TabOffsetsStopAtTheLastColumn) {
  feed({0x1429, 0x147F, 0x1723, 0x1723, 0x1723, 0x4100});
  // 0x147F: row 15 indent 28, underline; TO3 -> 31; the repeat is dropped; the third clamps.
  const Row& row = decoder_.displayed()[14];
  EXPECT_EQ(row[31].ch, U'A');
  EXPECT_TRUE(row[31].attr.underline);
}

TEST_F(DecoderTest, MidRowCodeShowsAsASpaceInTheOldStyle) {
  feed({0x1429, 0x1470, 0x4100, 0x112E, 0x4200});  // A, italics, B
  const Row& row = decoder_.displayed()[14];
  EXPECT_EQ(row[0].ch, U'A');
  EXPECT_EQ(row[1].ch, U' ');
  EXPECT_TRUE(row[1].mid_row);
  EXPECT_FALSE(row[1].attr.italic);
  EXPECT_TRUE(row[2].attr.italic);
}

}  // namespace
}  // namespace kopru::codecs::scc::testing
