#include "pipeline/media/mux.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "pipeline/media/container_patch.h"
#include "pipeline/media/ebml.h"
#include "pipeline/media/extract.h"
#include "pipeline/media/libav.h"
#include "pipeline/media/mp4_boxes.h"
#include "pipeline/media/probe.h"
#include "pipeline/model/dump.h"
#include "pipeline/model/time.h"
#include "tests/support/test_support.h"

namespace kopru::media {
namespace {

namespace fs = std::filesystem;

fs::path sample_film() {
  return testing::source_dir() / "samples/film/kopru-sample.mkv";
}

Document read_as(const std::string& format, const std::string& text) {
  Diagnostics diag;
  return codecs::find_codec(format)->read(codecs::Source{"test." + format, text, text, "UTF-8"},
                                          codecs::ReadOptions{}, diag);
}

const char* const kSrt =
    "1\n00:00:01,000 --> 00:00:02,500\n<i>Salem</i>, álem!\n\n"
    "2\n00:00:03,000 --> 00:00:05,040\nQazaq tılı\n<b>ekinşı</b> jol\n\n";

// Every packet of one stream: times in milliseconds (so MKV and MP4 time bases compare), flags and
// a copy of the data.
struct PacketRecord {
  std::int64_t pts_ms, dts_ms, duration_ms;
  int flags;
  std::string data;
  bool operator==(const PacketRecord&) const = default;
};

void PrintTo(const PacketRecord& p, std::ostream* out) {
  *out << "{pts " << p.pts_ms << " dts " << p.dts_ms << " dur " << p.duration_ms << " key "
       << p.flags << " " << p.data.size() << " bytes}";
}

// MP4 keeps audio durations in samples where Matroska rounds them to milliseconds: across
// containers, compare what is exact in both.
std::vector<PacketRecord> without_durations(std::vector<PacketRecord> packets) {
  for (auto& p : packets)
    p.duration_ms = 0;
  return packets;
}

std::vector<PacketRecord> packets_of(const std::string& path, int stream) {
  InputContext input = open_input(path);
  std::vector<PacketRecord> out;
  AVPacket* packet = av_packet_alloc();
  const AVRational tb = input->streams[stream]->time_base;
  const auto ms = [tb](std::int64_t t) {
    return t == AV_NOPTS_VALUE ? t : av_rescale_q(t, tb, AVRational{1, 1000});
  };
  while (av_read_frame(input.get(), packet) >= 0) {
    if (packet->stream_index == stream) {
      out.push_back({ms(packet->pts), ms(packet->dts), ms(packet->duration),
                     packet->flags & AV_PKT_FLAG_KEY,
                     std::string(reinterpret_cast<const char*>(packet->data),
                                 static_cast<std::size_t>(packet->size))});
    }
    av_packet_unref(packet);
  }
  av_packet_free(&packet);
  return out;
}

class MuxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kopru-mux-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  MuxPlan plan_with_subtitle(const std::string& output) const {
    MuxPlan plan;
    plan.film = sample_film().string();
    plan.output = (dir_ / output).string();
    AddedSubtitle subtitle{"film.kk-Latn.srt", read_as("srt", kSrt), {}};
    subtitle.settings.language = *LanguageTag::parse("kk-Latn");
    subtitle.settings.title = "Qazaqşa";
    subtitle.settings.default_track = true;
    subtitle.settings.hearing_impaired = true;
    plan.subtitles.push_back(std::move(subtitle));
    return plan;
  }

  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_))
      names.push_back(entry.path().filename().string());
    return names;
  }

  fs::path dir_;
};

