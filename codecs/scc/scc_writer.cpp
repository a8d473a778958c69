// Scenarist SCC writer: every cue becomes a pop-on caption. Its words (RCL, ENM, a PAC per row, the
// text, EOC) are sent one per frame before the cue so that EOC lands on the cue's start frame; EDM
// at its end frame erases it unless the next caption replaces it there. Where captions are too
// close for their words to fit, the words are moved and the move is reported.
#include <algorithm>
#include <bit>
#include <cmath>
#include <set>

#include "codecs/common/layout.h"
#include "codecs/scc/scc.h"
#include "codecs/scc/scc_internal.h"

namespace kopru::codecs::scc {
namespace {

constexpr std::uint16_t kRcl = 0x1420;
// Frames in 99:59:59 of drop-frame labels, less a minute for the words that come before a cue.
constexpr std::int64_t kLastFrame = 10'786'000;
constexpr std::uint16_t kEdm = 0x142C;
constexpr std::uint16_t kEnm = 0x142E;
constexpr std::uint16_t kEoc = 0x142F;

std::uint8_t with_parity(std::uint8_t byte) {
  return (std::popcount(static_cast<unsigned>(byte & 0x7F)) & 1) == 0
             ? static_cast<std::uint8_t>(byte | 0x80)
             : static_cast<std::uint8_t>(byte & 0x7F);
}

std::uint16_t word(std::uint8_t b1, std::uint8_t b2) {
  return static_cast<std::uint16_t>((b1 << 8) | b2);
}

// One cell of a caption row as the writer lays it out: a character, or a mid-row code that
// shows as a space and switches to `attr`.
struct Item {
  char32_t ch = 0;  // 0: mid-row code
  Attr attr;
};

struct CueReport {
  std::set<std::string> replaced;
  bool wrapped = false;
  bool style_space = false;
  bool colour = false;
  bool bold_strike = false;
  bool raw = false;
};

Colour nearest_colour(const Color& c, bool& exact) {
  static constexpr std::array<std::array<int, 3>, 7> kPalette{{{255, 255, 255},
                                                               {0, 255, 0},
                                                               {0, 0, 255},
                                                               {0, 255, 255},
                                                               {255, 0, 0},
                                                               {255, 255, 0},
                                                               {255, 0, 255}}};
  int best = 0;
  long best_distance = -1;
  for (std::size_t i = 0; i < kPalette.size(); ++i) {
    const long dr = c.r - kPalette[i][0];
    const long dg = c.g - kPalette[i][1];
    const long db = c.b - kPalette[i][2];
    const long d = dr * dr + dg * dg + db * db;
    if (best_distance < 0 || d < best_distance) {
      best_distance = d;
      best = static_cast<int>(i);
    }
  }
  exact = best_distance == 0;
  return static_cast<Colour>(best);
}

Attr attr_of(const Run& run, CueReport& report) {
  Attr attr;
  for (const Span& span : run.spans) {
    switch (span.kind) {
      case SpanKind::italic:
        attr.italic = true;
        break;
      case SpanKind::underline:
        attr.underline = true;
        break;
      case SpanKind::bold:
      case SpanKind::strike:
        report.bold_strike = true;
        break;
      default:
        break;
    }
    if (span.color) {
      bool exact = false;
      attr.colour = nearest_colour(*span.color, exact);
      report.colour = report.colour || !exact;
    }
  }
  return attr;
}

// The cue as lines of characters with their attributes; characters 608 lacks become '?'.
std::vector<std::vector<Item>> lines_of(const Cue& cue, CueReport& report) {
  std::vector<std::vector<Item>> lines(1);
  for (const Run& run : cue.runs) {
    if (run.kind == RunKind::line_break) {
      lines.emplace_back();
      continue;
    }
    if (run.kind == RunKind::raw) {
      report.raw = true;
      continue;
    }
    if (run.kind != RunKind::text)
      continue;
    const Attr attr = attr_of(run, report);
    for (char32_t c : decode_utf8(run.text)) {
      if (c == U'\n') {
        lines.emplace_back();
        continue;
      }
      if (c == U'\t' || c == U'\r')
        c = U' ';
      if (!encode_char(c)) {
        std::string shown;
        append_utf8(shown, c);
        report.replaced.insert(shown);
        c = U'?';
      }
      lines.back().push_back(Item{c, attr});
    }
  }
  for (auto& line : lines) {
    while (!line.empty() && line.back().ch == U' ')
      line.pop_back();
    std::size_t lead = 0;
    while (lead < line.size() && line[lead].ch == U' ')
      ++lead;
    line.erase(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(lead));
  }
  while (lines.size() > 1 && lines.back().empty())
    lines.pop_back();
  return lines;
}

// Breaks a line at spaces so that no piece is wider than `limit` characters.
std::vector<std::vector<Item>> wrap(const std::vector<Item>& line, std::size_t limit) {
  std::vector<std::vector<Item>> out;
  std::size_t begin = 0;
  while (line.size() - begin > limit) {
    std::size_t cut = begin + limit;
    std::size_t space = cut;
    while (space > begin && line[space].ch != U' ')
      --space;
    if (space > begin)
      cut = space;
    std::size_t piece_end = cut;
    while (piece_end > begin && line[piece_end - 1].ch == U' ')
      --piece_end;
    out.emplace_back(line.begin() + static_cast<std::ptrdiff_t>(begin),
                     line.begin() + static_cast<std::ptrdiff_t>(piece_end));
    begin = cut;
    while (begin < line.size() && line[begin].ch == U' ')
      ++begin;
  }
  out.emplace_back(line.begin() + static_cast<std::ptrdiff_t>(begin), line.end());
  return out;
}

bool is_punctuation(char32_t c) {
  return c == U'.' || c == U',' || c == U';' || c == U':' || c == U'!' || c == U'?' || c == U')';
}

// Inserts the mid-row codes a row needs. A code replaces a single space before a change of style
// (it shows as a space anyway). Elsewhere it adds a column, which readers (Kopru's and
// pycaption's) ignore after a space or before punctuation and show as a space otherwise.
std::vector<Item> with_mid_rows(const std::vector<Item>& line, bool& added_space) {
  std::vector<Item> out;
  Attr current;
  for (const Item& item : line) {
    if (item.ch == U' ' || item.attr == current) {
      out.push_back(Item{item.ch, current});
      continue;
    }
    std::vector<Item> codes;
    if (item.attr.colour != current.colour || !item.attr.italic)
      codes.push_back(Item{0, Attr{item.attr.colour, false, item.attr.underline}});
    if (item.attr.italic)
      codes.push_back(Item{0, item.attr});
    const std::size_t n = out.size();
    const bool single_space =
        n >= 2 && out[n - 1].ch == U' ' && out[n - 2].ch != U' ' && out[n - 2].ch != 0;
    if (single_space)
      out.pop_back();
    else if (n > 0 && out.back().ch != U' ' && !is_punctuation(item.ch))
      added_space = true;
    out.insert(out.end(), codes.begin(), codes.end());
    out.push_back(item);
    current = item.attr;
  }
  return out;
}

// A PAC can set a row's opening style itself, at column 0 only.
bool pac_can_open(const std::vector<Item>& row) {
  std::size_t codes = 0;
  while (codes < row.size() && row[codes].ch == 0)
    ++codes;
  return codes == 1 || (codes == 2 && row[0].attr.colour == Colour::white);
}

struct RowPlan {
  int row = 15;    // 1-based
  int column = 0;  // where the first character goes (mid-row codes before it go to its left)
  std::vector<Item> items;
};

std::size_t leading_codes(const std::vector<Item>& items) {
  std::size_t n = 0;
  while (n < items.size() && items[n].ch == 0)
    ++n;
  return n;
}

int text_width(const std::vector<Item>& items) {
  return static_cast<int>(items.size() - leading_codes(items));
}

int clamp(int value, int low, int high) {
  return std::max(low, std::min(value, high));
}

std::vector<RowPlan> plan_rows(const Cue& cue, std::vector<std::vector<Item>> rows) {
  const int n = static_cast<int>(rows.size());
  const Placement& p = cue.placement;
  int top = kRows + 1 - n;
  const int vertical = p.alignment == 0 ? 0 : (p.alignment - 1) / 3;  // 0 bottom, 1 middle, 2 top
  if (p.line && p.line_percent) {
    top = static_cast<int>(std::lround((*p.line - 10.0) * kRows / 80.0)) + 1;
    if (p.line_align == "end")
      top -= n - 1;
    else if (p.line_align == "center")
      top -= n / 2;
  } else if (vertical == 2) {
    top = 1;
  } else if (vertical == 1) {
    top = 8 - n / 2;
  }
  top = clamp(top, 1, std::max(1, kRows + 1 - n));
  int horizontal = 1;  // 0 left, 1 centre, 2 right
  if (p.alignment != 0)
    horizontal = (p.alignment - 1) % 3;
  else if (p.text_align == "left" || p.text_align == "start")
    horizontal = 0;
  else if (p.text_align == "right" || p.text_align == "end")
    horizontal = 2;
  int widest = 0;
  for (const auto& r : rows)
    widest = std::max(widest, text_width(r));
  int left = 0;
  if (horizontal == 0 && p.position_percent &&
      (p.position_align.empty() || p.position_align == "line-left"))
    left = clamp(static_cast<int>(std::lround((*p.position_percent - 10.0) * kColumns / 80.0)), 0,
                 std::max(0, kColumns - widest));
  std::vector<RowPlan> plans;
  for (int i = 0; i < n && top + i <= kRows; ++i) {
    RowPlan plan;
    plan.row = top + i;
    plan.items = std::move(rows[static_cast<std::size_t>(i)]);
    const int width = text_width(plan.items);
    if (horizontal == 1)
      plan.column = std::max(0, (kColumns - width) / 2);
    else if (horizontal == 2)
      plan.column = std::max(0, kColumns - width);
    else
      plan.column = left;
    plans.push_back(std::move(plan));
  }
  return plans;
}

std::uint8_t pac_first(int row, bool& second_half) {
  static constexpr std::array<std::uint8_t, 15> kFirst{
      0x11, 0x11, 0x12, 0x12, 0x15, 0x15, 0x16, 0x16, 0x17, 0x17, 0x10, 0x13, 0x13, 0x14, 0x14};
  static constexpr std::array<bool, 15> kSecond{false, true,  false, true,  false,
                                                true,  false, true,  false, true,
                                                false, false, true,  false, true};
  second_half = kSecond[static_cast<std::size_t>(row - 1)];
  return kFirst[static_cast<std::size_t>(row - 1)];
}

std::uint8_t style_code(const Attr& attr) {
  const int style = attr.italic ? 7 : static_cast<int>(attr.colour);
  return static_cast<std::uint8_t>((style << 1) | (attr.underline ? 1 : 0));
}

// Words (without parity) for the rows of one caption.
class RowEncoder {
 public:
  explicit RowEncoder(std::vector<std::uint16_t>& out) : out_(out) {}

