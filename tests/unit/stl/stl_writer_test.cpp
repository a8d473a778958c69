// EBU STL code tables, repertoire and writer, and the authored non-Latin samples in
// tests/data/stl/ (checked against glibc iconv, not the codec's own ICU tables).
#include <gtest/gtest.h>

#include "codecs/stl/stl_internal.h"
#include "tests/support/test_support.h"
#include "tests/unit/stl/stl_test_util.h"

namespace kopru::codecs::stl::testing {
namespace {

using namespace detail;

Document doc_of(const std::vector<std::string>& texts) {
  Document doc;
  int i = 0;
  for (const auto& t : texts) {
    Cue cue;
    cue.start = from_seconds(1 + 3 * i);
    cue.end = from_seconds(3 + 3 * i);
    cue.runs = runs_from_text(t);
    doc.cues.push_back(cue);
    ++i;
  }
  return doc;
}

std::string text_fields(std::string_view stl) {
  std::string out;
  for (std::size_t at = 1024; at + 128 <= stl.size(); at += 128)
    out += stl.substr(at + 16, 112);
  return out;
}

TEST(StlTables, LatinBytesRoundTrip) {
  int assigned = 0;
  for (int b = 0x20; b <= 0xFF; ++b) {
    const auto byte = static_cast<std::uint8_t>(b);
    const char32_t c = table_char(CodeTable::latin, byte);
    if (c == kNoChar || is_diacritic_prefix(CodeTable::latin, byte))
      continue;
    ++assigned;
    const std::string back = encode_char(CodeTable::latin, c);
    if (b == 0xA6)  // '#' is written at its ASCII position, the currency sign at 0x24
      EXPECT_EQ(back, "#");
    else if (b == 0xA8)
      EXPECT_EQ(back, "\x24");
    else
      EXPECT_EQ(back, std::string(1, static_cast<char>(b))) << b;
  }
  EXPECT_EQ(assigned, 95 + 16 + 16 + 12 + 15 + 16);
}

TEST(StlTables, LatinCurrency) {
  EXPECT_EQ(table_char(CodeTable::latin, 0x24), U'\u00A4');
  EXPECT_EQ(table_char(CodeTable::latin, 0xA4), U'$');
  EXPECT_EQ(encode_char(CodeTable::latin, U'$'), "\xA4");
  EXPECT_EQ(encode_char(CodeTable::latin, U'\u00A4'), "\x24");
}

TEST(StlTables, LatinDiacritics) {
  EXPECT_EQ(encode_char(CodeTable::latin, U'ş'),
            "\xCB"
            "s");
  EXPECT_EQ(encode_char(CodeTable::latin, U'ğ'), "\xC6g");
  EXPECT_EQ(encode_char(CodeTable::latin, U'İ'), "\xC7I");
  EXPECT_EQ(encode_char(CodeTable::latin, U'ı'), "\xF5");
  EXPECT_EQ(encode_char(CodeTable::latin, U'ö'), "\xC8o");
  EXPECT_EQ(encode_char(CodeTable::latin, U'ū'), "\xC5u");
  EXPECT_EQ(encode_char(CodeTable::latin, U'ə'), "");
  EXPECT_EQ(encode_char(CodeTable::latin, U'ǘ'), "");  // two diacritics
  EXPECT_TRUE(table_carries(CodeTable::latin, U'ñ'));
  EXPECT_FALSE(table_carries(CodeTable::latin, U'ә'));
}

struct IsoTable {
  CodeTable table;
  const char* iconv_name;
};

TEST(StlTables, IsoTablesMatchIconv) {
  for (const IsoTable t :
       {IsoTable{CodeTable::cyrillic, "ISO-8859-5"}, IsoTable{CodeTable::arabic, "ISO-8859-6"},
        IsoTable{CodeTable::greek, "ISO-8859-7"}, IsoTable{CodeTable::hebrew, "ISO-8859-8"}}) {
    for (int b = 0x20; b <= 0xFF; ++b) {
      if (b >= 0x7F && b < 0xA0)
        continue;
      const auto byte = static_cast<std::uint8_t>(b);
      const std::string expected = iconv_decode(std::string(1, static_cast<char>(b)), t.iconv_name);
      const char32_t c = table_char(t.table, byte);
      std::string got = "<invalid>";
      if (c != kNoChar) {
        got.clear();
        append_utf8(got, c);
        EXPECT_EQ(encode_char(t.table, c), std::string(1, static_cast<char>(b)));
      }
      EXPECT_EQ(got, expected) << t.iconv_name << " byte " << b;
    }
  }
}

TEST(StlRepertoire, ChoiceOrder) {
  WriteOptions options;
  Document cyr = doc_of({"Привет"});
  EXPECT_EQ(repertoire(cyr, options).name, std::string(code_table_name(CodeTable::cyrillic)));
  EXPECT_EQ(repertoire(doc_of({"שלום"}), options).name,
            std::string(code_table_name(CodeTable::hebrew)));
  EXPECT_EQ(repertoire(doc_of({"Merhaba"}), options).name,
            std::string(code_table_name(CodeTable::latin)));
  cyr.format_private.format = "stl";
  cyr.format_private.set("CCT", "03");
  EXPECT_EQ(repertoire(cyr, options).name, std::string(code_table_name(CodeTable::greek)));
  options.charset = "arabic";
  EXPECT_EQ(repertoire(cyr, options).name, std::string(code_table_name(CodeTable::arabic)));
  options.charset = "02";
  EXPECT_TRUE(repertoire(cyr, options).carries(U'\u062A'));
  options.charset = "klingon";
  EXPECT_THROW(repertoire(cyr, options), UsageError);
}

TEST(StlRepertoire, KazakhLettersAreNotInCyrillicTable) {
  const Repertoire r = repertoire(doc_of({"Сәлем"}), {});
  for (const char32_t c : std::u32string(U"әғқңөұүһ"))
    EXPECT_FALSE(r.carries(c)) << static_cast<unsigned>(c);
  for (const char32_t c : std::u32string(U"АаЯяЁё\n"))
    EXPECT_TRUE(r.carries(c));
}

TEST(StlWriter, UncarriedCharacterIsReported) {
  Diagnostics diag;
  const std::string out = write(doc_of({"Сәлем"}), {}, diag);
  EXPECT_TRUE(has_code(diag, "stl-lossy-character"));
  EXPECT_NE(text_fields(out).find("\xC1?\xDB\xD5\xDC"), std::string::npos);
  EXPECT_EQ(out.substr(12, 2), "01");
}

TEST(StlWriter, GsiDefaultsAndCounts) {
  Document doc = doc_of({"One", "Two"});
  doc.meta.title = "Title";
  doc.meta.language = *LanguageTag::parse("kk");
  Diagnostics diag;
  const std::string out = write(doc, {}, diag);
  ASSERT_EQ(out.size(), 1024u + 2 * 128);
  EXPECT_EQ(out.substr(0, 16),
            "850STL25.01100"
            "67");
  EXPECT_EQ(out.substr(16, 6), "Title ");
  EXPECT_EQ(out.substr(238, 17),
            "00002"
            "00002"
            "001"
            "40"
            "23");
  EXPECT_EQ(out.substr(256, 16),
            "00000000"
            "00000100");
  // first TTI: SGN 0, SN 0, EBN FF, CS 0, TCI 00:00:01:00, TCO 00:00:03:00, VP 22, JC 2, CF 0
  EXPECT_EQ(out.substr(1024, 16), std::string("\0\0\0\xFF\0\0\0\1\0\0\0\3\0\x16\x02\0", 16));
  EXPECT_EQ(out.substr(1040, 9), "\x0D\x0B\x0BOne\x0A\x0A\x8F");
}

TEST(StlWriter, StyledTextRoundTrips) {
  Document doc;
  Cue cue;
  cue.start = from_ms(1000);
  cue.end = from_ms(2000);
  Span red{SpanKind::font};
  red.color = Color{255, 0, 0, 255};
  cue.runs = {Run::plain("Plain "), Run::plain("red", {red}), Run::line_break(),
              Run::plain("italic", {Span{SpanKind::italic}})};
  cue.placement.text_align = "left";
  doc.cues.push_back(cue);
  Diagnostics diag;
  const std::string out = write(doc, {}, diag);
  EXPECT_TRUE(diag.empty());
  const Document back = read_stl(out);
  ASSERT_EQ(back.cues.size(), 1u);
  EXPECT_EQ(back.cues[0].runs, cue.runs);
  EXPECT_EQ(back.cues[0].placement.text_align, "left");
  Diagnostics d2;
  EXPECT_EQ(write(back, {}, d2), out);
}

TEST(StlWriter, LongTextUsesExtensionBlocksAndWarnsOnLongLines) {
  const std::string line(150, 'x');
  Diagnostics diag;
  const std::string out = write(doc_of({line}), {}, diag);
  EXPECT_TRUE(has_code(diag, "stl-line-too-long"));
  ASSERT_EQ(out.size(), 1024u + 2 * 128);
  EXPECT_EQ(static_cast<unsigned char>(out[1024 + 3]), 0u);
  EXPECT_EQ(static_cast<unsigned char>(out[1024 + 128 + 3]), 0xFFu);
  EXPECT_EQ(out.substr(238, 5), "00002");
  EXPECT_EQ(out.substr(243, 5), "00001");
  EXPECT_EQ(plain_text(read_stl(out).cues.at(0)), line);
}

TEST(StlWriter, StlRoundTripKeepsGsi) {
  GsiSpec g;
  g.opt = "Original";
  g.tcp = "10000000";
  g.lc = "29";
  TtiSpec t;
  t.tci[0] = 10;
  t.tco[0] = 10;
  t.tco[2] = 4;
  t.tf = "\x0D\x0B\x0BMerhaba\x0A\x0A";
  const std::string in = make_gsi(g, 1) + make_tti(t);
  Diagnostics diag;
  const std::string out = write(read_stl(in), {}, diag);
  EXPECT_EQ(out.substr(0, 264), in.substr(0, 264));
  EXPECT_EQ(out.substr(1024), in.substr(1024));
}

TEST(StlWriter, FrameRates) {
  WriteOptions options;
  options.fps = FrameRate{30000, 1001};
  Diagnostics diag;
  EXPECT_EQ(write(doc_of({"a"}), options, diag).substr(3, 8), "STL30.01");
  options.fps = FrameRate{24, 1};
  EXPECT_EQ(write(doc_of({"a"}), options, diag).substr(3, 8), "STL25.01");
  EXPECT_TRUE(has_code(diag, "stl-lossy-frame-rate"));
}

// ---- authored samples --------------------------------------------------------------------------

struct Sample {
  std::string name;
  std::string charset;
  std::string language;
  std::vector<std::string> texts;
  const char* iconv_name;  // nullptr: table 00, checked with byte literals
};

const std::vector<Sample>& samples() {
  static const std::vector<Sample> all = {
      {"turkish_latin", "latin", "tr", {"Şu ağaç çok güzel", "İstanbul'da ılık bir gün"}, nullptr},
      {"russian_cyrillic", "cyrillic", "ru", {"Добрый вечер", "Ёлка и ягода"}, "ISO-8859-5"},
      {"kyrgyz_cyrillic", "cyrillic", "ky", {"Салам, досум", "Кайда барасыз?"}, "ISO-8859-5"},
      {"arabic", "arabic", "ar", {"مرحبا بكم", "شكرا جزيلا"}, "ISO-8859-6"},
      {"greek", "greek", "el", {"Καλημέρα κόσμε", "Ευχαριστώ πολύ"}, "ISO-8859-7"},
      {"hebrew", "hebrew", "he", {"שלום עולם", "תודה רבה"}, "ISO-8859-8"},
  };
  return all;
}

std::string write_sample(const Sample& s, Diagnostics& diag) {
  Document doc = doc_of(s.texts);
  doc.meta.language = *LanguageTag::parse(s.language);
  doc.meta.title = s.name;
  WriteOptions options;
  options.charset = s.charset;
  return write(doc, options, diag);
}

// The text between the start-box and end-box codes of each TTI block.
std::vector<std::string> boxed_texts(std::string_view stl) {
  std::vector<std::string> out;
  for (std::size_t at = 1024; at + 128 <= stl.size(); at += 128) {
    const std::string_view tf = stl.substr(at + 16, 112);
    const auto begin = tf.find("\x0B\x0B");
    const auto end = tf.find("\x0A\x0A");
    out.emplace_back(tf.substr(begin + 2, end - begin - 2));
  }
  return out;
}

TEST(StlSamples, AuthoredFilesMatchWriterAndIconv) {
  const auto dir = kopru::testing::source_dir() / "tests" / "data" / "stl";
  for (const Sample& s : samples()) {
    Diagnostics diag;
    const std::string out = write_sample(s, diag);
    // Kyrgyz has no Tech 3264 language code: LC 00, reported.
    EXPECT_EQ(diag.all().size(), s.language == "ky" ? 1u : 0u) << s.name;
    if (s.language == "ky") {
      EXPECT_TRUE(has_code(diag, "stl-lossy-language"));
    }
    const auto path = dir / (s.name + ".stl");
    if (kopru::testing::regenerating())
      kopru::testing::spit(path, out);
    EXPECT_EQ(kopru::testing::slurp(path), out) << s.name;
    const auto boxed = boxed_texts(out);
    ASSERT_EQ(boxed.size(), s.texts.size());
    for (std::size_t i = 0; i < boxed.size(); ++i) {
      if (s.iconv_name != nullptr) {
        EXPECT_EQ(iconv_decode(boxed[i], s.iconv_name), s.texts[i]) << s.name;
      }
    }
    const Document back = read_stl(out);
    ASSERT_EQ(back.cues.size(), s.texts.size());
    for (std::size_t i = 0; i < s.texts.size(); ++i)
      EXPECT_EQ(plain_text(back.cues[i]), s.texts[i]) << s.name;
    EXPECT_EQ(back.meta.language.to_string(), s.language == "ky" ? "" : s.language);
    Diagnostics d2;
    EXPECT_EQ(write(back, {}, d2), out) << s.name;
  }
}

TEST(StlSamples, TurkishBytesByHand) {
  Diagnostics diag;
  const auto boxed = boxed_texts(write_sample(samples()[0], diag));
  // "Şu ağaç çok güzel": Ş = CB S, ğ = C6 g, ç = CB c, ü = C8 u
  EXPECT_EQ(boxed.at(0),
            "\xCBSu a\xC6ga\xCB"
            "c \xCB"
            "cok g\xC8uzel");
  // "İstanbul'da ılık bir gün": İ = C7 I, ı = F5
  EXPECT_EQ(boxed.at(1), "\xC7Istanbul'da \xF5l\xF5k bir g\xC8un");
}

}  // namespace
}  // namespace kopru::codecs::stl::testing
