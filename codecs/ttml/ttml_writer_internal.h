// Shared pieces of the TTML writers: the per-profile rules, the XML text builder, the lossy-report
// bookkeeping, and the style and region tables that head and body are built from.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "codecs/ttml/ttml.h"

namespace kopru::codecs::ttml::writer {

using Attributes = std::vector<std::pair<std::string, std::string>>;

// What a profile allows and how it is spelled (ttml_writer_profiles.cpp).
struct Rules {
  Profile profile = Profile::ttml1;
  std::string_view prefix;           // element prefix: "tt:" in EBU-TT-D, "" elsewhere
  bool referential_only = false;     // EBU-TT-D: no inline styling, every text in a styled span
  bool frames = false;               // clock times with frames when the document has a rate
  bool frame_rate = false;           // ttp:frameRate may be written
  bool ruby = false;                 // tts:ruby (TTML2 / IMSC 1.1)
  bool agents = false;               // ttm:agent declarations and references
  bool title = false;                // ttm:title in head metadata
  bool verbatim_bags = false;        // Style/Region/root attributes copied as read (TTML1, DFXP)
  bool id_required = false;          // every p carries an xml:id (EBU-TT-D)
  bool root_px_extent = false;       // the document has a root tts:extent in px (set per document)
  std::string_view content_profile;  // ttp:contentProfiles value, "" for none
  std::string_view name;             // for messages

  // Whether a styling attribute (qualified name as read: "tts:color", "ebutts:linePadding") may be
  // written on a style or region in this profile.
  bool allows_style_attribute(std::string_view qname) const;
  // Whether a root <tt> parameter kept by the reader may be written back in this profile.
  bool allows_root_attribute(std::string_view qname) const;
};

Rules rules_for(Profile profile);

// "HH:MM:SS.mmm", rounded to the millisecond.
std::string clock_time(Time t);
// "HH:MM:SS:FF" when `t` falls exactly on a frame of `rate`; "" otherwise.
std::string clock_frames(Time t, FrameRate rate);
// ttp:frameRate and, when the rate is not whole, ttp:frameRateMultiplier ("1000 1001").
Attributes frame_rate_attributes(FrameRate rate);

// The namespace URI of a prefix Kopru writes; "" for unknown prefixes.
std::string_view namespace_uri(std::string_view prefix);
// The prefix of a qualified name ("tts" of "tts:color"), "" when unprefixed.
std::string_view prefix_of(std::string_view qname);

// XML text with escaping; element names are given with their prefix.
void append_escaped_text(std::string& out, std::string_view text);
void append_escaped_attribute(std::string& out, std::string_view text);
void append_start_tag(std::string& out, std::string_view name, const Attributes& attributes,
                      bool empty);

// A valid xml:id made from any name: characters an NCName cannot hold become '_'.
std::string to_ncname(std::string_view name);
bool is_ncname(std::string_view name);

// Lossy writes are reported once per kind per cue (or once per document for head content).
class Reporter {
 public:
  explicit Reporter(Diagnostics& diag) : diag_(diag) {}
  void cue(std::size_t index, std::string_view kind, std::string_view what);
  void document(std::string_view kind, std::string_view what);

 private:
  Diagnostics& diag_;
  std::set<std::pair<std::size_t, std::string>> cue_seen_;
  std::set<std::string> doc_seen_;
};

// Referential styles: the document's own (ids made valid) plus those generated for EBU-TT-D,
// de-duplicated by their attributes (ttml_writer_styles.cpp).
class StyleTable {
 public:
  StyleTable(const Document& doc, const Rules& rules, Reporter& reporter);
  // The xml:id written for a document style name; "" when there is no such style.
  std::string id_for(std::string_view name) const;
  // The attributes a document style sets (after profile filtering), for skipping inline
  // attributes a referenced style already implies.
  const Attributes* attributes_of(std::string_view id) const;
  // A generated style with exactly these attributes, shared by every user.
  std::string intern(const Attributes& attributes);
  // The <styling> children, in order: document styles, then generated ones.
  void append_styling(std::string& out, const Rules& rules, std::string_view indent) const;
  bool empty() const { return styles_.empty(); }
  bool has_id(std::string_view id) const;

 private:
  struct Entry {
    std::string id;
    Attributes attributes;
  };
  std::string unique_id(std::string base);
  std::vector<Entry> styles_;
  std::map<std::string, std::string, std::less<>> by_name_;  // document style name -> id
  std::map<Attributes, std::string> generated_;
  std::set<std::string, std::less<>> ids_;
  std::set<std::string, std::less<>> cue_ids_;  // kept for paragraphs: never a style id
};

// Regions: the document's own, and bands (top, middle, bottom) for cues placed by alignment,
// WebVTT settings or coordinates. Only regions some cue uses are written.
class RegionTable {
 public:
  RegionTable(const Document& doc, const Rules& rules, Reporter& reporter);
  // The region id for a cue; placement it cannot express exactly is reported.
  std::string region_for(const Document& doc, const Cue& cue, std::size_t index);
  // The region's own tts:textAlign (document regions), "" when unknown.
  std::string text_align_of(std::string_view id) const;
  void append_layout(std::string& out, const Rules& rules, std::string_view indent) const;
  bool has_id(std::string_view id) const;

 private:
  struct Entry {
    std::string id;
    Attributes attributes;
    bool used = false;
  };
  Entry* find(std::string_view id);
  std::string band(std::string_view which);
  std::vector<Entry> regions_;
  // IMSC and EBU-TT-D forbid overlapping regions shown together and more than 4 at once: when
  // the document's own regions would break that, every cue goes to a band instead (reported).
  bool bands_only_ = false;
  std::map<std::string, std::string, std::less<>> by_name_;
  const Rules& rules_;
  Reporter& reporter_;
};

// Attributes of a document style (TTML bag filtered by profile, or the typed fields of a style
// from another format) and of a document region.
Attributes style_attributes(const Style& style, const Rules& rules, Reporter& reporter);
Attributes region_attributes(const Region& region, const Rules& rules, Reporter& reporter);

std::string format_percent_pair(double x, double y);

}  // namespace kopru::codecs::ttml::writer
