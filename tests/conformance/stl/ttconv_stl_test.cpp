// sandflow/ttconv STL inputs against stl-expected.tsv: every row of the table is a check. ttconv
// builds TTML paragraphs and spans; here "span[i]" is the i-th text run of the first cue, and
// span colours are the run's font colour (none = white) and bg_* class (none = black).
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "tests/support/test_support.h"
#include "tests/unit/stl/stl_test_util.h"

namespace kopru::codecs::stl::testing {
namespace {

namespace fs = std::filesystem;

fs::path ttconv_dir() {
  return kopru::testing::corpus_dir() / "sandflow-ttconv";
}

struct Loaded {
  std::string bytes;
  Document doc;
  Diagnostics diag;
};

std::vector<const Run*> text_runs(const Cue& cue) {
  std::vector<const Run*> out;
  for (const Run& r : cue.runs) {
    if (r.kind == RunKind::text)
      out.push_back(&r);
  }
  return out;
}

std::string fg(const Run& run) {
  for (const Span& s : run.spans) {
    if (s.kind == SpanKind::font && s.color)
      return s.color->to_hex();
  }
  return "#ffffff";
}

std::string bg(const Run& run) {
  for (const Span& s : run.spans) {
    if (s.kind == SpanKind::css_class && !s.classes.empty())
      return s.classes[0].substr(3);
  }
  return "black";
}

const std::map<std::string, std::string> kHex = {
    {"black", "#000000"},  {"white", "#ffffff"}, {"red", "#ff0000"},     {"lime", "#00ff00"},
    {"yellow", "#ffff00"}, {"blue", "#0000ff"},  {"magenta", "#ff00ff"}, {"cyan", "#00ffff"}};

Time tc(int h, int m, int s, int f) {
  return frames_to_time(((h * 60LL + m) * 60 + s) * 25 + f, FrameRate{25, 1});
}

using Check = std::function<void(const Loaded&)>;

// span[index] of the first cue has this foreground / background (empty = not checked).
Check span_colors(std::size_t index, std::string color, std::string background) {
  return [=](const Loaded& l) {
    ASSERT_FALSE(l.doc.cues.empty());
    const auto runs = text_runs(l.doc.cues[0]);
    ASSERT_GT(runs.size(), index);
    if (!color.empty()) {
      EXPECT_EQ(fg(*runs[index]), kHex.at(color));
    }
    if (!background.empty()) {
      EXPECT_EQ(bg(*runs[index]), background);
    }
  };
}

// The n-th child of the first paragraph, counting line breaks as children.
const Run& child(const Loaded& l, std::size_t n) {
  return l.doc.cues.at(0).runs.at(n);
}

std::map<std::string, Check> checks() {
  std::map<std::string, Check> c;
  c["stl/irt/requirement-0056-001_modified.stl"] = [](const Loaded& l) {
    ASSERT_EQ(l.doc.cues.size(), 4u);
    const char* texts[] = {"Subtitle 1 Group 1", "Subtitle 2 Group 1", "Subtitle 3 Group 2",
                           "Subtitle 4 Group 3"};
    const char* groups[] = {"1", "1", "2", "3"};
    for (std::size_t i = 0; i < 4; ++i) {
      EXPECT_EQ(plain_text(l.doc.cues[i]), texts[i]);
      EXPECT_EQ(*l.doc.cues[i].format_private.find("SGN"), groups[i]);
    }
  };
  c["stl/irt/requirement-0061-001.stl"] = [](const Loaded& l) {
    ASSERT_FALSE(l.doc.cues.empty());
    EXPECT_EQ(l.doc.cues[0].start, Time{});
  };
  const Check dropped = [](const Loaded& l) {
    EXPECT_TRUE(l.doc.cues.empty());
    EXPECT_TRUE(has_code(l.diag, "stl-zero-duration"));
  };
  c["stl/irt/requirement-0061-004_modified.stl"] = dropped;
  c["stl/irt/requirement-0062-001.stl"] = dropped;
  c["stl/irt/requirement-0062-002_modified.stl"] = [](const Loaded& l) {
    EXPECT_EQ(l.doc.cues.at(0).end, tc(23, 59, 59, 24));
  };
  const auto align = [](std::string expected) {
    return
        [expected](const Loaded& l) { EXPECT_EQ(l.doc.cues.at(0).placement.text_align, expected); };
  };
  c["stl/irt/requirement-0067-001.stl"] = align("left");
  c["stl/irt/requirement-0068-001.stl"] = align("center");
  c["stl/irt/requirement-0069-001.stl"] = align("right");
  c["stl/irt/requirement-0071-002.stl"] = [](const Loaded& l) {
    EXPECT_EQ(plain_text(l.doc.cues.at(0)), "Test1 Test2");
  };
  c["stl/irt/requirement-0074-001.stl"] = [](const Loaded& l) {
    EXPECT_EQ(child(l, 1).kind, RunKind::line_break);
  };
  const char* alpha[] = {"black", "white", "red", "lime", "yellow", "blue", "magenta", "cyan"};
  for (int i = 0; i < 8; ++i)
    c["stl/irt/requirement-0076-00" + std::to_string(i + 1) + ".stl"] =
        span_colors(1, alpha[i], "");
  c["stl/irt/requirement-0076-009.stl"] = [](const Loaded& l) {
    span_colors(0, "", "white")(l);
    span_colors(1, "", "black")(l);
  };
  c["stl/irt/requirement-0077-001.stl"] = span_colors(0, "", "black");
  c["stl/irt/requirement-0077-002.stl"] = span_colors(0, "", "black");
  // ttconv makes one span per box; runs here merge when the style does not change, so the
  // three boxed segments are one run holding the three texts.
  c["stl/irt/requirement-0086-001.stl"] = [](const Loaded& l) {
    const std::string text = plain_text(l.doc.cues.at(0));
    EXPECT_EQ(text, "Test Text   Test Text Test Text");
  };
  c["stl/irt/requirement-0087-001.stl"] = [](const Loaded& l) {
    span_colors(0, "white", "black")(l);
    EXPECT_EQ(plain_text(l.doc.cues.at(0)), "Test Text   Test Text  Test Text");
  };
  const char* bg_order[] = {"black", "blue", "cyan", "lime", "magenta", "red", "white", "yellow"};
  for (int i = 0; i < 8; ++i) {
    c["stl/irt/requirement-0090-00" + std::to_string(i + 1) + ".stl"] =
        span_colors(1, bg_order[i], "black");
    c["stl/irt/requirement-0091-00" + std::to_string(i + 1) + ".stl"] =
        span_colors(1, "black", bg_order[i]);
  }
  // Unchanged attributes do not start a new run: both segments are one white-on-black run.
  c["stl/irt/requirement-0090-009.stl"] = [](const Loaded& l) {
    ASSERT_EQ(text_runs(l.doc.cues.at(0)).size(), 1u);
    span_colors(0, "white", "black")(l);
    EXPECT_EQ(plain_text(l.doc.cues[0]).substr(0, 45),
              "AlphaWhite on AlphaBlack AlphaWhite on AlphaB");
  };
  c["stl/irt/requirement-0091-002.stl"] = [](const Loaded& l) {
    span_colors(0, "", "black")(l);
    span_colors(1, "black", "blue")(l);
  };
  c["stl/irt/requirement-0091-009.stl"] = span_colors(1, "black", "lime");
  c["stl/sandflow/setting_background_before_startbox.stl"] = span_colors(0, "", "yellow");
  c["stl/sandflow/multi_tti_subtitle.stl"] = [](const Loaded& l) {
    ASSERT_EQ(l.doc.cues.size(), 1u);
    EXPECT_EQ(plain_text(l.doc.cues[0]), "Foo Bar Baz");
  };
  c["stl/sandflow/cumulative_set.stl"] = [](const Loaded& l) {
    ASSERT_EQ(l.doc.cues.size(), 5u);
    EXPECT_EQ(plain_text(l.doc.cues[0]), "Not part of cumulative set.");
    EXPECT_EQ(l.doc.cues[0].format_private.find("CS"), nullptr);
    for (std::size_t i = 1; i < 5; ++i) {
      EXPECT_EQ(plain_text(l.doc.cues[i]), std::to_string(i));
      EXPECT_EQ(*l.doc.cues[i].format_private.find("CS"), i == 1 ? "1" : i == 4 ? "3" : "2");
    }
    // a cumulative set stays on screen until its last member goes
    EXPECT_EQ(l.doc.cues[1].end, l.doc.cues[4].end);
  };
  // ttconv sizes a region (80 %); here VP is kept in the bag, and a subtitle that reaches the
  // last rows (as both of these do) is in the default bottom place, so no line is set.
  const auto vp = [](int row) {
    return [row](const Loaded& l) {
      const Placement& p = l.doc.cues.at(0).placement;
      EXPECT_FALSE(p.line);
      EXPECT_EQ(p.alignment, 2);
      EXPECT_EQ(*l.doc.cues[0].format_private.find("VP"), std::to_string(row));
    };
  };
  c["stl/sandflow/vp18_3_lines.stl"] = vp(18);
  c["stl/sandflow/vp20_2_newlines.stl"] = vp(20);
  c["stl/sandflow/br_style_reset.stl"] = [](const Loaded& l) {
    EXPECT_EQ(fg(child(l, 2)), kHex.at("white"));
    EXPECT_EQ(bg(child(l, 2)), "black");
  };
  c["stl/sandflow/br_new_colors.stl"] = [](const Loaded& l) {
    EXPECT_EQ(fg(child(l, 2)), kHex.at("yellow"));
    EXPECT_EQ(bg(child(l, 2)), "blue");
  };
  c["stl/sandflow/br_same_colors.stl"] = [](const Loaded& l) {
    EXPECT_EQ(fg(child(l, 2)), kHex.at("yellow"));
    EXPECT_EQ(bg(child(l, 2)), "magenta");
  };
  // The model allows overlapping cues, so the times are kept as stored rather than clipped or
  // dropped as ttconv does for its ISD model.
  c["stl/sandflow/overlapping_tti.stl"] = [](const Loaded& l) {
    ASSERT_EQ(l.doc.cues.size(), 2u);
    EXPECT_EQ(plain_text(l.doc.cues[0]), "Subtitle One");
    EXPECT_EQ(l.doc.cues[0].start, tc(0, 0, 1, 0));
    EXPECT_EQ(plain_text(l.doc.cues[1]), "Subtitle Two");
    EXPECT_EQ(l.doc.cues[1].end, tc(0, 0, 7, 0));
  };
  const Check contained = [](const Loaded& l) {
    ASSERT_GE(l.doc.cues.size(), 2u);
    EXPECT_EQ(plain_text(l.doc.cues[0]), "Subtitle One");
    EXPECT_EQ(l.doc.cues[0].start, tc(0, 0, 1, 0));
  };
  c["stl/sandflow/contained_tti.stl"] = contained;
  c["stl/sandflow/two_contained_tti.stl"] = [](const Loaded& l) {
    ASSERT_EQ(l.doc.cues.size(), 3u);
    EXPECT_EQ(plain_text(l.doc.cues[0]), "Subtitle One");
    EXPECT_EQ(l.doc.cues[0].end, tc(0, 0, 9, 0));
  };
  // Times are taken relative to the GSI programme start (TCP 10:00:00:00): ttconv's "start TC =
  // TCP" configuration. The subtitle before it is reported and left out.
  c["stl/sandflow/test_tcp_processing.stl"] = [](const Loaded& l) {
    ASSERT_EQ(l.doc.cues.size(), 1u);
    EXPECT_EQ(l.doc.cues[0].start, tc(0, 0, 0, 0));
    EXPECT_EQ(l.doc.cues[0].end, tc(0, 0, 1, 24));
    EXPECT_TRUE(has_code(l.diag, "stl-before-program-start"));
  };
  return c;
}

// Rows of the table whose input file was not copied into the corpus.
const std::set<std::string> kNotInCorpus = {"stl/irt/requirement-0062-002_modified.stl",
                                            "stl/irt/requirement-0067-001.stl",
                                            "stl/irt/requirement-0076-002.stl",
                                            "stl/irt/requirement-0076-006.stl",
                                            "stl/irt/requirement-0076-007.stl",
                                            "stl/irt/requirement-0077-001.stl",
                                            "stl/irt/requirement-0091-003.stl",
                                            "stl/irt/requirement-0091-006.stl",
                                            "stl/irt/requirement-0091-009.stl",
                                            "stl/sandflow/vp20_2_newlines.stl",
                                            "stl/sandflow/contained_tti.stl"};

std::vector<std::string> table_rows() {
  std::ifstream in(ttconv_dir() / "stl-expected.tsv");
  std::vector<std::string> files;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    if (!line.empty())
      files.push_back(line.substr(0, line.find('\t')));
  }
  return files;
}

TEST(TtconvStl, EveryRowOfTheTable) {
  const auto rows = table_rows();
  ASSERT_EQ(rows.size(), 53u);
  const auto all = checks();
  int checked = 0;
  for (const std::string& file : rows) {
    SCOPED_TRACE(file);
    const auto it = all.find(file);
    ASSERT_NE(it, all.end()) << "no check for " << file;
    const fs::path path = ttconv_dir() / file;
    if (!fs::exists(path)) {
      EXPECT_TRUE(kNotInCorpus.count(file)) << "missing input " << path;
      continue;
    }
    Loaded l;
    l.bytes = kopru::testing::slurp(path);
    l.doc = read_stl(l.bytes, l.diag);
    it->second(l);
    ++checked;
  }
  EXPECT_EQ(checked, 53 - static_cast<int>(kNotInCorpus.size()));
}

// Every ttconv input reads, writes and reads back to the same cues (texts, times, styles).
TEST(TtconvStl, EveryFileRoundTrips) {
  for (const auto& entry : fs::recursive_directory_iterator(ttconv_dir() / "stl")) {
    if (entry.path().extension() != ".stl")
      continue;
    SCOPED_TRACE(entry.path().string());
    const std::string bytes = kopru::testing::slurp(entry.path());
    Diagnostics diag;
    const Document doc = read_stl(bytes, diag);
    Diagnostics wdiag;
    const std::string out = write(doc, {}, wdiag);
    Diagnostics rdiag;
    const Document back = read_stl(out, rdiag);
    ASSERT_EQ(back.cues.size(), doc.cues.size());
    for (std::size_t i = 0; i < doc.cues.size(); ++i) {
      EXPECT_EQ(back.cues[i].runs, doc.cues[i].runs) << i;
      EXPECT_EQ(back.cues[i].start, doc.cues[i].start);
      EXPECT_EQ(back.cues[i].end, doc.cues[i].end);
      EXPECT_EQ(back.cues[i].placement, doc.cues[i].placement);
    }
    Diagnostics again;
    EXPECT_EQ(write(back, {}, again), out);
  }
}

}  // namespace
}  // namespace kopru::codecs::stl::testing
