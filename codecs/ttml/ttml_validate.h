// Profile validation of TTML documents (`kopru validate`): every violation of IMSC 1.1 Text,
// EBU-TT-D (EBU Tech 3380) or DFXP, each with its line and column, in document order; not only
// the first. The rules and their sources are listed in codecs/ttml/VALIDATE.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/codec.h"

namespace kopru::codecs::ttml {

enum class ValidationProfile { imsc11_text, ebu_tt_d, dfxp };

// "imsc1.1-text", "ebu-tt-d", "dfxp"; nullopt otherwise.
std::optional<ValidationProfile> parse_validation_profile(std::string_view name);
std::string_view to_string(ValidationProfile profile);

struct Violation {
  int line = 0;      // 1-based; 0 when the violation concerns the whole document
  int column = 0;    // 1-based code-point column
  std::string rule;  // stable id naming the clause, e.g. "imsc1.1-8.4.2-region-extent"
  std::string message;
};

// A document that is not well-formed (or that parse_xml refuses) gives one violation at the error.
std::vector<Violation> validate(const Source& source, ValidationProfile profile);

}  // namespace kopru::codecs::ttml
