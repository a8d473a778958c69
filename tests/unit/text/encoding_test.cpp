// Decoding errors with exact positions, lenient repair, forced encodings, aliases, encode() and the
// code-page tables in locales/.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/core/diagnostics.h"
#include "pipeline/core/error.h"
#include "pipeline/text/encoding.h"
#include "tests/support/test_support.h"
#include "tests/unit/text/samples.h"

namespace kopru::text {
namespace {

using namespace samples;

DecodedText decode_as(const std::string& bytes, const std::string& encoding, Diagnostics& diag,
                      bool lenient = false) {
  return decode(bytes, DecodeOptions{"in.srt", encoding, lenient}, diag);
}

// The formatted error of a decode that must fail.
std::string decode_error(const std::string& bytes, const std::string& encoding = "") {
  Diagnostics diag;
  try {
    decode_as(bytes, encoding, diag);
  } catch (const EncodingError& e) {
    return e.formatted();
  }
  ADD_FAILURE() << "decoding did not fail";
  return {};
}

// ---- invalid sequences: error with line:column ----

TEST(InvalidBytes, Utf8ErrorNamesTheBytesAndTheirLineAndColumn) {
  // Clearly UTF-8 (Cyrillic) with one broken sequence on line 5, after "abc".
  const std::string bytes = kRussian + "abc\xC3(def\n";
  EXPECT_EQ(decode_error(bytes), "in.srt:5:4: error: invalid UTF-8 byte 0xC3 0x28");
}

TEST(InvalidBytes, ColumnsCountCodePointsAndAllLineEndingsCount) {
  // CRLF, lone CR and LF all end a line; "Сәлем" is 5 code points (10 bytes).
  const std::string bytes = "1\r\n2\r3\nСәлем\x80 мир привет\n";
  Diagnostics diag;
  try {
    decode_as(bytes, "UTF-8", diag);
    FAIL();
  } catch (const EncodingError& e) {
    EXPECT_EQ(e.where().line, 4);
    EXPECT_EQ(e.where().column, 6);
    EXPECT_EQ(e.where().byte_offset, 17);
    EXPECT_STREQ(e.what(), "invalid UTF-8 byte 0x80");
  }
}

TEST(InvalidBytes, TruncatedUtf8AtTheEnd) {
  EXPECT_EQ(decode_error("ok\n\xE2\x82", "utf-8"),
            "in.srt:2:1: error: invalid UTF-8 byte 0xE2 0x82 (sequence cut off at the end of the "
            "input)");
}

TEST(InvalidBytes, OverlongAndSurrogateEncodingsAreRejected) {
  EXPECT_EQ(decode_error("a\xC0\xAF", "UTF-8"), "in.srt:1:2: error: invalid UTF-8 byte 0xC0");
  EXPECT_EQ(decode_error("ab\xED\xA0\x80", "UTF-8"),
            "in.srt:1:3: error: invalid UTF-8 byte 0xED 0xA0");
}

TEST(InvalidBytes, ForcedUtf8OnWindows1251Bytes) {
  const std::string bytes = encode("Line one\nДругая строка\n", "windows-1251");
  // 0xC4 starts a two-byte sequence; 0xF0 is what makes it invalid.
  EXPECT_EQ(decode_error(bytes, "UTF-8"), "in.srt:2:1: error: invalid UTF-8 byte 0xC4 0xF0");
}

TEST(InvalidBytes, UnassignedCodePageByte) {
  // KZ-1048 leaves 0x98 unassigned (ICU's windows-1251 maps it to the C1 control U+0098).
  const std::string bytes = "ok\n" + encode("Сәлем ", "KZ-1048") + "\x98!";
  EXPECT_EQ(decode_error(bytes, "kz1048"),
            "in.srt:2:7: error: invalid KZ-1048 byte 0x98 (not assigned in this code page)");
  EXPECT_EQ(decode_error("x\n\n  \x98", "KZ-1048"),
            "in.srt:3:3: error: invalid KZ-1048 byte 0x98 (not assigned in this code page)");
}

TEST(InvalidBytes, Utf16UnpairedSurrogateAndOddLength) {
  // "ab\nc" U+D800 "d" in UTF-16LE with a BOM.
  const std::string bad_surrogate(
      "\xFF\xFE"
      "a\0b\0\n\0c\0\x00\xD8"
      "d\0",
      14);
  EXPECT_EQ(decode_error(bad_surrogate), "in.srt:2:2: error: invalid UTF-16LE byte 0x00 0xD8");
  Diagnostics diag;
  try {
    decode_as(bad_surrogate, "", diag);
  } catch (const EncodingError& e) {
    EXPECT_EQ(e.where().byte_offset, 10);  // counted from the file start, BOM included
  }
  const std::string odd("\xFE\xFF\0a\0\n\0b\0", 9);
  EXPECT_EQ(decode_error(odd), "in.srt:2:2: error: invalid UTF-16BE byte 0x00");
}

// ---- lenient: U+FFFD and one warning per line ----

TEST(Lenient, ReplacesWithFffdAndWarnsOncePerLine) {
  const std::string bytes = kRussian +
                            "a\xFF"
                            "b\xFE"
                            "c\n" +
                            "ok\n" + "\xC3(\n";
  Diagnostics diag;
  const DecodedText decoded = decode_as(bytes, "", diag, true);
  EXPECT_EQ(decoded.encoding, "UTF-8");
  EXPECT_EQ(decoded.utf8, kRussian + "a\uFFFDb\uFFFDc\nok\n\uFFFD(\n");
  ASSERT_EQ(diag.all().size(), 2U);
  EXPECT_EQ(diag.all()[0].formatted(),
            "in.srt:5:2: warning: invalid UTF-8 byte 0xFF, replaced with U+FFFD (1 more on this "
            "line) [encoding-invalid-bytes]");
  EXPECT_EQ(diag.all()[1].formatted(),
            "in.srt:7:1: warning: invalid UTF-8 byte 0xC3 0x28, replaced with U+FFFD "
            "[encoding-invalid-bytes]");
}

TEST(Lenient, CodePageAndUtf16) {
  Diagnostics diag;
  EXPECT_EQ(decode_as("a\x98", "KZ-1048", diag, true).utf8, "a\uFFFD");
  const std::string bad_surrogate(
      "\xFF\xFE"
      "a\0\x00\xD8"
      "b\0",
      8);
  EXPECT_EQ(decode_as(bad_surrogate, "", diag, true).utf8, "a\uFFFDb");
  ASSERT_EQ(diag.all().size(), 2U);
  EXPECT_EQ(diag.all()[0].code, "encoding-invalid-bytes");
  EXPECT_EQ(diag.all()[1].formatted(),
            "in.srt:1:2: warning: invalid UTF-16LE byte 0x00 0xD8, replaced with U+FFFD "
            "[encoding-invalid-bytes]");
}

// ---- forced encodings and names ----

TEST(Forced, AliasesResolveToCanonicalNames) {
  const std::vector<std::pair<std::string, std::string>> aliases = {
      {"cp1251", "windows-1251"},   {"win-1251", "windows-1251"}, {"Windows-1251", "windows-1251"},
      {"kz1048", "KZ-1048"},        {"RK1048", "KZ-1048"},        {"STRK1048-2002", "KZ-1048"},
      {"pt154", "PT154"},           {"PTCP154", "PT154"},         {"latin5", "ISO-8859-9"},
      {"iso-8859-9", "ISO-8859-9"}, {"cp1254", "windows-1254"},   {"cp1256", "windows-1256"},
      {"koi8-r", "KOI8-R"},         {"koi8", "KOI8-R"},           {"iso_8859-5", "ISO-8859-5"},
      {"utf16le", "UTF-16LE"},      {"UTF-16-BE", "UTF-16BE"},    {"utf8", "UTF-8"},
      {"cp1250", "windows-1250"},   {"latin1", "windows-1252"},
  };
  for (const auto& [alias, canonical] : aliases) {
    SCOPED_TRACE(alias);
    Diagnostics diag;
    const DecodedText decoded = decode_as("plain!", alias, diag);
    EXPECT_EQ(decoded.encoding, canonical);
    EXPECT_EQ(decoded.confidence, 100);
    EXPECT_TRUE(diag.empty());
  }
}

TEST(Forced, OverridesDetection) {
  // Detection says windows-1251; the user knows better.
  const std::string bytes = encode(kRussian, "windows-1251");
  Diagnostics diag;
  const DecodedText decoded = decode_as(bytes, "KOI8-R", diag);
  EXPECT_EQ(decoded.encoding, "KOI8-R");
  EXPECT_EQ(decoded.confidence, 100);
  EXPECT_NE(decoded.utf8, kRussian);
  EXPECT_TRUE(diag.empty());  // no "detected" note for a forced encoding
}

TEST(Forced, MatchingBomIsSkippedAndBareUtf16FollowsTheBom) {
  Diagnostics diag;
  const DecodedText le =
      decode_as(encode(kKazakh, "UTF-16LE", EncodeOptions{true}), "utf-16", diag);
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_TRUE(le.had_bom);
  EXPECT_EQ(le.utf8, kKazakh);
  const DecodedText be = decode_as(encode(kKazakh, "UTF-16BE", EncodeOptions{true}), "UTF16", diag);
  EXPECT_EQ(be.encoding, "UTF-16BE");
  EXPECT_EQ(be.utf8, kKazakh);
  const DecodedText utf8 = decode_as("\xEF\xBB\xBFok", "UTF-8", diag);
  EXPECT_TRUE(utf8.had_bom);
  EXPECT_EQ(utf8.utf8, "ok");
  EXPECT_TRUE(diag.empty());
}

TEST(Forced, ConflictingBomIsReported) {
  Diagnostics diag;
  const DecodedText decoded = decode_as("\xEF\xBB\xBFok", "windows-1251", diag);
  EXPECT_EQ(decoded.utf8, "п»їok");
  ASSERT_EQ(diag.all().size(), 1U);
  EXPECT_EQ(diag.all()[0].code, "encoding-bom-mismatch");
}

TEST(Forced, UnknownEncodingNameIsAClearUsageError) {
  Diagnostics diag;
  try {
    decode_as("x", "klingon-8", diag);
    FAIL();
  } catch (const UsageError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("unknown encoding \"klingon-8\" (known: UTF-8, UTF-16LE, ", 0), 0U)
        << message;
    EXPECT_NE(message.find("KZ-1048"), std::string::npos);
    EXPECT_NE(message.find("PT154"), std::string::npos);
  }
  EXPECT_THROW(encode("x", "ebcdic-kz"), UsageError);
}

TEST(Forced, SupportedEncodingsListsTheRequiredOnes) {
  const std::vector<std::string> names = supported_encodings();
  for (const char* required :
       {"UTF-8", "UTF-16LE", "UTF-16BE", "windows-1251", "windows-1254", "windows-1256", "KOI8-R",
        "ISO-8859-5", "ISO-8859-9", "KZ-1048", "PT154"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
  }
}

// ---- encode ----

TEST(Encode, UnmappableCharacterIsNamedWithItsPosition) {
  try {
    encode("Привет\nСәлем\n", "windows-1251");
    FAIL();
  } catch (const EncodingError& e) {
    EXPECT_STREQ(e.what(),
                 "cannot encode U+04D9 CYRILLIC SMALL LETTER SCHWA \"ә\" in windows-1251");
    EXPECT_EQ(e.where().line, 2);
    EXPECT_EQ(e.where().column, 2);
    EXPECT_EQ(e.where().byte_offset, 15);
  }
  EXPECT_THROW(encode("ğ", "KOI8-R"), EncodingError);
  EXPECT_THROW(encode("ұ", "windows-1256"), EncodingError);
}

TEST(Encode, KnownBytesOfTheKazakhCodePages) {
  // Straight from the published tables: Ә 0xA3 / ә 0xBC in KZ-1048; Ә 0xAA / ә 0xBA in PT154.
  EXPECT_EQ(encode("Әә Ққ Ұұ Һһ", "KZ-1048"), "\xA3\xBC \x8D\x9D \xA1\xA2 \x8E\x9E");
  EXPECT_EQ(encode("Әә Ққ Ұұ Ҳҳ", "PT154"), "\xAA\xBA \x8D\x9D \xA6\xB1 \x88\x98");
  EXPECT_EQ(encode("Ёё", "KOI8-R"), "\xB3\xA3");
}

TEST(Encode, BomOnRequestAndInvalidInput) {
  EXPECT_EQ(encode("a", "UTF-8", EncodeOptions{true}),
            "\xEF\xBB\xBF"
            "a");
  EXPECT_EQ(encode("a", "UTF-16BE", EncodeOptions{true}), std::string("\xFE\xFF\0a", 4));
  EXPECT_EQ(encode("a", "UTF-16LE"), std::string("a\0", 2));
  EXPECT_THROW(encode("a", "windows-1251", EncodeOptions{true}), UsageError);
  EXPECT_THROW(encode("a\xFF", "windows-1251"), EncodingError);
}

TEST(Validate, ReportsPathLineAndColumn) {
  EXPECT_NO_THROW(validate_utf8(kKazakh, "x.srt"));
  try {
    validate_utf8("ok\nәә\xF5", "x.srt");
    FAIL();
  } catch (const EncodingError& e) {
    EXPECT_EQ(e.formatted(), "x.srt:2:3: error: invalid UTF-8 byte 0xF5");
  }
}

// ---- code-page tables from locales/ ----

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name))
      old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_.empty()) {
      unsetenv(name_);
    } else {
      setenv(name_, old_.c_str(), 1);
    }
  }

 private:
  const char* name_;
  std::string old_;
};

