// The CEA-608 character sets: basic, special and extended, both ways.
#include <gtest/gtest.h>

#include "tests/unit/scc/scc_test_util.h"

namespace kopru::codecs::scc::testing {
namespace {

TEST(SccCharset, BasicSetDiffersFromAsciiAtTenCodePoints) {
  EXPECT_EQ(basic_char(0x41), U'A');
  EXPECT_EQ(basic_char(0x27), U'\'');
  EXPECT_EQ(basic_char(0x2A), U'\u00E1');  // á, not '*'
  EXPECT_EQ(basic_char(0x5C), U'\u00E9');  // é, not '\'
  EXPECT_EQ(basic_char(0x5E), U'\u00ED');  // í
  EXPECT_EQ(basic_char(0x5F), U'\u00F3');  // ó
  EXPECT_EQ(basic_char(0x60), U'\u00FA');  // ú
  EXPECT_EQ(basic_char(0x7B), U'\u00E7');  // ç
  EXPECT_EQ(basic_char(0x7C), U'\u00F7');  // ÷
  EXPECT_EQ(basic_char(0x7D), U'\u00D1');  // Ñ
  EXPECT_EQ(basic_char(0x7E), U'\u00F1');  // ñ
  EXPECT_EQ(basic_char(0x7F), U'\u2588');  // solid block
}

TEST(SccCharset, SpecialAndExtendedTables) {
  EXPECT_EQ(special_char(0x30), U'\u00AE');
  EXPECT_EQ(special_char(0x37), U'\u266A');
  EXPECT_EQ(special_char(0x39), U'\u00A0');  // transparent space
  EXPECT_EQ(special_char(0x3F), U'\u00FB');
  EXPECT_EQ(extended_char(0x12, 0x20), U'\u00C1');
  EXPECT_EQ(extended_char(0x12, 0x28), U'*');
  EXPECT_EQ(extended_char(0x12, 0x2A), U'\u2014');
  EXPECT_EQ(extended_char(0x12, 0x3F), U'\u00BB');
  EXPECT_EQ(extended_char(0x13, 0x2B), U'\\');
  EXPECT_EQ(extended_char(0x13, 0x30), U'\u00C4');
  EXPECT_EQ(extended_char(0x13, 0x34), U'\u00DF');
  EXPECT_EQ(extended_char(0x13, 0x3F), U'\u2518');
}

TEST(SccCharset, EveryCodeEncodesBackToACodeForTheSameCharacter) {
  int checked = 0;
  for (int b = 0x20; b <= 0x7F; ++b) {
    const char32_t c = basic_char(static_cast<std::uint8_t>(b));
    const auto e = encode_char(c);
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->kind, Encoded::Kind::basic);
    EXPECT_EQ(e->first, b);
    ++checked;
  }
  for (int s = 0x30; s <= 0x3F; ++s) {
    const auto e = encode_char(special_char(static_cast<std::uint8_t>(s)));
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->kind, Encoded::Kind::special);
    EXPECT_EQ(e->second, s);
    ++checked;
  }
  for (const std::uint8_t first : {std::uint8_t{0x12}, std::uint8_t{0x13}}) {
    for (int s = 0x20; s <= 0x3F; ++s) {
      const char32_t c = extended_char(first, static_cast<std::uint8_t>(s));
      const auto e = encode_char(c);
      ASSERT_TRUE(e.has_value()) << std::hex << first << " " << s;
      if (e->kind == Encoded::Kind::extended) {
        EXPECT_EQ(extended_char(e->first, e->second), c);
        EXPECT_GE(e->fallback, 0x20);
      } else {
        // The extended apostrophe is the basic one: the writer prefers the basic form.
        EXPECT_EQ(basic_char(e->first), c);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 96 + 16 + 64);
}

TEST(SccCharset, RepertoireIsExactlyThe608Sets) {
  const Repertoire rep = repertoire(Document{}, WriteOptions{});
  ASSERT_TRUE(rep.carries);
  for (const char32_t c : {U'A', U'z', U'\u00E1', U'\u266A', U'\u00C4', U'*', U'\\', U'{', U'~',
                           U'\u00A0', U'\u2588', U'\n'})
    EXPECT_TRUE(rep.carries(c)) << static_cast<int>(c);
  for (const char32_t c :
       {U'`', U'\u0259', U'\u015E', U'\u0131', U'\u20AC', U'\u00E6', U'\t', U'\U0001F600'})
    EXPECT_FALSE(rep.carries(c)) << static_cast<int>(c);
  int carried = 0;
  for (char32_t c = 0; c < 0x10000; ++c)
    carried += rep.carries(c) ? 1 : 0;
  // 96 basic + 16 special + 64 extended, less the extended duplicates of ' (0x12 0x29), plus \n.
  EXPECT_EQ(carried, 96 + 16 + 64 - 1 + 1);
}

TEST(SccCharset, Utf8Helpers) {
  EXPECT_EQ(decode_utf8("a\xC3\xA1\xE2\x99\xAA\xF0\x9F\x98\x80"), U"a\u00E1\u266A\U0001F600");
  EXPECT_EQ(decode_utf8("\xC3"), U"\uFFFD");
  EXPECT_EQ(decode_utf8("\x80x"), U"\uFFFDx");
  std::string out;
  append_utf8(out, U'\u266A');
  EXPECT_EQ(out, "\xE2\x99\xAA");
}

}  // namespace
}  // namespace kopru::codecs::scc::testing
