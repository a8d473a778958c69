// The one table of formats. Detection takes the highest probe score, so order never matters.
#pragma once

#include <span>
#include <string_view>

#include "codecs/codec.h"

namespace kopru::codecs {

std::span<const Codec> all_codecs();
// By name ("srt", "vtt" and "webvtt" alike) or nullptr.
const Codec* find_codec(std::string_view name);
// By file extension, with or without the dot, case-insensitive; nullptr if none claims it.
const Codec* codec_for_extension(std::string_view extension);
// The best-scoring codec for this head (decoded text for text codecs, raw bytes for binary ones),
// or nullptr when every score is 0. `score` receives the winning score.
const Codec* detect_codec(std::string_view text_head, std::string_view byte_head,
                          std::string_view extension, int* score = nullptr);

}  // namespace kopru::codecs