TEST(Tables, KopruLocalesOverridesTheTableDirectory) {
  const auto dir = std::filesystem::temp_directory_path() / "kopru_text_tables_test";
  std::filesystem::create_directories(dir / "encodings");
  // A table that maps every byte to itself except 0x80 -> U+2603 (valid, if silly).
  std::string table = "# test table\n";
  for (int b = 0; b < 256; ++b) {
    char line[40];
    std::snprintf(line, sizeof line, "0x%02X\t0x%04X\t# test\n", b, b == 0x80 ? 0x2603 : b);
    table += line;
  }
  testing::spit(dir / "encodings" / "pt154.txt", table);
  testing::spit(dir / "encodings" / "kz-1048.txt", "0x00\t0x0000\n0x00\t0x0001\n");
  {
    const ScopedEnv env("KOPRU_LOCALES", dir.string());
    Diagnostics diag;
    EXPECT_EQ(decode_as("\x80", "PT154", diag).utf8, "\u2603");
    try {
      decode_as("x", "KZ-1048", diag);
      FAIL();
    } catch (const EnvironmentError& e) {
      EXPECT_NE(std::string(e.what()).find("kz-1048.txt:2: byte 0x00 is listed twice"),
                std::string::npos)
          << e.what();
    }
    const ScopedEnv missing("KOPRU_LOCALES", (dir / "nowhere").string());
    EXPECT_THROW(decode_as("x", "PT154", diag), EnvironmentError);
  }
  std::filesystem::remove_all(dir);
  Diagnostics diag;
  EXPECT_EQ(decode_as("\xBA", "PT154", diag).utf8, "ә");  // the real table again
}