  void row(RowPlan plan) {
    bool second = false;
    const std::uint8_t first = pac_first(plan.row, second);
    const auto half = static_cast<std::uint8_t>(second ? 0x60 : 0x40);
    std::size_t begin = 0;
    const int lead = static_cast<int>(leading_codes(plan.items));
    if (plan.column == 0 && lead > 0 && pac_can_open(plan.items)) {
      // The PAC opens the style at column 0: italics (white) or a colour, with underline.
      control(word(first, static_cast<std::uint8_t>(half | style_code(plan.items[0].attr))));
      begin = 1;
    } else {
      // Mid-row codes go just left of the text; at the left edge the text moves right for them.
      const int start = std::max(0, plan.column - lead);
      const int indent = start / 4;
      control(word(first, static_cast<std::uint8_t>(half | 0x10 | (indent << 1))));
      if (start % 4 != 0)
        control(word(0x17, static_cast<std::uint8_t>(0x20 + start % 4)));
    }
    for (std::size_t i = begin; i < plan.items.size(); ++i)
      item(plan.items[i]);
    flush();
  }

 private:
  void control(std::uint16_t w) {
    flush();
    out_.push_back(w);
    out_.push_back(w);
  }
  void basic(std::uint8_t byte) {
    if (pending_) {
      out_.push_back(word(*pending_, byte));
      pending_.reset();
    } else {
      pending_ = byte;
    }
  }
  void flush() {
    if (pending_)
      out_.push_back(word(*pending_, 0x00));
    pending_.reset();
  }
  void item(const Item& item) {
    if (item.ch == 0) {
      const std::uint8_t code =
          item.attr.italic ? 0x2E
                           : static_cast<std::uint8_t>(static_cast<int>(item.attr.colour) << 1);
      control(word(0x11, static_cast<std::uint8_t>(0x20 | code | (item.attr.underline ? 1 : 0))));
      return;
    }
    const Encoded e = *encode_char(item.ch);
    switch (e.kind) {
      case Encoded::Kind::basic:
        basic(e.first);
        break;
      case Encoded::Kind::special:
        control(word(e.first, e.second));
        break;
      case Encoded::Kind::extended:
        basic(e.fallback);
        control(word(e.first, e.second));
        break;
    }
  }

