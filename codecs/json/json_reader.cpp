// kopru-json/1 reader and probe (SCHEMA.md). nlohmann-json parses; this file validates the tree
// against the schema and turns each problem into an error at a JSON path with a line and column.
#include <algorithm>
#include <climits>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <variant>

#include "codecs/json/json.h"
#include "codecs/json/json_schema.h"
#include "pipeline/core/lines.h"

namespace kopru::codecs::json {
namespace {

using Json = nlohmann::json;

// Kopru documents nest about eight levels; the limit keeps nlohmann's recursive parts (dump,
// comparison, copying) far from the stack's end on hostile input.
constexpr int kMaxDepth = 64;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Byte offset of the first '[' or '{' that opens level kMaxDepth + 1, outside strings.
std::optional<std::size_t> too_deep(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth)
        return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

using PathItem = std::variant<std::string, std::size_t>;  // object key or array index

// Finds where a value sits in text nlohmann has already accepted. nlohmann 3.11 keeps no
// positions in its DOM, so errors found while validating the tree are placed by walking the
// text again along the JSON path; this only runs when there is something to report.
class Locator {
 public:
  explicit Locator(std::string_view text) : text_(text) {}

  std::optional<std::size_t> find(const std::vector<PathItem>& path) const {
    std::size_t i = skip_space(0);
    for (const auto& item : path) {
      const auto next = std::holds_alternative<std::string>(item)
                            ? member(i, std::get<std::string>(item))
                            : element(i, std::get<std::size_t>(item));
      if (!next)
        return std::nullopt;
      i = *next;
    }
    return i < text_.size() ? std::optional<std::size_t>(i) : std::nullopt;
  }

 private:
  std::size_t skip_space(std::size_t i) const {
    while (i < text_.size() && is_space(text_[i]))
      ++i;
    return i;
  }

  std::size_t skip_string(std::size_t i) const {
    for (++i; i < text_.size(); ++i) {
      if (text_[i] == '\\') {
        ++i;
      } else if (text_[i] == '"') {
        return i + 1;
      }
    }
    return text_.size();
  }

  std::size_t skip_value(std::size_t i) const {
    if (i >= text_.size())
      return i;
    if (text_[i] == '"')
      return skip_string(i);
    if (text_[i] == '[' || text_[i] == '{') {
      int depth = 0;
      while (i < text_.size()) {
        const char c = text_[i];
        if (c == '"') {
          i = skip_string(i);
          continue;
        }
        if (c == '[' || c == '{')
          ++depth;
        if ((c == ']' || c == '}') && --depth == 0)
          return i + 1;
        ++i;
      }
      return i;
    }
    while (i < text_.size() && !is_space(text_[i]) && text_[i] != ',' && text_[i] != ']' &&
           text_[i] != '}') {
      ++i;
    }
    return i;
  }

  std::string key_at(std::size_t begin, std::size_t end) const {
    const auto raw = text_.substr(begin, end - begin);
    if (raw.find('\\') == std::string_view::npos)
      return std::string(raw.substr(1, raw.size() - 2));
    return Json::parse(raw).get<std::string>();
  }

  // nlohmann keeps the last of duplicate keys, so the last match is the one to point at.
  std::optional<std::size_t> member(std::size_t i, const std::string& key) const {
    if (i >= text_.size() || text_[i] != '{')
      return std::nullopt;
    std::optional<std::size_t> found;
    i = skip_space(i + 1);
    while (i < text_.size() && text_[i] == '"') {
      const std::size_t key_end = skip_string(i);
      const bool match = key_at(i, key_end) == key;
      i = skip_space(key_end);
      if (i < text_.size() && text_[i] == ':')
        i = skip_space(i + 1);
      if (match)
        found = i;
      i = skip_space(skip_value(i));
      if (i < text_.size() && text_[i] == ',')
        i = skip_space(i + 1);
    }
    return found;
  }

