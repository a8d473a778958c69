// EBU STL writer: a GSI block (the fields an STL input kept, else broadcaster defaults, with the
// counts computed) and one TTI block per subtitle, continued in extension blocks when the text
// field is longer than 112 bytes. Also the repertoire the carry check runs before writing.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "codecs/stl/stl.h"

#include "codecs/common/layout.h"
#include "codecs/stl/stl_internal.h"
#include "pipeline/text/scripts.h"

namespace kopru::codecs::stl {

namespace {

using namespace detail;

const FormatBag* stl_bag(const FormatBag& bag) {
  return bag.format == kBagFormat ? &bag : nullptr;
}

std::string bag_value(const FormatBag* bag, std::string_view key, std::string fallback) {
  if (bag != nullptr) {
    if (const std::string* v = bag->find(key))
      return *v;
  }
  return fallback;
}

std::optional<int> bag_int(const FormatBag* bag, std::string_view key) {
  if (bag == nullptr)
    return std::nullopt;
  const std::string* v = bag->find(key);
  if (v == nullptr || v->empty())
    return std::nullopt;
  int n = 0;
  for (const char c : *v) {
    if (c < '0' || c > '9')
      return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string padded_number(std::int64_t value, std::size_t width) {
  std::string s = std::to_string(value);
  if (s.size() < width)
    s.insert(0, width - s.size(), '0');
  return s;
}

CodeTable choose_table(const Document& doc, const WriteOptions& options) {
  if (!options.charset.empty()) {
    if (const auto t = code_table_from_charset(options.charset))
      return *t;
    throw UsageError("unknown EBU STL character table \"" + options.charset +
                     "\"; use latin, cyrillic, arabic, greek, hebrew or 00-04");
  }
  if (const FormatBag* bag = stl_bag(doc.format_private)) {
    if (const std::string* cct = bag->find("CCT")) {
      if (const auto t = code_table_from_cct(*cct))
        return *t;
    }
  }
  std::string all;
  for (const Cue& cue : doc.cues) {
    for (const Run& r : cue.runs) {
      if (r.kind == RunKind::text)
        all += r.text;
    }
  }
  const auto counts = text::count_scripts(all);
  if (!counts.empty()) {
    const std::string& script = counts.front().code;
    if (script == "Cyrl")
      return CodeTable::cyrillic;
    if (script == "Arab")
      return CodeTable::arabic;
    if (script == "Grek")
      return CodeTable::greek;
    if (script == "Hebr")
      return CodeTable::hebrew;
  }
  return CodeTable::latin;
}

class StlWriter {
 public:
  StlWriter(const Document& doc, const WriteOptions& options, Diagnostics& diag)
      : doc_(doc), options_(options), diag_(diag), bag_(stl_bag(doc.format_private)) {}

  std::string write() {
    table_ = choose_table(doc_, options_);
    choose_rate();
    cpn_ = bag_value(bag_, "CPN", "850");
    page_ = code_page_table(cpn_);
    if (page_ == nullptr) {
      cpn_ = "850";
      page_ = code_page_table(cpn_);
    }
    text_.table = table_;
    text_.teletext = bag_value(bag_, "DSC", "1") != "0";
    mnc_ = bag_int(bag_, "MNC").value_or(40);
    mnr_ = bag_int(bag_, "MNR").value_or(23);
    if (mnr_ <= 0 || mnr_ > 99)
      mnr_ = 23;
    tcp_frames_ = program_start();
    std::string body;
    std::map<std::size_t, std::vector<std::string>> user_data = user_data_blocks();
    int sn = 0;
    for (std::size_t i = 0; i <= doc_.cues.size(); ++i) {
      if (const auto it = user_data.find(i); it != user_data.end()) {
        for (const std::string& block : it->second) {
          body += block;
          ++blocks_;
        }
      }
      if (i == doc_.cues.size())
        break;
      const Cue& cue = doc_.cues[i];
      // TCO must follow TCI: a cue shorter than a frame would never be shown (and readers skip
      // it), so it is left out, and said so.
      if (time_to_frames(cue.end, rate_) <= time_to_frames(cue.start, rate_)) {
        diag_.warn(0, 0, "stl-zero-duration",
                   "cue " + std::to_string(i + 1) + ": shorter than one frame; not written");
        continue;
      }
      const std::int64_t day = 24LL * 3600 * rate_.nominal();
      if (time_to_frames(cue.start, rate_) + tcp_frames_ < 0 ||
          time_to_frames(cue.end, rate_) + tcp_frames_ >= day) {
        diag_.warn(
            0, 0, "stl-time-out-of-range",
            "cue " + std::to_string(i + 1) + ": outside the 24-hour time code range; not written");
        continue;
      }
      body += subtitle(cue, i, sn);
      ++sn;
    }
    return gsi(sn) + body;
  }

 private:
  void choose_rate() {
    std::optional<FrameRate> asked = options_.fps ? options_.fps : doc_.meta.frame_rate;
    if (!asked && bag_value(bag_, "DFC", "") == "STL30.01")
      asked = FrameRate{30000, 1001};
    rate_ = asked.value_or(FrameRate{25, 1});
    if (rate_.nominal() == 30) {
      dfc_ = "STL30.01";
    } else {
      if (rate_.nominal() != 25)
        diag_.warn(0, 0, "stl-lossy-frame-rate",
                   "EBU STL has 25 and 30 fps time codes only; " + rate_.to_string() +
                       " fps written as STL25.01 (times rounded to 25 fps frames)");
      rate_ = FrameRate{25, 1};
      dfc_ = "STL25.01";
    }
  }

  std::int64_t program_start() const {
    const std::string tcp = bag_value(bag_, "TCP", "00000000");
    if (tcp.size() != 8 ||
        !std::all_of(tcp.begin(), tcp.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return 0;
    const auto two = [&](std::size_t i) { return (tcp[i] - '0') * 10 + (tcp[i + 1] - '0'); };
    return ((two(0) * 60LL + two(2)) * 60 + two(4)) * rate_.nominal() + two(6);
  }

  std::map<std::size_t, std::vector<std::string>> user_data_blocks() const {
    std::map<std::size_t, std::vector<std::string>> out;
    if (bag_ == nullptr)
      return out;
    for (const auto& [key, value] : bag_->entries) {
      if (key != "UDB")
        continue;
      const auto colon = value.find(':');
      const std::string hex = colon == std::string::npos ? "" : value.substr(colon + 1);
      if (hex.size() != kTtiSize * 2 ||
          hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        continue;
      std::string block;
      for (std::size_t i = 0; i < hex.size(); i += 2)
        block += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
      std::size_t at = 0;
      try {
        at = std::stoul(value.substr(0, colon));
      } catch (const std::exception&) {
        continue;
      }
      out[std::min(at, doc_.cues.size())].push_back(block);
    }
    return out;
  }

  // Frames on the TCP-based timecode axis, kept inside one day.
  std::string timecode(Time t, std::size_t cue_index) {
    std::int64_t frames = time_to_frames(t, rate_) + tcp_frames_;
    const std::int64_t day = 24LL * 3600 * rate_.nominal();
    if (frames < 0 || frames >= day) {
      diag_.warn(0, 0, "stl-time-out-of-range",
                 "cue " + std::to_string(cue_index + 1) +
                     ": time is outside the 24-hour time code range; clamped");
      frames = std::clamp<std::int64_t>(frames, 0, day - 1);
    }
    const std::int64_t n = rate_.nominal();
    std::string out(4, '\0');
    out[3] = static_cast<char>(frames % n);
    out[2] = static_cast<char>((frames / n) % 60);
    out[1] = static_cast<char>((frames / n / 60) % 60);
    out[0] = static_cast<char>(frames / n / 3600);
    if (first_tci_ < 0 || frames < first_tci_)
      first_tci_ = frames;
    return out;
  }

  int vertical_position(const Cue& cue, const FormatBag* cue_bag, int rows, bool double_height) {
    if (const auto vp = bag_int(cue_bag, "VP"))
      return *vp;
    const Placement& p = cue.placement;
    const int step = double_height ? 2 : 1;
    const int last = text_.teletext ? std::min(mnr_ - 1, 22) : mnr_;
    if (p.line && p.line_percent) {
      const int vp = static_cast<int>(std::lround(*p.line * mnr_ / 100.0)) + 1;
      return std::clamp(vp, 1, mnr_);
    }
    const int height = std::max(rows, 1) * step;
    if (p.alignment >= 7)
      return 1;
    if (p.alignment >= 4)
      return std::max(1, (mnr_ - height) / 2 + 1);
    return std::max(1, last - height + step);
  }

  static int justification(const Cue& cue, const FormatBag* cue_bag) {
    if (const auto jc = bag_int(cue_bag, "JC"))
      return *jc;
    const Placement& p = cue.placement;
    if (p.text_align == "left" || p.text_align == "start")
      return 1;
    if (p.text_align == "right" || p.text_align == "end")
      return 3;
    if (p.alignment != 0) {
      const int column = (p.alignment - 1) % 3;
      return column + 1;
    }
    return 2;
  }

  std::string subtitle(const Cue& cue, std::size_t index, int sn_default) {
    const FormatBag* cue_bag = stl_bag(cue.format_private);
    const bool double_height = cue_bag != nullptr && cue_bag->find("VP") != nullptr
                                   ? cue_bag->find("double-height") != nullptr
                                   : text_.teletext;
    EncodedText text = encode_runs(cue.runs, text_, double_height);
    report(cue, index, text);
    if (has_blank_line(plain_text(cue))) {
      diag_.warn(
          0, 0, "stl-lossy-blank-line",
          "cue " + std::to_string(index + 1) + ": blank lines inside a subtitle are not kept");
    }
    const std::string tci = timecode(cue.start, index);
    const std::string tco = timecode(cue.end, index);
    const int sgn = bag_int(cue_bag, "SGN").value_or(0);
    groups_.insert(sgn);
    const int sn = bag_int(cue_bag, "SN").value_or(sn_default);
    const int cs = bag_int(cue_bag, "CS").value_or(0);
    const int vp = vertical_position(cue, cue_bag, text.rows, double_height);
    const int jc = justification(cue, cue_bag);
    std::string out;
    std::string_view rest = text.bytes;
    int ebn = 0;
    do {
      const std::size_t take = std::min(rest.size(), kTextFieldSize);
      std::string block;
      block += static_cast<char>(sgn & 0xFF);
      block += static_cast<char>(sn & 0xFF);
      block += static_cast<char>((sn >> 8) & 0xFF);
      const bool last = take == rest.size();
      block += static_cast<char>(last ? kLastBlock : ebn);
      block += static_cast<char>(cs & 0xFF);
      block += tci;
      block += tco;
      block += static_cast<char>(vp & 0xFF);
      block += static_cast<char>(jc & 0xFF);
      block += static_cast<char>(cue.comment ? 1 : 0);
      block += rest.substr(0, take);
      block.resize(kTtiSize, static_cast<char>(kUnusedSpace));
      out += block;
      rest.remove_prefix(take);
      ++blocks_;
      ++ebn;
    } while (!rest.empty() && ebn < 0xEF);
    if (!rest.empty())
      diag_.warn(0, 0, "stl-lossy-text",
                 "cue " + std::to_string(index + 1) +
                     ": text needs more than 239 extension "
                     "blocks; the rest was cut");
    return out;
  }

  void report(const Cue& cue, std::size_t index, const EncodedText& text) {
    const std::string where = "cue " + std::to_string(index + 1);
    if (!text.missing.empty()) {
      std::string list;
      for (const char32_t c : text.missing) {
        if (!list.empty())
          list += ", ";
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
        list += buf;
      }
      diag_.warn(cue.source_line, 0, "stl-lossy-character",
                 where + ": " + list + " not in " + std::string(code_table_name(table_)) +
                     "; written as '?'");
    }
    for (std::size_t r = 0; r < text.row_lengths.size(); ++r) {
      if (text.row_lengths[r] > mnc_)
        diag_.warn(cue.source_line, 0, "stl-line-too-long",
                   where + " line " + std::to_string(r + 1) + ": " +
                       std::to_string(text.row_lengths[r]) + " characters, more than MNC " +
                       std::to_string(mnc_));
    }
    for (const std::string& loss : text.losses)
      diag_.warn(cue.source_line, 0, "stl-lossy-style",
                 where + ": " + loss + " has no EBU STL form; dropped");
    if (!cue.speaker.empty())
      diag_.warn(cue.source_line, 0, "stl-lossy-speaker",
                 where + ": speaker \"" + cue.speaker + "\" has no EBU STL field; dropped");
  }

  void title_fields(std::string& opt, std::string& oet) {
    opt = bag_value(bag_, "OPT", "");
    oet = bag_value(bag_, "OET", "");
    const std::string kept = !opt.empty() && opt.rfind("hex:", 0) != 0 ? opt : oet;
    if (doc_.meta.title == kept)
      return;
    opt = doc_.meta.title;
    if (!encode_gsi_field(opt, 32, *page_)) {
      // Too long or outside the code page: keep what fits, say so.
      std::string fitted;
      for (const char32_t c : to_code_points(opt)) {
        std::string next = fitted;
        append_utf8(next, c);
        if (encode_gsi_field(next, 32, *page_))
          fitted = next;
      }
      diag_.warn(0, 0, "stl-lossy-title",
                 "title \"" + doc_.meta.title +
                     "\" does not fit the 32-byte OPT field in code "
                     "page " +
                     cpn_ + "; written as \"" + fitted + "\"");
      opt = fitted;
    }
  }

  std::string gsi(int subtitles) {
    std::map<std::string, std::string, std::less<>> values;
    for (const GsiField& f : gsi_fields())
      values[std::string(f.name)] = bag_value(bag_, f.name, "");
    std::string opt;
    std::string oet;
    title_fields(opt, oet);
    values["OPT"] = opt;
    values["OET"] = oet;
    values["CPN"] = cpn_;
    values["DFC"] = dfc_;
    values["DSC"] = bag_value(bag_, "DSC", "1");
    values["CCT"] = code_table_cct(table_);
    values["LC"] = language_code();
    if (values["CD"].empty())
      values["CD"] = "000101";
    if (values["RD"].empty())
      values["RD"] = values["CD"];
    if (values["RN"].empty())
      values["RN"] = "00";
    values["TNB"] = padded_number(blocks_, 5);
    values["TNS"] = padded_number(subtitles, 5);
    values["TNG"] = padded_number(std::max<std::size_t>(groups_.size(), 1), 3);
    values["MNC"] = padded_number(mnc_, 2);
    values["MNR"] = padded_number(mnr_, 2);
    if (values["TCS"].empty())
      values["TCS"] = "1";
    if (values["TCP"].empty())
      values["TCP"] = "00000000";
    if (values["TCF"].empty())
      values["TCF"] = first_tci_ < 0 ? values["TCP"] : timecode_digits(first_tci_);
    if (values["TND"].empty())
      values["TND"] = "1";
    if (values["DSN"].empty())
      values["DSN"] = "1";
    std::string out;
    for (const GsiField& f : gsi_fields()) {
      auto encoded = encode_gsi_field(values[std::string(f.name)], f.size, *page_);
      if (!encoded) {
        diag_.warn(0, 0, "stl-lossy-gsi",
                   "GSI field " + std::string(f.name) + " \"" + values[std::string(f.name)] +
                       "\" does not fit; written blank");
        encoded = std::string(f.size, ' ');
      }
      out += *encoded;
    }
    return out;
  }

  std::string timecode_digits(std::int64_t frames) const {
    const std::int64_t n = rate_.nominal();
    return padded_number(frames / n / 3600, 2) + padded_number((frames / n / 60) % 60, 2) +
           padded_number((frames / n) % 60, 2) + padded_number(frames % n, 2);
  }

  std::string language_code() const {
    const std::string kept = bag_value(bag_, "LC", "");
    const std::string primary = doc_.meta.language.language();
    if (primary.empty())
      return kept.empty() ? "00" : kept;
    if (!kept.empty() && language_from_code(kept) == primary)
      return kept;
    const std::string code = code_from_language(primary);
    if (code.empty()) {
      diag_.warn(0, 0, "stl-lossy-language",
                 "language \"" + doc_.meta.language.to_string() +
                     "\" has no Tech 3264 language code; LC written as 00 (unknown)");
      return "00";
    }
    return code;
  }

  const Document& doc_;
  const WriteOptions& options_;
  Diagnostics& diag_;
  const FormatBag* bag_;
  CodeTable table_ = CodeTable::latin;
  TextContext text_;
  FrameRate rate_{25, 1};
  std::string dfc_;
  std::string cpn_;
  const std::array<char32_t, 256>* page_ = nullptr;
  int mnc_ = 40;
  int mnr_ = 23;
  std::int64_t tcp_frames_ = 0;
  std::int64_t first_tci_ = -1;
  int blocks_ = 0;
  std::set<int> groups_;
};

}  // namespace

std::string write(const Document& doc, const WriteOptions& options, Diagnostics& diag) {
  return StlWriter(doc, options, diag).write();
}

WriterCaps caps() {
  WriterCaps c;
  c.overlaps = true;
  c.italic_bold_underline = true;
  c.colors = true;
  c.positions = true;
  c.frame_based = true;
  c.precision = from_ms(40);
  return c;
}

Repertoire repertoire(const Document& doc, const WriteOptions& options) {
  const CodeTable table = choose_table(doc, options);
  return Repertoire{std::string(code_table_name(table)),
                    [table](char32_t c) { return table_carries(table, c); }};
}

}  // namespace kopru::codecs::stl
