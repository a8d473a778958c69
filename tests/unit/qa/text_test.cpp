// The text checks (markup, empty-cue, whitespace, ellipsis, dialogue-dash) and fix_text: planted
// fixtures, exact messages, the correct text they must leave alone, and what --fix changes.
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

using Strings = std::vector<std::string>;

Cue runs_cue(std::vector<kopru::Run> runs) {
  Cue cue;
  cue.start = from_ms(0);
  cue.end = from_ms(3000);
  cue.runs = std::move(runs);
  return cue;
}

Strings run(std::string_view check, const Document& doc, const Profile& profile = netflix(),
            std::string_view language = "tr") {
  const std::vector<Finding> findings = run_check(check, doc, profile, language);
  for (const Finding& f : findings)
    EXPECT_EQ(f.check, check);
  return messages(findings);
}

io::Loaded load(std::string_view dir, std::string_view file) {
  Diagnostics diag;
  return io::load_file(testing::source_dir() / "tests/qa" / dir / file, io::LoadOptions{}, diag);
}

Strings planted(std::string_view file, std::string_view check) {
  const io::Loaded loaded = load("planted", file);
  const std::string language = loaded.doc.meta.language.to_string();
  return run(check, loaded.doc, netflix(language), language);
}

// ---------------------------------------------------------------------------------------------
// markup

TEST(QaMarkup, PlantedLeftovers) {
  EXPECT_EQ(planted("markup.tr.srt", "markup"),
            (Strings{"cue 1: ASS tag '\\i1' in a non-ASS track", "cue 2: empty italics",
                     "cue 3: '<br>' shown as text"}));
}

TEST(QaMarkup, TagsLeftAsText) {
  const Document doc = document({
      make_cue(0, 1000, "Bu </b>kalın değil."),
      make_cue(1000, 2000, "<font color=\"red\">Kırmızı"),
      make_cue(2000, 3000, "{\\i1}Eğik"),
      make_cue(3000, 4000, "Kod {y:i} kaldı."),
      make_cue(4000, 5000, "<I>Büyük harfle</I>"),
  });
  EXPECT_EQ(run("markup", doc),
            (Strings{"cue 1: '</b>' shown as text", "cue 2: '<font color=\"red\">' shown as text",
                     "cue 3: '{\\i1}' shown as text", "cue 4: '{y:i}' shown as text",
                     "cue 5: '<I>' shown as text"}));
}

TEST(QaMarkup, AngleBracketsAndBracesThatAreNotTags) {
  EXPECT_TRUE(run("markup", document({
                                make_cue(0, 1000, "3 < 5 ve 7 > 2"),
                                make_cue(1000, 2000, "Seni <3 seviyorum."),
                                make_cue(2000, 3000, "{gülüyor} Peki."),
                                make_cue(3000, 4000, "<Müzik> çalıyor <bilet>"),
                            }))
                  .empty());
}

TEST(QaMarkup, AssBlocksOfAnAssTrack) {
  const Document doc = document(
      {
          runs_cue(
              {Run::raw("ass", "{\\blur3\\fad(200,300)\\t(0,500,\\frz30)}"), Run::plain("Doğru")}),
          runs_cue({Run::raw("ass", "{Çevirmen notu: kontrol et}"), Run::plain("Yorum")}),
          runs_cue({Run::raw("ass", "{\\i1}"), Run::plain("İtalik stilde kapalı")}),
          runs_cue({Run::raw("ass", "{\\p1}"), Run::raw("ass", "m 0 0 l 100 0 100 100")}),
          runs_cue({Run::raw("ass", "{\\foo3}"), Run::plain("Bilinmeyen")}),
          runs_cue({Run::raw("ass", "{\\i2}"), Run::plain("Kötü değer")}),
          runs_cue({Run::raw("ass", "{\\blur3"), Run::plain("Açık")}),
          runs_cue({Run::raw("ass", "{\\b700}"), Run::plain("Kalınlık")}),
      },
      "ass");
  EXPECT_EQ(run("markup", doc),
            (Strings{"cue 5: unknown ASS tag '\\foo3'", "cue 6: bad ASS value '\\i2'",
                     "cue 7: unbalanced ASS block '{\\blur3'"}));
}

TEST(QaMarkup, AssPositioningInSubRipIsAccepted) {
  EXPECT_TRUE(run("markup",
                  document({runs_cue({Run::raw("ass", "{\\pos(100,200)}"), Run::plain("Konum")})}))
                  .empty());
  EXPECT_EQ(run("markup", document({runs_cue({Run::raw("ass", "{\\b1}"), Run::plain("Kalın")})})),
            Strings{"cue 1: ASS tag '\\b1' in a non-ASS track"});
}

