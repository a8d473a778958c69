// Lossless round trips: read(write(doc)) == doc for documents with every field set, and
// write(read(json)) == json for the canonical golden inputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "codecs/json/json.h"
#include "pipeline/model/dump.h"
#include "tests/support/test_support.h"

namespace kopru::codecs::json {
namespace {

Document round_trip(const Document& doc, std::string* text = nullptr) {
  Diagnostics diag;
  const std::string out = write(doc, {}, diag);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  if (text != nullptr)
    *text = out;
  const Source source{"rt.json", out, out, "UTF-8"};
  Document back = read(source, {}, diag);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  return back;
}

FormatBag bag(std::string format, int n) {
  FormatBag b;
  b.format = std::move(format);
  for (int i = 0; i < n; ++i)
    b.add("key " + std::to_string(i), "value\n\"" + std::to_string(i));
  b.add("dup", "1");
  b.add("dup", "2");
  return b;
}

// One document that sets every field of every struct to a non-default value.
Document everything() {
  Document doc;
  doc.meta.title = "Başlık \"quoted\" \\ back";
  doc.meta.language = *LanguageTag::parse("uz-Latn");
  doc.meta.frame_rate = FrameRate{24000, 1001};
  doc.meta.source_format = "ass";
  doc.meta.source_encoding = "windows-1251";
  doc.meta.play_res_x = 1920;
  doc.meta.play_res_y = 1080;
  doc.format_private = bag("ass", 3);

  Style s;
  s.name = "Default";
  s.font = "DejaVu Sans";
  s.font_size = 42.5;
  s.primary = {1, 2, 3, 4};
  s.secondary = {5, 6, 7, 255};
  s.outline = {8, 9, 10, 0};
  s.back = {11, 12, 13, 128};
  s.bold = s.italic = s.underline = s.strike = true;
  s.scale_x = 99.5;
  s.scale_y = 101;
  s.spacing = -0.25;
  s.angle = 12.75;
  s.border_style = 3;
  s.outline_width = 1.5;
  s.shadow = 0.1;
  s.alignment = 8;
  s.margin_l = 11;
  s.margin_r = 12;
  s.margin_v = -13;
  s.encoding = 204;
  s.format_private = bag("ass", 1);
  doc.styles.push_back(s);
  doc.styles.push_back(Style{});

  Region r;
  r.id = "top";
  r.width_percent = 40.125;
  r.lines = 3;
  r.region_anchor = {{0, 100}};
  r.viewport_anchor = {{10.5, 90}};
  r.scroll_up = true;
  r.origin = {{1e-7, 2.5}};
  r.extent = {{80, 1e300}};
  r.display_align = "after";
  r.format_private = bag("webvtt", 2);
  doc.regions.push_back(r);
  doc.regions.push_back(Region{});

  Cue c;
  c.id = "intro-1";
  c.start = frames_to_time(1, FrameRate{24000, 1001});  // not a whole millisecond
  c.end = frames_to_time(100001, FrameRate{24000, 1001});
  Span italic{SpanKind::italic, {"loud", "x"}, "", std::nullopt, std::nullopt};
  Span font{SpanKind::font, {}, "Noto Sans", Color{255, 0, 0, 255}, 24.5};
  Span font_alpha{SpanKind::font, {}, "", Color{0, 0, 0, 17}, std::nullopt};
  Span voice{SpanKind::voice, {"first"}, "Ayşe", std::nullopt, std::nullopt};
  c.runs = {
      Run::plain("Салом, ", {italic, font}),
      Run::plain("dünyo", {{SpanKind::bold}, {SpanKind::underline}, {SpanKind::strike}}),
      Run::line_break(),
      Run::timestamp(from_ms(1500) + Time(1)),
      Run::plain("漢", {{SpanKind::ruby}}),
      Run::plain("かん", {{SpanKind::ruby}, {SpanKind::ruby_text}}),
      Run::raw("ass", "{\\blur3}"),
      Run::plain("c", {{SpanKind::css_class, {"a", "b"}}, voice, font_alpha}),
      Run::plain("en", {{SpanKind::lang, {}, "en-GB"}}),
  };
  Run odd = Run::line_break();  // fields a kind does not use must still survive
  odd.text = "stray";
  odd.raw_format = "srt";
  odd.time = Time(42);
  c.runs.push_back(odd);
  c.placement.alignment = 7;
  c.placement.position = {{640.5, 360}};
  c.placement.box = Placement::Box{1, 2, 3, 4};
  c.placement.margin_l = 5;
  c.placement.margin_r = 6;
  c.placement.margin_v = 7;
  c.placement.region = "top";
  c.placement.vertical = "rl";
  c.placement.line = -2;
  c.placement.line_percent = true;
  c.placement.line_align = "end";
  c.placement.position_percent = 33.3;
  c.placement.position_align = "line-left";
  c.placement.size_percent = 50;
  c.placement.text_align = "right";
  c.style = "Default";
  c.speaker = "Narrator";
  c.language = "kk-Cyrl";
  c.layer = 2;
  c.effect = "Karaoke";
  c.comment = true;
  c.format_private = bag("ass", 2);
  c.source_line = 17;
  doc.cues.push_back(c);
  doc.cues.push_back(Cue{});  // all defaults: zero-length at 0
  return doc;
}

TEST(JsonRoundTrip, EveryFieldSurvives) {
  const Document doc = everything();
  std::string text;
  const Document back = round_trip(doc, &text);
  EXPECT_EQ(dump(back), dump(doc));
  EXPECT_TRUE(back == doc);
  // The exact tick count is kept even though the time is not a whole millisecond.
  EXPECT_EQ(back.cues[0].start.count(), 29429400);
  EXPECT_NE(text.find("\"start_ticks\": 29429400"), std::string::npos);
  EXPECT_NE(text.find("\"start_ms\": 42,"), std::string::npos);
}

TEST(JsonRoundTrip, EveryPlacementFieldAloneSurvives) {
  // Each placement field is written only when set; check that each is read back on its own.
  const Placement full = everything().cues[0].placement;
  std::vector<Placement> singles(15);
  singles[0].alignment = full.alignment;
  singles[1].position = full.position;
  singles[2].box = full.box;
  singles[3].margin_l = full.margin_l;
  singles[4].margin_r = full.margin_r;
  singles[5].margin_v = full.margin_v;
  singles[6].region = full.region;
  singles[7].vertical = full.vertical;
  singles[8].line = full.line;
  singles[9].line_percent = true;
  singles[10].line_align = full.line_align;
  singles[11].position_percent = full.position_percent;
  singles[12].position_align = full.position_align;
  singles[13].size_percent = full.size_percent;
  singles[14].text_align = full.text_align;
  for (const auto& p : singles) {
    Document doc;
    doc.cues.emplace_back().placement = p;
    EXPECT_TRUE(round_trip(doc) == doc) << dump(doc);
  }
}

// Random documents: property-style check over many shapes and awkward values.
class RandomDocuments {
 public:
  explicit RandomDocuments(unsigned seed) : rng_(seed) {}

