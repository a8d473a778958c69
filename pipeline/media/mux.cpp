#include "pipeline/media/mux.h"

extern "C" {
#include <libavutil/avutil.h>
#include <libavutil/mathematics.h>
}

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "pipeline/media/container_patch.h"
#include "pipeline/media/extract.h"
#include "pipeline/media/libav.h"
#include "pipeline/media/probe.h"
#include "pipeline/media/subtitle_packets.h"

namespace kopru::media {

namespace fs = std::filesystem;

namespace {

struct OutputCloser {
  void operator()(AVFormatContext* context) const {
    if (context->pb != nullptr && (context->oformat->flags & AVFMT_NOFILE) == 0)
      avio_closep(&context->pb);
    avformat_free_context(context);
  }
};
using OutputContext = std::unique_ptr<AVFormatContext, OutputCloser>;

struct PacketFree {
  void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
using Packet = std::unique_ptr<AVPacket, PacketFree>;

Packet new_packet() {
  Packet packet(av_packet_alloc());
  if (!packet)
    throw std::bad_alloc();
  return packet;
}

// The temporary output: removed unless the mux succeeded and it was renamed.
class TempFile {
 public:
  explicit TempFile(const fs::path& target)
      : path_(target.parent_path() / ("." + target.filename().string() + ".kopru-" +
                                      std::to_string(::getpid()) + ".tmp")) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!committed_) {
      std::error_code ignored;
      fs::remove(path_, ignored);
    }
  }
  const fs::path& path() const { return path_; }
  void commit(const fs::path& target) {
    fs::rename(path_, target);
    committed_ = true;
  }

 private:
  fs::path path_;
  bool committed_ = false;
};

void check(int ret, const std::string& what) {
  if (ret < 0)
    throw EnvironmentError(what + ": " + av_error_text(ret));
}

bool mp4_family(const AVOutputFormat* format) {
  const std::string name = format->name;
  return name == "mp4" || name == "mov" || name == "ipod";
}

const AVOutputFormat* output_format(const std::string& output) {
  const AVOutputFormat* format = av_guess_format(nullptr, output.c_str(), nullptr);
  if (format != nullptr) {
    const std::string name = format->name;
    if (name == "matroska" || name == "webm" || mp4_family(format))
      return format;
  }
  throw UsageError("mux: cannot tell the container from '" + output +
                   "': name the output .mkv, .mka, .webm, .mp4, .m4v or .mov");
}

std::string type_name(AVMediaType type) {
  const char* name = av_get_media_type_string(type);
  return name == nullptr ? "data" : name;
}

std::string codec_name_of(AVCodecID id) {
  return id == AV_CODEC_ID_NONE ? "unknown" : avcodec_get_name(id);
}

bool accepts(const AVOutputFormat* format, AVCodecID codec) {
  return codec != AV_CODEC_ID_NONE &&
         avformat_query_codec(format, codec, FF_COMPLIANCE_NORMAL) == 1;
}

// What to suggest when a container refuses an audio codec.
std::string audio_codecs_for(const AVOutputFormat* format) {
  return mp4_family(format) ? "AAC, AC-3, E-AC-3, ALAC, FLAC or Opus"
                            : "AAC, AC-3, FLAC, Opus, Vorbis or PCM";
}

// Keeps the stream's own codec tag only when the output container knows it for that codec (as
// ffmpeg does for stream copy); otherwise the muxer picks its own.
void set_codec_tag(AVCodecParameters* par, const AVOutputFormat* format) {
  const std::uint32_t tag = par->codec_tag;
  unsigned int own = 0;
  const bool keep = format->codec_tag == nullptr ||
                    av_codec_get_id(format->codec_tag, tag) == par->codec_id ||
                    av_codec_get_tag2(format->codec_tag, par->codec_id, &own) == 0;
  if (!keep)
    par->codec_tag = 0;
}

void set_metadata(AVStream* stream, const char* key, const std::string& value) {
  check(av_dict_set(&stream->metadata, key, value.empty() ? nullptr : value.c_str(), 0),
        "av_dict_set");
}

// One output stream, whatever its source.
struct OutStream {
  AVStream* stream = nullptr;
  std::string origin;
  LanguageTag language;
  std::string title;
};

// Packets from a film or an audio file.
struct DemuxSource {
  std::string path;
  InputContext input;
  std::vector<int> out_index;  // by input stream index; -1 when not written
  Packet pending;
  bool done = false;
};

// Packets built from a subtitle document.
struct SubtitleSource {
  int out_index = 0;
  SubtitleTrack track;
  std::size_t next = 0;
};

const AVRational kMilliseconds{1, 1000};

class Muxer {
 public:
  Muxer(const MuxPlan& plan, Diagnostics& diag) : plan_(plan), diag_(diag) {}

