// The contract of the check table: stable unique names and rule IDs, and for every check a planted
// problem it must find (tests/qa/planted/<check>.<lang>.<ext>, with <check>.source.<ext> for the
// comparison checks) and clean tracks on which no check finds anything (tests/qa/clean/). A check
// that cannot fail, or that fires on correct text, fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "pipeline/io/load.h"
#include "pipeline/qa/checks.h"
#include "tests/support/test_support.h"

namespace kopru::qa {
namespace {

namespace fs = std::filesystem;

fs::path qa_dir() {
  return testing::source_dir() / "tests/qa";
}

TEST(QaRegistry, NamesAndRulesAreUniqueAndWellFormed) {
  std::set<std::string_view> names;
  std::set<std::string_view> rules;
  const std::regex name_form("[a-z]+(-[a-z]+)*");
  const std::regex rule_form("KQ0[1-5][0-9][0-9]");
  for (const CheckInfo& check : all_checks()) {
    EXPECT_TRUE(names.insert(check.name).second) << check.name;
    EXPECT_TRUE(rules.insert(check.rule).second) << check.rule;
    EXPECT_TRUE(std::regex_match(std::string(check.name), name_form)) << check.name;
    EXPECT_TRUE(std::regex_match(std::string(check.rule), rule_form)) << check.rule;
    EXPECT_EQ(find_check(check.name), &check);
  }
  // The names the issue fixes, at least.
  for (const char* required :
       {"min-duration",  "max-duration", "min-gap",     "overlap",         "order",
        "reading-speed", "line-length",  "line-count",  "needless-break",  "markup",
        "empty-cue",     "whitespace",   "ellipsis",    "dialogue-dash",   "script-mismatch",
        "mixed-script",  "apostrophe",   "dotted-i",    "alphabet",        "glyph",
        "mojibake",      "untranslated", "missing-cue", "number-mismatch", "timing-drift"})
    EXPECT_NE(find_check(required), nullptr) << required;
  EXPECT_EQ(find_check("reading-speed")->rule, "KQ0203");
}

struct Track {
  io::Loaded loaded;
  std::optional<io::Loaded> source;
};

Track load(const fs::path& path) {
  Diagnostics diag;
  Track track{io::load_file(path, io::LoadOptions{}, diag), std::nullopt};
  // film.source.srt beside film.<lang>.srt
  const std::string stem = path.filename().string().substr(0, path.filename().string().find('.'));
  for (const auto& entry : fs::directory_iterator(path.parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(stem + ".source."))
      track.source = io::load_file(entry.path(), io::LoadOptions{}, diag);
  }
  return track;
}

// The same settings for every planted and clean track: the netflix profile with the language's
// defaults, 25 fps, a film of 10 minutes. A planted check's own switch is turned on for it.
std::vector<Finding> check_track(const Track& track, std::string_view planted_check) {
  Profile profile = *builtin_profile("netflix");
  const LanguageTag language = track.loaded.doc.meta.language;
  apply_language_defaults(profile, language);
  if (planted_check == "frame-grid")
    profile.frame_grid = true;
  if (planted_check == "glyph")
    profile.glyphs = {{0x20, 0x7E}, {0xA0, 0xFF}};  // Latin-1: no ə, no ğ
  Context context(track.loaded.doc, profile);
  context.language = language;
  context.language_source = "file name";
  context.fps = FrameRate{25, 1};
  context.fps_source = "--fps";
  context.film_duration = from_seconds(600);
  if (track.source)
    context.source = &track.source->doc;
  measure(context);
  return run_checks(context);
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().find(".source.") == std::string::npos)
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(QaRegistry, EveryCheckFindsItsPlantedProblem) {
  for (const CheckInfo& check : all_checks()) {
    SCOPED_TRACE(std::string(check.name));
    bool planted = false;
    for (const fs::path& file : files_in(qa_dir() / "planted")) {
      if (!file.filename().string().starts_with(std::string(check.name) + "."))
        continue;
      planted = true;
      const Track track = load(file);
      const auto findings = check_track(track, check.name);
      const bool found = std::any_of(findings.begin(), findings.end(),
                                     [&](const Finding& f) { return f.check == check.name; });
      EXPECT_TRUE(found) << file.filename() << " has a planted " << check.name
                         << " problem that was not found";
    }
    EXPECT_TRUE(planted) << "no tests/qa/planted/" << check.name << ".<lang>.<ext>";
  }
}

TEST(QaRegistry, CleanTracksHaveNoFindings) {
  const auto files = files_in(qa_dir() / "clean");
  ASSERT_GE(files.size(), 3U);
  for (const fs::path& file : files) {
    const auto findings = check_track(load(file), "");
    for (const Finding& f : findings) {
      ADD_FAILURE() << file.filename() << ": cue " << f.cue << ": " << f.check << ": " << f.message;
    }
  }
}

}  // namespace
}  // namespace kopru::qa