  Document next() {
    Document doc;
    doc.meta.title = text();
    const char* tags[] = {"", "en", "uz-Cyrl", "kk-Cyrl-KZ", "az-Arab-IR", "tr-t-tr-cyrl"};
    doc.meta.language = LanguageTag::parse(tags[pick(6)]).value_or(LanguageTag{});
    const FrameRate rates[] = {{24000, 1001}, {25, 1}, {30000, 1001}, {60000, 1001}, {24, 1}};
    if (coin())
      doc.meta.frame_rate = rates[pick(5)];
    doc.meta.source_format = word();
    doc.meta.source_encoding = word();
    doc.meta.play_res_x = static_cast<int>(pick(4000));
    doc.meta.play_res_y = static_cast<int>(pick(4000));
    if (coin())
      doc.format_private = random_bag();
    for (std::size_t i = pick(3); i > 0; --i)
      doc.styles.push_back(style());
    for (std::size_t i = pick(3); i > 0; --i)
      doc.regions.push_back(region());
    for (std::size_t i = pick(6); i > 0; --i)
      doc.cues.push_back(cue(rates[pick(5)]));
    return doc;
  }

 private:
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  bool coin() { return pick(2) == 0; }
  int small_int() { return static_cast<int>(pick(2001)) - 1000; }