TEST_F(MuxTest, MatroskaCopiesEveryPacketExactlyAndWritesBcp47Tags) {
  const MuxPlan plan = plan_with_subtitle("out.mkv");
  Diagnostics diag;
  const auto written = mux(plan, diag);
  ASSERT_EQ(written.size(), 7U);
  EXPECT_EQ(files(), std::vector<std::string>{"out.mkv"});
  for (int stream = 0; stream < 6; ++stream) {
    SCOPED_TRACE(stream);
    const auto before = packets_of(plan.film, stream);
    ASSERT_FALSE(before.empty());
    EXPECT_EQ(before, packets_of(plan.output, stream));
  }
  const MatroskaHeader header = read_matroska_header(plan.output);
  EXPECT_GE(header.doc_type_version, 4U);
  ASSERT_EQ(header.tracks.size(), 7U);
  const std::vector<std::string> bcp47 = {"",        "kk",      "uz",     "kk-Cyrl",
                                          "az-Latn", "ug-Arab", "kk-Latn"};
  for (std::size_t i = 0; i < bcp47.size(); ++i)
    EXPECT_EQ(header.tracks[i].language_bcp47, bcp47[i]) << i;
  const MatroskaTrack& added = header.tracks[6];
  EXPECT_EQ(added.language, "kaz");
  EXPECT_EQ(added.name, "Qazaqşa");
  EXPECT_EQ(added.codec_id, "S_TEXT/UTF8");
  EXPECT_EQ(added.flag_hearing_impaired, std::optional<bool>(true));
  EXPECT_NE(added.flag_default, std::optional<bool>(false));
  // The film's default subtitle track gave way to the new one.
  EXPECT_EQ(header.tracks[3].flag_default, std::optional<bool>(false));
  EXPECT_EQ(header.tracks[3].name, "Қазақ тілі (кирилл жазуы)");
}

TEST_F(MuxTest, AddedTrackExtractsToTheSameCues) {
  const MuxPlan plan = plan_with_subtitle("out.mkv");
  Diagnostics diag;
  mux(plan, diag);
  const auto tracks = extract_tracks(plan.output, {6}, diag);
  ASSERT_EQ(tracks.size(), 1U);
  const Document back = read_as(tracks[0].format, tracks[0].text);
  const Document original = read_as("srt", kSrt);
  ASSERT_EQ(back.cues.size(), original.cues.size());
  for (std::size_t i = 0; i < back.cues.size(); ++i) {
    EXPECT_EQ(back.cues[i].start, original.cues[i].start);
    EXPECT_EQ(back.cues[i].end, original.cues[i].end);
    EXPECT_EQ(back.cues[i].runs, original.cues[i].runs);
  }
}

TEST_F(MuxTest, WebVttKeepsItsHeaderBlocksAndCueSettings) {
  MuxPlan plan;
  plan.film = sample_film().string();
  plan.output = (dir_ / "out.mkv").string();
  const std::string text =
      testing::slurp(testing::source_dir() / "samples/subtitles/capability.uz-Latn.vtt");
  const Document original = read_as("vtt", text);
  plan.subtitles.push_back({"capability.uz-Latn.vtt", original, {}});
  Diagnostics diag;
  mux(plan, diag);
  const auto tracks = extract_tracks(plan.output, {6}, diag);
  ASSERT_EQ(tracks.size(), 1U);
  EXPECT_EQ(tracks[0].format, "vtt");
  const Document back = read_as("vtt", tracks[0].text);
  EXPECT_EQ(back.regions, original.regions);
  EXPECT_EQ(back.styles, original.styles);
  EXPECT_EQ(back.meta.language, original.meta.language);
  ASSERT_EQ(back.cues.size(), original.cues.size());
  for (std::size_t i = 0; i < back.cues.size(); ++i) {
    EXPECT_EQ(back.cues[i].id, original.cues[i].id);
    EXPECT_EQ(back.cues[i].placement, original.cues[i].placement);
    EXPECT_EQ(back.cues[i].runs, original.cues[i].runs);
  }
}

