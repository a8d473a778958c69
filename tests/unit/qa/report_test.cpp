// The three machine and browser reports of `kopru qa` (JSON, JUnit XML, HTML), built from findings
// made by hand so that they do not depend on what the checks currently report.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <chrono>
#include <regex>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/report.h"
#include "tests/unit/qa/qa_test_support.h"

namespace kopru::qa {
namespace {

using nlohmann::json;

Finding make(std::string check, Severity severity, std::size_t cue, std::int64_t start_ms,
             std::int64_t end_ms, std::string message, std::string fix = "") {
  Finding f;
  f.rule = std::string(find_check(check)->rule);
  f.check = std::move(check);
  f.severity = severity;
  f.cue = cue;
  f.start = from_ms(start_ms);
  f.end = from_ms(end_ms);
  f.message = std::move(message);
  f.fix = std::move(fix);
  return f;
}

// A three-cue Turkish track with a hostile cue, and four findings of three severities.
struct Fixture {
  Document doc;
  Profile profile;
  std::unique_ptr<Context> context;
  std::vector<Finding> findings;

  Fixture() {
    doc.cues.push_back(make_cue(1000, 3500, "Merhaba, İstanbul!"));
    doc.cues.push_back(make_cue(3400, 5000, "<script>alert(1)</script> & \"quotes\""));
    doc.cues.push_back(make_cue(62500, 64000, "Nereye...\nEve."));
    profile.origin = "built in";
    context = std::make_unique<Context>(doc, profile);
    context->language = *LanguageTag::parse("tr");
    context->language_source = "file name";
    context->fps = FrameRate{25, 1};
    context->fps_source = "--fps";
    measure(*context);
    findings = {
        make("overlap", Severity::error, 2, 3400, 5000, "starts 0.1 s before cue 1 ends",
             "end cue 1 at 3.320"),
        make("reading-speed", Severity::warning, 2, 3400, 5000,
             "<script>alert(1)</script> 23.4 cps > 17"),
        make("ellipsis", Severity::note, 3, 62500, 64000, "\"...\" for \"…\"", "write …"),
        make("min-gap", Severity::warning, 0, 0, 0, "track-wide & <odd>"),
    };
  }
  Report report() const { return Report{"film.tr.srt", "", "", *context, findings}; }
};

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size()))
    ++n;
  return n;
}

std::size_t enabled_without_source() {
  std::size_t n = 0;
  for (const CheckInfo& check : all_checks())
    n += check.needs_source ? 0 : 1;
  return n;
}

TEST(QaReportJson, SchemaFieldsAndValues) {
  const Fixture fx;
  const json j = json::parse(report_json(fx.report()));
  EXPECT_EQ(j["kopru_qa"], 1);
  EXPECT_EQ(j["path"], "film.tr.srt");
  EXPECT_FALSE(j.contains("source"));
  EXPECT_FALSE(j.contains("film"));
  EXPECT_EQ(j["language"], (json{{"tag", "tr"}, {"source", "file name"}}));
  EXPECT_EQ(j["frame_rate"], (json{{"value", "25"}, {"source", "--fps"}}));
  EXPECT_EQ(j["profile"], (json{{"name", "netflix"}, {"origin", "built in"}}));
  EXPECT_NE(j["counting_rule"].get<std::string>().find("line breaks"), std::string::npos);
  const json& summary = j["summary"];
  EXPECT_EQ(summary["cues"], 3);
  EXPECT_EQ(summary["errors"], 1);
  EXPECT_EQ(summary["warnings"], 2);
  EXPECT_EQ(summary["notes"], 1);
  EXPECT_EQ(summary["by_check"]["overlap"], 1);
  EXPECT_EQ(summary["by_check"]["reading-speed"], 1);
  EXPECT_EQ(summary["by_check"]["min-duration"], 0) << "checks that ran are listed with 0";
  EXPECT_FALSE(summary["by_check"].contains("untranslated")) << "no source: not run";
  EXPECT_EQ(summary["by_check"].size(), enabled_without_source());

  ASSERT_EQ(j["findings"].size(), 4U);
  EXPECT_EQ(j["findings"][0], (json{{"check", "overlap"},
                                    {"rule", "KQ0104"},
                                    {"severity", "error"},
                                    {"cue", 2},
                                    {"start_ms", 3400},
                                    {"end_ms", 5000},
                                    {"message", "starts 0.1 s before cue 1 ends"},
                                    {"fix", "end cue 1 at 3.320"}}));
  EXPECT_FALSE(j["findings"][1].contains("fix")) << "fix only when there is one";
  EXPECT_EQ(j["findings"][1]["message"], "<script>alert(1)</script> 23.4 cps > 17");
  EXPECT_EQ(j["findings"][2]["severity"], "note");
  EXPECT_EQ(j["findings"][3]["cue"], 0);
}

