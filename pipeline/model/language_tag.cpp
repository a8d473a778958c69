#include "pipeline/model/language_tag.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace kopru {

namespace {

// ISO 639-1 to ISO 639-2/T, generated from ICU 72's uloc_getISO3Language.
constexpr std::pair<std::string_view, std::string_view> kAlpha2ToTerminologic[] = {
    {"aa", "aar"}, {"ab", "abk"}, {"ae", "ave"}, {"af", "afr"}, {"ak", "aka"}, {"am", "amh"},
    {"an", "arg"}, {"ar", "ara"}, {"as", "asm"}, {"av", "ava"}, {"ay", "aym"}, {"az", "aze"},
    {"ba", "bak"}, {"be", "bel"}, {"bg", "bul"}, {"bi", "bis"}, {"bm", "bam"}, {"bn", "ben"},
    {"bo", "bod"}, {"br", "bre"}, {"bs", "bos"}, {"ca", "cat"}, {"ce", "che"}, {"ch", "cha"},
    {"co", "cos"}, {"cr", "cre"}, {"cs", "ces"}, {"cu", "chu"}, {"cv", "chv"}, {"cy", "cym"},
    {"da", "dan"}, {"de", "deu"}, {"dv", "div"}, {"dz", "dzo"}, {"ee", "ewe"}, {"el", "ell"},
    {"en", "eng"}, {"eo", "epo"}, {"es", "spa"}, {"et", "est"}, {"eu", "eus"}, {"fa", "fas"},
    {"ff", "ful"}, {"fi", "fin"}, {"fj", "fij"}, {"fo", "fao"}, {"fr", "fra"}, {"fy", "fry"},
    {"ga", "gle"}, {"gd", "gla"}, {"gl", "glg"}, {"gn", "grn"}, {"gu", "guj"}, {"gv", "glv"},
    {"ha", "hau"}, {"he", "heb"}, {"hi", "hin"}, {"ho", "hmo"}, {"hr", "hrv"}, {"ht", "hat"},
    {"hu", "hun"}, {"hy", "hye"}, {"hz", "her"}, {"ia", "ina"}, {"id", "ind"}, {"ie", "ile"},
    {"ig", "ibo"}, {"ii", "iii"}, {"ik", "ipk"}, {"io", "ido"}, {"is", "isl"}, {"it", "ita"},
    {"iu", "iku"}, {"ja", "jpn"}, {"jv", "jav"}, {"ka", "kat"}, {"kg", "kon"}, {"ki", "kik"},
    {"kj", "kua"}, {"kk", "kaz"}, {"kl", "kal"}, {"km", "khm"}, {"kn", "kan"}, {"ko", "kor"},
    {"kr", "kau"}, {"ks", "kas"}, {"ku", "kur"}, {"kv", "kom"}, {"kw", "cor"}, {"ky", "kir"},
    {"la", "lat"}, {"lb", "ltz"}, {"lg", "lug"}, {"li", "lim"}, {"ln", "lin"}, {"lo", "lao"},
    {"lt", "lit"}, {"lu", "lub"}, {"lv", "lav"}, {"mg", "mlg"}, {"mh", "mah"}, {"mi", "mri"},
    {"mk", "mkd"}, {"ml", "mal"}, {"mn", "mon"}, {"mr", "mar"}, {"ms", "msa"}, {"mt", "mlt"},
    {"my", "mya"}, {"na", "nau"}, {"nb", "nob"}, {"nd", "nde"}, {"ne", "nep"}, {"ng", "ndo"},
    {"nl", "nld"}, {"nn", "nno"}, {"no", "nor"}, {"nr", "nbl"}, {"nv", "nav"}, {"ny", "nya"},
    {"oc", "oci"}, {"oj", "oji"}, {"om", "orm"}, {"or", "ori"}, {"os", "oss"}, {"pa", "pan"},
    {"pi", "pli"}, {"pl", "pol"}, {"ps", "pus"}, {"pt", "por"}, {"qu", "que"}, {"rm", "roh"},
    {"rn", "run"}, {"ro", "ron"}, {"ru", "rus"}, {"rw", "kin"}, {"sa", "san"}, {"sc", "srd"},
    {"sd", "snd"}, {"se", "sme"}, {"sg", "sag"}, {"si", "sin"}, {"sk", "slk"}, {"sl", "slv"},
    {"sm", "smo"}, {"sn", "sna"}, {"so", "som"}, {"sq", "sqi"}, {"sr", "srp"}, {"ss", "ssw"},
    {"st", "sot"}, {"su", "sun"}, {"sv", "swe"}, {"sw", "swa"}, {"ta", "tam"}, {"te", "tel"},
    {"tg", "tgk"}, {"th", "tha"}, {"ti", "tir"}, {"tk", "tuk"}, {"tn", "tsn"}, {"to", "ton"},
    {"tr", "tur"}, {"ts", "tso"}, {"tt", "tat"}, {"tw", "twi"}, {"ty", "tah"}, {"ug", "uig"},
    {"uk", "ukr"}, {"ur", "urd"}, {"uz", "uzb"}, {"ve", "ven"}, {"vi", "vie"}, {"vo", "vol"},
    {"wa", "wln"}, {"wo", "wol"}, {"xh", "xho"}, {"yi", "yid"}, {"yo", "yor"}, {"za", "zha"},
    {"zh", "zho"}, {"zu", "zul"},
};

// The twenty languages whose bibliographic (/B) code differs from the terminological (/T) one.
constexpr std::pair<std::string_view, std::string_view> kTerminologicToBibliographic[] = {
    {"bod", "tib"}, {"ces", "cze"}, {"cym", "wel"}, {"deu", "ger"}, {"ell", "gre"},
    {"eus", "baq"}, {"fas", "per"}, {"fra", "fre"}, {"hye", "arm"}, {"isl", "ice"},
    {"kat", "geo"}, {"mkd", "mac"}, {"mri", "mao"}, {"msa", "may"}, {"mya", "bur"},
    {"nld", "dut"}, {"ron", "rum"}, {"slk", "slo"}, {"sqi", "alb"}, {"zho", "chi"},
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool all_of(std::string_view s, int (*pred)(int)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](unsigned char c) { return pred(c); });
}

