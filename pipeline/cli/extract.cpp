#include <filesystem>

#include "codecs/registry.h"
#include "pipeline/cli/app.h"
#include "pipeline/cli/verbs.h"
#include "pipeline/core/error.h"
#include "pipeline/io/files.h"
#include "pipeline/io/load.h"
#include "pipeline/media/extract.h"
#include "pipeline/media/probe.h"

namespace kopru::cli {

namespace fs = std::filesystem;

namespace {

std::vector<int> chosen_tracks(const ExtractArgs& args, const media::MediaInfo& info,
                               Console& console) {
  if (args.all == !args.tracks.empty())
    throw UsageError("extract: give --track N (one or more) or --all");
  if (!args.all)
    return args.tracks;
  std::vector<int> tracks;
  for (const auto& s : info.streams) {
    if (s.type != "subtitle")
      continue;
    if (s.text)
      tracks.push_back(s.index);
    else
      console.info(
          args.input + ": note: stream " + std::to_string(s.index) + " (" + s.codec +
          ") skipped: " + (s.bitmap ? "pictures of text need OCR" : "not extractable yet"));
  }
  if (tracks.empty())
    throw ParseError("the film has no text subtitle track", SourceLocation{args.input, 0, 0, -1});
  return tracks;
}

}  // namespace

int extract(const ExtractArgs& args, Console& console) {
  if (args.output.empty() == args.out_dir.empty())
    throw UsageError("extract: give exactly one of -o OUT or --out-dir DIR");
  if (!args.to.empty() && codecs::find_codec(args.to) == nullptr)
    throw UsageError("--to: unknown format '" + args.to + "' (see kopru formats)");
  Diagnostics diag(args.input);
  const media::MediaInfo info = media::probe(args.input, diag);
  // Shown before anything can fail: a film cut short explains a missing track or cue.
  console.diagnostics(diag, false);
  const std::vector<int> tracks = chosen_tracks(args, info, console);
  if (!args.output.empty() && tracks.size() != 1)
    throw UsageError("extract: -o takes one track; use --out-dir DIR for " +
                     std::to_string(tracks.size()));
  std::vector<int> webvtt;
  for (const auto& s : info.streams) {
    if (s.codec == "webvtt")
      webvtt.push_back(s.index);
  }
  Diagnostics read_diag(args.input);
  const auto extracted = media::extract_tracks(args.input, tracks, read_diag, webvtt);
  console.diagnostics(read_diag, false);
  const std::string stem = fs::path(args.input).stem().string();
  // Every track is rendered before any is written, so a track that fails leaves no files behind.
  struct Rendered {
    fs::path output;
    std::string data;
    std::string summary;
  };
  std::vector<Rendered> rendered;
  for (const auto& track : extracted) {
    const media::StreamInfo& stream = info.streams[static_cast<std::size_t>(track.index)];
    const std::string source = args.input + "#" + std::to_string(track.index);
    if (track.cues == 0 && info.cut_short())
      throw ParseError("stream " + std::to_string(track.index) +
                           ": no cue could be read before the file ends (byte " +
                           std::to_string(info.size_bytes) + " of " +
                           std::to_string(info.declared_bytes) + ")",
                       SourceLocation{args.input, 0, 0, -1});
    Diagnostics track_diag(source);
    io::LoadOptions load;
    load.format = track.format;
    io::Loaded loaded = io::load_bytes(track.text, source, load, track_diag);
    media::restore_track_details(loaded.doc, track);
    if (auto tag = LanguageTag::parse(stream.language))
      loaded.doc.meta.language = *tag;
    if (!stream.title.empty())
      loaded.doc.meta.title = stream.title;
    io::SaveOptions save;
    save.format = args.to.empty() ? track.output_format : args.to;
    if (args.to.empty() && !args.output.empty()) {
      // -o film.vtt: the extension says the format, when it names one.
      std::string ext = fs::path(args.output).extension().string();
      if (!ext.empty())
        ext.erase(0, 1);
      if (const codecs::Codec* by_name = codecs::codec_for_extension(ext))
        save.format = std::string(by_name->name);
    }
    const codecs::Codec& codec = io::output_codec("", save);
    fs::path output = args.output;
    if (output.empty()) {
      const std::string language = stream.language.empty() ? "und" : stream.language;
      std::string name = stem;
      name += "." + std::to_string(track.index);
      name += "." + language;
      name += ".";
      name += codec.preferred_extension();
      output = fs::path(args.out_dir) / name;
    }
    std::string data = io::render(loaded.doc, codec, save, track_diag);
    console.diagnostics(track_diag, false);
    rendered.push_back({output, std::move(data),
                        output.string() + ": " + std::to_string(loaded.doc.cues.size()) +
                            " cues from stream " + std::to_string(track.index)});
  }
  if (!args.out_dir.empty())
    fs::create_directories(args.out_dir);
  for (const auto& r : rendered) {
    io::write_file_atomic(r.output, r.data);
    console.info(r.summary);
  }
  return kExitOk;
}

}  // namespace kopru::cli
