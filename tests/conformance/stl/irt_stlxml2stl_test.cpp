// IRT SCF STLXML2STL: 68 writer requirements giving exact bytes at GSI/TTI offsets. Each STLXML
// input is mapped to what the model holds (GSI fields into the "stl" format bag, TTIs into cues
// with their SGN/SN/CS/VP/JC, text and colours), written with the STL writer, and the bytes are
// compared. Requirements about IRT's verbatim copy of control-code layout (where StartBox or
// spaces sit inside the text field) cannot hold for a model-based writer; they are listed in
// kLayoutOnly with the reason and must differ exactly there.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>
#include <pugixml.hpp>
#include <set>

#include "tests/support/test_support.h"
#include "tests/unit/stl/stl_test_util.h"

namespace kopru::codecs::stl::testing {
namespace {

namespace fs = std::filesystem;

fs::path tests_dir() {
  return kopru::testing::corpus_dir() / "irt-scf" / "STLXML2STL" / "tests";
}

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ')
    s.pop_back();
  return s;
}

std::string base64_decode(std::string_view in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0;
  int value = 0;
  for (const char c : in) {
    const auto pos = kAlphabet.find(c);
    if (pos == std::string::npos)
      continue;
    value = (value << 6) | static_cast<int>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xFF);
    }
  }
  return out;
}

int hex_number(std::string_view s) {
  return s.empty() ? 0 : std::stoi(std::string(s), nullptr, 16);
}

std::int64_t frames_of(std::string_view tc) {
  const auto two = [&](std::size_t i) { return std::stoll(std::string(tc.substr(i, 2))); };
  return ((two(0) * 60 + two(2)) * 60 + two(4)) * 25 + two(6);
}

const std::map<std::string, Color> kAlpha = {
    {"AlphaBlack", {0, 0, 0, 255}},    {"AlphaRed", {255, 0, 0, 255}},
    {"AlphaGreen", {0, 255, 0, 255}},  {"AlphaYellow", {255, 255, 0, 255}},
    {"AlphaBlue", {0, 0, 255, 255}},   {"AlphaMagenta", {255, 0, 255, 255}},
    {"AlphaCyan", {0, 255, 255, 255}}, {"AlphaWhite", {255, 255, 255, 255}}};

// The TF element's text and colours as runs; box, height and spacing codes have no model form.
std::vector<Run> runs_of(const pugi::xml_node& tf, bool& double_height) {
  std::vector<Run> runs;
  std::optional<Color> color;
  bool pending_break = false;
  const auto add = [&](const std::string& text) {
    if (pending_break && !runs.empty())
      runs.push_back(Run::line_break());
    pending_break = false;
    std::vector<Span> spans;
    if (color && !(*color == Color{255, 255, 255, 255})) {
      Span s{SpanKind::font};
      s.color = color;
      spans.push_back(s);
    }
    if (!runs.empty() && runs.back().kind == RunKind::text && runs.back().spans == spans)
      runs.back().text += text;
    else
      runs.push_back(Run::plain(text, spans));
  };
  for (const pugi::xml_node& n : tf.children()) {
    const std::string name = n.name();
    if (n.type() == pugi::node_pcdata) {
      // STLXML spells a space as <space/>; white space in text nodes is not content.
      std::string text;
      for (const char c : std::string_view(n.value())) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
          text += c;
      }
      if (!text.empty())
        add(text);
    } else if (name == "space") {
      if (!runs.empty() && !pending_break)
        add(" ");
    } else if (name == "newline") {
      pending_break = true;
      color.reset();
    } else if (name == "DoubleHeight") {
      double_height = true;
    } else if (const auto it = kAlpha.find(name); it != kAlpha.end()) {
      color = it->second;
    }
  }
  for (Run& r : runs) {
    while (!r.text.empty() && r.text.back() == ' ')
      r.text.pop_back();
  }
  return runs;
}

Document document_of(const fs::path& path) {
  pugi::xml_document xml;
  EXPECT_TRUE(xml.load_file(path.c_str(), pugi::parse_default | pugi::parse_ws_pcdata));
  Document doc;
  doc.format_private.format = "stl";
  const pugi::xml_node gsi = xml.child("StlXml").child("HEAD").child("GSI");
  for (const pugi::xml_node& f : gsi.children()) {
    std::string value = trim(f.text().get());
    if (std::string(f.name()) == "UDA")
      value = trim(base64_decode(value));
    doc.format_private.add(f.name(), value);
  }
  doc.meta.title = *doc.format_private.find("OPT");
  const std::int64_t tcp = frames_of(*doc.format_private.find("TCP"));
  for (const pugi::xml_node& tti :
       xml.child("StlXml").child("BODY").child("TTICONTAINER").children("TTI")) {
    if (std::string(tti.child_value("EBN")) == "fe") {
      // A user-data block: kept as the bag entry an STL input would have produced.
      std::string block(16, '\0');
      block[3] = '\xFE';
      block += base64_decode(tti.child_value("TF"));
      block.resize(128, '\x8F');
      static constexpr char kHex[] = "0123456789abcdef";
      std::string value = std::to_string(doc.cues.size()) + ":";
      for (const char c : block) {
        value += kHex[static_cast<unsigned char>(c) >> 4];
        value += kHex[static_cast<unsigned char>(c) & 15];
      }
      doc.format_private.add("UDB", value);
      continue;
    }
    Cue cue;
    cue.start = frames_to_time(frames_of(tti.child_value("TCI")) - tcp, FrameRate{25, 1});
    cue.end = frames_to_time(frames_of(tti.child_value("TCO")) - tcp, FrameRate{25, 1});
    cue.comment = std::string(tti.child_value("CF")) == "01";
    bool double_height = false;
    cue.runs = runs_of(tti.child("TF"), double_height);
    FormatBag& bag = cue.format_private;
    bag.format = "stl";
    bag.add("SGN", std::to_string(hex_number(tti.child_value("SGN"))));
    bag.add("SN", std::to_string(std::stoi(tti.child_value("SN"))));
    if (const int cs = hex_number(tti.child_value("CS")); cs != 0)
      bag.add("CS", std::to_string(cs));
    bag.add("VP", std::to_string(std::stoi(tti.child_value("VP"))));
    bag.add("JC", std::to_string(hex_number(tti.child_value("JC"))));
    if (double_height)
      bag.add("double-height", "1");
    doc.cues.push_back(cue);
  }
  return doc;
}

