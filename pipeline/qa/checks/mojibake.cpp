#include <algorithm>
#include <array>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/script_support.h"

namespace kopru::qa {

namespace {

std::string times(std::size_t count) {
  return count > 1 ? " (" + std::to_string(count) + " places)" : "";
}

// "'Ý' for 'İ', 'þ' for 'ş'": each mis-decoded letter once.
std::string cp1254_letters(const std::vector<std::string>& lines, std::size_t& count) {
  std::string listed;
  std::vector<UChar32> seen;
  count = 0;
  for (const std::string& line : lines) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(line.data());
    const auto length = static_cast<std::int32_t>(line.size());
    for (std::int32_t k = 0; k < length;) {
      UChar32 c = 0;
      U8_NEXT(s, k, length, c);
      const UChar32 meant = script::cp1254_turkish(c);
      if (meant == 0)
        continue;
      ++count;
      if (std::find(seen.begin(), seen.end(), c) != seen.end())
        continue;
      seen.push_back(c);
      listed +=
          (listed.empty() ? "'" : ", '") + script::utf8(c) + "' for '" + script::utf8(meant) + "'";
    }
  }
  return listed;
}

}  // namespace

// Three signals, the strongest first, one finding per cue: UTF-8 bytes shown as cp1252 ("Ã¶",
// "Ä±", "Ð¿Ñ€"); cp1251 Cyrillic shown as cp1252 (words made only of À-ÿ: "Ïðèâåò"); and, in
// Turkish and Azerbaijani tracks, cp1254 letters shown as cp1252 (Ý Þ ð for İ Ş ğ), which are not
// letters of those languages.
void check_mojibake(const Context& context, std::vector<Finding>& findings) {
  struct Signal {
    const char* encoding;
    std::vector<script::Mojibake> (*find)(std::string_view);
  };
  static constexpr std::array<Signal, 2> kSignals{
      {{"UTF-8", script::utf8_mojibake}, {"cp1251", script::cp1251_mojibake}}};
  const bool turkish = script::is_cp1254_language(context.language);
  for (std::size_t i = 0; i < context.cues.size(); ++i) {
    const std::vector<std::string>& lines = context.cues[i].lines;
    bool reported = false;
    for (const Signal& signal : kSignals) {
      std::size_t count = 0;
      std::string sample;
      for (const std::string& line : lines) {
        const auto found = signal.find(line);
        if (!found.empty() && count == 0)
          sample = "'" + line.substr(found.front().offset, found.front().length) + "' for '" +
                   found.front().meant + "'";
        count += found.size();
      }
      if (count == 0)
        continue;
      findings.push_back(
          make_finding(context, "mojibake", i,
                       std::string(signal.encoding) + " read as cp1252: " + sample + times(count)));
      reported = true;
      break;
    }
    if (reported || !turkish)
      continue;
    std::size_t count = 0;
    const std::string listed = cp1254_letters(lines, count);
    if (!listed.empty())
      findings.push_back(make_finding(context, "mojibake", i,
                                      "cp1254 read as cp1252: " + listed + times(count),
                                      "replace with the Turkish letters"));
  }
}

}  // namespace kopru::qa
