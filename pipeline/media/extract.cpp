#include "pipeline/media/extract.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <vector>

#include "pipeline/core/error.h"
#include "pipeline/media/libav.h"
#include "pipeline/model/time.h"

namespace kopru::media {

namespace {

struct PacketDeleter {
  void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
using Packet = std::unique_ptr<AVPacket, PacketDeleter>;

// SubRip and WebVTT times: the model's formatter. ASS counts centiseconds, H:MM:SS.cc.
std::string clock(std::int64_t ms, char separator) {
  return format_hms_ms(from_ms(ms), separator);
}

std::string ass_clock(std::int64_t ms) {
  const std::int64_t cs = to_cs(from_ms(std::max<std::int64_t>(0, ms)));
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%lld:%02lld:%02lld.%02lld",
                static_cast<long long>(cs / 360000), static_cast<long long>(cs / 6000 % 60),
                static_cast<long long>(cs / 100 % 60), static_cast<long long>(cs % 100));
  return text.data();
}

// Text from a packet: up to the first NUL (some muxers terminate strings), CRLF kept as it is.
std::string packet_text(const AVPacket& packet) {
  std::string text(reinterpret_cast<const char*>(packet.data),
                   static_cast<std::size_t>(packet.size));
  if (const auto nul = text.find('\0'); nul != std::string::npos)
    text.resize(nul);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

std::string side_data(const AVPacket& packet, AVPacketSideDataType type) {
  std::size_t size = 0;
  const std::uint8_t* data = av_packet_get_side_data(&packet, type, &size);
  return data == nullptr ? "" : std::string(reinterpret_cast<const char*>(data), size);
}

struct DecoderCloser {
  void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
using Decoder = std::unique_ptr<AVCodecContext, DecoderCloser>;

// A track being rebuilt as a text file.
struct Builder {
  AVCodecID codec = AV_CODEC_ID_NONE;
  AVRational time_base{1, 1000};
  ExtractedTrack track;
  Decoder decoder;  // mov_text: libav's decoder turns tx3g style records into ASS override tags

  void add(const AVPacket& packet) {
    if (packet.pts == AV_NOPTS_VALUE)
      return;
    const std::int64_t start = av_rescale_q(packet.pts, time_base, {1, 1000});
    const std::int64_t end = start + av_rescale_q(packet.duration, time_base, {1, 1000});
    ++track.cues;
    switch (codec) {
      case AV_CODEC_ID_ASS:
      case AV_CODEC_ID_SSA:
        add_ass(packet_text(packet), start, end);
        break;
      case AV_CODEC_ID_WEBVTT:
        add_vtt(packet, start, end);
        break;
      case AV_CODEC_ID_MOV_TEXT:
        add_mov_text(packet, start, end);
        break;
      default:
        add_srt(packet_text(packet), start, end);
        break;
    }
  }

  void add_srt(const std::string& text, std::int64_t start, std::int64_t end) {
    track.text += std::to_string(track.cues) + "\n" + clock(start, ',') + " --> " +
                  clock(end, ',') + "\n" + text + "\n\n";
  }
  // Matroska ASS packets: ReadOrder, Layer, Style, Name, MarginL, MarginR, MarginV, Effect, Text.
  void add_ass(const std::string& data, std::int64_t start, std::int64_t end) {
    const std::size_t read_order_end = data.find(',');
    const std::size_t layer_end = read_order_end == std::string::npos
                                      ? std::string::npos
                                      : data.find(',', read_order_end + 1);
    if (layer_end == std::string::npos) {
      --track.cues;
      return;
    }
    const std::string layer = data.substr(read_order_end + 1, layer_end - read_order_end - 1);
    track.text += "Dialogue: " + layer + "," + ass_clock(start) + "," + ass_clock(end) +
                  with_zero_margins(data.substr(layer_end)) + "\n";
  }
  // ",Style,Name,MarginL,MarginR,MarginV,Effect,Text": muxers often leave the margins empty,
  // which players read as 0 (the style's margin); the ASS reader wants the number.
  static std::string with_zero_margins(const std::string& fields) {
    std::vector<std::string> parts;  // "", Style, Name, MarginL, MarginR, MarginV, rest
    std::size_t pos = 0;
    while (parts.size() < 6) {
      const std::size_t comma = fields.find(',', pos);
      if (comma == std::string::npos)
        return fields;
      parts.push_back(fields.substr(pos, comma - pos));
      pos = comma + 1;
    }
    parts.push_back(fields.substr(pos));
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i > 0)
        out += ',';
      out += (i >= 3 && i <= 5 && parts[i].empty()) ? "0" : parts[i];
    }
    return out;
  }
  void add_vtt(const AVPacket& packet, std::int64_t start, std::int64_t end) {
    const std::string id = side_data(packet, AV_PKT_DATA_WEBVTT_IDENTIFIER);
    const std::string settings = side_data(packet, AV_PKT_DATA_WEBVTT_SETTINGS);
    if (!id.empty())
      track.text += id + "\n";
    track.text += clock(start, '.') + " --> " + clock(end, '.');
    if (!settings.empty())
      track.text += " " + settings;
    track.text += "\n" + packet_text(packet) + "\n\n";
  }
  // tx3g samples decode to ASS dialogue in the Matroska block layout; an empty sample is the gap
  // between two cues, not a cue.
  void add_mov_text(const AVPacket& packet, std::int64_t start, std::int64_t end) {
    AVSubtitle subtitle{};
    int got = 0;
    const int ret =
        avcodec_decode_subtitle2(decoder.get(), &subtitle, &got, const_cast<AVPacket*>(&packet));
    std::string dialogue;
    if (ret >= 0 && got != 0) {
      for (unsigned i = 0; i < subtitle.num_rects; ++i) {
        if (subtitle.rects[i]->ass != nullptr)
          dialogue = subtitle.rects[i]->ass;
      }
      avsubtitle_free(&subtitle);
    }
    std::size_t text_at = 0;
    for (int comma = 0; comma < 8 && text_at != std::string::npos; ++comma)
      text_at = dialogue.find(',', text_at == 0 ? 0 : text_at + 1);
    if (text_at == std::string::npos || text_at + 1 >= dialogue.size()) {
      --track.cues;
      return;
    }
    add_ass(dialogue, start, end);
    track.exact_ms.emplace_back(start, end);
  }
};

const char* format_of(AVCodecID codec) {
  switch (codec) {
    case AV_CODEC_ID_ASS:
    case AV_CODEC_ID_SSA:
      return "ass";
    case AV_CODEC_ID_WEBVTT:
      return "vtt";
    default:
      return "srt";
  }
}

Decoder open_mov_text_decoder(const AVStream& stream, const std::string& path) {
  const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_MOV_TEXT);
  if (codec == nullptr)
    throw EnvironmentError("this libav has no mov_text decoder");
  Decoder decoder(avcodec_alloc_context3(codec));
  if (!decoder)
    throw EnvironmentError("out of memory");
  int ret = avcodec_parameters_to_context(decoder.get(), stream.codecpar);
  decoder->pkt_timebase = stream.time_base;
  if (ret >= 0)
    ret = avcodec_open2(decoder.get(), codec, nullptr);
  if (ret < 0 || decoder->subtitle_header == nullptr)
    throw ParseError("stream " + std::to_string(stream.index) +
                         ": unreadable mov_text sample description (" + av_error_text(ret) + ")",
                     SourceLocation{path, 0, 0, -1});
  return decoder;
}

bool extractable(AVCodecID codec) {
  return codec == AV_CODEC_ID_SUBRIP || codec == AV_CODEC_ID_TEXT || codec == AV_CODEC_ID_ASS ||
         codec == AV_CODEC_ID_SSA || codec == AV_CODEC_ID_WEBVTT || codec == AV_CODEC_ID_MOV_TEXT;
}

}  // namespace

