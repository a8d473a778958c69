#include "pipeline/media/subtitle_packets.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/mem.h>
}

#include <algorithm>
#include <memory>
#include <string_view>

#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "pipeline/core/lines.h"
#include "pipeline/media/libav.h"
#include "pipeline/model/time.h"

namespace kopru::media {

namespace {

std::string write_as(const Document& doc, std::string_view format, Diagnostics& diag) {
  const codecs::Codec* codec = codecs::find_codec(format);
  if (codec == nullptr)
    throw InternalError("no " + std::string(format) + " writer");
  return codec->write(doc, codecs::WriteOptions{}, diag);
}

std::int64_t duration_ms(const Cue& cue) {
  return std::max<std::int64_t>(0, to_ms(cue.end) - to_ms(cue.start));
}

std::string cue_label(std::size_t index) {
  return "cue " + std::to_string(index + 1);
}

// SubRip: each cue is written alone and its index and timing lines are dropped, so the payload is
// exactly what the SubRip writer puts under the timing line.
SubtitleTrack subrip_track(const Document& doc, Diagnostics& diag) {
  write_as(doc, "srt", diag);  // the losses, reported once with the document's cue numbers
  SubtitleTrack track;
  Document single;
  single.meta = doc.meta;
  single.styles = doc.styles;
  Diagnostics ignored;
  for (const Cue& cue : doc.cues) {
    single.cues.assign(1, cue);
    std::string text = write_as(single, "srt", ignored);
    // "1\nHH:MM:SS,mmm --> HH:MM:SS,mmm\n<payload>\n\n"
    for (int line = 0; line < 2; ++line) {
      const auto eol = text.find('\n');
      text.erase(0, eol == std::string::npos ? text.size() : eol + 1);
    }
    while (!text.empty() && text.back() == '\n')
      text.pop_back();
    track.packets.push_back({to_ms(cue.start), duration_ms(cue), std::move(text), "", ""});
  }
  return track;
}

// Splits "Dialogue: 0,0:00:01.00,0:00:03.20,Default,,0,0,0,,Text" into the event kind and its
// ten fields (the last, Text, keeps its commas).
struct AssEvent {
  bool comment = false;
  std::vector<std::string> fields;
};

std::vector<AssEvent> ass_events(std::string_view script, std::string& header) {
  std::vector<AssEvent> events;
  bool in_events = false;
  std::size_t header_end = std::string_view::npos;
  std::size_t pos = 0;
  while (pos < script.size()) {
    std::size_t eol = script.find('\n', pos);
    if (eol == std::string_view::npos)
      eol = script.size();
    const std::string_view line = script.substr(pos, eol - pos);
    if (!line.empty() && line.front() == '[')
      in_events = line.starts_with("[Events]");
    const bool dialogue = line.starts_with("Dialogue:");
    if (in_events && (dialogue || line.starts_with("Comment:"))) {
      if (header_end == std::string_view::npos)
        header_end = pos;
      AssEvent event;
      event.comment = !dialogue;
      std::string_view rest = line.substr(line.find(':') + 1);
      if (rest.starts_with(' '))
        rest.remove_prefix(1);
      for (int field = 0; field < 9; ++field) {
        const auto comma = rest.find(',');
        if (comma == std::string_view::npos)
          throw InternalError("the ASS writer wrote an event with too few fields");
        event.fields.emplace_back(rest.substr(0, comma));
        rest.remove_prefix(comma + 1);
      }
      event.fields.emplace_back(rest);
      events.push_back(std::move(event));
    }
    pos = eol + 1;
  }
  header = std::string(
      script.substr(0, header_end == std::string_view::npos ? script.size() : header_end));
  while (!header.empty() && header.back() == '\n')
    header.pop_back();
  header += '\n';
  return events;
}

// Matroska's and libav's ASS packet:
// ReadOrder,Layer,Style,Name,MarginL,MarginR,MarginV,Effect,Text.
std::string ass_packet(std::size_t read_order, const AssEvent& event) {
  std::string out = std::to_string(read_order);
  out += ',' + event.fields[0];
  for (std::size_t field = 3; field < event.fields.size(); ++field)
    out += ',' + event.fields[field];
  return out;
}

SubtitleTrack ass_track(const Document& doc, Diagnostics& diag, std::vector<std::string>& lines) {
  const std::string script = write_as(doc, "ass", diag);
  SubtitleTrack track;
  track.codec = SubtitleCodec::ass;
  const std::vector<AssEvent> events = ass_events(script, track.extradata);
  if (events.size() != doc.cues.size())
    throw InternalError("the ASS writer wrote " + std::to_string(events.size()) + " events for " +
                        std::to_string(doc.cues.size()) + " cues");
  std::size_t read_order = 0;
  for (std::size_t i = 0; i < doc.cues.size(); ++i) {
    const Cue& cue = doc.cues[i];
    if (events[i].comment) {
      diag.warn(0, 0, "mux-comment-dropped",
                cue_label(i) +
                    ": an ASS comment is not a displayed event; a film track leaves "
                    "it out");
      continue;
    }
    std::string data = ass_packet(read_order++, events[i]);
    lines.push_back(data);
    track.packets.push_back({to_ms(cue.start), duration_ms(cue), std::move(data), "", ""});
  }
  return track;
}

// WebVTT: the writer's cue blocks are "[id\n]timing settings\npayload"; the blocks before the first
// cue (the WEBVTT line with its metadata, STYLE, REGION, NOTE) are the track's CodecPrivate, as
// the Matroska WebVTT mapping and mkvmerge have it.
SubtitleTrack webvtt_track(const Document& doc, Diagnostics& diag) {
  const std::string text = write_as(doc, "vtt", diag);
  SubtitleTrack track;
  track.codec = SubtitleCodec::webvtt;
  std::size_t cue = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find("\n\n", pos);
    if (end == std::string::npos)
      end = text.size();
    const std::string_view block = std::string_view(text).substr(pos, end - pos);
    std::vector<std::string_view> lines;
    for (const TextLine& line : split_lines(block))
      lines.push_back(line.text);
    pos = end + 2;
    std::size_t timing = 0;
    while (timing < lines.size() && timing < 2 &&
           lines[timing].find("-->") == std::string_view::npos)
      ++timing;
    if (timing >= lines.size() || lines[timing].find("-->") == std::string_view::npos) {
      if (track.packets.empty() && !block.empty()) {
        if (!track.extradata.empty())
          track.extradata += "\n\n";
        track.extradata += block;
      }
      continue;
    }
    while (cue < doc.cues.size() && doc.cues[cue].comment)
      ++cue;
    if (cue >= doc.cues.size())
      throw InternalError("the WebVTT writer wrote more cues than the document has");
    SubtitlePacket packet{to_ms(doc.cues[cue].start), duration_ms(doc.cues[cue]), "", "", ""};
    if (timing == 1)
      packet.webvtt_id = std::string(lines[0]);
    const std::string_view timing_line = lines[timing];
    // The settings follow the end time: "00:00:01.000 --> 00:00:03.000 line:10%".
    const auto arrow = timing_line.find("-->");
    const auto settings = timing_line.find(' ', arrow + 4);
    if (settings != std::string_view::npos)
      packet.webvtt_settings = std::string(timing_line.substr(settings + 1));
    for (std::size_t i = timing + 1; i < lines.size(); ++i) {
      if (i > timing + 1)
        packet.data += '\n';
      packet.data += lines[i];
    }
    track.packets.push_back(std::move(packet));
    ++cue;
  }
  if (!track.extradata.empty())
    track.extradata += '\n';
  return track;
}

struct CodecContextCloser {
  void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};

// What tx3g cannot show, per cue: libav's mov_text encoder keeps bold, italic, underline, colour,
// alpha, font and size; the rest of the markup is dropped.
void report_mov_text_losses(const Document& doc, Diagnostics& diag) {
  for (std::size_t i = 0; i < doc.cues.size(); ++i) {
    const Cue& cue = doc.cues[i];
    std::vector<std::string> lost;
    auto add = [&lost](const std::string& what) {
      if (std::find(lost.begin(), lost.end(), what) == lost.end())
        lost.push_back(what);
    };
    if (!cue.placement.is_default())
      add("position");
    if (!cue.speaker.empty())
      add("speaker name");
    for (const Run& run : cue.runs) {
      if (run.kind == RunKind::timestamp)
        add("karaoke timing");
      if (run.kind == RunKind::raw)
        add("effect markup");
      for (const Span& span : run.spans) {
        switch (span.kind) {
          case SpanKind::strike:
            add("strike-through");
            break;
          case SpanKind::ruby:
          case SpanKind::ruby_text:
            add("ruby");
            break;
          case SpanKind::voice:
            add("voice span");
            break;
          case SpanKind::css_class:
            add("class");
            break;
          case SpanKind::lang:
            add("language span");
            break;
          default:
            break;
        }
      }
    }
    if (lost.empty())
      continue;
    std::string list;
    for (const auto& what : lost)
      list += (list.empty() ? "" : ", ") + what;
    diag.warn(0, 0, "mux-lossy-mov-text",
              cue_label(i) + ": mov_text (MP4 tx3g) cannot carry: " + list);
  }
}

SubtitleTrack mov_text_track(const Document& doc, Diagnostics& diag) {
  std::vector<std::string> dialogue;
  Diagnostics ass_diag;  // ASS carries more than tx3g: its losses are not the track's
  const SubtitleTrack ass = ass_track(doc, ass_diag, dialogue);
  for (const auto& d : ass_diag.all()) {
    if (d.code == "mux-comment-dropped")
      diag.add(d.severity, d.where, d.code, d.message);
  }
  report_mov_text_losses(doc, diag);
  const AVCodec* encoder = avcodec_find_encoder(AV_CODEC_ID_MOV_TEXT);
  if (encoder == nullptr)
    throw EnvironmentError("this libav has no mov_text encoder");
  std::unique_ptr<AVCodecContext, CodecContextCloser> context(avcodec_alloc_context3(encoder));
  if (!context)
    throw std::bad_alloc();
  context->time_base = AVRational{1, 1000};
  // libav's encoder reads its default style from the ASS script header.
  context->subtitle_header = static_cast<std::uint8_t*>(av_mallocz(ass.extradata.size() + 1));
  if (context->subtitle_header == nullptr)
    throw std::bad_alloc();
  std::copy(ass.extradata.begin(), ass.extradata.end(), context->subtitle_header);
  context->subtitle_header_size = static_cast<int>(ass.extradata.size());
  if (const int ret = avcodec_open2(context.get(), encoder, nullptr); ret < 0)
    throw InternalError("mov_text encoder: " + av_error_text(ret));
  SubtitleTrack track;
  track.codec = SubtitleCodec::mov_text;
  track.extradata.assign(reinterpret_cast<const char*>(context->extradata),
                         static_cast<std::size_t>(std::max(0, context->extradata_size)));
  std::vector<std::uint8_t> buffer(1U << 16U);
  for (std::size_t i = 0; i < ass.packets.size(); ++i) {
    AVSubtitleRect rect{};
    rect.type = SUBTITLE_ASS;
    rect.ass = const_cast<char*>(dialogue[i].c_str());  // read only by the encoder
    AVSubtitleRect* rects[] = {&rect};
    AVSubtitle subtitle{};
    subtitle.num_rects = 1;
    subtitle.rects = rects;
    subtitle.end_display_time = static_cast<std::uint32_t>(ass.packets[i].duration_ms);
    const int size = avcodec_encode_subtitle(context.get(), buffer.data(),
                                             static_cast<int>(buffer.size()), &subtitle);
    if (size < 0)
      throw InputError("cue " + std::to_string(i + 1) + " is too long for a mov_text sample (" +
                       av_error_text(size) + ")");
    SubtitlePacket packet = ass.packets[i];
    packet.data.assign(reinterpret_cast<const char*>(buffer.data()),
                       static_cast<std::size_t>(size));
    track.packets.push_back(std::move(packet));
  }
  return track;
}

}  // namespace