TEST(Tables, LoadedOnceAndSharedBetweenThreads) {
  const std::string bytes = encode(kKazakh, "KZ-1048");
  std::vector<std::string> results(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      Diagnostics diag;
      for (int k = 0; k < 20; ++k)
        results[i] = decode_as(bytes, "", diag).utf8;
    });
  }
  for (auto& t : threads)
    t.join();
  for (const auto& r : results)
    EXPECT_EQ(r, kKazakh);
}

// ---- edge cases and speed ----

TEST(Edges, EmptyInputAndBomOnly) {
  Diagnostics diag;
  const DecodedText empty = decode_as("", "", diag);
  EXPECT_EQ(empty.encoding, "UTF-8");
  EXPECT_EQ(empty.utf8, "");
  const DecodedText bom = decode_as("\xFF\xFE", "", diag);
  EXPECT_EQ(bom.encoding, "UTF-16LE");
  EXPECT_EQ(bom.utf8, "");
  EXPECT_TRUE(bom.had_bom);
}

TEST(Edges, NulBytesAndRandomGarbageNeverCrash) {
  std::mt19937 random(42);
  for (int round = 0; round < 20; ++round) {
    std::string bytes(1000 + round * 997, '\0');
    for (auto& c : bytes)
      c = static_cast<char>(random() % (round % 2 == 0 ? 256 : 40));
    Diagnostics diag;
    const DecodedText lenient = decode_as(bytes, "", diag, true);
    EXPECT_FALSE(lenient.encoding.empty());
    try {
      decode_as(bytes, "", diag);
    } catch (const EncodingError&) {
    }
  }
}

// Speed is measured by tools/bench/, not here: this checks the large-input path gives the same
// text.
TEST(LargeInput, TenMegabytesOfUtf8DecodeWhole) {
  std::string line = "00:00:01,000 --> 00:00:02,000\n" + kKazakh + kUyghur + "\n";
  std::string bytes;
  while (bytes.size() < 10 * 1024 * 1024)
    bytes += line;
  Diagnostics diag;
  const DecodedText decoded = decode_as(bytes, "", diag);
  EXPECT_EQ(decoded.utf8, bytes);
  EXPECT_EQ(decoded.encoding, "UTF-8");
}

}  // namespace
}  // namespace kopru::text
