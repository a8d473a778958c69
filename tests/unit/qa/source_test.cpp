// The source group of `kopru qa`: the alignment of a translation with its source track, and the
// checks built on it (missing-cue, extra-cue, untranslated, number-mismatch, timing-drift,
// merged-cue, split-cue, style-mismatch), on planted problems, clean counter-examples and real
// pairs from the corpus.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "pipeline/io/load.h"
#include "pipeline/qa/alignment.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/source_text.h"
#include "pipeline/translit/document.h"
#include "pipeline/translit/translit.h"
#include "tests/support/test_support.h"
#include "tests/unit/qa/qa_test_support.h"

namespace kopru::qa {
namespace {

namespace fs = std::filesystem;

Cue cue_at(std::int64_t start_ms, std::int64_t end_ms, std::string_view text = "Text",
           const std::vector<Span>& spans = {}) {
  return make_cue(start_ms, end_ms, text, spans);
}

Document track(std::vector<Cue> cues) {
  Document doc;
  doc.cues = std::move(cues);
  return doc;
}

// A context over a translation and its source, measured, with the netflix profile.
struct Pair {
  Document target;
  Document source;
  Profile profile = *builtin_profile("netflix");
  Context context;
  Pair(Document target_in, Document source_in, std::string_view language = "kk-Latn")
      : target(std::move(target_in)), source(std::move(source_in)), context(target, profile) {
    context.language = LanguageTag::parse(language).value_or(LanguageTag{});
    context.fps = FrameRate{25, 1};
    context.source = &source;
    measure(context);
  }
  Pair(const Pair&) = delete;
};

std::vector<Finding> run_source_group(const Context& context) {
  std::vector<Finding> findings;
  for (const CheckInfo& check : all_checks()) {
    if (check.group == "source")
      check.run(context, findings);
  }
  return findings;
}

std::string listing(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings)
    out += std::to_string(f.cue) + " " + f.check + ": " + f.message + "\n";
  return out;
}

// ---------------------------------------------------------------------------------- alignment

TEST(QaAlignment, OneToOnePairsFollowTime) {
  const Document target = track({cue_at(1000, 3000), cue_at(3500, 6000), cue_at(7000, 9000)});
  const Document source = track({cue_at(1000, 3000), cue_at(3500, 6000), cue_at(7000, 9000)});
  const Alignment a(target.cues, source.cues);
  ASSERT_EQ(a.group_count(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(a.best_source(i), i);
    EXPECT_EQ(a.best_target(i), i);
    EXPECT_EQ(a.matched_source(i), i);
    EXPECT_FALSE(a.extra(i));
    EXPECT_FALSE(a.missing(i));
    EXPECT_EQ(a.substantial_sources(i), 1U);
    ASSERT_EQ(a.group_targets(i).size(), 1U);
    EXPECT_EQ(a.group_targets(i)[0], i);
    EXPECT_EQ(a.group_sources(i)[0], i);
  }
}

TEST(QaAlignment, TracksOutOfOrderAreSortedForTheSweep) {
  const Document target = track({cue_at(7000, 9000), cue_at(1000, 3000), cue_at(3500, 6000)});
  const Document source = track({cue_at(3500, 6000), cue_at(7000, 9000), cue_at(1000, 3000)});
  const Alignment a(target.cues, source.cues);
  EXPECT_EQ(a.best_source(0), 1U);
  EXPECT_EQ(a.best_source(1), 2U);
  EXPECT_EQ(a.best_source(2), 0U);
  EXPECT_EQ(a.group_count(), 3U);
}

TEST(QaAlignment, OneTargetOverTwoSourcesIsAMerge) {
  const Document target = track({cue_at(0, 4000)});
  const Document source = track({cue_at(0, 2000), cue_at(2100, 4000)});
  const Alignment a(target.cues, source.cues);
  EXPECT_EQ(a.substantial_sources(0), 2U);
  EXPECT_EQ(a.matched_source(0), 0U);  // 2.0 s of overlap beats 1.9 s
  ASSERT_EQ(a.group_count(), 1U);
  EXPECT_EQ(a.group_sources(0).size(), 2U);
  EXPECT_FALSE(a.missing(1));
}

TEST(QaAlignment, TwoTargetsOverOneSourceAreASplit) {
  const Document target = track({cue_at(0, 2000), cue_at(2100, 4000)});
  const Document source = track({cue_at(0, 4000)});
  const Alignment a(target.cues, source.cues);
  EXPECT_EQ(a.substantial_targets(0), 2U);
  EXPECT_EQ(a.best_target(0), 0U);
  ASSERT_EQ(a.group_count(), 1U);
  EXPECT_EQ(a.group_targets(0).size(), 2U);
}

TEST(QaAlignment, ACueTouchingItsNeighbourIsNeitherMergeNorSplit) {
  // Target 1 runs 0.3 s into source 2 (a 1.9 s cue): not substantial.
  const Document target = track({cue_at(0, 2300), cue_at(2400, 4000)});
  const Document source = track({cue_at(0, 2000), cue_at(2100, 4000)});
  const Alignment a(target.cues, source.cues);
  EXPECT_EQ(a.substantial_sources(0), 1U);
  EXPECT_EQ(a.substantial_targets(1), 1U);
  EXPECT_EQ(a.group_count(), 2U);
  EXPECT_EQ(a.links().size(), 2U);
}

TEST(QaAlignment, ADriftedCueKeepsItsSourceAsMutualBestMatch) {
  // 1.2 s late on a 2 s cue: 0.8 s of overlap, under half, but each is the other's best match.
  const Document target = track({cue_at(1200, 3200)});
  const Document source = track({cue_at(0, 2000)});
  const Alignment a(target.cues, source.cues);
  ASSERT_EQ(a.links().size(), 1U);
  EXPECT_FALSE(a.links()[0].substantial);
  EXPECT_FALSE(a.extra(0));
  EXPECT_FALSE(a.missing(0));
}

TEST(QaAlignment, ASourceOnlyGrazedByAnotherTranslationIsMissing) {
  // Source 2 was not translated; target 1 ends 50 ms into it.
  const Document target = track({cue_at(0, 2150), cue_at(4500, 6000)});
  const Document source = track({cue_at(0, 2000), cue_at(2100, 4000), cue_at(4500, 6000)});
  const Alignment a(target.cues, source.cues);
  EXPECT_TRUE(a.missing(1));
  EXPECT_FALSE(a.missing(0));
  EXPECT_FALSE(a.missing(2));
  EXPECT_EQ(a.best_target(1), 0U);  // it does overlap, just not enough to count
}

TEST(QaAlignment, ATargetBetweenSourcesIsExtra) {
  const Document target = track({cue_at(0, 2000), cue_at(2050, 2300), cue_at(2400, 4000)});
  const Document source = track({cue_at(0, 2100), cue_at(2200, 4000)});
  const Alignment a(target.cues, source.cues);
  EXPECT_TRUE(a.extra(1));
  EXPECT_EQ(a.group_of_target(1), kNoCue);
  EXPECT_FALSE(a.extra(0));
  EXPECT_FALSE(a.extra(2));
  EXPECT_EQ(a.group_count(), 2U);
}

TEST(QaAlignment, ZeroLengthAndCommentCues) {
  Document target = track({cue_at(1000, 1000), cue_at(3000, 4000)});
  Document source = track({cue_at(0, 2000), cue_at(3000, 4000)});
  source.cues[1].comment = true;
  const Alignment a(target.cues, source.cues);
  EXPECT_EQ(a.matched_source(0), 0U);  // a point in time inside source 1
  EXPECT_TRUE(a.extra(1));             // the comment is never shown: nothing to translate
  EXPECT_TRUE(a.missing(1));
}

TEST(QaAlignment, EmptyTracks) {
  const Document empty;
  const Document one = track({cue_at(0, 1000)});
  const Alignment none(empty.cues, empty.cues);
  EXPECT_EQ(none.group_count(), 0U);
  const Alignment no_source(one.cues, empty.cues);
  EXPECT_TRUE(no_source.extra(0));
  const Alignment no_target(empty.cues, one.cues);
  EXPECT_TRUE(no_target.missing(0));
}

TEST(QaAlignment, StackedCuesStayLinear) {
  // Thousands of cues on top of each other: capped candidates, no quadratic blow-up.
  std::vector<Cue> cues(20000, cue_at(0, 100000));
  const Document target = track(cues);
  const Document source = track(cues);
  // A blow-up would end in the CTest timeout; speed itself is measured by the benchmarks.
  const Alignment a(target.cues, source.cues);
  EXPECT_FALSE(a.extra(0));
}

TEST(QaAlignment, CachedPerContextAndRecomputedWhenTimesChange) {
  Pair pair(track({cue_at(0, 2000), cue_at(3000, 5000)}),
            track({cue_at(0, 2000), cue_at(3000, 5000)}));
  const Alignment* first = &alignment_of(pair.context);
  EXPECT_EQ(&alignment_of(pair.context), first);
  EXPECT_EQ(alignment_of(pair.context).best_source(1), 1U);
  pair.target.cues[1].start = from_ms(8000);
  pair.target.cues[1].end = from_ms(9000);
  EXPECT_TRUE(alignment_of(pair.context).extra(1));
}

// --------------------------------------------------------------------------------- text parts

std::vector<std::string> numbers(std::string_view text) {
  std::vector<std::string> out;
  append_numbers(text, out);
  return out;
}

using Numbers = std::vector<std::string>;

TEST(QaSourceText, NumbersInAnyNotation) {
  EXPECT_EQ(numbers("In 1995, 3 men came."), (Numbers{"1995", "3"}));
  EXPECT_EQ(numbers("1,000"), Numbers{"1000"});
  EXPECT_EQ(numbers("1.000"), Numbers{"1000"});
  EXPECT_EQ(numbers("1 000"), Numbers{"1000"});
  EXPECT_EQ(numbers("1\u00A0000\u00A0000 tenge"), Numbers{"1000000"});
  EXPECT_EQ(numbers("29,000 rubber ducks"), Numbers{"29000"});
  EXPECT_EQ(numbers("3,5 km"), Numbers{"3.5"});
  EXPECT_EQ(numbers("3.50"), Numbers{"3.5"});
  EXPECT_EQ(numbers("1,000.50"), Numbers{"1000.5"});
  EXPECT_EQ(numbers("1.000,50"), Numbers{"1000.5"});
  EXPECT_EQ(numbers("Agent 007"), Numbers{"7"});
  EXPECT_EQ(numbers("at 12:30"), (Numbers{"12", "30"}));
  EXPECT_EQ(numbers("12.05.1995"), (Numbers{"12", "5", "1995"}));
  EXPECT_EQ(numbers("05/12/1995"), (Numbers{"5", "12", "1995"}));
  EXPECT_EQ(numbers("In 1995 3 men"), (Numbers{"1995", "3"}));
  EXPECT_EQ(numbers("10-да"), Numbers{"10"});
  EXPECT_EQ(numbers("\u0661\u0669\u0669\u0665"), Numbers{"1995"});  // Arabic-Indic digits
  EXPECT_EQ(numbers("three men"), Numbers{});
  EXPECT_EQ(numbers(""), Numbers{});
}

TEST(QaSourceText, ComparableTextIgnoresCaseSpacesAndPunctuation) {
  std::string a;
  std::string b;
  append_comparable("Where are you?", a);
  append_comparable("  where — ARE you…", b);
  EXPECT_EQ(a, "whereareyou");
  EXPECT_EQ(a, b);
  std::string kazakh;
  append_comparable("Сәлем, Айгүл!", kazakh);
  EXPECT_EQ(kazakh, "сәлемайгүл");
}

TEST(QaSourceText, ShapeCountsLettersWordsCapitalsAndScript) {
  const CueText names = measure_cue(cue_at(0, 1, "Dr. William Bell"));
  const TextShape shape = shape_of(names);
  EXPECT_EQ(shape.letters, 13U);
  EXPECT_EQ(shape.words, 3U);
  EXPECT_EQ(shape.capitalised_words, 3U);
  EXPECT_EQ(script_code(shape.script), "Latn");
  EXPECT_EQ(script_name(shape_of(measure_cue(cue_at(0, 1, "Ok тили"))).script), "Cyrillic");
  EXPECT_EQ(script_of_code("Cyrl"), shape_of(measure_cue(cue_at(0, 1, "Сәлем"))).script);
  EXPECT_EQ(script_of_code(""), -1);
  EXPECT_EQ(shape_of(measure_cue(cue_at(0, 1, "123 ♪"))).script, -1);
}

TEST(QaSourceText, QuotedAndListed) {
  EXPECT_EQ(quoted(measure_cue(cue_at(0, 1, "Where are\nyou?"))), "“Where are / you?”");
  EXPECT_EQ(quoted(measure_cue(cue_at(0, 1, std::string(50, 'a')))),
            "“" + std::string(40, 'a') + "…”");
  const std::vector<std::size_t> many = {0, 1, 2, 3, 4, 5, 6};
  EXPECT_EQ(cue_numbers(many), "1, 2, 3, 4, 5, …");
}

// -------------------------------------------------------------------------------------- checks

Document english() {
  return track({cue_at(1000, 3000, "Where are you?"), cue_at(4000, 6000, "To the bazaar."),
                cue_at(7000, 9000, "We need 3 tickets."), cue_at(10000, 12000, "Come in 1995.")});
}

Document kazakh() {
  return track({cue_at(1000, 3000, "Qaidasyñ?"), cue_at(4000, 6000, "Bazarğa."),
                cue_at(7000, 9000, "Bızge 3 bilet kerek."),
                cue_at(10000, 12000, "1995 jyly kel.")});
}

TEST(QaSourceChecks, ACorrectTranslationHasNoFindings) {
  Pair pair(kazakh(), english());
  EXPECT_EQ(listing(run_source_group(pair.context)), "");
}

TEST(QaSourceChecks, WithoutSourceNothingRuns) {
  Pair pair(kazakh(), english());
  pair.context.source = nullptr;
  EXPECT_EQ(listing(run_source_group(pair.context)), "");
}

TEST(QaSourceChecks, MissingCueNamesTheSourceCue) {
  Document target = kazakh();
  target.cues.erase(target.cues.begin() + 1);
  Pair pair(std::move(target), english());
  const auto findings = run_check(pair.context, check_missing_cue);
  ASSERT_EQ(findings.size(), 1U) << listing(findings);
  EXPECT_EQ(findings[0].message, "no translation for source cue 2 (00:00:04,000 “To the bazaar.”)");
  EXPECT_EQ(findings[0].cue, 0U);
  EXPECT_EQ(findings[0].start, from_ms(4000));
  EXPECT_EQ(findings[0].end, from_ms(6000));
  EXPECT_EQ(findings[0].rule, "KQ0501");
}

TEST(QaSourceChecks, MissingCueIgnoresBlankAndCommentSourceCues) {
  Document source = english();
  source.cues.push_back(cue_at(20000, 21000, " "));
  source.cues.push_back(cue_at(22000, 23000, "A note for the translator"));
  source.cues.back().comment = true;
  Pair pair(kazakh(), std::move(source));
  EXPECT_EQ(listing(run_check(pair.context, check_missing_cue)), "");
}

TEST(QaSourceChecks, ExtraCue) {
  Document target = kazakh();
  target.cues.push_back(cue_at(13000, 15000, "Artyq söz."));
  target.cues.push_back(cue_at(2900, 3900, "Tağy bır söz."));  // grazes source cue 1 only
  Pair pair(std::move(target), english());
  const auto findings = run_check(pair.context, check_extra_cue);
  EXPECT_EQ(listing(findings),
            "5 extra-cue: no source cue at this time\n"
            "6 extra-cue: no source cue at this time (it only touches source cue 1)\n");
}

TEST(QaSourceChecks, UntranslatedSameText) {
  Document target = kazakh();
  target.cues[2].runs = runs_from_text("we need 3 TICKETS");
  Pair pair(std::move(target), english());
  EXPECT_EQ(listing(run_check(pair.context, check_untranslated)),
            "3 untranslated: same text as source cue 3\n");
}

TEST(QaSourceChecks, UntranslatedMergedText) {
  Pair pair(track({cue_at(1000, 6000, "Where are you?\nTo the bazaar.")}),
            track({cue_at(1000, 3400, "Where are you?"), cue_at(3600, 6000, "To the bazaar.")}));
  EXPECT_EQ(listing(run_check(pair.context, check_untranslated)),
            "1 untranslated: same text as source cue 1\n");
}

TEST(QaSourceChecks, UntranslatedLeavesNamesNumbersAndInterjectionsAlone) {
  Pair pair(track({cue_at(0, 1000, "Peter Bishop."), cue_at(2000, 3000, "OK!"),
                   cue_at(4000, 5000, "1995"), cue_at(6000, 7000, "♪ ♪"),
                   cue_at(8000, 9000, "Hmm..."), cue_at(10000, 11000, "Dr. William Bell")}),
            track({cue_at(0, 1000, "Peter Bishop."), cue_at(2000, 3000, "Ok."),
                   cue_at(4000, 5000, "1995"), cue_at(6000, 7000, "♪ ♪"),
                   cue_at(8000, 9000, "Hmm."), cue_at(10000, 11000, "Dr. William Bell")}));
  EXPECT_EQ(listing(run_check(pair.context, check_untranslated)), "");
}

TEST(QaSourceChecks, UntranslatedStillInTheSourceScript) {
  Pair pair(track({cue_at(1000, 3000, "Ertaga Toshkentga boramiz."),
                   cue_at(4000, 6000, "Эртага Самарқандга борамиз."), cue_at(7000, 9000, "Айгүл")}),
            track({cue_at(1000, 3000, "Эртага Тошкентга борамиз."),
                   cue_at(4000, 6000, "Эртага Самарқандга борамиз!"), cue_at(7000, 9000, "Айгүл")}),
            "uz-Latn");
  // Cue 2 is the source text itself; cue 3 a name the transliteration left in Cyrillic.
  EXPECT_EQ(listing(run_check(pair.context, check_untranslated)),
            "2 untranslated: same text as source cue 2\n"
            "3 untranslated: still in Cyrillic like source cue 3, the track is Latin\n");
}

TEST(QaSourceChecks, UntranslatedScriptFromTheTrackWhenTheTagHasNone) {
  Pair pair(track({cue_at(1000, 3000, "Yarın Ankara'ya gidiyoruz."),
                   cue_at(4000, 6000, "Завтра едем в Казань.")}),
            track({cue_at(1000, 3000, "Завтра едем в Анкару."),
                   cue_at(4000, 6000, "Завтра мы едем в Казань.")}),
            "tr");
  EXPECT_EQ(listing(run_check(pair.context, check_untranslated)),
            "2 untranslated: still in Cyrillic like source cue 2, the track is Latin\n");
}

TEST(QaSourceChecks, NumberMismatch) {
  Pair pair(track({cue_at(1000, 3000, "1996 jyly üş adam keldı.")}),
            track({cue_at(1000, 3000, "In 1995, 3 men came.")}));
  const auto findings = run_check(pair.context, check_number_mismatch);
  EXPECT_EQ(listing(findings),
            "1 number-mismatch: numbers differ: source 1995, 3; translation 1996\n");
}

TEST(QaSourceChecks, NumberMismatchAcceptsNotationsOrderAndSplits) {
  Pair pair(track({cue_at(1000, 3000, "29 000 üirek, 1992 jyly."), cue_at(4000, 5000, "3,5 km."),
                   cue_at(5100, 6000, "Sağat 10-da,"), cue_at(6100, 7000, "12:30-da emes.")}),
            track({cue_at(1000, 3000, "In 1992, 29,000 ducks."), cue_at(4000, 5000, "3.5 km."),
                   cue_at(5100, 7000, "At 10, not 12:30.")}));
  EXPECT_EQ(listing(run_check(pair.context, check_number_mismatch)), "");
  EXPECT_EQ(listing(run_check(pair.context, check_split_cue)),
            "3 split-cue: source cue 3 is split over cues 3, 4\n");
}

TEST(QaSourceChecks, NumberMissingInTranslation) {
  Pair pair(track({cue_at(1000, 3000, "Bızge bilet kerek.")}),
            track({cue_at(1000, 3000, "We need 3 tickets.")}));
  EXPECT_EQ(listing(run_check(pair.context, check_number_mismatch)),
            "1 number-mismatch: numbers differ: source 3; translation none\n");
}

TEST(QaSourceChecks, TimingDrift) {
  Document target = kazakh();
  target.cues[3].start = from_ms(10640);
  target.cues[1].start = from_ms(4400);  // within 0.5 s
  target.cues[0].start = from_ms(200);
  target.cues[0].end = from_ms(2300);
  Pair pair(std::move(target), english());
  EXPECT_EQ(
      listing(run_check(pair.context, check_timing_drift)),
      "1 timing-drift: starts 0.800 s before source cue 1, ends 0.700 s before it (> 0.500 s)\n"
      "4 timing-drift: starts 0.640 s after source cue 4 (> 0.500 s)\n");
}

TEST(QaSourceChecks, TimingDriftOfAMergeComparesItsOuterEdges) {
  Pair pair(track({cue_at(1000, 6900)}), track({cue_at(1000, 3400), cue_at(3600, 6000)}));
  EXPECT_EQ(listing(run_check(pair.context, check_timing_drift)),
            "1 timing-drift: ends 0.900 s after source cue 2 (> 0.500 s)\n");
  EXPECT_EQ(listing(run_check(pair.context, check_merged_cue)),
            "1 merged-cue: merges source cues 1, 2\n");
}

TEST(QaSourceChecks, MergedAndSplitCues) {
  Pair pair(track({cue_at(1000, 6000, "Qaidasyñ? Bazarğa."), cue_at(7000, 8000, "Bızge"),
                   cue_at(8100, 9000, "bilet kerek.")}),
            track({cue_at(1000, 3400, "Where are you?"), cue_at(3600, 6000, "To the bazaar."),
                   cue_at(7000, 9000, "We need tickets.")}));
  EXPECT_EQ(listing(run_check(pair.context, check_merged_cue)),
            "1 merged-cue: merges source cues 1, 2\n");
  EXPECT_EQ(listing(run_check(pair.context, check_split_cue)),
            "2 split-cue: source cue 3 is split over cues 2, 3\n");
  EXPECT_EQ(listing(run_check(pair.context, check_missing_cue)), "");
  EXPECT_EQ(listing(run_check(pair.context, check_extra_cue)), "");
}

TEST(QaSourceChecks, StyleMismatchItalicBothWays) {
  Span italic_span;
  italic_span.kind = SpanKind::italic;
  const std::vector<Span> italic = {italic_span};
  Document target = kazakh();
  target.cues[0].runs = runs_from_text("Qaidasyñ?", italic);
  Document source = english();
  source.cues[1].runs = runs_from_text("To the bazaar.", italic);
  source.cues[2].runs = runs_from_text("We need 3 tickets.", italic);
  target.cues[2].runs = runs_from_text("Bızge 3 bilet kerek.", italic);
  Pair pair(std::move(target), std::move(source));
  EXPECT_EQ(listing(run_check(pair.context, check_style_mismatch)),
            "1 style-mismatch: italic here, not in source cue 1\n"
            "2 style-mismatch: italic in source cue 2, not here\n");
}

TEST(QaSourceChecks, StyleMismatchItalicFromANamedStyle) {
  Document source = english();
  Style thoughts;
  thoughts.name = "Thoughts";
  thoughts.italic = true;
  source.styles.push_back(thoughts);
  source.cues[0].style = "Thoughts";
  Pair pair(kazakh(), std::move(source));
  EXPECT_EQ(listing(run_check(pair.context, check_style_mismatch)),
            "1 style-mismatch: italic in source cue 1, not here\n");
}

TEST(QaSourceChecks, StyleMismatchPosition) {
  Document target = kazakh();
  Document source = english();
  source.cues[0].placement.alignment = 8;
  target.cues[1].placement.line = 0;
  target.cues[2].placement.alignment = 2;  // bottom centre said explicitly: the default
  target.cues[3].placement.alignment = 7;
  source.cues[3].placement.alignment = 9;  // both placed: same intent
  Pair pair(std::move(target), std::move(source));
  EXPECT_EQ(listing(run_check(pair.context, check_style_mismatch)),
            "1 style-mismatch: alignment 8 in source cue 1, not here\n"
            "2 style-mismatch: line 0 here, not in source cue 2\n");
}

TEST(QaSourceChecks, HundredThousandCuesFindTheChangedNumbers) {
  std::vector<Cue> target;
  std::vector<Cue> source;
  for (int i = 0; i < 100000; ++i) {
    const std::int64_t start = std::int64_t{i} * 3000;
    source.push_back(cue_at(start, start + 2500, "We need 3 tickets for 1,000 tenge."));
    target.push_back(cue_at(
        start + std::int64_t{i % 7} * 40, start + 2500,
        i % 1000 == 0 ? "Bızge 4 bilet kerek, 1 000 teñge." : "Bızge 3 bilet kerek, 1 000 teñge."));
  }
  Pair pair(track(std::move(target)), track(std::move(source)));
  const auto begin = std::chrono::steady_clock::now();
  const auto findings = run_source_group(pair.context);
  const auto elapsed = std::chrono::steady_clock::now() - begin;
  ::testing::Test::RecordProperty(
      "source_checks_ms",
      static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()));
  // Speed is measured by tools/bench/qa-bench.sh --source, not here: this test records it.
  EXPECT_EQ(findings.size(), 100U);
}

// ------------------------------------------------------------------------------ real pairs

Document load(const fs::path& path) {
  Diagnostics diag;
  return io::load_file(path, io::LoadOptions{}, diag).doc;
}

TEST(QaSourceReal, PycaptionGermanTranslationOfEnglishIsClean) {
  const fs::path dir = testing::corpus_dir() / "pycaption/fixtures/webvtt";
  Pair pair(load(dir / "sample_webvtt_multi_lang_de.vtt"),
            load(dir / "sample_webvtt_multi_lang_en.vtt"), "de");
  ASSERT_EQ(pair.target.cues.size(), 1U);
  EXPECT_EQ(listing(run_source_group(pair.context)), "");
  // The same English track offered as its own translation is untranslated.
  Pair same(load(dir / "sample_webvtt_multi_lang_en.vtt"),
            load(dir / "sample_webvtt_multi_lang_en.vtt"), "de");
  EXPECT_EQ(listing(run_source_group(same.context)), "");  // "Butterfly." is one word: a name?
}

TEST(QaSourceReal, SubtitleEditConversionsAlignOneToOne) {
  // The same three cues as SubRip, WebVTT and ASS: times agree, text is the same (so every real
  // sentence is "untranslated"; "Hello, World!" passes as a name).
  const fs::path dir = testing::corpus_dir() / "subtitleedit/seconv-Fixtures";
  for (const char* other : {"test.vtt", "test.ass"}) {
    SCOPED_TRACE(other);
    Pair pair(load(dir / other), load(dir / "test.srt"), "en");
    ASSERT_EQ(pair.target.cues.size(), 3U);
    EXPECT_EQ(listing(run_source_group(pair.context)),
              "2 untranslated: same text as source cue 2\n"
              "3 untranslated: same text as source cue 3\n");
  }
  // test2.srt is another film: its cues are not translations of test.srt.
  Pair other(load(dir / "test2.srt"), load(dir / "test.srt"), "en");
  const auto findings = run_source_group(other.context);
  EXPECT_FALSE(findings.empty());
}

TEST(QaSourceReal, Pysubs2NumbersAgainstATranslation) {
  // pysubs2's ttml_example2.ass (an English track with "In 1992" and "29,000") as the source of
  // a Kazakh translation written here, first faithful, then with a wrong year.
  const Document source = load(testing::corpus_dir() / "pysubs2/ttml_example2.ass");
  ASSERT_EQ(source.cues.size(), 10U);
  Document target = source;
  const char* kazakh_lines[] = {"JOĞARĞY ÜLGI MÄTIN",
                                "TÖMENGI ÜLGI MÄTIN",
                                "Joğarğy sälem",
                                "Tömengi sälem",
                                "Onyñ keremet hikaiasy bar edı.",
                                "-Ol saǧan ne turaly ekenın aitty ma?\n-Aitty.",
                                "1992 jyly jük konteinerı\nbortan qūlap tüstı,",
                                "Qytaidan",
                                "Qūrama Ştattarğa bara jatqanda.\n29 000 rezeñke üirek",
                                "Tynyq mūhitqa şaşyldy."};
  for (std::size_t i = 0; i < target.cues.size(); ++i)
    target.cues[i].runs = runs_from_text(kazakh_lines[i]);
  {
    Pair pair(target, source, "kk-Latn");
    EXPECT_EQ(listing(run_source_group(pair.context)), "");
  }
  target.cues[6].runs = runs_from_text("1993 jyly jük konteinerı\nbortan qūlap tüstı,");
  Pair pair(std::move(target), source, "kk-Latn");
  EXPECT_EQ(listing(run_source_group(pair.context)),
            "7 number-mismatch: numbers differ: source 1992; translation 1993\n");
}

TEST(QaSourceReal, CapabilitySampleAgainstItsTransliteration) {
  const Document source = load(testing::source_dir() / "samples/subtitles/capability.kk-Cyrl.srt");
  ASSERT_EQ(source.cues.size(), 5U);
  const auto direction =
      translit::find_direction(*LanguageTag::parse("kk-Cyrl"), *LanguageTag::parse("kk-Latn"));
  ASSERT_TRUE(direction.has_value());
  translit::Transliterator engine(translit::compile(*direction));
  Document target = source;
  Diagnostics diag;
  for (std::size_t i = 0; i < target.cues.size(); ++i)
    translit::transliterate_cue(target.cues[i], i + 1, engine, diag);
  ASSERT_NE(plain_text(target.cues[0]), plain_text(source.cues[0]));
  {
    Pair pair(target, source, "kk-Latn");
    EXPECT_EQ(listing(run_source_group(pair.context)), "");
  }
  // Planted: the sign of cue 3 left in Cyrillic (an all-capitals, name-like line: not "same
  // text", but still in the source's script), cue 1 lost its italic title, cue 5 moved late, cue 2
  // dropped.
  target.cues[2] = source.cues[2];
  target.cues[0].runs = runs_from_text(plain_text(target.cues[0]));
  target.cues[4].start += from_ms(700);
  target.cues[4].end += from_ms(700);
  target.cues.erase(target.cues.begin() + 1);
  Pair pair(std::move(target), source, "kk-Latn");
  EXPECT_EQ(listing(run_source_group(pair.context)),
            "0 missing-cue: no translation for source cue 2 (00:00:03,400 “Айгүл: Ертең Алматыға "
            "барамыз ба? / Иә, таң…”)\n"
            "2 untranslated: still in Cyrillic like source cue 3, the track is Latin\n"
            "4 timing-drift: starts 0.700 s after source cue 5, ends 0.700 s after it (> 0.500 s)\n"
            "1 style-mismatch: italic in source cue 1, not here\n");
}

// --------------------------------------------------------------------- planted fixture files

TEST(QaSourcePlanted, EachFixtureFindsItsCheckExactlyWhereExpected) {
  struct Expected {
    const char* stem;
    const char* language;
    const char* check;
    std::size_t cue;
  };
  const fs::path dir = testing::source_dir() / "tests/qa/planted";
  for (const Expected& e : {Expected{"missing-cue", "kk-Latn", "missing-cue", 0},
                            Expected{"extra-cue", "kk-Latn", "extra-cue", 4},
                            Expected{"untranslated", "uz-Latn", "untranslated", 2},
                            Expected{"number-mismatch", "tr", "number-mismatch", 2},
                            Expected{"timing-drift", "kk-Latn", "timing-drift", 2},
                            Expected{"merged-cue", "kk-Latn", "merged-cue", 1},
                            Expected{"split-cue", "kk-Latn", "split-cue", 2},
                            Expected{"style-mismatch", "kk-Latn", "style-mismatch", 2}}) {
    SCOPED_TRACE(e.stem);
    Pair pair(load(dir / (std::string(e.stem) + "." + e.language + ".srt")),
              load(dir / (std::string(e.stem) + ".source.srt")), e.language);
    const auto findings = run_check(pair.context, find_check(e.check)->run);
    ASSERT_EQ(findings.size(), 1U) << listing(findings);
    EXPECT_EQ(findings[0].cue, e.cue) << listing(findings);
  }
}

TEST(QaSourcePlanted, CleanPairHasNoSourceFindings) {
  const fs::path dir = testing::source_dir() / "tests/qa/clean";
  Pair pair(load(dir / "pair.kk-Latn.srt"), load(dir / "pair.source.srt"), "kk-Latn");
  ASSERT_EQ(pair.target.cues.size(), 8U);
  EXPECT_EQ(listing(run_source_group(pair.context)), "");
}

}  // namespace
}  // namespace kopru::qa