TEST_F(MuxTest, Mp4GetsMdhdAndElngAndExactPackets) {
  const MuxPlan plan = plan_with_subtitle("out.mp4");
  Diagnostics diag;
  mux(plan, diag);
  const Mp4Header header = read_mp4_header(plan.output);
  ASSERT_EQ(header.tracks.size(), 7U);
  EXPECT_FALSE(header.moov_first);
  const Mp4Track& added = header.tracks[6];
  EXPECT_EQ(added.sample_entry, "tx3g");
  EXPECT_EQ(added.language, "kaz");
  EXPECT_EQ(added.language_bcp47, "kk-Latn");
  EXPECT_EQ(header.tracks[5].language, "uig");
  EXPECT_EQ(header.tracks[5].language_bcp47, "ug-Arab");
  EXPECT_EQ(header.tracks[4].language_bcp47, "az-Latn");
  // The box itself: size, "elng", version and flags 0, the tag and its NUL.
  const std::string bytes = testing::slurp(plan.output);
  const std::string box = make_elng_box("kk-Latn");
  ASSERT_EQ(box.size(), 8U + 4U + 8U);
  EXPECT_EQ(box.substr(4, 4), "elng");
  EXPECT_NE(bytes.find(box), std::string::npos);
  for (int stream = 0; stream < 3; ++stream) {
    SCOPED_TRACE(stream);
    EXPECT_EQ(without_durations(packets_of(plan.film, stream)),
              without_durations(packets_of(plan.output, stream)));
  }
  // Film subtitle tracks became mov_text; their losses were reported, per cue.
  bool lossy = false;
  for (const auto& d : diag.all())
    lossy = lossy || d.code == "mux-lossy-mov-text";
  EXPECT_TRUE(lossy);
}

TEST_F(MuxTest, FailureLeavesNothingBehind) {
  MuxPlan plan = plan_with_subtitle("out.mkv");
  plan.audio.push_back({(dir_ / "missing.wav").string(), {}});
  Diagnostics diag;
  EXPECT_THROW(mux(plan, diag), EnvironmentError);
  EXPECT_TRUE(files().empty());
  plan.audio.clear();
  plan.drop_streams = {9};
  EXPECT_THROW(mux(plan, diag), UsageError);
  EXPECT_TRUE(files().empty());
  plan.drop_streams.clear();
  plan.output = (dir_ / "out.avi").string();
  EXPECT_THROW(mux(plan, diag), UsageError);
  plan.output = plan.film;
  EXPECT_THROW(mux(plan, diag), UsageError);
  EXPECT_TRUE(files().empty());
}

TEST_F(MuxTest, BitmapSubtitlesCannotGoIntoMp4) {
  MuxPlan plan;
  plan.film =
      (testing::corpus_dir() / "androidx-media/media/mkv/sample_with_pgs_subtitles.mkv").string();
  plan.output = (dir_ / "out.mp4").string();
  Diagnostics diag;
  try {
    mux(plan, diag);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("hdmv_pgs_subtitle"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--drop-track"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(files().empty());
}

TEST_F(MuxTest, KeepOnlyLanguagesAndDrop) {
  MuxPlan plan;
  plan.film = sample_film().string();
  plan.output = (dir_ / "out.mkv").string();
  plan.keep_only_langs = {*LanguageTag::parse("kk")};
  plan.drop_streams = {0};
  Diagnostics diag;
  const auto written = mux(plan, diag);
  ASSERT_EQ(written.size(), 2U);
  EXPECT_EQ(written[0].language, "kk");
  EXPECT_EQ(written[0].type, "audio");
  EXPECT_EQ(written[1].language, "kk-Cyrl");
  EXPECT_EQ(read_matroska_header(plan.output).tracks.size(), 2U);
}

TEST(ContainerPatch, RefusesAFileWithoutReservedRoom) {
  const fs::path copy = fs::temp_directory_path() / "kopru-patch-unreserved.mkv";
  fs::copy_file(sample_film(), copy, fs::copy_options::overwrite_existing);
  EXPECT_THROW(
      write_matroska_languages(
          copy.string(),
          {{"Original", "kk"}, {"", "uz"}, {"", "kk"}, {"", "az"}, {"", "ug"}, {"", "kk"}}),
      InternalError);
  fs::remove(copy);
}

TEST(ContainerPatch, ReservedRoomFitsTheTagAndAVoid) {
  const std::string room = reserve_language_room("Title", "az-Arab-IR");
  EXPECT_EQ(room.substr(0, 5), "Title");
  EXPECT_EQ(room.size(), 5U + 3U + 1U + 10U + 2U);
}

}  // namespace
}  // namespace kopru::media

