// The timing checks (min/max duration, min-gap, overlap, order, zero-duration, past-end,
// frame-grid) and fix_timing: planted problems with their exact messages, and the edges that must
// pass (exactly at a limit, millisecond-rounded frame times at 23.976 and 29.97 fps).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/io/load.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/fix_steps.h"
#include "tests/support/test_support.h"
#include "tests/unit/qa/qa_test_support.h"

namespace kopru::qa {
namespace {

Cue cue_at(Time start, Time end, std::string_view text = "Merhaba, nasılsın?") {
  Cue cue;
  cue.start = start;
  cue.end = end;
  cue.runs = runs_from_text(text);
  return cue;
}

Cue cue_ms(std::int64_t start, std::int64_t end, std::string_view text = "Merhaba, nasılsın?") {
  return cue_at(from_ms(start), from_ms(end), text);
}

// A track with the registry test's settings: netflix profile, 25 fps, no film unless set.
struct Track {
  Document doc;
  Profile profile = *builtin_profile("netflix");
  FrameRate fps{25, 1};
  std::optional<Time> film;

  explicit Track(std::vector<Cue> cues) { doc.cues = std::move(cues); }

  std::vector<Finding> check(std::string_view name) const {
    Context context(doc, profile);
    context.fps = fps;
    context.film_duration = film;
    measure(context);
    std::vector<Finding> findings;
    find_check(name)->run(context, findings);
    return findings;
  }

  // fix_timing on a copy; the track itself is not changed.
  Document fix(std::vector<Change>& changes) const {
    Context context(doc, profile);
    context.fps = fps;
    context.film_duration = film;
    measure(context);
    Document fixed = doc;
    fix_timing(context, fixed, changes);
    return fixed;
  }
};

using Messages = std::vector<std::string>;

// --- min-duration ---

TEST(QaTiming, MinDurationFlagsShortCue) {
  const auto findings = Track({cue_ms(1000, 3000), cue_ms(4000, 4600)}).check("min-duration");
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].cue, 2U);
  EXPECT_EQ(findings[0].check, "min-duration");
  EXPECT_EQ(findings[0].rule, "KQ0101");
  EXPECT_EQ(findings[0].message, "0.600 s < 0.833 s");
}

TEST(QaTiming, MinDurationPassesExactlyAtLimitAndLeavesZeroLength) {
  EXPECT_TRUE(Track({cue_ms(1000, 1833), cue_ms(3000, 3000)}).check("min-duration").empty());
}

// --- max-duration ---

TEST(QaTiming, MaxDurationFlagsLongCue) {
  const auto findings = Track({cue_ms(1000, 8001)}).check("max-duration");
  EXPECT_EQ(messages(findings), Messages{"cue 1: 7.001 s > 7.000 s"});
  EXPECT_EQ(findings[0].rule, "KQ0102");
  EXPECT_EQ(findings[0].fix, "");
}

TEST(QaTiming, MaxDurationPassesExactlyAtLimit) {
  EXPECT_TRUE(Track({cue_ms(1000, 8000), cue_ms(9000, 9000)}).check("max-duration").empty());
}

// --- min-gap ---

TEST(QaTiming, MinGapOneFrameAt25) {
  const auto findings = Track({cue_ms(1000, 2960), cue_ms(3000, 5000)}).check("min-gap");
  EXPECT_EQ(messages(findings), Messages{"cue 2: gap 1 frame < 2 frames (40 ms at 25 fps)"});
  EXPECT_EQ(findings[0].rule, "KQ0103");
  EXPECT_EQ(findings[0].fix, "end cue 1 2 frames before this cue starts");
}

TEST(QaTiming, MinGapJustUnderLimitAndTouching) {
  const Track track({cue_ms(1000, 2000), cue_ms(2079, 3000), cue_ms(3000, 4000)});
  EXPECT_EQ(messages(track.check("min-gap")),
            (Messages{"cue 2: gap 1 frame < 2 frames (79 ms at 25 fps)",
                      "cue 3: gap 0 frames < 2 frames (0 ms at 25 fps)"}));
}