TEST(QaReportJson, KeysInDocumentedOrderAndOptionalPaths) {
  const Fixture fx;
  const std::string text =
      report_json(Report{"a.srt", "a.source.srt", "film.mkv", *fx.context, fx.findings});
  const json j = json::parse(text);
  EXPECT_EQ(j["source"], "a.source.srt");
  EXPECT_EQ(j["film"], "film.mkv");
  EXPECT_EQ(j["summary"]["by_check"].size(), enabled_without_source()) << "context has no source";
  const std::vector<std::string> order = {
      "\"kopru_qa\"",   "\"path\"",    "\"source\"",        "\"film\"",    "\"language\"",
      "\"frame_rate\"", "\"profile\"", "\"counting_rule\"", "\"summary\"", "\"findings\""};
  std::size_t last = 0;
  for (const std::string& key : order) {
    const std::size_t at = text.find(key);
    ASSERT_NE(at, std::string::npos) << key;
    EXPECT_GT(at, last) << key;
    last = at;
  }
  EXPECT_EQ(text.back(), '\n');
}

TEST(QaReportJson, InvalidUtf8IsReplacedNotThrown) {
  const Fixture fx;
  std::vector<Finding> findings = {
      make("mojibake", Severity::error, 1, 1000, 3500, std::string("bad \xC3(\xFF byte"))};
  const json j = json::parse(report_json(Report{"f\xE9.srt", "", "", *fx.context, findings}));
  EXPECT_EQ(j["path"], "f\xEF\xBF\xBD.srt");
  EXPECT_EQ(j["findings"][0]["message"], "bad \xEF\xBF\xBD(\xEF\xBF\xBD byte");
}

TEST(QaReportJson, EmptyRun) {
  const Document doc;
  const Profile profile;
  Context context(doc, profile);
  const std::vector<Finding> none;
  const json j = json::parse(report_json(Report{"empty.srt", "", "", context, none}));
  EXPECT_EQ(j["language"]["tag"], "");
  EXPECT_EQ(j["summary"]["cues"], 0);
  EXPECT_TRUE(j["findings"].is_array());
  EXPECT_TRUE(j["findings"].empty());
}

TEST(QaReportJunit, SuitesCasesAndFailures) {
  const Fixture fx;
  const std::string xml = report_junit(fx.report());
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str())) << xml;
  const pugi::xml_node root = doc.child("testsuites");
  EXPECT_STREQ(root.attribute("name").value(), "kopru qa");
  EXPECT_EQ(root.attribute("tests").as_ullong(), enabled_without_source());
  EXPECT_EQ(root.attribute("failures").as_int(), 3) << "overlap, reading-speed, min-gap";
  EXPECT_EQ(root.attribute("errors").as_int(), 0);

  std::vector<std::string> suites;
  std::size_t cases = 0;
  for (const pugi::xml_node suite : root.children("testsuite")) {
    suites.emplace_back(suite.attribute("name").value());
    std::size_t here = 0;
    std::size_t failed = 0;
    for (const pugi::xml_node test : suite.children("testcase")) {
      ++here;
      failed += test.child("failure") ? 1 : 0;
      EXPECT_EQ(std::string(test.attribute("classname").value()), "kopru.qa." + suites.back());
    }
    EXPECT_EQ(suite.attribute("tests").as_ullong(), here);
    EXPECT_EQ(suite.attribute("failures").as_ullong(), failed);
    cases += here;
  }
  EXPECT_EQ(suites, (std::vector<std::string>{"timing", "reading", "text", "script"}));
  EXPECT_EQ(cases, enabled_without_source());

  const pugi::xml_node overlap = root.find_node([](pugi::xml_node n) {
    return std::string_view(n.attribute("name").value()) == "overlap (KQ0104)";
  });
  ASSERT_TRUE(overlap);
  EXPECT_STREQ(overlap.child("failure").attribute("message").value(), "1 finding");
  EXPECT_STREQ(overlap.child("failure").attribute("type").value(), "error");
  EXPECT_EQ(std::string(overlap.child("failure").text().get()),
            "cue 2 (00:00:03,400): starts 0.1 s before cue 1 ends\n");

  const pugi::xml_node speed = root.find_node([](pugi::xml_node n) {
    return std::string_view(n.attribute("name").value()) == "reading-speed (KQ0203)";
  });
  ASSERT_TRUE(speed);
  EXPECT_STREQ(speed.child("failure").attribute("type").value(), "warning");
  EXPECT_EQ(std::string(speed.child("failure").text().get()),
            "cue 2 (00:00:03,400): <script>alert(1)</script> 23.4 cps > 17\n");
  EXPECT_EQ(xml.find("<script>"), std::string::npos) << "escaped in the XML text";

  const pugi::xml_node gap = root.find_node([](pugi::xml_node n) {
    return std::string_view(n.attribute("name").value()) == "min-gap (KQ0103)";
  });
  EXPECT_EQ(std::string(gap.child("failure").text().get()), "whole track: track-wide & <odd>\n");

  const pugi::xml_node ellipsis = root.find_node([](pugi::xml_node n) {
    return std::string_view(n.attribute("name").value()) == "ellipsis (KQ0304)";
  });
  ASSERT_TRUE(ellipsis);
  EXPECT_FALSE(ellipsis.child("failure")) << "notes do not fail";
  EXPECT_EQ(std::string(ellipsis.child("system-out").text().get()),
            "note: cue 3 (00:01:02,500): \"...\" for \"…\"\n");
}

