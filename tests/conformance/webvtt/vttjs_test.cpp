// mozilla/vtt.js golden parse results (index.json: vtt -> json). vtt.js follows a 2014-2016 draft;
// where it disagrees with WPT/the current spec, WPT wins. Each disagreement is listed below as an
// expected divergence and asserted to differ in exactly that way, so a change either way shows.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "tests/conformance/webvtt/vtt_support.h"

namespace kopru::testing::vtt {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path vttjs_dir() {
  return corpus_dir() / "mozilla-vttjs";
}

// Vocabulary differences of the older draft, applied to every case (value in vtt.js -> value the
// current spec gives for the same input).
struct Translation {
  std::string property;
  json vttjs;
  json spec;
  std::string reason;
};

const std::vector<Translation>& translations() {
  static const std::vector<Translation> kList = {
      {"align", "middle", "center",
       "the draft's align:middle was renamed center (WPT settings-align)"},
  };
  return kList;
}

// Case-specific divergences: (input, cue index, property) -> what vtt.js says, what we say, why.
struct Divergence {
  std::string vtt;
  int cue = 0;  // -1: the document (cue count, regions)
  std::string property;
  json vttjs;
  json ours;
  std::string reason;
};

const std::vector<Divergence>& divergences() {
  static const std::vector<Divergence> kList = {
      {"tests/cue-times/min-top-digits.vtt", -1, "cues.length", 1, 0,
       "\"000:00.000\": a first field that is not 2 digits is hours, so a field is missing; WPT "
       "timings-too-long rejects exactly this timing"},
      {"tests/cue-times/minimum-spots-over-sixty.vtt", -1, "cues.length", 1, 0,
       "\"120:00.000\": a first field over 59 is hours, so a field is missing (spec timestamp "
       "rules, WPT timings-too-long/timings-60)"},
      {"tests/file-layout/header-no-new-line.vtt", -1, "cues.length", 0, 1,
       "a timing line right after the WEBVTT line starts a cue; WPT header-timings expects 1 cue"},
      {"tests/cue-settings/position/position-end-align.vtt", 0, "positionAlign", "end", "auto",
       "\"position:42%,end\": end is not a position alignment (line-left/center/line-right); WPT "
       "settings-position keeps the position and leaves positionAlign auto"},
      {"tests/cue-settings/position/position-start-align.vtt", 0, "positionAlign", "start", "auto",
       "\"position:..%,start\": start is not a position alignment; as WPT settings-position"},
  };
  return kList;
}

struct Check {
  std::string vtt;
  std::string json_path;
};

std::vector<Check> present_checks(std::size_t* absent = nullptr) {
  std::ifstream in(vttjs_dir() / "index.json");
  const json index = json::parse(in);
  std::vector<Check> out;
  std::size_t missing = 0;
  for (const auto& entry : index) {
    Check c{entry["vtt"].get<std::string>(), entry["parse_json"].get<std::string>()};
    if (!fs::exists(vttjs_dir() / c.vtt) || !fs::exists(vttjs_dir() / c.json_path)) {
      ++missing;  // listed in index.json but not in the corpus (see corpus README)
      continue;
    }
    out.push_back(c);
  }
  if (absent != nullptr)
    *absent = missing;
  return out;
}

// A region as vtt.js prints it, or null.
json region_json(const Document& doc, const Cue& cue) {
  const Region* region = find_region(doc, cue.placement.region);
  if (region == nullptr)
    return nullptr;
  json j = region_properties(*region);
  j.erase("id");
  return j;
}

// The difference (if any) between what vtt.js expects and what we produce, for one property.
struct Mismatch {
  int cue;
  std::string property;
  json vttjs;
  json ours;
};

// The draft's positionAlign when none was given: derived from align.
json draft_position_align(const json& align) {
  static const std::map<std::string, std::string> kDerived = {{"start", "start"},
                                                              {"left", "start"},
                                                              {"middle", "middle"},
                                                              {"end", "end"},
                                                              {"right", "end"}};
  const auto it = align.is_string() ? kDerived.find(align.get<std::string>()) : kDerived.end();
  return it == kDerived.end() ? json() : json(it->second);
}

// True when the header (up to the first blank line) uses the draft's "Region:" lines.
bool has_legacy_regions(const std::string& text) {
  const std::string header = text.substr(0, text.find("\n\n"));
  return header.find("\nRegion:") != std::string::npos;
}

std::vector<Mismatch> compare(const Document& doc, const json& expected, bool legacy) {
  std::vector<Mismatch> out;
  const json& cues = expected["cues"];
  if (cues.size() != doc.cues.size()) {
    out.push_back({-1, "cues.length", cues.size(), doc.cues.size()});
  }
  for (std::size_t i = 0; i < std::min(cues.size(), doc.cues.size()); ++i) {
    json ours = cue_properties(doc.cues[i]);
    ours["region"] = region_json(doc, doc.cues[i]);
    for (const auto& [name, value] : cues[i].items()) {
      if (name == "pauseOnExit")
        continue;  // not a parse result
      json theirs = value;
      for (const auto& t : translations()) {
        if (t.property == name && theirs == t.vttjs)
          theirs = t.spec;
      }
      if (name == "positionAlign" && value == draft_position_align(cues[i]["align"])) {
        theirs = "auto";  // the draft derived it from align; the spec's default is auto
      }
      if (name == "region" && theirs == "")
        theirs = nullptr;  // the draft's "no region"
      if (name == "region" && legacy) {
        // Regions from the draft's "Region:" header lines: the spec (WPT regions-old) ignores
        // them, so the cue must have no region.
        if (!ours[name].is_null())
          out.push_back({static_cast<int>(i), name, value, ours[name]});
        continue;
      }
      if (name == "text") {
        // The text is reproduced; it must also parse to the runs we read.
        Diagnostics ignored;
        if (codecs::webvtt::parse_cue_text(value.get<std::string>(), {}, ignored) !=
            doc.cues[i].runs) {
          out.push_back({static_cast<int>(i), "text (runs)", value, ours[name]});
        }
      }
      if (!same_value(ours[name], theirs)) {
        out.push_back({static_cast<int>(i), name, value, ours[name]});
      }
    }
  }
  json regions = json::array();
  for (const auto& r : doc.regions) {
    json j = region_properties(r);
    j.erase("id");
    regions.push_back(j);
  }
  if (legacy) {
    if (!regions.empty())
      out.push_back({-1, "regions", expected["regions"], regions});
  } else if (expected.contains("regions") && expected["regions"] != regions) {
    out.push_back({-1, "regions", expected["regions"], regions});
  }
  return out;
}

class VttJs : public ::testing::TestWithParam<Check> {};

void PrintTo(const Check& c, std::ostream* os) {
  *os << c.vtt;
}

TEST_P(VttJs, MatchesGoldenOrListedDivergence) {
  const Check& c = GetParam();
  std::ifstream in(vttjs_dir() / c.json_path);
  const json expected = json::parse(in);
  Diagnostics diag;
  Document doc;
  try {
    doc = read_vtt(vttjs_dir() / c.vtt, diag);
  } catch (const InputError& e) {
    // vtt.js reports a bad signature as an empty parse.
    EXPECT_TRUE(expected["cues"].empty()) << c.vtt << ": " << e.what();
    return;
  }
  std::vector<const Divergence*> listed;
  for (const auto& d : divergences()) {
    if (d.vtt == c.vtt)
      listed.push_back(&d);
  }
  const bool legacy = has_legacy_regions(slurp(vttjs_dir() / c.vtt));
  const auto mismatches = compare(doc, expected, legacy);
  for (const auto& m : mismatches) {
    const Divergence* match = nullptr;
    for (const auto* d : listed) {
      if (d->cue == m.cue && d->property == m.property)
        match = d;
    }
    if (match == nullptr) {
      ADD_FAILURE() << c.vtt << " cue " << m.cue << " " << m.property << ": vtt.js "
                    << m.vttjs.dump() << ", ours " << m.ours.dump();
      continue;
    }
    EXPECT_EQ(m.vttjs, match->vttjs) << c.vtt << " " << m.property << " (" << match->reason << ")";
    EXPECT_TRUE(same_value(m.ours, match->ours))
        << c.vtt << " " << m.property << ": ours " << m.ours.dump() << ", listed "
        << match->ours.dump() << " (" << match->reason << ")";
  }
  for (const auto* d : listed) {
    bool seen = false;
    for (const auto& m : mismatches)
      seen = seen || (d->cue == m.cue && d->property == m.property);
    EXPECT_TRUE(seen) << c.vtt << " cue " << d->cue << " " << d->property
                      << " is listed as a divergence but now agrees with vtt.js: " << d->reason;
  }
}

std::string case_name(const ::testing::TestParamInfo<Check>& info) {
  std::string name = info.param.vtt.substr(6);  // "tests/"
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch)))
      ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Mozilla, VttJs, ::testing::ValuesIn(present_checks()), case_name);

TEST(VttJsCorpus, PresentAndAbsentChecks) {
  std::size_t absent = 0;
  const auto present = present_checks(&absent);
  EXPECT_EQ(present.size() + absent, 264u);
  EXPECT_EQ(present.size(), 173u);
}

}  // namespace
}  // namespace kopru::testing::vtt
