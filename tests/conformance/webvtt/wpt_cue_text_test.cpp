// WPT webvtt/parsing/cue-text-parsing (.dat, html5lib tree format): entities.dat and the
// tree-building cases. The runs are turned back into the DOM fragment the browser would build.
#include <gtest/gtest.h>

#include "tests/conformance/webvtt/vtt_support.h"

namespace kopru::testing::vtt {
namespace {

namespace fs = std::filesystem;

struct DatCase {
  std::string file;
  int number = 0;
  std::string data;
  std::vector<std::string> tree;
};

// "\u200E" escapes in expected text nodes.
std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 5 < s.size() + 0 && s[i + 1] == 'u') {
      const unsigned cp =
          static_cast<unsigned>(std::stoul(std::string(s.substr(i + 2, 4)), nullptr, 16));
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
      i += 5;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<DatCase> load_dat(const std::string& file) {
  std::vector<DatCase> cases;
  const std::string text = slurp(corpus_dir() / "wpt-webvtt" / "cue-text-parsing" / file);
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::string section;
  for (const auto& line : lines) {
    if (line == "#data") {
      cases.push_back({file, static_cast<int>(cases.size()) + 1, "", {}});
      section = "data";
    } else if (line == "#errors" || line == "#document-fragment") {
      section = line;
    } else if (section == "data") {
      if (!cases.back().data.empty())
        cases.back().data += '\n';
      cases.back().data += line;
    } else if (section == "#document-fragment" && line.rfind("| ", 0) == 0) {
      cases.back().tree.push_back(unescape(line));
    }
  }
  return cases;
}

std::string element_name(const Span& span) {
  switch (span.kind) {
    case SpanKind::italic:
      return "i";
    case SpanKind::bold:
      return "b";
    case SpanKind::underline:
      return "u";
    case SpanKind::ruby:
      return "ruby";
    case SpanKind::ruby_text:
      return "rt";
    default:
      return "span";
  }
}

// Runs to the html5lib fragment form: "| <b>", "|   \"text\"" (two spaces per depth).
std::vector<std::string> fragment(const std::vector<Run>& runs) {
  std::vector<std::string> out;
  std::vector<Span> open;
  for (const auto& run : runs) {
    std::size_t common = 0;
    while (common < open.size() && common < run.spans.size() && open[common] == run.spans[common]) {
      ++common;
    }
    open.resize(common);
    for (std::size_t i = common; i < run.spans.size(); ++i) {
      out.push_back("| " + std::string(2 * i, ' ') + "<" + element_name(run.spans[i]) + ">");
      open.push_back(run.spans[i]);
    }
    const std::string indent = "| " + std::string(2 * open.size(), ' ');
    if (run.kind == RunKind::text && !run.text.empty())
      out.push_back(indent + "\"" + run.text + "\"");
    if (run.kind == RunKind::line_break)
      out.push_back(indent + "\"\n\"");
    if (run.kind == RunKind::timestamp) {
      out.push_back(indent + "<?timestamp " + codecs::webvtt::format_timestamp(run.time) + "?>");
    }
  }
  return out;
}

std::vector<DatCase> all_cases() {
  std::vector<DatCase> cases = load_dat("entities.dat");
  for (auto& c : load_dat("tree-building.dat"))
    cases.push_back(std::move(c));
  return cases;
}

class WptCueText : public ::testing::TestWithParam<DatCase> {};

TEST_P(WptCueText, BuildsTheExpectedTree) {
  const DatCase& c = GetParam();
  Diagnostics diag;
  const auto runs = codecs::webvtt::parse_cue_text(c.data, {}, diag);
  EXPECT_EQ(fragment(runs), c.tree) << c.file << " #" << c.number << ": " << c.data;
}

std::string case_name(const ::testing::TestParamInfo<DatCase>& info) {
  std::string name = info.param.file.substr(0, info.param.file.find('.'));
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch)))
      ch = '_';
  }
  return name + "_" + std::to_string(info.param.number);
}

INSTANTIATE_TEST_SUITE_P(Wpt, WptCueText, ::testing::ValuesIn(all_cases()), case_name);

TEST(WptCueTextCorpus, HasEveryCase) {
  EXPECT_EQ(all_cases().size(), 29u);
}

}  // namespace
}  // namespace kopru::testing::vtt
