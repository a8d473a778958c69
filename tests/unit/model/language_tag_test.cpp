#include "pipeline/model/language_tag.h"

#include <gtest/gtest.h>

namespace kopru {
namespace {

TEST(LanguageTag, ParsesAndCanonicalisesCase) {
  auto tag = LanguageTag::parse("UZ-latn");
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->language(), "uz");
  EXPECT_EQ(tag->script(), "Latn");
  EXPECT_EQ(tag->to_string(), "uz-Latn");
  EXPECT_EQ(LanguageTag::parse("az_arab_ir")->to_string(), "az-Arab-IR");
  EXPECT_EQ(LanguageTag::parse("kk-Cyrl-KZ")->region(), "KZ");
  EXPECT_EQ(LanguageTag::parse("es-419")->region(), "419");
  EXPECT_EQ(LanguageTag::parse("sl-rozaj-biske")->variants().size(), 2U);
  EXPECT_EQ(LanguageTag::parse("de-CH-1996")->variants().front(), "1996");
}

TEST(LanguageTag, ExtensionsAndPrivateUse) {
  auto t = LanguageTag::parse("uz-Latn-t-uz-cyrl");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->to_string(), "uz-Latn-t-uz-cyrl");
  ASSERT_EQ(t->extensions().size(), 1U);
  EXPECT_EQ(t->extensions()[0], "t-uz-cyrl");
  EXPECT_EQ(LanguageTag::parse("en-x-kopru-test")->to_string(), "en-x-kopru-test");
  EXPECT_EQ(LanguageTag::parse("x-whatever")->to_string(), "x-whatever");
}

TEST(LanguageTag, RejectsMalformed) {
  for (const char* bad : {"", "-", "uz-", "uz--Latn", "u", "abcd", "uz-Latn-t", "123",
                          "uz-toolongsubtag", "uz Latn", "ü"}) {
    EXPECT_FALSE(LanguageTag::parse(bad)) << bad;
  }
}

TEST(LanguageTag, Iso639Conversions) {
  EXPECT_EQ(LanguageTag::parse("uz-Latn")->to_iso639_2t(), "uzb");
  EXPECT_EQ(LanguageTag::parse("kk")->to_iso639_2b(), "kaz");
  EXPECT_EQ(LanguageTag::parse("tr")->to_iso639_2b(), "tur");
  EXPECT_EQ(LanguageTag::parse("de")->to_iso639_2b(), "ger");
  EXPECT_EQ(LanguageTag::parse("de")->to_iso639_2t(), "deu");
  EXPECT_EQ(LanguageTag::parse("zh-Hant")->to_iso639_2b(), "chi");
  EXPECT_EQ(LanguageTag::parse("tk")->to_iso639_2t(), "tuk");
  EXPECT_EQ(LanguageTag::parse("ug-Arab")->to_iso639_2b(), "uig");
  EXPECT_EQ(LanguageTag::parse("tt")->to_iso639_2b(), "tat");
  EXPECT_EQ(LanguageTag::parse("ky")->to_iso639_2b(), "kir");
  EXPECT_EQ(LanguageTag::parse("crh")->to_iso639_2b(), "crh");  // no 639-1 code
  // Three-letter input becomes the shortest tag, /B and /T alike.
  EXPECT_EQ(LanguageTag::parse("ger")->to_string(), "de");
  EXPECT_EQ(LanguageTag::parse("deu")->to_string(), "de");
  EXPECT_EQ(LanguageTag::from_iso639_2("uzb")->to_string(), "uz");
  EXPECT_EQ(LanguageTag::from_iso639_2("aze")->to_string(), "az");
  EXPECT_TRUE(LanguageTag::from_iso639_2("und")->empty());
  EXPECT_FALSE(LanguageTag::from_iso639_2("u1z"));
}

TEST(LanguageTag, MatchesAndEdits) {
  auto uz = *LanguageTag::parse("uz");
  auto uz_latn = *LanguageTag::parse("uz-Latn");
  EXPECT_TRUE(uz.matches(uz_latn));
  EXPECT_FALSE(uz_latn.matches(uz));
  EXPECT_FALSE(LanguageTag::parse("uz-Cyrl")->matches(uz_latn));
  uz_latn.set_script("cyrl");
  EXPECT_EQ(uz_latn.to_string(), "uz-Cyrl");
  uz_latn.set_region("uz");
  EXPECT_EQ(uz_latn.to_string(), "uz-Cyrl-UZ");
}

}  // namespace
}  // namespace kopru

namespace kopru {
namespace {

TEST(LanguageTag, FromFilename) {
  EXPECT_EQ(LanguageTag::from_filename("film.uz-Latn.srt")->to_string(), "uz-Latn");
  EXPECT_EQ(LanguageTag::from_filename("dir.kk/film.tr.cp1254.srt")->to_string(), "tr");
  EXPECT_EQ(LanguageTag::from_filename("film.eng.srt")->to_string(), "en");
  EXPECT_FALSE(LanguageTag::from_filename("film.big.srt"));
  EXPECT_FALSE(LanguageTag::from_filename("film.final.srt"));
  EXPECT_FALSE(LanguageTag::from_filename("film.srt"));
  EXPECT_FALSE(LanguageTag::from_filename("kk"));
}

}  // namespace
}  // namespace kopru
