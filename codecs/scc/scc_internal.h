// Shared by the SCC reader, the CEA-608 command decoder and the writer.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/diagnostics.h"
#include "pipeline/model/document.h"

namespace kopru::codecs::scc {

inline constexpr int kRows = 15;
inline constexpr int kColumns = 32;
// Text sent past column 32 is kept (and reported) rather than overwriting the last column, up to
// this many columns.
inline constexpr int kMemoryColumns = 128;
// SCC always runs at 29.97 fps; the timecode label may be drop-frame or not.
inline constexpr FrameRate kRate{30000, 1001};

// ---- character sets (scc_charset.cpp) ----

// A character of the basic set (0x20-0x7F), which differs from ASCII at ten code points.
char32_t basic_char(std::uint8_t byte);
// 0x11 0x30-0x3F (channel bit cleared); nullopt outside the range.
char32_t special_char(std::uint8_t second);
// 0x12/0x13 0x20-0x3F (channel bit cleared).
char32_t extended_char(std::uint8_t first, std::uint8_t second);

// How the writer stores one character.
struct Encoded {
  enum class Kind { basic, special, extended } kind = Kind::basic;
  std::uint8_t first = 0;     // the byte (basic) or the control pair's first byte (channel 1)
  std::uint8_t second = 0;    // the control pair's second byte
  std::uint8_t fallback = 0;  // extended: the basic character sent first, which it replaces
};
std::optional<Encoded> encode_char(char32_t c);
bool carries(char32_t c);
// UTF-8 helpers (the model holds valid UTF-8; a stray byte decodes as U+FFFD).
std::u32string decode_utf8(std::string_view text);
void append_utf8(std::string& out, char32_t c);

// ---- the caption display (scc_decoder.cpp) ----

// Colours of the 608 foreground palette, in mid-row code order.
enum class Colour : std::uint8_t { white, green, blue, cyan, red, yellow, magenta };

struct Attr {
  Colour colour = Colour::white;
  bool italic = false;
  bool underline = false;
  bool operator==(const Attr&) const = default;
};

struct Cell {
  char32_t ch = 0;  // 0 = empty
  Attr attr;
  bool mid_row = false;  // the space a mid-row code shows
  bool operator==(const Cell&) const = default;
};

using Row = std::array<Cell, kMemoryColumns>;
using Memory = std::array<Row, kRows>;

// Where a word came from, for diagnostics.
struct Where {
  int line = 0;
  int column = 0;
};

// The CEA-608 channel-1 caption decoder: fed parity-stripped byte pairs with the time each
// occupies, it keeps the displayed and non-displayed memories and turns every displayed state into
// a cue.
class Decoder {
 public:
  explicit Decoder(Diagnostics& diag) : diag_(diag) {}

  void word(std::uint8_t b1, std::uint8_t b2, Time t, Where where);
  // A transmission (an SCC line) ends: what it painted becomes a displayed state.
  void end_of_transmission();
  // Closes the last cue (shown until `end_time` when the file never erases it).
  std::vector<Cue> finish(Time end_time);

  // For tests: the memories as they stand.
  const Memory& displayed() const { return displayed_; }
  const Memory& non_displayed() const { return non_displayed_; }

 private:
  enum class Mode { none, pop_on, roll_up, paint_on };
  enum class Channel { cc1, cc2, cc3, cc4, text, xds };

  void control(std::uint8_t b1, std::uint8_t b2, Time t, Where where);
  void misc(std::uint8_t b2, Time t, Where where);
  void pac(std::uint8_t b1, std::uint8_t b2, Time t);
  void mid_row(std::uint8_t b2, Time t);
  void put(char32_t c, Time t);
  void backspace(Time t);
  void carriage_return(Time t);
  void set_channel(Channel channel, Where where);
  Memory& target() { return target_is_displayed() ? displayed_ : non_displayed_; }
  bool target_is_displayed() const { return mode_ == Mode::roll_up || mode_ == Mode::paint_on; }
  void touched(Time t);
  void commit();
  void report_once(int& flag, Where where, const std::string& code, const std::string& message);

  Diagnostics& diag_;
  Memory displayed_{};
  Memory non_displayed_{};
  Mode mode_ = Mode::none;
  Channel channel_ = Channel::cc1;
  int row_ = kRows - 1;
  int col_ = 0;
  int roll_depth_ = 2;
  Attr attr_;
  std::optional<std::uint16_t> last_control_;  // for codes sent twice
  bool dirty_ = false;
  Time dirty_time_{};
  std::optional<Cue> open_;
  Memory shown_{};  // what the open cue shows
  Where last_where_;
  Where dirty_where_;
  Channel before_xds_ = Channel::cc1;
  std::vector<Cue> cues_;
  bool overflow_reported_ = false;
  bool after_basic_ = false;  // the last thing written was a basic character
  int reported_cc2_ = 0, reported_cc3_ = 0, reported_cc4_ = 0, reported_text_ = 0,
      reported_xds_ = 0, reported_attr_ = 0, reported_modeless_ = 0;
};

// The cue text, placement and styling of one displayed memory; empty runs when nothing shows.
Cue cue_from_memory(const Memory& memory);

}  // namespace kopru::codecs::scc
