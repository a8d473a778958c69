#include "pipeline/io/files.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "pipeline/core/error.h"
#include "tests/support/test_support.h"

namespace kopru::io {
namespace {

namespace fs = std::filesystem;

class Files : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kopru-files-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir_), {}));
  }
  fs::path dir_;
};

TEST_F(Files, InputFileSmallLargeAndEmpty) {
  std::string small = "1\n00:00:01,000 --> 00:00:02,000\nСәлем\n";
  std::string large;
  while (large.size() < (3U << 20U))
    large += small;  // mapped: above the 1 MiB threshold
  for (const std::string* data : {&small, &large}) {
    kopru::testing::spit(dir_ / "in.srt", *data);
    const InputFile file(dir_ / "in.srt");
    EXPECT_EQ(file.bytes(), *data);
  }
  kopru::testing::spit(dir_ / "empty.srt", "");
  EXPECT_TRUE(InputFile(dir_ / "empty.srt").bytes().empty());
  EXPECT_THROW(InputFile{dir_ / "missing.srt"}, EnvironmentError);
  EXPECT_THROW(InputFile{dir_}, EnvironmentError);  // a folder is not a subtitle file
}

TEST_F(Files, AtomicFileAppearsOnlyOnCommit) {
  {
    AtomicFile out(dir_ / "out.vtt");
    out.append("WEBVTT\n");
    EXPECT_EQ(entries(), 1U);  // the hidden temp file only
  }
  EXPECT_EQ(entries(), 0U);  // abandoned: nothing left behind
  AtomicFile out(dir_ / "out.vtt");
  out.append("WEBVTT\n");
  out.append("\n");
  out.commit();
  EXPECT_EQ(kopru::testing::slurp(dir_ / "out.vtt"), "WEBVTT\n\n");
  EXPECT_EQ(entries(), 1U);
  write_file_atomic(dir_ / "out.vtt", "replaced");
  EXPECT_EQ(kopru::testing::slurp(dir_ / "out.vtt"), "replaced");
  EXPECT_THROW(AtomicFile{dir_ / "no-such-folder" / "x.vtt"}, EnvironmentError);
}

}  // namespace
}  // namespace kopru::io
