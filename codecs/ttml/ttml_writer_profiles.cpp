// Per-profile rules of the TTML writers, their time expressions, XML escaping and the lossy
// reports. The profile differences live here so that the document builder stays one code path.
#include <algorithm>
#include <array>
#include <cstdio>
#include <numeric>

#include "codecs/ttml/ttml_writer_internal.h"

namespace kopru::codecs::ttml {

namespace writer {

namespace {

// TTML1 styling vocabulary (TTML1 §8.2).
constexpr std::array<std::string_view, 24> kTtml1Styles = {
    "tts:backgroundColor", "tts:color",       "tts:direction",      "tts:display",
    "tts:displayAlign",    "tts:dynamicFlow", "tts:extent",         "tts:fontFamily",
    "tts:fontSize",        "tts:fontStyle",   "tts:fontWeight",     "tts:lineHeight",
    "tts:opacity",         "tts:origin",      "tts:overflow",       "tts:padding",
    "tts:showBackground",  "tts:textAlign",   "tts:textDecoration", "tts:textOutline",
    "tts:unicodeBidi",     "tts:visibility",  "tts:wrapOption",     "tts:writingMode"};

// The style properties IMSC 1.1 Text adds to TTML1's (IMSC 1.1 §8, TTML2 vocabulary and the
// EBU-TT-D / IMSC extensions it incorporates). tts:dynamicFlow is prohibited.
constexpr std::array<std::string_view, 20> kImscExtraStyles = {
    "tts:zIndex",           "tts:fontKerning",  "tts:fontShear",      "tts:fontVariant",
    "tts:luminanceGain",    "tts:position",     "tts:ruby",           "tts:rubyAlign",
    "tts:rubyPosition",     "tts:rubyReserve",  "tts:shear",          "tts:textCombine",
    "tts:textEmphasis",     "tts:textShadow",   "tts:disparity",      "ebutts:linePadding",
    "ebutts:multiRowAlign", "itts:fillLineGap", "itts:forcedDisplay", "tts:lineShear"};

// EBU-TT-D styling (EBU Tech 3380 §4.3): tts:* on styles, regions' geometry, and ebutts:*.
constexpr std::array<std::string_view, 21> kEbuTtDStyles = {
    "tts:direction",     "tts:fontFamily",     "tts:fontSize",        "tts:lineHeight",
    "tts:textAlign",     "tts:color",          "tts:backgroundColor", "tts:fontStyle",
    "tts:fontWeight",    "tts:textDecoration", "tts:unicodeBidi",     "tts:wrapOption",
    "tts:padding",       "tts:origin",         "tts:extent",          "tts:displayAlign",
    "tts:writingMode",   "tts:showBackground", "tts:overflow",        "ebutts:multiRowAlign",
    "ebutts:linePadding"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

bool is_timing_parameter(std::string_view qname) {
  static constexpr std::array<std::string_view, 9> kTiming = {
      "ttp:timeBase",     "ttp:frameRate",  "ttp:frameRateMultiplier",
      "ttp:subFrameRate", "ttp:tickRate",   "ttp:dropMode",
      "ttp:clockMode",    "ttp:markerMode", "ttp:profile"};
  return contains(kTiming, qname);
}

void append_two(std::string& out, std::int64_t value) {
  if (value < 10)
    out += '0';
  out += std::to_string(value);
}

}  // namespace

bool Rules::allows_style_attribute(std::string_view qname) const {
  if (qname == "style")
    return true;  // chained referential styles
  switch (profile) {
    case Profile::ttml1:
    case Profile::dfxp:
      return contains(kTtml1Styles, qname);
    case Profile::imsc11_text:
      return (contains(kTtml1Styles, qname) && qname != "tts:dynamicFlow") ||
             contains(kImscExtraStyles, qname);
    case Profile::ebu_tt_d:
      return contains(kEbuTtDStyles, qname);
  }
  return false;
}

bool Rules::allows_root_attribute(std::string_view qname) const {
  if (is_timing_parameter(qname) || qname == "xml:lang" || qname == "profile" ||
      qname.rfind("xmlns", 0) == 0)
    return false;  // written by the writer itself
  switch (profile) {
    case Profile::ttml1:
      return namespace_uri(prefix_of(qname)) != "";
    case Profile::dfxp:  // TTML1 parameters only
      return qname == "ttp:cellResolution" || qname == "ttp:pixelAspectRatio" ||
             qname == "tts:extent" || qname == "xml:space";
    case Profile::imsc11_text:
      return qname == "ttp:cellResolution" || qname == "tts:extent" ||
             qname == "ittp:aspectRatio" || qname == "ttp:displayAspectRatio" ||
             qname == "ittp:activeArea" || qname == "ittp:progressivelyDecodable" ||
             qname == "xml:space";
    case Profile::ebu_tt_d:
      return qname == "ttp:cellResolution" || qname == "xml:space";
  }
  return false;
}

Rules rules_for(Profile profile) {
  Rules rules;
  rules.profile = profile;
  switch (profile) {
    case Profile::ttml1:
      rules.frames = true;
      rules.frame_rate = true;
      rules.agents = true;
      rules.title = true;
      rules.verbatim_bags = true;
      rules.name = "TTML1";
      break;
    case Profile::dfxp:
      rules.frame_rate = true;  // declared for players that snap to frames; times stay in ms
      rules.agents = true;
      rules.title = true;
      rules.name = "DFXP";
      break;
    case Profile::imsc11_text:
      rules.frame_rate = true;
      rules.ruby = true;
      rules.agents = true;
      rules.title = true;
      rules.content_profile = "http://www.w3.org/ns/ttml/profile/imsc1.1/text";
      rules.name = "IMSC 1.1 Text";
      break;
    case Profile::ebu_tt_d:
      rules.prefix = "tt:";
      rules.referential_only = true;
      rules.id_required = true;
      rules.name = "EBU-TT-D";
      break;
  }
  return rules;
}

std::string clock_time(Time t) {
  std::int64_t ms = to_ms(t, Rounding::nearest);
  if (ms < 0)
    ms = 0;
  std::string out;
  append_two(out, ms / 3'600'000);
  out += ':';
  append_two(out, ms / 60'000 % 60);
  out += ':';
  append_two(out, ms / 1000 % 60);
  out += '.';
  const std::int64_t frac = ms % 1000;
  if (frac < 100)
    out += '0';
  append_two(out, frac);
  return out;
}

std::string clock_frames(Time t, FrameRate rate) {
  const std::int64_t ticks = t.count();
  if (ticks < 0)
    return {};
  const std::int64_t seconds = ticks / kTicksPerSecond;
  const std::int64_t rest = ticks % kTicksPerSecond;
  // Frames counted from the start of the second: exact, or this time is not on a frame.
  const std::int64_t frames = time_to_frames(Time(rest), rate, Rounding::down);
  if (frames_to_time(frames, rate) != Time(rest))
    return {};
  if (frames >= rate.nominal())
    return {};
  std::string out;
  append_two(out, seconds / 3600);
  out += ':';
  append_two(out, seconds / 60 % 60);
  out += ':';
  append_two(out, seconds % 60);
  out += ':';
  append_two(out, frames);
  return out;
}

Attributes frame_rate_attributes(FrameRate rate) {
  Attributes out;
  const std::int64_t nominal = rate.nominal();
  out.emplace_back("ttp:frameRate", std::to_string(nominal));
  // effective = nominal * multiplier, so multiplier = num / (den * nominal).
  std::int64_t m_num = rate.num;
  std::int64_t m_den = rate.den * nominal;
  const std::int64_t g = std::gcd(m_num, m_den);
  m_num /= g;
  m_den /= g;
  if (m_num != m_den)  // NTSC rates come out as TTML's usual "1000 1001"
    out.emplace_back("ttp:frameRateMultiplier",
                     std::to_string(m_num) + " " + std::to_string(m_den));
  return out;
}

std::string_view namespace_uri(std::string_view prefix) {
  if (prefix == "tt")
    return "http://www.w3.org/ns/ttml";
  if (prefix == "ttp")
    return "http://www.w3.org/ns/ttml#parameter";
  if (prefix == "tts")
    return "http://www.w3.org/ns/ttml#styling";
  if (prefix == "ttm")
    return "http://www.w3.org/ns/ttml#metadata";
  if (prefix == "ebuttm")
    return "urn:ebu:tt:metadata";
  if (prefix == "ebutts")
    return "urn:ebu:tt:style";
  if (prefix == "ebuttp")
    return "urn:ebu:tt:parameters";
  if (prefix == "itts")
    return "http://www.w3.org/ns/ttml/profile/imsc1#styling";
  if (prefix == "ittp")
    return "http://www.w3.org/ns/ttml/profile/imsc1#parameter";
  if (prefix == "ittm")
    return "http://www.w3.org/ns/ttml/profile/imsc1#metadata";
  if (prefix == "smpte")
    return "http://www.smpte-ra.org/schemas/2052-1/2010/smpte-tt";
  if (prefix == "xml")
    return "http://www.w3.org/XML/1998/namespace";
  return "";
}

std::string_view prefix_of(std::string_view qname) {
  const auto colon = qname.find(':');
  return colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
}

namespace {

// Attribute values also escape the quote and the white space an XML parser would normalise to
// spaces; text keeps newlines and tabs as they are. A literal CR is normalised away in both.
void append_escaped(std::string& out, std::string_view text, bool attribute) {
  for (const char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '\r')
      out += "&#13;";
    else if (attribute && c == '"')
      out += "&quot;";
    else if (attribute && c == '\n')
      out += "&#10;";
    else if (attribute && c == '\t')
      out += "&#9;";
    else
      out += c;
  }
}

}  // namespace

void append_escaped_text(std::string& out, std::string_view text) {
  append_escaped(out, text, false);
}

void append_escaped_attribute(std::string& out, std::string_view text) {
  append_escaped(out, text, true);
}

void append_start_tag(std::string& out, std::string_view name, const Attributes& attributes,
                      bool empty) {
  out += '<';
  out += name;
  for (const auto& [key, value] : attributes) {
    out += ' ';
    out += key;
    out += "=\"";
    append_escaped_attribute(out, value);
    out += '"';
  }
  out += empty ? "/>" : ">";
}

namespace {

bool is_name_start(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}
bool is_name_char(unsigned char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

}  // namespace

// Non-ASCII bytes are accepted as name characters: UTF-8 letters are NCName characters, and the
// rare non-letter symbols that are not would only make a style id odd, never ambiguous.
bool is_ncname(std::string_view name) {
  if (name.empty() || !is_name_start(static_cast<unsigned char>(name[0])))
    return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return is_name_char(static_cast<unsigned char>(c)); });
}

std::string to_ncname(std::string_view name) {
  std::string out;
  for (const char c : name)
    out += is_name_char(static_cast<unsigned char>(c)) ? c : '_';
  if (out.empty() || !is_name_start(static_cast<unsigned char>(out[0])))
    out.insert(out.begin(), '_');
  return out;
}

void Reporter::cue(std::size_t index, std::string_view kind, std::string_view what) {
  if (!cue_seen_.emplace(index, std::string(kind)).second)
    return;
  diag_.warn(0, 0, "ttml-lossy-" + std::string(kind),
             "cue " + std::to_string(index + 1) + ": " + std::string(what));
}

// Head content is reported once per distinct loss (each dropped attribute of each style), not
// once per kind: there is no cue to group them by.
void Reporter::document(std::string_view kind, std::string_view what) {
  if (!doc_seen_.emplace(std::string(kind) + "\n" + std::string(what)).second)
    return;
  diag_.warn(0, 0, "ttml-lossy-" + std::string(kind), std::string(what));
}

std::string format_percent_pair(double x, double y) {
  auto one = [](double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", v);
    std::string s = buffer;
    while (!s.empty() && s.back() == '0')
      s.pop_back();
    if (!s.empty() && s.back() == '.')
      s.pop_back();
    if (s == "-0")
      s = "0";
    return s + "%";
  };
  return one(x) + " " + one(y);
}

}  // namespace writer

std::string write_ttml1(const Document& doc, const WriteOptions& options, Diagnostics& diag) {
  return write(doc, options, diag, Profile::ttml1);
}
std::string write_dfxp(const Document& doc, const WriteOptions& options, Diagnostics& diag) {
  return write(doc, options, diag, Profile::dfxp);
}
std::string write_imsc(const Document& doc, const WriteOptions& options, Diagnostics& diag) {
  return write(doc, options, diag, Profile::imsc11_text);
}
std::string write_ebu_tt_d(const Document& doc, const WriteOptions& options, Diagnostics& diag) {
  return write(doc, options, diag, Profile::ebu_tt_d);
}

// Shared by the ttml, dfxp and imsc entries: what all three can write. Ruby is IMSC-only (TTML1
// and DFXP write it inline with a report), so it is not claimed here.
WriterCaps caps() {
  WriterCaps caps;
  caps.overlaps = true;
  caps.styles = true;
  caps.italic_bold_underline = true;
  caps.colors = true;
  caps.fonts = true;
  caps.positions = true;  // top / middle / bottom bands and left / centre / right alignment
  caps.regions = true;
  caps.ruby = false;
  caps.voices = true;  // ttm:agent
  caps.inner_timestamps = false;
  caps.frame_based = false;
  caps.precision = from_ms(1);
  return caps;
}

WriterCaps caps_ebu_tt_d() {
  WriterCaps caps = ttml::caps();
  caps.voices = false;  // EBU-TT-D has no ttm:agent
  return caps;
}

}  // namespace kopru::codecs::ttml
