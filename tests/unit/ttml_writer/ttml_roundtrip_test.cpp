// Round trips: TTML documents of each profile read, written with that profile and read again
// give the same model; SRT, WebVTT and ASS corpus files written as every profile read back with
// the same text and times.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

#include "pipeline/model/dump.h"
#include "tests/support/test_support.h"
#include "tests/unit/ttml_writer/ttml_writer_test_util.h"

namespace kopru::codecs::ttml::testing {
namespace {

namespace fs = std::filesystem;
using kopru::testing::corpus_dir;
using kopru::testing::slurp;

std::vector<fs::path> files_in(const fs::path& dir, std::string_view extension,
                               bool recursive = false) {
  std::vector<fs::path> out;
  if (!fs::exists(dir))
    return out;
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
  std::sort(out.begin(), out.end());
  return out;
}

struct Sample {
  fs::path path;
  Profile profile;
};

// TTML documents of each profile from the corpus (image-profile IMSC documents left out: they
// have no text).
std::vector<Sample> ttml_samples() {
  std::vector<Sample> out;
  const fs::path corpus = corpus_dir();
  for (const auto& p : files_in(corpus / "androidx-media" / "media" / "ttml", ".xml"))
    if (p.filename().string().find("bitmap") == std::string::npos)
      out.push_back({p, Profile::ttml1});
  for (const auto& p : files_in(corpus / "sandflow-ttconv" / "ttml", ".ttml"))
    out.push_back({p, Profile::ttml1});
  for (const auto& p : files_in(corpus / "pycaption" / "fixtures" / "dfxp", ".xml"))
    out.push_back({p, Profile::dfxp});
  for (const auto& p : files_in(corpus / "w3c-imsc-tests" / "imsc1_1" / "ttml", ".ttml", true))
    if (p.string().find("/image/") == std::string::npos)
      out.push_back({p, Profile::imsc11_text});
  for (const auto& p : files_in(corpus / "irt-ebu-tt-d-samples" / "ttml", ".xml"))
    out.push_back({p, Profile::ebu_tt_d});
  return out;
}

std::optional<Document> try_read(const std::string& text, std::string* error) {
  try {
    return read_text(text);
  } catch (const std::exception& e) {
    *error = e.what();
    return std::nullopt;
  }
}

// Fields that do not survive by design: where in the input a cue began, and an unknown language
// (written as "und", since every profile requires xml:lang).
Document normalised(Document doc) {
  if (doc.meta.language.empty())
    doc.meta.language = *LanguageTag::parse("und");
  for (Cue& cue : doc.cues)
    cue.source_line = 0;
  return doc;
}

// Documents whose model changes through a write in their own profile, and why. Each is a
// profile rule or an input the writer repairs; anything else differing fails the test.
const std::map<std::string, std::string> kKnownDifferences = {
    {"multi_row_align.xml", "regions declared with id= (not xml:id): the cue goes to a band"},
    {"vertical_text.xml", "regions declared with id= (not xml:id): the cue goes to a band"},
    {"sample_dfxp_missing_begin.dfxp.xml", "region \"speaker\" is never declared"},
    {"sample_dfxp_without_region_and_style.dfxp.xml", "region \"bottom\" is never declared"},
    {"sample_dfxp_with_templated_style.dfxp.xml", "style id \"{style_name}\" is not an NCName"},
    {"rubies.xml", "TTML1 has no ruby: ruby text written inline after its base"},
    {"lwsp_default.ttml", "IMSC 8.4.2: regions get a tts:extent (100% 100%)"},
    {"lwsp_preserve.ttml", "IMSC 8.4.2: regions get a tts:extent (100% 100%)"},
    {"referential_styling.ttml", "IMSC 8.4.2: regions get a tts:extent (100% 100%)"},
    {"sample_dfxp_with_frame_timing.dfxp.xml", "DFXP times are rounded to the millisecond"},
    {"sample_dfxp_with_framerate_no_multiplier.dfxp.xml", "DFXP times rounded to the ms"},
    {"sample_dfxp_concurrent_with_empty_p.dfxp.xml", "DFXP times rounded to the ms"},
    {"sample_dfxp_with_custom_framerate.dfxp.xml", "DFXP times rounded to the ms"},
    {"cumulative-words-001-ttml.xml", "one p split into cues: EBU-TT-D needs unique p ids"},
    {"timing-on-span-002-ttml.xml", "one p split into cues: EBU-TT-D needs unique p ids"},
    {"displayalign-before-001-ttml.xml", "read as TTML1 (no conformsToStandard), written EBU-TT-D"},
    {"space-preserve-001-ttml.xml", "EBU-TT-D: a bare space is wrapped in a styled span"},
    {"styleInheritance-001-ttml.xml", "EBU-TT-D: inline italic becomes a referential style"},
    {"text_align.xml", "textAlign on a p in the default region is not read back (reader)"},
    {"sample_dfxp_multiple_regions_output.dfxp.xml", "region from div moved to p (reader)"},
    {"textEmphasis004.ttml", "IMSC 8.4.2: the extent a region takes from its style is written"},
    {"body_only.ttml", "IMSC: only the regions cues use are written (4 regions at most)"},
    {"initial001.ttml", "<initial> elements are not kept: their values are written inline"},
    {"initial002.ttml", "<initial> elements are not kept: their values are written inline"},
    {"ruby006.ttml", "xml:space=\"preserve\" is not written back: leading spaces collapse"},
    {"sample_dfxp_invalid_but_supported_positioning_output.dfxp.xml",
     "invalid origin values repaired"},
};

TEST(TtmlRoundTrip, SameProfileKeepsTheModel) {
  const auto samples = ttml_samples();
  ASSERT_GT(samples.size(), 100u);
  int checked = 0;
  std::vector<std::string> failures;
  for (const Sample& sample : samples) {
    std::string error;
    const auto first = try_read(slurp(sample.path), &error);
    if (!first)
      continue;  // inputs the reader refuses are the reader's tests
    if (const std::string* profiles = first->format_private.find("ttp:contentProfiles");
        profiles != nullptr && profiles->find("image") != std::string::npos)
      continue;  // image-profile documents have no text to write
    // The profile the reader recognised, so that each document is written back as what it is.
    Profile profile = sample.profile;
    if (const std::string* declared = first->format_private.find("profile")) {
      if (*declared == "imsc1.1" || *declared == "imsc1.0.1")
        profile = Profile::imsc11_text;
      else if (*declared == "ebu-tt-d")
        profile = Profile::ebu_tt_d;
      else if (*declared == "dfxp")
        profile = Profile::dfxp;
    }
    Diagnostics diag;
    const std::string written = write(*first, {}, diag, profile);
    const auto second = try_read(written, &error);
    ++checked;
    const std::string name = sample.path.filename().string() + " as " + profile_name(profile);
    if (!second) {
      failures.push_back(name + ": output unreadable: " + error);
      continue;
    }
    if (dump(normalised(*first)) != dump(normalised(*second))) {
      // KOPRU_SHOW=<file name prefix>: the output and both dumps go to /tmp for a diff.
      if (const char* show = std::getenv("KOPRU_SHOW"); show && name.find(show) == 0) {
        kopru::testing::spit("/tmp/ttml_rt_written.xml", written);
        kopru::testing::spit("/tmp/ttml_rt_first.dump", dump(normalised(*first)));
        kopru::testing::spit("/tmp/ttml_rt_second.dump", dump(normalised(*second)));
      }
      // A difference the writer reported (a value or attribute the profile cannot carry) is
      // the documented behaviour; an unreported one is a bug.
      const bool reported = std::any_of(diag.all().begin(), diag.all().end(), [](const auto& d) {
        return d.code.rfind("ttml-lossy-", 0) == 0;
      });
      if (reported)
        std::cout << "  reported: " << name << ": " << diag.all().front().message << "\n";
      else if (!kKnownDifferences.contains(sample.path.filename().string()))
        failures.push_back(name + ": model differs");
      else
        std::cout << "  known: " << name << ": "
                  << kKnownDifferences.at(sample.path.filename().string()) << "\n";
      continue;
    }
    Diagnostics again;
    if (write(*second, {}, again, profile) != written)
      failures.push_back(name + ": not a fixpoint");
  }
  std::cout << "round trips checked: " << checked << ", differing: " << failures.size() << "\n";
  for (const auto& f : failures)
    std::cout << "  " << f << "\n";
  EXPECT_GT(checked, 100);
  EXPECT_TRUE(failures.empty());
}

// Text and times of every displayed cue, in order.
std::vector<std::string> text_and_times(const Document& doc) {
  std::vector<std::string> out;
  for (const Cue& cue : doc.cues)
    if (!cue.comment)
      out.push_back(dump_time(cue.start) + " " + dump_time(cue.end) + " " +
                    kopru::quoted(plain_text(cue)));
  std::sort(out.begin(), out.end());
  return out;
}

// TTML collapses runs of spaces and trims lines (xml:space="default"), so the text is compared
// with the same normalisation.
std::string collapse(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (c == '\n') {
      space = false;
      out += c;
      continue;
    }
    if (space && !out.empty() && out.back() != '\n')
      out += ' ';
    space = false;
    out += c;
  }
  return out;
}

Document comparable(Document doc) {
  std::vector<Cue> cues;
  for (Cue& cue : doc.cues) {
    if (cue.comment)
      continue;
    cue.start = from_ms(to_ms(cue.start));
    cue.end = from_ms(to_ms(cue.end));
    cue.runs = runs_from_text(collapse(plain_text(cue)));
    // Empty cues are not displayed and a TTML reader rightly drops them.
    if (plain_text(cue).find_first_not_of(" \n") != std::string::npos && cue.end > cue.start)
      cues.push_back(std::move(cue));
  }
  doc.cues = std::move(cues);
  return doc;
}

TEST(TtmlRoundTrip, OtherFormatsKeepTextAndTimes) {
  const fs::path corpus = corpus_dir();
  std::vector<fs::path> inputs;
  for (const auto& p : files_in(corpus / "androidx-media" / "media" / "subrip", ""))
    inputs.push_back(p);
  for (const auto& p : files_in(corpus / "sandflow-ttconv" / "srt", ".srt"))
    inputs.push_back(p);
  for (const auto& p : files_in(corpus / "sandflow-ttconv" / "vtt" / "valid", ".vtt"))
    inputs.push_back(p);
  for (const auto& p : files_in(corpus / "androidx-media" / "media" / "webvtt", ""))
    inputs.push_back(p);
  for (const auto& p : files_in(corpus / "pysubs2", ".ass", true))
    inputs.push_back(p);
  for (const auto& p : files_in(corpus / "androidx-media" / "media" / "ssa", ""))
    inputs.push_back(p);
  ASSERT_GT(inputs.size(), 20u);
  int checked = 0;
  std::vector<std::string> failures;
  for (const auto& path : inputs) {
    Document doc;
    try {
      doc = load(path);
    } catch (const std::exception&) {
      continue;  // malformed samples are the readers' tests
    }
    const auto expected = text_and_times(comparable(doc));
    for (const Profile profile : kAllProfiles) {
      Diagnostics diag;
      const std::string written = write(doc, {}, diag, profile);
      std::string error;
      const auto back = try_read(written, &error);
      ++checked;
      const std::string name = path.filename().string() + " as " + profile_name(profile);
      if (!back) {
        failures.push_back(name + ": " + error);
        continue;
      }
      const auto got = text_and_times(comparable(*back));
      if (got != expected) {
        std::string first;
        for (std::size_t i = 0; i < std::max(got.size(), expected.size()); ++i) {
          const std::string g = i < got.size() ? got[i] : "(none)";
          const std::string e = i < expected.size() ? expected[i] : "(none)";
          if (g != e) {
            first = "expected " + e + ", got " + g;
            break;
          }
        }
        failures.push_back(name + ": " + first);
      }
    }
  }
  std::cout << "conversions checked: " << checked << ", differing: " << failures.size() << "\n";
  for (const auto& f : failures)
    std::cout << "  " << f << "\n";
  EXPECT_GT(checked, 80);
  EXPECT_TRUE(failures.empty());
}

}  // namespace
}  // namespace kopru::codecs::ttml::testing
