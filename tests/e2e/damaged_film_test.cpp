// `kopru probe` and `kopru extract` on damaged films: copies of corpus films cut short at fixed
// offsets (landmarks and seeded pseudo-random ones) or with garbage or zeros written over part of
// them. Whatever the damage, the process exits with 0 or the bad-input code, says what is wrong
// about which file, leaves no partial output behind, and never loses cues silently.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <sstream>

#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kExitBadInput = 3;

// A hang is a failure too: every run is killed after a minute (sanitizer builds are slow).
CommandResult run_limited(const std::string& args) {
  ScratchDir capture;
  const fs::path out = capture / "stdout";
  const fs::path err = capture / "stderr";
  const std::string command = std::string("timeout -k 5 60 '") + KOPRU_BINARY + "' " + args +
                              " >'" + out.string() + "' 2>'" + err.string() + "' </dev/null";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

struct Film {
  const char* path;         // under the corpus
  bool declares_size;       // Matroska and MP4 say how long they are; MPEG-TS does not
  std::size_t header_cut;   // inside the EBML header / ftyp / first TS packets
  std::size_t tracks_cut;   // inside Tracks / moov / the PMT area
  std::size_t cluster_cut;  // inside the first Cluster / mdat (0: the middle of the file)
};

void PrintTo(const Film& film, std::ostream* os) {
  *os << film.path;
}

struct Damaged {
  std::string name;
  std::string bytes;
  bool cut = false;
};

std::vector<Damaged> damaged_copies(const Film& film, const std::string& original) {
  const std::size_t size = original.size();
  std::vector<std::size_t> cuts = {film.header_cut, film.tracks_cut,
                                   film.cluster_cut == 0 ? size / 2 : film.cluster_cut, size - 1};
  // mt19937's output is fixed by the standard (distributions are not), so `%` keeps these offsets
  // the same with every standard library.
  std::mt19937 rng(20240417U);
  for (int i = 0; i < 3; ++i)
    cuts.push_back(1 + rng() % (size - 1));
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<Damaged> copies;
  for (const std::size_t cut : cuts)
    copies.push_back({"cut-at-" + std::to_string(cut), original.substr(0, cut), true});

  Damaged garbage{"garbage-in-the-middle", original};
  const std::size_t length = std::min<std::size_t>(4096, size / 2);
  for (std::size_t i = 0; i < length; ++i)
    garbage.bytes[(size - length) / 2 + i] = static_cast<char>(rng() & 0xFFU);
  copies.push_back(std::move(garbage));

  Damaged zeroed{"zeroed-header", original};
  const std::size_t start = film.tracks_cut > 64 ? film.tracks_cut - 64 : 0;
  std::fill_n(zeroed.bytes.begin() + static_cast<std::ptrdiff_t>(start),
              std::min<std::size_t>(256, size - start), '\0');
  copies.push_back(std::move(zeroed));
  return copies;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

// Checks every run has in common: a clean exit, and on failure a message naming the file.
void expect_clean_exit(const CommandResult& r, const fs::path& film, const std::string& what) {
  SCOPED_TRACE(what + "\nstderr:\n" + r.err);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == kExitBadInput) << "exit code " << r.exit_code;
  for (const char* bad : {"terminate called", "internal error", "Sanitizer", "runtime error"})
    EXPECT_EQ(r.err.find(bad), std::string::npos) << bad;
  if (r.exit_code == 0)
    return;
  const std::string prefix = film.string();
  const auto lines = lines_of(r.err);
  const bool named = std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
    const std::size_t at = line.find(": error: ");
    return line.rfind(prefix, 0) == 0 && at != std::string::npos &&
           line.size() > at + std::string(": error: ").size() + 10;
  });
  EXPECT_TRUE(named) << "no error line naming " << prefix;
}

// The files an extraction wrote, by name.
std::map<std::string, std::string> outputs(const fs::path& dir) {
  std::map<std::string, std::string> files;
  if (!fs::exists(dir))
    return files;
  for (const auto& name : listing(dir))
    files[name] = slurp(dir / name);
  return files;
}

// The diagnostics that tell a user the film is incomplete: the container is longer than the file,
// reading stopped at a damaged packet, or the file ends inside a header Kopru reads itself.
bool says_data_is_missing(const std::string& err) {
  return err.find("[media-truncated]") != std::string::npos ||
         err.find("[extract-read-error]") != std::string::npos ||
         err.find("file ends inside") != std::string::npos;
}

