// MicroDVD writer: a "{1}{1}<fps>" first line, then "{start}{end}text" with times rounded to the
// nearest frame. Formatting that covers a whole cue becomes upper-case codes, a whole line
// lower-case codes; formatting of part of a line has no MicroDVD form and is reported.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "codecs/microdvd/microdvd.h"
#include "codecs/microdvd/microdvd_internal.h"

namespace kopru::codecs::microdvd {
namespace {

struct Item {
  bool raw = false;
  std::string text;
  Format format;
};

using Line = std::vector<Item>;

// "23.976", "29.97", "25": the decimal form files in the wild carry.
std::string rate_text(const FrameRate& rate) {
  if (rate.den == 1)
    return std::to_string(rate.num);
  const std::int64_t milli = divide_ticks(rate.num * 1000, rate.den, Rounding::nearest);
  std::string text = std::to_string(milli / 1000) + ".";
  char digits[8];
  std::snprintf(digits, sizeof digits, "%03d", static_cast<int>(milli % 1000));
  text += digits;
  while (text.back() == '0')
    text.pop_back();
  if (text.back() == '.')
    text.pop_back();
  return text;
}

std::string bgr_text(const Color& c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "$%02X%02X%02X", c.b, c.g, c.r);
  return buf;
}

std::string size_text(double size) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", size);
  return buf;
}

class CueWriter {
 public:
  CueWriter(const Cue& cue, int number, Diagnostics& diag)
      : cue_(cue), number_(number), diag_(diag) {}

