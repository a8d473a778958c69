// Delivery profiles: the built-in "netflix" values and the XML loader for partner profiles and
// per-language defaults (schema: locales/qa/README.md).
#include "pipeline/qa/profile.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <pugixml.hpp>
#include <sstream>

#include "pipeline/core/error.h"
#include "pipeline/core/lines.h"
#include "pipeline/core/locales.h"
#include "pipeline/qa/qa.h"

namespace kopru::qa {

namespace fs = std::filesystem;

std::string_view to_string(DashStyle style) {
  switch (style) {
    case DashStyle::both_no_space:
      return "both-no-space";
    case DashStyle::both_with_space:
      return "both-with-space";
    case DashStyle::second_line_only:
      return "second-line-only";
    case DashStyle::any:
      return "any";
  }
  return "any";
}

std::optional<DashStyle> parse_dash_style(std::string_view text) {
  for (const DashStyle s : {DashStyle::both_no_space, DashStyle::both_with_space,
                            DashStyle::second_line_only, DashStyle::any}) {
    if (to_string(s) == text)
      return s;
  }
  return std::nullopt;
}

bool Profile::glyph_allowed(char32_t c) const {
  return std::any_of(glyphs.begin(), glyphs.end(),
                     [c](const auto& range) { return c >= range.first && c <= range.second; });
}

std::optional<Profile> builtin_profile(std::string_view name) {
  if (name != "netflix")
    return std::nullopt;
  // Netflix Timed Text Style Guide (feature-anchors.md §2.1-2.3): 5/6 s to 7 s, 2 frames apart,
  // 17 cps / 200 wpm for adult non-English programmes, 42 characters on at most 2 lines, and a
  // dash without a space on both lines (the Turkish guide; Subtitle Edit's default language set).
  Profile profile;
  profile.name = "netflix";
  profile.origin = "built in";
  profile.min_duration = from_ms(833);
  profile.max_duration = from_ms(7000);
  profile.min_gap_frames = 2;
  profile.max_cps = 17;
  profile.max_wpm = 200;
  profile.max_chars_per_line = 42;
  profile.max_lines = 2;
  profile.dialogue_dash = DashStyle::both_no_space;
  profile.dialogue_dash_chars = "-";
  profile.ellipsis_character = true;
  return profile;
}

std::vector<std::string> builtin_profile_names() {
  return {"netflix"};
}

namespace {

constexpr int kMaxExtendsDepth = 8;
constexpr std::int64_t kMaxMs = 24LL * 3600 * 1000;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError("cannot read the profile file", SourceLocation{path.string(), 0, 0, -1});
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string quote(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

// Every mistake in one file is collected, so a partner fixes them all in one go; the exception
// points at the first and lists the others below it, each as "path:line:col: error: ...".
class Loader {
 public:
  Loader(fs::path path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}

  const std::string& text() const { return text_; }
  const fs::path& path() const { return path_; }

  void error(std::ptrdiff_t offset, std::string message) {
    const auto [line, column] = index_.locate(offset < 0 ? 0 : offset);
    errors_.emplace_back(SourceLocation{path_.string(), line, column, offset}, std::move(message));
  }
  // pugixml's offset of an element is that of its name; editors point at the "<".
  void error_at(const pugi::xml_node& node, std::string message) {
    std::ptrdiff_t offset = node.offset_debug();
    if (node.type() == pugi::node_element && offset > 0 &&
        text_[static_cast<std::size_t>(offset - 1)] == '<')
      --offset;
    error(offset, std::move(message));
  }
  void error_at(const pugi::xml_node& node, const pugi::xml_attribute& attribute,
                std::string message) {
    error(attribute_offset(node, attribute), std::move(message));
  }
  bool failed() const { return !errors_.empty(); }

  [[noreturn]] void raise() const {
    std::string message = errors_.front().second;
    for (std::size_t i = 1; i < errors_.size(); ++i)
      message += "\n" + errors_[i].first.to_string() + ": error: " + errors_[i].second;
    throw ParseError(message, errors_.front().first);
  }

  // pugixml keeps offsets of nodes only; an attribute is found again in its element's start tag.
  std::ptrdiff_t attribute_offset(const pugi::xml_node& node,
                                  const pugi::xml_attribute& attribute) const {
    const std::ptrdiff_t start = node.offset_debug();
    if (start < 0)
      return 0;
    const std::size_t tag_end = text_.find('>', static_cast<std::size_t>(start));
    const std::string_view name = attribute.name();
    auto at = static_cast<std::size_t>(start);
    while ((at = text_.find(name, at + 1)) != std::string::npos && at < tag_end) {
      const char before = text_[at - 1];
      std::size_t after = at + name.size();
      while (after < text_.size() && (text_[after] == ' ' || text_[after] == '\t'))
        ++after;
      if ((before == ' ' || before == '\t' || before == '\n' || before == '\r') &&
          after < text_.size() && text_[after] == '=')
        return static_cast<std::ptrdiff_t>(at);
    }
    return start;
  }

 private:
  fs::path path_;
  std::string text_;
  LineIndex index_{text_};
  std::vector<std::pair<SourceLocation, std::string>> errors_;
};

std::optional<std::int64_t> parse_int(std::string_view text, std::int64_t low, std::int64_t high) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < low || value > high)
    return std::nullopt;
  return value;
}

std::optional<double> parse_decimal(std::string_view text, double low, double high) {
  double value = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) ||
      value < low || value > high)
    return std::nullopt;
  return value;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "true")
    return true;
  if (text == "false")
    return false;
  return std::nullopt;
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (const Severity s : {Severity::note, Severity::warning, Severity::error}) {
    if (to_string(s) == text)
      return s;
  }
  return std::nullopt;
}