TEST(QaReportJunit, SourceSuiteOnlyWithASourceAndControlCharactersCleaned) {
  Fixture fx;
  const Document source = fx.doc;
  fx.context->source = &source;
  fx.findings.push_back(make("untranslated", Severity::error, 1, 1000, 3500,
                             std::string("same \x01 text\x1B and \xFF")));
  const std::string xml = report_junit(fx.report());
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str())) << xml;
  const pugi::xml_node root = doc.child("testsuites");
  EXPECT_EQ(root.attribute("tests").as_ullong(), all_checks().size());
  EXPECT_EQ(root.attribute("failures").as_int(), 4);
  EXPECT_TRUE(root.find_child_by_attribute("testsuite", "name", "source"));
  // XML 1.0 cannot carry C0 controls even as character references.
  EXPECT_EQ(xml.find("&#1;"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_NE(xml.find("same \xEF\xBF\xBD text\xEF\xBF\xBD and \xEF\xBF\xBD"), std::string::npos);
}

TEST(QaReportHtml, HeaderSummaryTimelineAndTable) {
  const Fixture fx;
  const std::string html = report_html(fx.report());
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_NE(html.find("<title>kopru qa: film.tr.srt</title>"), std::string::npos);
  EXPECT_NE(html.find("<th>Language</th><td>tr <span class=\"dim\">(file name)</span>"),
            std::string::npos);
  EXPECT_NE(html.find("<th>Frame rate</th><td>25 fps"), std::string::npos);
  EXPECT_NE(html.find("<th>Profile</th><td>netflix"), std::string::npos);
  EXPECT_NE(html.find("<th>Counting rule</th>"), std::string::npos);
  EXPECT_NE(html.find(">1 error</span>"), std::string::npos);
  EXPECT_NE(html.find(">2 warnings</span>"), std::string::npos);
  EXPECT_NE(html.find(">1 note</span>"), std::string::npos);
  // The timeline: one bar per cue with a tooltip, findings marked, cue 2 coloured as an error.
  EXPECT_EQ(count_of(html, "<svg "), 1U);
  EXPECT_NE(html.find("data-mode=\"cues\""), std::string::npos);
  EXPECT_EQ(count_of(html, "<rect class=\"cue "), 3U);
  EXPECT_EQ(count_of(html, "<rect class=\"mk "), 2U);
  EXPECT_NE(html.find("<rect class=\"cue s2\""), std::string::npos);
  EXPECT_NE(html.find("<title>Cue 1, 00:00:01,000 – 00:00:03,500\nMerhaba, İstanbul!</title>"),
            std::string::npos);
  EXPECT_NE(html.find("<title>Cue 3, 00:01:02,500 – 00:01:04,000\nNereye...\nEve.</title>"),
            std::string::npos);
  EXPECT_NE(html.find(">01:00</text>"), std::string::npos) << "mm:ss ticks";
  // Overlapping cue 2 goes to the second lane.
  EXPECT_NE(html.find("<rect class=\"cue s2\" x=\"47.8\" y=\"34.0\""), std::string::npos);
  // Filters and data.
  EXPECT_EQ(count_of(html, "data-sev=\""), 3U);
  EXPECT_NE(html.find("<option value=\"0\">KQ0103 min-gap</option>"), std::string::npos);
  EXPECT_NE(html.find("<script type=\"application/json\" id=\"kq-data\">"), std::string::npos);
  EXPECT_NE(html.find("[2,3400,5000,2,1,\"starts 0.1 s before cue 1 ends\",\"end cue 1 at "
                      "3.320\"]"),
            std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"))
      << "no resource is loaded from anywhere";
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST(QaReportHtml, HostileTextIsEscapedEverywhere) {
  Fixture fx;
  fx.findings.push_back(make("markup", Severity::error, 2, 3400, 5000,
                             "</script><script>alert(2)</script>", "<img src=x onerror=alert(3)>"));
  const std::string html = report_html(Report{"<b>evil</b>.srt", "", "", *fx.context, fx.findings});
  // The page's own two scripts, and the error hook in the head: nothing else.
  EXPECT_EQ(count_of(html, "<script"), 3U);
  EXPECT_EQ(count_of(html, "</script>"), 3U);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>evil"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;evil&lt;/b&gt;.srt"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"),
            std::string::npos)
      << "cue text in the tooltip";
  EXPECT_NE(html.find("\\u003c/script\\u003e\\u003cscript\\u003ealert(2)"), std::string::npos)
      << "messages in the JSON blob";
  // The blob is still JSON that carries the original text.
  const std::size_t begin = html.find("id=\"kq-data\">") + 13;
  const std::size_t end = html.find("</script>", begin);
  const json data = json::parse(html.substr(begin, end - begin));
  EXPECT_EQ(data["rows"].back()[5], "</script><script>alert(2)</script>");
  EXPECT_EQ(data["rows"].back()[6], "<img src=x onerror=alert(3)>");
}

TEST(QaReportHtml, HundredThousandCuesStaySmall) {
  Document doc;
  std::vector<Finding> findings;
  doc.cues.reserve(100000);
  findings.reserve(100000);
  for (std::int64_t i = 0; i < 100000; ++i) {
    doc.cues.push_back(
        make_cue(i * 3000, i * 3000 + 2000, "Bir satır metin, biraz uzun bir satır"));
    findings.push_back(make(i % 2 == 0 ? "reading-speed" : "min-gap",
                            i % 3 == 0 ? Severity::error : Severity::warning,
                            static_cast<std::size_t>(i + 1), i * 3000, i * 3000 + 2000,
                            "23.4 cps > 17", "shorten the cue"));
  }
  const Profile profile;
  Context context(doc, profile);
  measure(context);
  const auto begin = std::chrono::steady_clock::now();
  const std::string html = report_html(Report{"big.srt", "", "", context, findings});
  const auto took = std::chrono::steady_clock::now() - begin;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
  RecordProperty("html_ms", static_cast<int>(ms));
  RecordProperty("html_bytes", static_cast<int>(html.size()));
  // Speed is measured by tools/bench/qa-bench.sh, not here: this test only records it, and a
  // quadratic report would still end in the CTest timeout.
  EXPECT_LT(html.size(), 30U << 20U);
  EXPECT_NE(html.find("data-mode=\"buckets\""), std::string::npos);
  EXPECT_LE(count_of(html, "<rect "), 2 * 4000U) << "bars and markers per bucket, not per cue";
  EXPECT_NE(html.find("<th>Cues</th><td>100000</td>"), std::string::npos);
}

TEST(QaReportHtml, EmptyTrack) {
  const Document doc;
  const Profile profile;
  Context context(doc, profile);
  const std::vector<Finding> none;
  const std::string html = report_html(Report{"empty.srt", "", "", context, none});
  EXPECT_NE(html.find("<svg "), std::string::npos);
  EXPECT_NE(html.find(">0 errors</span>"), std::string::npos);
  EXPECT_NE(html.find("\"rows\":[]"), std::string::npos);
}

}  // namespace
}  // namespace kopru::qa
