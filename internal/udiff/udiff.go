// Package udiff prints unified diffs of two texts, for `papers lint --diff`.
package udiff

import (
	"bytes"
	"fmt"
	"io"
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

// diffLines computes a line diff. Common prefix and suffix are stripped
// first; the middle is aligned by Myers' O(ND) algorithm, which stays fast
// for the small, scattered changes fixes make to large files.
func diffLines(a, b [][]byte) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && bytes.Equal(a[pre], b[pre]) {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && bytes.Equal(a[len(a)-1-suf], b[len(b)-1-suf]) {
		suf++
	}
	var ops []op
	for i := 0; i < pre; i++ {
		ops = append(ops, op{' ', a[i], i, i})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, pre)...)
	for k := 0; k < suf; k++ {
		i, j := len(a)-suf+k, len(b)-suf+k
		ops = append(ops, op{' ', a[i], i, j})
	}
	return ops
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
