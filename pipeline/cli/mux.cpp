#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <initializer_list>
#include <iostream>
#include <string_view>

#include "pipeline/cli/app.h"
#include "pipeline/cli/verbs.h"
#include "pipeline/core/error.h"
#include "pipeline/io/load.h"
#include "pipeline/media/mux.h"
#include "pipeline/translit/translit.h"

namespace kopru::cli {

namespace {

namespace fs = std::filesystem;

struct TrackSpec {
  std::string path;
  media::TrackSettings settings;
  bool language_given = false;
};

bool is_key(std::string_view token) {
  return token.starts_with("lang=") || token.starts_with("title=") || token == "default" ||
         token == "forced" || token == "hi" || token == "dub";
}

std::vector<std::string> split_colons(std::string_view text) {
  std::vector<std::string> tokens;
  std::size_t pos = 0;
  for (;;) {
    const auto colon = text.find(':', pos);
    tokens.emplace_back(text.substr(pos, colon == std::string_view::npos ? colon : colon - pos));
    if (colon == std::string_view::npos)
      return tokens;
    pos = colon + 1;
  }
}

// FILE:lang=TAG[:title=T][:default][:forced][:hi][:dub]. A token that is not a key belongs to the
// file name (before the first key) or to the title (after title=), so both may hold colons.
TrackSpec parse_spec(const std::string& option, const std::string& text, bool audio) {
  const std::vector<std::string> tokens = split_colons(text);
  TrackSpec spec;
  std::size_t i = 0;
  spec.path = tokens[i++];
  while (i < tokens.size() && !is_key(tokens[i]))
    spec.path += ":" + tokens[i++];
  if (spec.path.empty())
    throw UsageError(option + " '" + text + "': no file name");
  std::string* title = nullptr;
  const std::string quoted = option + " '" + text + "': ";
  const auto refuse = [&quoted](std::initializer_list<std::string_view> parts) {
    std::string message = quoted;
    for (const std::string_view part : parts)
      message += part;
    throw UsageError(message);
  };
  for (; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    if (!is_key(token)) {
      if (title == nullptr)
        refuse({"unknown setting '", token, "'"});
      *title += ':';
      *title += token;
      continue;
    }
    title = nullptr;
    if (token.starts_with("lang=")) {
      const auto tag = LanguageTag::parse(std::string_view(token).substr(5));
      if (!tag || tag->empty())
        refuse({"'", token.substr(5), "' is not a BCP 47 language tag (e.g. uz-Latn, kk-Cyrl)"});
      spec.settings.language = *tag;
      spec.language_given = true;
    } else if (token.starts_with("title=")) {
      spec.settings.title = token.substr(6);
      title = &spec.settings.title;
    } else if (token == "default") {
      spec.settings.default_track = true;
    } else if (token == "forced" && !audio) {
      spec.settings.forced = true;
    } else if (token == "hi" && !audio) {
      spec.settings.hearing_impaired = true;
    } else if (token == "dub" && audio) {
      spec.settings.dub = true;
    } else {
      refuse({"'", token, "' is not a setting of ", audio ? "an audio" : "a subtitle", " track"});
    }
  }
  return spec;
}

std::string display_name(const LanguageTag& tag, const icu::Locale& in) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(tag.to_string(), status);
  if (U_FAILURE(status))
    return "";
  icu::UnicodeString name;
  locale.getDisplayName(in, name);
  if (!name.isEmpty()) {
    icu::UnicodeString first = name.tempSubString(0, name.moveIndex32(0, 1));
    first.toUpper(in);
    name.replace(0, name.moveIndex32(0, 1), first);
  }
  std::string utf8;
  name.toUTF8String(utf8);
  return utf8;
}

// A track without a title is named by its language in that language and script ("Oʻzbek
// (lotin)", "Қазақ тілі (кирилл жазуы)"), so players show a name the audience reads. When ICU has
// no names in that script (kk-Latn), the name in the language's usual script is transliterated
// with Kopru's own rules.
std::string own_language_name(const LanguageTag& tag) {
  if (tag.empty())
    return "";
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale own = icu::Locale::forLanguageTag(tag.to_string(), status);
  const icu::Locale english("en");
  if (U_FAILURE(status))
    return "";
  const std::string english_name = display_name(tag, english);
  std::string name = display_name(tag, own);
  if (name != english_name || tag.language() == "en")
    return name;
  name = display_name(tag, icu::Locale(tag.language().c_str()));
  if (name == english_name)
    return "";  // ICU does not know this language's own names
  for (const translit::Direction& direction : translit::directions()) {
    if (direction.to.language() == tag.language() && direction.to.script() == tag.script() &&
        direction.status == translit::Status::stable) {
      translit::Transliterator converter(translit::compile(direction));
      return converter.text(name);
    }
  }
  return tag.script().empty() ? name : "";
}

media::AddedSubtitle load_subtitle(const TrackSpec& spec, Console& console) {
  Diagnostics diag(spec.path);
  io::Loaded loaded = io::load_file(spec.path, io::LoadOptions{}, diag);
  console.diagnostics(diag, false);
  media::AddedSubtitle added{spec.path, std::move(loaded.doc), spec.settings};
  if (!spec.language_given) {
    added.settings.language = added.doc.meta.language;
    if (added.settings.language.empty())
      console.info(spec.path +
                   ": warning: no lang= given and the file declares none: the track "
                   "is marked und");
  }
  added.doc.meta.language = added.settings.language;
  // The document's own title is the track's name, as `kopru extract` writes a track name into
  // the document, so a film survives extract and mux unchanged.
  if (added.settings.title.empty())
    added.settings.title = added.doc.meta.title;
  if (added.settings.title.empty())
    added.settings.title = own_language_name(added.settings.language);
  return added;
}

}  // namespace

int mux(const MuxArgs& args, Console& console) {
  media::MuxPlan plan;
  plan.film = args.film;
  plan.output = args.output;
  plan.drop_streams = args.drop_tracks;
  for (const std::string& text : args.keep_only_langs) {
    for (const std::string& part : split_colons(text)) {
      for (std::size_t start = 0; start <= part.size();) {
        const auto comma = part.find(',', start);
        const std::string item =
            part.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? part.size() + 1 : comma + 1;
        if (item.empty())
          continue;
        const auto tag = LanguageTag::parse(item);
        if (!tag)
          throw UsageError("--keep-only-langs: '" + item + "' is not a BCP 47 language tag");
        plan.keep_only_langs.push_back(*tag);
      }
    }
  }
  for (const std::string& text : args.subtitles)
    plan.subtitles.push_back(load_subtitle(parse_spec("--add-subtitle", text, false), console));
  for (const std::string& text : args.audio) {
    TrackSpec spec = parse_spec("--add-audio", text, true);
    if (!spec.language_given)
      throw UsageError("--add-audio '" + text + "': give the language with :lang=TAG");
    if (spec.settings.title.empty())
      spec.settings.title = own_language_name(spec.settings.language);
    plan.audio.push_back({spec.path, spec.settings});
  }
  Diagnostics diag(args.film);
  const auto written = media::mux(plan, diag, [&console](double fraction) {
    console.progress(static_cast<std::size_t>(fraction * 1000), 1000);
  });
  console.finish_progress();
  console.diagnostics(diag, false);
  for (const auto& stream : written) {
    console.info(args.output + ": #" + std::to_string(stream.index) + " " + stream.type + " " +
                 stream.codec + " " + stream.language +
                 (stream.title.empty() ? "" : " \"" + stream.title + "\"") + " (" + stream.origin +
                 ")");
  }
  return kExitOk;
}

}  // namespace kopru::cli