// "U+0041", "U+0041-U+005A" (also "U+0041..U+005A").
std::optional<std::pair<char32_t, char32_t>> parse_glyph_range(std::string_view token) {
  const auto code_point = [](std::string_view text) -> std::optional<char32_t> {
    if (text.size() < 3 || (text[0] != 'U' && text[0] != 'u') || text[1] != '+')
      return std::nullopt;
    text.remove_prefix(2);
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (ec != std::errc{} || end != text.data() + text.size() || text.size() > 6 ||
        value > 0x10FFFF)
      return std::nullopt;
    return static_cast<char32_t>(value);
  };
  std::string_view first = token;
  std::string_view last = token;
  if (const std::size_t dots = token.find(".."); dots != std::string_view::npos) {
    first = token.substr(0, dots);
    last = token.substr(dots + 2);
  } else if (const std::size_t dash = token.find('-'); dash != std::string_view::npos) {
    first = token.substr(0, dash);
    last = token.substr(dash + 1);
  }
  const auto low = code_point(first);
  const auto high = code_point(last);
  if (!low || !high || *high < *low)
    return std::nullopt;
  return std::pair{*low, *high};
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Whitespace-separated tokens of `text` with their byte offsets.
std::vector<std::pair<std::string_view, std::size_t>> tokens(std::string_view text) {
  std::vector<std::pair<std::string_view, std::size_t>> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i]))
      ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i]) && text[i] != '#')
      ++i;
    if (i > start)
      out.emplace_back(text.substr(start, i - start), start);
    if (i < text.size() && text[i] == '#') {  // a comment runs to the end of the line
      while (i < text.size() && text[i] != '\n')
        ++i;
    }
  }
  return out;
}

// The Uzbek and Uyghur apostrophe letters are modifier letters (Lm) already; every other letter
// of an alphabet must be a Unicode letter too.
bool is_letter(UChar32 c) {
  return u_isalpha(c) != 0 && (U_GET_GC_MASK(c) & U_GC_L_MASK) != 0;
}

class ProfileReader {
 public:
  ProfileReader(Profile& profile, Loader& loader, int depth)
      : profile_(profile), loader_(loader), depth_(depth) {}

