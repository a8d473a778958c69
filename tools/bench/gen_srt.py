#!/usr/bin/env python3
"""Generates realistic Cyrillic SubRip files for the Kopru benchmark.

Dialogue is Kazakh, Russian or Uzbek (Cyrillic script), built from word lists and stock phrases
written for this benchmark, so the byte mix (mostly two-byte UTF-8 letters, some ASCII) and the
line lengths look like real film subtitles. Output is deterministic for a given seed.

  gen_srt.py big OUT.srt [--cues 100000] [--seed 1]
  gen_srt.py batch DIR [--files 2000] [--min-cues 900] [--max-cues 1500] [--seed 2]

Each command prints one JSON line: {"files": N, "cues": N, "bytes": N}.
"""

import argparse
import json
import os
import random
import sys

# Stock phrases: whole lines people say in films. {name} is replaced by a character's name.
PHRASES = {
    "kk": [
        "Сәлем, {name}!", "Рақмет.", "Кешіріңіз.", "Қайда барасың?", "Мен білмеймін.",
        "Бәрі жақсы болады.", "Тез бол!", "Күте тұр.", "Сен не айтып тұрсың?", "Иә, әрине.",
        "Жоқ, олай емес.", "Маған көмектес, {name}.", "Үйге қайтайық.", "Ол қайда кетті?",
        "Мен сені іздедім.", "Бұл менің кінәм емес.", "Ертең кездесейік.", "Шынымен бе?",
        "Анам күтіп отыр.", "Бізге уақыт жоқ.", "Есікті жап!", "Тыңдашы, {name}.",
        "Не болды саған?", "Қорықпа, мен осындамын.", "Ауылға қашан барамыз?",
        "Шай ішесің бе?", "Сен маған сенесің бе?", "Бұны ешкімге айтпа.", "Жол ұзақ.",
        "Мен қазір келемін.", "Әкем бұған келіспейді.", "Кеш болды, ұйықта.",
    ],
    "ru": [
        "Привет, {name}!", "Спасибо.", "Извините.", "Куда ты идёшь?", "Я не знаю.",
        "Всё будет хорошо.", "Быстрее!", "Подожди.", "Что ты говоришь?", "Да, конечно.",
        "Нет, это не так.", "Помоги мне, {name}.", "Пойдём домой.", "Куда он ушёл?",
        "Я тебя искал.", "Это не моя вина.", "Увидимся завтра.", "Правда?",
        "Мама ждёт.", "У нас нет времени.", "Закрой дверь!", "Послушай, {name}.",
        "Что с тобой случилось?", "Не бойся, я здесь.", "Когда мы поедем в деревню?",
        "Будешь чай?", "Ты мне веришь?", "Никому об этом не говори.", "Дорога длинная.",
        "Я сейчас приду.", "Отец не согласится.", "Уже поздно, спи.",
    ],
    "uz": [
        "Салом, {name}!", "Раҳмат.", "Кечирасиз.", "Қаерга кетяпсан?", "Мен билмайман.",
        "Ҳаммаси яхши бўлади.", "Тез бўл!", "Кутиб тур.", "Нима деяпсан?", "Ҳа, албатта.",
        "Йўқ, ундай эмас.", "Менга ёрдам бер, {name}.", "Уйга қайтайлик.", "У қаерга кетди?",
        "Мен сени қидирдим.", "Бу менинг айбим эмас.", "Эртага кўришамиз.", "Ростданми?",
        "Онам кутяпти.", "Вақтимиз йўқ.", "Эшикни ёп!", "Қулоқ сол, {name}.",
        "Сенга нима бўлди?", "Қўрқма, мен шу ердаман.", "Қишлоққа қачон борамиз?",
        "Чой ичасанми?", "Менга ишонасанми?", "Буни ҳеч кимга айтма.", "Йўл узоқ.",
        "Ҳозир келаман.", "Отам бунга рози бўлмайди.", "Кеч бўлди, ухла.",
    ],
}

