// Probes: content evidence (a <tt> root in a TTML namespace, profile designators) scores high;
// the extension alone scores low. Works on the first 4 KiB, so nothing is parsed as XML here.
#include <algorithm>
#include <cctype>
#include <string>

#include "codecs/ttml/ttml.h"

namespace kopru::codecs::ttml {

namespace {

bool contains(std::string_view head, std::string_view needle) {
  return head.find(needle) != std::string_view::npos;
}

bool is_extension(std::string_view extension, std::string_view wanted) {
  return extension.size() == wanted.size() &&
         std::equal(extension.begin(), extension.end(), wanted.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

// The first element's start tag is <tt> or <prefix:tt> (after the prolog, comments, doctype).
bool tt_root(std::string_view head) {
  std::size_t at = 0;
  while ((at = head.find('<', at)) != std::string_view::npos) {
    const std::string_view rest = head.substr(at + 1);
    if (rest.starts_with("?") || rest.starts_with("!")) {
      at += 1;
      continue;
    }
    std::size_t end = 0;
    while (end < rest.size() && rest[end] != ' ' && rest[end] != '>' && rest[end] != '/' &&
           rest[end] != '\t' && rest[end] != '\n' && rest[end] != '\r')
      ++end;
    const std::string_view name = rest.substr(0, end);
    const auto colon = name.find(':');
    return (colon == std::string_view::npos ? name : name.substr(colon + 1)) == "tt";
  }
  return false;
}

bool ttml_namespace(std::string_view head) {
  return contains(head, "http://www.w3.org/ns/ttml") ||
         contains(head, "http://www.w3.org/2006/10/ttaf1") ||
         contains(head, "http://www.w3.org/2006/04/ttaf1");
}

bool ttml_document(std::string_view head) {
  return tt_root(head) && ttml_namespace(head);
}

}  // namespace

int probe(std::string_view head, std::string_view extension) {
  if (ttml_document(head))
    return 80;
  if (tt_root(head))
    return 50;  // a <tt> root whose namespace declaration is past the head or missing
  if (is_extension(extension, "ttml") || is_extension(extension, "dfxp"))
    return 30;
  if (is_extension(extension, "xml") && contains(head, "<tt"))
    return 20;
  return 0;
}

int probe_dfxp(std::string_view head, std::string_view extension) {
  const bool ttaf1 = contains(head, "http://www.w3.org/2006/10/ttaf1") ||
                     contains(head, "http://www.w3.org/2006/04/ttaf1");
  if (tt_root(head) && (ttaf1 || (ttml_namespace(head) && is_extension(extension, "dfxp"))))
    return 90;
  if (is_extension(extension, "dfxp"))
    return 30;
  return 0;
}

int probe_imsc(std::string_view head, std::string_view extension) {
  if (!ttml_document(head))
    return 0;
  const bool designator = (contains(head, "profile") || contains(head, "contentProfiles")) &&
                          contains(head, "http://www.w3.org/ns/ttml/profile/imsc1");
  const bool extensions = contains(head, "http://www.w3.org/ns/ttml/profile/imsc1#");
  if (designator || extensions)
    return 90;
  (void)extension;
  return 0;
}

int probe_ebu_tt_d(std::string_view head, std::string_view extension) {
  if (!ttml_document(head))
    return 0;
  if (contains(head, "conformsToStandard") && contains(head, "urn:ebu:tt:distribution"))
    return 90;
  if (contains(head, "urn:ebu:tt:"))
    return 90;
  (void)extension;
  return 0;
}

}  // namespace kopru::codecs::ttml
