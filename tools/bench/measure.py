#!/usr/bin/env python3
"""Timing, output checks and the report table for tools/bench/run.sh (python3 stdlib only).

  measure.py time --results FILE --label L [--runs N] [--clean PATH]... [--log FILE]
                  [--display TEXT] -- COMMAND...
      Runs COMMAND N times; records the wall time of each run (perf_counter around fork..wait)
      and its peak resident set size from wait4(), which on Linux covers the command's
      descendants too (so `xargs -P 2 ffmpeg` reports the largest ffmpeg). PATHs are deleted
      before every run so a failing run cannot leave an old output behind to be verified.
  measure.py check-big [--tool NAME] --expect N KOPRU.vtt FFMPEG.vtt
  measure.py check-batch [--tool NAME] INPUT_DIR KOPRU_DIR FFMPEG_DIR
      Compare the cues ("-->" lines: count and start/end times, whatever the timestamp form) so a
      run that writes nothing, or nonsense, cannot pass. Exit 1 on mismatch.
  measure.py report --results FILE --big META.json --batch META.json [--mismatch PART]
      Prints throughput, peak memory, ratios and PASS/FAIL per target.
  measure.py describe META.json
      One line about a generated data set (files, MB, cues).
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

BIG_SPEED_TARGET = 20.0    # kopru MB/s on one core >= 20x ffmpeg's
BATCH_SPEED_TARGET = 50.0  # ffmpeg per-file (xargs -P 2) wall time >= 50x kopru's one call
MEMORY_TARGET = 4.0        # kopru peak RSS < 4x the big input's size


def run_once(command, log):
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped; keep Popen quiet
    return {"wall_s": wall, "rss_kb": usage.ru_maxrss, "rc": proc.returncode}


def cmd_time(args):
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        sys.exit("measure.py time: no command given")
    log = open(args.log, "ab") if args.log else subprocess.DEVNULL
    log_start = log.tell() if args.log else 0
    runs = []
    for _ in range(args.runs):
        for path in args.clean:
            if os.path.isdir(path):
                shutil.rmtree(path)
            elif os.path.lexists(path):
                os.remove(path)
        for path in args.mkdir:
            os.makedirs(path, exist_ok=True)
        runs.append(run_once(command, log))
        if runs[-1]["rc"] != 0:
            break  # a failing command is not timed again
    ok = all(r["rc"] == 0 for r in runs)
    if not ok and args.log:
        log.flush()
        with open(args.log, "rb") as f:
            f.seek(log_start)
            lines = f.read().decode("utf-8", "replace").splitlines()
        for line in lines[:5]:
            print(f"    | {line}")
        if len(lines) > 5:
            print(f"    | ... {len(lines) - 5} more lines in {args.log}")
    record = {
        "label": args.label,
        "command": args.display or shlex.join(command),
        "runs": runs,
        "ok": ok,
        "best_wall_s": min(r["wall_s"] for r in runs),
        "peak_rss_kb": max(r["rss_kb"] for r in runs),
    }
    with open(args.results, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    walls = ", ".join(f"{r['wall_s']:.3f}" for r in runs)
    status = "ok" if ok else f"FAILED (exit {runs[-1]['rc']}; see {args.log or 'its output'})"
    print(f"  {args.label}: {walls} s, peak RSS {record['peak_rss_kb'] / 1024:.1f} MiB  {status}")
    return 0 if ok else 1


TIMESTAMP = re.compile(rb"(?:(\d+):)?(\d+):(\d+)[.,](\d{3})")


def milliseconds(groups):
    hours, minutes, seconds, millis = (int(g or 0) for g in groups)
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


class Cues:
    """The cue times of an output file: (start, end) in ms per "-->" line, so WebVTT written as
    00:38.948 (ffmpeg) and 00:00:38.948 compare equal."""

    def __init__(self, path):
        self.times, self.header, self.first_line = None, False, {}
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return
        self.header = data.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT")
        self.times = []
        for line in data.splitlines():
            if b"-->" in line:
                stamps = TIMESTAMP.findall(line)
                pair = tuple(milliseconds(groups) for groups in stamps[:2])
                self.first_line.setdefault(len(self.times), line.decode("utf-8", "replace"))
                self.times.append(pair)

    def count(self):
        return -1 if self.times is None else len(self.times)

    def shown(self):
        return "no output" if self.times is None else f"{len(self.times)}"


def compare(mine, theirs, tool):
    """None when `mine` holds the cues `theirs` does, else what differs."""
    if mine.times is None:
        return f"{tool} wrote no file"
    if not mine.header:
        return f"{tool}'s output lacks the WEBVTT header"
    if len(mine.times) != len(theirs.times or []):
        return f"{tool} {len(mine.times)} cues, ffmpeg {theirs.count()}"
    for i, (a, b) in enumerate(zip(mine.times, theirs.times)):
        if a != b:
            return (f"cue {i + 1} timing differs: {tool} {mine.first_line[i]!r}, "
                    f"ffmpeg {theirs.first_line[i]!r}")
    return None


def cmd_check_big(args):
    mine, ffmpeg = Cues(args.kopru), Cues(args.ffmpeg)
    print(f"  cues: generated {args.expect}, {args.tool} {mine.shown()}, "
          f"ffmpeg {ffmpeg.shown()}")
    problem = compare(mine, ffmpeg, args.tool)
    if problem is None and ffmpeg.count() != args.expect:
        problem = f"ffmpeg wrote {ffmpeg.count()} cues of {args.expect}"
    if problem:
        print(f"  MISMATCH: {problem}")
        return 1
    print("  cue count and every cue's times match")
    return 0


def outputs_by_stem(directory):
    found = {}
    if os.path.isdir(directory):
        for name in os.listdir(directory):
            found[os.path.splitext(name)[0]] = os.path.join(directory, name)
    return found


def cmd_check_batch(args):
    inputs = sorted(os.path.splitext(n)[0] for n in os.listdir(args.inputs) if n.endswith(".srt"))
    mine_out, ffmpeg_out = outputs_by_stem(args.kopru), outputs_by_stem(args.ffmpeg)
    bad = []
    totals = [0, 0]
    for stem in inputs:
        mine = Cues(mine_out.get(stem, ""))
        ffmpeg = Cues(ffmpeg_out.get(stem, ""))
        totals[0] += max(mine.count(), 0)
        totals[1] += max(ffmpeg.count(), 0)
        problem = compare(mine, ffmpeg, args.tool)
        if problem is None and ffmpeg.count() <= 0:
            problem = "ffmpeg wrote no cues"
        if problem:
            bad.append(f"{stem}: {problem}")
    print(f"  files: {len(inputs)} inputs, {args.tool} wrote {len(mine_out)}, ffmpeg wrote "
          f"{len(ffmpeg_out)}; cues: {args.tool} {totals[0]}, ffmpeg {totals[1]}")
    for line in bad[:10]:
        print("  MISMATCH " + line)
    if len(bad) > 10:
        print(f"  ... and {len(bad) - 10} more mismatching files")
    if not bad and inputs:
        print("  every file's cue count and cue times match")
    return 0 if not bad and inputs else 1


def cmd_describe(args):
    with open(args.meta, encoding="utf-8") as f:
        meta = json.load(f)
    files = f"{meta['files']:,} files, " if meta["files"] != 1 else ""
    print(f"{files}{meta['bytes'] / 1e6:.2f} MB, {meta['cues']:,} cues")
    return 0


def load_results(path):
    results = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                results[record["label"]] = record
    return results


def row(name, record, meta):
    if record is None:
        return [name, "-", "-", "-", "-"]
    if not record["ok"]:
        return [name, "failed", "-", "-", f"{record['peak_rss_kb'] / 1024:.1f}"]
    wall = record["best_wall_s"]
    return [name, f"{wall:.3f}", f"{meta['bytes'] / 1e6 / wall:.1f}", f"{meta['cues'] / wall:,.0f}",
            f"{record['peak_rss_kb'] / 1024:.1f}"]


def print_table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    for r in [header] + rows:
        print("  " + "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths))))


def speed_ratio(kopru, ffmpeg):
    if not (kopru and ffmpeg and kopru["ok"] and ffmpeg["ok"]):
        return None
    return ffmpeg["best_wall_s"] / kopru["best_wall_s"]


def cmd_report(args):
    results = load_results(args.results)
    with open(args.big, encoding="utf-8") as f:
        big = json.load(f)
    with open(args.batch, encoding="utf-8") as f:
        batch = json.load(f)
    batch_text = (f"; batch {batch['files']:,} files, {batch['bytes'] / 1e6:.1f} MB, "
                  f"{batch['cues']:,} cues" if batch["files"] else "")
    print(f"\nData: big.srt {big['bytes'] / 1e6:.2f} MB, {big['cues']:,} cues{batch_text} "
          f"(MB = 10^6 bytes; peak RSS in MiB; wall = best of the runs)\n")
    header = ["case", "wall s", "MB/s", "cues/s", "peak RSS"]
    print_table(header, [
        row("big: kopru --jobs 1 (1 core)", results.get("big-kopru"), big),
        row("big: ffmpeg (1 core)", results.get("big-ffmpeg"), big),
        row("batch: kopru, one call", results.get("batch-kopru"), batch),
        row("batch: ffmpeg per file, -P 2", results.get("batch-ffmpeg"), batch),
    ])

    startup, per_file = results.get("startup-ffmpeg"), results.get("batch-ffmpeg")
    if startup and per_file and startup["ok"] and per_file["ok"] and batch["files"]:
        # Two ffmpeg processes run at once, so each file took about 2 * wall / files.
        each = 2 * per_file["best_wall_s"] / batch["files"]
        print(f"\n  ffmpeg per file in the batch: {each * 1000:.0f} ms, of which start-up on a "
              f"one-cue file: {startup['best_wall_s'] * 1000:.0f} ms "
              f"({100 * startup['best_wall_s'] / each:.0f} %)")

    print("\nTargets:")
    targets = []
    ratio = speed_ratio(results.get("big-kopru"), results.get("big-ffmpeg"))
    targets.append(["big SRT->WebVTT throughput vs ffmpeg, one core", ratio, BIG_SPEED_TARGET,
                    f">= {BIG_SPEED_TARGET:g}x", ratio is not None and ratio >= BIG_SPEED_TARGET])
    ratio = speed_ratio(results.get("batch-kopru"), results.get("batch-ffmpeg"))
    targets.append(["batch wall time vs ffmpeg per file (-P 2)", ratio, BATCH_SPEED_TARGET,
                    f">= {BATCH_SPEED_TARGET:g}x", ratio is not None and ratio >= BATCH_SPEED_TARGET])
    kopru_big = results.get("big-kopru")
    mem = kopru_big["peak_rss_kb"] * 1024 / big["bytes"] if kopru_big and kopru_big["ok"] else None
    targets.append(["big peak RSS / input size", mem, MEMORY_TARGET, f"< {MEMORY_TARGET:g}x",
                    mem is not None and mem < MEMORY_TARGET])
    # A speed measured on wrong output means nothing, so it is not scored.
    invalid = [args.mismatch == "big", args.mismatch == "batch", args.mismatch == "big"]
    if args.mismatch == "both":
        invalid = [True, True, True]

    def verdict(value, passed, bad):
        if value is None:
            return "NOT RUN"
        if bad:
            return "INVALID (outputs mismatch)"
        return "PASS" if passed else "FAIL"

    print_table(["target", "measured", "goal", "result"],
                [[name, "-" if value is None else f"{value:.1f}x", goal, verdict(value, passed, bad)]
                 for (name, value, _, goal, passed), bad in zip(targets, invalid)])

    print("\nCommands (timed as shown; cwd = the work dir):")
    for label in ("big-kopru", "big-ffmpeg", "batch-kopru", "batch-ffmpeg", "startup-ffmpeg"):
        if label in results:
            print(f"  {label}: {results[label]['command']}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="sub", required=True)
    t = sub.add_parser("time")
    t.add_argument("--results", required=True)
    t.add_argument("--label", required=True)
    t.add_argument("--runs", type=int, default=3)
    t.add_argument("--clean", action="append", default=[])
    t.add_argument("--mkdir", action="append", default=[])
    t.add_argument("--log")
    t.add_argument("--display")
    t.add_argument("command", nargs=argparse.REMAINDER)
    b = sub.add_parser("check-big")
    b.add_argument("--expect", type=int, required=True)
    b.add_argument("--tool", default="kopru", help="what wrote the first file")
    b.add_argument("kopru")
    b.add_argument("ffmpeg")
    d = sub.add_parser("describe")
    d.add_argument("meta")
    c = sub.add_parser("check-batch")
    c.add_argument("--tool", default="kopru", help="what wrote the first folder")
    c.add_argument("inputs")
    c.add_argument("kopru")
    c.add_argument("ffmpeg")
    r = sub.add_parser("report")
    r.add_argument("--results", required=True)
    r.add_argument("--big", required=True)
    r.add_argument("--batch", required=True)
    r.add_argument("--mismatch", choices=("none", "big", "batch", "both"), default="none",
                   help="which part's outputs failed verification")
    args = parser.parse_args()
    handlers = {"time": cmd_time, "check-big": cmd_check_big, "check-batch": cmd_check_batch,
                "describe": cmd_describe,
                "report": cmd_report}
    sys.exit(handlers[args.sub](args))


if __name__ == "__main__":
    main()
