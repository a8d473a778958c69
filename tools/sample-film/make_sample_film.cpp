// kopru-make-sample-film: writes the repository's sample film (a 14 s Matroska file with one
// MPEG-4 Part 2 video stream and two AAC audio streams) using only libav's own encoders, so that
// anyone with the same FFmpeg build can regenerate it byte for byte:
//
//   kopru-make-sample-film OUT.mkv
//
// The picture is scrolling colour bars with a bouncing box, an "SS:FF" counter and a progress bar,
// so subtitle timing can be checked by eye. Audio track 1 ("Original", kaz) plays a melody of one
// note per half second; track 2 ("Dublyaj", uzb) beeps on every whole second (higher on every
// keyframe, i.e. every 2 s). Subtitles are added afterwards with `kopru mux`.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libavutil/mathematics.h>
}

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <numbers>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace kopru::tools {
namespace {

constexpr int kWidth = 640;
constexpr int kHeight = 360;
constexpr int kFps = 25;
constexpr int kSeconds = 14;
constexpr int kVideoFrames = kSeconds * kFps;
constexpr int kGopFrames = 2 * kFps;
// MPEG-4 quantiser (2 = best, 31 = worst); 5 keeps the film near 1 MB.
constexpr int kVideoQuantiser = 5;
constexpr int kSampleRate = 48000;
constexpr int kAudioBitRate = 64000;
constexpr int64_t kFilmSamples = int64_t{kSeconds} * kSampleRate;

// ---- libav ownership and errors -------------------------------------------------------------

struct OutputCloser {
  void operator()(AVFormatContext* context) const {
    if (context->pb != nullptr && (context->oformat->flags & AVFMT_NOFILE) == 0) {
      avio_closep(&context->pb);
    }
    avformat_free_context(context);
  }
};
struct CodecContextFree {
  void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
struct FrameFree {
  void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketFree {
  void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
using OutputContext = std::unique_ptr<AVFormatContext, OutputCloser>;
using CodecContext = std::unique_ptr<AVCodecContext, CodecContextFree>;
using FramePtr = std::unique_ptr<AVFrame, FrameFree>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFree>;

std::string av_error_text(int code) {
  std::array<char, AV_ERROR_MAX_STRING_SIZE> text{};
  av_strerror(code, text.data(), text.size());
  return text.data();
}

// Returns `code` when libav succeeded; otherwise throws naming the call and libav's reason.
int check(int code, const std::string& call) {
  if (code < 0) {
    throw std::runtime_error(call + " failed: " + av_error_text(code));
  }
  return code;
}

template <typename T>
T* check_alloc(T* pointer, const std::string& call) {
  if (pointer == nullptr) {
    throw std::runtime_error(call + " failed: " + av_error_text(AVERROR(ENOMEM)));
  }
  return pointer;
}

// ---- picture --------------------------------------------------------------------------------

struct Rgb {
  int r = 0;
  int g = 0;
  int b = 0;
};

// Limited-range BT.601, matching the colour description written into the stream.
uint8_t luma(Rgb c) {
  return static_cast<uint8_t>(
      std::lround(16 + (65.738 * c.r + 129.057 * c.g + 25.064 * c.b) / 256.0));
}
uint8_t chroma_blue(Rgb c) {
  return static_cast<uint8_t>(
      std::lround(128 + (-37.945 * c.r - 74.494 * c.g + 112.439 * c.b) / 256.0));
}
uint8_t chroma_red(Rgb c) {
  return static_cast<uint8_t>(
      std::lround(128 + (112.439 * c.r - 94.154 * c.g - 18.285 * c.b) / 256.0));
}

// 3x5 glyphs for "0"-"9" and ":", one row per 3 bits (most significant bit = left column).
bool glyph_lit(char glyph, int column, int row) {
  static constexpr std::array<std::array<uint8_t, 5>, 11> kGlyphs{{
      {7, 5, 5, 5, 7},
      {2, 6, 2, 2, 7},
      {7, 1, 7, 4, 7},
      {7, 1, 7, 1, 7},
      {5, 5, 7, 1, 1},
      {7, 4, 7, 1, 7},
      {7, 4, 7, 5, 7},
      {7, 1, 1, 1, 1},
      {7, 5, 7, 5, 7},
      {7, 5, 7, 1, 7},
      {0, 2, 0, 2, 0},
  }};
  const int index = glyph == ':' ? 10 : glyph - '0';
  return ((kGlyphs[static_cast<size_t>(index)][static_cast<size_t>(row)] >> (2 - column)) & 1) != 0;
}

// The frame's "SS:FF" counter drawn at (kCounterX, kCounterY), each glyph cell scaled up.
constexpr int kCounterX = 24;
constexpr int kCounterY = 24;
constexpr int kCounterScale = 8;
constexpr int kCounterCell = 4 * kCounterScale;  // 3 columns of glyph and 1 of spacing
constexpr int kCounterGlyphs = 5;

bool counter_lit(int frame_index, int x, int y) {
  const int cx = (x - kCounterX) / kCounterScale;
  const int cy = (y - kCounterY) / kCounterScale;
  const int glyph = (x - kCounterX) / kCounterCell;
  const int column = cx % 4;
  if (column == 3) {
    return false;
  }
  const int seconds = frame_index / kFps;
  const int frames = frame_index % kFps;
  const std::array<char, kCounterGlyphs> text{
      static_cast<char>('0' + seconds / 10), static_cast<char>('0' + seconds % 10), ':',
      static_cast<char>('0' + frames / 10), static_cast<char>('0' + frames % 10)};
  return glyph_lit(text[static_cast<size_t>(glyph)], column, cy);
}

bool in_counter_box(int x, int y) {
  return x >= kCounterX - kCounterScale && x < kCounterX + kCounterGlyphs * kCounterCell &&
         y >= kCounterY - kCounterScale && y < kCounterY + 6 * kCounterScale;
}

// A value that runs 0 -> span -> 0 as `step` grows, so the box bounces off the edges.
int bounce(int step, int span) {
  const int phase = step % (2 * span);
  return phase < span ? phase : 2 * span - phase;
}

Rgb pixel_colour(int frame_index, int x, int y) {
  constexpr int kBarArea = kHeight - 40;
  if (y >= kBarArea) {  // progress bar along the bottom
    const int filled = (frame_index + 1) * kWidth / kVideoFrames;
    return x < filled ? Rgb{230, 230, 230} : Rgb{40, 40, 40};
  }
  if (in_counter_box(x, y)) {
    const bool lit = x >= kCounterX && y >= kCounterY && y < kCounterY + 5 * kCounterScale &&
                     counter_lit(frame_index, x, y);
    return lit ? Rgb{255, 255, 255} : Rgb{0, 0, 0};
  }
  constexpr int kBox = 64;
  const int box_x = bounce(frame_index * 6, kWidth - kBox);
  const int box_y = bounce(frame_index * 4, kBarArea - kBox);
  if (x >= box_x && x < box_x + kBox && y >= box_y && y < box_y + kBox) {
    const bool border =
        x < box_x + 4 || x >= box_x + kBox - 4 || y < box_y + 4 || y >= box_y + kBox - 4;
    return border ? Rgb{0, 0, 0} : Rgb{255, 140, 0};
  }
  // Classic bars (white, yellow, cyan, green, magenta, red, blue, black) scrolling left at
  // 4 px per frame and darkening towards the bottom.
  static constexpr std::array<Rgb, 8> kBars{{{235, 235, 235},
                                             {235, 235, 16},
                                             {16, 235, 235},
                                             {16, 235, 16},
                                             {235, 16, 235},
                                             {235, 16, 16},
                                             {16, 16, 235},
                                             {16, 16, 16}}};
  const int bar = ((x + frame_index * 4) / (kWidth / 8)) % 8;
  const Rgb c = kBars[static_cast<size_t>(bar)];
  const int shade = 256 - y * 128 / kBarArea;
  return {c.r * shade / 256, c.g * shade / 256, c.b * shade / 256};
}

void draw_picture(AVFrame& frame, int frame_index) {
  for (int y = 0; y < kHeight; ++y) {
    uint8_t* row = frame.data[0] + static_cast<ptrdiff_t>(y) * frame.linesize[0];
    for (int x = 0; x < kWidth; ++x) {
      row[x] = luma(pixel_colour(frame_index, x, y));
    }
  }
  for (int y = 0; y < kHeight / 2; ++y) {
    uint8_t* u = frame.data[1] + static_cast<ptrdiff_t>(y) * frame.linesize[1];
    uint8_t* v = frame.data[2] + static_cast<ptrdiff_t>(y) * frame.linesize[2];
    for (int x = 0; x < kWidth / 2; ++x) {
      const Rgb c = pixel_colour(frame_index, 2 * x, 2 * y);
      u[x] = chroma_blue(c);
      v[x] = chroma_red(c);
    }
  }
}

// ---- sound ----------------------------------------------------------------------------------

using Synth = std::function<double(int64_t film_sample)>;

// A sine tone of `hz` that has sounded for `elapsed` of its `length` samples, with 10 ms fades so
// notes start and stop without clicks.
double tone(double hz, int64_t elapsed, int64_t length) {
  constexpr int64_t kFade = kSampleRate / 100;
  const double fade_in = std::min(1.0, static_cast<double>(elapsed) / kFade);
  const double fade_out = std::min(1.0, static_cast<double>(length - elapsed) / kFade);
  const double t = static_cast<double>(elapsed) / kSampleRate;
  return 0.3 * fade_in * fade_out * std::sin(2.0 * std::numbers::pi * hz * t);
}

// One note per half second (sounding for 400 ms); 0 is a rest. The film opens with a rest because
// the decoder's first 1024 samples are AAC priming, not sound.
double original_sample(int64_t n) {
  static constexpr std::array<double, 28> kMelody{
      0,      261.63, 293.66, 329.63, 392.00, 329.63, 293.66, 261.63, 392.00, 440.00,
      392.00, 329.63, 0,      293.66, 329.63, 293.66, 261.63, 220.00, 261.63, 293.66,
      329.63, 392.00, 440.00, 523.25, 440.00, 392.00, 329.63, 261.63};
  constexpr int64_t kSlot = kSampleRate / 2;
  constexpr int64_t kNote = kSampleRate * 2 / 5;
  const auto slot = static_cast<size_t>(n / kSlot);
  const int64_t elapsed = n % kSlot;
  if (slot >= kMelody.size() || kMelody[slot] == 0 || elapsed >= kNote) {
    return 0.0;
  }
  return tone(kMelody[slot], elapsed, kNote);
}

// A 100 ms beep on every whole second from 1 s: 1320 Hz on keyframe seconds, else 880 Hz.
double dub_sample(int64_t n) {
  constexpr int64_t kBeep = kSampleRate / 10;
  const int64_t second = n / kSampleRate;
  const int64_t elapsed = n % kSampleRate;
  if (second == 0 || elapsed >= kBeep) {
    return 0.0;
  }
  return tone(second % 2 == 0 ? 1320.0 : 880.0, elapsed, kBeep);
}

// ---- encoders and streams -------------------------------------------------------------------

const AVCodec& find_encoder(AVCodecID id, const char* name) {
  const AVCodec* codec = avcodec_find_encoder(id);
  if (codec == nullptr) {
    throw std::runtime_error(std::string("avcodec_find_encoder(") + name +
                             ") failed: this libav has no native " + name + " encoder");
  }
  return *codec;
}

// Settings every encoder shares: one thread and no version strings, so output is reproducible.
void make_reproducible(AVCodecContext& encoder) {
  encoder.thread_count = 1;
  encoder.flags |= AV_CODEC_FLAG_BITEXACT;
}

CodecContext open_video_encoder(const AVFormatContext& output) {
  const AVCodec& codec = find_encoder(AV_CODEC_ID_MPEG4, "mpeg4");
  CodecContext encoder(check_alloc(avcodec_alloc_context3(&codec), "avcodec_alloc_context3"));
  encoder->width = kWidth;
  encoder->height = kHeight;
  encoder->pix_fmt = AV_PIX_FMT_YUV420P;
  encoder->time_base = {1, kFps};
  encoder->framerate = {kFps, 1};
  encoder->sample_aspect_ratio = {1, 1};
  encoder->gop_size = kGopFrames;
  encoder->max_b_frames = 0;  // presentation order = decode order, so the film starts at 0
  encoder->flags |= AV_CODEC_FLAG_QSCALE;
  encoder->global_quality = FF_QP2LAMBDA * kVideoQuantiser;
  encoder->color_range = AVCOL_RANGE_MPEG;
  encoder->colorspace = AVCOL_SPC_SMPTE170M;
  encoder->color_primaries = AVCOL_PRI_SMPTE170M;
  encoder->color_trc = AVCOL_TRC_SMPTE170M;
  make_reproducible(*encoder);
  if ((output.oformat->flags & AVFMT_GLOBALHEADER) != 0) {
    encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  }
  AVDictionary* options = nullptr;
  // Only the fixed GOP makes keyframes, so they fall exactly every 2 s.
  check(av_dict_set(&options, "sc_threshold", "1000000000", 0), "av_dict_set(sc_threshold)");
  const int opened = avcodec_open2(encoder.get(), &codec, &options);
  av_dict_free(&options);
  check(opened, "avcodec_open2(mpeg4)");
  return encoder;
}

CodecContext open_audio_encoder(const AVFormatContext& output) {
  const AVCodec& codec = find_encoder(AV_CODEC_ID_AAC, "aac");
  CodecContext encoder(check_alloc(avcodec_alloc_context3(&codec), "avcodec_alloc_context3"));
  encoder->sample_fmt = AV_SAMPLE_FMT_FLTP;
  encoder->sample_rate = kSampleRate;
  av_channel_layout_default(&encoder->ch_layout, 2);
  encoder->bit_rate = kAudioBitRate;
  encoder->time_base = {1, kSampleRate};
  make_reproducible(*encoder);
  if ((output.oformat->flags & AVFMT_GLOBALHEADER) != 0) {
    encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  }
  check(avcodec_open2(encoder.get(), &codec, nullptr), "avcodec_open2(aac)");
  return encoder;
}

void set_metadata(AVStream& stream, const char* key, const char* value) {
  check(av_dict_set(&stream.metadata, key, value, 0), std::string("av_dict_set(") + key + ")");
}

AVStream& add_stream(AVFormatContext& output, const AVCodecContext& encoder) {
  AVStream* stream = check_alloc(avformat_new_stream(&output, nullptr), "avformat_new_stream");
  check(avcodec_parameters_from_context(stream->codecpar, &encoder),
        "avcodec_parameters_from_context");
  stream->time_base = encoder.time_base;
  return *stream;
}

// One encoder feeding one stream. `next_pts` counts frames (video) or samples (audio) sent so far
// in the encoder's time base; `shift` moves packets onto the film's timeline (see main()).
struct Track {
  CodecContext encoder;
  AVStream* stream = nullptr;
  FramePtr frame;
  int64_t next_pts = 0;
  int64_t end_pts = 0;
  int64_t shift = 0;
  Synth synth;  // empty for video
  bool flushed = false;
};

FramePtr make_frame(const AVCodecContext& encoder) {
  FramePtr frame(check_alloc(av_frame_alloc(), "av_frame_alloc"));
  if (encoder.codec_type == AVMEDIA_TYPE_VIDEO) {
    frame->format = encoder.pix_fmt;
    frame->width = encoder.width;
    frame->height = encoder.height;
  } else {
    frame->format = encoder.sample_fmt;
    frame->sample_rate = encoder.sample_rate;
    frame->nb_samples = encoder.frame_size;
    check(av_channel_layout_copy(&frame->ch_layout, &encoder.ch_layout), "av_channel_layout_copy");
  }
  check(av_frame_get_buffer(frame.get(), 0), "av_frame_get_buffer");
  return frame;
}

void write_packets(AVFormatContext& output, Track& track, AVPacket& packet) {
  for (;;) {
    const int received = avcodec_receive_packet(track.encoder.get(), &packet);
    if (received == AVERROR(EAGAIN) || received == AVERROR_EOF) {
      return;
    }
    check(received, "avcodec_receive_packet");
    packet.pts += track.shift;
    packet.dts += track.shift;
    if (packet.dts < 0 || packet.pts < 0) {
      throw std::runtime_error("encoder produced a negative timestamp on stream " +
                               std::to_string(track.stream->index));
    }
    packet.stream_index = track.stream->index;
    av_packet_rescale_ts(&packet, track.encoder->time_base, track.stream->time_base);
    check(av_interleaved_write_frame(&output, &packet), "av_interleaved_write_frame");
  }
}

// Sends the track's next frame (or, once it is complete, the end-of-stream flush).
void encode_next(AVFormatContext& output, Track& track, AVPacket& packet) {
  AVFrame* to_send = nullptr;
  if (track.next_pts < track.end_pts) {
    AVFrame& frame = *track.frame;
    check(av_frame_make_writable(&frame), "av_frame_make_writable");
    frame.pts = track.next_pts;
    if (track.synth) {
      frame.nb_samples = static_cast<int>(
          std::min<int64_t>(track.encoder->frame_size, track.end_pts - track.next_pts));
      for (int i = 0; i < frame.nb_samples; ++i) {
        const auto value = static_cast<float>(track.synth(track.next_pts + track.shift + i));
        for (int channel = 0; channel < frame.ch_layout.nb_channels; ++channel) {
          reinterpret_cast<float*>(frame.extended_data[channel])[i] = value;
        }
      }
      track.next_pts += frame.nb_samples;
    } else {
      draw_picture(frame, static_cast<int>(track.next_pts));
      frame.quality = track.encoder->global_quality;
      track.next_pts += 1;
    }
    to_send = &frame;
  } else {
    track.flushed = true;
  }
  check(avcodec_send_frame(track.encoder.get(), to_send), "avcodec_send_frame");
  write_packets(output, track, packet);
}

// The unflushed track whose next input lies earliest on the film's timeline, so packets reach the
// muxer nearly in order and its interleaving queue stays short.
Track* earliest(std::vector<Track>& tracks) {
  Track* best = nullptr;
  for (Track& track : tracks) {
    if (track.flushed) {
      continue;
    }
    if (best == nullptr ||
        av_compare_ts(track.next_pts + track.shift, track.encoder->time_base,
                      best->next_pts + best->shift, best->encoder->time_base) < 0) {
      best = &track;
    }
  }
  return best;
}

Track video_track(AVFormatContext& output) {
  Track track;
  track.encoder = open_video_encoder(output);
  track.stream = &add_stream(output, *track.encoder);
  track.stream->avg_frame_rate = {kFps, 1};
  track.stream->disposition = AV_DISPOSITION_DEFAULT;
  track.frame = make_frame(*track.encoder);
  track.end_pts = kVideoFrames;
  return track;
}

Track audio_track(AVFormatContext& output, Synth synth, const char* language, const char* title,
                  int disposition) {
  Track track;
  track.encoder = open_audio_encoder(output);
  track.stream = &add_stream(output, *track.encoder);
  set_metadata(*track.stream, "language", language);
  set_metadata(*track.stream, "title", title);
  track.stream->disposition = disposition;
  track.frame = make_frame(*track.encoder);
  // AAC priming: the encoder stamps its first packet initial_padding samples before zero. Matroska
  // (unlike MP4) keeps no priming/edit list for AAC, so rather than letting the muxer shift every
  // stream later, the packets move forward by the padding and the encoder is fed the sound from
  // that point on: the first initial_padding samples a decoder outputs are its warm-up, and from
  // there on the sound lines up with the picture.
  track.shift = track.encoder->initial_padding;
  track.end_pts = kFilmSamples - track.shift;
  track.synth = std::move(synth);
  return track;
}

void make_film(const std::string& path) {
  AVFormatContext* raw = nullptr;
  check(avformat_alloc_output_context2(&raw, nullptr, "matroska", path.c_str()),
        "avformat_alloc_output_context2(matroska)");
  OutputContext output(raw);
  output->flags |= AVFMT_FLAG_BITEXACT;  // no library versions or dates in the header
  // Timestamps are already non-negative (see audio_track()); nothing may be shifted.
  output->avoid_negative_ts = AVFMT_AVOID_NEG_TS_DISABLED;
  check(av_dict_set(&output->metadata, "title", "Kopru sample film", 0), "av_dict_set(title)");

  std::vector<Track> tracks;
  tracks.push_back(video_track(*output));
  tracks.push_back(audio_track(*output, original_sample, "kaz", "Original",
                               AV_DISPOSITION_DEFAULT | AV_DISPOSITION_ORIGINAL));
  tracks.push_back(audio_track(*output, dub_sample, "uzb", "Dublyaj", AV_DISPOSITION_DUB));

  check(avio_open(&output->pb, path.c_str(), AVIO_FLAG_WRITE), "avio_open(" + path + ")");
  check(avformat_write_header(output.get(), nullptr), "avformat_write_header");
  PacketPtr packet(check_alloc(av_packet_alloc(), "av_packet_alloc"));
  while (Track* track = earliest(tracks)) {
    encode_next(*output, *track, *packet);
  }
  check(av_write_trailer(output.get()), "av_write_trailer");
  check(avio_closep(&output->pb), "avio_closep(" + path + ")");
}

int run(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: kopru-make-sample-film OUT.mkv\n");
    return 2;
  }
  const std::filesystem::path out = argv[1];
  std::filesystem::path tmp = out;
  tmp += ".tmp";
  av_log_set_level(AV_LOG_WARNING);
  try {
    make_film(tmp.string());
    std::filesystem::rename(tmp, out);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kopru-make-sample-film: error: %s\n", error.what());
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace kopru::tools

int main(int argc, char** argv) {
  return kopru::tools::run(argc, argv);
}