  // The text after "{start}{end}" (empty for a cue without text, which readers keep too).
  std::string text() {
    collect();
    bool content = false;
    for (const Line& line : lines_) {
      for (const Item& item : line)
        content = content || item.raw || !item.text.empty();
    }
    if (!content)
      return placement_codes();
    const Format cue_format = common(all_text_items());
    std::string out = codes(cue_format, true) + placement_codes();
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (i != 0)
        out += '|';
      out += line_text(lines_[i], cue_format);
    }
    return out;
  }

 private:
  void lossy(const std::string& kind, const std::string& what) {
    if (!reported_.insert(kind).second)
      return;
    diag_.warn(0, 0, "microdvd-lossy-" + kind, "cue " + std::to_string(number_) + ": " + what);
  }

  Format format_of(const Run& run) {
    Format f;
    for (const Span& span : run.spans) {
      switch (span.kind) {
        case SpanKind::italic:
          f.italic = true;
          break;
        case SpanKind::bold:
          f.bold = true;
          break;
        case SpanKind::underline:
          f.underline = true;
          break;
        case SpanKind::strike:
          f.strike = true;
          break;
        case SpanKind::font:
          if (span.color)
            f.color = Color{span.color->r, span.color->g, span.color->b, 255};
          if (span.color && span.color->a != 255)
            lossy("alpha", "colour transparency dropped");
          if (!span.annotation.empty())
            f.face = span.annotation;
          if (span.size)
            f.size = span.size;
          break;
        case SpanKind::voice:
          lossy("voice", "speaker \"" + span.annotation + "\" not written");
          break;
        case SpanKind::css_class:
          lossy("class", "CSS classes dropped");
          break;
        case SpanKind::lang:
          lossy("lang", "language span dropped");
          break;
        case SpanKind::ruby:
        case SpanKind::ruby_text:
          break;
      }
      if (!span.classes.empty())
        lossy("class", "CSS classes dropped");
    }
    return f;
  }

  void add_text(std::string_view text, const Format& format) {
    std::size_t start = 0;
    while (true) {
      const std::size_t nl = text.find('\n', start);
      std::string piece(text.substr(start, nl == std::string_view::npos ? nl : nl - start));
      std::erase(piece, '\r');
      lines_.back().push_back({false, escape(piece), format});
      if (nl == std::string_view::npos)
        break;
      lines_.emplace_back();
      start = nl + 1;
    }
  }

  // "|" always breaks a line and "{x:...}" is always a code, so neither can be written as text.
  std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const std::size_t last_close = text.rfind('}');
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '|') {
        out += "\xC2\xA6";  // U+00A6 BROKEN BAR
        lossy("pipe", "\"|\" in the text written as \"\xC2\xA6\" (\"|\" breaks the line)");
      } else if (c == '{' && i + 2 < text.size() &&
                 std::isalpha(static_cast<unsigned char>(text[i + 1])) != 0 && text[i + 2] == ':' &&
                 last_close != std::string_view::npos && last_close > i) {
        out += '(';
        lossy("brace", "\"{\" before a control-code-like text written as \"(\"");
      } else {
        out += c;
      }
    }
    return out;
  }

  void collect() {
    lines_.emplace_back();
    for (const Run& run : cue_.runs) {
      switch (run.kind) {
        case RunKind::line_break:
          lines_.emplace_back();
          break;
        case RunKind::timestamp:
          lossy("timestamp", "inner timestamps dropped");
          break;
        case RunKind::raw:
          if (run.raw_format == "microdvd") {
            lines_.back().push_back({true, run.text, {}});
          } else {
            lossy("raw", run.raw_format + " markup " + quote_short(run.text) + " dropped");
          }
          break;
        case RunKind::text:
          if (has_span(run, SpanKind::ruby_text)) {
            lossy("ruby", "ruby text written inline after its base");
          }
          add_text(run.text, format_of(run));
          break;
      }
    }
  }

  static std::string quote_short(const std::string& s) {
    return "\"" + (s.size() > 40 ? s.substr(0, 40) + "..." : s) + "\"";
  }

  std::vector<const Item*> all_text_items() const {
    std::vector<const Item*> items;
    for (const Line& line : lines_) {
      for (const Item& item : line) {
        if (!item.raw && !item.text.empty())
          items.push_back(&item);
      }
    }
    return items;
  }

  // The formatting every item has.
  static Format common(const std::vector<const Item*>& items) {
    if (items.empty())
      return {};
    Format f = items.front()->format;
    for (const Item* item : items) {
      const Format& g = item->format;
      f.italic = f.italic && g.italic;
      f.bold = f.bold && g.bold;
      f.underline = f.underline && g.underline;
      f.strike = f.strike && g.strike;
      if (f.color != g.color)
        f.color.reset();
      if (f.face != g.face)
        f.face.clear();
      if (f.size != g.size)
        f.size.reset();
    }
    return f;
  }

  // Codes for what `f` has beyond `base`.
  static std::string codes(const Format& f, bool whole_cue, const Format& base = {}) {
    std::string out;
    auto code = [&](char lower, const std::string& value) {
      out += '{';
      out += whole_cue ? static_cast<char>(lower - 'a' + 'A') : lower;
      out += ':' + value + '}';
    };
    if (f.italic && !base.italic)
      code('y', "i");
    if (f.bold && !base.bold)
      code('y', "b");
    if (f.underline && !base.underline)
      code('y', "u");
    if (f.strike && !base.strike)
      code('y', "s");
    if (f.color && f.color != base.color)
      code('c', bgr_text(*f.color));
    if (!f.face.empty() && f.face != base.face)
      code('f', f.face);
    if (f.size && f.size != base.size)
      code('s', size_text(*f.size));
    return out;
  }

  std::string line_text(const Line& line, const Format& cue_format) {
    std::vector<const Item*> items;
    for (const Item& item : line) {
      if (!item.raw && !item.text.empty())
        items.push_back(&item);
    }
    const Format line_format = common(items);
    for (const Item* item : items) {
      const Format& f = item->format;
      if (f.italic != line_format.italic || f.bold != line_format.bold ||
          f.underline != line_format.underline || f.strike != line_format.strike ||
          f.color != line_format.color || f.face != line_format.face ||
          f.size != line_format.size) {
        lossy("partial-style",
              "formatting of part of a line dropped (MicroDVD codes style whole lines)");
        break;
      }
    }
    for (const Item* item : items) {
      if (item->format.size && *item->format.size != static_cast<int>(*item->format.size)) {
        lossy("size", "font size rounded to a whole number");
      }
    }
    std::string out = codes(line_format, false, cue_format);
    for (const Item& item : line)
      out += item.text;
    return out;
  }

  std::string placement_codes() {
    const Placement& p = cue_.placement;
    std::string out;
    Placement rest = p;
    rest.alignment = 0;
    rest.position.reset();
    if (!rest.is_default())
      lossy("placement", "placement other than top/bottom and x,y dropped");
    if (p.position) {
      const auto x = static_cast<long long>(std::llround(p.position->first));
      const auto y = static_cast<long long>(std::llround(p.position->second));
      if (static_cast<double>(x) != p.position->first ||
          static_cast<double>(y) != p.position->second) {
        lossy("position", "position rounded to whole pixels");
      }
      // {o:x,y} is what FFmpeg and mpv read; the {P:x,y} form of some descriptions is shown by
      // them as text.
      out += "{o:" + std::to_string(x) + "," + std::to_string(y) + "}";
    }
    const int a = p.alignment;
    if (a >= 7 && a <= 9)
      out += "{P:0}";
    if (a >= 1 && a <= 3)
      out += "{P:1}";
    if (a == 1 || a == 3 || a == 7 || a == 9 || (a >= 4 && a <= 6)) {
      lossy("alignment", "alignment " + std::to_string(a) + " written as " +
                             (a >= 7 ? "top" : "bottom") + " centre");
    }
    return out;
  }

  const Cue& cue_;
  int number_;
  Diagnostics& diag_;
  std::vector<Line> lines_;
  std::set<std::string> reported_;
};

}  // namespace

