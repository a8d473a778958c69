#!/usr/bin/env bash
# Times `kopru qa` on a 100,000-cue Uzbek Latin track (all checks, netflix profile + uz defaults):
# the JSON report, the HTML report, and the comparison checks against a source track. Target:
# under 1 s on one core (kopru qa is single-threaded; runs are pinned to CPU 0 when taskset is
# available). Prints a markdown table (median of N runs, wall seconds and peak RSS) and PASS/FAIL.
#
#   tools/bench/qa-bench.sh [--runs N] [--cues N] KOPRU WORK_DIR
set -euo pipefail

usage() {
  cat <<'EOF'
usage: qa-bench.sh [--runs N] [--cues N] KOPRU WORK_DIR
  --runs N   timed runs per measurement, the median is reported (default 5)
  --cues N   cues in the generated track (default 100000)
KOPRU is the kopru binary; WORK_DIR (outside the repository) receives the generated tracks
(reused while the generator and the size are unchanged) and the reports.
EOF
}

runs=5
cues=100000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift ;;
    --cues) cues="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "qa-bench: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
[[ $# -eq 2 ]] || { usage >&2; exit 2; }
kopru="$(realpath "$1")"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
[[ -x "$kopru" ]] || { echo "qa-bench: $kopru is not executable" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "qa-bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
mkdir -p "$work"
work="$(realpath "$work")"
case "$work/" in "$repo"/*) echo "qa-bench: keep WORK_DIR outside the repository" >&2; exit 2 ;; esac

# Data: regenerated when the generator or the size changed.
stamp="$(sha256sum "$here/gen_qa_srt.py" | cut -c1-16)-$cues"
track="$work/film.uz-Latn.srt"
source="$work/film.source.srt"
if [[ "$(cat "$work/.stamp" 2>/dev/null)" != "$stamp" ]]; then
  python3 "$here/gen_qa_srt.py" "$track" --cues "$cues" >"$work/gen.json"
  python3 "$here/gen_qa_srt.py" "$source" --cues "$cues" --words tur --timing-plants-only \
    --drift-every 500 >>"$work/gen.json"
  echo "$stamp" >"$work/.stamp"
fi

pin=()
if command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c 0)
fi

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure NAME ARGS...: runs kopru qa ARGS `runs` times; prints the medians "wall_s kib cpu_s"
# (cpu = user + system: what the run itself used, less sensitive to other work on the machine).
measure() {
  local name="$1"; shift
  local times="$work/$name.times"
  : >"$times"
  for ((i = 0; i < runs; i++)); do
    local rc=0
    "${pin[@]}" /usr/bin/time -f '%e %M %U %S' -o "$work/$name.time" "$kopru" qa "$@" \
      >"$work/$name.out" 2>"$work/$name.err" || rc=$?
    # 0: no finding at --fail-on, 1: findings. Anything else is a failure of the run.
    if [[ $rc -gt 1 ]]; then
      echo "qa-bench: kopru qa $* exited with $rc:" >&2
      cat "$work/$name.err" >&2
      exit 1
    fi
    tail -1 "$work/$name.time" >>"$times"
  done
  local secs kib cpu
  secs="$(cut -d' ' -f1 "$times" | median)"
  kib="$(cut -d' ' -f2 "$times" | median)"
  cpu="$(awk '{ printf "%.2f\n", $3 + $4 }' "$times" | median)"
  echo "$secs $kib $cpu"
}

declare -A label=(
  [json]="\`kopru qa film.uz-Latn.srt --lang uz-Latn --json\`"
  [html]="\`kopru qa film.uz-Latn.srt --lang uz-Latn --html report.html\`"
  [source]="\`kopru qa film.uz-Latn.srt --lang uz-Latn --source film.source.srt --json\`"
)
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
declare -A result
result[json]="$(measure json "$track" --lang uz-Latn --json)"
findings_json="$work/json.out"
result[html]="$(measure html "$track" --lang uz-Latn --html "$work/report.html")"
result[source]="$(measure source "$track" --lang uz-Latn --source "$source" --json)"

findings="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=d.get("findings", d if isinstance(d, list) else []); print(len(f))' "$findings_json" 2>/dev/null || echo "?")"
source_findings="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=d.get("findings", d if isinstance(d, list) else []); print(len(f))' "$work/source.out" 2>/dev/null || echo "?")"

echo "## kopru qa, $cues cues ($(du -h "$track" | cut -f1)), median of $runs runs${pin:+, pinned to CPU 0}"
echo
echo "| command | wall s | CPU s (user+sys) | peak RSS MiB | findings |"
echo "|---|---|---|---|---|"
verdict=PASS
for key in json html source; do
  read -r secs kib cpu <<<"${result[$key]}"
  count="-"
  [[ $key == json ]] && count="$findings"
  [[ $key == source ]] && count="$source_findings"
  printf '| %s | %s | %s | %s | %s |\n' "${label[$key]}" "$secs" "$cpu" "$((kib / 1024))" "$count"
  if awk -v s="$secs" 'BEGIN { exit !(s >= 1.0) }'; then
    verdict=FAIL
  fi
done
echo
echo "Load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') ($(nproc) CPUs; other work on the machine inflates wall time)."
echo
echo "$verdict: kopru qa on $cues cues < 1 s on one core (wall time of every measurement above)"
if [[ $verdict == FAIL ]]; then
  cpu_verdict=PASS
  for key in json html source; do
    read -r secs kib cpu <<<"${result[$key]}"
    awk -v s="$cpu" 'BEGIN { exit !(s >= 1.0) }' && cpu_verdict=FAIL
  done
  echo "(CPU time alone: $cpu_verdict — on a loaded machine the wall time overstates the cost)"
fi
