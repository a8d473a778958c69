#!/usr/bin/env bash
# Times `kopru convert` against ffmpeg on generated Cyrillic SRT files and reports the targets of
# the benchmark issue. See tools/bench/README.md.
#
#   tools/bench/run.sh [options] KOPRU_BINARY WORK_DIR
#   tools/bench/run.sh --ffmpeg-only [options] WORK_DIR   (harness check without kopru)
#   tools/bench/run.sh --generate-only [options] WORK_DIR (data only)
#
# Exit status: 0 when kopru's outputs hold the same cues as ffmpeg's (missed speed or memory
# targets are reported, not failed), 1 when outputs mismatch or a command fails, 2 on usage or
# missing tools.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: run.sh [options] KOPRU_BINARY WORK_DIR
       run.sh --ffmpeg-only [options] WORK_DIR
       run.sh --generate-only [options] WORK_DIR

  --small            quick harness check: 2,000-cue big file, 20 batch files, 1 run
  --cues N           cues in the big file (default 100000)
  --files N          files in the batch (default 2000; each 900-1,500 cues)
  --runs N           timed runs per kopru/ffmpeg big-file measurement; best is kept (default 3)
  --batch-runs N     timed runs of the kopru batch (default 3); ffmpeg's batch runs once
  --no-batch         skip the batch part
  --ffmpeg-only      time ffmpeg alone (no kopru binary), to check the harness and the data
  --generate-only    only generate the data (e.g. ahead of a quiet moment); WORK_DIR alone
  -h, --help         this text

Data and outputs go to WORK_DIR (keep it outside the repository); data is reused while the
generator and its parameters are unchanged.
EOF
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cues=100000
files=2000
runs=3
batch_runs=3
do_batch=1
ffmpeg_only=0
generate_only=0
positional=()
while (($#)); do
  case "$1" in
    --small) cues=2000 files=20 runs=1 batch_runs=1 ;;
    --cues) cues="$2"; shift ;;
    --files) files="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --batch-runs) batch_runs="$2"; shift ;;
    --no-batch) do_batch=0 ;;
    --ffmpeg-only) ffmpeg_only=1 ;;
    --generate-only) generate_only=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) positional+=("$1") ;;
  esac
  shift
done

if ((ffmpeg_only || generate_only)); then
  (("${#positional[@]}" == 1)) || { usage >&2; exit 2; }
  kopru=""
  work="${positional[0]}"
else
  (("${#positional[@]}" == 2)) || { usage >&2; exit 2; }
  kopru="$(realpath -m "${positional[0]}")"
  work="${positional[1]}"
  if [[ ! -x "$kopru" ]]; then
    echo "run.sh: $kopru is not an executable (build it: ninja -C build kopru)" >&2
    exit 2
  fi
fi

# --- tools -------------------------------------------------------------------------------------
if ((!generate_only)) && ! command -v ffmpeg >/dev/null; then
  echo "run.sh: ffmpeg not found. It is needed only for this benchmark; install it with:" >&2
  echo "    sudo apt-get install ffmpeg" >&2
  exit 2
fi
if ! command -v python3 >/dev/null; then
  echo "run.sh: python3 not found (install it with: sudo apt-get install python3)" >&2
  exit 2
fi
pin=()
if command -v taskset >/dev/null; then
  pin=(taskset -c 0)
else
  echo "run.sh: taskset not found (apt-get install util-linux); single-core runs are not pinned" >&2
fi