TEST(QaTiming, MinGapPassesExactlyTwoFramesAndLarger) {
  EXPECT_TRUE(
      Track({cue_ms(1000, 2000), cue_ms(2080, 3000), cue_ms(5000, 6000)}).check("min-gap").empty());
}

TEST(QaTiming, MinGapSkipsOverlapsAndCuesOutOfOrder) {
  // Overlaps are overlap's; a cue listed after a later one is order's.
  EXPECT_TRUE(Track({cue_ms(1000, 2000), cue_ms(1900, 3000)}).check("min-gap").empty());
  EXPECT_TRUE(Track({cue_ms(5000, 6000), cue_ms(1000, 2000)}).check("min-gap").empty());
}

TEST(QaTiming, MinGapAt23976AcceptsMillisecondRoundedTwoFrames) {
  Track track({cue_ms(1000, 2000), cue_ms(2083, 3000), cue_ms(3084, 4000), cue_ms(4082, 5000)});
  track.fps = *FrameRate::parse("23.976");
  // 2 frames = 83.417 ms: SRT stores it as 83 or 84 ms, both fine; 82 ms is not.
  EXPECT_EQ(messages(track.check("min-gap")),
            Messages{"cue 4: gap 1 frame < 2 frames (82 ms at 23.976 fps)"});
}

TEST(QaTiming, MinGapAt23976ExactFrames) {
  const FrameRate rate = *FrameRate::parse("23.976");
  Track track({cue_at(frames_to_time(24, rate), frames_to_time(48, rate)),
               cue_at(frames_to_time(50, rate), frames_to_time(80, rate)),
               cue_at(frames_to_time(81, rate), frames_to_time(120, rate))});
  track.fps = rate;
  EXPECT_EQ(messages(track.check("min-gap")),
            Messages{"cue 3: gap 1 frame < 2 frames (42 ms at 23.976 fps)"});
}

TEST(QaTiming, MinGapFollowsProfile) {
  Track track({cue_ms(1000, 2000), cue_ms(2080, 3000)});
  track.profile.min_gap_frames = 3;
  EXPECT_EQ(messages(track.check("min-gap")),
            Messages{"cue 2: gap 2 frames < 3 frames (80 ms at 25 fps)"});
  track.profile.min_gap_frames = 0;
  EXPECT_TRUE(track.check("min-gap").empty());
}

// --- overlap ---

TEST(QaTiming, OverlapFlagsLaterCue) {
  const auto findings = Track({cue_ms(1000, 2500), cue_ms(2250, 4000)}).check("overlap");
  EXPECT_EQ(messages(findings), Messages{"cue 2: overlaps cue 1 by 0.250 s"});
  EXPECT_EQ(findings[0].rule, "KQ0104");
  EXPECT_EQ(findings[0].severity, Severity::error);
}

TEST(QaTiming, OverlapComparesWithLatestEnd) {
  // Cue 1 covers cues 2 and 3; cue 3 ends before cue 1 does.
  const Track track({cue_ms(0, 10000), cue_ms(2000, 3000), cue_ms(4000, 5000)});
  EXPECT_EQ(messages(track.check("overlap")),
            (Messages{"cue 2: overlaps cue 1 by 1.000 s", "cue 3: overlaps cue 1 by 1.000 s"}));
}

TEST(QaTiming, OverlapNoneForTouchingGapsAndZeroLength) {
  EXPECT_TRUE(
      Track({cue_ms(1000, 2000), cue_ms(2000, 3000), cue_ms(2500, 2500)}).check("overlap").empty());
}

TEST(QaTiming, OverlapOnUnsortedInputUsesTimes) {
  // Listed out of order but apart on screen: order's problem, not an overlap.
  EXPECT_TRUE(Track({cue_ms(10000, 12000), cue_ms(5000, 6000)}).check("overlap").empty());
  // Cue 2 (5-11 s) is on screen when cue 1 (10-12 s) appears.
  EXPECT_EQ(messages(Track({cue_ms(10000, 12000), cue_ms(5000, 11000)}).check("overlap")),
            Messages{"cue 1: overlaps cue 2 by 1.000 s"});
}

// --- order ---