TEST(QaMarkup, MicroDvdCodesTheReaderDidNotKnow) {
  const Document doc = document(
      {
          runs_cue({Run::raw("microdvd", "{H:cp1254}"), Run::plain("Karakter seti")}),
          runs_cue({Run::raw("microdvd", "{x:bilinmez}"), Run::plain("Kod")}),
      },
      "microdvd");
  EXPECT_EQ(run("markup", doc), Strings{"cue 2: unknown MicroDVD code '{x:bilinmez}'"});
}

TEST(QaMarkup, EmptySpans) {
  const Span i = span(SpanKind::italic);
  const Span b = span(SpanKind::bold);
  const Document doc = document({
      // correct: italics over two lines, bold inside italics, a space between two spans
      runs_cue({Run::plain("Bir", {i}), Run::line_break(), Run::plain("iki", {i})}),
      runs_cue({Run::plain("Çok ", {i}), Run::plain("güzel", {i, b}), Run::plain(".", {i})}),
      runs_cue({Run::plain("Bir", {i}), Run::plain(" "), Run::plain("iki", {i})}),
      // wrong: bold around a space inside italics, italics around markup only
      runs_cue({Run::plain("Bir", {i}), Run::plain(" ", {i, b}), Run::plain("iki", {i})}),
      runs_cue({Run::raw("ass", "{\\blur2}"), Run::plain("Metin")}),
      runs_cue({Run::plain("Metin"), Run::plain(" \xC2\xA0", {span(SpanKind::underline)})}),
  });
  Document with_raw = doc;
  with_raw.cues[4].runs[0].spans = {i};
  with_raw.meta.source_format = "ass";
  EXPECT_EQ(run("markup", with_raw),
            (Strings{"cue 4: empty bold", "cue 5: empty italics", "cue 6: empty underline span"}));
}

TEST(QaMarkup, CleanTracks) {
  for (const char* file : {"reading.kk-Cyrl.srt", "text.tr.srt"}) {
    const io::Loaded loaded = load("clean", file);
    EXPECT_TRUE(run("markup", loaded.doc).empty()) << file;
  }
}

// ---------------------------------------------------------------------------------------------
// empty-cue

TEST(QaEmptyCue, PlantedEmptyTags) {
  EXPECT_EQ(planted("empty-cue.kk-Cyrl.srt", "empty-cue"), Strings{"cue 2: no text"});
}

TEST(QaEmptyCue, SpacesAndInvisibleCharacters) {
  Cue comment = make_cue(0, 1000, "");
  comment.comment = true;
  const Document doc = document({
      make_cue(0, 1000, "   "),
      make_cue(1000, 2000, "\n"),
      make_cue(2000, 3000, "\xE2\x80\x8F"),  // RLM
      make_cue(3000, 4000, "\xC2\xA0"),      // ASS \h
      make_cue(4000, 5000, "."),
      comment,
      runs_cue({Run::raw("ass", "{\\p1}"), Run::raw("ass", "m 0 0 l 10 0 10 10")}),
      make_cue(5000, 6000, "-"),
  });
  EXPECT_EQ(run("empty-cue", doc), (Strings{"cue 1: only spaces", "cue 2: no text",
                                            "cue 3: no text", "cue 4: only spaces"}));
}

// ---------------------------------------------------------------------------------------------
// whitespace

TEST(QaWhitespace, Planted) {
  EXPECT_EQ(planted("whitespace.az-Latn.srt", "whitespace"),
            (Strings{"cue 1: space before ',' (line 1)",
                     "cue 2: double space (line 1), trailing space (line 1)"}));
}

TEST(QaWhitespace, EveryKindWithItsLine) {
  const Document doc = document({
      make_cue(0, 1000, " Evet.\nNe dedin ?"),
      make_cue(1000, 2000, "Tamam \n   "),
      make_cue(2000, 3000, "Ne oldu\xC2\xA0?"),  // no-break space before '?'
      make_cue(3000, 4000, "لا أعرف ؟"),         // Arabic question mark
      make_cue(4000, 5000, "Hmm …"),
  });
  EXPECT_EQ(run("whitespace", doc),
            (Strings{"cue 1: leading space (line 1), space before '?' (line 2)",
                     "cue 2: trailing space (line 1), only spaces (line 2)",
                     "cue 3: space before '?' (line 1)", "cue 4: space before '؟' (line 1)",
                     "cue 5: space before '…' (line 1)"}));
}

TEST(QaWhitespace, SpacesAcrossMarkupAreOneLine) {
  const Document doc = document({runs_cue(
      {Run::plain("Evet "), Run::plain(" tamam", {span(SpanKind::italic)}), Run::plain(".")})});
  EXPECT_EQ(run("whitespace", doc), Strings{"cue 1: double space (line 1)"});
}