  void read() {
    pugi::xml_document xml;
    const std::string& text = loader_.text();
    const pugi::xml_parse_result parsed =
        xml.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
      loader_.error(parsed.offset, std::string("invalid XML: ") + parsed.description());
      loader_.raise();
    }
    const pugi::xml_node root = xml.document_element();
    if (std::string_view(root.name()) != "kopru-qa-profile") {
      loader_.error_at(root, "expected the root element <kopru-qa-profile>, found <" +
                                 std::string(root.name()) + ">");
      loader_.raise();
    }
    read_root(root);
    for (const pugi::xml_node& child : root.children()) {
      if (child.type() == pugi::node_element)
        read_element(child);
      else if (child.type() == pugi::node_pcdata && !blank(child.value()))
        loader_.error_at(child, "unexpected text " + quote(trimmed(child.value())) +
                                    " inside <kopru-qa-profile>");
    }
    if (profile_.max_duration < profile_.min_duration)
      loader_.error_at(duration_node_ ? duration_node_ : root,
                       "the maximum duration (" + std::to_string(to_ms(profile_.max_duration)) +
                           " ms) is shorter than the minimum (" +
                           std::to_string(to_ms(profile_.min_duration)) + " ms)");
    if (loader_.failed())
      loader_.raise();
  }

 private:
  static bool blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), is_space);
  }
  static std::string trimmed(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
      text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
      text.remove_suffix(1);
    return std::string(text.substr(0, 40));
  }

  void read_root(const pugi::xml_node& root) {
    check_attributes(root, {"name", "extends", "language"});
    if (const pugi::xml_attribute extends = root.attribute("extends"))
      apply_extends(root, extends);
    if (const pugi::xml_attribute name = root.attribute("name"))
      profile_.name = name.value();
    if (const pugi::xml_attribute language = root.attribute("language");
        language && !LanguageTag::parse(language.value()))
      loader_.error_at(root, language,
                       "language=" + quote(language.value()) + " is not a BCP 47 language tag");
  }

  // extends="netflix" restarts from a built-in profile; extends="base.xml" from another profile
  // file (relative to this one). The alphabets already loaded are kept: they come from the
  // track's language, not from the delivery.
  void apply_extends(const pugi::xml_node& root, const pugi::xml_attribute& extends) {
    const std::string base = extends.value();
    auto alphabets = std::move(profile_.alphabets);
    if (auto builtin = builtin_profile(base)) {
      profile_ = std::move(*builtin);
    } else if (base.ends_with(".xml")) {
      if (depth_ >= kMaxExtendsDepth) {
        loader_.error_at(root, extends,
                         "extends=" + quote(base) + ": profiles extend too deep " + "(a cycle?)");
        loader_.raise();
      }
      Profile parent = *builtin_profile("netflix");
      parent.origin.clear();
      const fs::path parent_path = loader_.path().parent_path() / base;
      if (!fs::exists(parent_path)) {
        loader_.error_at(root, extends, "extends=" + quote(base) + ": no such profile file");
        loader_.raise();
      }
      Loader parent_loader(parent_path, read_file(parent_path));
      ProfileReader(parent, parent_loader, depth_ + 1).read();
      parent.origin += (parent.origin.empty() ? "" : " + ") + parent_path.string();
      profile_ = std::move(parent);
    } else {
      std::string names;
      for (const auto& n : builtin_profile_names())
        names += (names.empty() ? "" : ", ") + n;
      loader_.error_at(root, extends,
                       "extends=" + quote(base) + ": no such built-in profile (built in: " + names +
                           "; or a profile .xml file)");
      loader_.raise();
    }
    for (auto& [script, letters] : alphabets)
      profile_.alphabets.try_emplace(script, std::move(letters));
  }

  void check_attributes(const pugi::xml_node& node, std::initializer_list<std::string_view> known) {
    for (const pugi::xml_attribute& attribute : node.attributes()) {
      if (std::find(known.begin(), known.end(), std::string_view(attribute.name())) != known.end())
        continue;
      std::string list;
      for (const std::string_view k : known)
        list += (list.empty() ? "" : ", ") + std::string(k);
      loader_.error_at(node, attribute,
                       "unknown attribute " + std::string(attribute.name()) + " on <" +
                           node.name() + "> (known: " + (list.empty() ? "none" : list) + ")");
    }
  }

  void check_no_children(const pugi::xml_node& node) {
    for (const pugi::xml_node& child : node.children()) {
      if (child.type() == pugi::node_element)
        loader_.error_at(child, "unexpected element <" + std::string(child.name()) + "> inside <" +
                                    node.name() + ">");
      else if (child.type() == pugi::node_pcdata && !blank(child.value()))
        loader_.error_at(child, "unexpected text " + quote(trimmed(child.value())) + " inside <" +
                                    node.name() + ">");
    }
  }

  std::optional<std::int64_t> int_attribute(const pugi::xml_node& node, const char* name,
                                            std::int64_t low, std::int64_t high) {
    const pugi::xml_attribute attribute = node.attribute(name);
    if (!attribute)
      return std::nullopt;
    const auto value = parse_int(attribute.value(), low, high);
    if (!value)
      loader_.error_at(node, attribute,
                       std::string(name) + "=" + quote(attribute.value()) +
                           " is not a whole number from " + std::to_string(low) + " to " +
                           std::to_string(high));
    return value;
  }

  std::optional<double> decimal_attribute(const pugi::xml_node& node, const char* name, double low,
                                          double high) {
    const pugi::xml_attribute attribute = node.attribute(name);
    if (!attribute)
      return std::nullopt;
    const auto value = parse_decimal(attribute.value(), low, high);
    if (!value || *value <= 0)
      loader_.error_at(node, attribute,
                       std::string(name) + "=" + quote(attribute.value()) +
                           " is not a number above 0 and at most " +
                           std::to_string(static_cast<int>(high)));
    return value && *value > 0 ? value : std::nullopt;
  }

  std::optional<bool> bool_attribute(const pugi::xml_node& node, const char* name) {
    const pugi::xml_attribute attribute = node.attribute(name);
    if (!attribute)
      return std::nullopt;
    const auto value = parse_bool(attribute.value());
    if (!value)
      loader_.error_at(
          node, attribute,
          std::string(name) + "=" + quote(attribute.value()) + ": expected true or false");
    return value;
  }

  void require_attribute(const pugi::xml_node& node, std::initializer_list<const char*> any_of) {
    for (const char* name : any_of) {
      if (node.attribute(name))
        return;
    }
    std::string list;
    for (const char* name : any_of)
      list += (list.empty() ? "" : " or ") + std::string(name);
    loader_.error_at(node, "<" + std::string(node.name()) + "> needs " + list);
  }

  void read_element(const pugi::xml_node& node) {
    const std::string_view name = node.name();
    if (name == "frame-rate")
      read_frame_rate(node);
    else if (name == "duration")
      read_duration(node);
    else if (name == "gap")
      read_simple(node, {"min-frames"}, [&] {
        if (auto v = int_attribute(node, "min-frames", 0, 1000))
          profile_.min_gap_frames = static_cast<int>(*v);
      });
    else if (name == "reading-speed")
      read_simple(node, {"max-cps", "max-wpm"}, [&] {
        if (auto v = decimal_attribute(node, "max-cps", 0, 1000))
          profile_.max_cps = *v;
        if (auto v = decimal_attribute(node, "max-wpm", 0, 10000))
          profile_.max_wpm = *v;
      });
    else if (name == "layout")
      read_simple(node, {"max-chars-per-line", "max-lines"}, [&] {
        if (auto v = int_attribute(node, "max-chars-per-line", 1, 1000))
          profile_.max_chars_per_line = static_cast<int>(*v);
        if (auto v = int_attribute(node, "max-lines", 1, 100))
          profile_.max_lines = static_cast<int>(*v);
      });
    else if (name == "dialogue-dash")
      read_dialogue_dash(node);
    else if (name == "ellipsis")
      read_simple(node, {"character"}, [&] {
        if (auto v = bool_attribute(node, "character"))
          profile_.ellipsis_character = *v;
      });
    else if (name == "frame-grid")
      read_simple(node, {"required"}, [&] {
        if (auto v = bool_attribute(node, "required"))
          profile_.frame_grid = *v;
      });
    else if (name == "timing-drift")
      read_simple(node, {"max-ms"}, [&] {
        if (auto v = int_attribute(node, "max-ms", 0, kMaxMs))
          profile_.max_drift = from_ms(*v);
      });
    else if (name == "alphabet")
      read_alphabet(node);
    else if (name == "glyphs")
      read_glyphs(node);
    else if (name == "checks")
      read_checks(node);
    else
      loader_.error_at(node, "unknown element <" + std::string(name) +
                                 "> (known: frame-rate, duration, gap, reading-speed, layout, "
                                 "dialogue-dash, ellipsis, frame-grid, timing-drift, alphabet, "
                                 "glyphs, checks)");
  }

  template <typename Apply>
  void read_simple(const pugi::xml_node& node, std::initializer_list<std::string_view> attributes,
                   Apply apply) {
    check_attributes(node, attributes);
    check_no_children(node);
    bool any = false;
    for (const std::string_view a : attributes)
      any = any || static_cast<bool>(node.attribute(std::string(a).c_str()));
    if (!any)
      loader_.error_at(node, "<" + std::string(node.name()) +
                                 "> sets nothing (attributes: " + join(attributes) + ")");
    apply();
  }

  static std::string join(std::initializer_list<std::string_view> items) {
    std::string out;
    for (const std::string_view item : items)
      out += (out.empty() ? "" : ", ") + std::string(item);
    return out;
  }

  void read_frame_rate(const pugi::xml_node& node) {
    check_attributes(node, {});
    const std::string value = trimmed(node.child_value());
    const auto rate = FrameRate::parse(value);
    if (!rate || rate->num <= 0 || rate->den <= 0)
      loader_.error_at(node, "<frame-rate>" + value +
                                 "</frame-rate>: expected a frame rate (25, 23.976, 30000/1001)");
    else
      profile_.frame_rate = *rate;
  }

  void read_duration(const pugi::xml_node& node) {
    check_attributes(node, {"min-ms", "max-ms"});
    check_no_children(node);
    require_attribute(node, {"min-ms", "max-ms"});
    duration_node_ = node;
    if (auto v = int_attribute(node, "min-ms", 0, kMaxMs))
      profile_.min_duration = from_ms(*v);
    if (auto v = int_attribute(node, "max-ms", 1, kMaxMs))
      profile_.max_duration = from_ms(*v);
  }

  void read_dialogue_dash(const pugi::xml_node& node) {
    check_attributes(node, {"style", "characters"});
    check_no_children(node);
    require_attribute(node, {"style", "characters"});
    if (const pugi::xml_attribute style = node.attribute("style")) {
      if (const auto parsed = parse_dash_style(style.value()))
        profile_.dialogue_dash = *parsed;
      else
        loader_.error_at(node, style,
                         "style=" + quote(style.value()) +
                             ": expected both-no-space, both-with-space, second-line-only or any");
    }
    if (const pugi::xml_attribute characters = node.attribute("characters")) {
      const std::string_view value = characters.value();
      const bool valid = !value.empty() && std::none_of(value.begin(), value.end(), is_space);
      if (valid)
        profile_.dialogue_dash_chars = std::string(value);
      else
        loader_.error_at(node, characters,
                         "characters=" + quote(value) + ": expected one or more dash characters");
    }
  }

  void read_alphabet(const pugi::xml_node& node) {
    check_attributes(node, {"script"});
    const pugi::xml_attribute script = node.attribute("script");
    const std::string_view code = script.value();
    const bool valid_script =
        code.size() == 4 && code[0] >= 'A' && code[0] <= 'Z' &&
        std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!script || !valid_script) {
      loader_.error_at(node,
                       "<alphabet> needs script=\"Xxxx\" (an ISO 15924 code such as Latn, "
                       "Cyrl, Arab), found " +
                           quote(code));
      return;
    }
    std::u32string letters;
    for (const pugi::xml_node& child : node.children()) {
      if (child.type() == pugi::node_element) {
        loader_.error_at(
            child, "unexpected element <" + std::string(child.name()) + "> inside <alphabet>");
        continue;
      }
      if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata)
        continue;
      add_letters(child, letters);
    }
    std::sort(letters.begin(), letters.end());
    letters.erase(std::unique(letters.begin(), letters.end()), letters.end());
    // An empty alphabet turns the check off for that script.
    if (letters.empty())
      profile_.alphabets.erase(std::string(code));
    else
      profile_.alphabets[std::string(code)] = std::move(letters);
  }

  void add_letters(const pugi::xml_node& text_node, std::u32string& letters) {
    const std::string_view text = text_node.value();
    const std::ptrdiff_t base = text_node.offset_debug();
    const auto length = static_cast<std::int32_t>(text.size());
    std::int32_t i = 0;
    while (i < length) {
      const std::int32_t at = i;
      UChar32 c = 0;
      U8_NEXT(text.data(), i, length, c);
      if (c < 0) {
        loader_.error(base + at, "invalid UTF-8 in <alphabet>");
        continue;
      }
      if (c < 0x80 && is_space(static_cast<char>(c)))
        continue;
      if (!is_letter(c)) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
        loader_.error(base + at, "'" +
                                     std::string(text.substr(static_cast<std::size_t>(at),
                                                             static_cast<std::size_t>(i - at))) +
                                     "' (" + hex + ") in <alphabet> is not a letter");
        continue;
      }
      letters.push_back(static_cast<char32_t>(c));
    }
  }

  // All <glyphs> of one file together replace the list inherited.
  void read_glyphs(const pugi::xml_node& node) {
    check_attributes(node, {"file"});
    if (!glyphs_replaced_) {
      profile_.glyphs.clear();
      glyphs_replaced_ = true;
    }
    for (const pugi::xml_node& child : node.children()) {
      if (child.type() == pugi::node_element)
        loader_.error_at(child,
                         "unexpected element <" + std::string(child.name()) + "> inside <glyphs>");
      else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
        add_glyphs(child.value(), child.offset_debug(), loader_);
    }
    if (const pugi::xml_attribute file = node.attribute("file")) {
      const fs::path list = loader_.path().parent_path() / file.value();
      std::ifstream probe(list, std::ios::binary);
      if (!probe) {
        loader_.error_at(node, file,
                         "file=" + quote(file.value()) + ": cannot read " + list.string());
        return;
      }
      Loader list_loader(list, read_file(list));
      add_glyphs(list_loader.text(), 0, list_loader);
      if (list_loader.failed())
        list_loader.raise();
    }
  }

  void add_glyphs(std::string_view text, std::ptrdiff_t base, Loader& loader) {
    for (const auto& [token, at] : tokens(text)) {
      if (const auto range = parse_glyph_range(token))
        profile_.glyphs.push_back(*range);
      else
        loader.error(
            base + static_cast<std::ptrdiff_t>(at),
            "expected a code point or range (U+0041, U+0020-U+007E), found " + quote(token));
    }
  }

  void read_checks(const pugi::xml_node& node) {
    check_attributes(node, {});
    for (const pugi::xml_node& child : node.children()) {
      if (child.type() == pugi::node_pcdata && !blank(child.value())) {
        loader_.error_at(child,
                         "unexpected text " + quote(trimmed(child.value())) + " inside <checks>");
        continue;
      }
      if (child.type() != pugi::node_element)
        continue;
      if (std::string_view(child.name()) != "check") {
        loader_.error_at(child, "unexpected element <" + std::string(child.name()) +
                                    "> inside <checks> (expected <check>)");
        continue;
      }
      read_check(child);
    }
  }

  void read_check(const pugi::xml_node& node) {
    check_attributes(node, {"name", "severity", "enabled"});
    check_no_children(node);
    const pugi::xml_attribute name = node.attribute("name");
    if (!name) {
      loader_.error_at(node, "<check> needs name=\"...\" (see kopru qa --list)");
      return;
    }
    const CheckInfo* info = find_check(name.value());
    if (info == nullptr) {
      loader_.error_at(node, name,
                       "unknown check " + quote(name.value()) + " (see kopru qa --list)");
      return;
    }
    const std::string check(info->name);
    if (const pugi::xml_attribute severity = node.attribute("severity")) {
      if (const auto parsed = parse_severity(severity.value()))
        profile_.severities[check] = *parsed;
      else
        loader_.error_at(
            node, severity,
            "severity=" + quote(severity.value()) + ": expected note, warning or error");
    }
    if (const auto enabled = bool_attribute(node, "enabled")) {
      if (*enabled)
        profile_.disabled.erase(check);
      else
        profile_.disabled.insert(check);
    }
    if (!node.attribute("severity") && !node.attribute("enabled"))
      loader_.error_at(node, "<check name=" + quote(check) + "> sets nothing (severity, enabled)");
  }

  Profile& profile_;
  Loader& loader_;
  int depth_;
  pugi::xml_node duration_node_;
  bool glyphs_replaced_ = false;
};

void apply_file(Profile& profile, const fs::path& path) {
  Profile next = profile;
  Loader loader(path, read_file(path));
  ProfileReader(next, loader, 0).read();
  next.origin += (next.origin.empty() ? "" : " + ") + path.string();
  profile = std::move(next);
}

}  // namespace

std::string apply_language_defaults(Profile& profile, const LanguageTag& language) {
  if (language.empty())
    return "";
  const std::string& code = language.language();
  // Only a plain language subtag names a file: no path tricks through a tag.
  if (code.empty() ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return "";
  const fs::path path = fs::path(locales_dir()) / "qa" / (code + ".xml");
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return "";
  apply_file(profile, path);
  return path.string();
}

void apply_profile_file(Profile& profile, const fs::path& path) {
  apply_file(profile, path);
}

}  // namespace kopru::qa