TEST(QaTiming, OrderFlagsOnlyTheCueBreakingIt) {
  const auto findings =
      Track({cue_ms(0, 1000), cue_ms(5000, 6000), cue_ms(3000, 4000), cue_ms(7000, 8000)})
          .check("order");
  EXPECT_EQ(messages(findings),
            Messages{"cue 3: starts at 00:00:03,000, before cue 2 (00:00:05,000)"});
  EXPECT_EQ(findings[0].rule, "KQ0105");
}

TEST(QaTiming, OrderAcceptsEqualStarts) {
  EXPECT_TRUE(Track({cue_ms(1000, 2000), cue_ms(1000, 3000)}).check("order").empty());
}

// --- zero-duration ---

TEST(QaTiming, ZeroDurationZeroAndNegative) {
  const auto findings =
      Track({cue_ms(1000, 2000), cue_ms(5000, 5000), cue_ms(7000, 6500)}).check("zero-duration");
  EXPECT_EQ(messages(findings),
            (Messages{"cue 2: zero duration (starts and ends at 00:00:05,000)",
                      "cue 3: ends at 00:00:06,500, 0.500 s before it starts (00:00:07,000)"}));
  EXPECT_EQ(findings[0].rule, "KQ0106");
}

TEST(QaTiming, ZeroDurationPassesOneTick) {
  EXPECT_TRUE(
      Track({cue_at(from_ms(1000), from_ms(1000) + Time{1})}).check("zero-duration").empty());
}

// --- past-end ---

TEST(QaTiming, PastEndNeedsFilm) {
  EXPECT_TRUE(Track({cue_ms(700000, 702000)}).check("past-end").empty());
}

TEST(QaTiming, PastEndEndsOrStartsAfterFilm) {
  Track track({cue_ms(596000, 600000), cue_ms(598000, 602000), cue_ms(605000, 606000)});
  track.film = from_seconds(600);
  const auto findings = track.check("past-end");
  EXPECT_EQ(messages(findings),
            (Messages{"cue 2: ends at 00:10:02,000, after the film (00:10:00,000)",
                      "cue 3: starts at 00:10:05,000, after the film ends (00:10:00,000)"}));
  EXPECT_EQ(findings[0].rule, "KQ0107");
}

// --- frame-grid ---

TEST(QaTiming, FrameGridOnlyForFrameBasedDeliveries) {
  EXPECT_TRUE(Track({cue_ms(1010, 2000)}).check("frame-grid").empty());
}

TEST(QaTiming, FrameGridFlagsStartEndOrBoth) {
  Track track({cue_ms(1010, 2000), cue_ms(3000, 4000), cue_ms(5000, 6030), cue_ms(7001, 8019)});
  track.profile.frame_grid = true;
  const auto findings = track.check("frame-grid");
  EXPECT_EQ(
      messages(findings),
      (Messages{"cue 1: start 00:00:01,010 (nearest frame 00:00:01,000) off the 25 fps frame grid",
                "cue 3: end 00:00:06,030 (nearest frame 00:00:06,040) off the 25 fps frame grid",
                "cue 4: start 00:00:07,001 (nearest frame 00:00:07,000) and end 00:00:08,019 "
                "(nearest frame 00:00:08,000) off the 25 fps frame grid"}));
  EXPECT_EQ(findings[0].rule, "KQ0108");
  EXPECT_EQ(findings[0].fix, "move to the nearest frame");
}

TEST(QaTiming, FrameGridNtscAcceptsExactAndMillisecondRoundedFrames) {
  for (const char* rate_text : {"29.97", "23.976", "59.94"}) {
    SCOPED_TRACE(rate_text);
    const FrameRate rate = *FrameRate::parse(rate_text);
    std::vector<Cue> cues;
    for (std::int64_t frame = 0; frame < 3000; frame += 2) {
      const Time start = frames_to_time(frame, rate);
      const Time rounded = from_ms(to_ms(frames_to_time(frame + 1, rate)));
      cues.push_back(cue_at(start, rounded));
    }
    Track track(std::move(cues));
    track.fps = rate;
    track.profile.frame_grid = true;
    EXPECT_TRUE(track.check("frame-grid").empty());
  }
}