  std::optional<std::size_t> element(std::size_t i, std::size_t index) const {
    if (i >= text_.size() || text_[i] != '[')
      return std::nullopt;
    i = skip_space(i + 1);
    for (std::size_t n = 0; i < text_.size() && text_[i] != ']'; ++n) {
      if (n == index)
        return i;
      i = skip_space(skip_value(i));
      if (i < text_.size() && text_[i] == ',')
        i = skip_space(i + 1);
    }
    return std::nullopt;
  }

  std::string_view text_;
};

std::string describe(const Json& v) {
  constexpr std::size_t kMaxShown = 40;
  switch (v.type()) {
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::null:
      return "null";
    default:
      break;
  }
  std::string shown = v.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (shown.size() > kMaxShown)
    shown = shown.substr(0, kMaxShown) + "...";
  return shown;
}

class Reader {
 public:
  Reader(const Source& source, const ReadOptions& options, Diagnostics& diag)
      : source_(source), options_(options), diag_(diag), lines_(source.text) {}

  Document read() {
    const Json root = parse();
    Document doc;
    if (!root.is_object())
      error("expected a JSON object with \"schema\": \"kopru-json/1\"");
    check_keys(root, {"schema", "metadata", "styles", "regions", "format_private", "cues"});
    check_schema(root);
    doc.meta = metadata(root);
    each(root, "styles", [&](const Json& v) { doc.styles.push_back(style(v)); });
    each(root, "regions", [&](const Json& v) { doc.regions.push_back(region(v)); });
    doc.format_private = bag_member(root, "format_private");
    if (!root.contains("cues"))
      error("missing \"cues\"");
    each(root, "cues", [&](const Json& v) { doc.cues.push_back(cue(v)); });
    return doc;
  }

 private:
  // Pushes one step onto the JSON path for as long as it lives.
  class Step {
   public:
    Step(Reader& reader, PathItem item) : reader_(reader) {
      reader_.path_.push_back(std::move(item));
    }
    ~Step() { reader_.path_.pop_back(); }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;

   private:
    Reader& reader_;
  };

  Json parse() {
    if (const auto deep = too_deep(source_.text)) {
      const auto [line, col] = lines_.locate(static_cast<std::int64_t>(*deep));
      fail(source_, line, col, "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    // nlohmann takes a NUL byte for the end of input and would silently drop what follows it.
    if (const auto nul = source_.text.find('\0'); nul != std::string_view::npos) {
      const auto [line, col] = lines_.locate(static_cast<std::int64_t>(nul));
      fail(source_, line, col,
           "invalid JSON: NUL byte (U+0000); JSON text may not contain one (write \\u0000 inside "
           "strings)");
    }
    try {
      return Json::parse(source_.text);
    } catch (const Json::parse_error& e) {
      // e.byte counts the offending byte itself (1-based).
      const auto offset = e.byte == 0 ? 0 : static_cast<std::int64_t>(e.byte) - 1;
      const auto [line, col] = lines_.locate(offset);
      fail(source_, line, col, "invalid JSON: " + strip_prefix(e.what()));
    } catch (const Json::exception& e) {
      // Number overflow ("1e999") carries no position; the number's text tells where it is.
      const std::string message = strip_prefix(e.what());
      int line = 0;
      int col = 0;
      const auto q1 = message.find('\'');
      const auto q2 = message.rfind('\'');
      if (q1 != std::string::npos && q2 > q1 + 1) {
        const auto at = source_.text.find(message.substr(q1 + 1, q2 - q1 - 1));
        if (at != std::string_view::npos) {
          std::tie(line, col) = lines_.locate(static_cast<std::int64_t>(at));
        }
      }
      fail(source_, line, col, "invalid JSON: " + message);
    }
  }

  // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." ->
  // "syntax error ..."; our own line and column count code points and lone CRs.
  static std::string strip_prefix(std::string message) {
    if (const auto bracket = message.find("] "); bracket != std::string::npos) {
      message.erase(0, bracket + 2);
    }
    if (message.rfind("parse error", 0) == 0) {
      if (const auto colon = message.find(": "); colon != std::string::npos) {
        message.erase(0, colon + 2);
      }
    }
    return message;
  }

  std::string path_text() const {
    std::string out;
    for (const auto& item : path_) {
      if (const auto* key = std::get_if<std::string>(&item)) {
        if (!out.empty())
          out += '.';
        out += *key;
      } else {
        out += "[" + std::to_string(std::get<std::size_t>(item)) + "]";
      }
    }
    return out;
  }

  std::pair<int, int> here() const {
    const auto offset = Locator(source_.text).find(path_);
    if (!offset)
      return {0, 0};
    return lines_.locate(static_cast<std::int64_t>(*offset));
  }

  std::string with_path(const std::string& message) const {
    return path_.empty() ? message : path_text() + ": " + message;
  }

  [[noreturn]] void error(const std::string& message) const {
    const auto [line, col] = here();
    fail(source_, line, col, with_path(message));
  }

  // Each placed warning walks the text once; after kMaxPlacedWarnings of them the rest carry
  // line 0, so a file with a warning per cue stays linear.
  bool unplaced_budget_exhausted() const { return placed_warnings_ >= kMaxPlacedWarnings; }

  // A repair: a warning, or an error when the caller asked for strictness.
  void repair(const std::string& code, const std::string& message) {
    if (options_.strict)
      error(message);
    const auto [line, col] = unplaced_budget_exhausted() ? std::pair{0, 0} : here();
    ++placed_warnings_;
    diag_.warn(line, col, code, with_path(message));
  }

  // The path with indices left out ("cues.runs"), to report each unknown key once per place.
  std::string shape() const {
    std::string out;
    for (const auto& item : path_) {
      if (const auto* key = std::get_if<std::string>(&item))
        out += "." + *key;
    }
    return out;
  }

  void check_keys(const Json& obj, std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : obj.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end())
        continue;
      if (!unknown_keys_seen_.insert(shape() + "/" + key).second)
        continue;
      Step step(*this, key);
      repair("json-unknown-key", "unknown key \"" + key + "\" ignored");
    }
  }

