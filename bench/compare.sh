#!/usr/bin/env bash
# Side-by-side comparison of `papers lint` with the tools users would pick
# instead, on the same generated files:
#   markdownlint-cli2 (Markdown), autocorrect --lint and zhlint (CJK spacing
#   and punctuation), bibtex-tidy (.bib), and goldmark's bare parse (the floor).
#
# Usage: bench/compare.sh [SIZES...]     default: 1000 10000 100000
# Env:   RUNS (default 5) runs per tool and size, median reported; the
#        tools of a size take turns run by run, so ratios compare runs
#        taken at the same time;
#        LONGLINE (default 20) megabytes of the one-line file (0: no such rows);
#        LISTS (default 50) lists the papers of a size are also split into,
#        each a folder with its notes.md and notes.bib, linted as one
#        repository (0, or a size smaller than LISTS: no such rows);
#        TIMEOUT (default 120) seconds before a run counts as not finished;
#        CACHE (default ~/.cache/papers-bench) where the peers are installed.
# Peers are installed at pinned versions from npm into $CACHE, outside the
# repository. Needs node/npm, go and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("${@:-1000 10000 100000}")
read -r -a SIZES <<<"${SIZES[*]}"
RUNS=${RUNS:-5}
LISTS=${LISTS:-50}
TIMEOUT=${TIMEOUT:-120}
CACHE=${CACHE:-$HOME/.cache/papers-bench}
NODE_DIR=$CACHE/node
BIN=$CACHE/bin
WORK=$CACHE/work

PEERS="markdownlint-cli2@0.24.1 autocorrect-node@2.14.0 zhlint@0.8.2 bibtex-tidy@1.14.0"

[ -x /usr/bin/time ] || { echo "compare.sh needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$NODE_DIR" "$BIN" "$WORK"
if [ ! -f "$NODE_DIR/.installed" ] || [ "$(cat "$NODE_DIR/.installed")" != "$PEERS" ]; then
  echo "installing peers into $NODE_DIR: $PEERS" >&2
  (cd "$NODE_DIR" && { [ -f package.json ] || echo '{"private":true}' >package.json; } &&
    npm install --no-audit --no-fund --silent $PEERS >&2)
  echo "$PEERS" >"$NODE_DIR/.installed"
fi
NB=$NODE_DIR/node_modules/.bin

echo "building papers and the floor" >&2
go build -o "$BIN/papers" ./cmd/papers
go build -o "$BIN/floor" ./bench/floor

# Tools are measured in rounds: add_tool KEY CMD... queues a command and
# run_tools runs round 1 of every queued tool, then round 2, and so on, so
# that the tools of one ratio are timed minutes apart no more than any
# other pair (a shared machine's speed drifts over minutes). It sets
# RES[KEY] to "median_seconds peak_rss_mb", or "timeout" for a tool that
# ran out of time (it is not run again). Exit codes are ignored: linters
# exit non-zero on findings.
declare -A CMD RES
QUEUE=()
add_tool() {
  local key=$1
  shift
  CMD[$key]=$(printf '%q ' "$@")
  QUEUE+=("$key")
}
run_tools() {
  local -A times rss
  local key line
  for key in "${QUEUE[@]}"; do times[$key]="" rss[$key]="" RES[$key]=""; done
  for ((i = 0; i < RUNS; i++)); do
    for key in "${QUEUE[@]}"; do
      [ "${RES[$key]}" = timeout ] && continue
      eval "set -- ${CMD[$key]}"
      /usr/bin/time -o "$WORK/time.out" -f '%e %M' timeout "$TIMEOUT" "$@" >/dev/null 2>&1 || true
      line=$(tail -1 "$WORK/time.out")
      if [[ ! $line =~ ^[0-9.]+\ [0-9]+$ ]] || awk -v s="${line%% *}" -v m="$TIMEOUT" 'BEGIN{exit !(s>=m-0.5)}'; then
        RES[$key]=timeout
        continue
      fi
      times[$key]+="${line%% *} " rss[$key]+="${line##* } "
    done
  done
  for key in "${QUEUE[@]}"; do
    [ "${RES[$key]}" = timeout ] && continue
    RES[$key]="$(median "${times[$key]}") $(median "${rss[$key]}" | awk '{printf "%.0f", $1/1024}')"
  done
  QUEUE=()
}
# ratio LABEL A B NOTE: prints "LABEL = A/Bx NOTE", or says that B was
# too short for GNU time's 10 ms to time.
ratio() {
  awk -v l="$1" -v a="$2" -v b="$3" -v n="$4" 'BEGIN{
    if (b > 0) printf "        %s = %.1fx%s\n", l, a/b, n
    else printf "        %s = - (too short to time)%s\n", l, n }'
}
# median "A B C ...": the middle value (the lower of the two middle ones).
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