TEST(QaTiming, FrameGridNtscFlagsMoreThanHalfAMillisecondOff) {
  // Frame 1 at 29.97 is 33.367 ms: 33 ms (0.367 off) is its SRT form, 34 ms (0.633 off) is not.
  Track track({cue_ms(33, 1001), cue_ms(34, 1001)});
  track.fps = *FrameRate::parse("29.97");
  track.profile.frame_grid = true;
  EXPECT_EQ(
      messages(track.check("frame-grid")),
      Messages{
          "cue 2: start 00:00:00,034 (nearest frame 00:00:00,033) off the 29.97 fps frame grid"});
}

// --- all timing checks on the clean Turkish track ---

TEST(QaTiming, CleanTrackHasNoTimingFindings) {
  Diagnostics diag;
  const io::Loaded loaded = io::load_file(testing::source_dir() / "tests/qa/clean/timing.tr.srt",
                                          io::LoadOptions{}, diag);
  ASSERT_EQ(loaded.doc.cues.size(), 11U);
  Track track(loaded.doc.cues);
  track.film = from_seconds(600);
  track.profile.frame_grid = true;
  for (const char* check : {"min-duration", "max-duration", "min-gap", "overlap", "order",
                            "zero-duration", "past-end", "frame-grid"})
    EXPECT_EQ(messages(track.check(check)), Messages{}) << check;
}

// --- fix_timing ---

std::vector<std::string> texts(const Document& doc) {
  std::vector<std::string> out;
  out.reserve(doc.cues.size());
  for (const Cue& cue : doc.cues)
    out.push_back(plain_text(cue));
  return out;
}

void expect_change(const Change& change, std::string_view check, std::size_t cue,
                   std::string_view before, std::string_view after) {
  EXPECT_EQ(change.check, check);
  EXPECT_EQ(change.cue, cue);
  EXPECT_EQ(change.before, before);
  EXPECT_EQ(change.after, after);
}

TEST(QaTimingFix, OverlapEndsEarlierCueTwoFramesBeforeNext) {
  const Track track({cue_ms(1000, 2500, "Nereye gidiyorsun?"), cue_ms(2250, 4000, "Eve."),
                     cue_ms(5000, 6000, "Tamam.")});
  std::vector<Change> changes;
  const Document fixed = track.fix(changes);
  ASSERT_EQ(changes.size(), 1U);
  expect_change(changes[0], "overlap", 1, "00:00:01,000 --> 00:00:02,500",
                "00:00:01,000 --> 00:00:02,170");
  EXPECT_EQ(fixed.cues[0].end, from_ms(2170));
  EXPECT_EQ(fixed.cues[1], track.doc.cues[1]);
  EXPECT_EQ(fixed.cues[2], track.doc.cues[2]);
  EXPECT_EQ(texts(fixed), texts(track.doc));
  Track after(fixed.cues);
  EXPECT_TRUE(after.check("overlap").empty());
  EXPECT_TRUE(after.check("min-gap").empty());
}

TEST(QaTimingFix, OverlapStartsNextLaterWhenEarlierWouldBeTooShort) {
  const Track track({cue_ms(1000, 2000), cue_ms(1500, 4000)});
  std::vector<Change> changes;
  const Document fixed = track.fix(changes);
  ASSERT_EQ(changes.size(), 1U);
  expect_change(changes[0], "overlap", 2, "00:00:01,500 --> 00:00:04,000",
                "00:00:02,080 --> 00:00:04,000");
  EXPECT_EQ(fixed.cues[0], track.doc.cues[0]);
}

TEST(QaTimingFix, OverlapLeftAloneWhenNeitherCueHasRoom) {
  const Track track({cue_ms(1000, 2000), cue_ms(1500, 2400)});
  std::vector<Change> changes;
  const Document fixed = track.fix(changes);
  EXPECT_TRUE(changes.empty());
  EXPECT_EQ(fixed, track.doc);
}