TEST(QaWhitespace, CorrectSpacing) {
  const Document doc = document({
      make_cue(0, 1000, "-Nereye?\n-Eve."),
      make_cue(1000, 2000, "- Куда?\n- ...Домой."),  // the space after a dash is the dash's
      make_cue(2000, 3000, "\xC2\xA0\xC2\xA0Girintili (ASS \\h)"),
      make_cue(3000, 4000, "Saat 10:30, (evet) tamam!"),
      make_cue(4000, 5000, "Bilmiyorum… Belki."),
  });
  EXPECT_TRUE(run("whitespace", doc).empty());
}

TEST(QaWhitespace, FrenchKeepsItsSpacesBeforePunctuation) {
  const Document doc = document({make_cue(0, 1000, "Quoi ?\nC’est ça\xE2\x80\xAF!")});
  EXPECT_TRUE(run("whitespace", doc, netflix("fr"), "fr").empty());
  EXPECT_EQ(run("whitespace", doc),
            Strings{"cue 1: space before '?' (line 1), space before '!' (line 2)"});
}

// ---------------------------------------------------------------------------------------------
// ellipsis

TEST(QaEllipsis, Planted) {
  EXPECT_EQ(planted("ellipsis.tr.srt", "ellipsis"), Strings{"cue 1: '...' instead of '…'"});
}

TEST(QaEllipsis, OnlyThreeDotsCount) {
  const Document doc = document({
      make_cue(0, 1000, "Bekle.. dur."),
      make_cue(1000, 2000, "Ve sonra...."),
      make_cue(2000, 3000, "Peki…"),
      make_cue(3000, 4000, "...ve sonra...\ngitti..."),
  });
  EXPECT_EQ(run("ellipsis", doc), Strings{"cue 4: '...' instead of '…' (3 times)"});
  Profile dots = netflix();
  dots.ellipsis_character = false;
  EXPECT_TRUE(run("ellipsis", doc, dots).empty());
}

// ---------------------------------------------------------------------------------------------
// dialogue-dash

TEST(QaDialogueDash, Planted) {
  EXPECT_EQ(
      planted("dialogue-dash.uz-Latn.srt", "dialogue-dash"),
      (Strings{"cue 1: space after the dash (lines 1, 2)", "cue 2: dash on the first line only"}));
}

TEST(QaDialogueDash, BothNoSpace) {
  const Document doc = document({
      make_cue(0, 1000, "-Nereye?\n-Eve."),
      make_cue(1000, 2000, "Nereye?\n-Eve."),
      make_cue(2000, 3000, "-Nereye?\n- Eve."),
      make_cue(3000, 4000, "-Nereye?\n–Eve."),
      make_cue(4000, 5000, "Tek konuşmacı,\niki satır."),
      make_cue(5000, 6000, "<i>-Nereye?</i>\n<i>-Eve.</i>"),
  });
  EXPECT_EQ(run("dialogue-dash", doc),
            (Strings{"cue 2: no dash on the first line (both-no-space)",
                     "cue 3: space after the dash (line 2)",
                     "cue 4: dash U+2013 '–' is not one of '-' (line 2), mixed dashes U+002D '-' "
                     "and U+2013 '–'"}));
}

TEST(QaDialogueDash, OtherStylesAndDashCharacters) {
  Profile with_space = netflix();
  with_space.dialogue_dash = DashStyle::both_with_space;
  with_space.dialogue_dash_chars = "-–";
  const Document russian = document({
      make_cue(0, 1000, "- Куда?\n- Домой."),
      make_cue(1000, 2000, "– Куда?\n– Домой."),
      make_cue(2000, 3000, "-Куда?\n- Домой."),
      make_cue(3000, 4000, "- Куда?\n– Домой."),
  });
  EXPECT_EQ(run("dialogue-dash", russian, with_space, "ru"),
            (Strings{"cue 3: no space after the dash (line 1)",
                     "cue 4: mixed dashes U+002D '-' and U+2013 '–'"}));

  Profile dutch = netflix();
  dutch.dialogue_dash = DashStyle::second_line_only;
  const Document nl = document({
      make_cue(0, 1000, "Waar ga je heen?\n- Naar huis."),
      make_cue(1000, 2000, "-Waar?\n-Naar huis."),
  });
  EXPECT_EQ(run("dialogue-dash", nl, dutch, "nl"),
            Strings{"cue 2: dash on the first line (second-line-only)"});

  Profile any = netflix();
  any.dialogue_dash = DashStyle::any;
  EXPECT_TRUE(run("dialogue-dash", nl, any, "nl").empty());
}

// ---------------------------------------------------------------------------------------------
// fix_text

struct Fixed {
  Document doc;
  std::vector<Change> changes;
};

Fixed fix(const Document& input, const Profile& profile = netflix(),
          std::string_view language = "tr") {
  Context context(input, profile);
  context.language = *LanguageTag::parse(language);
  measure(context);
  Fixed out{input, {}};
  fix_text(context, out.doc, out.changes);
  return out;
}

