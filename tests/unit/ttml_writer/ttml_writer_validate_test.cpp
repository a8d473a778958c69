// Every writer output validates against its profile with zero violations: imsc against IMSC 1.1
// Text, ebu-tt-d against EBU-TT-D, dfxp against DFXP; for documents built in code and for corpus
// files of every format Kopru reads.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include "codecs/ttml/ttml_validate.h"
#include "tests/support/test_support.h"
#include "tests/unit/ttml_writer/ttml_writer_test_util.h"

namespace kopru::codecs::ttml::testing {
namespace {

namespace fs = std::filesystem;
using kopru::testing::corpus_dir;

struct Target {
  Profile profile;
  ValidationProfile validation;
};

constexpr Target kTargets[] = {{Profile::imsc11_text, ValidationProfile::imsc11_text},
                               {Profile::ebu_tt_d, ValidationProfile::ebu_tt_d},
                               {Profile::dfxp, ValidationProfile::dfxp}};

std::vector<Violation> violations_of(const std::string& text, ValidationProfile profile) {
  Source source;
  source.path = "out.ttml";
  source.bytes = text;
  source.text = text;
  source.encoding = "UTF-8";
  return validate(source, profile);
}

std::string describe(const std::vector<Violation>& violations, std::size_t limit = 3) {
  std::string out;
  for (std::size_t i = 0; i < violations.size() && i < limit; ++i)
    out += " [" + std::to_string(violations[i].line) + ":" + std::to_string(violations[i].column) +
           " " + violations[i].rule + ": " + violations[i].message + "]";
  return out;
}

Span span(SpanKind kind, std::string annotation = {}) {
  Span s;
  s.kind = kind;
  s.annotation = std::move(annotation);
  return s;
}

// One document with every feature the writers map: styles, colours, fonts, bands, a WebVTT
// region, ruby, voices, languages, speakers, a title, an ASS style.
Document rich_document() {
  Span font = span(SpanKind::font, "Times New Roman");
  font.color = Color{255, 255, 0, 255};
  Span cls = span(SpanKind::css_class);
  cls.classes = {"Sign"};
  std::vector<Cue> cues;
  cues.push_back(make_cue(
      0, 1000,
      {Run::plain("plain "), Run::plain("it", {span(SpanKind::italic)}), Run::line_break(),
       Run::plain("bold u s",
                  {span(SpanKind::bold), span(SpanKind::underline), span(SpanKind::strike)})}));
  cues.push_back(make_cue(500, 1500, {Run::plain("font", {font}), Run::plain(" cls", {cls})}));
  cues.back().placement.alignment = 8;
  cues.push_back(make_cue(2000, 3000,
                          {Run::plain("漢", {span(SpanKind::ruby)}),
                           Run::plain("kan", {span(SpanKind::ruby), span(SpanKind::ruby_text)})}));
  cues.back().speaker = "Ayşe";
  cues.back().language = "ja";
  cues.push_back(make_cue(3000, 4000,
                          {Run::plain("voice", {span(SpanKind::voice, "Bob")}),
                           Run::plain(" dil", {span(SpanKind::lang, "tr")})}));
  cues.back().placement.region = "r1";
  cues.push_back(make_cue(4000, 5000, runs_from_text("middle left")));
  cues.back().placement.alignment = 4;
  cues.back().style = "Sign";
  Document doc = doc_with(std::move(cues), "kk-Cyrl");
  doc.meta.title = "Title";
  Style style;
  style.name = "Sign";
  style.bold = true;
  doc.styles.push_back(style);
  Region region;
  region.id = "r1";
  region.width_percent = 50;
  region.lines = 2;
  doc.regions.push_back(region);
  return doc;
}

TEST(TtmlWriterValidate, BuiltDocumentsConform) {
  const std::vector<Document> docs = {rich_document(),
                                      doc_with({make_cue(0, 1000, runs_from_text("x"))}, "")};
  for (const Document& doc : docs) {
    for (const Target& target : kTargets) {
      const std::string written = write_profile(doc, target.profile);
      const auto violations = violations_of(written, target.validation);
      EXPECT_TRUE(violations.empty())
          << profile_name(target.profile) << ":" << describe(violations, 10) << "\n"
          << written;
    }
  }
}

std::vector<fs::path> corpus_inputs() {
  const fs::path corpus = corpus_dir();
  std::vector<fs::path> out;
  auto add_dir = [&](const fs::path& dir, std::string_view extension, bool recursive) {
    if (!fs::exists(dir))
      return;
    auto take = [&](const fs::directory_entry& entry) {
      if (entry.is_regular_file() && (extension.empty() || entry.path().extension() == extension))
        out.push_back(entry.path());
    };
    if (recursive)
      for (const auto& entry : fs::recursive_directory_iterator(dir))
        take(entry);
    else
      for (const auto& entry : fs::directory_iterator(dir))
        take(entry);
  };
  add_dir(corpus / "androidx-media" / "media" / "subrip", "", false);
  add_dir(corpus / "androidx-media" / "media" / "webvtt", "", false);
  add_dir(corpus / "androidx-media" / "media" / "ssa", "", false);
  add_dir(corpus / "sandflow-ttconv" / "vtt" / "valid", ".vtt", false);
  add_dir(corpus / "pysubs2", ".ass", false);
  add_dir(corpus / "androidx-media" / "media" / "ttml", ".xml", false);
  add_dir(corpus / "sandflow-ttconv" / "ttml", ".ttml", false);
  add_dir(corpus / "irt-ebu-tt-d-samples" / "ttml", ".xml", false);
  add_dir(corpus / "w3c-imsc-tests" / "imsc1_1" / "ttml", ".ttml", true);
  add_dir(corpus / "pycaption" / "fixtures" / "dfxp", ".xml", false);
  std::erase_if(out, [](const fs::path& p) {
    const std::string s = p.string();
    return s.find("/image/") != std::string::npos || s.find("bitmap") != std::string::npos;
  });
  std::sort(out.begin(), out.end());
  return out;
}

TEST(TtmlWriterValidate, CorpusConversionsConform) {
  const auto inputs = corpus_inputs();
  ASSERT_GT(inputs.size(), 150u);
  int checked = 0;
  std::vector<std::string> failures;
  for (const auto& path : inputs) {
    Document doc;
    try {
      doc = load(path);
    } catch (const std::exception&) {
      continue;
    }
    for (const Target& target : kTargets) {
      Diagnostics diag;
      const std::string written = write(doc, {}, diag, target.profile);
      const auto violations = violations_of(written, target.validation);
      ++checked;
      const std::string name = path.filename().string() + " as " + profile_name(target.profile);
      // Inputs whose own layout breaks a profile's limits (overlapping regions, more than 4 at
      // once) are written in bands, with a report: the output always conforms.
      if (!violations.empty())
        failures.push_back(name + ": " + std::to_string(violations.size()) + describe(violations));
    }
  }
  std::cout << "outputs validated: " << checked << ", with violations: " << failures.size() << "\n";
  for (const auto& f : failures)
    std::cout << "  " << f << "\n";
  EXPECT_GT(checked, 400);
  EXPECT_TRUE(failures.empty());
}

}  // namespace
}  // namespace kopru::codecs::ttml::testing
