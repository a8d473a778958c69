// Every direction against its fixture list (tests/translit/fixtures/<direction>.tsv: source,
// expected, tag, note) and its golden subtitle files (tests/translit/golden/<direction>/
// <case>.in.<ext> -> <case>.out.<ext> + <case>.diag). KOPRU_REGEN=1 rewrites the golden outputs;
// review every line of them before committing.
#include <gtest/gtest.h>

#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "pipeline/core/lines.h"
#include "pipeline/io/load.h"
#include "pipeline/model/dump.h"
#include "pipeline/translit/document.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMinimumFixtureRows = 30;

fs::path fixture_dir() {
  return source_dir() / "tests/translit/fixtures";
}
fs::path golden_dir() {
  return source_dir() / "tests/translit/golden";
}

std::vector<std::string> direction_ids() {
  std::vector<std::string> ids;
  for (const auto& d : translit::directions())
    ids.push_back(d.id);
  return ids;
}

translit::Direction direction_named(const std::string& id) {
  for (auto& d : translit::directions()) {
    if (d.id == id)
      return d;
  }
  throw std::runtime_error("no direction " + id);
}

struct FixtureRow {
  int line = 0;
  std::string source;
  std::string expected;
  std::string tag;
};

std::vector<FixtureRow> read_fixture(const fs::path& path) {
  std::vector<FixtureRow> rows;
  const std::string text = slurp(path);
  for (const TextLine& line : split_lines(text)) {
    if (line.text.empty() || line.text.starts_with("#"))
      continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = line.text.find('\t', start);
      fields.emplace_back(
          line.text.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos)
        break;
      start = tab + 1;
    }
    if (fields.size() < 2) {
      ADD_FAILURE() << path.string() << ":" << line.number << ": expected source<TAB>expected";
      continue;
    }
    rows.push_back({line.number, fields[0], fields[1], fields.size() > 2 ? fields[2] : ""});
  }
  return rows;
}

class Fixture : public ::testing::TestWithParam<std::string> {};

TEST_P(Fixture, EveryRowComesOutAsExpected) {
  const std::string& id = GetParam();
  const fs::path path = fixture_dir() / (id + ".tsv");
  ASSERT_TRUE(fs::exists(path)) << "every direction needs a fixture list: " << path;
  const auto rows = read_fixture(path);
  EXPECT_GE(rows.size(), kMinimumFixtureRows) << path;
  translit::Transliterator engine(translit::compile(direction_named(id)));
  std::size_t wrong = 0;
  for (const auto& row : rows) {
    const std::string actual = engine.text(row.source);
    if (actual != row.expected) {
      ++wrong;
      ADD_FAILURE() << path.filename().string() << ":" << row.line << ": '" << row.source
                    << "' gave '" << actual << "', expected '" << row.expected << "' [" << row.tag
                    << "]";
    }
  }
  EXPECT_EQ(wrong, 0U) << wrong << " of " << rows.size() << " rows wrong";
}

INSTANTIATE_TEST_SUITE_P(Directions, Fixture, ::testing::ValuesIn(direction_ids()),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (c == '-')
                               c = '_';
                           }
                           return name;
                         });

struct GoldenFile {
  std::string direction;
  fs::path input;
};

void PrintTo(const GoldenFile& file, std::ostream* out) {
  *out << file.input.string();
}

std::vector<GoldenFile> golden_files() {
  std::vector<GoldenFile> files;
  if (!fs::exists(golden_dir()))
    return files;
  for (const auto& dir : fs::directory_iterator(golden_dir())) {
    if (!dir.is_directory())
      continue;
    for (const auto& file : fs::directory_iterator(dir.path())) {
      if (file.path().stem().extension() == ".in")
        files.push_back({dir.path().filename().string(), file.path()});
    }
  }
  std::sort(files.begin(), files.end(),
            [](const GoldenFile& a, const GoldenFile& b) { return a.input < b.input; });
  return files;
}

void expect_file(const fs::path& path, const std::string& actual) {
  if (regenerating()) {
    spit(path, actual);
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " is missing: regenerate with KOPRU_REGEN=1 and review";
  EXPECT_EQ(slurp(path), actual) << "differs from " << path;
}

// Everything but the text of text runs, so that a test can see that nothing else changed.
std::string skeleton(const Document& doc) {
  Document copy = doc;
  copy.meta.language = LanguageTag();
  copy.meta.title.clear();
  for (Cue& cue : copy.cues) {
    cue.language.clear();
    cue.speaker.clear();
    for (Run& run : cue.runs) {
      if (run.kind == RunKind::text)
        run.text = "*";
      for (Span& span : run.spans) {
        if (span.kind == SpanKind::lang || span.kind == SpanKind::voice)
          span.annotation.clear();
      }
    }
  }
  return dump(copy);
}

class Golden : public ::testing::TestWithParam<GoldenFile> {};

TEST_P(Golden, MarkupTimingAndLayoutUntouched) {
  const GoldenFile& g = GetParam();
  const translit::Direction direction = direction_named(g.direction);
  const std::string display = g.direction + "/" + g.input.filename().string();
  Diagnostics diag(display);
  io::Loaded loaded = io::load_bytes(slurp(g.input), display, {}, diag);
  const std::string before = skeleton(loaded.doc);
  const std::size_t cues = loaded.doc.cues.size();
  translit::transliterate(loaded.doc, translit::compile(direction), 1, diag);
  EXPECT_EQ(loaded.doc.cues.size(), cues);
  EXPECT_EQ(skeleton(loaded.doc), before) << "transliteration changed more than text";
  EXPECT_EQ(loaded.doc.meta.language.script(), direction.to.script());
  io::SaveOptions save;
  save.format = std::string(loaded.codec->name);
  Diagnostics write_diag;
  const std::string out = io::render(loaded.doc, *loaded.codec, save, write_diag);
  const std::string stem = g.input.stem().stem().string();
  const std::string ext = g.input.extension().string();
  expect_file(g.input.parent_path() / (stem + ".out" + ext), out);
  expect_file(g.input.parent_path() / (stem + ext + ".diag"),
              dump(diag) + "--- write diagnostics\n" + dump(write_diag));
}

INSTANTIATE_TEST_SUITE_P(Files, Golden, ::testing::ValuesIn(golden_files()),
                         [](const auto& param_info) {
                           std::string name = param_info.param.direction + "_" +
                                              param_info.param.input.filename().string();
                           for (char& c : name) {
                             if (std::isalnum(static_cast<unsigned char>(c)) == 0)
                               c = '_';
                           }
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

// Every direction ships with golden subtitle files, at least an SRT.
TEST(Coverage, EveryDirectionHasGoldenSubtitles) {
  for (const auto& id : direction_ids()) {
    EXPECT_TRUE(fs::exists(golden_dir() / id / "film.in.srt"))
        << id << " has no golden subtitle file " << (golden_dir() / id / "film.in.srt");
  }
}

}  // namespace
}  // namespace kopru::testing
