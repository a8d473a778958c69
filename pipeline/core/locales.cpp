#include "pipeline/core/locales.h"

#include <cstdlib>

#ifndef KOPRU_LOCALES_DIR
#define KOPRU_LOCALES_DIR "locales"
#endif

namespace kopru {

std::string locales_dir() {
  if (const char* dir = std::getenv("KOPRU_LOCALES"); dir != nullptr && *dir != '\0')
    return dir;
  return KOPRU_LOCALES_DIR;
}

}  // namespace kopru