  void check_schema(const Json& root) {
    if (!root.contains("schema"))
      error("missing \"schema\" (expected \"kopru-json/1\")");
    Step step(*this, "schema");
    const Json& v = root["schema"];
    if (!v.is_string())
      error("expected a string, found " + describe(v));
    const auto& s = v.get_ref<const std::string&>();
    if (s == kSchema)
      return;
    if (s.rfind(kSchemaPrefix, 0) == 0) {
      error("unsupported schema version \"" + s + "\" (this Kopru reads \"" + std::string(kSchema) +
            "\")");
    }
    error("not a Kopru JSON document: schema is \"" + s + "\", expected \"" + std::string(kSchema) +
          "\"");
  }

  template <typename Fn>
  void each(const Json& obj, const char* key, Fn&& fn) {
    const auto it = obj.find(key);
    if (it == obj.end())
      return;
    Step step(*this, key);
    if (!it->is_array())
      error("expected an array, found " + describe(*it));
    for (std::size_t i = 0; i < it->size(); ++i) {
      Step item(*this, i);
      fn((*it)[i]);
    }
  }

  void require_object(const Json& v) {
    if (!v.is_object())
      error("expected an object, found " + describe(v));
  }

  // The typed getters return `fallback` when the key is absent and fail on a wrong type.
  std::string string_member(const Json& obj, const char* key, std::string fallback = {}) {
    const auto it = obj.find(key);
    if (it == obj.end())
      return fallback;
    Step step(*this, key);
    if (!it->is_string())
      error("expected a string, found " + describe(*it));
    return it->get<std::string>();
  }

  bool bool_member(const Json& obj, const char* key, bool fallback = false) {
    const auto it = obj.find(key);
    if (it == obj.end())
      return fallback;
    Step step(*this, key);
    if (!it->is_boolean())
      error("expected true or false, found " + describe(*it));
    return it->get<bool>();
  }

  std::int64_t integer(const Json& v, std::int64_t min, std::int64_t max) {
    if (!v.is_number_integer())
      error("expected an integer, found " + describe(v));
    const bool too_big =
        v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max);
    const auto value = too_big ? max : v.get<std::int64_t>();
    if (too_big || value < min || value > max) {
      error(describe(v) + " is out of range (" + std::to_string(min) + " to " +
            std::to_string(max) + ")");
    }
    return value;
  }