mkdir -p "$work"
work="$(realpath "$work")"
case "$work/" in
  "$(realpath "$here/../..")"/*)
    echo "run.sh: WORK_DIR is inside the repository; use a directory outside it (e.g. /tmp/kopru-bench)" >&2
    exit 2 ;;
esac
cd "$work"
measure=(python3 "$here/measure.py")

# --- data --------------------------------------------------------------------------------------
# Regenerate only when the generator or its parameters change.
generate() {  # name, stamp-text, gen_srt.py arguments...
  local name="$1" stamp="$2"
  shift 2
  local want
  want="$stamp $(sha256sum "$here/gen_srt.py" | cut -c1-16)"
  if [[ -f "data/$name.json" && "$(cat "data/$name.stamp" 2>/dev/null)" == "$want" ]]; then
    return
  fi
  echo "generating $name ($stamp)..."
  rm -rf "data/$name" "data/$name.srt" "data/$name.json" "data/$name.stamp"
  python3 "$here/gen_srt.py" "$@" >"data/$name.json"
  echo "$want" >"data/$name.stamp"
}
mkdir -p data out
generate big "cues=$cues" big data/big.srt --cues "$cues"
if ((do_batch)); then
  generate batch "files=$files" batch data/batch --files "$files"
else
  echo '{"files": 0, "cues": 0, "bytes": 0}' >data/batch.none.json
fi
batch_meta=data/batch.json
((do_batch)) || batch_meta=data/batch.none.json
if ((generate_only)); then
  echo "data ready in $work/data"
  exit 0
fi

results="out/results.jsonl"
log="out/commands.log"
rm -f "$results" "$log"
status=0

echo "kopru:  ${kopru:-(not run: --ffmpeg-only)}"
echo "ffmpeg: $(command -v ffmpeg) ($(ffmpeg -hide_banner -version | head -n1 | cut -d' ' -f1-3))"
echo "cores:  $(nproc); work dir: $work"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- 1. big file, one core ---------------------------------------------------------------------
ffmpeg_args=(-nostdin -hide_banner -loglevel error -y)
echo
echo "1. big file: $("${measure[@]}" describe data/big.json)"
cat data/big.srt >/dev/null  # the first timed run should not pay for the disk
if [[ -n "$kopru" ]]; then
  "${measure[@]}" time --results "$results" --log "$log" --label big-kopru --runs "$runs" \
    --clean out/big.kopru.vtt -- \
    "${pin[@]}" "$kopru" convert data/big.srt -o out/big.kopru.vtt --jobs 1 || status=1
fi
"${measure[@]}" time --results "$results" --log "$log" --label big-ffmpeg --runs "$runs" \
  --clean out/big.ffmpeg.vtt -- \
  "${pin[@]}" ffmpeg "${ffmpeg_args[@]}" -i data/big.srt out/big.ffmpeg.vtt || status=1
expect="$(python3 -c 'import json;print(json.load(open("data/big.json"))["cues"])')"
big_ok=1
batch_ok=1
if [[ -n "$kopru" ]]; then
  "${measure[@]}" check-big --expect "$expect" out/big.kopru.vtt out/big.ffmpeg.vtt || big_ok=0
else
  # Without kopru, check ffmpeg against the generator (validates the harness and the data).
  "${measure[@]}" check-big --tool ffmpeg --expect "$expect" out/big.ffmpeg.vtt out/big.ffmpeg.vtt ||
    big_ok=0
fi

# --- 2. batch: one kopru call vs ffmpeg once per file, two at a time ----------------------------
if ((do_batch)); then
  echo
  echo "2. batch: $("${measure[@]}" describe data/batch.json)"
  inputs=(data/batch/*.srt)
  cat "${inputs[@]}" >/dev/null
  if [[ -n "$kopru" ]]; then
    "${measure[@]}" time --results "$results" --log "$log" --label batch-kopru --runs "$batch_runs" \
      --clean out/batch.kopru --mkdir out/batch.kopru \
      --display "$kopru convert data/batch/*.srt --out-dir out/batch.kopru --to vtt" -- \
      "$kopru" convert "${inputs[@]}" --out-dir out/batch.kopru --to vtt || status=1
  fi
  # xargs reads "input, output" pairs and starts `ffmpeg ... -i IN OUT` two at a time, so no shell
  # sits between xargs and ffmpeg.
  pairs=out/batch.pairs
  for f in "${inputs[@]}"; do
    name="${f##*/}"
    printf '%s\0%s\0' "$f" "out/batch.ffmpeg/${name%.srt}.vtt"
  done >"$pairs"
  "${measure[@]}" time --results "$results" --log "$log" --label batch-ffmpeg --runs 1 \
    --clean out/batch.ffmpeg --mkdir out/batch.ffmpeg -- \
    xargs -0 -n 2 -P 2 -a "$pairs" ffmpeg "${ffmpeg_args[@]}" -i || status=1
  # ffmpeg on a one-cue file: its fixed start-up cost, which dominates the per-file batch.
  printf '1\n00:00:01,000 --> 00:00:02,000\nСәлем!\n\n' >data/tiny.srt
  "${measure[@]}" time --results "$results" --log "$log" --label startup-ffmpeg --runs "$runs" \
    --clean out/tiny.ffmpeg.vtt -- ffmpeg "${ffmpeg_args[@]}" -i data/tiny.srt out/tiny.ffmpeg.vtt ||
    status=1
  if [[ -n "$kopru" ]]; then
    "${measure[@]}" check-batch data/batch out/batch.kopru out/batch.ffmpeg || batch_ok=0
  else
    "${measure[@]}" check-batch --tool ffmpeg data/batch out/batch.ffmpeg out/batch.ffmpeg || batch_ok=0
  fi
fi

mismatch=none
((big_ok)) || mismatch="big"
((batch_ok)) || mismatch="batch"
((big_ok || batch_ok)) || mismatch="both"
((big_ok && batch_ok)) || status=1
"${measure[@]}" report --results "$results" --big data/big.json --batch "$batch_meta" \
  --mismatch "$mismatch"
echo
echo "Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
echo "(Timings are only comparable on an otherwise idle machine.)"
if ((status)); then
  echo "RESULT: outputs mismatch or a command failed (details above; command output in $work/$log)"
else
  echo "RESULT: outputs verified (speed and memory targets are reported above, not enforced)"
fi
exit "$status"
