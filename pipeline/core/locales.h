// Where Kopru's run-time data lives: ICU rule files, code-page tables, lexicons (locales/).
#pragma once
#include <string>

namespace kopru {

// $KOPRU_LOCALES when set, else the locales/ folder of the source tree Kopru was built from.
std::string locales_dir();

}  // namespace kopru