const char* codec_name(SubtitleCodec codec) {
  switch (codec) {
    case SubtitleCodec::subrip:
      return "subrip";
    case SubtitleCodec::ass:
      return "ass";
    case SubtitleCodec::webvtt:
      return "webvtt";
    case SubtitleCodec::mov_text:
      return "mov_text";
  }
  return "subrip";
}

SubtitleCodec subtitle_codec_for(const Document& doc, bool mp4_family) {
  if (mp4_family)
    return SubtitleCodec::mov_text;
  if (doc.meta.source_format == "ass")
    return SubtitleCodec::ass;
  if (doc.meta.source_format == "vtt")
    return SubtitleCodec::webvtt;
  return SubtitleCodec::subrip;
}

SubtitleTrack encode_subtitles(const Document& doc, SubtitleCodec codec, Diagnostics& diag) {
  switch (codec) {
    case SubtitleCodec::subrip:
      return subrip_track(doc, diag);
    case SubtitleCodec::ass: {
      std::vector<std::string> unused;
      return ass_track(doc, diag, unused);
    }
    case SubtitleCodec::webvtt:
      return webvtt_track(doc, diag);
    case SubtitleCodec::mov_text:
      return mov_text_track(doc, diag);
  }
  return subrip_track(doc, diag);
}

}  // namespace kopru::media
