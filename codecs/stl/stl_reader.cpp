// EBU STL reader: the GSI block into metadata and a format bag, the TTI blocks (extension blocks
// chained, user data kept) into cues. Diagnostics name the TTI block as the "line" (1 = the first
// TTI block, 0 = the GSI block) and the byte inside the block as the "column".
#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "codecs/stl/stl.h"
#include "codecs/stl/stl_internal.h"

namespace kopru::codecs::stl {

namespace {

using namespace detail;

std::string hex_bytes(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char ch : bytes) {
    out += kHex[static_cast<unsigned char>(ch) >> 4];
    out += kHex[static_cast<unsigned char>(ch) & 15];
  }
  return out;
}

std::string quoted(std::string_view bytes) {
  std::string out = "\"";
  for (const char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b >= 0x20 && b < 0x7F) {
      out += ch;
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out + "\"";
}

std::optional<int> number(std::string_view text) {
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  if (text.empty())
    return std::nullopt;
  int v = 0;
  for (const char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

class StlReader {
 public:
  StlReader(const Source& source, const ReadOptions& options, Diagnostics& diag)
      : source_(source), bytes_(source.bytes), options_(options), diag_(diag) {}

  Document read() {
    if (bytes_.size() < kGsiSize)
      fail(source_, 1, 1,
           "file is " + std::to_string(bytes_.size()) +
               " bytes; an EBU STL file starts with a 1024-byte GSI block");
    read_gsi();
    read_ttis();
    return std::move(doc_);
  }

 private:
  std::string_view field(std::string_view name) const {
    const GsiField& f = gsi_field(name);
    return bytes_.substr(f.offset, f.size);
  }

  void warn(int block, int column, const std::string& code, const std::string& message,
            bool changes_meaning = false) {
    if (changes_meaning && options_.strict)
      fail(source_, std::max(block, 1), column, message);
    diag_.warn(block, column, code, message);
  }

  void read_gsi() {
    const std::string_view cpn = field("CPN");
    const std::string_view dfc = field("DFC");
    if (dfc.substr(0, 3) != "STL" || dfc.substr(5) != ".01")
      fail(source_, 1, 4,
           "not an EBU STL file: bytes 4-11 should be the disk format code \"STL25.01\" or "
           "\"STL30.01\", found " +
               quoted(dfc));
    const auto* table = code_page_table(cpn);
    if (table == nullptr) {
      warn(0, 1, "stl-unknown-code-page",
           "GSI code page number " + quoted(cpn) +
               " is not 437, 850, 860, 863 or 865; GSI text read as code page 850");
      table = code_page_table("850");
    }
    doc_.format_private.format = std::string(kBagFormat);
    for (const GsiField& f : gsi_fields())
      doc_.format_private.add(std::string(f.name),
                              decode_gsi_field(bytes_.substr(f.offset, f.size), *table));
    read_frame_rate(dfc);
    read_code_table();
    const std::string_view dsc = field("DSC");
    text_.teletext = dsc != "0";
    if (const std::string tag = language_from_code(field("LC")); !tag.empty()) {
      if (auto parsed = LanguageTag::parse(tag))
        doc_.meta.language = *parsed;
    } else if (field("LC") != "00" && field("LC") != "  ") {
      warn(0, 15, "stl-unknown-language",
           "language code " + quoted(field("LC")) + " is not in the Tech 3264 table");
    }
    const std::string* opt = doc_.format_private.find("OPT");
    const std::string* oet = doc_.format_private.find("OET");
    if (opt != nullptr && !opt->empty() && opt->rfind("hex:", 0) != 0)
      doc_.meta.title = *opt;
    else if (oet != nullptr && oet->rfind("hex:", 0) != 0)
      doc_.meta.title = *oet;
    doc_.meta.source_format = "stl";
    doc_.meta.source_encoding = std::string(code_table_name(text_.table));
    rows_ = number(field("MNR")).value_or(text_.teletext ? 23 : 0);
    if (rows_ <= 0 || rows_ > 99)
      rows_ = 23;
    read_program_start();
  }

  void read_frame_rate(std::string_view dfc) {
    const auto nominal = number(dfc.substr(3, 2));
    if (dfc == "STL25.01") {
      rate_ = FrameRate{25, 1};
    } else if (dfc == "STL30.01") {
      // A 30-frame timecode count: NTSC material (29.97 non-drop) unless told it is true 30.
      rate_ =
          options_.fps && options_.fps->nominal() == 30 ? *options_.fps : FrameRate{30000, 1001};
    } else if (nominal && *nominal > 0) {
      rate_ = options_.fps && options_.fps->nominal() == *nominal ? *options_.fps
                                                                  : FrameRate{*nominal, 1};
      warn(0, 4, "stl-nonstandard-frame-rate",
           "disk format code " + quoted(dfc) + " is not STL25.01 or STL30.01; read at " +
               rate_.to_string() + " fps");
    } else {
      rate_ = options_.fps.value_or(FrameRate{25, 1});
      warn(0, 4, "stl-nonstandard-frame-rate",
           "disk format code " + quoted(dfc) + " has no frame rate; read at " + rate_.to_string() +
               " fps",
           true);
    }
    doc_.meta.frame_rate = rate_;
  }

  void read_code_table() {
    const std::string_view cct = field("CCT");
    if (const auto t = code_table_from_cct(cct)) {
      text_.table = *t;
      return;
    }
    warn(0, 13, "stl-unknown-code-table",
         "character code table " + quoted(cct) +
             " is not 00-04; text read with table 00 (ISO 6937 Latin)",
         true);
  }

  void read_program_start() {
    const std::string_view tcp = field("TCP");
    const auto h = number(tcp.substr(0, 2));
    const auto m = number(tcp.substr(2, 2));
    const auto s = number(tcp.substr(4, 2));
    const auto f = number(tcp.substr(6, 2));
    if (!h || !m || !s || !f || *m > 59 || *s > 59 || *f >= rate_.nominal()) {
      if (tcp != "        ")
        warn(0, 257, "stl-invalid-tcp",
             "time code of programme start " + quoted(tcp) + " is not HHMMSSFF; taken as 0");
      return;
    }
    tcp_frames_ = ((*h * 60LL + *m) * 60 + *s) * rate_.nominal() + *f;
  }

  std::optional<std::int64_t> timecode(std::string_view tc, int block, int column) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(tc[i]); };
    if (b(0) > 23 || b(1) > 59 || b(2) > 59 || b(3) >= rate_.nominal()) {
      warn(block, column, "stl-invalid-timecode",
           "TTI block " + std::to_string(block) + ": time code " + std::to_string(b(0)) + ":" +
               std::to_string(b(1)) + ":" + std::to_string(b(2)) + ":" + std::to_string(b(3)) +
               " is out of range; subtitle skipped",
           true);
      return std::nullopt;
    }
    return ((b(0) * 60LL + b(1)) * 60 + b(2)) * rate_.nominal() + b(3);
  }

  void read_ttis() {
    const std::size_t body = bytes_.size() - kGsiSize;
    const std::size_t count = body / kTtiSize;
    if (body % kTtiSize != 0)
      warn(static_cast<int>(count + 1), 1, "stl-truncated-block",
           "the last TTI block has " + std::to_string(body % kTtiSize) +
               " of 128 bytes; it was ignored",
           true);
    if (const auto tnb = number(field("TNB")); !tnb || static_cast<std::size_t>(*tnb) != count)
      warn(0, 239, "stl-block-count",
           "GSI says " + quoted(field("TNB")) + " TTI blocks (TNB), the file has " +
               std::to_string(count));
    for (std::size_t i = 0; i < count; ++i)
      block(bytes_.substr(kGsiSize + i * kTtiSize, kTtiSize), static_cast<int>(i + 1));
    if (pending_)
      flush(true);
  }

  void block(std::string_view tti, int number_) {
    const auto ebn = static_cast<std::uint8_t>(tti[3]);
    const int sn = static_cast<unsigned char>(tti[1]) | (static_cast<unsigned char>(tti[2]) << 8);
    if (ebn == kUserDataBlock) {
      // Kept in place: a subtitle whose extension blocks surround it is written after it.
      doc_.format_private.add("UDB", std::to_string(doc_.cues.size()) + ":" + hex_bytes(tti));
      diag_.note(number_, 4, "stl-user-data",
                 "TTI block " + std::to_string(number_) +
                     " holds user data (EBN FE); kept for "
                     "STL output, not shown");
      return;
    }
    if (ebn >= 0xF0 && ebn < kUserDataBlock) {
      warn(number_, 4, "stl-reserved-block",
           "TTI block " + std::to_string(number_) + " has reserved extension block number " +
               std::to_string(ebn) + "; ignored");
      return;
    }
    if (pending_ && sn != pending_sn_) {
      warn(number_, 2, "stl-broken-extension",
           "TTI block " + std::to_string(number_) + " (subtitle " + std::to_string(sn) +
               ") follows an unfinished subtitle " + std::to_string(pending_sn_) +
               " whose extension blocks stop early");
      flush(true);
    }
    std::string_view tf = tti.substr(16);
    while (!tf.empty() && static_cast<std::uint8_t>(tf.back()) == kUnusedSpace)
      tf.remove_suffix(1);
    if (!pending_) {
      pending_ = true;
      pending_sn_ = sn;
      first_block_ = tti;
      first_number_ = number_;
      text_bytes_.clear();
    }
    text_bytes_ += tf;
    if (ebn == kLastBlock)
      flush(false);
  }

  void flush(bool unfinished) {
    pending_ = false;
    const std::string_view tti = first_block_;
    const int n = first_number_;
    if (unfinished && text_bytes_.empty())
      return;
    const auto tci = timecode(tti.substr(5, 4), n, 6);
    const auto tco = timecode(tti.substr(9, 4), n, 10);
    if (!tci || !tco)
      return;
    if (*tco <= *tci) {
      warn(n, 10, "stl-zero-duration",
           "TTI block " + std::to_string(n) + ": subtitle ends (TCO) " +
               (*tco == *tci ? "when" : "before") +
               " it begins (TCI); it is never shown and "
               "was skipped");
      return;
    }
    if (*tco <= tcp_frames_) {
      warn(n, 10, "stl-before-program-start",
           "TTI block " + std::to_string(n) +
               ": subtitle ends before the programme start time "
               "code (TCP); skipped");
      return;
    }
    Cue cue;
    cue.source_line = n;
    const std::int64_t start = std::max<std::int64_t>(*tci - tcp_frames_, 0);
    cue.start = frames_to_time(start, rate_);
    cue.end = frames_to_time(*tco - tcp_frames_, rate_);
    DecodedText text = decode_text_field(text_bytes_, text_);
    for (const std::string& p : text.problems) {
      const auto bar = p.find('|');
      warn(n, 17, p.substr(0, bar), "TTI block " + std::to_string(n) + ": " + p.substr(bar + 1),
           p.rfind("stl-undefined", 0) == 0);
    }
    cue.runs = std::move(text.runs);
    const int sgn = static_cast<unsigned char>(tti[0]);
    const int sn = static_cast<unsigned char>(tti[1]) | (static_cast<unsigned char>(tti[2]) << 8);
    const int cs = static_cast<unsigned char>(tti[4]);
    const int vp = static_cast<unsigned char>(tti[13]);
    const int jc = static_cast<unsigned char>(tti[14]);
    const int cf = static_cast<unsigned char>(tti[15]);
    cue.comment = cf == 1;
    place(cue, vp, jc, text.rows * (text.double_height ? 2 : 1));
    FormatBag& bag = cue.format_private;
    bag.format = std::string(kBagFormat);
    bag.add("SGN", std::to_string(sgn));
    bag.add("SN", std::to_string(sn));
    if (cs != 0)
      bag.add("CS", std::to_string(cs));
    bag.add("VP", std::to_string(vp));
    bag.add("JC", std::to_string(jc));
    if (text.double_height)
      bag.add("double-height", "1");
    if (unfinished)
      warn(n, 4, "stl-unfinished-subtitle",
           "TTI block " + std::to_string(n) + ": the last extension block (EBN FF) is missing");
    doc_.cues.push_back(std::move(cue));
  }

  // VP counts teletext rows 1-23 (open subtitles: MNR rows); the model gets a line percentage
  // from the top plus a numpad alignment from JC and the upper/lower half.
  void place(Cue& cue, int vp, int jc, int height) {
    Placement& p = cue.placement;
    const bool top = vp > 0 && vp * 2 <= rows_;
    // A subtitle on the last rows is in every format's default place: no line is set for it, so
    // conversions do not report a position they cannot write.
    const bool bottom = vp + std::max(height, 1) - 1 >= rows_ - 2;
    if (vp > 0 && vp <= rows_ && !bottom) {
      p.line = std::round(static_cast<double>(vp - 1) * 1000.0 / rows_) / 10.0;
      p.line_percent = true;
      p.line_align = "start";
    }
    int column = 2;
    switch (jc) {
      case 1:
        p.text_align = "left";
        column = 1;
        break;
      case 2:
        p.text_align = "center";
        break;
      case 3:
        p.text_align = "right";
        column = 3;
        break;
      default:
        break;
    }
    if (jc != 0 || top)
      p.alignment = (top ? 6 : 0) + column;
  }

  const Source& source_;
  std::string_view bytes_;
  const ReadOptions& options_;
  Diagnostics& diag_;
  Document doc_;
  TextContext text_;
  FrameRate rate_{25, 1};
  std::int64_t tcp_frames_ = 0;
  int rows_ = 23;
  bool pending_ = false;
  int pending_sn_ = 0;
  std::string_view first_block_;
  int first_number_ = 0;
  std::string text_bytes_;
};

}  // namespace

Document read(const Source& source, const ReadOptions& options, Diagnostics& diag) {
  return StlReader(source, options, diag).read();
}

}  // namespace kopru::codecs::stl
