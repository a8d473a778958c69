// Splitting decoded text into lines (LF, CRLF and lone CR all end a line) while keeping the line
// number and byte offset that diagnostics need.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "pipeline/core/byte_scan.h"

namespace kopru {

struct TextLine {
  std::string_view text;    // without its line ending
  int number = 0;           // 1-based
  std::int64_t offset = 0;  // byte offset of the line's first byte in the whole text
};

class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  // The next line, or false at the end. A final line without a terminator is still a line; the
  // empty string after a final terminator is not.
  bool next(TextLine& line);
  // Put back the line last returned, so that next() returns it again.
  void unread();
  bool at_end() const { return pos_ >= text_.size(); }
  int line_number() const { return number_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t prev_pos_ = 0;
  int number_ = 0;
  int prev_number_ = 0;
  // Where the line starting at scanned_from_ ends: the last scan, kept for a line read again.
  std::size_t scanned_from_ = std::string_view::npos;
  std::size_t scanned_end_ = 0;
};

// Inline: readers call it for every line, often several times.
inline bool LineReader::next(TextLine& line) {
  if (pos_ >= text_.size())
    return false;
  prev_pos_ = pos_;
  prev_number_ = number_;
  // One scan for either terminator: linear whatever the line endings, 16 bytes at a time. Readers
  // often put a line back to read it again, so the last scan is remembered.
  if (scanned_from_ != pos_) {
    scanned_from_ = pos_;
    scanned_end_ = find_any_of(text_, pos_, "\n\r");
  }
  const std::size_t end = scanned_end_;
  std::size_t next_pos = end;
  if (end < text_.size()) {
    const bool crlf = text_[end] == '\r' && end + 1 < text_.size() && text_[end + 1] == '\n';
    next_pos = crlf ? end + 2 : end + 1;
  }
  ++number_;
  line.text = text_.substr(pos_, end - pos_);
  line.number = number_;
  line.offset = static_cast<std::int64_t>(pos_);
  pos_ = next_pos;
  return true;
}

std::vector<TextLine> split_lines(std::string_view text);

// 1-based column (in code points) of the byte at byte_index inside a UTF-8 line.
int column_of(std::string_view line, std::size_t byte_index);

// Maps byte offsets of a whole text to line and column (for parsers such as pugixml that report
// offsets).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // {line, column}, both 1-based. Queries that move forward on one line count only the code
  // points in between, so locating every element of a one-line megabyte document stays linear.
  std::pair<int, int> locate(std::int64_t byte_offset) const;
  // The 1-based line alone (a binary search).
  int line(std::int64_t byte_offset) const;

 private:
  std::string_view text_;
  std::vector<std::int64_t> starts_;
  // The last answer of locate(), not shared between threads (one index per parse).
  mutable std::size_t last_line_ = 0;
  mutable std::int64_t last_offset_ = 0;
  mutable int last_column_ = 1;
};

}  // namespace kopru
