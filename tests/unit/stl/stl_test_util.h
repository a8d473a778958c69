// Helpers for the EBU STL tests: reading bytes, and building GSI/TTI blocks by hand so that each
// test states the exact bytes it feeds the reader.
#pragma once

#include <iconv.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "codecs/stl/stl.h"

namespace kopru::codecs::stl::testing {

inline Document read_stl(std::string_view bytes, Diagnostics& diag, ReadOptions options = {}) {
  Source source;
  source.path = "test.stl";
  source.bytes = bytes;
  return read(source, options, diag);
}

inline Document read_stl(std::string_view bytes) {
  Diagnostics diag;
  return read_stl(bytes, diag);
}

inline bool has_code(const Diagnostics& diag, std::string_view code) {
  for (const auto& d : diag.all()) {
    if (d.code == code)
      return true;
  }
  return false;
}

struct GsiSpec {
  std::string cpn = "850";
  std::string dfc = "STL25.01";
  std::string dsc = "1";
  std::string cct = "00";
  std::string lc = "09";
  std::string opt;
  std::string tnb;  // empty: computed by make_file
  std::string mnr = "23";
  std::string tcp = "00000000";
};

inline std::string field(std::string value, std::size_t size) {
  value.resize(size, ' ');
  return value;
}

inline std::string make_gsi(const GsiSpec& g, int blocks) {
  std::string out;
  out += field(g.cpn, 3) + field(g.dfc, 8) + field(g.dsc, 1) + field(g.cct, 2) + field(g.lc, 2);
  out += field(g.opt, 32) + field("", 32 * 5) + field("", 16) + "000101000101" + "00";
  std::string tnb = g.tnb.empty() ? std::to_string(blocks) : g.tnb;
  tnb.insert(0, tnb.size() < 5 ? 5 - tnb.size() : 0, '0');
  out += tnb + tnb + "001" + "40" + g.mnr + "1" + g.tcp + g.tcp + "11" + "   ";
  out.resize(1024, ' ');
  return out;
}

struct TtiSpec {
  int sgn = 0;
  int sn = 1;
  int ebn = 0xFF;
  int cs = 0;
  int tci[4] = {0, 0, 1, 0};
  int tco[4] = {0, 0, 2, 0};
  int vp = 22;
  int jc = 2;
  int cf = 0;
  std::string tf;
};

inline std::string make_tti(const TtiSpec& t) {
  std::string out;
  out += static_cast<char>(t.sgn);
  out += static_cast<char>(t.sn & 0xFF);
  out += static_cast<char>(t.sn >> 8);
  out += static_cast<char>(t.ebn);
  out += static_cast<char>(t.cs);
  for (int v : t.tci)
    out += static_cast<char>(v);
  for (int v : t.tco)
    out += static_cast<char>(v);
  out += static_cast<char>(t.vp);
  out += static_cast<char>(t.jc);
  out += static_cast<char>(t.cf);
  out += t.tf.substr(0, 112);
  out.resize(128, '\x8F');
  return out;
}

// Bytes -> UTF-8 through glibc's iconv: a decoding path independent of the codec's ICU tables.
inline std::string iconv_decode(std::string_view bytes, const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw std::runtime_error(std::string("iconv lacks ") + from);
  std::string in(bytes);
  std::string out(in.size() * 4 + 4, '\0');
  char* inp = in.data();
  std::size_t inleft = in.size();
  char* outp = out.data();
  std::size_t outleft = out.size();
  const std::size_t r = iconv(cd, &inp, &inleft, &outp, &outleft);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1))
    return "<invalid>";
  out.resize(out.size() - outleft);
  return out;
}

}  // namespace kopru::codecs::stl::testing
