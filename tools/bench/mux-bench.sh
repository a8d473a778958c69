#!/usr/bin/env bash
# Times `kopru mux` adding two subtitle tracks to a generated 720p film against mkvmerge, ffmpeg
# and a plain `cp` (the I/O floor), and reports the remux targets of issue 4. See
# tools/bench/README.md.
#
#   tools/bench/mux-bench.sh [--runs N] [--minutes "10 60"] [--check] KOPRU_BINARY WORK_DIR
#   KOPRU_BENCH_SKIP_KOPRU=1 tools/bench/mux-bench.sh ... - WORK_DIR   (everything but kopru)
#
# Exit status: 0 when every command ran and wrote the expected tracks (missed targets are reported
# as FAIL, not failed, unless --check is given), 1 when a command failed or an output lacks a
# track or cues (or, with --check, a target is missed), 2 on usage errors or missing tools.
set -euo pipefail
export LC_ALL=C  # $EPOCHREALTIME and the number formats need a '.' decimal point

usage() {
  cat <<'EOF'
usage: mux-bench.sh [--runs N] [--minutes "10 60"] [--check] KOPRU_BINARY WORK_DIR

  --runs N         timed runs per command after one warm-up run; the median is kept (default 3)
  --minutes LIST   film lengths in minutes, space-separated (default "10 60")
  --check          exit 1 when a target is missed (by default targets are only reported)
  -h, --help       this text

Environment: KOPRU_BENCH_SKIP_KOPRU=1 skips the kopru commands (KOPRU_BINARY is then ignored),
to check the data and the other tools' figures.

The films and subtitles go to WORK_DIR/data (keep it outside the repository; about 1.4 GB for the
default lengths) and are generated only when missing; delete WORK_DIR/data to regenerate them.
EOF
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runs=3
minutes_list="10 60"
check=0
positional=()
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift ;;
    --minutes) minutes_list="$2"; shift ;;
    --check) check=1 ;;
    -h | --help) usage; exit 0 ;;
    -?*) echo "mux-bench.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) positional+=("$1") ;;
  esac
  shift
