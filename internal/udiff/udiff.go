// Package udiff prints unified diffs of two texts, for `papers lint --diff`.
package udiff

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"unsafe"
)

// Write prints the unified diff from a to b, labelled with the two names, in
// the form `patch` and `git apply` read. Nothing is printed when a == b.
func Write(w io.Writer, nameA, nameB string, a, b []byte) error {
	if bytes.Equal(a, b) {
		return nil
	}
	la, lb := splitLines(a), splitLines(b)
	ops := diffLines(la, lb)
	const ctx = 3
	if _, err := fmt.Fprintf(w, "--- %s\n+++ %s\n", nameA, nameB); err != nil {
		return err
	}
	// Group ops into hunks with ctx lines of context.
	i := 0
	for i < len(ops) {
		for i < len(ops) && ops[i].kind == ' ' {
			i++
		}
		if i >= len(ops) {
			break
		}
		start := max(i-ctx, 0)
		end := i
		for {
			for end < len(ops) && ops[end].kind != ' ' {
				end++
			}
			// Extend over equal runs shorter than 2*ctx followed by a change.
			j := end
			for j < len(ops) && ops[j].kind == ' ' {
				j++
			}
			if j < len(ops) && j-end <= 2*ctx {
				end = j
				continue
			}
			end = min(end+ctx, len(ops))
			break
		}
		h := ops[start:end]
		aStart, bStart := h[0].a, h[0].b
		aLen, bLen := 0, 0
		for _, op := range h {
			if op.kind != '+' {
				aLen++
			}
			if op.kind != '-' {
				bLen++
			}
		}
		if _, err := fmt.Fprintf(w, "@@ -%s +%s @@\n", rng(aStart, aLen), rng(bStart, bLen)); err != nil {
			return err
		}
		for _, op := range h {
			if _, err := fmt.Fprintf(w, "%c%s", op.kind, op.text); err != nil {
				return err
			}
			if len(op.text) == 0 || op.text[len(op.text)-1] != '\n' {
				if _, err := io.WriteString(w, "\n\\ No newline at end of file\n"); err != nil {
					return err
				}
			}
		}
		i = end
	}
	return nil
}