TEST(QaTimingFix, MinGapPullsEarlierEndBack) {
  const Track track({cue_ms(1000, 2960), cue_ms(3000, 5000), cue_ms(5000, 7000)});
  std::vector<Change> changes;
  const Document fixed = track.fix(changes);
  ASSERT_EQ(changes.size(), 2U);
  expect_change(changes[0], "min-gap", 1, "00:00:01,000 --> 00:00:02,960",
                "00:00:01,000 --> 00:00:02,920");
  expect_change(changes[1], "min-gap", 2, "00:00:03,000 --> 00:00:05,000",
                "00:00:03,000 --> 00:00:04,920");
  EXPECT_EQ(fixed.cues[2], track.doc.cues[2]);
  EXPECT_EQ(texts(fixed), texts(track.doc));
  EXPECT_TRUE(Track(fixed.cues).check("min-gap").empty());
}

TEST(QaTimingFix, MinGapAt23976LeavesExactTwoFrames) {
  Track track({cue_ms(1000, 2950), cue_ms(3000, 5000)});
  track.fps = *FrameRate::parse("23.976");
  std::vector<Change> changes;
  const Document fixed = track.fix(changes);
  ASSERT_EQ(changes.size(), 1U);
  expect_change(changes[0], "min-gap", 1, "00:00:01,000 --> 00:00:02,950",
                "00:00:01,000 --> 00:00:02,917");
  EXPECT_EQ(fixed.cues[1].start - fixed.cues[0].end, frames_to_time(2, track.fps));
  // Still accepted once rounded to milliseconds, as SRT writes it.
  Track written({cue_ms(1000, to_ms(fixed.cues[0].end)), cue_ms(3000, 5000)});
  written.fps = track.fps;
  EXPECT_TRUE(written.check("min-gap").empty());
}

TEST(QaTimingFix, FrameGridSnapsOffGridTimesFirst) {
  Track track({cue_ms(1010, 2480), cue_ms(2530, 4000)});
  track.profile.frame_grid = true;
  std::vector<Change> changes;
  const Document fixed = track.fix(changes);
  ASSERT_EQ(changes.size(), 3U);
  expect_change(changes[0], "frame-grid", 1, "00:00:01,010 --> 00:00:02,480",
                "00:00:01,000 --> 00:00:02,480");
  // 2.530 s snaps to 2.520 s, 40 ms after cue 1: cue 1 then ends 2 frames before.
  expect_change(changes[1], "frame-grid", 2, "00:00:02,530 --> 00:00:04,000",
                "00:00:02,520 --> 00:00:04,000");
  expect_change(changes[2], "min-gap", 1, "00:00:01,000 --> 00:00:02,480",
                "00:00:01,000 --> 00:00:02,440");
  EXPECT_EQ(texts(fixed), texts(track.doc));
}

TEST(QaTimingFix, MinDurationLengthenedWhereNextCueLeavesRoom) {
  Track track({cue_ms(1000, 1500), cue_ms(3000, 3400), cue_ms(3600, 6000)});
  std::vector<Change> changes;
  const Document fixed = track.fix(changes);
  ASSERT_EQ(changes.size(), 1U);
  expect_change(changes[0], "min-duration", 1, "00:00:01,000 --> 00:00:01,500",
                "00:00:01,000 --> 00:00:01,833");
  EXPECT_EQ(fixed.cues[1], track.doc.cues[1]);  // cue 3 starts too soon after it
}

TEST(QaTimingFix, NothingToFixOnCleanTrackAndUnsortedOrZeroLengthCues) {
  Diagnostics diag;
  const io::Loaded loaded = io::load_file(testing::source_dir() / "tests/qa/clean/timing.tr.srt",
                                          io::LoadOptions{}, diag);
  Track clean(loaded.doc.cues);
  clean.profile.frame_grid = true;
  std::vector<Change> changes;
  EXPECT_EQ(clean.fix(changes), clean.doc);
  EXPECT_TRUE(changes.empty());

  // Out of order (cue 2 before cue 1) and a zero-length cue: left for a human.
  const Track odd({cue_ms(5000, 7000), cue_ms(1000, 5500), cue_ms(6000, 6000), cue_ms(6000, 8000)});
  EXPECT_EQ(odd.fix(changes), odd.doc);
  EXPECT_TRUE(changes.empty());
}

}  // namespace
}  // namespace kopru::qa