done
(("${#positional[@]}" == 2)) || { usage >&2; exit 2; }
if [[ ! "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "mux-bench.sh: --runs wants a positive number, got '$runs'" >&2
  exit 2
fi
read -r -a lengths <<<"$minutes_list"
((${#lengths[@]})) || { echo "mux-bench.sh: --minutes is empty" >&2; exit 2; }
for minutes in "${lengths[@]}"; do
  if [[ ! "$minutes" =~ ^[1-9][0-9]*$ ]]; then
    echo "mux-bench.sh: --minutes wants whole minutes like \"10 60\", got '$minutes'" >&2
    exit 2
  fi
done

skip_kopru=0
[[ "${KOPRU_BENCH_SKIP_KOPRU:-0}" == 0 ]] || skip_kopru=1
kopru="$(realpath -m "${positional[0]}")"
work="${positional[1]}"
if ((!skip_kopru)) && [[ ! -x "$kopru" ]]; then
  echo "mux-bench.sh: $kopru is not an executable (build it: ninja -C build kopru;" \
    "or set KOPRU_BENCH_SKIP_KOPRU=1)" >&2
  exit 2
fi
for tool in ffmpeg ffprobe mkvmerge python3 /usr/bin/time; do
  if ! command -v "$tool" >/dev/null; then
    echo "mux-bench.sh: $tool not found (sudo apt-get install ffmpeg mkvtoolnix time python3)" >&2
    exit 2
  fi
done

repo="$(realpath "$here/../..")"
work="$(realpath -m "$work")"
case "$work/" in
  "$repo"/*)
    echo "mux-bench.sh: WORK_DIR is inside the repository; use one outside it (e.g. /tmp/mux-bench)" >&2
    exit 2 ;;
esac
mkdir -p "$work"
cd "$work"
mkdir -p data out

# Microseconds since the epoch; $EPOCHREALTIME always has six decimals.
now_us() { echo "${EPOCHREALTIME/./}"; }
seconds_since() { awk -v us="$(($(now_us) - $1))" 'BEGIN { printf "%.1f", us / 1e6 }'; }

# --- data: generated only when missing (written under a temporary name, then renamed) ----------
# One minute is encoded; longer films are that minute repeated by the concat demuxer with stream
# copy, which takes seconds instead of the encoder's minutes. Content: testsrc2 (moving, coloured)
# at a bitrate giving about 10 MB per minute, a keyframe every 2 s, stereo sine audio.
minute=data/minute.mp4
make_minute() {
  [[ -f "$minute" ]] && return 0
  echo "encoding $minute (one minute of 1280x720 25 fps H.264 + AAC stereo)..."
  ffmpeg -nostdin -v error -y \
    -f lavfi -i "testsrc2=size=1280x720:rate=25" \
    -f lavfi -i "sine=frequency=440:beep_factor=4:sample_rate=48000" \
    -t 60 -map 0:v -map 1:a \
    -c:v libx264 -preset ultrafast -b:v 1180k -maxrate 1180k -bufsize 2360k \
    -g 50 -keyint_min 50 -sc_threshold 0 -pix_fmt yuv420p \
    -c:a aac -b:a 128k -ac 2 "$minute.tmp.mp4"
  mv "$minute.tmp.mp4" "$minute"
}

make_film() {  # make_film MINUTES EXT
  local dir="data/$1min" film="data/$1min/film.$2" list="data/concat-$1.txt" i
  [[ -f "$film" ]] && return 0
  echo "building $film ($1 x $minute, stream copy)..."
  mkdir -p "$dir"
  for ((i = 0; i < $1; i++)); do echo "file 'minute.mp4'"; done >"$list"
  ffmpeg -nostdin -v error -y -f concat -i "$list" -map 0 -c copy "$film.tmp.$2"
  mv "$film.tmp.$2" "$film"
  rm -f "$list"
}

# Two SRT files covering the whole film, one cue every 3 s (shown 2.5 s), 1-2 lines, sometimes a
# dialogue pair or <i>, in Uzbek (Latin, with the ʻ and ʼ letters) and Kazakh (Cyrillic).
make_subs() {  # make_subs MINUTES
  local dir="data/$1min"
  [[ -f "$dir/subs.uz-Latn.srt" && -f "$dir/subs.kk-Cyrl.srt" ]] && return 0
  echo "writing $dir/subs.uz-Latn.srt and subs.kk-Cyrl.srt ($(($1 * 20)) cues each)..."
  mkdir -p "$dir"
  python3 - "$1" "$dir" <<'EOF'
import os, random, sys

minutes, out_dir = int(sys.argv[1]), sys.argv[2]
phrases = {
    "uz-Latn": [
        "Salom, qalaysiz?", "Bugun kechqurun uyga qaytaman.", "Men seni kutgandim, lekin kelmading.",
        "Bu yerda hech kim yoʻq.", "Ertaga ertalab bozorga boramiz.", "Gʻalaba biz bilan boʻladi!",
        "Oʻzingni ehtiyot qil.", "Maʼlumotlarni tekshirib chiqdingizmi?",
        "Shamol kuchayib ketdi, eshikni yop.", "Nega menga avvalroq aytmading?",
        "Choy ichasizmi yoki qahva?", "Yoʻl uzoq, lekin biz yetib boramiz.",
        "Qishloqqa qaytish vaqti keldi.", "Sen haqsan, bu mening aybim.", "Otam bu haqda gapirmagan.",
        "Soat nechada uchrashamiz?", "Qoʻrqma, men shu yerdaman.", "Bu sirni hech kimga aytma.",
    ],
    "kk-Cyrl": [
        "Сәлеметсіз бе, қалыңыз қалай?", "Бүгін кешке үйге ораламын.", "Мен сені күттім, бірақ келмедің.",
        "Мұнда ешкім жоқ.", "Ертең таңертең базарға барамыз.", "Жеңіс біздікі болады!",
        "Өзіңді абайла.", "Құжаттарды тексеріп шықтыңыз ба?", "Жел күшейіп кетті, есікті жап.",
        "Неге маған ертерек айтпадың?", "Шай ішесіз бе, әлде кофе ме?", "Жол ұзақ, бірақ біз жетеміз.",
        "Ауылға қайтатын уақыт келді.", "Сен дұрыс айтасың, бұл менің кінәм.",
        "Әкем бұл туралы ештеңе айтқан жоқ.", "Сағат нешеде кездесеміз?", "Қорықпа, мен осындамын.",
        "Бұл құпияны ешкімге айтпа.",
    ],
}

def stamp(ms):
    return f"{ms // 3600000:02}:{ms // 60000 % 60:02}:{ms // 1000 % 60:02},{ms % 1000:03}"

for lang, words in phrases.items():
    rng = random.Random(f"mux-bench {lang}")
    blocks = []
    for i in range(minutes * 20):
        start = i * 3000 + 200
        kind = rng.random()
        if kind < 0.2:
            lines = ["- " + rng.choice(words), "- " + rng.choice(words)]
        elif kind < 0.55:
            lines = [rng.choice(words), rng.choice(words)]
        else:
            lines = [rng.choice(words)]
        if rng.random() < 0.1:
            lines = [f"<i>{line}</i>" for line in lines]
        blocks.append(f"{i + 1}\n{stamp(start)} --> {stamp(start + 2500)}\n" + "\n".join(lines) + "\n")
    path = os.path.join(out_dir, f"subs.{lang}.srt")
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(blocks))
    os.replace(path + ".tmp", path)
EOF
}

generation_start="$(now_us)"
generated=0
for minutes in "${lengths[@]}"; do
  if [[ ! -f "data/${minutes}min/film.mkv" || ! -f "data/${minutes}min/film.mp4" ||
    ! -f "data/${minutes}min/subs.uz-Latn.srt" || ! -f "data/${minutes}min/subs.kk-Cyrl.srt" ]]; then
    generated=1
    make_minute
    make_film "$minutes" mkv
    make_film "$minutes" mp4
    make_subs "$minutes"
  fi
done
if ((generated)); then
  echo "data generated in $(seconds_since "$generation_start") s"
fi

# --- measurement --------------------------------------------------------------------------------
results=out/results.tsv
log=out/commands.log
timing=out/time.txt
rm -f "$results" "$log" "$timing"
status=0

# check_output FILE SUBTITLE_TRACKS CUES: prints the tracks found; fails when FILE lacks the video
# and audio track, or the SUBTITLE_TRACKS subtitle tracks of CUES cues each (mov_text's empty gap
# samples, 2 bytes, are not cues).
check_output() {
  local file="$1" subs="$2" cues="$3" types counts i
  [[ -s "$file" ]] || { echo "no output"; return 1; }
  types="$(ffprobe -v error -show_entries stream=codec_type -of csv=p=0 "$file" | sort | uniq -c |
    awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }')"
  counts="$(ffprobe -v error -select_streams s -show_entries packet=stream_index,size -of csv=p=0 \
    "$file" | awk -F, '$2 > 2 { n[$1]++ } END { for (s in n) { printf "%s%s", sep, n[s]; sep = " " } }')"
  echo "$types; cues per subtitle track: ${counts:-none}"
  local want_types="1 audio, 1 video" want_counts=""
  ((subs)) && want_types="1 audio, $subs subtitle, 1 video"
  for ((i = 0; i < subs; i++)); do want_counts+="${want_counts:+ }$cues"; done
  [[ "$types" == "$want_types" && "$counts" == "$want_counts" ]]
}

# measure MINUTES KEY OUTPUT SUBTITLE_TRACKS COMMAND...: one warm-up run (the page cache cannot be
# dropped without root, so every timed run reads a cached film), then $runs timed runs, the output
# deleted before each. Wall time is taken from $EPOCHREALTIME around /usr/bin/time, whose %e has
# only 10 ms steps; peak RSS is its %M (KiB). One line per command goes to $results.
measure() {
  local minutes="$1" key="$2" output="$3" subs="$4" walls="" rss="" run start end kb note
  shift 4
  local command="$*"
  printf '\n## %s min, %s: %s\n' "$minutes" "$key" "$command" >>"$log"
  for ((run = 0; run <= runs; run++)); do
    rm -f "$output"
    start="$(now_us)"
    if ! /usr/bin/time -f '%e %M' -o "$timing" "$@" >>"$log" 2>&1; then
      echo "  $key: FAILED ($(head -n1 "$timing"); output in $work/$log)"
      printf '%s\t%s\tfailed\t\t\tcommand failed\t%s\n' "$minutes" "$key" "$command" >>"$results"
      rm -f "$output"
      return 1
    fi
    end="$(now_us)"
    if ((run > 0)); then
      read -r _ kb <"$timing"
      walls+="${walls:+,}$((end - start))"
      rss+="${rss:+,}$kb"
    fi
  done
  local state=ok
  if ! note="$(check_output "$output" "$subs" "$((minutes * 20))")"; then
    echo "  $key: INCOMPLETE OUTPUT ($note)"
    state=bad
  fi
  rm -f "$output"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$minutes" "$key" "$state" "$walls" "$rss" "$note" \
    "$command" >>"$results"
  [[ "$state" == ok ]]
}

echo "kopru:    $( ((skip_kopru)) && echo "skipped (KOPRU_BENCH_SKIP_KOPRU=1)" || echo "$kopru")"
echo "ffmpeg:   $(command -v ffmpeg) ($(ffmpeg -version | head -n1 | cut -d' ' -f1-3))"
echo "mkvmerge: $(command -v mkvmerge) ($(mkvmerge --version | head -n1 | cut -d' ' -f1-2))"
echo "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg); work dir: $work"
echo "runs: $runs timed after 1 warm-up (page cache not dropped: needs root); lengths: ${lengths[*]} min"

for minutes in "${lengths[@]}"; do
  d="data/${minutes}min"
  uz="$d/subs.uz-Latn.srt"
  kk="$d/subs.kk-Cyrl.srt"
  echo
  echo "timing the $minutes-minute film ($(stat -c %s "$d/film.mkv" | awk '{ printf "%.1f", $1 / 1e6 }') MB mkv," \
    "$(stat -c %s "$d/film.mp4" | awk '{ printf "%.1f", $1 / 1e6 }') MB mp4)..."
  measure "$minutes" cp out/cp.mkv 0 cp "$d/film.mkv" out/cp.mkv || status=1
  measure "$minutes" mkvmerge out/mkvmerge.mkv 2 mkvmerge -q -o out/mkvmerge.mkv "$d/film.mkv" \
    --language 0:uz-Latn "$uz" --language 0:kk-Cyrl "$kk" || status=1
  measure "$minutes" ffmpeg-mkv out/ffmpeg.mkv 2 ffmpeg -nostdin -v error -y -i "$d/film.mkv" \
    -i "$uz" -i "$kk" -map 0 -map 1 -map 2 -c copy \
    -metadata:s:s:0 language=uzb -metadata:s:s:1 language=kaz out/ffmpeg.mkv || status=1
  measure "$minutes" ffmpeg-mp4 out/ffmpeg.mp4 2 ffmpeg -nostdin -v error -y -i "$d/film.mp4" \
    -i "$uz" -i "$kk" -map 0 -map 1 -map 2 -c copy -c:s mov_text \
    -metadata:s:s:0 language=uzb -metadata:s:s:1 language=kaz out/ffmpeg.mp4 || status=1
  if ((!skip_kopru)); then
    measure "$minutes" kopru-mkv out/kopru.mkv 2 "$kopru" mux "$d/film.mkv" -o out/kopru.mkv \
      --add-subtitle "$uz:lang=uz-Latn" --add-subtitle "$kk:lang=kk-Cyrl" || status=1
    measure "$minutes" kopru-mp4 out/kopru.mp4 2 "$kopru" mux "$d/film.mp4" -o out/kopru.mp4 \
      --add-subtitle "$uz:lang=uz-Latn" --add-subtitle "$kk:lang=kk-Cyrl" || status=1
  fi
done
rm -f "$timing"

# --- report -------------------------------------------------------------------------------------
verdict=0
python3 - "$results" "$skip_kopru" "${lengths[@]}" <<'EOF' || verdict=$?
import statistics, sys

results_path, skip_kopru, lengths = sys.argv[1], sys.argv[2] == "1", [int(m) for m in sys.argv[3:]]
rows = {}
for line in open(results_path, encoding="utf-8"):
    minutes, key, state, walls, rss, note, command = line.rstrip("\n").split("\t")
    rows[int(minutes), key] = {
        "state": state, "note": note, "command": command,
        "wall": statistics.median(int(w) / 1e6 for w in walls.split(",")) if walls else None,
        "runs": [int(w) / 1e6 for w in walls.split(",")] if walls else [],
        "rss": max(int(k) for k in rss.split(",")) / 1024 if rss else None,
    }
names = {
    "cp": "cp film.mkv (I/O floor)", "mkvmerge": "mkvmerge -> mkv",
    "ffmpeg-mkv": "ffmpeg -c copy -> mkv", "ffmpeg-mp4": "ffmpeg -c copy, mov_text -> mp4",
    "kopru-mkv": "kopru mux -> mkv", "kopru-mp4": "kopru mux -> mp4 (from film.mp4)",
}

def ok(minutes, key):
    row = rows.get((minutes, key))
    return row is not None and row["state"] == "ok"

print("\n(wall = median of the timed runs in seconds; peak RSS = the largest of the runs, in MiB;"
      " x cp = wall / cp's wall)")
for minutes in lengths:
    print(f"\n### {minutes}-minute film\n")
    print("| command | wall s | x cp | peak RSS MiB | runs s |")
    print("|---|---:|---:|---:|---|")
    cp = rows.get((minutes, "cp"))
    for key, name in names.items():
        row = rows.get((minutes, key))
        if row is None:
            if key.startswith("kopru") and skip_kopru:
                print(f"| {name} | skipped | | | |")
            continue
        if row["wall"] is None:
            print(f"| {name} | {row['note']} | | | |")
            continue
        ratio = f"{row['wall'] / cp['wall']:.2f}" if ok(minutes, "cp") and cp["wall"] > 0 else "-"
        flag = "" if row["state"] == "ok" else " (incomplete output)"
        runs = " ".join(f"{w:.3f}" for w in row["runs"])
        print(f"| {name}{flag} | {row['wall']:.3f} | {ratio} | {row['rss']:.1f} | {runs} |")
    print("\nCommands (cwd = the work dir; the output is deleted before every run):\n")
    for key in names:
        if (minutes, key) in rows:
            print(f"    {rows[minutes, key]['command']}")
    checks = [f"{key}: {rows[minutes, key]['note']}" for key in names if (minutes, key) in rows]
    print("\nOutputs:\n\n" + "\n".join(f"    {c}" for c in checks))

verdicts = []  # (state, target, detail)
def speed(target, mine, theirs):
    details, passed = [], True
    for minutes in lengths:
        if not (ok(minutes, mine) and ok(minutes, theirs)):
            return ("NOT RUN", target, f"{mine} or {theirs} did not run cleanly at {minutes} min")
        a, b = rows[minutes, mine]["wall"], rows[minutes, theirs]["wall"]
        passed &= a <= b
        details.append(f"{minutes} min {a:.3f} s vs {b:.3f} s")
    return ("PASS" if passed else "FAIL", target, "; ".join(details))

kopru_keys = ["kopru-mkv", "kopru-mp4"]
if skip_kopru:
    verdicts = [("SKIPPED", t, "KOPRU_BENCH_SKIP_KOPRU=1") for t in (
        "MKV output no slower than mkvmerge", "MP4 output no slower than ffmpeg",
        "kopru peak RSS < 64 MiB at every length", "kopru peak RSS independent of film length")]
else:
    verdicts.append(speed("MKV output no slower than mkvmerge", "kopru-mkv", "mkvmerge"))
    verdicts.append(speed("MP4 output no slower than ffmpeg", "kopru-mp4", "ffmpeg-mp4"))
    measured = [(m, k) for m in lengths for k in kopru_keys if ok(m, k)]
    if len(measured) < len(lengths) * 2:
        verdicts.append(("NOT RUN", "kopru peak RSS < 64 MiB at every length", "a kopru run failed"))
        verdicts.append(("NOT RUN", "kopru peak RSS independent of film length", "a kopru run failed"))
    else:
        worst = max(rows[mk]["rss"] for mk in measured)
        detail = "; ".join(f"{m} min mkv {rows[m, 'kopru-mkv']['rss']:.1f}, "
                           f"mp4 {rows[m, 'kopru-mp4']['rss']:.1f} MiB" for m in lengths)
        verdicts.append(("PASS" if worst < 64 else "FAIL",
                         "kopru peak RSS < 64 MiB at every length", detail))
        short, long = min(lengths), max(lengths)
        target = f"kopru peak RSS independent of film length: RSS({long})/RSS({short}) < 1.25"
        if short == long:
            verdicts.append(("SKIPPED", target, "needs two lengths (--minutes \"10 60\")"))
        else:
            ratios = {k: rows[long, k]["rss"] / rows[short, k]["rss"] for k in kopru_keys}
            verdicts.append(("PASS" if max(ratios.values()) < 1.25 else "FAIL", target,
                             f"mkv {ratios['kopru-mkv']:.2f}x, mp4 {ratios['kopru-mp4']:.2f}x"))
print("\nTargets (issue 4):\n")
for state, target, detail in verdicts:
    print(f"  {state:8} {target} ({detail})")
sys.exit(3 if any(state == "FAIL" for state, _, _ in verdicts) else 0)
EOF

echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
if ((verdict != 0 && verdict != 3)); then
  echo "mux-bench.sh: the report failed" >&2
  status=1
fi
if ((status)); then
  echo "RESULT: a command failed or wrote an incomplete output (command output in $work/$log)"
  exit 1
fi
if ((verdict == 3 && check)); then
  echo "RESULT: a target was missed (--check)"
  exit 1
fi
echo "RESULT: every command ran (targets are reported above; --check makes a missed one fail)"