func rng(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

type op struct {
	kind rune // ' ', '-', '+'
	text []byte
	a, b int // line index in a and b before this op
}

func splitLines(s []byte) [][]byte {
	var out [][]byte
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// diffLines computes a line diff in time and memory near linear in the
// number of lines, however many lines differ: `papers lint --diff` on a
// list of 100,000 papers changes a hundred thousand lines of half a million.
//
// Common prefix and suffix are stripped first. The middle is anchored on
// the lines that occur exactly once in each text, kept in the longest
// order both texts agree on (patience diff); lines between two anchors are
// aligned by Myers' algorithm when the gap is small, and otherwise shown
// as removed then added. Fixes change lines in place, so the anchors are
// nearly every line and the gaps are a line or two.
func diffLines(a, b [][]byte) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && bytes.Equal(a[pre], b[pre]) {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && bytes.Equal(a[len(a)-1-suf], b[len(b)-1-suf]) {
		suf++
	}
	ops := make([]op, 0, len(a)+len(b)/8)
	for i := 0; i < pre; i++ {
		ops = append(ops, op{' ', a[i], i, i})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	ia, ib := 0, 0
	for _, an := range anchors(ma, mb) {
		ops = appendGap(ops, ma[ia:an.a], mb[ib:an.b], pre+ia, pre+ib)
		ops = append(ops, op{' ', ma[an.a], pre + an.a, pre + an.b})
		ia, ib = an.a+1, an.b+1
	}
	ops = appendGap(ops, ma[ia:], mb[ib:], pre+ia, pre+ib)
	for k := 0; k < suf; k++ {
		i, j := len(a)-suf+k, len(b)-suf+k
		ops = append(ops, op{' ', a[i], i, j})
	}
	return ops
}

// maxMyers bounds the lines of a gap that Myers' algorithm aligns: its
// memory grows with the product of the gap's size and its differences.
const maxMyers = 400

// appendGap appends the ops of the lines between two anchors: common
// leading and trailing lines, and between them Myers' alignment or, for a
// large gap, every line of a removed and every line of b added.
func appendGap(ops []op, a, b [][]byte, offA, offB int) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && bytes.Equal(a[pre], b[pre]) {
		ops = append(ops, op{' ', a[pre], offA + pre, offB + pre})
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && bytes.Equal(a[len(a)-1-suf], b[len(b)-1-suf]) {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	oa, ob := offA+pre, offB+pre
	if len(ma)+len(mb) <= maxMyers {
		ops = append(ops, myers(ma, mb, oa, ob)...)
	} else {
		for i, l := range ma {
			ops = append(ops, op{'-', l, oa + i, ob})
		}
		for j, l := range mb {
			ops = append(ops, op{'+', l, oa + len(ma), ob + j})
		}
	}
	for k := 0; k < suf; k++ {
		i, j := len(a)-suf+k, len(b)-suf+k
		ops = append(ops, op{' ', a[i], offA + i, offB + j})
	}
	return ops
}

// anchor is a line that occurs once in a (at a) and once in b (at b).
type anchor struct{ a, b int }

// anchors returns the lines unique to both a and b, in the longest run
// whose order both agree on, by patience sorting (O(n log n)).
func anchors(a, b [][]byte) []anchor {
	type count struct {
		na, nb int
		ia, ib int
	}
	// The lines are views of the caller's texts, unchanged during the
	// diff: they key the map without being copied.
	seen := make(map[string]*count, len(a))
	for i, l := range a {
		k := unsafe.String(unsafe.SliceData(l), len(l))
		c := seen[k]
		if c == nil {
			c = &count{}
			seen[k] = c
		}
		c.na++
		c.ia = i
	}
	for j, l := range b {
		if c := seen[unsafe.String(unsafe.SliceData(l), len(l))]; c != nil {
			c.nb++
			c.ib = j
		}
	}
	var cands []anchor // in a's order
	for i, l := range a {
		if c := seen[unsafe.String(unsafe.SliceData(l), len(l))]; c.na == 1 && c.nb == 1 {
			cands = append(cands, anchor{i, c.ib})
		}
	}
	// Longest increasing subsequence of the b positions.
	var tails []int // tails[k]: index in cands of the smallest tail of a run of length k+1
	prev := make([]int, len(cands))
	for i, c := range cands {
		k := sort.Search(len(tails), func(k int) bool { return cands[tails[k]].b >= c.b })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	if len(tails) == 0 {
		return nil
	}
	out := make([]anchor, len(tails))
	for i, k := tails[len(tails)-1], len(tails)-1; k >= 0; i, k = prev[i], k-1 {
		out[k] = cands[i]
	}
	return out
}

func myers(a, b [][]byte, offA, offB int) []op {
	n, m := len(a), len(b)
	maxD := n + m
	if maxD == 0 {
		return nil
	}
	v := make([]int, 2*maxD+2)
	var trace [][]int
	for d := 0; d <= maxD; d++ {
		snap := make([]int, len(v))
		copy(snap, v)
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[maxD+k-1] < v[maxD+k+1] {
				x = v[maxD+k+1]
			} else {
				x = v[maxD+k-1] + 1
			}
			y := x - k
			for x < n && y < m && bytes.Equal(a[x], b[y]) {
				x++
				y++
			}
			v[maxD+k] = x
			if x >= n && y >= m {
				return backtrack(trace, a, b, d, maxD, offA, offB)
			}
		}
	}
	return nil
}

func backtrack(trace [][]int, a, b [][]byte, d, maxD, offA, offB int) []op {
	x, y := len(a), len(b)
	var rev []op
	for ; d > 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || k != d && v[maxD+k-1] < v[maxD+k+1] {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[maxD+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x--
			y--
			rev = append(rev, op{' ', a[x], offA + x, offB + y})
		}
		if x == prevX {
			y--
			rev = append(rev, op{'+', b[y], offA + x, offB + y})
		} else {
			x--
			rev = append(rev, op{'-', a[x], offA + x, offB + y})
		}
	}
	for x > 0 && y > 0 {
		x--
		y--
		rev = append(rev, op{' ', a[x], offA + x, offB + y})
	}
	ops := make([]op, len(rev))
	for i := range rev {
		ops[i] = rev[len(rev)-1-i]
	}
	return ops
}
