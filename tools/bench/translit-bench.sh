#!/usr/bin/env bash
# Times `kopru translit` against `uconv -x uz_Cyrl-uz_Latn` on a generated 10 MB Cyrillic Uzbek
# SRT and reports the speed targets of issue #3. See tools/bench/README.md.
#
#   tools/bench/translit-bench.sh [--runs N] [--mb N] KOPRU_BINARY WORK_DIR
#
# Exit status: 0 when every command ran and wrote a complete output (missed speed targets are
# reported, not failed), 1 when a command failed or an output is incomplete, 2 on usage errors or
# missing tools.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: translit-bench.sh [--runs N] [--mb N] KOPRU_BINARY WORK_DIR

  --runs N   timed runs per command; the best is kept (default 3)
  --mb N     size of the generated SRT in MB (default 10)

Data and outputs go to WORK_DIR (keep it outside the repository); the data is reused while the
generator, its parameters and the corpus text it reads are unchanged.
EOF
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runs=3
mb=10
positional=()
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift ;;
    --mb) mb="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "translit-bench.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) positional+=("$1") ;;
  esac
  shift
done
(("${#positional[@]}" == 2)) || { usage >&2; exit 2; }
kopru="$(realpath -m "${positional[0]}")"
work="${positional[1]}"
if [[ ! -x "$kopru" ]]; then
  echo "translit-bench.sh: $kopru is not an executable (build it: ninja -C build kopru)" >&2
  exit 2
fi
for tool in uconv python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "translit-bench.sh: $tool not found (uconv: sudo apt-get install icu-devtools)" >&2
    exit 2
  fi
done
pin1=() pin2=()
if command -v taskset >/dev/null; then
  pin1=(taskset -c 0)
  (($(nproc) >= 2)) && pin2=(taskset -c "0,1")
else
  echo "translit-bench.sh: taskset not found (apt-get install util-linux); runs are not pinned" >&2
fi

