#include "pipeline/media/mp4_boxes.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include "pipeline/core/error.h"
#include "tests/support/test_support.h"

namespace kopru::media {
namespace {

using kopru::testing::corpus_dir;

std::string be32(std::uint64_t v) {
  std::string out;
  for (const unsigned shift : {24U, 16U, 8U, 0U})
    out += static_cast<char>((v >> shift) & 0xFFU);
  return out;
}

std::string be16(unsigned v) {
  return {static_cast<char>((v >> 8U) & 0xFFU), static_cast<char>(v & 0xFFU)};
}

std::string box(const std::string& type, const std::string& payload) {
  return be32(8 + payload.size()) + type + payload;
}

std::string large_box(const std::string& type, const std::string& payload) {
  const std::uint64_t size = 16 + payload.size();
  return be32(1) + type + be32(size >> 32U) + be32(size & 0xFFFFFFFFU) + payload;
}

std::string full(int version) {
  return std::string(1, static_cast<char>(version)) + std::string(3, '\0');
}

std::string ftyp(const std::string& brand) {
  return box("ftyp", brand + be32(0) + brand + "mp41");
}

std::string tkhd(std::uint32_t id) {
  return box("tkhd", full(0) + be32(0) + be32(0) + be32(id) + std::string(72, '\0'));
}

std::string mdhd(unsigned language, int version = 0) {
  const std::string times = version == 1 ? std::string(28, '\0') : std::string(16, '\0');
  return box("mdhd", full(version) + times + be16(language) + be16(0));
}

std::string hdlr(const std::string& type, const std::string& name,
                 const std::string& component = std::string(4, '\0')) {
  return box("hdlr", full(0) + component + type + std::string(12, '\0') + name);
}

std::string stsd(const std::string& entry) {
  return box("stsd", full(0) + be32(1) + box(entry, std::string(8, '\0')));
}

std::string minf(const std::string& entry) {
  return box("minf", box("stbl", stsd(entry) + box("stts", full(0) + be32(0))));
}

std::string trak(std::uint32_t id, const std::string& mdia_children,
                 const std::string& extra = "") {
  return box("trak", tkhd(id) + box("mdia", mdia_children) + extra);
}

// ISO packed ISO 639-2/T code.
unsigned packed(const char* lang) {
  return ((lang[0] - 0x60U) << 10U) | ((lang[1] - 0x60U) << 5U) | (lang[2] - 0x60U);
}

Mp4Header read_buffer(const std::string& bytes) {
  return read_mp4_header(
      [&bytes](std::uint64_t offset, std::size_t size) {
        return offset >= bytes.size() ? std::string() : bytes.substr(offset, size);
      },
      "buffer.mp4");
}

std::string subtitle_file() {
  const std::string moov =
      box("moov", box("mvhd", full(0) + std::string(96, '\0')) +
                      trak(1, mdhd(packed("vid")) + hdlr("vide", "Video") + minf("avc1")) +
                      trak(2, mdhd(packed("uzb")) + make_elng_box("uz-Latn") +
                                  hdlr("sbtl", "Uzbek subs\0junk") + minf("tx3g")));
  return ftyp("isom") + moov + box("mdat", "payload");
}

Mp4Header read_corpus(const std::string& relative) {
  return read_mp4_header((corpus_dir() / relative).string());
}

void expect_track(const Mp4Track& t, std::uint32_t id, const std::string& handler,
                  const std::string& entry, const std::string& language, const std::string& name) {
  EXPECT_EQ(t.track_id, id);
  EXPECT_EQ(t.handler, handler);
  EXPECT_EQ(t.sample_entry, entry);
  EXPECT_EQ(t.language, language);
  EXPECT_EQ(t.language_bcp47, "");
  EXPECT_EQ(t.name, name);
}

TEST(Mp4Boxes, SubtitleEditTx3gWithTrackThree) {
  const Mp4Header h = read_corpus("subtitleedit/libse-Files/sample_MP4.mp4");
  EXPECT_EQ(h.major_brand, "mp42");
  EXPECT_TRUE(h.moov_first);
  ASSERT_EQ(h.tracks.size(), 1U);
  expect_track(h.tracks[0], 3, "sbtl", "tx3g", "eng", "SubtitleHandler");
  EXPECT_EQ(h.tracks[0].language_code, 0x15C7);
}

TEST(Mp4Boxes, SubtitleEditAudioVideoText) {
  const Mp4Header h = read_corpus("subtitleedit/libse-Files/sample_MP4_SRT.mp4");
  EXPECT_EQ(h.major_brand, "mp42");
  EXPECT_TRUE(h.moov_first);
  ASSERT_EQ(h.tracks.size(), 3U);
  expect_track(h.tracks[0], 1, "soun", "mp4a", "eng", "Apple Sound Media Handler");
  expect_track(h.tracks[1], 2, "vide", "mp4v", "eng", "Apple Video Media Handler");
  expect_track(h.tracks[2], 3, "text", "tx3g", "und", "*srt@GPAC0.5.1-DEV-rev5456");
  EXPECT_EQ(h.tracks[2].language_code, 0x55C4);
}

TEST(Mp4Boxes, SubtitleEditStz2) {
  const Mp4Header h = read_corpus("subtitleedit/libse-Files/sample_MP4_stz2_compact.mp4");
  EXPECT_EQ(h.major_brand, "isom");
  EXPECT_TRUE(h.moov_first);
  ASSERT_EQ(h.tracks.size(), 1U);
  expect_track(h.tracks[0], 1, "text", "tx3g", "und", "srt@GPAC26.02-revrelease");
}

TEST(Mp4Boxes, MoovAfterMdatWithVobSub) {
  const Mp4Header h = read_corpus("androidx-media/media/mp4/sample_with_vobsub.mp4");
  EXPECT_EQ(h.major_brand, "isom");
  EXPECT_FALSE(h.moov_first);
  ASSERT_EQ(h.tracks.size(), 3U);
  expect_track(h.tracks[0], 1, "vide", "avc1", "und", "VideoHandler");
  expect_track(h.tracks[1], 2, "soun", "ac-3", "und", "SoundHandler");
  expect_track(h.tracks[2], 3, "subp", "mp4s", "eng", "SubtitleHandler");
}

TEST(Mp4Boxes, PlainAudioVideo) {
  const Mp4Header h = read_corpus("androidx-media/media/mp4/sample.mp4");
  EXPECT_TRUE(h.moov_first);
  ASSERT_EQ(h.tracks.size(), 2U);
  expect_track(h.tracks[0], 1, "vide", "avc1", "und", "VideoHandler");
  expect_track(h.tracks[1], 2, "soun", "mp4a", "und", "SoundHandler");
}

TEST(Mp4Boxes, FragmentedFiles) {
  Mp4Header h = read_corpus("androidx-media/media/mp4/fragmented_captions.mp4");
  EXPECT_TRUE(h.moov_first);
  ASSERT_EQ(h.tracks.size(), 1U);
  expect_track(h.tracks[0], 1, "vide", "avc1", "und", "VideoHandler");

  h = read_corpus("androidx-media/media/dash/ttml-in-mp4/sample.text.mp4");
  EXPECT_EQ(h.major_brand, "isom");
  ASSERT_EQ(h.tracks.size(), 1U);
  expect_track(h.tracks[0], 1, "subt", "stpp", "und", "ttml@GPAC2.3-DEV-rev617-g671976fcc-master");

  h = read_corpus("androidx-media/media/dash/webvtt-in-mp4/sample.text.mp4");
  ASSERT_EQ(h.tracks.size(), 1U);
  expect_track(h.tracks[0], 1, "text", "wvtt", "und", "TextHandler");

  h = read_corpus("androidx-media/media/dash/webvtt-in-mp4-multiple-segments/text_init.mp4");
  EXPECT_EQ(h.major_brand, "mp41");
  EXPECT_TRUE(h.moov_first);
  ASSERT_EQ(h.tracks.size(), 1U);
  expect_track(h.tracks[0], 1, "text", "wvtt", "und", "TextHandler");

  h = read_corpus("androidx-media/media/dash/webvtt-in-mp4-multiple-segments/video_init.mp4");
  ASSERT_EQ(h.tracks.size(), 1U);
  expect_track(h.tracks[0], 1, "vide", "hev1", "und", "VideoHandler");

  for (const char* dir : {"standalone-ttml", "standalone-webvtt", "ttml-in-mp4", "webvtt-in-mp4"}) {
    h = read_corpus(std::string("androidx-media/media/dash/") + dir + "/sample.video.mp4");
    ASSERT_EQ(h.tracks.size(), 1U) << dir;
    expect_track(h.tracks[0], 1, "vide", "avc1", "und", "VideoHandler");
  }
}

TEST(Mp4Boxes, IrtVideos) {
  for (const char* file : {"cumulative-words-001-video.mp4", "textalign-center-001-video.mp4",
                           "timing-on-span-001-video.mp4"}) {
    const Mp4Header h = read_corpus(std::string("irt-ebu-tt-d-samples/video/") + file);
    EXPECT_EQ(h.major_brand, "isom") << file;
    EXPECT_TRUE(h.moov_first) << file;
    ASSERT_EQ(h.tracks.size(), 1U) << file;
    expect_track(h.tracks[0], 1, "vide", "avc1", "und", "VideoHandler");
  }
}

TEST(Mp4Boxes, ElngIsRead) {
  const Mp4Header h = read_buffer(subtitle_file());
  EXPECT_EQ(h.major_brand, "isom");
  EXPECT_TRUE(h.moov_first);
  ASSERT_EQ(h.tracks.size(), 2U);
  EXPECT_EQ(h.tracks[0].language, "vid");
  EXPECT_EQ(h.tracks[0].language_bcp47, "");
  EXPECT_EQ(h.tracks[1].track_id, 2U);
  EXPECT_EQ(h.tracks[1].handler, "sbtl");
  EXPECT_EQ(h.tracks[1].sample_entry, "tx3g");
  EXPECT_EQ(h.tracks[1].language, "uzb");
  EXPECT_EQ(h.tracks[1].language_bcp47, "uz-Latn");
  EXPECT_EQ(h.tracks[1].name, "Uzbek subs");
}

TEST(Mp4Boxes, MakeElngBoxBytesAndRoundTrip) {
  EXPECT_EQ(make_elng_box("en-US"), std::string("\0\0\0\x12"
                                                "elng\0\0\0\0en-US\0",
                                                18));
  for (const std::string tag : {"", "tr", "uz-Latn", "zh-Hant-TW", "sr-Cyrl-RS-x-private1"}) {
    const std::string file =
        ftyp("mp42") +
        box("moov", trak(7, mdhd(packed("und")) + make_elng_box(tag) + hdlr("text", "")));
    const Mp4Header h = read_buffer(file);
    ASSERT_EQ(h.tracks.size(), 1U);
    EXPECT_EQ(h.tracks[0].language_bcp47, tag);
    EXPECT_EQ(h.tracks[0].track_id, 7U);
  }
  EXPECT_THROW(make_elng_box(std::string("a\0b", 3)), InternalError);
}

TEST(Mp4Boxes, BadElngIsAnError) {
  const std::string file =
      box("moov", trak(1, mdhd(0) + box("elng", full(0) + "en US" + '\0') + hdlr("text", "")));
  try {
    read_buffer(file);
    FAIL() << "no error";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("\"en US\""), std::string::npos) << e.what();
    EXPECT_EQ(e.where().path, "buffer.mp4");
  }
}

TEST(Mp4Boxes, LargeSizesAndSizeZero) {
  // A 64-bit mdat before moov, a 64-bit trak, and a moov whose size 0 runs to the end.
  const std::string moov_body = large_box(
      "trak", tkhd(9) + box("mdia", mdhd(packed("kaz"), 1) + hdlr("soun", "") + minf("mp4a")));
  const std::string file = ftyp("qt  ") + large_box("mdat", "abc") + be32(0) + "moov" + moov_body;
  const Mp4Header h = read_buffer(file);
  EXPECT_EQ(h.major_brand, "qt  ");
  EXPECT_FALSE(h.moov_first);
  ASSERT_EQ(h.tracks.size(), 1U);
  EXPECT_EQ(h.tracks[0].track_id, 9U);
  EXPECT_EQ(h.tracks[0].language, "kaz");
  EXPECT_EQ(h.tracks[0].sample_entry, "mp4a");

  // An mdat of size 0 after moov ends the walk without being read.
  const Mp4Header after = read_buffer(subtitle_file() + be32(0) + "mdat" + "lots of data");
  EXPECT_EQ(after.tracks.size(), 2U);

  // A 64-bit size that claims far more than the file: no moov found, a clean error.
  const std::string huge = ftyp("isom") + be32(1) + "mdat" + be32(0x7FFFFFFF) + be32(0);
  EXPECT_THROW(read_buffer(huge), ParseError);
}

TEST(Mp4Boxes, QuickTimeLanguageCodes) {
  struct Case {
    unsigned code;
    const char* language;
  };
  for (const Case c : {Case{0, "eng"}, Case{2, "deu"}, Case{17, "tur"}, Case{48, "kaz"},
                       Case{136, "uig"}, Case{150, "aze"}, Case{100, "und"}, Case{0x3FF, "und"},
                       Case{0x7FFF, "und"}, Case{0xFFFF, "und"}, Case{packed("tur"), "tur"}}) {
    const std::string file = box("moov", trak(1, mdhd(c.code) + hdlr("soun", "")));
    const Mp4Header h = read_buffer(file);
    ASSERT_EQ(h.tracks.size(), 1U);
    EXPECT_EQ(h.tracks[0].language, c.language) << c.code;
    EXPECT_EQ(h.tracks[0].language_code, c.code & 0x7FFFU);
  }
}

TEST(Mp4Boxes, NamesFromQuickTimeHdlrAndUdta) {
  const std::string pascal = std::string(1, '\x0B') + "Core Media!";
  std::string file = box("moov", trak(1, mdhd(0) + hdlr("soun", pascal, "mhlr")));
  EXPECT_EQ(read_buffer(file).tracks.at(0).name, "Core Media!");

  file = box("moov", trak(1, mdhd(0) + hdlr("soun", "hdlr name"),
                          box("udta", box("name", "Commentary") + be32(0))));
  EXPECT_EQ(read_buffer(file).tracks.at(0).name, "Commentary");
}

TEST(Mp4Boxes, TruncatedAtEveryOffset) {
  const std::string crafted = subtitle_file();
  const std::string real =
      kopru::testing::slurp(corpus_dir() / "subtitleedit/libse-Files/sample_MP4_stz2_compact.mp4");
  for (const std::string& whole : {crafted, real}) {
    const Mp4Header full_header = read_buffer(whole);
    const std::size_t moov_end = whole == real ? 797 : whole.size() - 15;
    for (std::size_t cut = 0; cut < whole.size(); ++cut) {
      const std::string part = whole.substr(0, cut);
      if (cut < moov_end) {
        EXPECT_THROW(read_buffer(part), ParseError) << cut;
      } else {
        EXPECT_EQ(read_buffer(part).tracks.size(), full_header.tracks.size()) << cut;
      }
    }
  }
}

TEST(Mp4Boxes, MalformedBoxesGiveClearErrors) {
  const auto message = [](const std::string& bytes) {
    try {
      read_buffer(bytes);
    } catch (const ParseError& e) {
      return std::string(e.what()) + " @" + std::to_string(e.where().byte_offset);
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("hello, world, this is text"),
            "MP4: no moov box: box 'o, w' claims 1751477356 bytes, past the end of the file (not "
            "an MP4/MOV file, or a truncated one) (at byte 0) @0");
  EXPECT_EQ(message(ftyp("isom") + be32(4) + "moov"),
            "MP4: box 'moov' has an impossible size 4 (at byte 24) @24");
  EXPECT_EQ(message(be32(0x7FFFFFFF) + "moov"),
            "MP4: moov box is 2147483647 bytes; Kopru reads at most 64 MiB (at byte 0) @0");
  EXPECT_EQ(message(box("moov", be32(500) + "trak")),
            "MP4: box 'trak' claims 500 bytes but its parent has only 8 left (at byte 8) @8");
  EXPECT_EQ(message(box("moov", trak(1, box("mdhd", full(0))))),
            "MP4: box 'mdhd' is too short (4 bytes of content, needs 22) (at byte 120) @120");
  EXPECT_EQ(message(box("moov", box("\xA9xyz", "") + "abc")),
            "MP4: 3 stray bytes after the last box (at byte 16) @16");
  EXPECT_EQ(message(ftyp("isom") + box("free", "")),
            "MP4: no moov box: not an MP4/MOV file, or a truncated one (at byte 32) @32");
  EXPECT_EQ(message(""),
            "MP4: no moov box: not an MP4/MOV file, or a truncated one (at byte 0) @0");
}

TEST(Mp4Boxes, GarbageNeverEscapesAsAnythingButParseError) {
  std::mt19937 rng(11);
  const std::string seed = subtitle_file();
  for (int round = 0; round < 20000; ++round) {
    std::string bytes = seed;
    const int flips = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < flips; ++i)
      bytes[rng() % bytes.size()] = static_cast<char>(rng());
    if (round % 4 == 0)
      bytes.resize(rng() % bytes.size());
    try {
      (void)read_buffer(bytes);
    } catch (const ParseError&) {
    }
  }
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(rng() % 200, '\0');
    for (char& c : bytes)
      c = static_cast<char>(rng());
    try {
      (void)read_buffer(bytes);
    } catch (const ParseError&) {
    }
  }
}

