// The body every codec fuzz target shares: bytes -> detect encoding -> read with one codec. Bad
// input may only end in kopru::InputError. What the reader accepts, the writer must write, and what
// the writer writes, the reader must read again: anything else aborts, so the fuzzer reports it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "pipeline/io/load.h"

namespace kopru::fuzz {

inline int fuzz_codec(std::string_view codec_name, const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  io::LoadOptions options;
  options.format = std::string(codec_name);
  options.read.fps = FrameRate{25, 1};
  const codecs::Codec& codec = *codecs::find_codec(codec_name);
  io::Loaded loaded;
  try {
    Diagnostics diag;
    loaded = io::load_bytes(bytes, "fuzz", options, diag);
  } catch (const InputError&) {
    return 0;
  }
  io::SaveOptions save;
  save.write.fps = FrameRate{25, 1};
  std::string out;
  try {
    Diagnostics diag;
    out = io::render(loaded.doc, codec, save, diag);
  } catch (const InputError&) {
    return 0;  // e.g. a time the format cannot express: refused with a message, which is fine
  }
  // A document without cues may legitimately become an empty file, which Kopru refuses to read.
  if (out.empty())
    return 0;
  try {
    Diagnostics diag;
    options.encoding.clear();
    (void)io::load_bytes(out, "fuzz-output", options, diag);
  } catch (const InputError& e) {
    std::fprintf(stderr, "%.*s wrote what it cannot read back: %s\n--- output ---\n%s\n",
                 static_cast<int>(codec_name.size()), codec_name.data(), e.formatted().c_str(),
                 out.substr(0, 2000).c_str());
    std::abort();
  }
  return 0;
}

}  // namespace kopru::fuzz