  std::int64_t int64_member(const Json& obj, const char* key, std::int64_t fallback,
                            std::int64_t min, std::int64_t max) {
    const auto it = obj.find(key);
    if (it == obj.end())
      return fallback;
    Step step(*this, key);
    return integer(*it, min, max);
  }

  int int_member(const Json& obj, const char* key, int fallback, int min = INT_MIN,
                 int max = INT_MAX) {
    return static_cast<int>(int64_member(obj, key, fallback, min, max));
  }

  double number(const Json& v) {
    if (!v.is_number())
      error("expected a number, found " + describe(v));
    return v.get<double>();
  }

  double number_member(const Json& obj, const char* key, double fallback) {
    const auto it = obj.find(key);
    if (it == obj.end())
      return fallback;
    Step step(*this, key);
    return number(*it);
  }

  std::optional<double> optional_number(const Json& obj, const char* key) {
    if (!obj.contains(key))
      return std::nullopt;
    return number_member(obj, key, 0);
  }

  std::optional<std::pair<double, double>> optional_pair(const Json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end())
      return std::nullopt;
    Step step(*this, key);
    if (!it->is_array() || it->size() != 2) {
      error("expected an array of two numbers, found " + describe(*it));
    }
    std::pair<double, double> out;
    {
      Step first(*this, std::size_t{0});
      out.first = number((*it)[0]);
    }
    Step second(*this, std::size_t{1});
    out.second = number((*it)[1]);
    return out;
  }

  std::optional<Color> optional_color(const Json& obj, const char* key) {
    if (!obj.contains(key))
      return std::nullopt;
    Step step(*this, key);
    const Json& v = obj[key];
    if (!v.is_string())
      error("expected a colour \"#rrggbb\" or \"#rrggbbaa\", found " + describe(v));
    const auto color = Color::parse(v.get_ref<const std::string&>());
    if (!color)
      error("expected a colour \"#rrggbb\" or \"#rrggbbaa\", found " + describe(v));
    return color;
  }

  Color color_member(const Json& obj, const char* key, Color fallback) {
    return optional_color(obj, key).value_or(fallback);
  }