bool is_alpha(std::string_view s) {
  return all_of(s, [](int c) { return std::isalpha(c); });
}
bool is_digit(std::string_view s) {
  return all_of(s, [](int c) { return std::isdigit(c); });
}
bool is_alnum(std::string_view s) {
  return all_of(s, [](int c) { return std::isalnum(c); });
}

std::string_view two_from_three(std::string_view three) {
  for (const auto& [t, b] : kTerminologicToBibliographic) {
    if (three == b)
      three = t;
  }
  for (const auto& [two, t] : kAlpha2ToTerminologic) {
    if (three == t)
      return two;
  }
  return {};
}

}  // namespace

std::optional<LanguageTag> LanguageTag::parse(std::string_view text) {
  if (text.empty() || text.size() > 256)
    return std::nullopt;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t sep = text.find_first_of("-_", start);
    const std::string_view part =
        text.substr(start, sep == std::string_view::npos ? std::string_view::npos : sep - start);
    if (part.empty() || part.size() > 8 || !is_alnum(part))
      return std::nullopt;
    parts.push_back(lower(part));
    if (sep == std::string_view::npos)
      break;
    start = sep + 1;
  }
  LanguageTag tag;
  std::size_t i = 0;
  // Language: 2-3 letters (ISO 639), or 5-8 registered; "x-..." private use only is also valid.
  if (parts[0] == "x") {
    tag.language_ = "x";
  } else {
    if (!is_alpha(parts[0]) || parts[0].size() < 2 || parts[0].size() == 4)
      return std::nullopt;
    tag.language_ = parts[0];
    // Prefer the shortest code: "uzb" and "ger" become "uz" and "de", as BCP 47 requires.
    if (tag.language_.size() == 3) {
      if (auto two = two_from_three(tag.language_); !two.empty())
        tag.language_ = two;
    }
    i = 1;
    // extlang (up to three 3-letter subtags)
    for (int n = 0; n < 3 && i < parts.size() && parts[i].size() == 3 && is_alpha(parts[i]); ++n) {
      tag.language_ += "-" + parts[i++];
    }
    if (i < parts.size() && parts[i].size() == 4 && is_alpha(parts[i])) {
      tag.script_ = parts[i++];
      tag.script_[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(tag.script_[0])));
    }
    if (i < parts.size() && ((parts[i].size() == 2 && is_alpha(parts[i])) ||
                             (parts[i].size() == 3 && is_digit(parts[i])))) {
      tag.region_ = upper(parts[i++]);
    }
    while (i < parts.size() &&
           ((parts[i].size() >= 5) || (parts[i].size() == 4 && std::isdigit(parts[i][0])))) {
      tag.variants_.push_back(parts[i++]);
    }
  }
  // Extensions ("t-uz-cyrl") and private use ("x-foo"), kept whole.
  while (i < parts.size()) {
    if (parts[i].size() != 1)
      return std::nullopt;
    const bool private_use = parts[i] == "x";
    std::string ext = parts[i++];
    std::size_t body = 0;
    while (i < parts.size() && (private_use || parts[i].size() > 1)) {
      if (!private_use && parts[i].size() < 2)
        break;
      ext += "-" + parts[i++];
      ++body;
    }
    if (body == 0)
      return std::nullopt;
    tag.extensions_.push_back(std::move(ext));
    if (private_use)
      break;
  }
  if (i != parts.size())
    return std::nullopt;
  if (tag.language_ == "x") {
    tag.language_.clear();
    if (tag.extensions_.empty())
      return std::nullopt;
  }
  return tag;
}

