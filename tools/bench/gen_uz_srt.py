#!/usr/bin/env python3
"""Generates a Cyrillic Uzbek SubRip file with a realistic vocabulary for the translit benchmark.

Transliteration caches every distinct word, so a benchmark on a small word list measures the
cache, not the rules. This generator builds tens of thousands of distinct word forms the way
Uzbek does: noun stems taken at generation time from the Cyrillic UDHR in the shared corpus
(never copied into the repository), reduced to stems by stripping common endings, then combined
with suffix chains (plural -лар, possessives -им -инг -и -имиз -ингиз, cases -нинг -га -ни -да
-дан, particles -ми -чи -дир -гина -ку), plus verb stems written for this benchmark with tense and
person endings. Forms are ranked (frequent stems, short chains first) and sampled with a Zipf
law (exponent 1.1), as words are in real text. Cues have 1-2 lines, some <i> tags, dialogue
dashes, names, numbers and punctuation. Output is deterministic for a given seed.

  gen_uz_srt.py OUT.srt [--corpus DIR] [--mb 10] [--zipf 1.1] [--seed 3]

Prints one JSON line: {"files": 1, "cues": N, "bytes": N, "words": N, "distinct_forms": N,
"vocabulary": N} (distinct_forms: distinct lower-case word forms in the file; vocabulary: forms
the sampler could choose from).
"""

import argparse
import bisect
import itertools
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus"))

VOWELS = set("аоуиэеёюяў")
LETTERS = re.compile(r"[а-яёўқғҳъ]+")

# Endings stripped from UDHR words to reach a stem (longest first); the stem keeps >= 3 letters.
ENDINGS = sorted(
    "ларининг ларига ларини ларида ларидан лари ларнинг ларга ларни ларда лардан лар "
    "нинг ига ини ида идан ни га ка қа да дан ги дир".split(),
    key=len, reverse=True)

# Words that do not inflect (conjunctions, postpositions, pronoun-like determiners).
FUNCTION_WORDS = set(
    "ва ёки билан ҳамда учун эмас керак мумкин ҳеч ҳар бир барча ушбу мазкур шу бу у ки деб "
    "агар ҳам лекин аммо бироқ ҳатто фақат яъни ўз каби кўра орқали бўйича қарши тўғрисида".split())

# Everyday dialogue words written for this benchmark (not from any corpus).
DIALOGUE = (
    "мен сен биз сиз улар нима нега қачон қаерда қандай ҳа йўқ яхши ёмон катта кичик уй бола "
    "ота она ака опа дўст йўл шаҳар қишлоқ вақт бугун эртага кеча ҳозир яна ҳамма ҳеч ким "
    "албатта ростдан пул иш машина дераза эшик кўча дарё тоғ қиз йигит одам хона китоб хат "
    "телефон овқат чой нон сув кун тун ой йил соат дақиқа юрак кўз қўл бош сўз гап").split()

VERBS = (
    "кел кет бор айт кўр эшит ўтир тур юр ол бер қил бил ишла ўқи ёз кут қайт чиқ кир ич е "
    "ухла ўйла сўра тўхта ёрдамлаш қидир топ сев қўрқ ишон кулиб йиғла гапир тингла").split()

# Verb endings: past, present-future, progressive, participles, conditional, imperative.
VERB_ENDINGS = (
    "ди дим динг ди дик дингиз дилар ган ганман гансан ганмиз япман япсан япти япмиз япсиз "
    "япти са сам санг сак сангиз син гин гани гунча иш ишни ишга моқ моқчи").split()
VERB_ENDINGS_CONSONANT = "аман асан ади амиз асиз адилар".split()
VERB_ENDINGS_VOWEL = "йман йсан йди ймиз йсиз йдилар".split()

NAMES = ("Юлдуз Шерзод Ўктам Гулнора Жасур Дилноза Фарҳод Малика Аҳмад Нигора Рустам Сарвар "
         "Зарина Бахтиёр Феруза Ғайрат Шаҳзода Ёқуб Ўлмас Ҳилола").split()


def stems_from_corpus(path):
    counts = {}
    with open(path, encoding="utf-8") as f:
        for word in LETTERS.findall(f.read().lower()):
            if word in FUNCTION_WORDS:
                counts[word] = counts.get(word, 0) + 1
                continue
            stem = word
            for ending in ENDINGS:
                if word.endswith(ending) and len(word) - len(ending) >= 3:
                    stem = word[:-len(ending)]
                    break
            counts[stem] = counts.get(stem, 0) + 1
    return counts


def possessives(word):
    if word[-1] in VOWELS:
        return ["м", "нг", "си", "миз", "нгиз"]
    return ["им", "инг", "и", "имиз", "ингиз"]


def dative(word):
    if word.endswith("к"):
        return "ка"
    if word.endswith("қ") or word.endswith("ғ"):
        return "қа"
    return "га"


