// The CEA-608 caption decoder for channel 1: a small model of the caption display (displayed and
// non-displayed memories of 15 rows by 32 columns, a cursor, the current attributes and mode).
// Every distinct displayed state that lasts becomes a cue: pop-on states appear at EOC, roll-up
// and paint-on states appear with the first character of the transmission that drew them.
#include <algorithm>

#include "codecs/scc/scc_internal.h"

namespace kopru::codecs::scc {
namespace {

// Row (1-based) of a preamble address code by its first byte (channel bit cleared) and the 0x20
// bit of its second byte; 0 where no row exists.
int pac_row(std::uint8_t base, bool second_half) {
  switch (base) {
    case 0x11:
      return second_half ? 2 : 1;
    case 0x12:
      return second_half ? 4 : 3;
    case 0x15:
      return second_half ? 6 : 5;
    case 0x16:
      return second_half ? 8 : 7;
    case 0x17:
      return second_half ? 10 : 9;
    case 0x10:
      return second_half ? 0 : 11;
    case 0x13:
      return second_half ? 13 : 12;
    case 0x14:
      return second_half ? 15 : 14;
    default:
      return 0;
  }
}

std::string hex_word(std::uint8_t b1, std::uint8_t b2) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t b : {b1, b2}) {
    out += kDigits[(b >> 4) & 0x0F];
    out += kDigits[b & 0x0F];
  }
  return out;
}

bool blank(const Cell& cell) {
  return cell.ch == 0 || cell.ch == U' ';
}

bool is_punctuation(char32_t c) {
  return c == U'.' || c == U',' || c == U';' || c == U':' || c == U'!' || c == U'?' || c == U')';
}

// A mid-row code always shows as a space; next to another space or before punctuation that space
// is an artefact of the code, not of the text, and is left out (as pycaption does).
bool hidden(const Row& row, int c) {
  const Cell& cell = row[static_cast<std::size_t>(c)];
  if (!cell.mid_row)
    return false;
  if (c > 0 && blank(row[static_cast<std::size_t>(c - 1)]))
    return true;
  return c + 1 < kMemoryColumns && (blank(row[static_cast<std::size_t>(c + 1)]) ||
                                    is_punctuation(row[static_cast<std::size_t>(c + 1)].ch));
}

bool row_empty(const Row& row) {
  return std::all_of(row.begin(), row.end(), blank);
}

Color colour_value(Colour colour) {
  switch (colour) {
    case Colour::green:
      return {0, 255, 0, 255};
    case Colour::blue:
      return {0, 0, 255, 255};
    case Colour::cyan:
      return {0, 255, 255, 255};
    case Colour::red:
      return {255, 0, 0, 255};
    case Colour::yellow:
      return {255, 255, 0, 255};
    case Colour::magenta:
      return {255, 0, 255, 255};
    case Colour::white:
      break;
  }
  return {255, 255, 255, 255};
}

std::vector<Span> spans_for(const Attr& attr) {
  std::vector<Span> spans;
  if (attr.colour != Colour::white) {
    Span font;
    font.kind = SpanKind::font;
    font.color = colour_value(attr.colour);
    spans.push_back(font);
  }
  if (attr.italic)
    spans.push_back(Span{SpanKind::italic, {}, {}, {}, {}});
  if (attr.underline)
    spans.push_back(Span{SpanKind::underline, {}, {}, {}, {}});
  return spans;
}

// Percent of the video height/width of a row top or column start: the 608 grid fills the middle
// 80% of the picture (the title-safe area), 15 rows high and 32 columns wide.
double row_percent(int row) {
  return 10.0 + (row - 1) * 80.0 / kRows;
}
double column_percent(int column) {
  return 10.0 + column * 80.0 / kColumns;
}

}  // namespace

