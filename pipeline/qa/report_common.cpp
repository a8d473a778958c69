#include "pipeline/qa/report_common.h"

#include <unicode/utf8.h>

namespace kopru::qa {

const std::string_view kCountingRule =
    "every character of the visible text, spaces and punctuation included; line breaks, markup, "
    "combining marks (Mn, Me) and invisible format characters (Cf) are not counted";

std::vector<const CheckInfo*> checks_run(const Context& context) {
  std::vector<const CheckInfo*> checks;
  for (const CheckInfo& check : all_checks()) {
    if (context.profile.enabled(check.name) && (!check.needs_source || context.source != nullptr))
      checks.push_back(&check);
  }
  return checks;
}

Summary summarize(const std::vector<Finding>& findings) {
  Summary summary;
  for (const Finding& f : findings) {
    ++summary.by_severity[static_cast<std::size_t>(f.severity)];
    ++summary.by_check[f.check];
  }
  return summary;
}

namespace {

bool carried(UChar32 c) {
  if (c < 0)
    return false;
  if (c < 0x20)
    return c == '\t' || c == '\n';
  if (c >= 0x7F && c < 0xA0)
    return false;
  return (c & 0xFFFE) != 0xFFFE;
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < length) {
    const std::int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c == '\r')
      out += '\n';
    else if (carried(c))
      out.append(text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(i - begin)));
    else
      out += "\xEF\xBF\xBD";
  }
  return out;
}

std::string language_text(const Context& context) {
  return context.language.empty() ? std::string() : context.language.to_string();
}

}  // namespace kopru::qa
