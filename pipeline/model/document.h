// The canonical subtitle model: one for all formats. Markup is parsed once into runs; writers
// serialise runs; transliteration and QA touch text runs only, so markup survives by construction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/model/language_tag.h"
#include "pipeline/model/time.h"

namespace kopru {

struct Color {
  std::uint8_t r = 255;
  std::uint8_t g = 255;
  std::uint8_t b = 255;
  std::uint8_t a = 255;  // 255 = opaque

  bool operator==(const Color&) const = default;
  // "#rrggbb", or "#rrggbbaa" when not opaque.
  std::string to_hex() const;
  // "#rgb", "#rrggbb", "#rrggbbaa", "rgb(...)"-less CSS/HTML colour names (the 16 HTML 4 names
  // plus a few common ones). nullopt when unknown.
  static std::optional<Color> parse(std::string_view text);
};

// Opaque, ordered key/value data that one format keeps for a lossless round trip through itself
// (ASS [Script Info] lines, WebVTT NOTE blocks, EBU STL GSI fields). Only the codec named in
// `format` writes it back; others ignore it.
struct FormatBag {
  std::string format;
  std::vector<std::pair<std::string, std::string>> entries;

  bool empty() const { return entries.empty(); }
  const std::string* find(std::string_view key) const;
  void set(std::string key, std::string value);  // replaces the first entry with that key
  void add(std::string key, std::string value);  // appends, keeping duplicates
  bool operator==(const FormatBag&) const = default;
};

// One level of inline markup around a run. A run carries the whole stack of spans open on it,
// outermost first, so writers can rebuild nesting and QA can ignore it.
enum class SpanKind {
  italic,
  bold,
  underline,
  strike,
  font,       // SRT <font>, ASS \fn \fs \c: face in annotation, color, size
  css_class,  // WebVTT <c.cls>
  voice,      // WebVTT <v Name>: annotation = speaker
  lang,       // WebVTT <lang xx>: annotation = BCP 47 tag
  ruby,       // WebVTT <ruby>
  ruby_text,  // WebVTT <rt> (inside ruby)
};

std::string_view to_string(SpanKind kind);

struct Span {
  SpanKind kind = SpanKind::italic;
  std::vector<std::string> classes;  // WebVTT classes on any span (<i.loud>)
  std::string annotation;            // voice name, language tag or font face
  std::optional<Color> color;
  std::optional<double> size;

  bool operator==(const Span&) const = default;
};

enum class RunKind {
  text,
  line_break,
  timestamp,  // WebVTT inner timestamp <00:00:01.000>, karaoke marks; `time` holds it
  raw,        // format-specific markup kept verbatim (`raw_format` says whose), e.g. ASS {\blur3}
};

std::string_view to_string(RunKind kind);

struct Run {
  RunKind kind = RunKind::text;
  std::string text;  // UTF-8 text (text), the markup (raw); empty otherwise
  std::vector<Span> spans;
  Time time{};             // timestamp runs
  std::string raw_format;  // raw runs: the codec that understands `text`

  bool operator==(const Run&) const = default;

  static Run plain(std::string text, std::vector<Span> spans = {});
  static Run line_break();
  static Run timestamp(Time t);
  static Run raw(std::string format, std::string markup);
};

// Where a cue is placed. Every field is optional in effect: zero/empty/nullopt means "the format's
// or the style's default".
struct Placement {
  int alignment = 0;  // numpad 1..9 as in ASS \an (1 bottom-left, 5 middle, 9 top-right)
  std::optional<std::pair<double, double>> position;  // ASS \pos(x,y), script pixels
  struct Box {
    int x1 = 0, x2 = 0, y1 = 0, y2 = 0;
    bool operator==(const Box&) const = default;
  };
  std::optional<Box> box;  // SRT "X1:.. X2:.. Y1:.. Y2:.." pixels
  int margin_l = 0;        // ASS event margins
  int margin_r = 0;
  int margin_v = 0;
  std::string region;  // region id
  // WebVTT cue settings (also a fair description of TTML/IMSC placement)
  std::string vertical;        // "", "rl", "lr"
  std::optional<double> line;  // line number, or percentage when line_percent
  bool line_percent = false;   // !snapToLines
  std::string line_align;      // "", "start", "center", "end"
  std::optional<double> position_percent;
  std::string position_align;  // "", "line-left", "center", "line-right"
  std::optional<double> size_percent;
  std::string text_align;  // "", "start", "center", "end", "left", "right"