Cue cue_from_memory(const Memory& memory) {
  Cue cue;
  int top = 0;
  int rows = 0;
  bool centred = true;
  bool right = true;
  int min_left = kColumns;
  for (int r = 0; r < kRows; ++r) {
    const Row& row = memory[static_cast<std::size_t>(r)];
    if (row_empty(row))
      continue;
    int first = 0;
    while (blank(row[static_cast<std::size_t>(first)]))
      ++first;
    int last = kMemoryColumns - 1;
    while (blank(row[static_cast<std::size_t>(last)]))
      --last;
    if (rows == 0)
      top = r + 1;
    else
      cue.runs.push_back(Run::line_break());
    ++rows;
    const int left_margin = first;
    const int right_margin = kColumns - 1 - last;
    centred = centred && left_margin > 0 && std::abs(left_margin - right_margin) <= 1;
    right = right && left_margin > 0 && right_margin == 0;
    min_left = std::min(min_left, first);
    // Spaces take the attributes of the cell before them, so a style never starts or ends on one.
    Attr current = row[static_cast<std::size_t>(first)].attr;
    std::string text;
    for (int c = first; c <= last; ++c) {
      const Cell& cell = row[static_cast<std::size_t>(c)];
      if (hidden(row, c))
        continue;
      if (!blank(cell) && !(cell.attr == current)) {
        cue.runs.push_back(Run::plain(std::move(text), spans_for(current)));
        text.clear();
        current = cell.attr;
      }
      append_utf8(text, cell.ch == 0 ? U' ' : cell.ch);
    }
    cue.runs.push_back(Run::plain(std::move(text), spans_for(current)));
  }
  if (rows == 0)
    return cue;
  const int vertical = top <= 5 ? 7 : (top <= 10 ? 4 : 1);
  const int horizontal = centred ? 1 : (right ? 2 : 0);
  cue.placement.alignment = vertical + horizontal;
  cue.placement.line = row_percent(top);
  cue.placement.line_percent = true;
  cue.placement.line_align = "start";
  cue.placement.text_align = centred ? "center" : (right ? "right" : "left");
  if (!centred && !right) {
    cue.placement.position_percent = column_percent(min_left);
    cue.placement.position_align = "line-left";
  }
  return cue;
}

void Decoder::report_once(int& flag, Where where, const std::string& code,
                          const std::string& message) {
  if (flag++ == 0)
    diag_.warn(where.line, where.column, code, message);
}

void Decoder::touched(Time t) {
  if (!dirty_) {
    dirty_ = true;
    dirty_time_ = t;
    dirty_where_ = last_where_;
  }
}

void Decoder::commit() {
  if (!dirty_)
    return;
  dirty_ = false;
  if (displayed_ == shown_)
    return;
  if (open_) {
    open_->end = dirty_time_;
    // Under three frames nobody can read a caption: usually an authoring mistake worth a look.
    if (open_->end - open_->start < frames_to_time(3, kRate))
      diag_.warn(open_->source_line, 1, "scc-flashing-cue",
                 "a caption is shown for only " +
                     std::to_string(time_to_frames(open_->end - open_->start, kRate)) +
                     " frame(s)");
    if (open_->end > open_->start)
      cues_.push_back(std::move(*open_));
    open_.reset();
  }
  shown_ = displayed_;
  Cue cue = cue_from_memory(displayed_);
  if (!cue.runs.empty()) {
    cue.start = dirty_time_;
    cue.source_line = dirty_where_.line;
    open_ = std::move(cue);
  }
}

void Decoder::end_of_transmission() {
  commit();
}

std::vector<Cue> Decoder::finish(Time) {
  commit();
  if (open_) {
    // Nothing erases the last caption: keep it up as long as a reader can take it in.
    // 120 frames (4.004 s) rather than 4 s keeps the end on the frame grid.
    open_->end = open_->start + frames_to_time(120, kRate);
    diag_.note(open_->source_line, 1, "scc-unterminated-cue",
               "the last caption is never erased; it is shown for 120 frames (4 seconds)");
    cues_.push_back(std::move(*open_));
    open_.reset();
  }
  for (std::size_t i = 0; i < cues_.size(); ++i)
    cues_[i].id = std::to_string(i + 1);
  return std::move(cues_);
}

void Decoder::word(std::uint8_t b1, std::uint8_t b2, Time t, Where where) {
  last_where_ = where;
  if (b1 == 0 && b2 == 0) {
    last_control_.reset();
    return;
  }
  if (b1 < 0x10 && b1 != 0) {
    // Extended data services (programme information), never caption text.
    last_control_.reset();
    if (channel_ != Channel::xds)
      before_xds_ = channel_;
    channel_ = Channel::xds;
    report_once(reported_xds_, where, "scc-ignored-channel",
                "extended data services (XDS) packets are not captions; skipped");
    if (b1 == 0x0F)
      channel_ = before_xds_;
    return;
  }
  if (b1 >= 0x10 && b1 <= 0x1F) {
    control(b1, b2, t, where);
    return;
  }
  last_control_.reset();
  if (channel_ != Channel::cc1)
    return;
  if (b1 >= 0x20)
    put(basic_char(b1), t);
  if (b2 >= 0x20)
    put(basic_char(b2), t);
  else if (b2 != 0)
    diag_.warn(where.line, where.column, "scc-unknown-command",
               "byte 0x" + hex_word(b2, 0).substr(0, 2) + " is neither a character nor padding");
  after_basic_ = b1 >= 0x20 || b2 >= 0x20;
}