std::string from_hex(std::string_view text) {
  std::string hex;
  for (const char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c)))
      hex += c;
  }
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(hex_number(hex.substr(i, 2)));
  return out;
}

std::string hex(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : s.substr(0, 48)) {
    out += kHex[static_cast<unsigned char>(c) >> 4];
    out += kHex[static_cast<unsigned char>(c) & 15];
  }
  return out;
}

// Requirements whose expected bytes copy IRT's STLXML control-code layout verbatim, or its
// formatting of counts; a writer working from the model lays the text field out itself.
const std::map<std::string, std::string> kLayoutOnly = {
    {"requirement-0255-001",
     "TNB/TNS/TNG are written zero-padded (\"00018\"), IRT copies \"18   \""},
    {"requirement-0256-001", "same GSI as 0255 (TNB/TNS/TNG padding)"},
    {"requirement-0272-001", "TNB written \"00018\" (Tech 3264 numeric field), IRT copies \"18\""},
    {"requirement-0273-001", "TNS written \"00018\", IRT copies \"18\""},
    {"requirement-0274-001", "TNG written \"001\", IRT copies \"1\""},
    {"requirement-0288-001",
     "the spaces IRT puts before StartBox to centre by hand are layout, not text"},
    {"requirement-0289-001", "same TTI block as 0288"},
    {"requirement-0299-001",
     "text field layout: hand-centring spaces and colour codes before StartBox"},
    {"requirement-0310-001", "white text needs no colour code in the model-based writer"},
    {"requirement-0315-001", "NormalHeight (0x0C) is not in the model; single height writes none"},
    {"requirement-0330-001", "BlackBackground position depends on the layout"},
    {"requirement-0331-001", "NewBackground position depends on the layout"},
    {"requirement-0398-001",
     "rows the input leaves unboxed are boxed (teletext DSC); IRT's own E3/EB "
     "letters (U+1EA1/U+1ECD) are not in table 00 and become '?'"},
};

TEST(IrtStlXml2Stl, WriterRequirements) {
  pugi::xml_document mapping;
  ASSERT_TRUE(mapping.load_file((tests_dir() / "requirements_testfile_mapping.xml").c_str()));
  std::map<std::string, std::string> files;
  for (const auto& r : mapping.child("requirements").children("requirement"))
    files[r.attribute("name").value()] = r.attribute("file").value();
  pugi::xml_document assertions;
  ASSERT_TRUE(assertions.load_file((tests_dir() / "requirements_assertions.xml").c_str(),
                                   pugi::parse_default | pugi::parse_ws_pcdata));
  std::map<std::string, std::string> written;
  std::set<std::string> failed;
  int requirements = 0;
  int checks = 0;
  for (const auto& r : assertions.child("requirements").children("requirement")) {
    const std::string name = r.attribute("name").value();
    ++requirements;
    ASSERT_TRUE(files.count(name)) << name;
    const std::string& file = files[name];
    if (!written.count(file)) {
      Diagnostics diag;
      written[file] = write(document_of(tests_dir() / "files" / file), {}, diag);
    }
    const std::string& out = written[file];
    for (const auto& a : r.children()) {
      if (a.type() != pugi::node_element)
        continue;
      const std::size_t at =
          a.attribute("gsi_offset").as_ullong() + a.attribute("tti_offset").as_ullong() +
          a.attribute("field_offset").as_ullong() + a.attribute("byte_offset").as_ullong();
      std::string expected;
      std::string got;
      if (std::string(a.name()) == "text") {
        // GSI text in code page 850, compared after decoding with iconv (not the codec's table)
        const std::size_t size = a.attribute("size").as_ullong();
        expected = trim(a.text().get());
        got = at + size <= out.size() ? trim(iconv_decode(out.substr(at, size), "CP850")) : "";
      } else {
        expected = from_hex(a.text().get());
        got = at < out.size() ? out.substr(at, expected.size()) : "";
      }
      ++checks;
      if (got != expected) {
        failed.insert(name);
        if (std::getenv("STL_SHOW") != nullptr)
          std::cout << name << " at " << at << "\n  expected " << hex(expected) << "\n  written  "
                    << hex(got) << "\n";
        if (!kLayoutOnly.count(name))
          ADD_FAILURE() << name << " at byte " << at << ": expected \"" << expected
                        << "\", written \"" << got << "\"";
      }
    }
  }
  std::set<std::string> layout;
  for (const auto& [name, reason] : kLayoutOnly)
    layout.insert(name);
  std::cout << "IRT STLXML2STL: " << requirements << " requirements, " << checks << " byte checks, "
            << requirements - static_cast<int>(failed.size()) << " met, " << failed.size()
            << " layout-only\n";
  EXPECT_EQ(requirements, 68);
  for (const auto& name : failed)
    EXPECT_TRUE(layout.count(name)) << name << " fails and is not a documented layout difference";
  for (const auto& name : layout)
    EXPECT_TRUE(failed.count(name)) << name << " now passes: remove it from kLayoutOnly";
}

}  // namespace
}  // namespace kopru::codecs::stl::testing