  bool operator==(const Placement&) const = default;
  bool is_default() const { return *this == Placement{}; }
};

struct Cue {
  std::string id;
  Time start{};
  Time end{};
  std::vector<Run> runs;
  Placement placement;
  std::string style;     // named style (ASS Style, TTML style reference)
  std::string speaker;   // actor / character / ttm:agent, for dubbing
  std::string language;  // BCP 47 override for this cue, "" = the document's
  int layer = 0;         // ASS layer
  std::string effect;    // ASS effect field
  bool comment = false;  // ASS "Comment:" event: kept, never displayed
  FormatBag format_private;
  int source_line = 0;  // line in the input where the cue began, for later diagnostics

  bool operator==(const Cue&) const = default;
};

// A named style (ASS [V4+ Styles], TTML referential styles).
struct Style {
  std::string name;
  std::string font = "Arial";
  double font_size = 20;
  Color primary{255, 255, 255, 255};
  Color secondary{255, 0, 0, 255};
  Color outline{0, 0, 0, 255};
  Color back{0, 0, 0, 255};
  bool bold = false;
  bool italic = false;
  bool underline = false;
  bool strike = false;
  double scale_x = 100;
  double scale_y = 100;
  double spacing = 0;
  double angle = 0;
  int border_style = 1;
  double outline_width = 2;
  double shadow = 2;
  int alignment = 2;  // numpad
  int margin_l = 10;
  int margin_r = 10;
  int margin_v = 10;
  int encoding = 1;
  FormatBag format_private;

  bool operator==(const Style&) const = default;
};

// A display region (WebVTT REGION, TTML region).
struct Region {
  std::string id;
  std::optional<double> width_percent;                       // WebVTT width
  std::optional<int> lines;                                  // WebVTT lines
  std::optional<std::pair<double, double>> region_anchor;    // percent
  std::optional<std::pair<double, double>> viewport_anchor;  // percent
  bool scroll_up = false;
  std::optional<std::pair<double, double>> origin;  // TTML origin, percent
  std::optional<std::pair<double, double>> extent;  // TTML extent, percent
  std::string display_align;                        // TTML "before", "center", "after"
  FormatBag format_private;

  bool operator==(const Region&) const = default;
};

struct Metadata {
  std::string title;
  LanguageTag language;
  std::optional<FrameRate> frame_rate;
  std::string source_format;    // codec name that read it
  std::string source_encoding;  // e.g. "UTF-8", "windows-1251"
  int play_res_x = 0;           // ASS PlayResX / video width, 0 = unknown
  int play_res_y = 0;

  bool operator==(const Metadata&) const = default;
};

struct Document {
  Metadata meta;
  std::vector<Style> styles;
  std::vector<Region> regions;
  std::vector<Cue> cues;
  FormatBag format_private;

  bool operator==(const Document&) const = default;
  const Style* find_style(std::string_view name) const;
};

// The cue's text with "\n" for line breaks, markup and raw runs left out.
std::string plain_text(const Cue& cue);
// Runs for plain text: "\n" (and "\r\n") become line-break runs, every text run gets `spans`.
std::vector<Run> runs_from_text(std::string_view text, const std::vector<Span>& spans = {});
// A fingerprint of the runs, so a codec can tell whether a cue was changed since it was read and
// its verbatim original may still be written back.
std::uint64_t fingerprint(const std::vector<Run>& runs);
bool has_span(const Run& run, SpanKind kind);

}  // namespace kopru