printf '%-7s %-40s %10s %9s %11s %10s\n' size tool "median s" "RSS MB" "time ratio" "RSS ratio"
row() { # size tool result base_t base_r
  local size=$1 tool=$2 res=$3 bt=$4 br=$5
  if [ "$res" = timeout ]; then
    printf '%-7s %-40s %10s %9s %11s %10s\n' "$size" "$tool" ">${TIMEOUT}" "-" "not done" "-"; return
  fi
  local t=${res% *} r=${res#* }
  local tr rr
  tr=$(awk -v a="$t" -v b="$bt" 'BEGIN{ if (b>0) printf "%.1fx", a/b; else print "-" }')
  rr=$(awk -v a="$r" -v b="$br" 'BEGIN{ if (b>0) printf "%.1fx", a/b; else print "-" }')
  printf '%-7s %-40s %10s %9s %11s %10s\n' "$size" "$tool" "$t" "$r" "$tr" "$rr"
}

for n in "${SIZES[@]}"; do
  dir=$WORK/$n
  # notes.bib is padded to n entries (about 80% match papers of the notes,
  # the rest are papers the notes do not have): n papers + an n-entry .bib.
  gen="-papers $n -seed 1 -bib-entries $n"
  if [ ! -f "$dir/notes.md" ] || [ "$(cat "$dir/.gen" 2>/dev/null)" != "$gen" ]; then
    # shellcheck disable=SC2086 # $gen is a list of flags
    go run ./bench/gen $gen -out "$dir" >/dev/null
    echo "$gen" >"$dir/.gen"
  fi
  if [ ! -f "$dir/refs.bib" ]; then
    mkdir -p "$dir/bibonly"
    go run ./bench/gen -bib-only "$n" -seed 1 -out "$dir/bibonly" >/dev/null
    mv "$dir/bibonly/refs.bib" "$dir/refs.bib"
  fi
  # Each input gets a folder of its own: papers reads the other notes and
  # .bib files of a linted file's folder for reference (duplicates across
  # files, the notes against their .bib), so files side by side would be
  # read by every run. The notes are linted alone (no companion) where
  # every peer sees the same file; one more papers row lints them with
  # their companion notes.bib.
  mkdir -p "$dir/alone" "$dir/pair" "$dir/refs" "$dir/fix"
  ln -f "$dir/notes.md" "$dir/alone/alone.md"
  ln -f "$dir/notes.md" "$dir/pair/notes.md"
  ln -f "$dir/notes.bib" "$dir/pair/notes.bib"
  ln -f "$dir/refs.bib" "$dir/refs/refs.bib"
  alone=$dir/alone/alone.md notes=$dir/pair/notes.md bibf=$dir/refs/refs.bib
  # The same number of papers and entries in LISTS lists, as a repository
  # of many lists: what the rules that read across files cost.
  lists=""
  if [ "$LISTS" -gt 0 ] && [ "$n" -ge "$LISTS" ]; then
    lists=$dir/lists
    lgen="-papers $n -seed 1 -bib-entries $n -lists $LISTS"
    if [ "$(cat "$lists/.gen" 2>/dev/null)" != "$lgen" ]; then
      rm -rf "$lists"
      # shellcheck disable=SC2086 # $lgen is a list of flags
      go run ./bench/gen $lgen -out "$lists" >/dev/null
      echo "$lgen" >"$lists/.gen"
    fi
    add_tool lists "$BIN/papers" lint --no-color "$lists"
    add_tool listsfloor "$BIN/floor" "$lists"/list*/notes.md
  fi

  add_tool base "$BIN/papers" lint --no-color "$alone"
  add_tool withbib "$BIN/papers" lint --no-color "$notes"
  # --fix rewrites its input: each run fixes fresh copies (the copy is
  # timed too; it is a small part of the run).
  add_tool fix bash -c 'cp "$1/notes.md" "$1/notes.bib" "$2/" && "$3" lint --fix --no-color "$2/notes.md" "$2/notes.bib"' _ "$dir/pair" "$dir/fix" "$BIN/papers"
  add_tool cjk "$BIN/papers" lint --no-color --rule cjk-spacing,cjk-punctuation "$alone"
  add_tool floor "$BIN/floor" "$alone"
  add_tool ac "$NB/autocorrect" --lint "$alone"
  # zhlint takes glob patterns and silently matches nothing with an
  # absolute path: run it from the folder on the file name.
  add_tool zhlint env -C "$dir/alone" "$NB/zhlint" alone.md
  add_tool mdl "$NB/markdownlint-cli2" "$alone"
  add_tool bp "$BIN/papers" lint --no-color "$bibf"
  add_tool tidy "$NB/bibtex-tidy" "$bibf" --output "$WORK/tidy-out.bib"
  run_tools
  base=${RES[base]} withbib=${RES[withbib]} fix=${RES[fix]} cjk=${RES[cjk]} floor=${RES[floor]} ac=${RES[ac]} bp=${RES[bp]}
  bt=${base% *} br=${base#* }
  row "$n" "papers lint (all rules)" "$base" "$bt" "$br"
  row "$n" "papers lint (notes + $n-entry .bib)" "$withbib" "$bt" "$br"
  row "$n" "papers lint --fix (notes + .bib)" "$fix" "$bt" "$br"
  row "$n" "papers lint (cjk rules only)" "$cjk" "$bt" "$br"
  row "$n" "goldmark bare parse (floor)" "$floor" "$bt" "$br"
  row "$n" "autocorrect --lint" "$ac" "$bt" "$br"
  row "$n" "zhlint" "${RES[zhlint]}" "$bt" "$br"
  row "$n" "markdownlint-cli2" "${RES[mdl]}" "$bt" "$br"
  row "$n" "papers lint refs.bib ($n entries)" "$bp" "${bp% *}" "${bp#* }"
  row "$n" "bibtex-tidy refs.bib" "${RES[tidy]}" "${bp% *}" "${bp#* }"
  if [ "$ac" != timeout ] && [ "$cjk" != timeout ]; then
    ratio "autocorrect --lint / papers with the two CJK rules only" "${ac% *}" "${cjk% *}" ""
  fi
  if [ "$floor" != timeout ] && [ "$base" != timeout ]; then
    awk -v f="${floor% *}" -v p="$bt" 'BEGIN{ if (p > 0) printf "        papers throughput = %.0f%% of goldmark bare parse\n", 100*f/p }'
  fi
  if [ "$floor" != timeout ] && [ "$withbib" != timeout ]; then
    ratio "papers lint (notes + .bib) / goldmark bare parse of the notes" "${withbib% *}" "${floor% *}" " (target 1.3x)"
  fi
  if [ "$fix" != timeout ] && [ "$withbib" != timeout ]; then
    ratio "papers lint --fix / papers lint (notes + .bib)" "${fix% *}" "${withbib% *}" " (target 2x)"
  fi
  if [ -n "$lists" ]; then
    lr=${RES[lists]} lfr=${RES[listsfloor]}
    row "$n" "papers lint ($LISTS lists + their .bib)" "$lr" "$bt" "$br"
    row "$n" "goldmark bare parse of the $LISTS lists" "$lfr" "$bt" "$br"
    if [ "$lr" != timeout ] && [ "$lfr" != timeout ]; then
      ratio "papers lint ($LISTS lists + .bib) / goldmark bare parse of them" "${lr% *}" "${lfr% *}" ""
    fi
  fi
done

# One line of LONGLINE megabytes (default 20; 0 skips it) of mixed Chinese
# and English text: about 120,000 findings per megabyte, the cost of a
# finding with nothing else around it.
LONGLINE=${LONGLINE:-20}
if [ "$LONGLINE" -gt 0 ]; then
  ldir=$WORK/longline-$LONGLINE
  [ -f "$ldir/line.md" ] || go run ./bench/gen -long-line "$LONGLINE" -out "$ldir" >/dev/null
  add_tool lp "$BIN/papers" lint --no-color "$ldir/line.md"
  add_tool lf "$BIN/floor" "$ldir/line.md"
  add_tool lac "$NB/autocorrect" --lint "$ldir/line.md"
  run_tools
  lp=${RES[lp]} lf=${RES[lf]}
  row "${LONGLINE}MB" "papers lint (one line)" "$lp" "${lp% *}" "${lp#* }"
  row "${LONGLINE}MB" "goldmark bare parse (floor)" "$lf" "${lp% *}" "${lp#* }"
  row "${LONGLINE}MB" "autocorrect --lint" "${RES[lac]}" "${lp% *}" "${lp#* }"
  if [ "$lp" != timeout ] && [ "$lf" != timeout ]; then
    ratio "papers lint (one line) / goldmark bare parse" "${lp% *}" "${lf% *}" " (target 5x)"
  fi
fi
echo "ratios: tool / papers lint with the default rules on the same notes (bibtex-tidy: / papers lint on the same .bib)"