TEST(Mp4Boxes, FuzzSeedsReadAsCrafted) {
  const auto seed = [](const char* name) {
    return read_mp4_header(
        (kopru::testing::source_dir() / "tools/fuzz/corpus/mp4" / name).string());
  };
  Mp4Header h = seed("elng_faststart.mp4");
  EXPECT_TRUE(h.moov_first);
  ASSERT_EQ(h.tracks.size(), 2U);
  EXPECT_EQ(h.tracks[0].language_bcp47, "uz-Latn");
  EXPECT_EQ(h.tracks[0].language, "uzb");
  EXPECT_EQ(h.tracks[1].language, "tur");
  EXPECT_EQ(h.tracks[1].sample_entry, "wvtt");

  h = seed("largesize_moov_last.mov");
  EXPECT_EQ(h.major_brand, "qt  ");
  EXPECT_FALSE(h.moov_first);
  ASSERT_EQ(h.tracks.size(), 1U);
  EXPECT_EQ(h.tracks[0].track_id, 3U);
  EXPECT_EQ(h.tracks[0].language, "deu");  // Macintosh code 2
  EXPECT_EQ(h.tracks[0].name, "Dub");

  h = seed("fragmented_init.mp4");
  EXPECT_EQ(h.major_brand, "iso6");
  ASSERT_EQ(h.tracks.size(), 1U);
  EXPECT_EQ(h.tracks[0].sample_entry, "stpp");
  EXPECT_EQ(h.tracks[0].handler, "subt");
}

TEST(Mp4Boxes, MissingFileIsAnEnvironmentError) {
  EXPECT_THROW(read_mp4_header("/nonexistent/kopru/file.mp4"), EnvironmentError);
}

}  // namespace
}  // namespace kopru::media
