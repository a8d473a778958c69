// TTML time expressions under every timing parameter, exact to the tick.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "codecs/ttml/ttml_time.h"

namespace kopru::codecs::ttml {
namespace {

TimingParameters parameters_of(const char* root) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(root));
  return timing_parameters(doc.first_child());
}

constexpr const char* kPlain = R"(<tt xmlns="http://www.w3.org/ns/ttml"/>)";

Time parse(std::string_view text, const TimingParameters& p = TimingParameters{}) {
  const auto t = parse_time_expression(text, p);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(Time{-1});
}

TEST(TtmlTime, ClockTimesWithFractions) {
  EXPECT_EQ(parse("00:00:01.5"), from_ms(1500));
  EXPECT_EQ(parse("01:02:03.045"), from_ms(3723045));
  EXPECT_EQ(parse("00:00:00.0000001"), Time{71});  // 1e-7 s = 70.56 ticks, rounded
  EXPECT_EQ(parse("100:00:00"), from_seconds(360000));
  EXPECT_EQ(time_expression_kind("00:00:01.5"), "clock");
}

TEST(TtmlTime, ClockTimesWithFramesUseTheEffectiveRate) {
  const auto p = parameters_of(
      R"(<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
             ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001" ttp:subFrameRate="2"/>)");
  EXPECT_EQ(p.frame_rate, (FrameRate{30000, 1001}));
  EXPECT_EQ(parse("00:00:01:15", p), from_seconds(1) + frames_to_time(15, FrameRate{30000, 1001}));
  // A sub-frame is half a frame here.
  EXPECT_EQ(parse("00:00:00:01.1", p), frames_to_time(3, FrameRate{60000, 1001}));
  EXPECT_FALSE(parse_time_expression("00:00:00:30", p).has_value());    // frame >= 30
  EXPECT_FALSE(parse_time_expression("00:00:00:01.2", p).has_value());  // sub-frame >= 2
  EXPECT_EQ(time_expression_kind("00:00:00:01.1"), "clock-frames");
}

TEST(TtmlTime, OffsetTimesInEveryMetric) {
  const auto p = parameters_of(kPlain);
  EXPECT_EQ(parse("1.5h", p), from_seconds(5400));
  EXPECT_EQ(parse("2m", p), from_seconds(120));
  EXPECT_EQ(parse("2.25s", p), from_ms(2250));
  EXPECT_EQ(parse("40ms", p), from_ms(40));
  EXPECT_EQ(parse("30f", p), from_seconds(1));  // default frame rate 30
  EXPECT_EQ(parse("7t", p), from_seconds(7));   // default tick rate 1
  EXPECT_EQ(time_expression_kind("40ms"), "offset-ms");
}

TEST(TtmlTime, TickRateDefaultsToFramesTimesSubFrames) {
  auto p = parameters_of(
      R"(<tt xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="25" ttp:subFrameRate="4"/>)");
  EXPECT_EQ(parse("100t", p), from_seconds(1));
  p = parameters_of(
      R"(<tt xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:tickRate="10000000"/>)");
  EXPECT_TRUE(p.tick_rate_declared);
  // 123456789 x 70.56 ticks = 8,711,111,031.84, rounded to the nearest tick.
  EXPECT_EQ(parse("123456789t", p), Time{8'711'111'032});
}

TEST(TtmlTime, SmpteDropFrameLabels) {
  const auto p = parameters_of(
      R"(<tt xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:timeBase="smpte"
             ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001" ttp:dropMode="dropNTSC"/>)");
  // 00:01:00;02 is frame 1800 in drop-frame counting.
  EXPECT_EQ(parse("00:01:00:02", p), frames_to_time(1800, FrameRate{30000, 1001}));
  EXPECT_FALSE(parse_time_expression("00:01:00:00", p).has_value());  // label does not exist
}

TEST(TtmlTime, ParametersUnderLegacyNamespacesAndAnyPrefix) {
  const auto p = parameters_of(
      R"(<tt xmlns="http://www.w3.org/2006/10/ttaf1" xmlns:x="http://www.w3.org/2006/10/ttaf1#parameter" x:frameRate="25"/>)");
  EXPECT_TRUE(p.frame_rate_declared);
  EXPECT_EQ(p.frame_rate, (FrameRate{25, 1}));
}

TEST(TtmlTime, MalformedParametersKeepTheDefaultAndSaySo) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(
      R"(<tt xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="-3" ttp:timeBase="wall"/>)"));
  std::string problem;
  const auto p = timing_parameters(doc.first_child(), &problem);
  EXPECT_FALSE(p.frame_rate_declared);
  EXPECT_EQ(p.time_base, "media");
  EXPECT_EQ(problem, "ttp:timeBase=\"wall\" is not valid; the default is used");
}

TEST(TtmlTime, InvalidExpressions) {
  for (const char* bad :
       {"", "1", "1.s", ".5s", "00:00", "0:00:01", "00:0:01", "00:00:01.", "00:61:00", "1x", "5 s",
        "-1s", "00:00:01,000", "999999999999999999h", "1234567890123456789t"}) {
    EXPECT_FALSE(parse_time_expression(bad, TimingParameters{}).has_value()) << bad;
  }
}

}  // namespace
}  // namespace kopru::codecs::ttml
