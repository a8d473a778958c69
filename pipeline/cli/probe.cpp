#include <array>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pipeline/cli/app.h"
#include "pipeline/cli/verbs.h"
#include "pipeline/media/probe.h"
#include "pipeline/model/time.h"

namespace kopru::cli {

namespace {

std::string clock(double seconds) {
  return format_hms_ms(from_ms(std::llround(seconds * 1000)));
}

nlohmann::json to_json(const media::MediaInfo& info) {
  nlohmann::json streams = nlohmann::json::array();
  for (const auto& s : info.streams) {
    nlohmann::json j{{"index", s.index},
                     {"type", s.type},
                     {"codec", s.codec},
                     {"language", s.language},
                     {"language_source", s.language_source},
                     {"title", s.title},
                     {"dispositions", s.dispositions},
                     {"start_seconds", s.start_seconds},
                     {"duration_seconds", s.duration_seconds}};
    if (s.type == "video") {
      j["width"] = s.width;
      j["height"] = s.height;
      j["frame_rate"] = s.frame_rate;
    } else if (s.type == "audio") {
      j["sample_rate"] = s.sample_rate;
      j["channels"] = s.channels;
    } else if (s.type == "subtitle") {
      j["text"] = s.text;
      j["bitmap"] = s.bitmap;
    } else if (s.type == "attachment") {
      j["filename"] = s.filename;
      j["mime_type"] = s.mime_type;
    }
    streams.push_back(std::move(j));
  }
  nlohmann::json chapters = nlohmann::json::array();
  for (const auto& c : info.chapters) {
    chapters.push_back(
        {{"start_seconds", c.start_seconds}, {"end_seconds", c.end_seconds}, {"title", c.title}});
  }
  return {{"path", info.path},
          {"container", info.container},
          {"container_long", info.container_long},
          {"duration_seconds", info.duration_seconds},
          {"bit_rate", info.bit_rate},
          {"size_bytes", info.size_bytes},
          {"title", info.title},
          {"streams", streams},
          {"chapters", chapters}};
}

std::string describe(const media::StreamInfo& s) {
  std::ostringstream line;
  line << "  #" << s.index << " " << s.type << " " << s.codec;
  if (s.type == "video" && s.width > 0)
    line << " " << s.width << "x" << s.height;
  if (!s.frame_rate.empty())
    line << " " << s.frame_rate << " fps";
  if (s.type == "audio")
    line << " " << s.sample_rate << " Hz " << s.channels << " ch";
  line << " " << (s.language.empty() ? "und" : s.language);
  if (!s.title.empty())
    line << " \"" << s.title << "\"";
  for (const auto& d : s.dispositions)
    line << " [" << d << "]";
  if (s.bitmap)
    line << " (bitmap subtitles: need OCR, cannot be extracted as text)";
  else if (s.type == "subtitle" && !s.text)
    line << " (not a text format Kopru extracts yet)";
  if (!s.filename.empty())
    line << " " << s.filename << " (" << s.mime_type << ")";
  return line.str();
}

}  // namespace

int probe(const ProbeArgs& args, Console& console) {
  Diagnostics diag(args.input);
  const media::MediaInfo info = media::probe(args.input, diag);
  console.diagnostics(diag, false);
  if (args.json) {
    std::cout << to_json(info).dump(2) << '\n';
    return kExitOk;
  }
  std::cout << info.path << ": " << info.container_long << " (" << info.container << "), "
            << clock(info.duration_seconds) << ", " << info.size_bytes << " bytes, "
            << info.streams.size() << " streams, " << info.chapters.size() << " chapters\n";
  for (const auto& s : info.streams)
    std::cout << describe(s) << '\n';
  for (std::size_t i = 0; i < info.chapters.size(); ++i) {
    const auto& c = info.chapters[i];
    std::cout << "  chapter " << i + 1 << " " << clock(c.start_seconds) << " - "
              << clock(c.end_seconds) << (c.title.empty() ? "" : " \"" + c.title + "\"") << '\n';
  }
  return kExitOk;
}

}  // namespace kopru::cli
