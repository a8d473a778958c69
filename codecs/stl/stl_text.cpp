// The TTI text field: teletext spacing attributes (colours, boxing, double height, backgrounds),
// the open-subtitle codes 0x80-0x85, CR/LF 0x8A and the characters of the code table, read into
// runs and written back.
#include <array>
#include <cstdlib>
#include <set>

#include "codecs/stl/stl_internal.h"

namespace kopru::codecs::stl::detail {

namespace {

constexpr std::array<Color, 8> kTeletextColors = {
    Color{0, 0, 0, 255},     Color{255, 0, 0, 255},    Color{0, 255, 0, 255},
    Color{255, 255, 0, 255}, Color{0, 0, 255, 255},    Color{255, 0, 255, 255},
    Color{0, 255, 255, 255}, Color{255, 255, 255, 255}};
// WebVTT's default class names for the same colours, used for backgrounds.
constexpr std::array<std::string_view, 8> kColorNames = {"black", "red",     "lime", "yellow",
                                                         "blue",  "magenta", "cyan", "white"};
constexpr int kBlack = 0;
constexpr int kWhite = 7;

struct TextStyle {
  int fg = kWhite;
  int bg = kBlack;
  bool italic = false;
  bool underline = false;
  bool operator==(const TextStyle&) const = default;
};

std::vector<Span> spans_of(const TextStyle& style) {
  std::vector<Span> spans;
  if (style.italic)
    spans.push_back(Span{SpanKind::italic});
  if (style.underline)
    spans.push_back(Span{SpanKind::underline});
  if (style.fg != kWhite) {
    Span s{SpanKind::font};
    s.color = kTeletextColors[static_cast<std::size_t>(style.fg)];
    spans.push_back(s);
  }
  if (style.bg != kBlack) {
    Span s{SpanKind::css_class};
    s.classes.push_back("bg_" + std::string(kColorNames[static_cast<std::size_t>(style.bg)]));
    spans.push_back(s);
  }
  return spans;
}

class Reader {
 public:
  explicit Reader(const TextContext& ctx) : ctx_(ctx) {}

  DecodedText run(std::string_view tf) {
    for (std::size_t i = 0; i < tf.size(); ++i) {
      const auto b = static_cast<std::uint8_t>(tf[i]);
      if (b < 0x20) {
        control(b);
      } else if (b >= 0x80 && b < 0xA0) {
        open_code(b);
      } else if (is_diacritic_prefix(ctx_.table, b)) {
        i += diacritic(tf, i);
      } else {
        const char32_t c = table_char(ctx_.table, b);
        if (c == kNoChar) {
          problem("stl-undefined-character", "byte 0x" + hex(b) + " is not assigned in " +
                                                 std::string(code_table_name(ctx_.table)) +
                                                 "; read as U+FFFD");
          text(U"\uFFFD");
        } else {
          text(std::u32string(1, c));
        }
      }
    }
    end_row();
    if (!out_.runs.empty() && out_.runs.back().kind == RunKind::line_break)
      out_.runs.pop_back();
    return std::move(out_);
  }

 private:
  static std::string hex(std::uint8_t b) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    return {kHex[b >> 4], kHex[b & 15]};
  }

  void problem(const std::string& code, const std::string& message) {
    if (reported_.insert(code).second)
      out_.problems.push_back(code + "|" + message);
  }

  void control(std::uint8_t b) {
    if (b <= 0x07) {
      style_.fg = b;
    } else if (b == 0x0D || b == 0x0E || b == 0x0F) {
      if (b == 0x0D || b == 0x0F)
        out_.double_height = true;
    } else if (b == 0x1C) {
      style_.bg = kBlack;
    } else if (b == 0x1D) {
      style_.bg = style_.fg;
    } else if (b == 0x08 || b == 0x09 || b == 0x0A || b == 0x0B || b == 0x0C) {
      // flash/steady, boxing and normal height: nothing in the model holds them
    } else {
      problem("stl-unsupported-control",
              "teletext control code 0x" + hex(b) + " (mosaic, conceal or reserved) was ignored");
    }
    // Teletext attributes occupy a character cell, shown as a space between words.
    if (row_chars_ > 0)
      pending_space_ = true;
  }

  void open_code(std::uint8_t b) {
    switch (b) {
      case 0x80:
        style_.italic = true;
        break;
      case 0x81:
        style_.italic = false;
        break;
      case 0x82:
        style_.underline = true;
        break;
      case 0x83:
        style_.underline = false;
        break;
      case 0x84:
      case 0x85:
        break;  // boxing on/off (open subtitles)
      case kCrLf:
        end_row();
        break;
      case kUnusedSpace:
        break;
      default:
        problem("stl-reserved-code",
                "reserved code 0x" + hex(b) + " in the text field was ignored");
    }
  }