class DamagedFilm : public ::testing::TestWithParam<Film> {};

TEST_P(DamagedFilm, ProbeAndExtractFailCleanlyOrReadWhatIsThere) {
  const Film& film = GetParam();
  const fs::path source = corpus_dir() / film.path;
  const std::string original = slurp(source);
  ASSERT_GT(original.size(), 512U) << source;
  const std::size_t original_hash = std::hash<std::string>{}(original);
  ScratchDir dir;

  // What the intact film gives, to tell a clean partial read from a silent loss.
  const auto reference =
      run_limited("extract " + q(source) + " --all --out-dir " + q(dir / "reference"));
  const std::map<std::string, std::string> expected = outputs(dir / "reference");

  for (const Damaged& copy : damaged_copies(film, original)) {
    SCOPED_TRACE(copy.name);
    // Same file name as the original, so the extracted files are named alike.
    const fs::path damaged = dir / copy.name / source.filename();
    dir.write(copy.name + "/" + source.filename().string(), copy.bytes);

    const auto probe = run_limited("probe " + q(damaged));
    expect_clean_exit(probe, damaged, "probe");
    if (probe.exit_code == 0) {
      EXPECT_EQ(probe.out.rfind(damaged.string() + ": ", 0), 0U) << probe.out;
      if (copy.cut && film.declares_size && copy.bytes.size() < original.size() - 64) {
        EXPECT_TRUE(says_data_is_missing(probe.err)) << "probe is silent:\n" << probe.err;
      }
    }

    const fs::path out_dir = dir / copy.name / "subs";
    const auto extract = run_limited("extract " + q(damaged) + " --all --out-dir " + q(out_dir));
    expect_clean_exit(extract, damaged, "extract");
    const auto written = outputs(out_dir);
    if (extract.exit_code != 0) {
      EXPECT_TRUE(written.empty()) << "partial output left behind: " << written.begin()->first;
      continue;
    }
    ASSERT_FALSE(written.empty()) << "exit 0 but nothing written\n" << extract.err;
    for (const auto& [name, text] : written) {
      SCOPED_TRACE(name);
      EXPECT_FALSE(text.empty());
      const auto info = run_limited("info " + q(out_dir / name));
      EXPECT_EQ(info.exit_code, 0) << "the output does not read back:\n" << info.err;
      const auto want = expected.find(name);
      ASSERT_NE(want, expected.end()) << "a track the intact film does not have";
      if (copy.cut && text != want->second) {
        EXPECT_TRUE(says_data_is_missing(extract.err)) << "cues lost silently:\n" << extract.err;
      }
    }
  }
  EXPECT_EQ(std::hash<std::string>{}(slurp(source)), original_hash) << "the corpus film changed";
  EXPECT_EQ(reference.exit_code, film.declares_size ? 0 : kExitBadInput) << reference.err;
}

// Offsets from mkvinfo -v -v and the MP4 box list: EBML header 0-39, Tracks and the first
// Cluster as noted.
INSTANTIATE_TEST_SUITE_P(
    Corpus, DamagedFilm,
    ::testing::Values(
        // Tracks 361-615, Cluster from 1163, the SubRip block at 43617.
        Film{"androidx-media/media/mkv/sample_with_srt.mkv", true, 20, 450, 43630},
        // Tracks 4294-6105, Cluster from 6106, the first ASS block at 6118.
        Film{"androidx-media/media/mkv/sample_with_ass_subtitles.mkv", true, 20, 4400, 0},
        // Tracks 293-352, three SubRip cues in two Clusters (516, 686); cut after the first.
        Film{"subtitleedit/seconv-Fixtures/container_text_undeclared_lang.mkv", true, 20, 320, 600},
        // ftyp 0-23, moov 24-3101 with a tx3g track, mdat from 3102.
        Film{"subtitleedit/libse-Files/sample_MP4_SRT.mp4", true, 20, 300, 0},
        // Teletext only: nothing Kopru extracts, but probe must still cope.
        Film{"subtitleedit/libse-Files/sample_TS_with_teletext.ts", false, 20, 300, 0}),
    [](const ::testing::TestParamInfo<Film>& param) {
      std::string name = fs::path(param.param.path).stem().string();
      std::replace_if(
          name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
      return name;
    });

}  // namespace
}  // namespace kopru::testing
