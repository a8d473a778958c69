// Sample sentences (written for these tests) in the languages Kopru serves.
#pragma once

#include <string>

namespace kopru::text::samples {

inline const std::string kKazakh =
    "Сәлеметсіз бе, жағдайыңыз қалай?\n"
    "Бүгін ауа райы өте жақсы, күн ашық.\n"
    "Мен ертең Алматыға ұшақпен барамын.\n"
    "Қазақ тілінде тоғыз ерекше әріп бар: ә, ғ, қ, ң, ө, ұ, ү, һ, і.\n";

// Typographic punctuation (« » —) exists in windows-1251 but not in KOI8-R or ISO-8859-5.
inline const std::string kRussian =
    "Привет, как дела?\n"
    "Сегодня мы идём в кино, а завтра — в театр.\n"
    "Это была очень длинная и холодная зима.\n"
    "Он сказал: «Я вернусь через час».\n";
inline const std::string kRussianPlain =
    "Привет, как дела?\n"
    "Сегодня мы идём в кино, а завтра - в театр.\n"
    "Это была очень длинная и холодная зима.\n"
    "Он сказал: \"Я вернусь через час\".\n";

// The ellipsis and apostrophe are windows-1254 only; ISO-8859-9 has neither.
inline const std::string kTurkish =
    "Merhaba, nasılsınız?\n"
    "Bugün hava çok güzel, dışarı çıkalım mı…\n"
    "Şimdi gitmem gerekiyor; yarın görüşürüz.\n"
    "İstanbul’da yağmur yağıyor ve çocuklar ıslandı.\n";
inline const std::string kTurkishPlain =
    "Merhaba, nasılsınız?\n"
    "Bugün hava çok güzel, dışarı çıkalım mı?\n"
    "Şimdi gitmem gerekiyor; yarın görüşürüz.\n"
    "İstanbul'da yağmur yağıyor ve çocuklar ıslandı.\n";

inline const std::string kUzbekCyrillic =
    "Ассалому алайкум, қалайсиз?\n"
    "Бугун ҳаво жуда яхши, ўқишга борамиз.\n"
    "Мен Тошкентда туғилганман ва ҳозир шу ерда яшайман.\n";
inline const std::string kUzbekLatin =
    "Assalomu alaykum, qalaysiz?\n"
    "Bugun havo juda yaxshi, oʻqishga boramiz.\n"
    "Men Toshkentda tugʻilganman va hozir shu yerda yashayman.\n";

inline const std::string kUyghur =
    "ياخشىمۇسىز، ئەھۋالىڭىز قانداق؟\n"
    "بۈگۈن ھاۋا ناھايىتى ياخشى، كۈن ئوچۇق.\n"
    "مەن ئۈرۈمچىدە تۇرىمەن ۋە ئۇيغۇرچە سۆزلەيمەن.\n";
// The same in the letters windows-1256 has (ە → ه, ۇ ۈ ۆ ۋ → و, ڭ → نگ), as legacy files write it.
inline const std::string kUyghurLegacy =
    "ياخشىموسىز، ئهھوالىنگىز قانداق؟\n"
    "بوگون ھاوا ناھايىتى ياخشى، كون ئوچوق.\n"
    "مهن ئورومچىده تورىمهن وه ئويغورچه سوزلهيمهن.\n";

}  // namespace kopru::text::samples