void Decoder::set_channel(Channel channel, Where where) {
  channel_ = channel;
  switch (channel) {
    case Channel::cc2:
      report_once(reported_cc2_, where, "scc-ignored-channel",
                  "captions on channel CC2 are not read (only CC1)");
      break;
    case Channel::cc3:
      report_once(reported_cc3_, where, "scc-ignored-channel",
                  "captions on channel CC3 are not read (only CC1)");
      break;
    case Channel::cc4:
      report_once(reported_cc4_, where, "scc-ignored-channel",
                  "captions on channel CC4 are not read (only CC1)");
      break;
    default:
      break;
  }
}

void Decoder::control(std::uint8_t b1, std::uint8_t b2, Time t, Where where) {
  const auto code = static_cast<std::uint16_t>((b1 << 8) | b2);
  // Control codes are sent twice so that one lost pair does no harm; the copy is not a command.
  if (last_control_ == code) {
    last_control_.reset();
    return;
  }
  last_control_ = code;
  const bool replaces = after_basic_;
  after_basic_ = false;
  const bool second_channel = (b1 & 0x08) != 0;
  const auto base = static_cast<std::uint8_t>(b1 & 0xF7);
  if (b2 < 0x20) {
    diag_.warn(where.line, where.column, "scc-unknown-command",
               "unknown command " + hex_word(b1, b2));
    return;
  }
  const bool field2_misc = base == 0x15 && b2 <= 0x2F;
  Channel channel = second_channel ? Channel::cc2 : Channel::cc1;
  if (field2_misc)
    channel = second_channel ? Channel::cc4 : Channel::cc3;
  set_channel(channel, where);
  if (channel != Channel::cc1)
    return;
  if ((base == 0x14 || base == 0x15) && b2 <= 0x2F) {
    misc(b2, t, where);
  } else if (b2 >= 0x40 && pac_row(base, (b2 & 0x20) != 0) != 0) {
    pac(base, b2, t);
  } else if (base == 0x11 && b2 <= 0x2F) {
    mid_row(b2, t);
  } else if (base == 0x11 && b2 <= 0x3F) {
    put(special_char(b2), t);
  } else if ((base == 0x12 || base == 0x13) && b2 <= 0x3F) {
    // An extended character replaces the basic one sent just before it for older decoders.
    if (replaces && col_ > 0)
      --col_;
    put(extended_char(base, b2), t);
  } else if (base == 0x17 && b2 >= 0x21 && b2 <= 0x23) {
    col_ = std::min(kColumns - 1, col_ + (b2 - 0x20));
  } else if ((base == 0x10 && b2 <= 0x2F) || (base == 0x17 && b2 >= 0x24 && b2 <= 0x2F)) {
    report_once(
        reported_attr_, where, "scc-ignored-attribute",
        "background, font and character-set attributes (" + hex_word(b1, b2) + ") are not kept");
  } else {
    diag_.warn(where.line, where.column, "scc-unknown-command",
               "unknown command " + hex_word(b1, b2));
  }
}

void Decoder::misc(std::uint8_t b2, Time t, Where where) {
  switch (b2) {
    case 0x20:  // RCL: resume caption loading (pop-on)
      mode_ = Mode::pop_on;
      break;
    case 0x21:  // BS
      backspace(t);
      break;
    case 0x22:  // AOF, AON: reserved
    case 0x23:
      break;
    case 0x24: {  // DER: delete to end of row
      Row& row = target()[static_cast<std::size_t>(row_)];
      for (int c = col_; c < kMemoryColumns; ++c)
        row[static_cast<std::size_t>(c)] = Cell{};
      if (target_is_displayed())
        touched(t);
      break;
    }
    case 0x25:  // RU2, RU3, RU4
    case 0x26:
    case 0x27: {
      roll_depth_ = b2 - 0x23;
      if (mode_ != Mode::roll_up) {
        commit();
        displayed_ = Memory{};
        non_displayed_ = Memory{};
        touched(t);
        commit();
        row_ = kRows - 1;
        col_ = 0;
        attr_ = Attr{};
      } else {
        for (int r = 0; r <= row_ - roll_depth_; ++r)
          displayed_[static_cast<std::size_t>(r)] = Row{};
        touched(t);
      }
      mode_ = Mode::roll_up;
      break;
    }
    case 0x28:  // FON: flash is not kept
      report_once(reported_attr_, where, "scc-ignored-attribute", "flashing text is not kept");
      break;
    case 0x29:  // RDC: paint-on
      if (mode_ == Mode::roll_up) {
        commit();
        displayed_ = Memory{};
        touched(t);
        commit();
      }
      mode_ = Mode::paint_on;
      break;
    case 0x2A:  // TR, RTD: the text service, not captions
    case 0x2B:
      channel_ = Channel::text;
      report_once(reported_text_, where, "scc-ignored-channel",
                  "text service T1 data is not read (only caption channel CC1)");
      break;
    case 0x2C:  // EDM
      commit();
      displayed_ = Memory{};
      touched(t);
      commit();
      break;
    case 0x2D:  // CR
      carriage_return(t);
      break;
    case 0x2E:  // ENM
      non_displayed_ = Memory{};
      break;
    case 0x2F:  // EOC
      commit();
      std::swap(displayed_, non_displayed_);
      mode_ = Mode::pop_on;
      touched(t);
      commit();
      break;
    default:
      break;
  }
}