  std::vector<std::uint16_t>& out_;
  std::optional<std::uint8_t> pending_;
};

struct Placed {
  std::int64_t frame;
  std::uint16_t code;
};

class Writer {
 public:
  Writer(const Document& doc, const WriteOptions& options, Diagnostics& diag)
      : doc_(doc), diag_(diag) {
    drop_frame_ = true;
    if (options.fps && *options.fps != kRate && *options.fps != FrameRate{30, 1})
      diag_.warn(0, 0, "scc-frame-rate",
                 "SCC always runs at 29.97 fps; the requested " + options.fps->to_string() +
                     " fps is not used (30 would select non-drop-frame timecode)");
    if (options.fps) {
      drop_frame_ = *options.fps != FrameRate{30, 1};
    } else if (doc.format_private.format == "scc" && doc.format_private.find("timecode")) {
      drop_frame_ = *doc.format_private.find("timecode") != "non-drop-frame";
    } else if (doc.meta.frame_rate && *doc.meta.frame_rate == FrameRate{30, 1}) {
      drop_frame_ = false;
    }
  }

  std::string run() {
    std::vector<const Cue*> cues;
    for (std::size_t k = 0; k < doc_.cues.size(); ++k) {
      const Cue& cue = doc_.cues[k];
      const std::string input_name = "cue " + std::to_string(k + 1);
      if (cue.comment) {
        diag_.warn(0, 0, "scc-lossy-comment",
                   input_name + ": a comment is not a caption; left out");
        continue;
      }
      // Timecodes have two digits of hours.
      if (time_to_frames(cue.end, kRate) >= kLastFrame) {
        diag_.warn(0, 0, "scc-lossy-time",
                   input_name + ": ends after 99:59:59, past what SCC timecode can say; left out");
        continue;
      }
      if (plain_text(cue).find_first_not_of(" \t\n") == std::string::npos) {
        diag_.note(0, 0, "scc-empty-cue", input_name + ": nothing to show; left out");
        continue;
      }
      if (has_blank_line(plain_text(cue))) {
        diag_.warn(0, 0, "scc-lossy-blank-line",
                   input_name + ": blank lines are not kept (caption rows are packed)");
      }
      cues.push_back(&cue);
    }
    auto by_start = [](const Cue* a, const Cue* b) { return a->start < b->start; };
    if (!std::is_sorted(cues.begin(), cues.end(), by_start)) {
      // A caption stream is a timeline: the decoder cannot show an earlier caption later.
      diag_.note(0, 0, "scc-reordered", "cues are written in time order, not the input's order");
      std::stable_sort(cues.begin(), cues.end(), by_start);
    }
    std::optional<std::int64_t> erase_at;
    std::size_t erase_owner = 0;
    for (std::size_t i = 0; i < cues.size(); ++i) {
      const Cue& cue = *cues[i];
      const std::size_t number = i + 1;
      const std::vector<std::uint16_t> load = load_words(cue, number);
      const std::int64_t start = time_to_frames(cue.start, kRate);
      std::int64_t end = time_to_frames(cue.end, kRate);
      if (end <= start) {
        report_shift(number, "end", end, start + 1);
        end = start + 1;
      }
      const auto size = static_cast<std::int64_t>(load.size());
      if (erase_at && *erase_at >= start) {
        // The next caption replaces this one: no erase needed.
        if (*erase_at > start)
          report_shift(erase_owner, "end", *erase_at, std::max(start, free_ + size));
        erase_at.reset();
      }
      if (erase_at) {
        const std::int64_t want = *erase_at;
        if (want + 2 + size <= start) {
          place_erase(erase_owner, want);
          place(std::max(free_, start - size), load);
        } else {
          // Load this caption while the previous one is still shown, then erase it on time.
          place(std::max(free_, want - size), load);
          place_erase(erase_owner, want);
        }
        erase_at.reset();
      } else {
        place(std::max(free_, start - size), load);
      }
      const std::int64_t eoc = std::max(free_, start);
      if (eoc != start)
        report_shift(number, "start", start, eoc);
      place(eoc, {kEoc, kEoc});
      erase_at = std::max(end, free_);
      if (*erase_at != end)
        report_shift(number, "end", end, *erase_at);
      erase_owner = number;
    }
    if (erase_at)
      place_erase(erase_owner, *erase_at);
    return render();
  }