repo="$(realpath "$here/../..")"
corpus="${KOPRU_CORPUS:-$repo/../shared/corpus}"
mkdir -p "$work"
work="$(realpath "$work")"
case "$work/" in
  "$repo"/*)
    echo "translit-bench.sh: WORK_DIR is inside the repository; use one outside it (e.g. /tmp/kopru-translit-bench)" >&2
    exit 2 ;;
esac
cd "$work"
mkdir -p data out
measure=(python3 "$here/measure.py")

# --- data: regenerated only when the generator, its parameters or the corpus text change -------
big=data/big.uz-Cyrl.srt
want="mb=$mb $(cat "$here/gen_uz_srt.py" "$corpus/translit/udhr/uzn_cyrl.txt" | sha256sum | cut -c1-16)"
if [[ ! -f data/big.json || "$(cat data/big.stamp 2>/dev/null)" != "$want" ]]; then
  echo "generating $big ($mb MB)..."
  rm -f "$big" data/big.json data/big.stamp
  python3 "$here/gen_uz_srt.py" "$big" --corpus "$corpus" --mb "$mb" >data/big.json
  echo "$want" >data/big.stamp
fi

results=out/results.jsonl
log=out/commands.log
rm -f "$results" "$log"
status=0
echo "kopru: $kopru"
echo "uconv: $(command -v uconv) ($(uconv --version | head -n1))"
echo "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg); work dir: $work"
echo
echo "data: $big ($("${measure[@]}" describe data/big.json))"
cat "$big" >/dev/null  # the first timed run should not pay for the disk

"${measure[@]}" time --results "$results" --log "$log" --label uconv --runs "$runs" \
  --clean out/big.uconv.srt -- \
  "${pin1[@]}" uconv -f utf-8 -t utf-8 -x uz_Cyrl-uz_Latn -o out/big.uconv.srt "$big" || status=1
"${measure[@]}" time --results "$results" --log "$log" --label kopru-j1 --runs "$runs" \
  --clean out/big.kopru-j1.srt -- \
  "${pin1[@]}" "$kopru" translit "$big" -o out/big.kopru-j1.srt --from uz-Cyrl --to uz-Latn -j 1 ||
  status=1
"${measure[@]}" time --results "$results" --log "$log" --label kopru-j2 --runs "$runs" \
  --clean out/big.kopru-j2.srt -- \
  "${pin2[@]}" "$kopru" translit "$big" -o out/big.kopru-j2.srt --from uz-Cyrl --to uz-Latn -j 2 ||
  status=1
# Reference: the same file read and written without transliterating (the codec's share).
"${measure[@]}" time --results "$results" --log "$log" --label kopru-convert --runs "$runs" \
  --clean out/big.convert.srt -- \
  "${pin1[@]}" "$kopru" convert "$big" -o out/big.convert.srt -j 1 || status=1

# --- outputs and report -------------------------------------------------------------------------
python3 - "$results" data/big.json "$big" "$status" <<'EOF' || status=1
import json, re, sys

results_path, meta_path, source, status = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
meta = json.load(open(meta_path))
results = {}
for line in open(results_path, encoding="utf-8"):
    record = json.loads(line)
    results[record["label"]] = record
source_lines = open(source, encoding="utf-8").read().count("\n")
outputs = {"uconv": "out/big.uconv.srt", "kopru-j1": "out/big.kopru-j1.srt",
           "kopru-j2": "out/big.kopru-j2.srt", "kopru-convert": "out/big.convert.srt"}

problems = []
def check(label):
    try:
        text = open(outputs[label], encoding="utf-8").read()
    except OSError:
        problems.append(f"{label}: no output")
        return "-"
    cues = text.count("-->")
    cyrillic = len(re.findall(r"[\u0400-\u04FF]", text))
    if cues != meta["cues"]:
        problems.append(f"{label}: {cues} cues of {meta['cues']}")
    if label != "kopru-convert" and cyrillic > 0:
        problems.append(f"{label}: {cyrillic} Cyrillic letters left")
    return f"{cues:,} cues, {cyrillic:,} Cyrillic letters"

print(f"\nData: {meta['bytes'] / 1e6:.2f} MB, {meta['cues']:,} cues, {meta['words']:,} words, "
      f"{meta['distinct_forms']:,} distinct word forms (of {meta['vocabulary']:,} the generator "
      f"can make; Zipf-sampled)\n(MB = 10^6 bytes; peak RSS in MiB; wall = best of the runs)\n")
rows = [["case", "wall s", "MB/s", "vs uconv", "peak RSS", "output"]]
names = {"uconv": "uconv -x uz_Cyrl-uz_Latn (1 core)", "kopru-j1": "kopru translit -j 1 (1 core)",
         "kopru-j2": "kopru translit -j 2 (2 cores)",
         "kopru-convert": "reference: kopru convert, no translit"}
uconv = results.get("uconv")
for label, name in names.items():
    r = results.get(label)
    if r is None or not r["ok"]:
        rows.append([name, "failed" if r else "-", "-", "-", "-", "-"])
        continue
    wall = r["best_wall_s"]
    ratio = (f"{uconv['best_wall_s'] / wall:.2f}x"
             if uconv and uconv["ok"] and label != "kopru-convert" else "-")
    rows.append([name, f"{wall:.3f}", f"{meta['bytes'] / 1e6 / wall:.1f}", ratio,
                 f"{r['peak_rss_kb'] / 1024:.1f}", check(label)])
widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
for row in rows:
    print("  " + "  ".join(c.ljust(w) if i in (0, 5) else c.rjust(w)
                           for i, (c, w) in enumerate(zip(row, widths))))

def ok(label):
    r = results.get(label)
    return r is not None and r["ok"]

print("\nTargets:")
targets = []
if ok("uconv") and ok("kopru-j1"):
    value = results["uconv"]["best_wall_s"] / results["kopru-j1"]["best_wall_s"]
    targets.append(("throughput vs uconv, one core", value, ">= 3.0x", value >= 3.0))
if ok("kopru-j1") and ok("kopru-j2"):
    value = results["kopru-j1"]["best_wall_s"] / results["kopru-j2"]["best_wall_s"]
    targets.append(("speed-up of -j 2 over -j 1 (near-linear)", value, ">= 1.7x", value >= 1.7))
for name, value, goal, passed in targets:
    print(f"  {name:42} {value:6.2f}x  goal {goal:8}  {'PASS' if passed else 'FAIL'}")
if not targets:
    print("  NOT RUN (a command failed)")
for problem in problems:
    print(f"  OUTPUT PROBLEM: {problem}")
print("\nCommands (timed as shown; cwd = the work dir):")
for label in names:
    if label in results:
        print(f"  {label}: {results[label]['command']}")
sys.exit(1 if problems else 0)
EOF

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
if ((status)); then
  echo "RESULT: a command failed or wrote an incomplete output (command output in $work/$log)"
else
  echo "RESULT: every command ran (speed targets are reported above, not enforced)"
fi
exit "$status"