# Words for generated sentences: pronouns, verbs, nouns, adverbs, mixed as in speech.
WORDS = {
    "kk": (
        "мен сен ол біз сіз олар бұл сол не неге қашан қайда қалай бар жоқ жақсы жаман үлкен "
        "кішкентай үй бала әке ана аға апа дос жол қала ауыл уақыт бүгін ертең кеше қазір "
        "білемін білмеймін келді кетті айтты көрдім естідім сөйле тоқта жүр бері тағы бәрі "
        "ешкім әрине шынымен керек мүмкін емес болады сөз жүрек ақша жұмыс көлік терезе есік "
        "түн күн су нан шай дала тау өзен көл адам әйел жігіт қыз ата әже сабақ мектеп дәрігер "
        "полиция хат телефон кітап ән той қонақ дастархан жылқы қой ит мысық аспан жұлдыз "
        "жаңбыр қар жел ойлаймын сүйемін түсіндім ұмытпа есіңде қорқамын күлкілі өтірік шындық"
    ).split(),
    "ru": (
        "я ты он она мы вы они это что почему когда где как есть нет хорошо плохо большой "
        "маленький дом ребёнок отец мать брат сестра друг дорога город деревня время сегодня "
        "завтра вчера сейчас знаю не знаю пришёл ушёл сказал видел слышал говори стой иди сюда "
        "опять все никто конечно правда нужно можно нельзя будет слово сердце деньги работа "
        "машина окно дверь ночь день вода хлеб чай поле горы река озеро человек женщина парень "
        "девушка дедушка бабушка урок школа врач полиция письмо телефон книга песня свадьба "
        "гости стол лошадь собака кошка небо звезда дождь снег ветер думаю люблю понял помни "
        "помнишь боюсь смешно ложь очень только уже ещё потом здесь там"
    ).split(),
    "uz": (
        "мен сен у биз сиз улар бу шу нима нега қачон қаерда қандай бор йўқ яхши ёмон катта "
        "кичкина уй бола ота она ака опа дўст йўл шаҳар қишлоқ вақт бугун эртага кеча ҳозир "
        "биламан билмайман келди кетди айтди кўрдим эшитдим гапир тўхта юр бу ёққа яна ҳамма "
        "ҳеч ким албатта ростдан керак мумкин эмас бўлади сўз юрак пул иш машина дераза эшик "
        "тун кун сув нон чой дала тоғ дарё кўл одам аёл йигит қиз бобо буви дарс мактаб "
        "шифокор милиция хат телефон китоб қўшиқ тўй меҳмон дастурхон от қўй ит мушук осмон "
        "юлдуз ёмғир қор шамол ўйлайман севаман тушундим унутма эсингдами қўрқаман кулгили "
        "ёлғон ҳақиқат жуда фақат аллақачон кейин бу ерда у ерда"
    ).split(),
}

NAMES = {
    "kk": "Айгүл Нұрлан Дана Ерлан Асқар Гүлнар Әлия Бауыржан Серік Жансая".split(),
    "ru": "Наташа Сергей Иван Ольга Дима Катя Андрей Марина Павел Лена".split(),
    "uz": "Дилноза Шерзод Бобур Малика Жасур Нигора Азиз Гулноза Отабек Зарина".split(),
}

SONG_WORDS = {
    "kk": "ай жұлдыз сағыныш жүрек махаббат дала".split(),
    "ru": "любовь звезда сердце ночь весна дорога".split(),
    "uz": "ой юлдуз соғинч юрак муҳаббат баҳор".split(),
}

FONT_COLORS = ["#ffff00", "#00ffff", "#ff8080", "white"]
MAX_LINE = 42  # characters per line, the usual broadcast limit


def sentence(rng, lang):
    """One spoken sentence: a stock phrase or a generated one."""
    if rng.random() < 0.45:
        return rng.choice(PHRASES[lang]).format(name=rng.choice(NAMES[lang]))
    words = rng.choices(WORDS[lang], k=rng.choice((2, 3, 3, 4, 4, 5, 5, 6, 7, 8)))
    if rng.random() < 0.15:
        words.insert(0, rng.choice(NAMES[lang]) + ",")
    text = " ".join(words)
    end = rng.choices((".", "?", "!", "...", ","), weights=(55, 20, 12, 8, 5))[0]
    if end == ",":  # a thought cut off mid-sentence, continued in the next cue
        end = "..."
    return text[0].upper() + text[1:] + end


def short_sentence(rng, lang, limit=MAX_LINE - 2):
    """A sentence that fits on one line (dialogue lines, after "- ", are not wrapped)."""
    while True:
        text = sentence(rng, lang)
        if len(text) <= limit:
            return text