 private:
  std::vector<std::uint16_t> load_words(const Cue& cue, std::size_t number) {
    CueReport report;
    std::vector<std::vector<Item>> lines = lines_of(cue, report);
    std::vector<std::vector<Item>> rows;
    for (const auto& line : lines) {
      bool fitted = false;
      for (std::size_t limit = kColumns; limit >= 8 && !fitted; --limit) {
        auto pieces = wrap(line, limit);
        std::vector<std::vector<Item>> coded;
        bool added = false;
        fitted = true;
        for (const auto& piece : pieces) {
          coded.push_back(with_mid_rows(piece, added));
          fitted = fitted && coded.back().size() <= static_cast<std::size_t>(kColumns);
        }
        if (fitted || limit == 8) {
          report.wrapped = report.wrapped || pieces.size() > 1;
          report.style_space = report.style_space || added;
          rows.insert(rows.end(), coded.begin(), coded.end());
          fitted = true;
        }
      }
    }
    for (auto& row : rows)
      if (row.size() > static_cast<std::size_t>(kColumns))
        row.resize(static_cast<std::size_t>(kColumns));  // only an unbreakable styled run gets here
    const std::string cue_name = "cue " + std::to_string(number);
    if (rows.size() > static_cast<std::size_t>(kRows))
      diag_.warn(0, 0, "scc-lossy-rows",
                 cue_name + ": " + std::to_string(rows.size()) +
                     " rows; only 15 fit on a CEA-608 screen, the rest were left out");
    if (rows.size() > 4)
      diag_.warn(0, 0, "scc-too-many-rows",
                 cue_name + ": " + std::to_string(rows.size()) +
                     " rows; CEA-608 captions should have at most 4 (all that fit are written)");
    if (report.wrapped)
      diag_.warn(0, 0, "scc-wrapped", cue_name + ": a line longer than 32 characters was wrapped");
    if (!report.replaced.empty()) {
      std::string list;
      for (const auto& c : report.replaced)
        list += (list.empty() ? "" : " ") + c;
      diag_.warn(0, 0, "scc-lossy-character",
                 cue_name + ": characters CEA-608 cannot show were written as '?': " + list);
    }
    if (report.style_space)
      diag_.warn(0, 0, "scc-lossy-style-space",
                 cue_name + ": a style change inside a word takes a column and shows as a space");
    if (report.colour)
      diag_.warn(0, 0, "scc-lossy-colour",
                 cue_name + ": a colour outside the 608 palette became the nearest 608 colour");
    if (report.bold_strike)
      diag_.warn(0, 0, "scc-lossy-style", cue_name + ": bold and strike-through are not kept");
    if (report.raw)
      diag_.warn(0, 0, "scc-lossy-raw", cue_name + ": format-specific markup was left out");
    std::vector<std::uint16_t> out{kRcl, kRcl, kEnm, kEnm};
    RowEncoder encoder(out);
    for (auto& plan : plan_rows(cue, std::move(rows)))
      encoder.row(std::move(plan));
    return out;
  }

