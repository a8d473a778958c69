#include "pipeline/model/time.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace kopru {
namespace {

constexpr FrameRate kNtsc{30000, 1001};
constexpr FrameRate kNtsc60{60000, 1001};
constexpr FrameRate kFilm{24000, 1001};

TEST(Time, MillisecondsAndCentisecondsAreExact) {
  EXPECT_EQ(from_ms(1).count(), 705'600);
  EXPECT_EQ(from_cs(1).count(), 7'056'000);
  EXPECT_EQ(to_ms(from_ms(123'456'789)), 123'456'789);
  EXPECT_EQ(to_cs(from_ms(1234)), 123);  // 123.4 cs rounds down
  EXPECT_EQ(to_cs(from_ms(1235)), 124);  // half away from zero
  EXPECT_EQ(to_ms(Time(kTicksPerMs / 2)), 1);
  EXPECT_EQ(to_ms(Time(kTicksPerMs / 2 - 1)), 0);
  EXPECT_EQ(to_ms(Time(-kTicksPerMs / 2)), -1);
  EXPECT_EQ(to_ms(Time(kTicksPerMs - 1), Rounding::down), 0);
  EXPECT_EQ(to_ms(Time(1), Rounding::up), 1);
  EXPECT_EQ(to_ms(Time(-1), Rounding::down), -1);
}

TEST(Time, NtscFramesAreWholeTicks) {
  EXPECT_EQ(frames_to_time(1, kFilm).count(), 29'429'400);
  EXPECT_EQ(frames_to_time(1, kNtsc).count(), 23'543'520);
  EXPECT_EQ(frames_to_time(1, kNtsc60).count(), 11'771'760);
  EXPECT_EQ(frames_to_time(1, FrameRate{25, 1}).count(), 28'224'000);
  // A day of 23.976 frames converts there and back exactly.
  const std::int64_t day = 24LL * 3600 * 24;
  EXPECT_EQ(time_to_frames(frames_to_time(day, kFilm), kFilm), day);
  EXPECT_EQ(frames_to_time(24000, kFilm), from_seconds(1001));
}

TEST(Time, FramesRoundAsAsked) {
  const FrameRate pal{25, 1};
  EXPECT_EQ(time_to_frames(from_ms(39), pal), 1);  // 0.975 frames
  EXPECT_EQ(time_to_frames(from_ms(39), pal, Rounding::down), 0);
  EXPECT_EQ(time_to_frames(from_ms(41), pal, Rounding::up), 2);
  EXPECT_EQ(time_to_frames(from_ms(20), pal), 1);  // exactly half: away from zero
  // MicroDVD at 23.976: frame 230 is 9.5929 s, as FFmpeg reports 9.593.
  EXPECT_EQ(to_ms(frames_to_time(230, kFilm)), 9593);
}

TEST(FrameRate, Parse) {
  EXPECT_EQ(FrameRate::parse("25"), (FrameRate{25, 1}));
  EXPECT_EQ(FrameRate::parse("23.976"), kFilm);
  EXPECT_EQ(FrameRate::parse("23.98"), kFilm);
  EXPECT_EQ(FrameRate::parse("29.97"), kNtsc);
  EXPECT_EQ(FrameRate::parse("59.94"), kNtsc60);
  EXPECT_EQ(FrameRate::parse("30000/1001"), kNtsc);
  EXPECT_EQ(FrameRate::parse("24000:1001"), kFilm);
  EXPECT_EQ(FrameRate::parse("12.5"), (FrameRate{25, 2}));
  EXPECT_EQ(FrameRate::parse("24.0"), (FrameRate{24, 1}));
  EXPECT_FALSE(FrameRate::parse(""));
  EXPECT_FALSE(FrameRate::parse("0"));
  EXPECT_FALSE(FrameRate::parse("-25"));
  EXPECT_FALSE(FrameRate::parse("abc"));
  EXPECT_FALSE(FrameRate::parse("25/0"));
  EXPECT_FALSE(FrameRate::parse("1e9"));
  EXPECT_TRUE(kNtsc.is_ntsc_drop_capable());
  EXPECT_TRUE(kNtsc60.is_ntsc_drop_capable());
  EXPECT_FALSE(kFilm.is_ntsc_drop_capable());
  EXPECT_EQ(kNtsc.nominal(), 30);
  EXPECT_EQ(kFilm.to_string(), "24000/1001");
}

TEST(Timecode, NonDropFrame) {
  const Timecode tc{1, 2, 3, 4, false};
  EXPECT_EQ(timecode_to_frames(tc, FrameRate{25, 1}), ((60 + 2) * 60 + 3) * 25 + 4);
  EXPECT_EQ(frames_to_timecode(93079, FrameRate{25, 1}, false), tc);
  EXPECT_EQ(tc.to_string(), "01:02:03:04");
  EXPECT_THROW(timecode_to_frames(Timecode{0, 0, 0, 25, false}, FrameRate{25, 1}),
               std::invalid_argument);
}

TEST(Timecode, DropFrame2997) {
  auto df = [](int h, int m, int s, int f) { return Timecode{h, m, s, f, true}; };
  EXPECT_EQ(timecode_to_frames(df(0, 0, 59, 29), kNtsc), 1799);
  EXPECT_EQ(timecode_to_frames(df(0, 1, 0, 2), kNtsc), 1800);
  EXPECT_EQ(timecode_to_frames(df(0, 10, 0, 0), kNtsc), 17982);
  EXPECT_EQ(timecode_to_frames(df(1, 0, 0, 0), kNtsc), 107892);
  EXPECT_EQ(frames_to_timecode(1800, kNtsc, true), df(0, 1, 0, 2));
  EXPECT_EQ(frames_to_timecode(17982, kNtsc, true), df(0, 10, 0, 0));
  EXPECT_EQ(frames_to_timecode(107892, kNtsc, true), df(1, 0, 0, 0));
  EXPECT_EQ(frames_to_timecode(1800, kNtsc, true).to_string(), "00:01:00;02");
  // Labels skipped by drop-frame counting do not exist.
  EXPECT_THROW(timecode_to_frames(df(0, 1, 0, 0), kNtsc), std::invalid_argument);
  EXPECT_THROW(timecode_to_frames(df(0, 0, 0, 0), FrameRate{25, 1}), std::invalid_argument);
  // Every frame of two hours survives frames -> timecode -> frames.
  for (std::int64_t f = 0; f < 2 * 107892; f += 7) {
    ASSERT_EQ(timecode_to_frames(frames_to_timecode(f, kNtsc, true), kNtsc), f) << f;
  }
  // One hour of drop-frame timecode is 3600.0036 s of real time: within a frame of an hour.
  const Time hour = timecode_to_time(df(1, 0, 0, 0), kNtsc);
  EXPECT_LT(std::chrono::abs(hour - from_seconds(3600)), frames_to_time(1, kNtsc));
}

TEST(Timecode, DropFrame5994) {
  auto df = [](int h, int m, int s, int f) { return Timecode{h, m, s, f, true}; };
  EXPECT_EQ(timecode_to_frames(df(0, 1, 0, 4), kNtsc60), 3600);
  EXPECT_EQ(timecode_to_frames(df(0, 10, 0, 0), kNtsc60), 35964);
  EXPECT_EQ(timecode_to_frames(df(1, 0, 0, 0), kNtsc60), 215784);
  EXPECT_THROW(timecode_to_frames(df(0, 2, 0, 3), kNtsc60), std::invalid_argument);
  for (std::int64_t f = 0; f < 215784; f += 13) {
    ASSERT_EQ(timecode_to_frames(frames_to_timecode(f, kNtsc60, true), kNtsc60), f) << f;
  }
}

TEST(Timecode, Parse) {
  EXPECT_EQ(Timecode::parse("01:02:03:04"), (Timecode{1, 2, 3, 4, false}));
  EXPECT_EQ(Timecode::parse("01:02:03;04"), (Timecode{1, 2, 3, 4, true}));
  EXPECT_FALSE(Timecode::parse("1:02:03:04"));
  EXPECT_FALSE(Timecode::parse("01:62:03:04"));
  EXPECT_FALSE(Timecode::parse("01:02:03-04"));
}

TEST(Time, FormatHmsMs) {
  EXPECT_EQ(format_hms_ms(from_ms(3'723'004)), "01:02:03.004");
  EXPECT_EQ(format_hms_ms(from_ms(3'723'004), ','), "01:02:03,004");
  EXPECT_EQ(format_hms_ms(from_ms(-1500)), "-00:00:01.500");
  EXPECT_EQ(format_hms_ms(from_seconds(100 * 3600)), "100:00:00.000");
}

}  // namespace
}  // namespace kopru
