// `kopru qa --html` opened in a real browser: headless Chromium (Debian package `chromium`, a
// test-only dependency installed by tools/install-deps) loads the page from disk, and the DOM it
// dumps after the page's script ran shows the rendered table and no script error.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <regex>

#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

namespace fs = std::filesystem;

// A Turkish track with a cue too short for any profile (min-duration), overlapping cues and a cue
// that tries to run a script in the report.
const char* const kPlanted =
    "1\n00:00:01,000 --> 00:00:01,400\nÇok kısa.\n\n"
    "2\n00:00:02,000 --> 00:00:04,500\n<script>alert(1)</script>\n\n"
    "3\n00:00:04,000 --> 00:00:06,000\nMerhaba, \"İstanbul\" & <b>Ankara</b>!\n\n"
    "4\n00:01:10,000 --> 00:01:12,000\nNereye gidiyorsun?\n";

bool chromium_installed() {
  return std::system("command -v chromium >/dev/null 2>&1") == 0;
}

struct Browser {
  int exit_code = -1;
  std::string dom;
  std::string log;
};

// --headless is the new headless mode in Chromium >= 132 (Debian 12 ships 1xx); --no-sandbox
// because tests may run as root in a container; a private profile so runs never share state.
Browser dump_dom(const ScratchDir& dir, const fs::path& page) {
  const fs::path dom = dir / "dom.html";
  const fs::path log = dir / "chromium.log";
  const std::string command =
      "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage "
      "--no-first-run --user-data-dir=" +
      q(dir / "profile") + " --enable-logging=stderr --v=0 --dump-dom " +
      q("file://" + page.string()) + " >" + q(dom) + " 2>" + q(log);
  const int status = std::system(command.c_str());
  Browser browser;
  browser.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  browser.dom = slurp(dom);
  browser.log = slurp(log);
  return browser;
}

// Lines the page wrote to the console (script errors are "Uncaught ...", blocked loads
// "Refused to ..."): the report writes none when it works.
std::vector<std::string> console_lines(const std::string& log) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < log.size()) {
    std::size_t end = log.find('\n', begin);
    if (end == std::string::npos)
      end = log.size();
    const std::string line = log.substr(begin, end - begin);
    if (line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos)
      lines.push_back(line);
    begin = end + 1;
  }
  return lines;
}

std::string body_attribute(const std::string& dom, const std::string& name) {
  const std::regex body("<body[^>]*\\s" + name + "=\"([^\"]*)\"");
  std::smatch match;
  return std::regex_search(dom, match, body) ? match[1].str() : std::string("(absent)");
}

TEST(QaHtmlE2e, PageLoadsInHeadlessChromiumWithoutErrors) {
  ASSERT_TRUE(chromium_installed())
      << "chromium is not installed: it is a test-only dependency, run tools/install-deps (as "
         "root) to install the Debian package `chromium`";
  ScratchDir dir;
  const std::string in = dir.write("film.tr.srt", kPlanted);
  const fs::path page = dir / "report.html";
  const auto qa = run_kopru("qa " + q(in) + " --fps 25 --html " + q(page));
  ASSERT_TRUE(qa.exit_code == 0 || qa.exit_code == 1) << qa.exit_code << "\n" << qa.err;
  ASSERT_TRUE(fs::exists(page)) << qa.out << qa.err;

  const auto json = run_kopru("qa " + q(in) + " --fps 25 --json");
  const auto findings = nlohmann::json::parse(json.out)["findings"].size();
  ASSERT_GE(findings, 1U) << "min-duration must find cue 1: " << json.out;

  const Browser browser = dump_dom(dir, page);
  ASSERT_EQ(browser.exit_code, 0) << browser.log;
  ASSERT_NE(browser.dom.find("<svg id=\"kq-timeline\""), std::string::npos) << browser.dom;
  EXPECT_EQ(body_attribute(browser.dom, "data-ready"), "1") << "the page's script did not finish\n"
                                                            << browser.log;
  EXPECT_EQ(body_attribute(browser.dom, "data-rows"),
            std::to_string(std::min<std::size_t>(findings, 1000)));
  EXPECT_EQ(body_attribute(browser.dom, "data-matching"), std::to_string(findings));
  EXPECT_EQ(browser.dom.find("data-js-error"), std::string::npos) << browser.dom;
  EXPECT_EQ(console_lines(browser.log), std::vector<std::string>{});
  // The rendered table rows, and the hostile cue still inert text in the tooltip.
  EXPECT_NE(browser.dom.find("<tr class=\"s1\"><td>1</td><td>00:00:01,000 – 00:00:01,400</td>"),
            std::string::npos)
      << browser.dom;
  EXPECT_EQ(browser.dom.find("<script>alert(1)"), std::string::npos);
}

}  // namespace
}  // namespace kopru::testing