  double real() {
    switch (pick(5)) {
      case 0:
        return static_cast<double>(small_int());
      case 1:
        return static_cast<double>(small_int()) / 8;
      case 2:
        return std::uniform_real_distribution<double>(-1e6, 1e6)(rng_);
      case 3:
        return std::ldexp(std::uniform_real_distribution<double>(0.5, 1)(rng_),
                          static_cast<int>(pick(2000)) - 1000);
      default:
        return 1.0 / 3.0;
    }
  }

  std::string text() {
    const char* pieces[] = {"a", " ",      "\"", "\\",  "\t",      "\x01", "\x7f",
                            "é", "Ş",      "ğ",  "ә",   "қ",       "ў",    "漢",
                            "😀", "\u200f", "/",  "<i>", "{\\an8}", "&amp;"};
    std::string out;
    for (std::size_t i = pick(8); i > 0; --i)
      out += pieces[pick(20)];
    return out;
  }

  std::string word() { return coin() ? "" : "w" + std::to_string(pick(100)); }

  FormatBag random_bag() {
    FormatBag b;
    b.format = word();
    for (std::size_t i = pick(4); i > 0; --i)
      b.add(text(), text());
    return b;
  }

  std::optional<Color> color() {
    if (coin())
      return std::nullopt;
    auto byte = [&] { return static_cast<std::uint8_t>(pick(256)); };
    return Color{byte(), byte(), byte(), coin() ? std::uint8_t{255} : byte()};
  }

  std::optional<std::pair<double, double>> pair() {
    if (coin())
      return std::nullopt;
    return std::pair{real(), real()};
  }

  Style style() {
    Style s;
    s.name = text();
    s.font = text();
    s.font_size = real();
    s.primary = color().value_or(Color{});
    s.back = Color{1, 2, 3, static_cast<std::uint8_t>(pick(256))};
    s.bold = coin();
    s.italic = coin();
    s.underline = coin();
    s.strike = coin();
    s.scale_x = real();
    s.scale_y = real();
    s.spacing = real();
    s.angle = real();
    s.border_style = small_int();
    s.outline_width = real();
    s.shadow = real();
    s.alignment = static_cast<int>(pick(10));
    s.margin_l = small_int();
    s.margin_r = small_int();
    s.margin_v = small_int();
    s.encoding = small_int();
    if (coin())
      s.format_private = random_bag();
    return s;
  }

  Region region() {
    Region r;
    r.id = text();
    if (coin())
      r.width_percent = real();
    if (coin())
      r.lines = small_int();
    r.region_anchor = pair();
    r.viewport_anchor = pair();
    r.scroll_up = coin();
    r.origin = pair();
    r.extent = pair();
    r.display_align = word();
    if (coin())
      r.format_private = random_bag();
    return r;
  }

  Span span() {
    Span s;
    s.kind = static_cast<SpanKind>(pick(10));
    for (std::size_t i = pick(3); i > 0; --i)
      s.classes.push_back(text());
    s.annotation = coin() ? "" : text();
    s.color = color();
    if (coin())
      s.size = real();
    return s;
  }

