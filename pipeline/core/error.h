// The exception tree, sorted by whose fault it is; the CLI boundary maps each branch to an exit
// code.
#pragma once

#include <stdexcept>
#include <string>

#include "pipeline/core/source_location.h"

namespace kopru {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user's data is wrong (parse, encoding, unsupported content). Exit code 3.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message, SourceLocation where = {})
      : Error(message), where_(std::move(where)) {}
  const SourceLocation& where() const { return where_; }
  // "path:line:col: error: message", as a compiler prints it.
  std::string formatted() const;

 private:
  SourceLocation where_;
};

class ParseError : public InputError {
 public:
  using InputError::InputError;
};

class EncodingError : public InputError {
 public:
  using InputError::InputError;
};

// The command line itself is wrong. Exit code 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

// The machine failed us: I/O, libav, ICU. Exit code 4.
class EnvironmentError : public Error {
 public:
  using Error::Error;
};

// A bug in Kopru.
class InternalError : public Error {
 public:
  using Error::Error;
};

}  // namespace kopru