  void place(std::int64_t at, const std::vector<std::uint16_t>& words) {
    for (const std::uint16_t w : words)
      placed_.push_back(Placed{at++, w});
    free_ = at;
  }

  void place_erase(std::size_t owner, std::int64_t want) {
    const std::int64_t at = std::max(free_, want);
    if (at != want)
      report_shift(owner, "end", want, at);
    place(at, {kEdm, kEdm});
  }

  void report_shift(std::size_t cue, const char* what, std::int64_t from, std::int64_t to) {
    diag_.warn(0, 0, "scc-shifted",
               "cue " + std::to_string(cue) + ": " + what + " moved by " +
                   std::to_string(to - from) + " frames so that its CEA-608 words fit");
  }

  std::string render() const {
    std::string out = "Scenarist_SCC V1.0\n";
    std::int64_t expected = -1;
    for (const Placed& p : placed_) {
      if (p.frame != expected) {
        out += "\n";
        out += frames_to_timecode(p.frame, kRate, drop_frame_).to_string();
        out += '\t';
      } else {
        out += ' ';
      }
      static constexpr char kDigits[] = "0123456789abcdef";
      for (const std::uint8_t b : {with_parity(static_cast<std::uint8_t>(p.code >> 8)),
                                   with_parity(static_cast<std::uint8_t>(p.code & 0xFF))}) {
        out += kDigits[b >> 4];
        out += kDigits[b & 0x0F];
      }
      expected = p.frame + 1;
      if (&p == &placed_.back() || (&p + 1)->frame != expected)
        out += "\n";
    }
    return out;
  }

  const Document& doc_;
  Diagnostics& diag_;
  bool drop_frame_ = true;
  std::int64_t free_ = 0;
  std::vector<Placed> placed_;
};

}  // namespace

std::string write(const Document& doc, const WriteOptions& options, Diagnostics& diag) {
  return Writer(doc, options, diag).run();
}

WriterCaps caps() {
  WriterCaps caps;
  caps.overlaps = false;
  caps.styles = false;
  caps.italic_bold_underline = true;  // italics and underline; bold is reported and dropped
  caps.colors = true;
  caps.fonts = false;
  caps.positions = true;
  caps.regions = false;
  caps.ruby = false;
  caps.voices = false;
  caps.inner_timestamps = false;
  caps.frame_based = true;
  caps.max_lines = 4;
  caps.precision = frames_to_time(1, kRate);
  return caps;
}

}  // namespace kopru::codecs::scc
