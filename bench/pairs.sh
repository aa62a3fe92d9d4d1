#!/usr/bin/env bash
# pairs.sh: time two commands alternated, N pairs, and print the median of
# the paired ratios B/A (wall time, and CPU time: user + system).
#
#   bash bench/pairs.sh N 'command A' 'command B'
#
# Run from the folder the commands expect (the commands run in bash -c,
# their output is discarded). A machine's speed moves by a third within
# minutes here: two builds, or a build and the floor, timed in separate
# runs minutes apart tell little; each pair runs A then B back to back, so
# a slow minute slows both. The ratios of a change of a few percent need
# 25 pairs or more to show through (docs/performance.md).
#
# Example (the 100k run with its .bib against goldmark's bare parse):
#   go run ./bench/gen -out /tmp/big -papers 100000 -seed 1 -bib-entries 100000
#   go build -o /tmp/floor ./bench/floor && go build -o /tmp/papers ./cmd/papers
#   (cd /tmp/big && bash "$OLDPWD/bench/pairs.sh" 9 '/tmp/floor notes.md' '/tmp/papers lint notes.md')
set -euo pipefail

if [ $# -ne 3 ] || ! [[ $1 =~ ^[1-9][0-9]*$ ]]; then
	echo "usage: pairs.sh N 'command A' 'command B'" >&2
	exit 2
fi
n=$1 a=$2 b=$3
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.t"' EXIT

# timed prints "wall cpu" for one run of the command.
timed() {
	/usr/bin/time -o "$tmp.t" -f '%e %U %S' bash -c "$1" >/dev/null 2>&1 || true
	awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$tmp.t" | tail -1
}

for _ in $(seq "$n"); do
	read -r wa ca <<<"$(timed "$a")"
	read -r wb cb <<<"$(timed "$b")"
	echo "$wa $ca $wb $cb" >>"$tmp"
done

# median reads numbers, one per line, and prints their median.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

wa=$(awk '{ print $1 }' "$tmp" | median)
wb=$(awk '{ print $3 }' "$tmp" | median)
rw=$(awk '{ print ($1 > 0 ? $3 / $1 : 0) }' "$tmp" | median)
rc=$(awk '{ print ($2 > 0 ? $4 / $2 : 0) }' "$tmp" | median)
lo=$(awk '{ print ($1 > 0 ? $3 / $1 : 0) }' "$tmp" | sort -g | head -1)
hi=$(awk '{ print ($1 > 0 ? $3 / $1 : 0) }' "$tmp" | sort -g | tail -1)
printf 'pairs %d: wall A %.2f s, B %.2f s (medians); B/A wall %.3f (%.3f-%.3f), CPU %.3f (medians of the paired ratios)\n' \
	"$n" "$wa" "$wb" "$rw" "$lo" "$hi" "$rc"