std::vector<ExtractedTrack> extract_tracks(const std::string& path, const std::vector<int>& streams,
                                           Diagnostics& diag,
                                           const std::vector<int>& webvtt_streams) {
  InputContext context = open_input(path);
  std::map<int, Builder> builders;
  for (const int index : streams) {
    if (index < 0 || static_cast<unsigned>(index) >= context->nb_streams)
      throw UsageError("the film has no stream " + std::to_string(index));
    const AVStream& st = *context->streams[index];
    const AVCodecParameters& par = *st.codecpar;
    const bool known_webvtt =
        std::find(webvtt_streams.begin(), webvtt_streams.end(), index) != webvtt_streams.end();
    const AVCodecID codec_id = known_webvtt ? AV_CODEC_ID_WEBVTT : par.codec_id;
    const AVCodecDescriptor* descriptor = avcodec_descriptor_get(codec_id);
    const std::string name = descriptor != nullptr ? descriptor->name : "unknown";
    if (par.codec_type != AVMEDIA_TYPE_SUBTITLE && !known_webvtt)
      throw UsageError("stream " + std::to_string(index) + " is not a subtitle track (" + name +
                       ")");
    if (!extractable(codec_id)) {
      const bool bitmap =
          descriptor != nullptr && (descriptor->props & AV_CODEC_PROP_BITMAP_SUB) != 0;
      throw UsageError("stream " + std::to_string(index) + " (" + name + ") " +
                       (bitmap ? "holds pictures of text, not text: it needs OCR, which Kopru "
                                 "does not do"
                               : "is a subtitle format Kopru does not extract yet"));
    }
    Builder& b = builders[index];
    b.codec = codec_id;
    b.time_base = st.time_base;
    b.track.index = index;
    b.track.format = format_of(codec_id);
    b.track.output_format = b.track.format;
    std::string header = par.extradata != nullptr
                             ? std::string(reinterpret_cast<const char*>(par.extradata),
                                           static_cast<std::size_t>(par.extradata_size))
                             : "";
    if (codec_id == AV_CODEC_ID_MOV_TEXT) {
      b.decoder = open_mov_text_decoder(st, path);
      header.assign(reinterpret_cast<const char*>(b.decoder->subtitle_header),
                    static_cast<std::size_t>(b.decoder->subtitle_header_size));
      b.track.format = "ass";
      b.track.output_format = "srt";
    }
    if (b.track.format == "ass") {
      // Matroska fixes the block layout whatever the header's own [Events] Format line says, so
      // the events section is rewritten to match the Dialogue lines built from the blocks.
      std::string script = header.substr(0, header.find('\0'));
      script = script.substr(0, script.find("[Events]"));
      if (!script.empty() && script.back() != '\n')
        script += '\n';
      const bool ssa = script.find("[V4 Styles]") != std::string::npos;
      script += std::string("[Events]\nFormat: ") + (ssa ? "Marked" : "Layer") +
                ", Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n";
      b.track.text = std::move(script);
    } else if (b.track.format == "vtt") {
      // The Matroska WebVTT mapping keeps the file's header (WEBVTT line, STYLE and REGION
      // blocks) in CodecPrivate.
      std::string vtt_header = header.substr(0, header.find('\0'));
      while (!vtt_header.empty() && (vtt_header.back() == '\n' || vtt_header.back() == '\r'))
        vtt_header.pop_back();
      b.track.text = (vtt_header.starts_with("WEBVTT") ? vtt_header : "WEBVTT") + "\n\n";
    }
  }
  Packet packet(av_packet_alloc());
  if (!packet)
    throw EnvironmentError("out of memory");
  std::string read_error;
  while (true) {
    const int ret = av_read_frame(context.get(), packet.get());
    if (ret == AVERROR_EOF)
      break;
    if (ret < 0) {
      // Demuxers cannot be trusted to resync after a damaged packet, so reading stops here.
      read_error = av_error_text(ret);
      if (context->pb != nullptr)
        read_error += " at byte " + std::to_string(avio_tell(context->pb));
      diag.warn(0, 0, "extract-read-error",
                "reading stopped early (" + read_error + "); the cues before it are kept");
      break;
    }
    if (auto it = builders.find(packet->stream_index); it != builders.end())
      it->second.add(*packet);
    av_packet_unref(packet.get());
  }
  std::vector<ExtractedTrack> tracks;
  for (const int index : streams) {
    Builder& b = builders[index];
    if (!read_error.empty() && b.track.cues == 0)
      throw ParseError(
          "stream " + std::to_string(index) + ": no cue could be read (" + read_error + ")",
          SourceLocation{path, 0, 0, -1});
    tracks.push_back(std::move(b.track));
  }
  return tracks;
}

void restore_track_details(Document& doc, const ExtractedTrack& track) {
  if (track.exact_ms.size() != doc.cues.size())
    return;
  for (std::size_t i = 0; i < doc.cues.size(); ++i) {
    doc.cues[i].start = from_ms(track.exact_ms[i].first);
    doc.cues[i].end = from_ms(track.exact_ms[i].second);
    if (doc.cues[i].style == "Default")
      doc.cues[i].style.clear();
  }
}

}  // namespace kopru::media