def wrap_two(text):
    """Splits a long sentence into two lines at the space nearest the middle."""
    if len(text) <= MAX_LINE:
        return [text]
    middle = len(text) // 2
    left, right = text.rfind(" ", 0, middle + 1), text.find(" ", middle)
    spaces = [i for i in (left, right) if i > 0]
    if not spaces:
        return [text]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return [text[:cut], text[cut + 1:]]


def cue_lines(rng, lang):
    """The text lines of one cue, with the tags real files carry."""
    roll = rng.random()
    if roll < 0.02:  # a song: italic with music notes
        words = " ".join(rng.choices(SONG_WORDS[lang], k=rng.randint(3, 6)))
        return [f"<i>♪ {words[0].upper()}{words[1:]} ♪</i>"]
    if roll < 0.14:  # two speakers in one cue
        return ["- " + short_sentence(rng, lang), "- " + short_sentence(rng, lang)]
    lines = wrap_two(sentence(rng, lang))
    if len(lines) == 1 and rng.random() < 0.5:  # a second sentence if it fits on one line
        lines.append(short_sentence(rng, lang, MAX_LINE))
    style = rng.random()
    if style < 0.06:  # off-screen voice or emphasis
        lines = [f"<i>{line}</i>" for line in lines]
    elif style < 0.08:
        lines[0] = f"<b>{lines[0]}</b>"
    elif style < 0.09:
        color = rng.choice(FONT_COLORS)
        lines = [f'<font color="{color}">{line}</font>' for line in lines]
    if rng.random() < 0.005:  # a sign or caption at the top of the picture
        lines[0] = "{\\an8}" + lines[0]
    return lines


def timestamp(ms):
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    seconds, ms = divmod(ms, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{ms:03d}"


def write_srt(path, rng, cues, langs):
    """Writes one file; returns its size in bytes. `langs` is the language of each 1,000 cues."""
    out = []
    clock = rng.randint(20_000, 120_000)  # the first line comes after the opening titles
    for index in range(1, cues + 1):
        lang = langs[(index - 1) // 1000 % len(langs)]
        lines = cue_lines(rng, lang)
        chars = sum(len(line) for line in lines)
        # Reading speed ~17 characters/s, clamped to what subtitlers allow.
        duration = min(7000, max(1000, chars * 1000 // 17 + rng.randint(-300, 400)))
        # Mostly quick exchanges, sometimes a pause, rarely a scene without dialogue. Kept tight
        # enough that 100,000 cues end before 100:00:00,000 (two-digit hours).
        gap = rng.choices((rng.randint(80, 400), rng.randint(400, 3000), rng.randint(3000, 8000)),
                          weights=(70, 27, 3))[0]
        clock += gap
        if clock + duration >= 100 * 3_600_000:
            sys.exit(f"gen_srt.py: {cues} cues do not fit in 99:59:59,999")
        out.append(f"{index}\n{timestamp(clock)} --> {timestamp(clock + duration)}\n"
                   + "\n".join(lines) + "\n\n")
        clock += duration
    data = "".join(out).encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    big = sub.add_parser("big", help="one large file mixing the three languages")
    big.add_argument("out")
    big.add_argument("--cues", type=int, default=100_000)
    big.add_argument("--seed", type=int, default=1)
    batch = sub.add_parser("batch", help="a folder of film-sized files, one language each")
    batch.add_argument("dir")
    batch.add_argument("--files", type=int, default=2000)
    batch.add_argument("--min-cues", type=int, default=900)
    batch.add_argument("--max-cues", type=int, default=1500)
    batch.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()

    if args.command == "big":
        rng = random.Random(args.seed)
        size = write_srt(args.out, rng, args.cues, ["kk", "ru", "uz"])
        print(json.dumps({"files": 1, "cues": args.cues, "bytes": size}))
        return
    os.makedirs(args.dir, exist_ok=True)
    total_cues = total_bytes = 0
    for i in range(args.files):
        rng = random.Random(f"{args.seed}-{i}")  # each film independent of the others
        lang = ("kk", "ru", "uz")[i % 3]
        cues = rng.randint(args.min_cues, args.max_cues)
        total_bytes += write_srt(os.path.join(args.dir, f"film_{i:04d}_{lang}.srt"), rng, cues,
                                 [lang])
        total_cues += cues
    print(json.dumps({"files": args.files, "cues": total_cues, "bytes": total_bytes}))


if __name__ == "__main__":
    main()
