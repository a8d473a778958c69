// One function per verb; app.cpp wires them to CLI11.
#pragma once

#include <string>
#include <vector>

#include "pipeline/cli/output.h"

namespace kopru::cli {

struct ConvertArgs {
  std::vector<std::string> inputs;
  std::string output;   // -o
  std::string out_dir;  // --out-dir
  std::string to;       // --to
  std::string from;     // --from (input format, skips detection)
  std::string encoding;
  std::string fps;
  bool strict = false;
  bool lenient = false;
  bool bom = false;
  bool crlf = false;
  unsigned jobs = 0;        // 0 = one per core
  std::string translit;     // --translit FROM:TO
  std::string apostrophes;  // --apostrophes unicode|typographic|ascii
  // `kopru translit`: without --to, each output keeps its input's format and extension.
  bool keep_format = false;
  // Characters the output format cannot store: replace them by the documented fallbacks
  // (locales/carry/) and report each, instead of refusing the file.
  bool replace = false;
  std::string charset;  // --charset: the writer's character table (EBU STL: latin, cyrillic...)
};

int convert(const ConvertArgs& args, Console& console);

struct TranslitArgs {
  ConvertArgs files;  // inputs, -o, --out-dir, --format, --encoding, --strict, ... --apostrophes
  std::string from;   // --from TAG
  std::string to;     // --to TAG
  bool text = false;  // --text: stdin to stdout, line by line
  bool list = false;  // --list
  bool json = false;  // --list --json
};
int translit(const TranslitArgs& args, Console& console);

struct InfoArgs {
  std::string input;
  std::string from;
  std::string encoding;
  std::string fps;
  bool json = false;
  bool dump = false;
  bool lenient = false;
};

int info(const InfoArgs& args, Console& console);

int formats(bool json);

struct ProbeArgs {
  std::string input;
  bool json = false;
};
int probe(const ProbeArgs& args, Console& console);

struct ExtractArgs {
  std::string input;
  std::vector<int> tracks;  // --track N (repeatable)
  bool all = false;         // --all text subtitle tracks
  std::string output;       // -o
  std::string out_dir;      // --out-dir
  std::string to;           // --to FORMAT
};
int extract(const ExtractArgs& args, Console& console);

struct MuxArgs {
  std::string film;
  std::string output;                        // -o
  std::vector<std::string> subtitles;        // --add-subtitle FILE:lang=TAG[:title=T][:default]...
  std::vector<std::string> audio;            // --add-audio FILE:lang=TAG[:title=T][:dub][:default]
  std::vector<int> drop_tracks;              // --drop-track N
  std::vector<std::string> keep_only_langs;  // --keep-only-langs uz,kk-Cyrl
};
int mux(const MuxArgs& args, Console& console);

struct QaArgs {
  std::string input;
  std::string lang;                 // --lang TAG
  std::string fps;                  // --fps RATE
  std::string profile = "netflix";  // --profile NAME|FILE.xml
  std::string source;               // --source FILE
  std::string film;                 // --film FILM
  bool json = false;                // --json (stdout)
  std::string junit;                // --junit OUT
  std::string html;                 // --html OUT
  std::string fail_on = "error";    // --fail-on SEVERITY
  bool fix = false;                 // --fix
  std::string output;               // -o OUT (with --fix)
  bool list = false;                // --list: the checks, their rule IDs and default severities
};
int qa_verb(const QaArgs& args, Console& console);

struct ValidateArgs {
  std::vector<std::string> inputs;
  std::string profile;  // --profile imsc1.1-text|ebu-tt-d|dfxp
  bool json = false;    // --json
};
// Exit 0 when every file conforms, 1 when any violates the profile, 3 when one cannot be read.
int validate(const ValidateArgs& args, Console& console);

}  // namespace kopru::cli
