#include "pipeline/media/ebml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "pipeline/core/error.h"
#include "tests/support/test_support.h"

namespace kopru::media {
namespace {

// --- A tiny EBML writer for handcrafted files -------------------------------------------------

std::string id_bytes(std::uint32_t id) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const auto byte = static_cast<char>((id >> static_cast<unsigned>(shift)) & 0xFFU);
    if (!out.empty() || byte != 0)
      out += byte;
  }
  return out;
}

std::string size_bytes(std::uint64_t size) {
  int length = 1;
  while (length < 8 && size >= (std::uint64_t{1} << (7 * length)) - 1)
    ++length;
  std::string out(static_cast<std::size_t>(length), '\0');
  for (int i = length - 1; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>(size & 0xFFU);
    size >>= 8U;
  }
  out[0] = static_cast<char>(static_cast<unsigned char>(out[0]) | (0x80U >> (length - 1)));
  return out;
}

std::string el(std::uint32_t id, const std::string& payload) {
  return id_bytes(id) + size_bytes(payload.size()) + payload;
}

// An element whose size is "unknown" (all value bits set), as live muxers write Segment/Cluster.
std::string unknown_size_el(std::uint32_t id, const std::string& payload) {
  return id_bytes(id) + std::string("\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8) + payload;
}

std::string uint_el(std::uint32_t id, std::uint64_t value) {
  std::string payload;
  do {
    payload.insert(payload.begin(), static_cast<char>(value & 0xFFU));
    value >>= 8U;
  } while (value != 0);
  return el(id, payload);
}

std::string ebml_header(const std::string& doc_type = "matroska", int version = 4) {
  return el(0x1A45DFA3, uint_el(0x4286, 1) + uint_el(0x42F7, 1) + uint_el(0x42F2, 4) +
                            uint_el(0x42F3, 8) + el(0x4282, doc_type) +
                            uint_el(0x4287, static_cast<std::uint64_t>(version)) +
                            uint_el(0x4285, 2));
}

std::string void_el(std::size_t size) {
  return el(0xEC, std::string(size, '\0'));
}
std::string crc_el() {
  return el(0xBF, std::string("\x12\x34\x56\x78", 4));
}
std::string info_el() {
  return el(0x1549A966, uint_el(0x2AD7B1, 1000000) + el(0x4D80, "test"));
}
std::string cluster_payload() {
  return uint_el(0xE7, 0) + el(0xA3, std::string("\x81\x00\x00\x80x", 5));
}

std::string subtitle_entry() {
  return el(0xAE, uint_el(0xD7, 3) + uint_el(0x73C5, 0x1122334455667788ULL) + uint_el(0x83, 17) +
                      el(0x86, "S_TEXT/WEBVTT") + el(0x536E, std::string("Uzbek\0\0", 7)) +
                      el(0x22B59C, "uzb") + el(0x22B59D, "uz-Latn") + uint_el(0x88, 0) +
                      uint_el(0x55AA, 1) + uint_el(0x55AB, 1) + uint_el(0x55AC, 0) +
                      uint_el(0x55AD, 1) + uint_el(0x55AE, 0) + uint_el(0x55AF, 1) + crc_el());
}

std::string tracks_el() {
  const std::string video = el(0xAE, uint_el(0xD7, 1) + uint_el(0x83, 1) + el(0x86, "V_VP9") +
                                         el(0xE0, uint_el(0xB0, 320) + uint_el(0xBA, 240)));
  return el(0x1654AE6B, void_el(3) + video + subtitle_entry());
}

MatroskaHeader read_bytes(const std::string& data) {
  return read_matroska_header(
      [&data](std::uint64_t offset, std::size_t size) -> std::string {
        if (offset >= data.size())
          return {};
        return data.substr(static_cast<std::size_t>(offset), size);
      },
      "memory.mkv");
}

std::string error_of(const std::string& data) {
  try {
    read_bytes(data);
  } catch (const ParseError& e) {
    return e.formatted();
  }
  return "no error";
}

void expect_subtitle_track(const MatroskaTrack& t) {
  EXPECT_EQ(t.number, 3U);
  EXPECT_EQ(t.uid, 0x1122334455667788ULL);
  EXPECT_EQ(t.type, 17);
  EXPECT_EQ(t.codec_id, "S_TEXT/WEBVTT");
  EXPECT_EQ(t.name, "Uzbek");
  EXPECT_EQ(t.language, "uzb");
  EXPECT_EQ(t.language_bcp47, "uz-Latn");
  EXPECT_EQ(t.flag_default, false);
  EXPECT_EQ(t.flag_forced, true);
  EXPECT_EQ(t.flag_hearing_impaired, true);
  EXPECT_EQ(t.flag_visual_impaired, false);
  EXPECT_EQ(t.flag_text_descriptions, true);
  EXPECT_EQ(t.flag_original, false);
  EXPECT_EQ(t.flag_commentary, true);
}

// --- Handcrafted files --------------------------------------------------------------------------

TEST(Ebml, ReadsLanguageBcp47AndV4Flags) {
  const std::string file =
      ebml_header("webm", 4) +
      el(0x18538067, info_el() + tracks_el() + el(0x1F43B675, cluster_payload()));
  const MatroskaHeader h = read_bytes(file);
  EXPECT_EQ(h.doc_type, "webm");
  EXPECT_EQ(h.doc_type_version, 4U);
  ASSERT_EQ(h.tracks.size(), 2U);
  const MatroskaTrack& video = h.tracks[0];
  EXPECT_EQ(video.number, 1U);
  EXPECT_EQ(video.type, 1);
  EXPECT_EQ(video.codec_id, "V_VP9");
  EXPECT_EQ(video.language, "eng");  // absent: the spec's default
  EXPECT_EQ(video.language_bcp47, "");
  EXPECT_FALSE(video.flag_default.has_value());
  EXPECT_FALSE(video.flag_commentary.has_value());
  expect_subtitle_track(h.tracks[1]);
}

TEST(Ebml, UnknownSizeSegmentAndClusterWithTracksFoundThroughSeekHead) {
  // Layout: EBML | Segment(unknown) [SeekHead -> Tracks] [Info] [Cluster(unknown)] ... [Tracks]
  // Tracks sits after an unknown-size Cluster, so only the SeekHead can find it. Its position is
  // relative to the Segment's payload start.
  const std::string head = ebml_header();
  const std::string segment_id_and_size = unknown_size_el(0x18538067, "");
  const auto seek_head_for = [](std::uint64_t position) {
    return el(0x114D9B74, el(0x4DBB, el(0x53AB, id_bytes(0x1549A966)) + uint_el(0x53AC, 0)) +
                              el(0x4DBB, el(0x53AB, id_bytes(0x1654AE6B)) +
                                             std::string("\x53\xAC\x88", 3) + std::string(7, '\0') +
                                             std::string(1, static_cast<char>(position))));
  };
  const std::string body_before_tracks =
      seek_head_for(0) + void_el(10) + info_el() + unknown_size_el(0x1F43B675, cluster_payload());
  ASSERT_LT(body_before_tracks.size(), 256U);
  const std::string body = seek_head_for(body_before_tracks.size()) + void_el(10) + info_el() +
                           unknown_size_el(0x1F43B675, cluster_payload()) + tracks_el();
  const MatroskaHeader h = read_bytes(head + segment_id_and_size + body);
  ASSERT_EQ(h.tracks.size(), 2U);
  expect_subtitle_track(h.tracks[1]);
}

TEST(Ebml, FollowsASecondSeekHead) {
  // mkvmerge style: the first SeekHead points to a second one after the Clusters.
  const std::string cluster = el(0x1F43B675, cluster_payload());
  const std::string tracks = tracks_el();
  const auto seek = [](std::uint32_t id, std::uint64_t position) {
    // An 8-byte SeekPosition, so the layout does not depend on the values.
    std::string fixed(8, '\0');
    for (int i = 7; i >= 0; --i, position >>= 8U)
      fixed[static_cast<std::size_t>(i)] = static_cast<char>(position & 0xFFU);
    return el(0x4DBB, el(0x53AB, id_bytes(id)) + el(0x53AC, fixed));
  };
  // First SeekHead has a fixed size (one entry with a 2-byte position).
  const std::string probe = el(0x114D9B74, seek(0x114D9B74, 0x1000));
  const std::uint64_t second_at = probe.size() + cluster.size();
  const std::uint64_t tracks_at = second_at + el(0x114D9B74, seek(0x1654AE6B, 0x1000)).size();
  const std::string body = el(0x114D9B74, seek(0x114D9B74, second_at)) + cluster +
                           el(0x114D9B74, seek(0x1654AE6B, tracks_at)) + tracks;
  ASSERT_EQ(probe.size(), el(0x114D9B74, seek(0x114D9B74, second_at)).size());
  const MatroskaHeader h = read_bytes(ebml_header() + el(0x18538067, body));
  ASSERT_EQ(h.tracks.size(), 2U);
  EXPECT_EQ(h.tracks[1].language_bcp47, "uz-Latn");
}

TEST(Ebml, ElementsInAnyOrderWithVoidAndCrc) {
  const std::string file =
      el(0x1A45DFA3,
         crc_el() + uint_el(0x4287, 2) + void_el(2) + el(0x4282, std::string("matroska\0", 9))) +
      void_el(5) + el(0x18538067, crc_el() + void_el(0) + tracks_el() + info_el() + void_el(200));
  const MatroskaHeader h = read_bytes(file);
  EXPECT_EQ(h.doc_type, "matroska");
  EXPECT_EQ(h.doc_type_version, 2U);
  ASSERT_EQ(h.tracks.size(), 2U);
  expect_subtitle_track(h.tracks[1]);
}

TEST(Ebml, MissingTracksIsAnEmptyList) {
  EXPECT_TRUE(read_bytes(ebml_header() + el(0x18538067, info_el())).tracks.empty());
  EXPECT_TRUE(read_bytes(ebml_header() + el(0x18538067, "")).tracks.empty());
  EXPECT_TRUE(read_bytes(ebml_header() + unknown_size_el(0x18538067, info_el())).tracks.empty());
  // The one-byte form of "unknown" (0xFF) for Segment and Cluster.
  const MatroskaHeader short_unknown =
      read_bytes(ebml_header() + id_bytes(0x18538067) + "\xFF" + tracks_el() +
                 id_bytes(0x1F43B675) + "\xFF" + cluster_payload());
  EXPECT_EQ(short_unknown.tracks.size(), 2U);
  // Tracks after the first Cluster without a SeekHead is not looked for.
  EXPECT_TRUE(
      read_bytes(ebml_header() + el(0x18538067, el(0x1F43B675, cluster_payload()) + tracks_el()))
          .tracks.empty());
  const MatroskaHeader empty_tracks =
      read_bytes(ebml_header() + el(0x18538067, el(0x1654AE6B, "")));
  EXPECT_TRUE(empty_tracks.tracks.empty());
}

TEST(Ebml, DefaultsWhenHeaderAndFlagsAreEmpty) {
  // No DocType/DocTypeVersion: "matroska" v1. A zero-length FlagDefault has its default, 1.
  const std::string file =
      el(0x1A45DFA3, "") +
      el(0x18538067, el(0x1654AE6B, el(0xAE, uint_el(0xD7, 1) + el(0x88, "") + el(0x55AB, ""))));
  const MatroskaHeader h = read_bytes(file);
  EXPECT_EQ(h.doc_type, "matroska");
  EXPECT_EQ(h.doc_type_version, 1U);
  ASSERT_EQ(h.tracks.size(), 1U);
  EXPECT_EQ(h.tracks[0].flag_default, true);
  EXPECT_EQ(h.tracks[0].flag_hearing_impaired, false);
  EXPECT_EQ(h.tracks[0].language, "eng");
}

TEST(Ebml, ClearErrors) {
  EXPECT_EQ(error_of(""),
            "memory.mkv: error: Matroska: not a Matroska/WebM file: expected the EBML header "
            "1A 45 DF A3, found end of file at byte 0");
  EXPECT_EQ(error_of("1\n00:00:01,000 --> 00:00:02,000\nHi\n"),
            "memory.mkv: error: Matroska: not a Matroska/WebM file: expected the EBML header "
            "1A 45 DF A3, found 31 0A 30 30 at byte 0");
  EXPECT_EQ(error_of(ebml_header("avi") + el(0x18538067, "")),
            "memory.mkv: error: Matroska: unsupported DocType \"avi\", expected \"matroska\" or "
            "\"webm\" at byte 0");
  EXPECT_EQ(error_of(ebml_header()),
            "memory.mkv: error: Matroska: no Segment after the EBML header at byte 40");
}

TEST(Ebml, HostileSizesAndStructures) {
  const std::string head = ebml_header();
  const auto segment = [&](const std::string& body) { return head + el(0x18538067, body); };
  // Tracks declaring 1 GiB (beyond the 16 MiB cap) in an unknown-size Segment.
  EXPECT_NE(
      error_of(head + unknown_size_el(0x18538067, id_bytes(0x1654AE6B) + size_bytes(1U << 30U)))
          .find("Tracks is 1073741824 bytes, more than the limit of 16777216 at byte 52"),
      std::string::npos);
  // Tracks running past the end of the file.
  EXPECT_NE(
      error_of(head + unknown_size_el(0x18538067, id_bytes(0x1654AE6B) + size_bytes(100) + "ab"))
          .find("file ends inside Tracks (100 bytes declared, 2 present)"),
      std::string::npos);
  // A child running past its parent.
  EXPECT_NE(error_of(segment(el(0x1654AE6B, id_bytes(0xAE) + size_bytes(50) + "xyz")))
                .find("TrackEntry of 50 bytes runs past the end of its parent (3 bytes left)"),
            std::string::npos);
  // An element running past the Segment.
  EXPECT_NE(error_of(head + id_bytes(0x18538067) + size_bytes(4) + void_el(10))
                .find("element 0xEC runs past the end of the Segment"),
            std::string::npos);
  // Tracks running past the end of its (known-size) Segment.
  EXPECT_NE(error_of(head + id_bytes(0x18538067) + size_bytes(5) + tracks_el())
                .find("Tracks runs past the end of the Segment at byte 45"),
            std::string::npos);
  // Unknown size where it is not allowed.
  EXPECT_NE(error_of(segment(el(0x1654AE6B, unknown_size_el(0xAE, uint_el(0xD7, 1)))))
                .find("TrackEntry has an unknown size, which only Segment and Cluster may have"),
            std::string::npos);
  // An integer of 9 bytes.
  EXPECT_NE(error_of(segment(el(0x1654AE6B, el(0xAE, el(0xD7, std::string(9, '\1'))))))
                .find("element 0xD7 is an integer of 9 bytes, at most 8 are allowed"),
            std::string::npos);
  // An invalid ID (leading zero byte) inside Tracks.
  EXPECT_NE(error_of(segment(el(0x1654AE6B, std::string("\x00\x81\x00", 3))))
                .find("invalid element ID (found 00 81 00)"),
            std::string::npos);
  // A SeekHead pointing to something that is not Tracks.
  const std::string bad_seek =
      el(0x114D9B74, el(0x4DBB, el(0x53AB, id_bytes(0x1654AE6B)) + uint_el(0x53AC, 0)));
  EXPECT_NE(error_of(segment(bad_seek + el(0x1F43B675, cluster_payload())))
                .find("SeekHead points to Tracks but finds SeekHead"),
            std::string::npos);
  // A SeekPosition near 2^64 must not wrap around.
  const std::string far_seek =
      el(0x114D9B74, el(0x4DBB, el(0x53AB, id_bytes(0x1654AE6B)) + uint_el(0x53AC, ~0ULL - 3)));
  EXPECT_NE(error_of(segment(far_seek)).find("element size or position is too large"),
            std::string::npos);
  // A SeekHead pointing to itself does not loop.
  const std::string self_seek =
      el(0x114D9B74, el(0x4DBB, el(0x53AB, id_bytes(0x114D9B74)) + uint_el(0x53AC, 0)));
  EXPECT_TRUE(read_bytes(segment(self_seek + el(0x1F43B675, cluster_payload()))).tracks.empty());
  // Thousands of tiny elements before the first Cluster.
  std::string voids;
  for (int i = 0; i < 5000; ++i)
    voids += void_el(0);
  EXPECT_NE(error_of(segment(voids)).find("more than 4096 elements in the Segment"),
            std::string::npos);
  // More than 4096 tracks.
  std::string entries;
  for (int i = 0; i < 4097; ++i)
    entries += el(0xAE, "");
  EXPECT_NE(error_of(segment(el(0x1654AE6B, entries))).find("more than 4096 tracks"),
            std::string::npos);
}

TEST(Ebml, ErrorCarriesTheByteOffset) {
  const std::string file =
      ebml_header() + unknown_size_el(0x18538067, id_bytes(0x1654AE6B) + size_bytes(100));
  try {
    read_bytes(file);
    FAIL() << "expected a ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.where().path, "memory.mkv");
    EXPECT_EQ(e.where().byte_offset, 52);  // 40-byte EBML header + 12-byte Segment header
    EXPECT_EQ(e.where().line, 0);
  }
}

TEST(Ebml, ReaderReturningTooMuchIsClipped) {
  const std::string file = ebml_header() + el(0x18538067, tracks_el());
  const MatroskaHeader h = read_matroska_header(
      [&file](std::uint64_t offset, std::size_t) -> std::string {
        return offset >= file.size() ? std::string() : file.substr(offset) + "junk";
      },
      "greedy.mkv");
  ASSERT_EQ(h.tracks.size(), 2U);
  expect_subtitle_track(h.tracks[1]);
}

// Every prefix of a file either reads or fails with a ParseError; nothing else may escape.
void expect_every_prefix_is_safe(const std::string& file) {
  for (std::size_t n = 0; n <= file.size(); ++n) {
    try {
      (void)read_bytes(file.substr(0, n));
    } catch (const ParseError&) {
    }
  }
}

TEST(Ebml, TruncatedAtEveryOffset) {
  const std::string file =
      ebml_header() + el(0x18538067, info_el() + tracks_el() + el(0x1F43B675, cluster_payload()));
  expect_every_prefix_is_safe(file);
  // The cut inside Tracks is reported, not read as an empty list.
  const std::size_t tracks_at = file.find(id_bytes(0x1654AE6B));
  EXPECT_NE(error_of(file.substr(0, tracks_at + 20)).find("file ends inside Tracks"),
            std::string::npos);
  // Before the Tracks element starts, a cut file simply has no tracks yet.
  EXPECT_TRUE(read_bytes(file.substr(0, tracks_at)).tracks.empty());
  EXPECT_EQ(read_bytes(file).tracks.size(), 2U);
}

TEST(Ebml, GarbageNeverCrashes) {
  std::mt19937 rng(20261126);
  const std::string valid = ebml_header() + el(0x18538067, tracks_el());
  for (int round = 0; round < 3000; ++round) {
    std::string data = valid;
    // Flip a few bytes of a valid file, or use pure noise after the magic.
    if (round % 3 == 0) {
      data = std::string("\x1A\x45\xDF\xA3", 4);
      data.resize(4 + rng() % 200);
      for (std::size_t i = 4; i < data.size(); ++i)
        data[i] = static_cast<char>(rng());
    } else {
      for (int flips = 0; flips < 1 + round % 5; ++flips)
        data[rng() % data.size()] = static_cast<char>(rng());
    }
    try {
      (void)read_bytes(data);
    } catch (const ParseError&) {
    }
  }
}

// --- Real files
// -----------------------------------------------------------------------------------

std::string corpus(const std::string& relative) {
  return (kopru::testing::corpus_dir() / relative).string();
}

struct Expected {
  std::uint64_t number;
  int type;
  const char* codec_id;
  const char* language;
  const char* language_bcp47;
};

void expect_tracks(const std::string& relative, const std::vector<Expected>& expected) {
  SCOPED_TRACE(relative);
  const MatroskaHeader h = read_matroska_header(corpus(relative));
  EXPECT_EQ(h.doc_type, "matroska");
  EXPECT_EQ(h.doc_type_version, 4U);
  ASSERT_EQ(h.tracks.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(h.tracks[i].number, expected[i].number) << i;
    EXPECT_EQ(h.tracks[i].type, expected[i].type) << i;
    EXPECT_EQ(h.tracks[i].codec_id, expected[i].codec_id) << i;
    EXPECT_EQ(h.tracks[i].language, expected[i].language) << i;
    EXPECT_EQ(h.tracks[i].language_bcp47, expected[i].language_bcp47) << i;
  }
}

// Expected values cross-checked with `mkvmerge -J` (MKVToolNix 74).
const Expected kAvc{1, 1, "V_MPEG4/ISO/AVC", "und", ""};
const Expected kAc3{2, 2, "A_AC3", "und", ""};
const Expected kAvcBcp{1, 1, "V_MPEG4/ISO/AVC", "und", "und"};
const Expected kAc3Bcp{2, 2, "A_AC3", "und", "und"};

TEST(EbmlCorpus, AndroidxSamples) {
  expect_tracks("androidx-media/media/mkv/sample.mkv", {kAvcBcp, kAc3Bcp});
  expect_tracks("androidx-media/media/mkv/sample_with_ass_subtitles.mkv",
                {kAvc, kAc3, {3, 17, "S_TEXT/ASS", "und", ""}});
  expect_tracks("androidx-media/media/mkv/sample_with_null_terminated_ssa_subtitles.mkv",
                {kAvc, kAc3, {3, 17, "S_TEXT/ASS", "und", ""}});
  expect_tracks("androidx-media/media/mkv/sample_with_ssa_subtitles.mkv",
                {kAvc, kAc3, {3, 17, "S_TEXT/SSA", "und", ""}});
  expect_tracks("androidx-media/media/mkv/sample_with_srt.mkv",
                {kAvc, kAc3, {3, 17, "S_TEXT/UTF8", "eng", ""}});
  expect_tracks("androidx-media/media/mkv/sample_with_null_terminated_srt.mkv",
                {kAvc, kAc3, {3, 17, "S_TEXT/UTF8", "eng", ""}});
  expect_tracks("androidx-media/media/mkv/sample_with_pgs_subtitles.mkv",
                {kAvcBcp, kAc3Bcp, {3, 17, "S_HDMV/PGS", "eng", "en"}});
  expect_tracks("androidx-media/media/mkv/sample_with_vtt_subtitles.mkv",
                {kAvcBcp, kAc3Bcp, {3, 17, "S_TEXT/WEBVTT", "und", "und"}});
}

TEST(EbmlCorpus, AndroidxDetails) {
  const MatroskaHeader srt =
      read_matroska_header(corpus("androidx-media/media/mkv/sample_with_srt.mkv"));
  ASSERT_EQ(srt.tracks.size(), 3U);
  EXPECT_EQ(srt.tracks[2].name, "Subs Label");
  EXPECT_EQ(srt.tracks[2].uid, 3U);
  EXPECT_EQ(srt.tracks[2].flag_default, true);
  EXPECT_FALSE(srt.tracks[2].flag_forced.has_value());
  EXPECT_FALSE(srt.tracks[2].flag_hearing_impaired.has_value());
  const MatroskaHeader pgs =
      read_matroska_header(corpus("androidx-media/media/mkv/sample_with_pgs_subtitles.mkv"));
  ASSERT_EQ(pgs.tracks.size(), 3U);
  EXPECT_EQ(pgs.tracks[2].uid, 10448803531752131149ULL);
  const MatroskaHeader vtt =
      read_matroska_header(corpus("androidx-media/media/mkv/sample_with_vtt_subtitles.mkv"));
  ASSERT_EQ(vtt.tracks.size(), 3U);
  EXPECT_EQ(vtt.tracks[2].uid, 6422770405722767218ULL);
}

TEST(EbmlCorpus, SubtitleEditSamples) {
  expect_tracks("subtitleedit/libse-Files/sample_MKV_VobSub_PGS.mkv",
                {{1, 1, "V_MS/VFW/FOURCC", "eng", ""},
                 {2, 17, "S_VOBSUB", "und", ""},
                 {3, 17, "S_HDMV/PGS", "und", ""}});
  // No Language element: the spec's default "eng".
  expect_tracks("subtitleedit/libse-Files/sample_MKV_delayed.mkv",
                {{1, 2, "A_AAC", "eng", ""}, {2, 1, "V_MS/VFW/FOURCC", "eng", ""}});
  expect_tracks("subtitleedit/libse-Files/sample_MKV_ffmpeg_VobSub_no_duration.mkv",
                {{1, 17, "S_VOBSUB", "und", ""}});
  expect_tracks("subtitleedit/seconv-Fixtures/container_text_undeclared_lang.mkv",
                {{1, 17, "S_TEXT/UTF8", "und", ""}});
  const MatroskaHeader vobsub =
      read_matroska_header(corpus("subtitleedit/libse-Files/sample_MKV_VobSub_PGS.mkv"));
  ASSERT_EQ(vobsub.tracks.size(), 3U);
  EXPECT_EQ(vobsub.tracks[2].flag_default, false);
  EXPECT_EQ(vobsub.tracks[2].uid, 10031632263196903357ULL);
}

TEST(EbmlCorpus, ReadsOnlyTheHeaderOfAFilm) {
  const std::string file =
      kopru::testing::slurp(corpus("androidx-media/media/mkv/sample_with_vtt_subtitles.mkv"));
  std::uint64_t bytes_read = 0;
  const MatroskaHeader h = read_matroska_header(
      [&](std::uint64_t offset, std::size_t size) -> std::string {
        std::string part = offset >= file.size() ? std::string() : file.substr(offset, size);
        bytes_read += part.size();
        return part;
      },
      "vtt.mkv");
  EXPECT_EQ(h.tracks.size(), 3U);
  EXPECT_LT(bytes_read, 8192U);
  EXPECT_GT(file.size(), 100000U);
}

TEST(EbmlCorpus, EveryPrefixOfARealFileIsSafe) {
  const std::string file = kopru::testing::slurp(
      corpus("subtitleedit/seconv-Fixtures/container_text_undeclared_lang.mkv"));
  ASSERT_EQ(file.size(), 849U);
  expect_every_prefix_is_safe(file);
}

// The fuzz seeds are handcrafted too; `mkvmerge -J` reports the same tracks for each.
TEST(EbmlCorpus, FuzzSeeds) {
  const auto seed = [](const std::string& name) {
    return read_matroska_header(
        (kopru::testing::source_dir() / "tools/fuzz/corpus/ebml" / name).string());
  };
  const MatroskaHeader webm = seed("webm_bcp47_flags.webm");
  EXPECT_EQ(webm.doc_type, "webm");
  ASSERT_EQ(webm.tracks.size(), 1U);
  EXPECT_EQ(webm.tracks[0].codec_id, "S_TEXT/WEBVTT");
  EXPECT_EQ(webm.tracks[0].language_bcp47, "uz-Latn");
  EXPECT_EQ(webm.tracks[0].flag_hearing_impaired, true);
  EXPECT_EQ(webm.tracks[0].flag_original, true);
  EXPECT_EQ(webm.tracks[0].flag_commentary, false);
  const MatroskaHeader unknown = seed("unknown_size_seekhead.mkv");
  ASSERT_EQ(unknown.tracks.size(), 1U);
  EXPECT_EQ(unknown.tracks[0].language, "uzb");
  const MatroskaHeader chain = seed("seekhead_chain_crc.mkv");
  ASSERT_EQ(chain.tracks.size(), 2U);
  EXPECT_EQ(chain.tracks[1].number, 2U);
  EXPECT_EQ(chain.tracks[1].codec_id, "S_TEXT/ASS");
  EXPECT_EQ(chain.tracks[1].language_bcp47, "tr");
}

TEST(EbmlCorpus, MissingFileIsAnEnvironmentError) {
  EXPECT_THROW(read_matroska_header(corpus("no/such/file.mkv")), EnvironmentError);
}

}  // namespace
}  // namespace kopru::media
