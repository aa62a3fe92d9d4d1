#!/usr/bin/env bash
# Compares what two builds of papers print, byte for byte: every output
# format of `papers lint`, `--diff` and `papers bib`, on the bundled example,
# the corpora under ../shared/corpus (when present) and a generated list of
# 10,000 papers with its .bib. A redesign that must not change any output
# runs it against the commit before the redesign.
#
# Usage: scripts/same-output.sh [BASE]   BASE: a commit (default: HEAD);
#        the working tree is compared with it.
# Env:   PAPERS (default 10000) papers in the generated list.
# Exit:  0 when every case is identical, 1 otherwise (the differing cases
#        are listed, with the first lines of their diff).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD}
n=${PAPERS:-10000}
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/base-tree" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

git worktree add --detach -q "$tmp/base-tree" "$base"
(cd "$tmp/base-tree" && go build -o "$tmp/papers-base" ./cmd/papers)
go build -o "$tmp/papers-new" ./cmd/papers
go run ./bench/gen -out "$tmp/gen" -papers "$n" >/dev/null

# Inputs: name|path...  (run from the repository, so paths print the same)
cases=("example|testdata/example/notes.md" "gen|$tmp/gen/notes.md")
corpus=../shared/corpus
if [ -d "$corpus" ]; then
  for f in "$corpus"/notes/*.md; do cases+=("$(basename "$f")|$f"); done
  for d in "$corpus"/bib/*/; do
    cases+=("bib-$(basename "$d")|$(ls "$d"*.bib | tr '\n' ' ')")
  done
fi

fail=0
run() { # bin out args...
  local bin=$1 out=$2; shift 2
  set +e
  PAPERS_CONTEXT=1 "$bin" "$@" >"$out.stdout" 2>"$out.stderr"
  echo "exit $?" >"$out.code"
  set -e
}
for c in "${cases[@]}"; do
  name=${c%%|*}
  read -r -a paths <<<"${c#*|}"
  variants=()
  for fmt in text json github sarif checkstyle rdjson; do variants+=("lint --format $fmt"); done
  variants+=("lint --diff" "lint --rule bib-unused")
  case "${paths[0]}" in *.md) variants+=("bib");; esac
  for v in "${variants[@]}"; do
    read -r -a args <<<"$v"
    id="$name: papers $v"
    run "$tmp/papers-base" "$tmp/a" "${args[@]}" "${paths[@]}"
    run "$tmp/papers-new" "$tmp/b" "${args[@]}" "${paths[@]}"
    same=1
    for s in stdout stderr code; do
      if ! cmp -s "$tmp/a.$s" "$tmp/b.$s"; then
        same=0
        echo "DIFFERS ($s): $id"
        diff "$tmp/a.$s" "$tmp/b.$s" | head -8 || true
      fi
    done
    if [ $same = 1 ]; then echo "same: $id ($(wc -c <"$tmp/a.stdout") bytes)"; else fail=1; fi
  done
done
exit $fail