  std::size_t diacritic(std::string_view tf, std::size_t i) {
    const char32_t mark = table_char(ctx_.table, static_cast<std::uint8_t>(tf[i]));
    if (i + 1 < tf.size()) {
      const auto next = static_cast<std::uint8_t>(tf[i + 1]);
      const char32_t base = table_char(ctx_.table, next);
      if (base != kNoChar && !is_diacritic_prefix(ctx_.table, next) && base > 0x20) {
        std::string pair;
        append_utf8(pair, base);
        append_utf8(pair, mark);
        const std::vector<char32_t> composed = to_code_points(nfc(pair));
        text(std::u32string(composed.begin(), composed.end()));
        return 1;
      }
    }
    problem("stl-dangling-diacritic", "diacritic 0x" + hex(static_cast<std::uint8_t>(tf[i])) +
                                          " is not followed by a letter");
    text(std::u32string(1, mark));
    return 0;
  }

  void text(std::u32string_view chars) {
    for (const char32_t c : chars) {
      if (c == ' ' && row_chars_ == 0)
        continue;  // leading spaces of a row (often outside the box) are layout, not text
      if (row_chars_ == 0 && need_break_) {
        out_.runs.push_back(Run::line_break());
        need_break_ = false;
        row_begin_ = out_.runs.size();
      }
      if (pending_space_) {
        pending_space_ = false;
        if (c != ' ' && last_ != ' ')
          append(' ', open_style_);
      }
      append(c, style_);
      ++row_chars_;
    }
  }

  void append(char32_t c, const TextStyle& style) {
    if (out_.runs.size() <= row_begin_ || out_.runs.back().kind != RunKind::text ||
        !(style == open_style_)) {
      out_.runs.push_back(Run::plain("", spans_of(style)));
      open_style_ = style;
    }
    append_utf8(out_.runs.back().text, c);
    last_ = c;
  }

  void end_row() {
    // Trailing spaces of a row are padding.
    while (out_.runs.size() > row_begin_) {
      std::string& t = out_.runs.back().text;
      while (!t.empty() && t.back() == ' ')
        t.pop_back();
      if (!t.empty())
        break;
      out_.runs.pop_back();
    }
    if (row_chars_ > 0) {
      ++out_.rows;
      need_break_ = true;
    }
    row_chars_ = 0;
    pending_space_ = false;
    last_ = 0;
    row_begin_ = out_.runs.size();
    // Each teletext row starts white on black; italics and underline run on.
    style_.fg = kWhite;
    style_.bg = kBlack;
  }

  const TextContext& ctx_;
  DecodedText out_;
  TextStyle style_;
  TextStyle open_style_;
  std::size_t row_begin_ = 0;
  int row_chars_ = 0;
  bool pending_space_ = false;
  bool need_break_ = false;
  char32_t last_ = 0;
  std::set<std::string> reported_;
};

int nearest_color(const Color& c) {
  int best = kWhite;
  long best_distance = -1;
  for (std::size_t i = 0; i < kTeletextColors.size(); ++i) {
    const Color& t = kTeletextColors[i];
    const long d =
        std::labs(long{c.r} - t.r) + std::labs(long{c.g} - t.g) + std::labs(long{c.b} - t.b);
    if (best_distance < 0 || d < best_distance) {
      best_distance = d;
      best = static_cast<int>(i);
    }
  }
  return best;
}

struct Lowered {
  TextStyle style;
  std::vector<std::string> losses;
};

Lowered lower_spans(const std::vector<Span>& spans) {
  Lowered l;
  for (const Span& s : spans) {
    switch (s.kind) {
      case SpanKind::italic:
        l.style.italic = true;
        break;
      case SpanKind::underline:
        l.style.underline = true;
        break;
      case SpanKind::font:
        if (s.color) {
          l.style.fg = nearest_color(*s.color);
          if (!(kTeletextColors[static_cast<std::size_t>(l.style.fg)] == *s.color))
            l.losses.push_back("colour " + s.color->to_hex() + " written as teletext " +
                               std::string(kColorNames[static_cast<std::size_t>(l.style.fg)]));
        }
        if (!s.annotation.empty() || s.size)
          l.losses.push_back("font face/size");
        break;
      case SpanKind::css_class: {
        bool known = false;
        for (const std::string& cls : s.classes) {
          for (std::size_t i = 0; i < kColorNames.size(); ++i) {
            if (cls == "bg_" + std::string(kColorNames[i])) {
              l.style.bg = static_cast<int>(i);
              known = true;
            } else if (cls == kColorNames[i]) {
              l.style.fg = static_cast<int>(i);
              known = true;
            }
          }
        }
        if (!known)
          l.losses.push_back("class");
        break;
      }
      default:
        l.losses.push_back(std::string(to_string(s.kind)));
    }
  }
  return l;
}

class Writer {
 public:
  Writer(const TextContext& ctx, bool double_height) : ctx_(ctx), double_height_(double_height) {}

