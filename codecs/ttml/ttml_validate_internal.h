// The validator's shared machinery: one pass that indexes the document (elements in document
// order, ids, styles, regions, timing parameters), a report that collects violations with their
// positions, and value-syntax checks that every profile's rules build on. Each profile's rules live
// in their own file (ttml_validate_imsc.cpp, _ebu.cpp, _dfxp.cpp).
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/ttml/ttml_time.h"
#include "codecs/ttml/ttml_validate.h"
#include "codecs/ttml/ttml_xml.h"

namespace kopru::codecs::ttml::validation {

// More attributes than this on one element is refused before any rule runs.
inline constexpr std::size_t kMaxAttributes = 1024;

struct Element {
  pugi::xml_node node;
  Ns ns = Ns::none;
  std::string_view name;  // local name
  bool in_body = false;   // body or below it
};

struct Model {
  const Source* source = nullptr;
  pugi::xml_node tt;
  std::string tt_namespace_uri;   // the URI the root element's prefix is bound to
  std::vector<Element> elements;  // every element in document order, foreign ones included
  std::map<std::string, pugi::xml_node, std::less<>> ids;      // first element with each xml:id
  std::map<std::string, pugi::xml_node, std::less<>> styles;   // <style> by xml:id
  std::map<std::string, pugi::xml_node, std::less<>> regions;  // <region> by xml:id
  TimingParameters timing;
  std::string timing_problem;  // the first malformed ttp: parameter, if any
};

class Report {
 public:
  Report(std::string_view text, const OffsetMap& offsets) : text_(text), offsets_(offsets) {}
  void at(const pugi::xml_node& node, std::string_view rule, std::string message);
  void at(const pugi::xml_node& node, const pugi::xml_attribute& attribute, std::string_view rule,
          std::string message);
  void at_offset(std::ptrdiff_t offset, std::string_view rule, std::string message);
  void document(std::string_view rule, std::string message);
  // In document order (stable for violations at the same place). Lines and columns are computed
  // here, in one forward pass, so that many violations on one long line stay linear.
  std::vector<Violation> take();

 private:
  std::string_view text_;
  const OffsetMap& offsets_;
  std::vector<std::pair<std::ptrdiff_t, Violation>> found_;
};

// ---- value syntax (TTML1 §8.3, TTML2 §10.3) ----

struct Length {
  double value = 0;
  std::string unit;  // "px", "em", "c", "%", "rw", "rh"
};

// Whitespace-separated tokens.
std::vector<std::string_view> tokens(std::string_view text);
std::optional<Length> parse_length(std::string_view token);
bool is_color(std::string_view value);
bool is_transparent(std::string_view color);
bool is_non_negative_integer(std::string_view text);

enum class Vocabulary { ttml1, ttml2 };
// The style properties of the TTML namespace in a vocabulary ("color", "rubyAlign", ...).
bool is_tts_property(std::string_view local, Vocabulary vocabulary);
// Empty when `value` is valid syntax for the property (tts:, itts: or ebutts: by `ns`); else
// what is wrong, for the message.
std::string style_value_problem(Ns ns, std::string_view local, std::string_view value);
// Every length in a style value, for the unit rules.
std::vector<Length> lengths_in(std::string_view value);

// "tts:color" as the document wrote it, for messages.
std::string quoted(const pugi::xml_attribute& attribute);

// ---- indexing and shared rules ----

// Walks the tree once (depth bounded by parse_xml).
Model index(const Source& source, const pugi::xml_document& doc);

struct CommonRules {
  std::string prefix;  // "imsc1.1", "ebu-tt-d", "dfxp"
  Vocabulary vocabulary = Vocabulary::ttml1;
};
// Unique xml:ids, style/region references that resolve, valid time expressions under the
// document's timing parameters, valid ttp: parameters, style value syntax.
void check_common(const Model& model, const CommonRules& rules, Report& report);

// The value of a style property on `element` itself or, failing that, from the <style> elements
// it references (chains followed, cycles cut); empty handle when none.
pugi::xml_attribute specified_style(const Model& model, const pugi::xml_node& element, Ns ns,
                                    std::string_view local);

// ---- the timing model, for rules about what is shown at once ----

struct Activity {
  pugi::xml_node region;   // where the content shows
  std::int64_t begin = 0;  // ticks
  std::int64_t end = 0;    // ticks; kForever when open-ended
};
inline constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();
// Each element holding visible text (or a br) with the interval it is active and its region.
std::vector<Activity> content_activity(const Model& model);

struct Rect {
  double x = 0, y = 0, w = 1, h = 1;  // fractions of the root container
};
// The region's area; nullopt when its units cannot be resolved without rendering.
std::optional<Rect> region_rect(const Model& model, const pugi::xml_node& region);

// Regions shown together more than `limit` at a time, or overlapping: reported once per region.
void check_presented_regions(const Model& model, Report& report, std::string_view count_rule,
                             int limit, std::string_view overlap_rule);

// Profile rules.
void check_imsc11_text(const Model& model, Report& report);
void check_ebu_tt_d(const Model& model, Report& report);
void check_dfxp(const Model& model, Report& report);

}  // namespace kopru::codecs::ttml::validation