  Run run() {
    Run r;
    r.kind = static_cast<RunKind>(pick(4));
    if (r.kind == RunKind::text || r.kind == RunKind::raw || pick(4) == 0)
      r.text = text();
    if (r.kind == RunKind::raw || pick(4) == 0)
      r.raw_format = word();
    if (r.kind == RunKind::timestamp || pick(4) == 0)
      r.time = Time(static_cast<std::int64_t>(pick(1'000'000'000)));
    for (std::size_t i = pick(4); i > 0; --i)
      r.spans.push_back(span());
    return r;
  }

  Placement placement() {
    Placement p;
    if (coin())
      p.alignment = static_cast<int>(pick(10));
    if (coin())
      p.position = pair();
    if (coin())
      p.box = Placement::Box{small_int(), small_int(), small_int(), small_int()};
    if (coin())
      p.margin_l = small_int();
    if (coin())
      p.margin_v = small_int();
    if (coin())
      p.region = text();
    if (coin())
      p.line = real();
    p.line_percent = coin();
    if (coin())
      p.position_percent = real();
    if (coin())
      p.size_percent = real();
    if (coin())
      p.text_align = word();
    return p;
  }

  Cue cue(FrameRate rate) {
    Cue c;
    c.id = coin() ? "" : text();
    // Frame-exact times at awkward rates, or arbitrary ticks.
    const auto first = static_cast<std::int64_t>(pick(3'000'000));
    if (coin()) {
      c.start = frames_to_time(first, rate);
      c.end = frames_to_time(first + static_cast<std::int64_t>(pick(200)), rate);
    } else {
      c.start = Time(first * 997);
      c.end = c.start + Time(static_cast<std::int64_t>(pick(1'000'000'000)));
    }
    for (std::size_t i = pick(6); i > 0; --i)
      c.runs.push_back(run());
    c.placement = placement();
    c.style = word();
    c.speaker = coin() ? "" : text();
    c.language = word();
    c.layer = small_int();
    c.effect = word();
    c.comment = coin();
    c.source_line = static_cast<int>(pick(100));
    if (coin())
      c.format_private = random_bag();
    return c;
  }

  std::mt19937 rng_;
};

TEST(JsonRoundTrip, RandomDocumentsSurvive) {
  RandomDocuments gen(20261126);
  for (int i = 0; i < 300; ++i) {
    const Document doc = gen.next();
    std::string text;
    const Document back = round_trip(doc, &text);
    ASSERT_TRUE(back == doc) << "document " << i << "\n"
                             << text << "\nexpected\n"
                             << dump(doc) << "got\n"
                             << dump(back);
    Diagnostics diag;
    ASSERT_EQ(write(back, {}, diag), text) << "document " << i;
  }
}

// Canonical goldens (every file but hand-*.in.json and bad-*.in.json) are exactly what the writer
// produces; hand-written ones reach a fixpoint after one write; bad ones fail.
TEST(JsonRoundTrip, GoldensAreCanonical) {
  const auto dir = testing::source_dir() / "tests/golden/json";
  int canonical = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".in.json"))
      continue;
    SCOPED_TRACE(name);
    const std::string in = testing::slurp(entry.path());
    Diagnostics diag;
    const Source source{name, in, in, "UTF-8"};
    if (name.starts_with("bad-")) {
      EXPECT_THROW(read(source, {}, diag), ParseError);
      continue;
    }
    const std::string out = write(read(source, {}, diag), {}, diag);
    if (name.starts_with("hand-")) {
      const Source again{name, out, out, "UTF-8"};
      Diagnostics diag2;
      EXPECT_EQ(write(read(again, {}, diag2), {}, diag2), out);
      EXPECT_TRUE(diag2.empty()) << dump(diag2);
    } else {
      EXPECT_EQ(out, in);
      EXPECT_TRUE(diag.empty()) << dump(diag);
      ++canonical;
    }
  }
  EXPECT_GE(canonical, 3);
}

}  // namespace
}  // namespace kopru::codecs::json