  EncodedText run(const std::vector<Run>& runs) {
    start_row();
    for (const Run& r : runs) {
      if (r.kind == RunKind::line_break) {
        end_row();
        out_.bytes += static_cast<char>(kCrLf);
        if (double_height_ && ctx_.teletext)
          out_.bytes += static_cast<char>(kCrLf);
        start_row();
        continue;
      }
      if (r.kind != RunKind::text) {
        note_loss(r.kind == RunKind::timestamp ? "inner timestamp" : "raw markup");
        continue;
      }
      const Lowered lowered = lower_spans(r.spans);
      for (const std::string& loss : lowered.losses)
        note_loss(loss);
      for (const char32_t c : to_code_points(nfc(r.text))) {
        if (c == '\n') {
          end_row();
          out_.bytes += static_cast<char>(kCrLf);
          start_row();
          continue;
        }
        set_style(lowered.style);
        put(c);
      }
    }
    end_row();
    return std::move(out_);
  }

 private:
  void note_loss(const std::string& what) {
    for (const std::string& l : out_.losses) {
      if (l == what)
        return;
    }
    out_.losses.push_back(what);
  }

  void start_row() {
    row_ = {};
    row_open_ = false;
    row_length_ = 0;
    last_base_ = std::string::npos;
  }

  void open_row(const TextStyle& style) {
    if (ctx_.teletext && double_height_)
      out_.bytes += '\x0D';
    // The background is set before the box opens; the text colour inside it, where IRT's
    // converter puts it too.
    if (style.bg != kBlack) {
      out_.bytes += static_cast<char>(style.bg);
      out_.bytes += '\x1D';
    }
    if (ctx_.teletext)
      out_.bytes += "\x0B\x0B";
    if (style.fg != kWhite || style.bg != kBlack)
      out_.bytes += static_cast<char>(style.fg);
    row_.fg = style.fg;
    row_.bg = style.bg;
    row_open_ = true;
  }

  void set_style(const TextStyle& style) {
    if (!row_open_)
      open_row(style);
    if (style.italic != row_.italic)
      out_.bytes += style.italic ? '\x80' : '\x81';
    if (style.underline != row_.underline)
      out_.bytes += style.underline ? '\x82' : '\x83';
    if (style.bg != row_.bg) {
      if (style.bg == kBlack) {
        out_.bytes += '\x1C';
      } else {
        out_.bytes += static_cast<char>(style.bg);
        out_.bytes += '\x1D';
      }
      out_.bytes += static_cast<char>(style.fg);
    } else if (style.fg != row_.fg) {
      out_.bytes += static_cast<char>(style.fg);
    }
    row_ = style;
  }

  void put(char32_t c) {
    const std::string bytes = encode_char(ctx_.table, c);
    const bool is_mark = ctx_.table == CodeTable::latin && bytes.size() == 1 &&
                         is_diacritic_prefix(ctx_.table, static_cast<std::uint8_t>(bytes[0]));
    if (is_mark && last_base_ != std::string::npos) {
      out_.bytes.insert(last_base_, bytes);  // the prefix goes before the letter it marks
      last_base_ = std::string::npos;
      return;
    }
    if (bytes.empty() || is_mark) {
      out_.missing.push_back(c);
      out_.bytes += '?';
      last_base_ = out_.bytes.size() - 1;
    } else {
      last_base_ = bytes.size() == 1 ? out_.bytes.size() : std::string::npos;
      out_.bytes += bytes;
    }
    ++row_length_;
  }

  void end_row() {
    if (row_open_ && ctx_.teletext)
      out_.bytes += "\x0A\x0A";
    if (row_open_ && (row_.italic || row_.underline)) {
      // Close open-subtitle attributes at the row end so each row stands alone.
      if (row_.italic)
        out_.bytes += '\x81';
      if (row_.underline)
        out_.bytes += '\x83';
    }
    out_.row_lengths.push_back(row_length_);
    ++out_.rows;
  }

  const TextContext& ctx_;
  bool double_height_;
  EncodedText out_;
  TextStyle row_;
  bool row_open_ = false;
  int row_length_ = 0;
  std::size_t last_base_ = std::string::npos;
};

}  // namespace

DecodedText decode_text_field(std::string_view tf, const TextContext& ctx) {
  return Reader(ctx).run(tf);
}

EncodedText encode_runs(const std::vector<Run>& runs, const TextContext& ctx, bool double_height) {
  return Writer(ctx, double_height).run(runs);
}

}  // namespace kopru::codecs::stl::detail