std::optional<LanguageTag> LanguageTag::from_iso639_2(std::string_view code) {
  const std::string c = lower(code);
  if (c.empty() || c == "und")
    return LanguageTag{};
  if (c.size() != 3 || !is_alpha(c))
    return std::nullopt;
  return parse(c);
}

void LanguageTag::set_script(std::string_view script) {
  script_ = lower(script);
  if (!script_.empty()) {
    script_[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(script_[0])));
  }
}

void LanguageTag::set_region(std::string_view region) {
  region_ = upper(region);
}

std::string LanguageTag::to_string() const {
  std::string out = language_;
  auto add = [&](const std::string& part) {
    if (part.empty())
      return;
    if (!out.empty())
      out += '-';
    out += part;
  };
  add(script_);
  add(region_);
  for (const auto& v : variants_)
    add(v);
  for (const auto& e : extensions_)
    add(e);
  return out;
}

std::string LanguageTag::to_iso639_2t() const {
  const std::string_view primary = std::string_view(language_).substr(0, language_.find('-'));
  if (primary.size() == 3)
    return std::string(primary);
  for (const auto& [two, three] : kAlpha2ToTerminologic) {
    if (two == primary)
      return std::string(three);
  }
  return "und";
}

std::string LanguageTag::to_iso639_2b() const {
  std::string t = to_iso639_2t();
  for (const auto& [tcode, bcode] : kTerminologicToBibliographic) {
    if (tcode == t)
      return std::string(bcode);
  }
  return t;
}

bool LanguageTag::is_common_language() const {
  const std::string_view primary = std::string_view(language_).substr(0, language_.find('-'));
  return std::any_of(std::begin(kAlpha2ToTerminologic), std::end(kAlpha2ToTerminologic),
                     [&](const auto& entry) { return entry.first == primary; });
}

std::optional<LanguageTag> LanguageTag::from_filename(std::string_view filename) {
  if (const auto slash = filename.find_last_of('/'); slash != std::string_view::npos) {
    filename.remove_prefix(slash + 1);
  }
  // Drop the extension, then try the remaining parts from the end.
  auto dot = filename.rfind('.');
  if (dot == std::string_view::npos)
    return std::nullopt;
  filename = filename.substr(0, dot);
  while ((dot = filename.rfind('.')) != std::string_view::npos) {
    const std::string_view part = filename.substr(dot + 1);
    if (auto tag = parse(part); tag && tag->is_common_language())
      return tag;
    filename = filename.substr(0, dot);
  }
  return std::nullopt;
}

bool LanguageTag::matches(const LanguageTag& more_specific) const {
  if (language_ != more_specific.language_)
    return false;
  if (!script_.empty() && script_ != more_specific.script_)
    return false;
  if (!region_.empty() && region_ != more_specific.region_)
    return false;
  return true;
}

}  // namespace kopru