def noun_forms(stem):
    """(form, weight) for one stem: every chain of plural, possessive, case and particle."""
    forms = []
    for plural in ("", "лар"):
        base = stem + plural
        for poss in [""] + possessives(base):
            with_poss = base + poss
            for case in ("", "нинг", "dat", "ни", "да", "дан"):
                suffix = dative(with_poss) if case == "dat" else case
                with_case = with_poss + suffix
                for particle in ("", "ми", "чи", "дир", "гина", "ку"):
                    # Each suffix makes a form rarer; particles are rarer still.
                    weight = 0.35 ** sum(1 for part in (plural, poss, case) if part)
                    weight *= 0.06 if particle else 1.0
                    forms.append((with_case + particle, weight))
    return forms


def verb_forms(stem):
    forms = [(stem, 0.5)]
    tails = VERB_ENDINGS + (VERB_ENDINGS_VOWEL if stem[-1] in VOWELS else VERB_ENDINGS_CONSONANT)
    for negative, ending in itertools.product(("", "ма"), tails):
        weight = 0.3 if not negative else 0.1
        forms.append((stem + negative + ending, weight))
        forms.append((stem + negative + ending + "ми", weight * 0.2))
    return forms


def vocabulary(corpus):
    counts = stems_from_corpus(os.path.join(corpus, "translit", "udhr", "uzn_cyrl.txt"))
    for word in DIALOGUE:
        counts[word] = counts.get(word, 0) + 5
    weights = {}
    for stem, count in counts.items():
        forms = [(stem, 1.0)] if stem in FUNCTION_WORDS else noun_forms(stem)
        for form, weight in forms:
            weights[form] = weights.get(form, 0) + count * weight
    for verb in VERBS:
        for form, weight in verb_forms(verb):
            weights[form] = weights.get(form, 0) + 4 * weight
    # Rank by weight, then give rank r the Zipf probability 1 / r^s.
    ranked = sorted(weights, key=lambda form: (-weights[form], form))
    return ranked


class Sampler:
    def __init__(self, forms, exponent, rng):
        self.forms = forms
        self.rng = rng
        self.cumulative = list(itertools.accumulate(1 / (r ** exponent)
                                                    for r in range(1, len(forms) + 1)))

    def word(self):
        x = self.rng.random() * self.cumulative[-1]
        return self.forms[bisect.bisect_left(self.cumulative, x)]


def sentence(sampler, rng, most=7):
    words = []
    for _ in range(rng.randint(min(2, most), most)):
        word = sampler.word()
        words.append(word)
    roll = rng.random()
    if roll < 0.08:
        words.insert(rng.randrange(len(words) + 1), rng.choice(NAMES))
    elif roll < 0.12:
        words.insert(rng.randrange(len(words) + 1), str(rng.choice([2, 3, 5, 10, 15, 100, 1995,
                                                                     2024, rng.randint(1, 999)])))
    elif roll < 0.13:
        i = rng.randrange(len(words))
        words[i] = words[i].upper()
    if len(words) > 3 and rng.random() < 0.25:
        i = rng.randrange(1, len(words) - 1)
        words[i] += ","
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    return text + rng.choice([".", ".", ".", "?", "!", "...", ".", "?"])


def wrap(text, width=42):
    """One line, or two cut at the space nearest the middle (as subtitlers balance lines)."""
    if len(text) <= width:
        return [text]
    middle = len(text) // 2
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return [text]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return [text[:cut], text[cut + 1:]]


def cue_lines(sampler, rng):
    roll = rng.random()
    if roll < 0.12:  # two speakers
        lines = ["- " + sentence(sampler, rng, 4), "- " + sentence(sampler, rng, 4)]
    elif roll < 0.55:
        first, second = sentence(sampler, rng), sentence(sampler, rng)
        both = first + " " + second
        lines = wrap(both if len(both) <= 84 else first)
    else:
        lines = wrap(sentence(sampler, rng))
    if rng.random() < 0.06:
        lines = ["<i>" + line + "</i>" for line in lines]
    return lines


def timestamp(ms):
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    seconds, ms = divmod(ms, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{ms:03d}"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS, help="the shared corpus")
    parser.add_argument("--mb", type=float, default=10.0, help="size in MB (10^6 bytes)")
    parser.add_argument("--zipf", type=float, default=1.1, help="Zipf exponent")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    source = os.path.join(args.corpus, "translit", "udhr", "uzn_cyrl.txt")
    if not os.path.exists(source):
        sys.exit(f"gen_uz_srt.py: {source} not found (give --corpus DIR)")
    rng = random.Random(args.seed)
    forms = vocabulary(args.corpus)
    sampler = Sampler(forms, args.zipf, rng)
    limit = int(args.mb * 1e6)
    size = cues = 0
    start = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        while size < limit:
            cues += 1
            start += rng.randint(300, 4000)
            duration = rng.randint(1200, 5000)
            block = "\n".join([str(cues), f"{timestamp(start)} --> {timestamp(start + duration)}",
                               *cue_lines(sampler, rng)]) + "\n\n"
            start += duration
            out.write(block)
            size += len(block.encode("utf-8"))
    with open(args.out, encoding="utf-8") as f:
        words = LETTERS.findall(f.read().lower())
    print(json.dumps({"files": 1, "cues": cues, "bytes": size, "words": len(words),
                      "distinct_forms": len(set(words)), "vocabulary": len(forms)}))


if __name__ == "__main__":
    main()