  FormatBag bag_member(const Json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
      return {};
    Step step(*this, key);
    require_object(*it);
    check_keys(*it, {"format", "entries"});
    FormatBag bag;
    bag.format = string_member(*it, "format");
    each(*it, "entries", [&](const Json& entry) {
      if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() ||
          !entry[1].is_string()) {
        error("expected [\"key\", \"value\"], found " + describe(entry));
      }
      bag.add(entry[0].get<std::string>(), entry[1].get<std::string>());
    });
    return bag;
  }

  Metadata metadata(const Json& root) {
    Metadata m;
    m.source_format = "json";
    m.source_encoding = source_.encoding;
    const auto it = root.find("metadata");
    if (it == root.end())
      return m;
    Step step(*this, "metadata");
    require_object(*it);
    const Json& obj = *it;
    check_keys(obj,
               {"title", "language", "frame_rate", "source_format", "source_encoding", "play_res"});
    m.title = string_member(obj, "title");
    if (const auto tag = string_member(obj, "language"); !tag.empty()) {
      const auto parsed = LanguageTag::parse(tag);
      if (!parsed) {
        Step lang(*this, "language");
        error("\"" + tag + "\" is not a well-formed BCP 47 language tag");
      }
      m.language = *parsed;
    }
    m.frame_rate = frame_rate(obj);
    m.source_format = string_member(obj, "source_format", m.source_format);
    m.source_encoding = string_member(obj, "source_encoding", m.source_encoding);
    if (const auto res = obj.find("play_res"); res != obj.end()) {
      Step play_res(*this, "play_res");
      require_object(*res);
      check_keys(*res, {"x", "y"});
      m.play_res_x = int_member(*res, "x", 0, 0);
      m.play_res_y = int_member(*res, "y", 0, 0);
    }
    return m;
  }

  // {"num": 24000, "den": 1001}; hand-written files may say "23.976" instead.
  std::optional<FrameRate> frame_rate(const Json& obj) {
    const auto it = obj.find("frame_rate");
    if (it == obj.end() || it->is_null())
      return std::nullopt;
    Step step(*this, "frame_rate");
    if (it->is_string()) {
      const auto rate = FrameRate::parse(it->get_ref<const std::string&>());
      if (!rate)
        error("expected a frame rate such as \"25\" or \"24000/1001\", found " + describe(*it));
      return rate;
    }
    if (!it->is_object())
      error("expected {\"num\": ..., \"den\": ...} or null, found " + describe(*it));
    check_keys(*it, {"num", "den"});
    if (!it->contains("num") || !it->contains("den"))
      error("expected both \"num\" and \"den\"");
    constexpr std::int64_t kMaxRatePart = 1'000'000'000;
    FrameRate rate;
    rate.num = int64_member(*it, "num", 0, 1, kMaxRatePart);
    rate.den = int64_member(*it, "den", 0, 1, kMaxRatePart);
    return rate;
  }

  Style style(const Json& obj) {
    require_object(obj);
    check_keys(obj, {"name",         "font",          "font_size", "primary",       "secondary",
                     "outline",      "back",          "bold",      "italic",        "underline",
                     "strike",       "scale_x",       "scale_y",   "spacing",       "angle",
                     "border_style", "outline_width", "shadow",    "alignment",     "margin_l",
                     "margin_r",     "margin_v",      "encoding",  "format_private"});
    Style s;
    s.name = string_member(obj, "name");
    s.font = string_member(obj, "font", s.font);
    s.font_size = number_member(obj, "font_size", s.font_size);
    s.primary = color_member(obj, "primary", s.primary);
    s.secondary = color_member(obj, "secondary", s.secondary);
    s.outline = color_member(obj, "outline", s.outline);
    s.back = color_member(obj, "back", s.back);
    s.bold = bool_member(obj, "bold", s.bold);
    s.italic = bool_member(obj, "italic", s.italic);
    s.underline = bool_member(obj, "underline", s.underline);
    s.strike = bool_member(obj, "strike", s.strike);
    s.scale_x = number_member(obj, "scale_x", s.scale_x);
    s.scale_y = number_member(obj, "scale_y", s.scale_y);
    s.spacing = number_member(obj, "spacing", s.spacing);
    s.angle = number_member(obj, "angle", s.angle);
    s.border_style = int_member(obj, "border_style", s.border_style);
    s.outline_width = number_member(obj, "outline_width", s.outline_width);
    s.shadow = number_member(obj, "shadow", s.shadow);
    s.alignment = int_member(obj, "alignment", s.alignment);
    s.margin_l = int_member(obj, "margin_l", s.margin_l);
    s.margin_r = int_member(obj, "margin_r", s.margin_r);
    s.margin_v = int_member(obj, "margin_v", s.margin_v);
    s.encoding = int_member(obj, "encoding", s.encoding);
    s.format_private = bag_member(obj, "format_private");
    return s;
  }

  Region region(const Json& obj) {
    require_object(obj);
    check_keys(obj, {"id", "width_percent", "lines", "region_anchor", "viewport_anchor",
                     "scroll_up", "origin", "extent", "display_align", "format_private"});
    Region r;
    r.id = string_member(obj, "id");
    r.width_percent = optional_number(obj, "width_percent");
    if (obj.contains("lines"))
      r.lines = int_member(obj, "lines", 0);
    r.region_anchor = optional_pair(obj, "region_anchor");
    r.viewport_anchor = optional_pair(obj, "viewport_anchor");
    r.scroll_up = bool_member(obj, "scroll_up");
    r.origin = optional_pair(obj, "origin");
    r.extent = optional_pair(obj, "extent");
    r.display_align = string_member(obj, "display_align");
    r.format_private = bag_member(obj, "format_private");
    return r;
  }

  Placement placement(const Json& cue) {
    Placement p;
    const auto it = cue.find("placement");
    if (it == cue.end() || it->is_null())
      return p;
    Step step(*this, "placement");
    require_object(*it);
    const Json& obj = *it;
    check_keys(obj, {"alignment", "position", "box", "margin_l", "margin_r", "margin_v", "region",
                     "vertical", "line", "line_percent", "line_align", "position_percent",
                     "position_align", "size_percent", "text_align"});
    p.alignment = int_member(obj, "alignment", 0, 0, 9);
    p.position = optional_pair(obj, "position");
    if (const auto box = obj.find("box"); box != obj.end()) {
      Step box_step(*this, "box");
      require_object(*box);
      check_keys(*box, {"x1", "x2", "y1", "y2"});
      p.box = Placement::Box{int_member(*box, "x1", 0), int_member(*box, "x2", 0),
                             int_member(*box, "y1", 0), int_member(*box, "y2", 0)};
    }
    p.margin_l = int_member(obj, "margin_l", 0);
    p.margin_r = int_member(obj, "margin_r", 0);
    p.margin_v = int_member(obj, "margin_v", 0);
    p.region = string_member(obj, "region");
    p.vertical = string_member(obj, "vertical");
    p.line = optional_number(obj, "line");
    p.line_percent = bool_member(obj, "line_percent");
    p.line_align = string_member(obj, "line_align");
    p.position_percent = optional_number(obj, "position_percent");
    p.position_align = string_member(obj, "position_align");
    p.size_percent = optional_number(obj, "size_percent");
    p.text_align = string_member(obj, "text_align");
    return p;
  }

  // A time given as "<name>_ticks" (exact), "<name>_ms" or both; both must agree to the ms.
  std::optional<Time> time(const Json& obj, const std::string& name) {
    const std::string ms_key = name + "_ms";
    const std::string ticks_key = name + "_ticks";
    std::optional<std::int64_t> ms;
    std::optional<std::int64_t> ticks;
    if (obj.contains(ms_key))
      ms = time_value(obj, ms_key, kMaxMs, " ms");
    if (obj.contains(ticks_key))
      ticks = time_value(obj, ticks_key, kMaxTicks, " ticks");
    if (!ticks)
      return ms ? std::optional<Time>(from_ms(*ms)) : std::nullopt;
    const Time exact(*ticks);
    if (ms && *ms != to_ms(exact, Rounding::down) && *ms != to_ms(exact, Rounding::up)) {
      Step step(*this, ms_key);
      error(std::to_string(*ms) + " disagrees with " + ticks_key + " " + std::to_string(*ticks) +
            " (" + dump_ms(exact) + " ms)");
    }
    return exact;
  }

  std::int64_t time_value(const Json& obj, const std::string& key, std::int64_t max,
                          const char* unit) {
    Step step(*this, key);
    const Json& v = obj[key];
    if (v.is_number_integer() && !v.is_number_unsigned() && v.get<std::int64_t>() < 0) {
      error("negative time " + describe(v) + unit + " is not allowed");
    }
    if (v.is_number_float() && v.get<double>() < 0) {
      error("negative time " + describe(v) + unit + " is not allowed");
    }
    return integer(v, 0, max);
  }

  static std::string dump_ms(Time t) {
    const auto whole = to_ms(t, Rounding::down);
    const auto rest = t.count() - whole * kTicksPerMs;
    return std::to_string(whole) + (rest == 0 ? "" : " + " + std::to_string(rest) + "/705600");
  }

  Span span(const Json& obj) {
    require_object(obj);
    check_keys(obj, {"kind", "classes", "annotation", "color", "size"});
    Span s;
    s.kind = kind(obj, kSpanKindNames);
    each(obj, "classes", [&](const Json& v) {
      if (!v.is_string())
        error("expected a string, found " + describe(v));
      s.classes.push_back(v.get<std::string>());
    });
    s.annotation = string_member(obj, "annotation");
    s.color = optional_color(obj, "color");
    s.size = optional_number(obj, "size");
    return s;
  }

  template <typename Enum, std::size_t N>
  Enum kind(const Json& obj, const std::array<std::pair<Enum, std::string_view>, N>& table) {
    if (!obj.contains("kind"))
      error("missing \"kind\"");
    const auto name = string_member(obj, "kind");
    if (const auto value = value_of(table, name))
      return *value;
    std::string known;
    for (const auto& [e, n] : table)
      known += (known.empty() ? "" : ", ") + std::string(n);
    Step step(*this, "kind");
    error("unknown kind \"" + name + "\" (expected one of " + known + ")");
  }

  Run run(const Json& obj) {
    require_object(obj);
    check_keys(obj, {"kind", "text", "raw_format", "time_ms", "time_ticks", "spans"});
    Run r;
    r.kind = kind(obj, kRunKindNames);
    r.text = string_member(obj, "text");
    r.raw_format = string_member(obj, "raw_format");
    const auto t = time(obj, "time");
    if (!t && r.kind == RunKind::timestamp)
      error("missing \"time_ms\" or \"time_ticks\"");
    r.time = t.value_or(Time{});
    each(obj, "spans", [&](const Json& v) { r.spans.push_back(span(v)); });
    return r;
  }

  Cue cue(const Json& obj) {
    require_object(obj);
    check_keys(obj, {"id", "start_ms", "end_ms", "start_ticks", "end_ticks", "text", "runs",
                     "placement", "style", "speaker", "language", "layer", "effect", "comment",
                     "source_line", "format_private"});
    Cue c;
    c.id = string_member(obj, "id");
    const auto start = time(obj, "start");
    if (!start)
      error("missing \"start_ms\"");
    const auto end = time(obj, "end");
    if (!end)
      error("missing \"end_ms\"");
    c.start = *start;
    c.end = *end;
    if (c.end < c.start) {
      Step step(*this, obj.contains("end_ticks") ? "end_ticks" : "end_ms");
      error("the cue ends (" + dump_ms(c.end) + " ms) before it starts (" + dump_ms(c.start) +
            " ms)");
    }
    const auto text =
        obj.contains("text") ? std::optional(string_member(obj, "text")) : std::nullopt;
    if (obj.contains("runs")) {
      each(obj, "runs", [&](const Json& v) { c.runs.push_back(run(v)); });
      if (text && *text != plain_text(c)) {
        Step step(*this, "text");
        repair("json-text-mismatch",
               "\"text\" differs from the text of \"runs\"; the runs were used");
      }
    } else if (text) {
      c.runs = runs_from_text(*text);
    }
    c.placement = placement(obj);
    c.style = string_member(obj, "style");
    c.speaker = string_member(obj, "speaker");
    c.language = string_member(obj, "language");
    c.layer = int_member(obj, "layer", 0);
    c.effect = string_member(obj, "effect");
    c.comment = bool_member(obj, "comment");
    c.source_line = int_member(obj, "source_line", 0, 0);
    c.format_private = bag_member(obj, "format_private");
    return c;
  }

  const Source& source_;
  const ReadOptions& options_;
  Diagnostics& diag_;
  LineIndex lines_;
  std::vector<PathItem> path_;
  std::set<std::string> unknown_keys_seen_;
  static constexpr int kMaxPlacedWarnings = 100;
  int placed_warnings_ = 0;
};

}  // namespace

int probe(std::string_view head, std::string_view extension) {
  std::size_t i = 0;
  while (i < head.size() && is_space(head[i]))
    ++i;
  if (i == head.size() || (head[i] != '{' && head[i] != '['))
    return 0;
  if (head[i] == '{') {
    constexpr std::string_view kKey = "\"schema\"";
    for (auto at = head.find(kKey, i); at != std::string_view::npos; at = head.find(kKey, at + 1)) {
      std::size_t j = at + kKey.size();
      while (j < head.size() && is_space(head[j]))
        ++j;
      if (j >= head.size() || head[j] != ':')
        continue;
      ++j;
      while (j < head.size() && is_space(head[j]))
        ++j;
      if (head.substr(j).starts_with("\"" + std::string(kSchemaPrefix)))
        return 100;
    }
  }
  // Some other JSON: not ours, but a JSON file named .json is the best guess left.
  return extension == "json" ? 10 : 5;
}

Document read(const Source& source, const ReadOptions& options, Diagnostics& diag) {
  return Reader(source, options, diag).read();
}

}  // namespace kopru::codecs::json
