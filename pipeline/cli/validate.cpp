// `kopru validate FILE... --profile P [--json]`: every violation of a TTML delivery profile, as a
// compiler prints errors, and a summary line per file; or one JSON object
// (codecs/ttml/VALIDATE.md).
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "codecs/ttml/ttml_validate.h"
#include "pipeline/cli/app.h"
#include "pipeline/cli/verbs.h"
#include "pipeline/core/error.h"
#include "pipeline/io/files.h"
#include "pipeline/text/encoding.h"
#include "pipeline/text/utf8.h"

namespace kopru::cli {

namespace {

namespace ttml = codecs::ttml;

struct FileResult {
  std::string path;
  bool readable = true;
  std::string error;  // why it could not be read
  std::vector<ttml::Violation> violations;
};

// Decoded as `kopru convert` decodes: UTF-8 as it is (BOM dropped), anything else through
// detection.
FileResult validate_file(const std::string& path, ttml::ValidationProfile profile) {
  FileResult result;
  result.path = path;
  try {
    const io::InputFile file(path);
    std::string_view bytes = file.bytes();
    if (bytes.empty())
      throw ParseError("empty file", SourceLocation{path, 0, 0, 0});
    codecs::Source source;
    source.path = path;
    source.bytes = bytes;
    std::string decoded;
    std::string_view body = bytes;
    if (body.substr(0, 3) == "\xEF\xBB\xBF")
      body.remove_prefix(3);
    const bool has_nul = body.find('\0') != std::string_view::npos;
    if (!has_nul && text::is_valid_utf8(body)) {
      source.text = body;
      source.encoding = "UTF-8";
    } else {
      Diagnostics diag(path);
      text::DecodedText text = text::decode(bytes, text::DecodeOptions{path, "", false}, diag);
      decoded = std::move(text.utf8);
      source.text = decoded;
      source.encoding = text.encoding;
    }
    result.violations = ttml::validate(source, profile);
  } catch (const InputError& e) {
    result.readable = false;
    result.error = e.formatted();
  } catch (const EnvironmentError& e) {
    result.readable = false;
    result.error = e.what();
  }
  return result;
}

std::string location(const std::string& path, const ttml::Violation& v) {
  if (v.line <= 0)
    return path;
  return path + ":" + std::to_string(v.line) + ":" + std::to_string(v.column);
}

void print_text(const FileResult& r, std::string_view profile, Console& console) {
  if (!r.readable) {
    console.error(r.error);
    return;
  }
  for (const auto& v : r.violations)
    std::cout << location(r.path, v) << ": error: " << v.message << " [" << v.rule << "]\n";
  if (r.violations.empty()) {
    std::cout << r.path << ": conforms to " << profile << "\n";
  } else {
    std::cout << r.path << ": " << r.violations.size()
              << (r.violations.size() == 1 ? " violation of " : " violations of ") << profile
              << "\n";
  }
}

nlohmann::json to_json(const std::vector<FileResult>& results, std::string_view profile) {
  nlohmann::json files = nlohmann::json::array();
  std::size_t conforming = 0;
  std::size_t violating = 0;
  std::size_t unreadable = 0;
  std::size_t total = 0;
  for (const auto& r : results) {
    nlohmann::json violations = nlohmann::json::array();
    for (const auto& v : r.violations) {
      violations.push_back(
          {{"line", v.line}, {"column", v.column}, {"rule", v.rule}, {"message", v.message}});
    }
    std::string status = "conforms";
    if (!r.readable) {
      status = "unreadable";
      ++unreadable;
    } else if (!r.violations.empty()) {
      status = "violates";
      ++violating;
    } else {
      ++conforming;
    }
    total += r.violations.size();
    nlohmann::json file{{"path", r.path}, {"status", status}, {"violations", violations}};
    if (!r.readable)
      file["error"] = r.error;
    files.push_back(std::move(file));
  }
  return {{"profile", profile},
          {"files", files},
          {"summary",
           {{"files", results.size()},
            {"conforming", conforming},
            {"violating", violating},
            {"unreadable", unreadable},
            {"violations", total}}}};
}

}  // namespace

int validate(const ValidateArgs& args, Console& console) {
  const auto profile = ttml::parse_validation_profile(args.profile);
  if (!profile) {
    throw UsageError("unknown profile '" + args.profile +
                     "'; the profiles are imsc1.1-text, ebu-tt-d and dfxp");
  }
  if (args.inputs.empty())
    throw UsageError("validate: no input files");
  const std::string_view name = ttml::to_string(*profile);
  std::vector<FileResult> results;
  int exit = kExitOk;
  for (const auto& path : args.inputs) {
    results.push_back(validate_file(path, *profile));
    const FileResult& r = results.back();
    if (!r.readable)
      exit = kExitBadInput;
    else if (!r.violations.empty() && exit == kExitOk)
      exit = kExitFindings;
    if (!args.json)
      print_text(r, name, console);
  }
  if (args.json)
    std::cout << to_json(results, name).dump(2) << '\n';
  return exit;
}

}  // namespace kopru::cli