Strings changes_of(const Fixed& fixed) {
  return change_lines(fixed.changes);
}

TEST(QaTextFix, PlantedWhitespaceAndEllipsis) {
  const io::Loaded spaces = load("planted", "whitespace.az-Latn.srt");
  const Fixed a = fix(spaces.doc, netflix("az-Latn"), "az-Latn");
  EXPECT_EQ(changes_of(a), (Strings{"1 whitespace: Salam , necəsən ? -> Salam, necəsən?",
                                    "2 whitespace: Yaxşıyam,  sağ ol.  -> Yaxşıyam, sağ ol."}));
  EXPECT_TRUE(run("whitespace", a.doc, netflix("az-Latn"), "az-Latn").empty());

  const io::Loaded dots = load("planted", "ellipsis.tr.srt");
  const Fixed b = fix(dots.doc);
  EXPECT_EQ(changes_of(b),
            Strings{"1 ellipsis: Bilmiyorum... Belki yarın. -> Bilmiyorum… Belki yarın."});
  EXPECT_TRUE(run("ellipsis", b.doc).empty());
}

TEST(QaTextFix, SpacesFirstThenEllipsis) {
  const Fixed fixed = fix(document({make_cue(0, 1000, "Hmm ...\n  Peki  .  ")}));
  EXPECT_EQ(changes_of(fixed), (Strings{"1 whitespace: Hmm ...\n  Peki  .   -> Hmm...\nPeki.",
                                        "1 ellipsis: Hmm...\nPeki. -> Hmm…\nPeki."}));
}

TEST(QaTextFix, MarkupIsNotTouched) {
  const Span i = span(SpanKind::italic);
  Document doc = document({
      runs_cue({Run::raw("ass", "{\\blur3}"), Run::plain(" Evet "), Run::plain(" tamam", {i}),
                Run::plain(" ...", {i}), Run::line_break(), Run::plain("<i> </i>"),
                Run::plain(" ", {i}), Run::plain("Son.")}),
  });
  const Fixed fixed = fix(doc);
  const std::vector<kopru::Run> expected = {
      Run::raw("ass", "{\\blur3}"), Run::plain("Evet "), Run::plain("tamam", {i}),
      Run::plain("…", {i}),         Run::line_break(),   Run::plain("<i> </i>"),
      Run::plain(" ", {i}),         Run::plain("Son.")};
  EXPECT_EQ(fixed.doc.cues[0].runs, expected) << changes_of(fixed)[0];
}

TEST(QaTextFix, WhitespaceOnlyRunsGo) {
  const Fixed fixed =
      fix(document({runs_cue({Run::plain(" ", {span(SpanKind::italic)}), Run::plain("Evet.")})}));
  EXPECT_EQ(fixed.doc.cues[0].runs, std::vector<kopru::Run>{Run::plain("Evet.")});
  EXPECT_EQ(changes_of(fixed), Strings{"1 whitespace:  Evet. -> Evet."});
}

TEST(QaTextFix, RespectsProfileAndLanguage) {
  const Document doc = document({make_cue(0, 1000, "Quoi ?  Non...")});
  EXPECT_EQ(changes_of(fix(doc, netflix("fr"), "fr")),
            (Strings{"1 whitespace: Quoi ?  Non... -> Quoi ? Non...",
                     "1 ellipsis: Quoi ? Non... -> Quoi ? Non…"}));
  Profile off = netflix();
  off.disabled = {"whitespace", "ellipsis"};
  EXPECT_TRUE(fix(doc, off).changes.empty());
  Profile dots = netflix();
  dots.ellipsis_character = false;
  EXPECT_EQ(changes_of(fix(doc, dots)), Strings{"1 whitespace: Quoi ?  Non... -> Quoi? Non..."});
}

TEST(QaTextFix, CleanTracksAndCommentsAreLeftAlone) {
  for (const char* file : {"reading.kk-Cyrl.srt", "text.tr.srt"}) {
    const io::Loaded loaded = load("clean", file);
    EXPECT_TRUE(fix(loaded.doc).changes.empty()) << file;
  }
  Cue comment = make_cue(0, 1000, " Yorum  ... ");
  comment.comment = true;
  EXPECT_TRUE(fix(document({comment})).changes.empty());
}

TEST(QaText, HugeLinesStayLinear) {
  std::string junk;
  for (int k = 0; k < 100000; ++k)
    junk += "<i {\\a .. ";
  const Document doc = document({make_cue(0, 1000, junk)});
  for (const char* check : {"markup", "empty-cue", "whitespace", "ellipsis", "dialogue-dash"})
    EXPECT_LE(run(check, doc).size(), 1U) << check;
  EXPECT_EQ(fix(doc).changes.size(), 1U);
}

}  // namespace
}  // namespace kopru::qa