  std::vector<MuxedStream> run(const Progress& progress);

 private:
  void check_paths() const;
  void add_film_streams(const MediaInfo& info);
  void add_copied_stream(DemuxSource& source, int index, const StreamInfo* info,
                         const std::string& origin);
  void add_document(const Document& doc, const TrackSettings& settings, const std::string& origin,
                    const std::string& source_path, const AVStream* like);
  void add_audio(const AddedAudio& audio);
  void apply(const TrackSettings& settings, OutStream& out);
  void copy_chapters_and_metadata();
  void write_packets(const Progress& progress);
  bool fill(DemuxSource& source);
  void write(Packet packet, int out_index, AVRational from);
  void patch_languages(const std::string& path);
  bool dropped(int stream) const {
    return std::find(plan_.drop_streams.begin(), plan_.drop_streams.end(), stream) !=
           plan_.drop_streams.end();
  }
  void note(const std::string& code, const std::string& message) {
    diag_.add(Severity::note, SourceLocation{plan_.film, 0, 0, -1}, code, message);
  }

  const MuxPlan& plan_;
  Diagnostics& diag_;
  const AVOutputFormat* format_ = nullptr;
  OutputContext output_;
  std::vector<OutStream> streams_;
  std::vector<DemuxSource> demuxers_;
  std::vector<SubtitleSource> subtitles_;
  double film_duration_ = 0;
  std::vector<std::int64_t> last_dts_;
  std::vector<std::int64_t> moved_dts_;
};

void Muxer::check_paths() const {
  std::error_code ec;
  if (fs::exists(plan_.output, ec) && fs::equivalent(plan_.film, plan_.output, ec))
    throw UsageError("mux: the output would overwrite the film '" + plan_.film + "'");
  for (const auto& audio : plan_.audio) {
    if (fs::exists(plan_.output, ec) && fs::equivalent(audio.path, plan_.output, ec))
      throw UsageError("mux: the output would overwrite '" + audio.path + "'");
  }
}

void Muxer::apply(const TrackSettings& settings, OutStream& out) {
  if (!settings.language.empty())
    out.language = settings.language;
  if (!settings.title.empty())
    out.title = settings.title;
  int& disposition = out.stream->disposition;
  if (settings.default_track) {
    // One default per kind: the new default track replaces the film's.
    for (OutStream& other : streams_) {
      if (other.stream->codecpar->codec_type == out.stream->codecpar->codec_type &&
          other.stream != out.stream && (other.stream->disposition & AV_DISPOSITION_DEFAULT) != 0) {
        other.stream->disposition &= ~AV_DISPOSITION_DEFAULT;
        note("mux-default-moved", "output stream " + std::to_string(other.stream->index) + " (" +
                                      other.origin + ") is no longer the default " +
                                      type_name(other.stream->codecpar->codec_type) + " track");
      }
    }
    disposition |= AV_DISPOSITION_DEFAULT;
  }
  if (settings.forced)
    disposition |= AV_DISPOSITION_FORCED;
  if (settings.hearing_impaired)
    disposition |= AV_DISPOSITION_HEARING_IMPAIRED;
  if (settings.dub)
    disposition = (disposition | AV_DISPOSITION_DUB) & ~AV_DISPOSITION_ORIGINAL;
}

void Muxer::add_copied_stream(DemuxSource& source, int index, const StreamInfo* info,
                              const std::string& origin) {
  const AVStream* in = source.input->streams[index];
  AVStream* out = avformat_new_stream(output_.get(), nullptr);
  if (out == nullptr)
    throw std::bad_alloc();
  check(avcodec_parameters_copy(out->codecpar, in->codecpar), "avcodec_parameters_copy");
  set_codec_tag(out->codecpar, format_);
  out->time_base = in->time_base;
  out->disposition = in->disposition;
  out->avg_frame_rate = in->avg_frame_rate;
  out->r_frame_rate = in->r_frame_rate;
  out->sample_aspect_ratio = in->sample_aspect_ratio;
  for (int i = 0; i < in->nb_side_data; ++i) {
    const AVPacketSideData& side = in->side_data[i];
    std::uint8_t* copy = av_stream_new_side_data(out, side.type, side.size);
    if (copy == nullptr)
      throw std::bad_alloc();
    std::copy(side.data, side.data + side.size, copy);
  }
  check(av_dict_copy(&out->metadata, in->metadata, 0), "av_dict_copy");
  // Written anew by the muxer or by Kopru below; mkvmerge's track statistics would name a writer
  // and date that are no longer this file's.
  std::vector<std::string> stale;
  for (const AVDictionaryEntry* tag = nullptr;
       (tag = av_dict_get(out->metadata, "", tag, AV_DICT_IGNORE_SUFFIX)) != nullptr;) {
    const std::string_view key = tag->key;
    for (const std::string_view prefix :
         {"language", "title", "DURATION", "ENCODER", "handler_name", "BPS", "NUMBER_OF_FRAMES",
          "NUMBER_OF_BYTES", "_STATISTICS_"}) {
      if (key.starts_with(prefix))
        stale.emplace_back(key);
    }
  }
  for (const std::string& key : stale)
    set_metadata(out, key.c_str(), "");
  OutStream entry{out, origin, {}, {}};
  if (info != nullptr) {
    if (auto tag = LanguageTag::parse(info->language))
      entry.language = *tag;
    entry.title = info->title;
  } else if (const AVDictionaryEntry* lang = av_dict_get(in->metadata, "language", nullptr, 0)) {
    if (auto tag = LanguageTag::from_iso639_2(lang->value))
      entry.language = *tag;
  }
  source.out_index[static_cast<std::size_t>(index)] = out->index;
  streams_.push_back(std::move(entry));
}

void Muxer::add_document(const Document& doc, const TrackSettings& settings,
                         const std::string& origin, const std::string& source_path,
                         const AVStream* like) {
  Diagnostics track_diag(source_path);
  SubtitleTrack track =
      encode_subtitles(doc, subtitle_codec_for(doc, mp4_family(format_)), track_diag);
  for (const auto& d : track_diag.all())
    diag_.add(d.severity, d.where, d.code, d.message);
  AVStream* out = avformat_new_stream(output_.get(), nullptr);
  if (out == nullptr)
    throw std::bad_alloc();
  out->codecpar->codec_type = AVMEDIA_TYPE_SUBTITLE;
  const char* name = codec_name(track.codec);
  const AVCodecDescriptor* descriptor = avcodec_descriptor_get_by_name(name);
  if (descriptor == nullptr)
    throw InternalError(std::string("libav knows no codec ") + name);
  out->codecpar->codec_id = descriptor->id;
  if (!track.extradata.empty()) {
    out->codecpar->extradata = static_cast<std::uint8_t*>(
        av_mallocz(track.extradata.size() + AV_INPUT_BUFFER_PADDING_SIZE));
    if (out->codecpar->extradata == nullptr)
      throw std::bad_alloc();
    std::copy(track.extradata.begin(), track.extradata.end(), out->codecpar->extradata);
    out->codecpar->extradata_size = static_cast<int>(track.extradata.size());
  }
  out->time_base = kMilliseconds;
  OutStream entry{out, origin, doc.meta.language, doc.meta.title};
  if (like != nullptr) {
    out->disposition = like->disposition;
  }
  streams_.push_back(std::move(entry));
  apply(settings, streams_.back());
  subtitles_.push_back({out->index, std::move(track), 0});
}

// A text subtitle track of the film that the output cannot take as it is (WebVTT that libav 5.1
// cannot read from Matroska, any text track into MP4): it goes through Kopru's model.
Document film_track_document(const std::string& film, const StreamInfo& info,
                             const ExtractedTrack& track, Diagnostics& diag) {
  const codecs::Codec* codec = codecs::find_codec(track.format);
  if (codec == nullptr)
    throw InternalError("no reader for " + track.format);
  const std::string source = film + "#" + std::to_string(info.index);
  Diagnostics track_diag(source);
  Document doc = codec->read(codecs::Source{source, track.text, track.text, "UTF-8"},
                             codecs::ReadOptions{}, track_diag);
  restore_track_details(doc, track);
  // mov_text is read through ASS text but is SubRip-like (millisecond times, simple styling):
  // Matroska gets it as SubRip.
  doc.meta.source_format = track.output_format;
  for (const auto& d : track_diag.all())
    diag.add(d.severity, d.where, d.code, d.message);
  if (auto tag = LanguageTag::parse(info.language))
    doc.meta.language = *tag;
  doc.meta.title = info.title;
  return doc;
}

bool kept_by_language(const StreamInfo& info, const std::vector<LanguageTag>& keep) {
  if (keep.empty() || (info.type != "audio" && info.type != "subtitle"))
    return true;
  const auto tag = LanguageTag::parse(info.language);
  return tag && std::any_of(keep.begin(), keep.end(),
                            [&](const LanguageTag& range) { return range.matches(*tag); });
}

void Muxer::add_film_streams(const MediaInfo& info) {
  DemuxSource& film = demuxers_.front();
  const int count = static_cast<int>(film.input->nb_streams);
  for (const int drop : plan_.drop_streams) {
    if (drop < 0 || drop >= count)
      throw UsageError("--drop-track " + std::to_string(drop) + ": the film has streams 0 to " +
                       std::to_string(count - 1) + " (see kopru probe)");
  }
  // The text tracks the output cannot copy are rewritten through the model: all of them are read
  // in one pass over the film.
  std::vector<int> rewritten;
  std::vector<int> webvtt;
  for (const StreamInfo& s : info.streams) {
    const AVCodecID codec = film.input->streams[s.index]->codecpar->codec_id;
    if (s.text && !accepts(format_, codec) && !dropped(s.index) &&
        kept_by_language(s, plan_.keep_only_langs)) {
      rewritten.push_back(s.index);
      if (s.codec == "webvtt")
        webvtt.push_back(s.index);
    }
  }
  std::map<int, ExtractedTrack> extracted;
  if (!rewritten.empty()) {
    for (ExtractedTrack& track : extract_tracks(plan_.film, rewritten, diag_, webvtt))
      extracted.emplace(track.index, std::move(track));
  }
  for (int i = 0; i < count; ++i) {
    const AVStream* in = film.input->streams[i];
    const StreamInfo* stream_info = static_cast<std::size_t>(i) < info.streams.size()
                                        ? &info.streams[static_cast<std::size_t>(i)]
                                        : nullptr;
    const std::string origin = "film stream " + std::to_string(i);
    const std::string what =
        origin + " (" + type_name(in->codecpar->codec_type) + ", " +
        (stream_info != nullptr ? stream_info->codec : codec_name_of(in->codecpar->codec_id)) + ")";
    if (dropped(i)) {
      note("mux-dropped", what + " dropped (--drop-track)");
      continue;
    }
    if (stream_info != nullptr && !kept_by_language(*stream_info, plan_.keep_only_langs)) {
      note("mux-dropped", what + " dropped: language '" +
                              (stream_info->language.empty() ? "und" : stream_info->language) +
                              "' is not in --keep-only-langs");
      continue;
    }
    const AVCodecID codec = in->codecpar->codec_id;
    if (in->codecpar->codec_type == AVMEDIA_TYPE_ATTACHMENT && mp4_family(format_)) {
      diag_.add(Severity::warning, SourceLocation{plan_.film, 0, 0, -1}, "mux-attachment-dropped",
                what +
                    " left out: MP4 and MOV cannot carry attachments (fonts serve only ASS, "
                    "which MP4 cannot carry either)");
      continue;
    }
    if (accepts(format_, codec) || in->codecpar->codec_type == AVMEDIA_TYPE_ATTACHMENT) {
      add_copied_stream(film, i, stream_info, origin);
      continue;
    }
    if (stream_info != nullptr && stream_info->text) {
      const Document doc = film_track_document(plan_.film, *stream_info, extracted.at(i), diag_);
      note("mux-converted", what + " is rewritten as " +
                                codec_name(subtitle_codec_for(doc, mp4_family(format_))) +
                                ": the output container cannot copy it as it is");
      add_document(doc, TrackSettings{}, origin, plan_.film + "#" + std::to_string(i), in);
      continue;
    }
    throw UsageError(what + " cannot be copied into " + format_->long_name +
                     (stream_info != nullptr && stream_info->bitmap
                          ? " (a picture subtitle track: Matroska carries it)"
                          : "") +
                     "; leave it out with --drop-track " + std::to_string(i) +
                     (mp4_family(format_) ? " or write .mkv" : ""));
  }
}

void Muxer::add_audio(const AddedAudio& audio) {
  DemuxSource source{audio.path, open_input(audio.path), {}, nullptr, false};
  const int best = av_find_best_stream(source.input.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (best < 0)
    throw ParseError("no audio stream in this file", SourceLocation{audio.path, 0, 0, -1});
  source.out_index.assign(source.input->nb_streams, -1);
  const AVCodecID codec = source.input->streams[best]->codecpar->codec_id;
  if (!accepts(format_, codec))
    throw UsageError(audio.path + ": its " + codec_name_of(codec) +
                     " audio cannot be copied into " + format_->long_name +
                     ", and Kopru never re-encodes; convert it first to " +
                     audio_codecs_for(format_));
  add_copied_stream(source, best, nullptr, fs::path(audio.path).filename().string());
  OutStream& out = streams_.back();
  out.stream->disposition = 0;
  apply(audio.settings, out);
  demuxers_.push_back(std::move(source));
}

void Muxer::copy_chapters_and_metadata() {
  const AVFormatContext* in = demuxers_.front().input.get();
  check(av_dict_copy(&output_->metadata, in->metadata, 0), "av_dict_copy");
  av_dict_set(&output_->metadata, "encoder", nullptr, 0);
  if (in->nb_chapters == 0)
    return;
  output_->chapters = static_cast<AVChapter**>(av_calloc(in->nb_chapters, sizeof(AVChapter*)));
  if (output_->chapters == nullptr)
    throw std::bad_alloc();
  for (unsigned i = 0; i < in->nb_chapters; ++i) {
    const AVChapter* from = in->chapters[i];
    auto* to = static_cast<AVChapter*>(av_mallocz(sizeof(AVChapter)));
    if (to == nullptr)
      throw std::bad_alloc();
    output_->chapters[output_->nb_chapters++] = to;  // owned by the context from here
    to->id = from->id;
    to->time_base = from->time_base;
    to->start = from->start;
    to->end = from->end;
    check(av_dict_copy(&to->metadata, from->metadata, 0), "av_dict_copy");
  }
}

bool Muxer::fill(DemuxSource& source) {
  while (!source.done && !source.pending) {
    Packet packet = new_packet();
    const int ret = av_read_frame(source.input.get(), packet.get());
    if (ret == AVERROR_EOF) {
      source.done = true;
      break;
    }
    if (ret < 0) {
      const std::int64_t at = source.input->pb != nullptr ? avio_tell(source.input->pb) : -1;
      throw ParseError("cannot read the film data (" + av_error_text(ret) + ")",
                       SourceLocation{source.path, 0, 0, at});
    }
    if (packet->stream_index < 0 ||
        static_cast<std::size_t>(packet->stream_index) >= source.out_index.size() ||
        source.out_index[static_cast<std::size_t>(packet->stream_index)] < 0)
      continue;
    source.pending = std::move(packet);
  }
  return static_cast<bool>(source.pending);
}

void Muxer::write(Packet packet, int out_index, AVRational from) {
  AVStream* out = output_->streams[out_index];
  packet->stream_index = out_index;
  packet->pos = -1;
  // A duration a demuxer could not know (VobSub from an old ffmpeg) stays unknown rather than
  // overflowing the output time base.
  if (packet->duration < 0 || packet->duration > (std::int64_t{1} << 40))
    packet->duration = 0;
  av_packet_rescale_ts(packet.get(), from, out->time_base);
  // Two packets at one time (a coarse source time base, a joined film): libav refuses the second,
  // so it moves one tick on, as ffmpeg and mkvmerge do; the count is reported.
  auto& last = last_dts_[static_cast<std::size_t>(out_index)];
  if (packet->dts != AV_NOPTS_VALUE && last != AV_NOPTS_VALUE && packet->dts <= last &&
      (output_->oformat->flags & AVFMT_TS_NONSTRICT) == 0) {
    packet->dts = last + 1;
    if (packet->pts != AV_NOPTS_VALUE && packet->pts < packet->dts)
      packet->pts = packet->dts;
    ++moved_dts_[static_cast<std::size_t>(out_index)];
  }
  if (packet->dts != AV_NOPTS_VALUE)
    last = packet->dts;
  const int ret = av_interleaved_write_frame(output_.get(), packet.get());
  if (ret < 0)
    throw EnvironmentError("writing " + plan_.output + " (stream " + std::to_string(out_index) +
                           "): " + av_error_text(ret));
}

Packet subtitle_packet(const SubtitlePacket& cue) {
  Packet packet = new_packet();
  check(av_new_packet(packet.get(), static_cast<int>(cue.data.size())), "av_new_packet");
  std::copy(cue.data.begin(), cue.data.end(), packet->data);
  packet->pts = packet->dts = cue.start_ms;
  packet->duration = cue.duration_ms;
  packet->flags |= AV_PKT_FLAG_KEY;
  const auto side = [&packet](AVPacketSideDataType type, const std::string& value) {
    if (value.empty())
      return;
    std::uint8_t* data = av_packet_new_side_data(packet.get(), type, value.size());
    if (data == nullptr)
      throw std::bad_alloc();
    std::copy(value.begin(), value.end(), data);
  };
  side(AV_PKT_DATA_WEBVTT_IDENTIFIER, cue.webvtt_id);
  side(AV_PKT_DATA_WEBVTT_SETTINGS, cue.webvtt_settings);
  return packet;
}

// Merges all sources in timestamp order, so libav's interleaving queue stays short and memory does
// not grow with the film's length.
void Muxer::write_packets(const Progress& progress) {
  int last_percent = -1;
  for (;;) {
    int best_demuxer = -1;
    int best_subtitle = -1;
    std::int64_t best_ts = 0;
    AVRational best_tb{1, 1};
    const auto consider = [&](std::int64_t ts, AVRational tb, int demuxer, int subtitle) {
      if (ts == AV_NOPTS_VALUE)
        ts = INT64_MIN / 2;  // no timestamp: write at once
      if ((best_demuxer < 0 && best_subtitle < 0) || av_compare_ts(ts, tb, best_ts, best_tb) < 0) {
        best_demuxer = demuxer;
        best_subtitle = subtitle;
        best_ts = ts;
        best_tb = tb;
      }
    };
    for (std::size_t d = 0; d < demuxers_.size(); ++d) {
      DemuxSource& source = demuxers_[d];
      if (!fill(source))
        continue;
      const AVStream* in = source.input->streams[source.pending->stream_index];
      const std::int64_t ts =
          source.pending->dts != AV_NOPTS_VALUE ? source.pending->dts : source.pending->pts;
      consider(ts, in->time_base, static_cast<int>(d), -1);
    }
    for (std::size_t s = 0; s < subtitles_.size(); ++s) {
      const SubtitleSource& source = subtitles_[s];
      if (source.next < source.track.packets.size())
        consider(source.track.packets[source.next].start_ms, kMilliseconds, -1,
                 static_cast<int>(s));
    }
    if (best_demuxer < 0 && best_subtitle < 0)
      break;
    if (best_demuxer >= 0) {
      DemuxSource& source = demuxers_[static_cast<std::size_t>(best_demuxer)];
      Packet packet = std::move(source.pending);
      const AVStream* in = source.input->streams[packet->stream_index];
      const int out_index = source.out_index[static_cast<std::size_t>(packet->stream_index)];
      if (best_demuxer == 0 && progress && film_duration_ > 0 && packet->pts != AV_NOPTS_VALUE) {
        const double seconds = static_cast<double>(packet->pts) * av_q2d(in->time_base);
        const int percent = static_cast<int>(std::clamp(seconds / film_duration_, 0.0, 1.0) * 100);
        if (percent != last_percent) {
          last_percent = percent;
          progress(percent / 100.0);
        }
      }
      write(std::move(packet), out_index, in->time_base);
    } else {
      SubtitleSource& source = subtitles_[static_cast<std::size_t>(best_subtitle)];
      write(subtitle_packet(source.track.packets[source.next++]), source.out_index, kMilliseconds);
    }
  }
  if (progress)
    progress(1.0);
}

void Muxer::patch_languages(const std::string& path) {
  if (mp4_family(format_)) {
    std::map<std::uint32_t, std::string> tags;
    for (const OutStream& out : streams_) {
      if (!out.language.empty())
        tags[static_cast<std::uint32_t>(out.stream->index + 1)] = out.language.to_string();
    }
    write_mp4_languages(path, tags);
    return;
  }
  std::vector<MatroskaTrackLanguage> tracks;
  for (const OutStream& out : streams_) {
    if (out.stream->codecpar->codec_type == AVMEDIA_TYPE_ATTACHMENT)
      continue;
    tracks.push_back({out.title, out.language.empty() ? "" : out.language.to_string()});
  }
  write_matroska_languages(path, tracks);
}

std::vector<MuxedStream> Muxer::run(const Progress& progress) {
  format_ = output_format(plan_.output);
  check_paths();
  const MediaInfo info = probe(plan_.film, diag_);

  film_duration_ = info.duration_seconds;
  const TempFile temp(plan_.output);
  {
    AVFormatContext* raw = nullptr;
    check(avformat_alloc_output_context2(&raw, format_, nullptr, temp.path().c_str()),
          "avformat_alloc_output_context2");
    output_.reset(raw);
  }
  DemuxSource film{plan_.film, open_input(plan_.film), {}, nullptr, false};
  film.out_index.assign(film.input->nb_streams, -1);
  demuxers_.push_back(std::move(film));
  add_film_streams(info);
  for (const AddedAudio& audio : plan_.audio)
    add_audio(audio);
  for (const AddedSubtitle& subtitle : plan_.subtitles)
    add_document(subtitle.doc, subtitle.settings, fs::path(subtitle.source).filename().string(),
                 subtitle.source, nullptr);
  copy_chapters_and_metadata();
  const bool matroska = !mp4_family(format_);
  for (OutStream& out : streams_) {
    const std::string legacy = out.language.empty() ? "und"
                                                    : (matroska ? out.language.to_iso639_2b()
                                                                : out.language.to_iso639_2t());
    set_metadata(out.stream, "language", legacy);
    const bool reserve = matroska && !out.language.empty() &&
                         out.stream->codecpar->codec_type != AVMEDIA_TYPE_ATTACHMENT;
    set_metadata(out.stream, "title",
                 reserve ? reserve_language_room(out.title, out.language.to_string()) : out.title);
    // MP4 keeps a track's name in its handler box.
    if (!matroska && !out.title.empty())
      set_metadata(out.stream, "handler_name", out.title);
  }
  // Copied timestamps stay as they are: no shift for AAC priming or B-frame delay.
  output_->avoid_negative_ts = AVFMT_AVOID_NEG_TS_DISABLED;
  // libav's own log, for debugging a mux: KOPRU_LIBAV_LOG=1.
  if (std::getenv("KOPRU_LIBAV_LOG") != nullptr)
    av_log_set_level(AV_LOG_VERBOSE);
  check(avio_open(&output_->pb, temp.path().c_str(), AVIO_FLAG_WRITE),
        "cannot create " + temp.path().string());
  // Matroska's CRC-32 elements are optional and mkvmerge does not write them; computing one over
  // every Cluster took a third of the remux time.
  AVDictionary* options = nullptr;
  if (matroska)
    av_dict_set(&options, "write_crc32", "0", 0);
  const int header = avformat_write_header(output_.get(), &options);
  av_dict_free(&options);
  check(header, "writing the header of " + plan_.output);
  last_dts_.assign(streams_.size(), AV_NOPTS_VALUE);
  moved_dts_.assign(streams_.size(), 0);
  write_packets(progress);
  for (std::size_t i = 0; i < moved_dts_.size(); ++i) {
    if (moved_dts_[i] > 0)
      diag_.add(Severity::warning, SourceLocation{plan_.film, 0, 0, -1}, "mux-dts-moved",
                "output stream " + std::to_string(i) + " (" + streams_[i].origin +
                    "): " + std::to_string(moved_dts_[i]) +
                    " packets had the time of the packet before them and were moved one tick on");
  }
  check(av_write_trailer(output_.get()), "finishing " + plan_.output);
  check(avio_closep(&output_->pb), "closing " + plan_.output);
  patch_languages(temp.path().string());
  std::vector<MuxedStream> written;
  for (const OutStream& out : streams_) {
    written.push_back({out.stream->index, type_name(out.stream->codecpar->codec_type),
                       codec_name_of(out.stream->codecpar->codec_id), out.origin,
                       out.language.empty() ? "und" : out.language.to_string(), out.title});
  }
  output_.reset();
  const_cast<TempFile&>(temp).commit(plan_.output);
  return written;
}

}  // namespace

std::vector<MuxedStream> mux(const MuxPlan& plan, Diagnostics& diag, const Progress& progress) {
  return Muxer(plan, diag).run(progress);
}

}  // namespace kopru::media
