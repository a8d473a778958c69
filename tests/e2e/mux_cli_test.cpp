// `kopru mux` as a user runs it, checked with tools that are not Kopru's own: mkvmerge (MKVToolNix)
// for Matroska, the raw bytes for MP4's elng box.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <optional>

#include <nlohmann/json.hpp>

#include "pipeline/cli/app.h"
#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

namespace fs = std::filesystem;
using cli::kExitBadInput;
using cli::kExitEnvironment;
using cli::kExitOk;
using cli::kExitUsage;
using nlohmann::json;

fs::path corpus_film(const std::string& name) {
  return corpus_dir() / "androidx-media/media/mkv" / name;
}

fs::path sample_subtitle(const std::string& name) {
  return source_dir() / "samples/subtitles" / name;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Runs any command line (already quoted) with both outputs captured.
CommandResult run_tool(const std::string& command) {
  ScratchDir capture;
  const std::string line =
      command + " >" + q(capture / "stdout") + " 2>" + q(capture / "stderr") + " </dev/null";
  const int status = std::system(line.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(capture / "stdout");
  result.err = slurp(capture / "stderr");
  return result;
}

// The test film, made once from a corpus film by `kopru mux` itself: h264 video, then the film's
// AC-3 sound twice, as kk-Cyrl "Original" (default) and uz-Latn "Dublyaj" (dub).
struct BaseFilm {
  ScratchDir dir;
  fs::path film = dir / "base.mkv";
  fs::path audio = dir / "sound.mka";
  std::string error;

  BaseFilm() {
    const auto sound =
        run_kopru("mux " + q(corpus_film("sample.mkv")) + " -o " + q(audio) + " --drop-track 0");
    if (sound.exit_code != kExitOk) {
      error = "making sound.mka: " + sound.err;
      return;
    }
    const auto base = run_kopru(
        "mux " + q(corpus_film("sample.mkv")) + " -o " + q(film) + " --drop-track 1 --add-audio " +
        q(audio.string() + ":lang=kk-Cyrl") + ":title=Original:default --add-audio " +
        q(audio.string() + ":lang=uz-Latn:title=Dublyaj:dub"));
    if (base.exit_code != kExitOk)
      error = "making base.mkv: " + base.err;
  }
};

const BaseFilm& base() {
  static const BaseFilm film;
  return film;
}

::testing::AssertionResult base_film_made() {
  if (base().error.empty())
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << base().error;
}

// The three sample subtitles with settings that exercise every flag; lang is the same for all in
// MP4 tests, so the elng check sees one tag three times.
std::string three_subtitles(const std::string& srt_lang, const std::string& ass_lang,
                            const std::string& vtt_lang) {
  return " --add-subtitle " +
         q(sample_subtitle("capability.kk-Cyrl.srt").string() + ":lang=" + srt_lang + ":default") +
         " --add-subtitle " +
         q(sample_subtitle("capability.az-Latn.ass").string() + ":lang=" + ass_lang +
           ":title=Azərbaycan: tam") +
         " --add-subtitle " +
         q(sample_subtitle("capability.uz-Latn.vtt").string() + ":lang=" + vtt_lang + ":forced:hi");
}

json probe_json(const fs::path& film) {
  const auto r = run_kopru("probe --json " + q(film));
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  return r.exit_code == kExitOk ? json::parse(r.out) : json::object();
}

std::optional<json> mkvmerge_identify(const fs::path& film, std::string& failure) {
  if (std::system("command -v mkvmerge >/dev/null 2>&1") != 0) {
    failure = "mkvmerge (MKVToolNix) is not installed; tools/install-deps installs it";
    return std::nullopt;
  }
  const auto r = run_tool("mkvmerge -J " + q(film));
  if (r.exit_code != 0) {
    failure = "mkvmerge -J exit " + std::to_string(r.exit_code) + ": " + r.out + r.err;
    return std::nullopt;
  }
  return json::parse(r.out);
}

// The EBML header's DocTypeVersion (ID 0x4287), read from the first bytes of the file.
int doc_type_version(const std::string& bytes) {
  const std::string head = bytes.substr(0, 64);
  const auto at = head.find("\x42\x87");
  if (at == std::string::npos || at + 3 >= head.size())
    return -1;
  const auto size_byte = static_cast<unsigned char>(head[at + 2]);
  if (size_byte != 0x81)  // one-byte value, as every muxer writes it
    return -1;
  return static_cast<unsigned char>(head[at + 3]);
}

std::uint32_t be32(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// The media box of one MP4 track: its child box types in order, and the elng payload if any.
struct MediaBox {
  std::vector<std::string> children;
  std::string elng_payload;  // after version/flags
};

struct Box {
  std::string type;
  std::size_t body = 0;  // offset of the payload
  std::size_t end = 0;
};

std::vector<Box> boxes_in(const std::string& bytes, std::size_t from, std::size_t to) {
  std::vector<Box> boxes;
  while (from + 8 <= to) {
    std::uint64_t size = be32(bytes, from);
    std::size_t header = 8;
    if (size == 1 && from + 16 <= to) {
      size = (std::uint64_t{be32(bytes, from + 8)} << 32) | be32(bytes, from + 12);
      header = 16;
    } else if (size == 0) {
      size = to - from;
    }
    if (size < header || from + size > to)
      break;
    boxes.push_back({bytes.substr(from + 4, 4), from + header, from + size});
    from += size;
  }
  return boxes;
}

std::vector<MediaBox> media_boxes(const std::string& bytes) {
  std::vector<MediaBox> result;
  for (const Box& moov : boxes_in(bytes, 0, bytes.size())) {
    if (moov.type != "moov")
      continue;
    for (const Box& trak : boxes_in(bytes, moov.body, moov.end)) {
      if (trak.type != "trak")
        continue;
      for (const Box& mdia : boxes_in(bytes, trak.body, trak.end)) {
        if (mdia.type != "mdia")
          continue;
        MediaBox media;
        for (const Box& child : boxes_in(bytes, mdia.body, mdia.end)) {
          media.children.push_back(child.type);
          if (child.type == "elng")
            media.elng_payload = bytes.substr(child.body, child.end - child.body);
        }
        result.push_back(media);
      }
    }
  }
  return result;
}

// `kopru info --dump` of a subtitle file, without the lines that name the file itself.
std::string dump_without_paths(const fs::path& file) {
  const auto r = run_kopru("info --dump " + q(file));
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  std::string kept;
  std::size_t start = 0;
  while (start < r.out.size()) {
    auto end = r.out.find('\n', start);
    end = end == std::string::npos ? r.out.size() : end + 1;
    const std::string line = r.out.substr(start, end - start);
    if (!contains(line, file.filename().string()))
      kept += line;
    start = end;
  }
  return kept;
}

// A WAV file of 0.5 s of 16-bit mono silence at 44.1 kHz.
std::string silent_wav() {
  const std::uint32_t samples = 22050;
  const std::uint32_t data_size = samples * 2;
  std::string wav;
  const auto le = [&wav](std::uint32_t value, int bytes) {
    for (int i = 0; i < bytes; ++i)
      wav.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  };
  wav += "RIFF";
  le(36 + data_size, 4);
  wav += "WAVEfmt ";
  le(16, 4);     // fmt chunk size
  le(1, 2);      // PCM
  le(1, 2);      // channels
  le(44100, 4);  // sample rate
  le(88200, 4);  // byte rate
  le(2, 2);      // block align
  le(16, 2);     // bits per sample
  wav += "data";
  le(data_size, 4);
  wav.append(data_size, '\0');
  return wav;
}

TEST(MuxCli, MatroskaSubtitlesCarryFullLanguageTagsNamesAndFlags) {
  ASSERT_TRUE(base_film_made());
  ScratchDir dir;
  const fs::path out = dir / "out.mkv";
  const auto r = run_kopru("mux " + q(base().film) + " -o " + q(out) +
                           three_subtitles("kk-Cyrl", "az-Latn", "uz-Latn"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"out.mkv"});

  std::string failure;
  const auto identified = mkvmerge_identify(out, failure);
  ASSERT_TRUE(identified) << failure;
  const json& j = *identified;
  EXPECT_EQ(j["errors"], json::array()) << j["errors"];
  EXPECT_EQ(j["warnings"], json::array()) << j["warnings"];
  EXPECT_EQ(j["container"]["type"], "Matroska");
  const json& tracks = j["tracks"];
  ASSERT_EQ(tracks.size(), 6U) << tracks;

  // Copied from the film: the full tags survive the second mux.
  EXPECT_EQ(tracks[0]["type"], "video");
  EXPECT_EQ(tracks[1]["properties"]["language"], "kaz");
  EXPECT_EQ(tracks[1]["properties"]["language_ietf"], "kk-Cyrl");
  EXPECT_EQ(tracks[1]["properties"]["track_name"], "Original");
  EXPECT_EQ(tracks[1]["properties"]["default_track"], true);
  EXPECT_EQ(tracks[2]["properties"]["language"], "uzb");
  EXPECT_EQ(tracks[2]["properties"]["language_ietf"], "uz-Latn");
  EXPECT_EQ(tracks[2]["properties"]["track_name"], "Dublyaj");
  EXPECT_EQ(tracks[2]["properties"]["default_track"], false);
  EXPECT_EQ(tracks[2]["properties"]["flag_original"], false);

  const json& srt = tracks[3];
  EXPECT_EQ(srt["codec"], "SubRip/SRT");
  EXPECT_EQ(srt["properties"]["language"], "kaz");
  EXPECT_EQ(srt["properties"]["language_ietf"], "kk-Cyrl");
  EXPECT_EQ(srt["properties"]["track_name"], "Қазақ тілі (кирилл жазуы)");
  EXPECT_EQ(srt["properties"]["default_track"], true);
  EXPECT_EQ(srt["properties"]["forced_track"], false);
  EXPECT_FALSE(srt["properties"].value("flag_hearing_impaired", false));

  const json& ass = tracks[4];
  EXPECT_EQ(ass["codec"], "SubStationAlpha");
  EXPECT_EQ(ass["properties"]["codec_id"], "S_TEXT/ASS");
  EXPECT_EQ(ass["properties"]["language"], "aze");
  EXPECT_EQ(ass["properties"]["language_ietf"], "az-Latn");
  EXPECT_EQ(ass["properties"]["track_name"], "Azərbaycan: tam") << "a title may hold a colon";
  EXPECT_EQ(ass["properties"]["default_track"], false);
  EXPECT_EQ(ass["properties"]["forced_track"], false);

  const json& vtt = tracks[5];
  EXPECT_EQ(vtt["properties"]["codec_id"], "D_WEBVTT/SUBTITLES");
  EXPECT_EQ(vtt["properties"]["language"], "uzb");
  EXPECT_EQ(vtt["properties"]["language_ietf"], "uz-Latn");
  EXPECT_EQ(vtt["properties"]["track_name"], "O‘zbek (lotin)");
  EXPECT_EQ(vtt["properties"]["default_track"], false);
  EXPECT_EQ(vtt["properties"]["forced_track"], true);
  EXPECT_EQ(vtt["properties"]["flag_hearing_impaired"], true);

  // LanguageBCP47 and the hearing-impaired flag are Matroska v4 elements.
  EXPECT_GE(doc_type_version(slurp(out)), 4);
  // What Kopru said it wrote.
  EXPECT_TRUE(contains(r.err, "#3 subtitle subrip kk-Cyrl")) << r.err;
  EXPECT_TRUE(contains(r.err, "#5 subtitle webvtt uz-Latn \"O‘zbek (lotin)\"")) << r.err;
}

TEST(MuxCli, Mp4TracksGetAnElngBoxAfterMdhd) {
  ASSERT_TRUE(base_film_made());
  ScratchDir dir;
  const fs::path out = dir / "out.mp4";
  const auto r = run_kopru("mux " + q(base().film) + " -o " + q(out) +
                           three_subtitles("uz-Latn", "uz-Latn", "uz-Latn"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"out.mp4"});
  EXPECT_TRUE(contains(r.err, "[mux-lossy-mov-text]")) << "mov_text loses styling: " << r.err;

  const json j = probe_json(out);
  ASSERT_EQ(j["streams"].size(), 6U) << j;
  const json& streams = j["streams"];
  EXPECT_EQ(streams[1]["language"], "kk-Cyrl");
  EXPECT_EQ(streams[1]["language_source"], "elng");
  EXPECT_EQ(streams[2]["language"], "uz-Latn");
  EXPECT_EQ(streams[2]["dispositions"], json::array({"dub"}));
  for (int i = 3; i < 6; ++i) {
    EXPECT_EQ(streams[i]["codec"], "mov_text") << i;
    EXPECT_EQ(streams[i]["language"], "uz-Latn") << i;
    EXPECT_EQ(streams[i]["language_source"], "elng") << i;
  }
  EXPECT_EQ(streams[3]["dispositions"], json::array({"default"}));
  const auto& flags = streams[5]["dispositions"];
  EXPECT_NE(std::find(flags.begin(), flags.end(), "forced"), flags.end()) << flags;
  EXPECT_NE(std::find(flags.begin(), flags.end(), "hearing_impaired"), flags.end()) << flags;

  // Every elng box in the file, found by its type: size, version/flags 0, tag, NUL.
  const std::string bytes = slurp(out);
  int elng_count = 0;
  for (auto at = bytes.find("elng"); at != std::string::npos; at = bytes.find("elng", at + 1)) {
    ASSERT_GE(at, 4U);
    const std::uint32_t size = be32(bytes, at - 4);
    ASSERT_LE(at - 4 + size, bytes.size());
    const std::string body = bytes.substr(at + 4, size - 8);
    ASSERT_GE(body.size(), 5U);
    EXPECT_EQ(body.substr(0, 4), std::string(4, '\0')) << "version and flags";
    const std::string tag = body.substr(4, body.size() - 5);
    EXPECT_EQ(body.back(), '\0') << "NUL-terminated";
    EXPECT_EQ(size, 12 + tag.size() + 1) << tag;
    EXPECT_TRUE(tag == "uz-Latn" || tag == "kk-Cyrl") << tag;
    ++elng_count;
  }
  EXPECT_EQ(elng_count, 5) << "two audio tracks and three subtitle tracks";

  // And where they sit: in the mdia of their track, after its mdhd.
  const auto media = media_boxes(bytes);
  ASSERT_EQ(media.size(), 6U);
  EXPECT_TRUE(media[0].elng_payload.empty()) << "the video has no language";
  for (std::size_t i = 1; i < media.size(); ++i) {
    const auto& children = media[i].children;
    const auto mdhd = std::find(children.begin(), children.end(), "mdhd");
    const auto elng = std::find(children.begin(), children.end(), "elng");
    ASSERT_NE(elng, children.end()) << "track " << i;
    EXPECT_LT(mdhd, elng) << "track " << i;
    EXPECT_EQ(media[i].elng_payload,
              std::string(4, '\0') + (i == 1 ? "kk-Cyrl" : "uz-Latn") + std::string(1, '\0'))
        << "track " << i;
  }
}

TEST(MuxCli, ExtractedTracksMuxedAgainExtractTheSame) {
  ASSERT_TRUE(base_film_made());
  ScratchDir dir;
  const fs::path first = dir / "first.mkv";
  auto r = run_kopru("mux " + q(base().film) + " -o " + q(first) +
                     three_subtitles("kk-Cyrl", "az-Latn", "uz-Latn"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  r = run_kopru("extract " + q(first) + " --all --out-dir " + q(dir / "x1"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  ASSERT_EQ(listing(dir / "x1"),
            (std::vector<std::string>{"first.3.kk-Cyrl.srt", "first.4.az-Latn.ass",
                                      "first.5.uz-Latn.vtt"}));

  const fs::path second = dir / "second.mkv";
  r = run_kopru("mux " + q(base().film) + " -o " + q(second) + " --add-subtitle " +
                q(dir / "x1/first.3.kk-Cyrl.srt") + " --add-subtitle " +
                q((dir / "x1/first.4.az-Latn.ass").string() + ":lang=az-Latn"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  r = run_kopru("extract " + q(second) + " --all --out-dir " + q(dir / "x2"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  ASSERT_EQ(listing(dir / "x2"),
            (std::vector<std::string>{"second.3.kk-Cyrl.srt", "second.4.az-Latn.ass"}));

  EXPECT_EQ(dump_without_paths(dir / "x1/first.3.kk-Cyrl.srt"),
            dump_without_paths(dir / "x2/second.3.kk-Cyrl.srt"));
  EXPECT_EQ(slurp(dir / "x1/first.3.kk-Cyrl.srt"), slurp(dir / "x2/second.3.kk-Cyrl.srt"));
  EXPECT_EQ(dump_without_paths(dir / "x1/first.4.az-Latn.ass"),
            dump_without_paths(dir / "x2/second.4.az-Latn.ass"));
}

TEST(MuxCli, DropTrackRemovesThatStream) {
  ASSERT_TRUE(base_film_made());
  ScratchDir dir;
  const auto r =
      run_kopru("mux " + q(base().film) + " -o " + q(dir / "out.mkv") + " --drop-track 2");
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_TRUE(contains(r.err, "film stream 2 (audio, ac3) dropped (--drop-track) [mux-dropped]"))
      << r.err;
  const json j = probe_json(dir / "out.mkv");
  ASSERT_EQ(j["streams"].size(), 2U) << j;
  EXPECT_EQ(j["streams"][0]["type"], "video");
  EXPECT_EQ(j["streams"][1]["language"], "kk-Cyrl");
  EXPECT_EQ(j["streams"][1]["title"], "Original");

  const auto bad =
      run_kopru("mux " + q(base().film) + " -o " + q(dir / "bad.mkv") + " --drop-track 7");
  EXPECT_EQ(bad.exit_code, kExitUsage);
  EXPECT_TRUE(contains(bad.err, "--drop-track 7: the film has streams 0 to 2")) << bad.err;
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"out.mkv"});
}

TEST(MuxCli, KeepOnlyLangsKeepsVideoAndMatchingTracks) {
  ASSERT_TRUE(base_film_made());
  ScratchDir dir;
  const fs::path full = dir / "full.mkv";
  auto r = run_kopru("mux " + q(base().film) + " -o " + q(full) +
                     three_subtitles("kk-Cyrl", "az-Latn", "uz-Latn"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  r = run_kopru("mux " + q(full) + " -o " + q(dir / "kk.mkv") + " --keep-only-langs kk");
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_TRUE(contains(r.err,
                       "film stream 2 (audio, ac3) dropped: language 'uz-Latn' is not in "
                       "--keep-only-langs"))
      << r.err;
  const json j = probe_json(dir / "kk.mkv");
  ASSERT_EQ(j["streams"].size(), 3U) << j;
  EXPECT_EQ(j["streams"][0]["type"], "video");
  EXPECT_EQ(j["streams"][1]["type"], "audio");
  EXPECT_EQ(j["streams"][1]["language"], "kk-Cyrl");
  EXPECT_EQ(j["streams"][2]["type"], "subtitle");
  EXPECT_EQ(j["streams"][2]["language"], "kk-Cyrl");

  // Two ranges, comma separated: az-Latn joins in.
  r = run_kopru("mux " + q(full) + " -o " + q(dir / "kkaz.mkv") + " --keep-only-langs kk,az");
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(probe_json(dir / "kkaz.mkv")["streams"].size(), 4U);
}

TEST(MuxCli, AddedAudioIsCopiedWithItsLanguageAndDubFlag) {
  ASSERT_TRUE(base_film_made());
  ScratchDir dir;
  const fs::path out = dir / "out.mkv";
  const auto r = run_kopru("mux " + q(base().film) + " -o " + q(out) + " --add-audio " +
                           q(base().audio.string() + ":lang=tr:dub"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const json j = probe_json(out);
  ASSERT_EQ(j["streams"].size(), 4U) << j;
  const json& added = j["streams"][3];
  EXPECT_EQ(added["type"], "audio");
  EXPECT_EQ(added["codec"], "ac3");
  EXPECT_EQ(added["language"], "tr");
  EXPECT_EQ(added["title"], "Türkçe") << "named in its own language when no title= is given";
  EXPECT_EQ(added["dispositions"], json::array({"dub"}));
  EXPECT_EQ(j["streams"][1]["dispositions"], json::array({"default"})) << "still the default";

  std::string failure;
  const auto identified = mkvmerge_identify(out, failure);
  ASSERT_TRUE(identified) << failure;
  EXPECT_EQ((*identified)["tracks"][3]["properties"]["language"], "tur");
  EXPECT_EQ((*identified)["tracks"][3]["properties"]["language_ietf"], "tr");
  EXPECT_EQ((*identified)["tracks"][3]["properties"]["flag_original"], false);

  const auto no_lang = run_kopru("mux " + q(base().film) + " -o " + q(dir / "x.mkv") +
                                 " --add-audio " + q(base().audio.string() + ":dub"));
  EXPECT_EQ(no_lang.exit_code, kExitUsage);
  EXPECT_TRUE(contains(no_lang.err, "give the language with :lang=TAG")) << no_lang.err;
  const auto forced_audio =
      run_kopru("mux " + q(base().film) + " -o " + q(dir / "x.mkv") + " --add-audio " +
                q(base().audio.string() + ":lang=tr:forced"));
  EXPECT_EQ(forced_audio.exit_code, kExitUsage);
  EXPECT_TRUE(contains(forced_audio.err, "'forced' is not a setting of an audio track"))
      << forced_audio.err;
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"out.mkv"});
}

TEST(MuxCli, ANewDefaultSubtitleTakesOverAndSaysSo) {
  ASSERT_TRUE(base_film_made());
  ScratchDir dir;
  const fs::path one = dir / "one.mkv";
  auto r = run_kopru("mux " + q(base().film) + " -o " + q(one) + " --add-subtitle " +
                     q(sample_subtitle("capability.kk-Cyrl.srt").string() + ":default"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_FALSE(contains(r.err, "mux-default-moved")) << "no subtitle was the default: " << r.err;
  EXPECT_TRUE(contains(r.err, "language kk-Cyrl taken from the file name")) << r.err;
  r = run_kopru("mux " + q(one) + " -o " + q(dir / "two.mkv") + " --add-subtitle " +
                q(sample_subtitle("capability.uz-Latn.vtt").string() + ":lang=uz-Latn:default"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_TRUE(contains(r.err,
                       "output stream 3 (film stream 3) is no longer the default subtitle track "
                       "[mux-default-moved]"))
      << r.err;
  const json j = probe_json(dir / "two.mkv");
  ASSERT_EQ(j["streams"].size(), 5U) << j;
  EXPECT_EQ(j["streams"][3]["dispositions"], json::array());
  EXPECT_EQ(j["streams"][4]["dispositions"], json::array({"default"}));
  EXPECT_EQ(j["streams"][1]["dispositions"], json::array({"default"})) << "audio untouched";
}

// Each refused mux: its exit code, a message naming what is wrong, and nothing new in the folder.
TEST(MuxCli, RefusedMuxesSayWhyAndLeaveNothingBehind) {
  ASSERT_TRUE(base_film_made());
  ScratchDir dir;
  const fs::path film = dir / "film.mkv";
  fs::copy_file(base().film, film);
  const std::string wav = dir.write("silence.wav", silent_wav());
  const std::string srt = sample_subtitle("capability.kk-Cyrl.srt").string();
  const std::vector<std::string> before = listing(dir.path());
  const std::string film_bytes = slurp(film);

  struct Case {
    std::string name;
    std::string args;
    int exit_code;
    std::vector<std::string> messages;
  };
  const std::vector<Case> cases = {
      {"output is the film",
       "mux " + q(film) + " -o " + q(film),
       kExitUsage,
       {"would overwrite the film", "film.mkv"}},
      {"output is the film by another name",
       "mux " + q(film) + " -o " + q(dir.path() / "." / "film.mkv"),
       kExitUsage,
       {"would overwrite the film"}},
      {"unknown container",
       "mux " + q(film) + " -o " + q(dir / "out.avi"),
       kExitUsage,
       {"out.avi", ".mkv"}},
      {"ill-formed language tag",
       "mux " + q(film) + " -o " + q(dir / "out.mkv") + " --add-subtitle " + q(srt + ":lang=12"),
       kExitUsage,
       {"capability.kk-Cyrl.srt", "'12' is not a BCP 47 language tag"}},
      {"unknown setting",
       "mux " + q(film) + " -o " + q(dir / "out.mkv") + " --add-subtitle " +
           q(srt + ":lang=kk:bold"),
       kExitUsage,
       {"capability.kk-Cyrl.srt", "unknown setting 'bold'"}},
      {"missing subtitle file",
       "mux " + q(film) + " -o " + q(dir / "out.mkv") + " --add-subtitle " +
           q((dir / "none.srt").string() + ":lang=kk"),
       kExitEnvironment,
       {"none.srt", "No such file"}},
      {"picture subtitles into MP4",
       "mux " + q(corpus_film("sample_with_pgs_subtitles.mkv")) + " -o " + q(dir / "out.mp4"),
       kExitUsage,
       {"film stream 2 (subtitle, hdmv_pgs_subtitle)", "--drop-track 2"}},
      {"PCM audio into MP4",
       "mux " + q(film) + " -o " + q(dir / "out.mp4") + " --add-audio " + q(wav + ":lang=tr:dub"),
       kExitUsage,
       {"silence.wav", "pcm_s16le", "AAC"}},
  };
  for (const Case& c : cases) {
    const auto r = run_kopru(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.name << ": " << r.err;
    for (const std::string& message : c.messages)
      EXPECT_TRUE(contains(r.err, message)) << c.name << ": wanted \"" << message << "\" in\n"
                                            << r.err;
    EXPECT_EQ(listing(dir.path()), before) << c.name;
  }
  EXPECT_EQ(slurp(film), film_bytes) << "the film itself is untouched";

  // The refused picture track can be left out as suggested; PCM is fine in Matroska.
  auto r = run_kopru("mux " + q(corpus_film("sample_with_pgs_subtitles.mkv")) + " -o " +
                     q(dir / "nopgs.mp4") + " --drop-track 2");
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  r = run_kopru("mux " + q(film) + " -o " + q(dir / "pcm.mkv") + " --add-audio " +
                q(wav + ":lang=tr:dub"));
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(probe_json(dir / "pcm.mkv")["streams"][3]["codec"], "pcm_s16le");
}

TEST(MuxCli, TruncatedFilmsWarnOrFailCleanly) {
  ASSERT_TRUE(base_film_made());
  ScratchDir dir;
  const std::string mkv = slurp(base().film);
  const std::string half_mkv = dir.write("half.mkv", mkv.substr(0, mkv.size() / 2));
  auto r = run_kopru("mux " + q(half_mkv) + " -o " + q(dir / "from-half.mkv"));
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_TRUE(contains(r.err, "half.mkv: warning: the film is cut short")) << r.err;
  EXPECT_TRUE(contains(r.err, "[media-truncated]")) << r.err;
  EXPECT_EQ(probe_json(dir / "from-half.mkv")["streams"].size(), 3U);

  // An MP4 written by mux keeps its moov at the end, so half of it has none: unreadable.
  r = run_kopru("mux " + q(base().film) + " -o " + q(dir / "whole.mp4"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const std::string mp4 = slurp(dir / "whole.mp4");
  dir.write("half.mp4", mp4.substr(0, mp4.size() / 2));
  const std::vector<std::string> before = listing(dir.path());
  for (const char* output : {"from-half.mp4", "from-half-2.mkv"}) {
    r = run_kopru("mux " + q(dir / "half.mp4") + " -o " + q(dir / output));
    EXPECT_EQ(r.exit_code, kExitBadInput) << output << ": " << r.err;
    EXPECT_TRUE(contains(r.err, "half.mp4: error:")) << r.err;
    EXPECT_EQ(listing(dir.path()), before) << output;
  }
}

}  // namespace
}  // namespace kopru::testing

namespace kopru::testing {
namespace {

// A film with what mux must carry over untouched: a segment title, chapters and a font attachment,
// made by mkvmerge so that Kopru's own writer is not what is checked against.
TEST(MuxCli, ChaptersAttachmentsAndTitleCarryOver) {
  ASSERT_TRUE(base_film_made());
  ScratchDir dir;
  dir.write("chapters.txt",
            "CHAPTER01=00:00:00.000\nCHAPTER01NAME=Başlangıç\n"
            "CHAPTER02=00:00:05.000\nCHAPTER02NAME=Көпір\n");
  dir.write("KopruSans.ttf", std::string(4096, '\x01'));
  auto made = run_tool("mkvmerge -q -o " + q(dir / "rich.mkv") + " --title " + q("Körpü filmi") +
                       " --chapters " + q(dir / "chapters.txt") +
                       " --attachment-mime-type font/ttf --attach-file " +
                       q(dir / "KopruSans.ttf") + " " + q(base().film));
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  const auto r =
      run_kopru("mux " + q(dir / "rich.mkv") + " -o " + q(dir / "out.mkv") + " --add-subtitle " +
                q(sample_subtitle("capability.kk-Cyrl.srt").string() + ":lang=kk-Cyrl"));
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  std::string failure;
  const auto identified = mkvmerge_identify(dir / "out.mkv", failure);
  ASSERT_TRUE(identified) << failure;
  const json& j = *identified;
  EXPECT_EQ(j["container"]["properties"]["title"], "Körpü filmi");
  ASSERT_EQ(j["attachments"].size(), 1U) << j.dump(2);
  EXPECT_EQ(j["attachments"][0]["file_name"], "KopruSans.ttf");
  EXPECT_EQ(j["attachments"][0]["size"], 4096);
  ASSERT_EQ(j["chapters"].size(), 1U) << j.dump(2);
  EXPECT_EQ(j["chapters"][0]["num_entries"], 2);
  const json probed = probe_json(dir / "out.mkv");
  ASSERT_EQ(probed["chapters"].size(), 2U);
  EXPECT_EQ(probed["chapters"][1]["title"], "Көпір");
  EXPECT_DOUBLE_EQ(probed["chapters"][1]["start_seconds"].get<double>(), 5.0);

  // MP4 keeps the chapters and says that it cannot keep the font.
  const auto mp4 = run_kopru("mux " + q(dir / "rich.mkv") + " -o " + q(dir / "out.mp4"));
  ASSERT_EQ(mp4.exit_code, kExitOk) << mp4.err;
  EXPECT_TRUE(contains(mp4.err, "[mux-attachment-dropped]")) << mp4.err;
  const json probed_mp4 = probe_json(dir / "out.mp4");
  ASSERT_EQ(probed_mp4["chapters"].size(), 2U);
  EXPECT_EQ(probed_mp4["chapters"][0]["title"], "Başlangıç");
  EXPECT_EQ(probed_mp4["title"], "Körpü filmi");
}

}  // namespace
}  // namespace kopru::testing