void Decoder::pac(std::uint8_t base, std::uint8_t b2, Time t) {
  const int row = pac_row(base, (b2 & 0x20) != 0) - 1;
  const int attr = b2 & 0x1F;
  if (mode_ == Mode::roll_up && row != row_) {
    // The roll-up window moves with its base row.
    const int new_base = std::max(row, roll_depth_ - 1);
    Memory moved{};
    for (int i = 0; i < roll_depth_; ++i) {
      const int from = row_ - i;
      const int to = new_base - i;
      if (from >= 0 && to >= 0)
        moved[static_cast<std::size_t>(to)] = displayed_[static_cast<std::size_t>(from)];
    }
    displayed_ = moved;
    touched(t);
    row_ = new_base;
  } else {
    row_ = row;
  }
  attr_ = Attr{};
  attr_.underline = (attr & 0x01) != 0;
  if (attr < 0x10) {
    col_ = 0;
    const int style = attr >> 1;
    if (style == 7)
      attr_.italic = true;
    else
      attr_.colour = static_cast<Colour>(style);
  } else {
    col_ = ((attr - 0x10) >> 1) * 4;
  }
}

void Decoder::mid_row(std::uint8_t b2, Time t) {
  // A mid-row code shows as a space in the old style; the new style starts after it.
  if (mode_ == Mode::none)
    return;
  put(U' ', t);
  target()[static_cast<std::size_t>(row_)][static_cast<std::size_t>(col_ - 1)].mid_row = true;
  const int style = (b2 - 0x20) >> 1;
  attr_.underline = (b2 & 0x01) != 0;
  if (style == 7) {
    attr_.italic = true;
  } else {
    attr_.italic = false;
    attr_.colour = static_cast<Colour>(style);
  }
}

void Decoder::put(char32_t c, Time t) {
  if (mode_ == Mode::none) {
    // No RCL, RU or RDC yet: a decoder does not know where this text goes.
    report_once(reported_modeless_, last_where_, "scc-text-before-mode",
                "text before any RCL, RU2-RU4 or RDC command is not shown; skipped");
    return;
  }
  if (col_ >= kColumns && !overflow_reported_) {
    overflow_reported_ = true;
    diag_.warn(last_where_.line, last_where_.column, "scc-line-too-long",
               "text runs past column 32; it is kept, though a decoder would overwrite the last "
               "column");
  }
  col_ = std::min(col_, kMemoryColumns - 1);
  target()[static_cast<std::size_t>(row_)][static_cast<std::size_t>(col_)] = Cell{c, attr_};
  ++col_;
  if (target_is_displayed())
    touched(t);
}

void Decoder::backspace(Time t) {
  if (col_ == 0)
    return;
  --col_;
  target()[static_cast<std::size_t>(row_)][static_cast<std::size_t>(col_)] = Cell{};
  if (target_is_displayed())
    touched(t);
}

void Decoder::carriage_return(Time t) {
  if (mode_ != Mode::roll_up)
    return;
  const int top = std::max(0, row_ - roll_depth_ + 1);
  for (int r = 0; r < top; ++r)
    displayed_[static_cast<std::size_t>(r)] = Row{};
  for (int r = top; r < row_; ++r)
    displayed_[static_cast<std::size_t>(r)] = displayed_[static_cast<std::size_t>(r + 1)];
  displayed_[static_cast<std::size_t>(row_)] = Row{};
  col_ = 0;
  attr_ = Attr{};
  touched(t);
}

}  // namespace kopru::codecs::scc