std::string write(const Document& doc, const WriteOptions& options, Diagnostics& diag) {
  std::optional<FrameRate> rate = doc.meta.frame_rate ? doc.meta.frame_rate : options.fps;
  if (!rate) {
    throw UsageError(
        "MicroDVD counts time in frames and the document has no frame rate; pass the video's "
        "frame rate with --fps (e.g. --fps 23.976 or --fps 25)");
  }
  if (doc.meta.frame_rate && options.fps && *options.fps != *doc.meta.frame_rate) {
    diag.warn(0, 0, "microdvd-fps-ignored",
              "the document's frame rate " + doc.meta.frame_rate->to_string() + " is used; the " +
                  options.fps->to_string() + " fps given is ignored");
  }
  const std::string header = rate_text(*rate);
  if (FrameRate::parse(header) != rate) {
    diag.warn(0, 0, "microdvd-lossy-frame-rate",
              "frame rate " + rate->to_string() + " written as " + header +
                  ", which readers take as " +
                  FrameRate::parse(header).value_or(*rate).to_string());
  }
  std::string out = "{1}{1}" + header + "\n";
  if (doc.format_private.format == "microdvd") {
    for (const auto& [key, value] : doc.format_private.entries) {
      if (key == "default")
        out += "{DEFAULT}{}" + value + "\n";
    }
  }
  int rounded = 0;
  int number = 0;
  for (const Cue& cue : doc.cues) {
    ++number;
    const std::string label = "cue " + std::to_string(number) + ": ";
    if (cue.comment) {
      diag.warn(0, 0, "microdvd-lossy-comment", label + "comment cue not written");
      continue;
    }
    const std::string text = CueWriter(cue, number, diag).text();
    if (!cue.speaker.empty()) {
      diag.warn(0, 0, "microdvd-lossy-speaker", label + "speaker \"" + cue.speaker + "\" dropped");
    }
    std::int64_t start = time_to_frames(cue.start, *rate);
    std::int64_t end = time_to_frames(cue.end, *rate);
    if (frames_to_time(start, *rate) != cue.start || frames_to_time(end, *rate) != cue.end) {
      ++rounded;
    }
    if (start < 0) {
      diag.warn(0, 0, "microdvd-lossy-negative-time", label + "negative start written as frame 0");
      start = 0;
    }
    if (end < start) {
      diag.warn(0, 0, "microdvd-end-before-start", label + "ends before it starts (written so)");
    } else if (end == start && cue.end > cue.start) {
      diag.warn(0, 0, "microdvd-lossy-short-cue",
                label + "shorter than a frame: lengthened to one");
      end = start + 1;
    }
    out += "{" + std::to_string(start) + "}{" + std::to_string(end) + "}" + text + "\n";
  }
  if (rounded > 0) {
    diag.note(0, 0, "microdvd-rounded-to-frames",
              std::to_string(rounded) +
                  " cue(s) had times between frames; rounded to the nearest "
                  "frame at " +
                  header + " fps");
  }
  bool styled = false;
  for (const Cue& cue : doc.cues)
    styled = styled || !cue.style.empty();
  if (styled && !doc.styles.empty()) {
    diag.warn(0, 0, "microdvd-lossy-style",
              "named styles are not written (MicroDVD has only inline codes)");
  }
  return out;
}

WriterCaps caps() {
  WriterCaps caps;
  caps.overlaps = true;
  caps.styles = false;
  caps.italic_bold_underline = true;
  caps.colors = true;
  caps.fonts = true;
  caps.positions = true;
  caps.regions = false;
  caps.ruby = false;
  caps.voices = false;
  caps.inner_timestamps = false;
  caps.frame_based = true;
  caps.max_lines = 0;  // MicroDVD Player showed at most 5; other players have no limit
  return caps;
}

}  // namespace kopru::codecs::microdvd
