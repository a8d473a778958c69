// The TTML reader's private pieces, split by job: timing (ttml_reader_timing.cpp), styles and
// regions (ttml_reader_styles.cpp), content to cues (ttml_reader_content.cpp), and the driver
// (ttml_reader.cpp). Also display_changes(), the ISD-style view the conformance tests compare.
#pragma once

#include <pugixml.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/codec.h"
#include "codecs/ttml/ttml_internal.h"
#include "codecs/ttml/ttml_time.h"
#include "codecs/ttml/ttml_xml.h"

namespace kopru::codecs::ttml {

// Style properties keyed by canonical qualified name ("tts:color"), values as written.
using StyleSet = std::map<std::string, std::string>;

struct RegionInfo {
  pugi::xml_node xml;
  StyleSet style;  // referenced styles, then nested <style>s, then inline attributes
  Time begin{};
  std::optional<Time> end;  // nullopt: indefinite
};

struct ReaderContext {
  const Source& source;
  const ReadOptions& options;
  Diagnostics& diag;
  OffsetMap offsets;
  TimingParameters params;
  pugi::xml_node root;
  std::map<std::string, StyleSet> styles;  // style xml:id -> flattened properties
  std::map<std::string, RegionInfo> regions;
  std::map<std::string, std::string> agents;  // ttm:agent xml:id -> ttm:name (or the id)
  std::set<std::string> reported;             // "ttml-ignored-..." reports already made
  std::optional<std::pair<double, double>> root_extent_px;
  int cell_columns = 32;
  int cell_rows = 15;

  ReaderContext(const Source& s, const ReadOptions& o, Diagnostics& d)
      : source(s), options(o), diag(d), offsets(s.text) {}
  int line(const pugi::xml_node& node) const { return offsets.line(node); }
  int column(const pugi::xml_node& node) const { return offsets.column(node); }
  void warn(const pugi::xml_node& node, const std::string& code, const std::string& message);
  void warn(const pugi::xml_node& node, const pugi::xml_attribute& attribute,
            const std::string& code, const std::string& message);
  // Reported once per code and message: things Kopru drops.
  void ignored(const pugi::xml_node& node, const std::string& code, const std::string& message);
  [[noreturn]] void error(const pugi::xml_node& node, const std::string& message) const;
  [[noreturn]] void error(const pugi::xml_node& node, const pugi::xml_attribute& attribute,
                          const std::string& message) const;
};

// --- timing ------------------------------------------------------------------------------------
enum class NodeKind { body, div, p, span, br, text, ruby_base, ruby_text, other };

// The body as a tree of timed nodes in document order (a parent's index is below its children's).
struct Node {
  NodeKind kind = NodeKind::other;
  pugi::xml_node xml;
  int parent = -1;
  std::vector<int> children;
  Time begin{};             // absolute, clamped to the parent
  std::optional<Time> end;  // absolute, clamped; nullopt = indefinite
  std::string text;         // text nodes
  StyleSet computed;        // inherited + region + referenced + inline
  StyleSet own;             // this element's referenced and inline properties
  std::vector<std::string> style_ids;
  std::string region;  // the region this content flows into ("" = the default region)
  std::string lang;    // inherited xml:lang
  bool preserve = false;
  bool ruby_container = false;  // tts:ruby="container"
};

// Resolves begin/end/dur and time containers into absolute, clamped intervals (TTML2 §12).
void compute_timing(ReaderContext& ctx, std::vector<Node>& nodes);
// The time attributes of an element: begin/end/dur, nullopt when absent; fails on invalid ones.
struct TimeAttributes {
  std::optional<Time> begin;
  std::optional<Time> end;
  std::optional<Time> dur;
};
TimeAttributes time_attributes(const ReaderContext& ctx, const pugi::xml_node& element);

// --- styles and regions ------------------------------------------------------------------------
// Reads <head>: styles, regions, agents, title; fills doc.styles, doc.regions, doc.meta.
void read_head(ReaderContext& ctx, const pugi::xml_node& head, Document& doc);
// The properties an element specifies: referenced styles (later references win) then inline
// attributes; warns about unknown styling attributes.
StyleSet specified_style(ReaderContext& ctx, const pugi::xml_node& element,
                         std::vector<std::string>* style_ids);
// Region origin/extent in percent of the root container.
std::optional<std::pair<double, double>> percent_pair(const ReaderContext& ctx,
                                                      std::string_view value);
// The cue placement for a <p> in `region` (WebVTT-style percentages and an ASS numpad).
Placement placement_for(const Document& doc, const std::string& region, const StyleSet& p_style);

// --- content -----------------------------------------------------------------------------------
// Builds the node tree of <body> (styles, regions, languages, whitespace flags).
std::vector<Node> build_tree(ReaderContext& ctx, const pugi::xml_node& body);
// One cue per <p> per interval in which its visible content is constant.
void make_cues(ReaderContext& ctx, const std::vector<Node>& nodes, Document& doc);

// --- the ISD-style view ------------------------------------------------------------------------
struct DisplayChange {
  Time time{};
  bool shown = false;
  bool operator==(const DisplayChange&) const = default;
};
// Every time at which what is displayed may change, starting at 0, with whether anything is
// displayed from then on: a cue with text, or a region whose background is always shown and not
// transparent while that region is active (TTML region timing kept in its FormatBag).
std::vector<DisplayChange> display_changes(const Document& doc);

}  // namespace kopru::codecs::ttml
