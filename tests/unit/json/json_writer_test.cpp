// The writer's exact form: key order, indentation, escaping, numbers and reported losses.
#include <gtest/gtest.h>

#include <limits>

#include "codecs/json/json.h"
#include "pipeline/model/dump.h"

namespace kopru::codecs::json {
namespace {

TEST(JsonWrite, ExactLayout) {
  Document doc;
  doc.meta.source_format = "srt";
  doc.meta.source_encoding = "UTF-8";
  doc.meta.frame_rate = FrameRate{25, 1};
  Cue c;
  c.id = "7";
  c.start = from_ms(1000);
  c.end = from_ms(2000) + Time(352800);  // 2000.5 ms: start_ms rounds half up
  c.runs = {Run::plain("Ça \"va\"", {{SpanKind::italic}}), Run::line_break(), Run::plain("ў")};
  c.placement.position = {{1.5, -0.0}};
  c.placement.size_percent = 1.0 / 3.0;
  doc.cues.push_back(c);
  Diagnostics diag;
  EXPECT_EQ(write(doc, {}, diag), R"({
  "schema": "kopru-json/1",
  "metadata": {
    "title": "",
    "language": "",
    "frame_rate": {
      "num": 25,
      "den": 1
    },
    "source_format": "srt",
    "source_encoding": "UTF-8",
    "play_res": {
      "x": 0,
      "y": 0
    }
  },
  "styles": [],
  "regions": [],
  "format_private": {
    "format": "",
    "entries": []
  },
  "cues": [
    {
      "id": "7",
      "start_ms": 1000,
      "end_ms": 2001,
      "start_ticks": 705600000,
      "end_ticks": 1411552800,
      "text": "Ça \"va\"\nў",
      "runs": [
        {
          "kind": "text",
          "text": "Ça \"va\"",
          "spans": [
            {
              "kind": "italic"
            }
          ]
        },
        {
          "kind": "line_break"
        },
        {
          "kind": "text",
          "text": "ў"
        }
      ],
      "placement": {
        "position": [
          1.5,
          -0.0
        ],
        "size_percent": 0.3333333333333333
      },
      "style": "",
      "speaker": "",
      "language": "",
      "layer": 0,
      "effect": "",
      "comment": false
    }
  ]
}
)");
  EXPECT_TRUE(diag.empty());
}

TEST(JsonWrite, NonFiniteNumbersAreReportedAndWrittenAsNull) {
  Document doc;
  Style s;
  s.font_size = std::numeric_limits<double>::infinity();
  doc.styles.push_back(s);
  Diagnostics diag;
  const std::string out = write(doc, {}, diag);
  EXPECT_NE(out.find("\"font_size\": null"), std::string::npos);
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].code, "json-lossy-non-finite");
  // Reading it back fails loudly rather than inventing a size.
  const Source source{"out.json", out, out, "UTF-8"};
  EXPECT_THROW(read(source, {}, diag), ParseError);
}

TEST(JsonWrite, InvalidUtf8IsReplacedAndReported) {
  Document doc;
  doc.cues.emplace_back().runs = {Run::plain("bad \xff byte")};
  Diagnostics diag;
  const std::string out = write(doc, {}, diag);
  EXPECT_NE(out.find("\"text\": \"bad \xef\xbf\xbd byte\""), std::string::npos);
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].code, "json-lossy-invalid-utf8");
}

TEST(JsonWrite, CapsClaimEverythingExactly) {
  const WriterCaps c = caps();
  EXPECT_TRUE(c.styles && c.colors && c.fonts && c.positions && c.regions && c.ruby && c.voices &&
              c.inner_timestamps && c.overlaps);
  EXPECT_FALSE(c.frame_based);
  EXPECT_EQ(c.max_lines, 0);
  EXPECT_EQ(c.precision, Time(1));
}

}  // namespace
}  // namespace kopru::codecs::json
