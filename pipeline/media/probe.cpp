#include "pipeline/media/probe.h"

#include <algorithm>
#include <filesystem>
#include <string_view>

#include "pipeline/core/error.h"
#include "pipeline/media/ebml.h"
#include "pipeline/media/libav.h"
#include "pipeline/media/mp4_boxes.h"
#include "pipeline/model/language_tag.h"

namespace kopru::media {

namespace {

std::string tag_of(const AVDictionary* metadata, const char* key) {
  const AVDictionaryEntry* entry = av_dict_get(metadata, key, nullptr, 0);
  return entry != nullptr && entry->value != nullptr ? entry->value : "";
}

double seconds(std::int64_t value, AVRational time_base) {
  if (value == AV_NOPTS_VALUE)
    return 0;
  return static_cast<double>(value) * av_q2d(time_base);
}

std::string type_of(AVMediaType type) {
  switch (type) {
    case AVMEDIA_TYPE_VIDEO:
      return "video";
    case AVMEDIA_TYPE_AUDIO:
      return "audio";
    case AVMEDIA_TYPE_SUBTITLE:
      return "subtitle";
    case AVMEDIA_TYPE_ATTACHMENT:
      return "attachment";
    default:
      return "data";
  }
}

std::vector<std::string> dispositions_of(int flags) {
  static constexpr std::pair<int, const char*> kNames[] = {
      {AV_DISPOSITION_DEFAULT, "default"},
      {AV_DISPOSITION_FORCED, "forced"},
      {AV_DISPOSITION_HEARING_IMPAIRED, "hearing_impaired"},
      {AV_DISPOSITION_VISUAL_IMPAIRED, "visual_impaired"},
      {AV_DISPOSITION_DUB, "dub"},
      {AV_DISPOSITION_ORIGINAL, "original"},
      {AV_DISPOSITION_COMMENT, "comment"},
      {AV_DISPOSITION_DESCRIPTIONS, "descriptions"},
      {AV_DISPOSITION_CAPTIONS, "captions"},
      {AV_DISPOSITION_LYRICS, "lyrics"},
      {AV_DISPOSITION_KARAOKE, "karaoke"},
      {AV_DISPOSITION_ATTACHED_PIC, "attached_pic"},
  };
  std::vector<std::string> names;
  for (const auto& [flag, name] : kNames) {
    if ((flags & flag) != 0)
      names.emplace_back(name);
  }
  return names;
}

bool is_text_subtitle(AVCodecID id) {
  switch (id) {
    case AV_CODEC_ID_SUBRIP:
    case AV_CODEC_ID_TEXT:
    case AV_CODEC_ID_ASS:
    case AV_CODEC_ID_SSA:
    case AV_CODEC_ID_WEBVTT:
    case AV_CODEC_ID_MOV_TEXT:
    case AV_CODEC_ID_MICRODVD:
    case AV_CODEC_ID_TTML:
      return true;
    default:
      return false;
  }
}

bool is_bitmap_subtitle(AVCodecID id) {
  return id == AV_CODEC_ID_HDMV_PGS_SUBTITLE || id == AV_CODEC_ID_DVD_SUBTITLE ||
         id == AV_CODEC_ID_DVB_SUBTITLE || id == AV_CODEC_ID_XSUB;
}

// The container's ISO 639-2 code as a BCP 47 tag ("eng" -> "en", "uzb" -> "uz"); "" for "und".
std::string language_from_container(const std::string& code, int index, Diagnostics& diag) {
  if (code.empty())
    return "";
  if (auto tag = LanguageTag::from_iso639_2(code))
    return tag->to_string();
  if (auto tag = LanguageTag::parse(code))
    return tag->to_string();
  diag.warn(0, 0, "media-bad-language",
            "stream " + std::to_string(index) + ": language \"" + code +
                "\" is neither ISO 639-2 nor BCP 47; treated as undeclared");
  return "";
}

void add_disposition(StreamInfo& s, const std::optional<bool>& flag, const char* name) {
  if (!flag)
    return;
  auto it = std::find(s.dispositions.begin(), s.dispositions.end(), name);
  if (*flag && it == s.dispositions.end())
    s.dispositions.emplace_back(name);
  else if (!*flag && it != s.dispositions.end())
    s.dispositions.erase(it);
}

// What libav 5.1 hides in Matroska: LanguageBCP47, the v4 flags, WebVTT tracks.
void add_matroska_facts(MediaInfo& info, Diagnostics& diag) {
  MatroskaHeader header;
  try {
    header = read_matroska_header(info.path);
  } catch (const InputError& e) {
    diag.warn(0, 0, "media-matroska-header",
              std::string("Matroska track headers unreadable, libav's view used: ") + e.what());
    return;
  }
  info.declared_bytes = std::max(info.declared_bytes, header.segment_end);
  // libav 5.1 leaves AVStream::id unset for Matroska and creates one stream per TrackEntry, in
  // order, then one per attachment; anything else means it skipped a track.
  std::vector<StreamInfo*> track_streams;
  for (StreamInfo& s : info.streams) {
    if (s.type != "attachment")
      track_streams.push_back(&s);
  }
  if (track_streams.size() != header.tracks.size()) {
    diag.warn(0, 0, "media-matroska-tracks",
              "libav shows " + std::to_string(track_streams.size()) + " streams for " +
                  std::to_string(header.tracks.size()) +
                  " Matroska tracks; BCP 47 languages and v4 flags not applied");
    return;
  }
  for (std::size_t i = 0; i < track_streams.size(); ++i) {
    StreamInfo& s = *track_streams[i];
    const auto track = header.tracks.begin() + static_cast<std::ptrdiff_t>(i);
    if (!track->language_bcp47.empty()) {
      if (auto tag = LanguageTag::parse(track->language_bcp47)) {
        // "und" says in BCP 47 what an empty tag says in Kopru.
        s.language = tag->language() == "und" ? "" : tag->to_string();
        s.language_source = s.language.empty() ? "" : "LanguageBCP47";
      } else {
        diag.warn(0, 0, "media-bad-language",
                  "stream " + std::to_string(s.index) + ": LanguageBCP47 \"" +
                      track->language_bcp47 + "\" is not a BCP 47 tag; Language used");
      }
    }
    add_disposition(s, track->flag_hearing_impaired, "hearing_impaired");
    add_disposition(s, track->flag_visual_impaired, "visual_impaired");
    add_disposition(s, track->flag_text_descriptions, "descriptions");
    add_disposition(s, track->flag_original, "original");
    add_disposition(s, track->flag_commentary, "comment");
    if (track->codec_id == "S_TEXT/WEBVTT") {
      s.type = "subtitle";
      s.codec = "webvtt";
      s.text = true;
    }
  }
}

// What libav 5.1 hides in MP4/MOV: the elng box.
// MP4 muxers without a track title leave their own name in the handler box ("SoundHandler",
// "Core Media Audio", "GPAC ISO Video Handler"); Kopru and ffmpeg put the title there.
bool generic_handler_name(std::string_view name) {
  return name.empty() || name.ends_with("Handler") || name.ends_with("handler") ||
         name.starts_with("Core Media") || name.starts_with("ISO Media") ||
         name.find("GPAC") != std::string_view::npos ||
         name.find("L-SMASH") != std::string_view::npos;
}

void add_mp4_facts(MediaInfo& info, const AVFormatContext& f, Diagnostics& diag) {
  Mp4Header header;
  try {
    header = read_mp4_header(info.path);
  } catch (const InputError& e) {
    diag.warn(0, 0, "media-mp4-header",
              std::string("MP4 track headers unreadable, libav's view used: ") + e.what());
    return;
  }
  for (StreamInfo& s : info.streams) {
    const auto id = static_cast<std::uint32_t>(f.streams[s.index]->id);
    const auto track = std::find_if(header.tracks.begin(), header.tracks.end(),
                                    [id](const Mp4Track& t) { return t.track_id == id; });
    if (track == header.tracks.end())
      continue;
    if (!track->language_bcp47.empty()) {
      if (auto tag = LanguageTag::parse(track->language_bcp47)) {
        s.language = tag->language() == "und" ? "" : tag->to_string();
        s.language_source = s.language.empty() ? "" : "elng";
      }
    }
    if (s.title.empty() && !generic_handler_name(track->name))
      s.title = track->name;
    if (track->sample_entry == "wvtt") {
      s.type = "subtitle";
      s.codec = "webvtt";
      s.text = true;
    }
  }
}

// Where the container's sample index says the film's data ends, and which subtitle streams have
// samples past the end of the file (MP4 and MOV index every sample; Matroska's Cues fewer).
std::string index_reach(MediaInfo& info, const AVFormatContext& f) {
  std::string lost;
  for (unsigned i = 0; i < f.nb_streams; ++i) {
    AVStream* st = f.streams[i];
    const int count = avformat_index_get_entries_count(st);
    int past_end = 0;
    for (int e = 0; e < count; ++e) {
      const AVIndexEntry* entry = avformat_index_get_entry(st, e);
      if (entry == nullptr || entry->pos < 0 || entry->size < 0)
        continue;
      const std::uint64_t end =
          static_cast<std::uint64_t>(entry->pos) + static_cast<std::uint64_t>(entry->size);
      info.declared_bytes = std::max(info.declared_bytes, end);
      if (end > info.size_bytes)
        ++past_end;
    }
    if (past_end > 0 && info.streams[i].type == "subtitle")
      lost += "; stream " + std::to_string(i) + " loses " + std::to_string(past_end) + " of " +
              std::to_string(count) + " cues";
  }
  return lost;
}

}  // namespace

MediaInfo probe(const std::string& path, Diagnostics& diag) {
  InputContext context = open_input(path);
  const AVFormatContext& f = *context;
  MediaInfo info;
  info.path = path;
  info.container = f.iformat->name;
  info.container_long = f.iformat->long_name != nullptr ? f.iformat->long_name : "";
  info.duration_seconds = f.duration == AV_NOPTS_VALUE ? 0 : seconds(f.duration, {1, AV_TIME_BASE});
  info.bit_rate = f.bit_rate;
  std::error_code ec;
  info.size_bytes = std::filesystem::file_size(path, ec);
  info.title = tag_of(f.metadata, "title");
  for (unsigned i = 0; i < f.nb_streams; ++i) {
    const AVStream& st = *f.streams[i];
    const AVCodecParameters& par = *st.codecpar;
    StreamInfo s;
    s.index = st.index;
    s.type = type_of(par.codec_type);
    const AVCodecDescriptor* descriptor = avcodec_descriptor_get(par.codec_id);
    s.codec = descriptor != nullptr ? descriptor->name : "unknown";
    const std::string code = tag_of(st.metadata, "language");
    s.language = language_from_container(code, st.index, diag);
    s.language_source = s.language.empty() ? "" : "container";
    s.title = tag_of(st.metadata, "title");
    s.dispositions = dispositions_of(st.disposition);
    s.start_seconds = seconds(st.start_time, st.time_base);
    s.duration_seconds = seconds(st.duration, st.time_base);
    if (par.codec_type == AVMEDIA_TYPE_VIDEO) {
      s.width = par.width;
      s.height = par.height;
      const AVRational rate = st.avg_frame_rate.num != 0 ? st.avg_frame_rate : st.r_frame_rate;
      if (rate.num != 0 && rate.den != 0)
        s.frame_rate = std::to_string(rate.num) + "/" + std::to_string(rate.den);
    } else if (par.codec_type == AVMEDIA_TYPE_AUDIO) {
      s.sample_rate = par.sample_rate;
      s.channels = par.ch_layout.nb_channels;
    } else if (par.codec_type == AVMEDIA_TYPE_SUBTITLE) {
      s.text = is_text_subtitle(par.codec_id);
      s.bitmap = is_bitmap_subtitle(par.codec_id);
    } else if (par.codec_type == AVMEDIA_TYPE_ATTACHMENT) {
      s.filename = tag_of(st.metadata, "filename");
      s.mime_type = tag_of(st.metadata, "mimetype");
    }
    info.streams.push_back(std::move(s));
  }
  for (unsigned i = 0; i < f.nb_chapters; ++i) {
    const AVChapter& c = *f.chapters[i];
    info.chapters.push_back(
        {seconds(c.start, c.time_base), seconds(c.end, c.time_base), tag_of(c.metadata, "title")});
  }
  const std::string lost = index_reach(info, f);
  const std::string container = info.container;
  if (container.find("matroska") != std::string::npos)
    add_matroska_facts(info, diag);
  else if (container.find("mp4") != std::string::npos)
    add_mp4_facts(info, f, diag);
  if (info.cut_short()) {
    diag.warn(0, 0, "media-truncated",
              "the film is cut short: the file has " + std::to_string(info.size_bytes) +
                  " bytes, its container declares " + std::to_string(info.declared_bytes) +
                  "; what lies past byte " + std::to_string(info.size_bytes) + " is missing" +
                  lost);
  }
  return info;
}

}  // namespace kopru::media
