// Real-world files from the shared corpus: SubtitleEdit's code-page SRTs and androidx-media's
// UTF-16 SubRip/SSA samples.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/core/diagnostics.h"
#include "pipeline/core/error.h"
#include "pipeline/text/encoding.h"
#include "tests/support/test_support.h"

namespace kopru::text {
namespace {

namespace fs = std::filesystem;

fs::path subtitleedit(const char* name) {
  return kopru::testing::corpus_dir() / "subtitleedit" / "libse-Files" / name;
}

fs::path androidx(const char* name) {
  return kopru::testing::corpus_dir() / "androidx-media" / "media" / name;
}

// What an old editor saved: every character the code page lacks (the Russian file quotes Danish
// names with ø å æ) becomes '?'.
std::string to_code_page(const std::string& utf8, const char* encoding) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    std::size_t length = 1;
    while (i + length < utf8.size() &&
           (static_cast<unsigned char>(utf8[i + length]) & 0xC0) == 0x80) {
      ++length;
    }
    try {
      out += encode(utf8.substr(i, length), encoding);
    } catch (const EncodingError&) {
      out += '?';
    }
    i += length;
  }
  return out;
}

// The UTF-16 samples lack the final newline of subrip/typical.
std::string without_final_newline(std::string text) {
  if (text.ends_with('\n'))
    text.pop_back();
  return text;
}

DecodedText detect_file(const fs::path& path, Diagnostics& diag) {
  return decode(kopru::testing::slurp(path), DecodeOptions{path.string(), "", false}, diag);
}

TEST(Corpus, SubtitleEditWindows1251SerbianSrt) {
  // expected.tsv: "ANSI code page detected 1251".
  Diagnostics diag;
  const DecodedText decoded = detect_file(subtitleedit("auto_detect_windows-1251.srt"), diag);
  EXPECT_EQ(decoded.encoding, "windows-1251");
  EXPECT_GE(decoded.confidence, 60);
  EXPECT_FALSE(decoded.had_bom);
  EXPECT_NE(decoded.utf8.find("<i>Из зоре времена долазимо,</i>"), std::string::npos);
  EXPECT_NE(decoded.utf8.find("<i>крећући се тихо међу вама</i>"), std::string::npos);
  ASSERT_EQ(diag.all().size(), 1U);
  EXPECT_EQ(diag.all()[0].code, "encoding-detected");
  // Decoding is exact: encoding back gives the original bytes.
  EXPECT_EQ(encode(decoded.utf8, "windows-1251"),
            kopru::testing::slurp(subtitleedit("auto_detect_windows-1251.srt")));
}

TEST(Corpus, SubtitleEditUtf8WithBom) {
  for (const char* name : {"auto_detect_Russian.srt", "auto_detect_Danish.srt"}) {
    SCOPED_TRACE(name);
    Diagnostics diag;
    const DecodedText decoded = detect_file(subtitleedit(name), diag);
    EXPECT_EQ(decoded.encoding, "UTF-8");
    EXPECT_EQ(decoded.confidence, 100);
    EXPECT_TRUE(decoded.had_bom);
    EXPECT_EQ(decoded.utf8.rfind("1\n00:00:", 0), 0U);
    EXPECT_TRUE(diag.empty());
  }
}

TEST(Corpus, RealSubtitlesReEncodedAreDetected) {
  // Whole real files in the code pages their languages used before Unicode.
  const struct {
    const char* file;
    const char* encoding;
  } cases[] = {
      {"auto_detect_Russian.srt", "windows-1251"},
      {"auto_detect_Russian.srt", "KOI8-R"},
      {"auto_detect_Danish.srt", "windows-1252"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.file) + " as " + c.encoding);
    Diagnostics diag;
    const std::string utf8 = decode(kopru::testing::slurp(subtitleedit(c.file)), {}, diag).utf8;
    const std::string bytes = to_code_page(utf8, c.encoding);
    const DecodedText decoded = decode(bytes, DecodeOptions{c.file, "", false}, diag);
    EXPECT_EQ(decoded.encoding, c.encoding);
    EXPECT_EQ(decoded.utf8, decode(bytes, DecodeOptions{"", c.encoding, false}, diag).utf8);
  }
}

TEST(Corpus, AndroidxUtf16SubRipAndSsaWithBom) {
  const struct {
    const char* file;
    const char* reference;
    const char* encoding;
  } cases[] = {
      {"subrip/typical_utf16le", "subrip/typical", "UTF-16LE"},
      {"subrip/typical_utf16be", "subrip/typical", "UTF-16BE"},
      {"ssa/typical_utf16le", nullptr, "UTF-16LE"},
      {"ssa/typical_utf16be", nullptr, "UTF-16BE"},
      {"subrip/typical_with_byte_order_mark", "subrip/typical", "UTF-8"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    Diagnostics diag;
    const DecodedText decoded = detect_file(androidx(c.file), diag);
    EXPECT_EQ(decoded.encoding, c.encoding);
    EXPECT_EQ(decoded.confidence, 100);
    EXPECT_TRUE(decoded.had_bom);
    if (c.reference != nullptr) {
      const std::string reference = kopru::testing::slurp(androidx(c.reference));
      EXPECT_EQ(decoded.utf8,
                c.encoding == std::string("UTF-8") ? reference : without_final_newline(reference));
    } else {
      // The SSA samples differ from ssa/typical (empty title, CRLF in one of them).
      EXPECT_EQ(decoded.utf8.rfind("[Script Info]", 0), 0U);
      EXPECT_NE(decoded.utf8.find("Dialogue: 0,0:00:04:56,0:00:08:90,Default,Olly,This is the "
                                  "third subtitle, with a comma."),
                std::string::npos);
    }
    EXPECT_TRUE(diag.empty());
  }
}

TEST(Corpus, AndroidxUtf16WithoutBomIsDetectedByItsNulBytes) {
  for (const char* name : {"subrip/typical_utf16le", "subrip/typical_utf16be"}) {
    SCOPED_TRACE(name);
    const std::string bytes = kopru::testing::slurp(androidx(name)).substr(2);
    Diagnostics diag;
    const DecodedText decoded = decode(bytes, DecodeOptions{name, "", false}, diag);
    EXPECT_EQ(decoded.encoding, std::string(name).ends_with("le") ? "UTF-16LE" : "UTF-16BE");
    EXPECT_FALSE(decoded.had_bom);
    EXPECT_EQ(decoded.utf8,
              without_final_newline(kopru::testing::slurp(androidx("subrip/typical"))));
  }
}

}  // namespace
}  // namespace kopru::text
