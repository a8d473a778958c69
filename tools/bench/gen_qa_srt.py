#!/usr/bin/env python3
"""Generates a SubRip track for the `kopru qa` benchmark: realistic, mostly clean subtitles with
problems planted at a known rate, so every check does its real work (script checks walk every
letter, timing checks every gap) and the reports have findings to write.

Words are taken at generation time from a UDHR text of the shared corpus (never copied into the
repository): Uzbek Latin (`uzn_latn`, with ʻ and ʼ letters) by default. Cues have 1-2 lines of at
most 42 characters, italics, dialogue dashes (`-Ha.` on both lines), numbers; they are shown
for 5-7 s (at most 17 characters per second) with gaps of 3 frames or more at 25 fps. One cue in
`--plant-every` (default 200) carries one of the planted problems, in turn: a Cyrillic look-alike
letter in a Latin word, an ASCII apostrophe (o'g'il), three dots, a double space, a 50-character
line, three lines, a 0.4 s cue, a 1-frame gap, a 30 cps cue, a letter outside the alphabet (w).

The timing depends only on --seed and --cues, so a file generated with --words tur (Turkish)
and the same seed is a source track for --source: same cues, numbers, italics and dialogues, other
words (give it --timing-plants-only); --drift-every N starts one source cue in N 0.6 s late to
give the timing-drift check something to find.

  gen_qa_srt.py OUT.srt [--cues 100000] [--seed 5] [--words uzn_latn] [--corpus DIR]
                [--plant-every 200] [--drift-every 0] [--timing-plants-only]

Prints one JSON line: {"cues": N, "bytes": N, "planted": N, "words": "uzn_latn"}.
"""

import argparse
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus"))
MAX_LINE = 42
FRAME_MS = 40  # 25 fps
WORD = re.compile(r"[^\W\d_]+(?:[ʻʼ][^\W\d_]+)*[ʻʼ]?", re.UNICODE)

PLANTS = ["homoglyph", "ascii-apostrophe", "three-dots", "double-space", "long-line",
          "three-lines", "short", "short-gap", "fast", "foreign-letter"]


def load_words(corpus, name):
    path = os.path.join(corpus, "translit", "udhr", name + ".txt")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    words = WORD.findall(text)
    if len(words) < 500:
        raise SystemExit(f"{path}: too few words")
    return words


def sentence(rng, words, limit, number=None):
    out = []
    while True:
        w = rng.choice(words)
        if len(w) + 1 > limit:  # room for the final punctuation
            continue
        candidate = " ".join(out + [w])
        if len(candidate) + 1 > limit:
            break
        out.append(w)
        if len(out) >= 2 and rng.random() < 0.25:
            break
    if number is not None:
        out[min(1, len(out) - 1)] = str(number)
    text = " ".join(out)
    text = text[0].upper() + text[1:]
    return text.rstrip() + rng.choice(".....?!,")


# shape: decided by the seed alone (dialogue, italics, numbers), so a source track generated with
# other words has the same ones; rng: the words.
def cue_text(shape, rng, words):
    dialogue = shape.random() < 0.10
    italic = shape.random() < 0.05
    number = shape.randint(2, 1999) if shape.random() < 0.08 else None
    if dialogue:  # dash without a space on both lines
        return ["-" + sentence(rng, words, 20, number), "-" + sentence(rng, words, 20)]
    lines = [sentence(rng, words, MAX_LINE, number)]
    if len(lines[0]) > 26 and rng.random() < 0.55:
        second = sentence(rng, words, MAX_LINE)
        # Two lines only when they do not fit on one (no needless breaks in clean cues).
        if len(lines[0]) + 1 + len(second) <= MAX_LINE:
            lines[0] += " " + second
        else:
            lines.append(second)
    if italic:
        lines = ["<i>" + line + "</i>" for line in lines]
    return lines


def plant(kind, lines):
    first = lines[0]
    if kind == "homoglyph":
        i = first.find("a")
        lines[0] = first[:i] + "\u0430" + first[i + 1:] if i >= 0 else "M\u0430shina keldi."
    elif kind == "ascii-apostrophe":
        lines[0] = "O'g'il bola keldi."
    elif kind == "three-dots":
        lines[0] = first.rstrip(".?!,") + "..."
    elif kind == "double-space":
        lines[0] = first.replace(" ", "  ", 1) if " " in first else first + "  ha."
    elif kind == "long-line":
        lines[:] = ["Bu juda uzun satr boʻlib, qirq ikki belgidan oshadi."]
    elif kind == "three-lines":
        lines[:] = ["Birinchi.", "Ikkinchi.", "Uchinchi."]
    elif kind == "foreign-letter":
        lines[0] = "Windows ishlamayapti."
    return lines


def srt_time(ms):
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02}:{m:02}:{s:02},{ms:03}"


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--cues", type=int, default=100000)
    p.add_argument("--seed", type=int, default=5)
    p.add_argument("--words", default="uzn_latn")
    p.add_argument("--corpus", default=DEFAULT_CORPUS)
    p.add_argument("--plant-every", type=int, default=200)
    p.add_argument("--drift-every", type=int, default=0)
    p.add_argument("--timing-plants-only", action="store_true",
                   help="plant only the timing problems (for a source track)")
    a = p.parse_args()

    words = load_words(a.corpus, a.words)
    timing = random.Random(a.seed)          # timing only: identical for every --words
    shape = random.Random(a.seed + 1)
    text_rng = random.Random(a.seed * 7919 + sum(map(ord, a.words)))
    start = 1000
    planted = 0
    out = []
    for n in range(1, a.cues + 1):
        lines = cue_text(shape, text_rng, words)
        # The timing does not look at the words (so that a source track can share it): every cue
        # gets 5-7 s, enough for two full lines at 17 cps.
        duration = timing.randint(5000, 7000)
        duration -= duration % FRAME_MS
        gap = FRAME_MS * timing.choice([3, 4, 5, 6, 10, 25, 50])
        kind = None
        if a.plant_every and n % a.plant_every == 0:
            kind = PLANTS[(n // a.plant_every) % len(PLANTS)]
            planted += 1
            if not a.timing_plants_only:
                lines = plant(kind, lines)
            if kind == "short":
                duration = 400
            elif kind == "fast":
                if not a.timing_plants_only:
                    lines = ["Bu gap juda tez oʻtib ketadi, oʻqib",
                             "boʻlmaydi, hech kim ulgurmaydi."]
                duration = 2000
        shown = start
        if a.drift_every and n % a.drift_every == 0:
            shown += 600  # the start only: the cue still ends before the next one
        out.append(f"{n}\n{srt_time(shown)} --> {srt_time(start + duration)}\n"
                   + "\n".join(lines) + "\n")
        next_gap = FRAME_MS if kind == "short-gap" else gap
        start += duration + next_gap
    data = "\n".join(out).encode("utf-8")
    with open(a.out, "wb") as f:
        f.write(data)
    print(json.dumps({"cues": a.cues, "bytes": len(data), "planted": planted, "words": a.words}))


if __name__ == "__main__":
    main()
