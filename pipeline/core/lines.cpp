#include "pipeline/core/lines.h"

#include <algorithm>

namespace kopru {

void LineReader::unread() {
  pos_ = prev_pos_;
  number_ = prev_number_;
}

std::vector<TextLine> split_lines(std::string_view text) {
  std::vector<TextLine> lines;
  LineReader reader(text);
  TextLine line;
  while (reader.next(line))
    lines.push_back(line);
  return lines;
}

int column_of(std::string_view line, std::size_t byte_index) {
  byte_index = std::min(byte_index, line.size());
  int column = 1;
  for (std::size_t i = 0; i < byte_index; ++i) {
    // Count every byte that is not a UTF-8 continuation byte.
    if ((static_cast<unsigned char>(line[i]) & 0xC0U) != 0x80U)
      ++column;
  }
  return column;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      starts_.push_back(static_cast<std::int64_t>(i + 1));
    }
  }
}

std::pair<int, int> LineIndex::locate(std::int64_t byte_offset) const {
  byte_offset = std::clamp<std::int64_t>(byte_offset, 0, static_cast<std::int64_t>(text_.size()));
  auto it = std::upper_bound(starts_.begin(), starts_.end(), byte_offset);
  const auto line_index = static_cast<std::size_t>(it - starts_.begin() - 1);
  const auto start = static_cast<std::size_t>(starts_[line_index]);
  int column = 0;
  if (line_index == last_line_ && byte_offset >= last_offset_ &&
      last_offset_ >= static_cast<std::int64_t>(start)) {
    const auto from = static_cast<std::size_t>(last_offset_);
    column = last_column_ - 1 +
             column_of(text_.substr(from), static_cast<std::size_t>(byte_offset) - from);
  } else {
    column = column_of(text_.substr(start), static_cast<std::size_t>(byte_offset) - start);
  }
  last_line_ = line_index;
  last_offset_ = byte_offset;
  last_column_ = column;
  return {static_cast<int>(line_index + 1), column};
}

int LineIndex::line(std::int64_t byte_offset) const {
  byte_offset = std::clamp<std::int64_t>(byte_offset, 0, static_cast<std::int64_t>(text_.size()));
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), byte_offset);
  return static_cast<int>(it - starts_.begin());
}

}  // namespace kopru
