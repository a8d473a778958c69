// Helpers shared by the SCC unit tests.
#pragma once

#include <bit>
#include <string>
#include <vector>

#include "codecs/scc/scc.h"
#include "codecs/scc/scc_internal.h"

namespace kopru::codecs::scc::testing {

inline Document read_scc(const std::string& text, Diagnostics& diag, bool strict = false) {
  Source source;
  source.path = "test.scc";
  source.bytes = text;
  source.text = text;
  source.encoding = "UTF-8";
  ReadOptions options;
  options.strict = strict;
  return read(source, options, diag);
}

inline Document read_scc(const std::string& text) {
  Diagnostics diag;
  return read_scc(text, diag);
}

inline std::string write_scc(const Document& doc, Diagnostics& diag,
                             std::optional<FrameRate> fps = std::nullopt) {
  WriteOptions options;
  options.fps = fps;
  return write(doc, options, diag);
}

// "start-end frames|text" per cue, frames at 29.97 so that checks are exact.
inline std::vector<std::string> summary(const Document& doc) {
  std::vector<std::string> out;
  for (const Cue& cue : doc.cues)
    out.push_back(std::to_string(time_to_frames(cue.start, kRate)) + "-" +
                  std::to_string(time_to_frames(cue.end, kRate)) + "|" + plain_text(cue));
  return out;
}

inline bool has_code(const Diagnostics& diag, const std::string& code) {
  for (const auto& d : diag.all())
    if (d.code == code)
      return true;
  return false;
}

inline int count_code(const Diagnostics& diag, const std::string& code) {
  int n = 0;
  for (const auto& d : diag.all())
    n += d.code == code ? 1 : 0;
  return n;
}

inline std::uint8_t odd(std::uint8_t byte) {
  byte &= 0x7F;
  return (std::popcount(static_cast<unsigned>(byte)) & 1) == 0
             ? static_cast<std::uint8_t>(byte | 0x80)
             : byte;
}

// "9420 c845" with the parity bit of every byte set right, so tests can write 7-bit values.
inline std::string fix_parity(const std::string& words) {
  std::string out;
  static constexpr char kDigits[] = "0123456789abcdef";
  for (std::size_t i = 0; i < words.size();) {
    if (words[i] == ' ') {
      out += ' ';
      ++i;
      continue;
    }
    const unsigned value = static_cast<unsigned>(std::stoul(words.substr(i, 4), nullptr, 16));
    for (const std::uint8_t b : {odd(static_cast<std::uint8_t>(value >> 8)),
                                 odd(static_cast<std::uint8_t>(value & 0xFF))}) {
      out += kDigits[b >> 4];
      out += kDigits[b & 0x0F];
    }
    i += 4;
  }
  return out;
}

// An SCC file of one line per entry: {"00:00:01;00", "9420 9420 ..."}, parity set right.
inline std::string scc_file(const std::vector<std::pair<std::string, std::string>>& lines) {
  std::string out = "Scenarist_SCC V1.0\n";
  for (const auto& [tc, words] : lines)
    out += "\n" + tc + "\t" + fix_parity(words) + "\n";
  return out;
}

// The same with the words exactly as given.
inline std::string scc_file_raw(const std::vector<std::pair<std::string, std::string>>& lines) {
  std::string out = "Scenarist_SCC V1.0\n";
  for (const auto& [tc, words] : lines)
    out += "\n" + tc + "\t" + words + "\n";
  return out;
}

}  // namespace kopru::codecs::scc::testing