namespace kopru::media {
namespace {

// Every corpus film with text tracks: remuxed as it is (Matroska, MP4), each text track extracts to
// the same cues as from the original film. MP4 output carries mov_text, which keeps the text,
// times and line breaks (styling losses are reported, not compared).
class CorpusRoundTrip : public ::testing::TestWithParam<std::tuple<const char*, const char*>> {};

std::vector<Document> text_tracks(const std::string& film, Diagnostics& diag) {
  std::vector<int> text;
  std::vector<int> webvtt;
  for (const StreamInfo& s : probe(film, diag).streams) {
    if (s.text)
      text.push_back(s.index);
    if (s.codec == "webvtt")
      webvtt.push_back(s.index);
  }
  std::vector<Document> docs;
  for (const ExtractedTrack& t : extract_tracks(film, text, diag, webvtt)) {
    docs.push_back(read_as(t.format, t.text));
    restore_track_details(docs.back(), t);
  }
  return docs;
}

std::string plain_cues(const Document& doc) {
  std::string out;
  for (const Cue& cue : doc.cues)
    out += format_hms_ms(cue.start) + " " + format_hms_ms(cue.end) + " " + plain_text(cue) + "\n";
  return out;
}

TEST_P(CorpusRoundTrip, TextTracksSurvive) {
  const auto [name, extension] = GetParam();
  const fs::path film = testing::corpus_dir() / name;
  const fs::path out = fs::temp_directory_path() /
                       ("kopru-roundtrip-" + fs::path(name).stem().string() + "." + extension);
  MuxPlan plan;
  plan.film = film.string();
  plan.output = out.string();
  Diagnostics diag;
  mux(plan, diag);
  const auto before = text_tracks(film.string(), diag);
  const auto after = text_tracks(out.string(), diag);
  fs::remove(out);
  ASSERT_FALSE(before.empty());
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    const std::string expected = plain_cues(before[i]);
    const std::string actual = plain_cues(after[i]);
    const auto differ =
        std::mismatch(expected.begin(), expected.end(), actual.begin(), actual.end());
    EXPECT_EQ(expected.size(), actual.size()) << i;
    EXPECT_TRUE(differ.first == expected.end())
        << "track " << i << " differs at byte " << (differ.first - expected.begin()) << ": "
        << expected.substr(static_cast<std::size_t>(differ.first - expected.begin()), 80) << " | "
        << actual.substr(static_cast<std::size_t>(differ.second - actual.begin()), 80);
    if (std::string_view(extension) == "mkv") {
      ASSERT_EQ(before[i].cues.size(), after[i].cues.size());
      for (std::size_t c = 0; c < before[i].cues.size(); ++c)
        EXPECT_EQ(before[i].cues[c].runs, after[i].cues[c].runs) << i << " cue " << c;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Films, CorpusRoundTrip,
    ::testing::Combine(::testing::Values("androidx-media/media/mkv/sample_with_srt.mkv",
                                         "androidx-media/media/mkv/sample_with_ass_subtitles.mkv",
                                         "androidx-media/media/mkv/sample_with_ssa_subtitles.mkv",
                                         "androidx-media/media/mkv/sample_with_vtt_subtitles.mkv",
                                         "subtitleedit/libse-Files/sample_MP4_SRT.mp4",
                                         "subtitleedit/libse-Files/sample_MP4.mp4"),
                       ::testing::Values("mkv", "mp4")));

}  // namespace
}  // namespace kopru::media
