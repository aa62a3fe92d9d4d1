package udiff

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one line", "a\nb\nc\n", "a\nB\nc\n", "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"insert", "a\nc\n", "a\nb\nc\n", "--- x\n+++ y\n@@ -1,2 +1,3 @@\n a\n+b\n c\n"},
		{"delete", "a\nb\nc\n", "a\nc\n", "--- x\n+++ y\n@@ -1,3 +1,2 @@\n a\n-b\n c\n"},
		{"no final newline", "a\nb", "a\nc", "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
		{"empty to text", "", "a\n", "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, "x", "y", []byte(tt.a), []byte(tt.b)); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}

// Distant changes make separate hunks; near ones share one.
func TestHunks(t *testing.T) {
	var a, b []string
	for i := 0; i < 40; i++ {
		a = append(a, strings.Repeat("x", i%7)+"line")
		b = append(b, strings.Repeat("x", i%7)+"line")
	}
	b[2], b[30], b[33] = "changed", "changed", "changed"
	var out bytes.Buffer
	if err := Write(&out, "a", "b", []byte(strings.Join(a, "\n")+"\n"), []byte(strings.Join(b, "\n")+"\n")); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "@@ -"); n != 2 {
		t.Errorf("got %d hunks, want 2:\n%s", n, out.String())
	}
}

// The diff applies with patch(1) when it is installed.
func TestPatchApplies(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("patch not installed")
	}
	dir := t.TempDir()
	a := "# 笔记\n- 用BERT编码,好\n" + strings.Repeat("- 不变的行\n", 20) + "- 最后ab\n"
	b := "# 笔记\n- 用 BERT 编码，好\n" + strings.Repeat("- 不变的行\n", 20) + "- 最后 ab\n"
	file := filepath.Join(dir, "n.md")
	if err := os.WriteFile(file, []byte(a), 0o644); err != nil {
		t.Fatal(err)
	}
	var d bytes.Buffer
	if err := Write(&d, "a/n.md", "b/n.md", []byte(a), []byte(b)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(patch, "-p1", "-s")
	cmd.Dir = dir
	cmd.Stdin = &d
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch: %v\n%s", err, out)
	}
	got, _ := os.ReadFile(file)
	if string(got) != b {
		t.Errorf("patched file differs:\n%s", got)
	}
}

// apply applies a unified diff made by Write to a, as patch(1) would
// (without fuzz: every context and removed line must match).
func apply(t *testing.T, a string, diff string) string {
	t.Helper()
	if diff == "" {
		return a
	}
	lines := strings.SplitAfter(a, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	dl := strings.SplitAfter(diff, "\n")
	var out []string
	at := 0 // next line of a to copy
	for i := 2; i < len(dl) && dl[i] != ""; {
		var oldStart int
		h := dl[i]
		if _, err := fmt.Sscanf(h, "@@ -%d", &oldStart); err != nil {
			t.Fatalf("bad hunk header %q", h)
		}
		// "-0,0" inserts before line 1; "-3" and "-3,2" start at line 3.
		start := max(oldStart-1, 0)
		if strings.HasPrefix(h, fmt.Sprintf("@@ -%d,0 ", oldStart)) {
			start = oldStart
		}
		out = append(out, lines[at:start]...)
		at = start
		for i++; i < len(dl) && dl[i] != "" && !strings.HasPrefix(dl[i], "@@"); i++ {
			l := dl[i]
			if strings.HasPrefix(l, "\\ No newline") {
				continue
			}
			body := l[1:]
			// A line without its newline is followed by the marker.
			if i+1 < len(dl) && strings.HasPrefix(dl[i+1], "\\ No newline") {
				body = strings.TrimSuffix(body, "\n")
			}
			switch l[0] {
			case ' ':
				if lines[at] != body {
					t.Fatalf("context %q does not match line %d %q", body, at+1, lines[at])
				}
				out = append(out, body)
				at++
			case '-':
				if lines[at] != body {
					t.Fatalf("removed %q does not match line %d %q", body, at+1, lines[at])
				}
				at++
			case '+':
				out = append(out, body)
			}
		}
	}
	out = append(out, lines[at:]...)
	return strings.Join(out, "")
}

// TestRandomEdits diffs texts with random changes, insertions, deletions
// and repeated lines, and applies each diff back.
func TestRandomEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 300 {
		n := rng.IntN(60)
		var a []string
		for i := range n {
			if rng.IntN(4) == 0 {
				a = append(a, "same\n") // repeated lines are no anchors
			} else {
				a = append(a, fmt.Sprintf("line %d\n", i))
			}
		}
		var b []string
		for _, l := range a {
			switch rng.IntN(10) {
			case 0: // deleted
			case 1:
				b = append(b, "changed "+l)
			case 2:
				b = append(b, l, fmt.Sprintf("inserted %d\n", rng.IntN(5)))
			default:
				b = append(b, l)
			}
		}
		if rng.IntN(5) == 0 && len(b) > 3 { // a moved line
			b[0], b[len(b)-1] = b[len(b)-1], b[0]
		}
		as, bs := strings.Join(a, ""), strings.Join(b, "")
		if rng.IntN(6) == 0 {
			bs = strings.TrimSuffix(bs, "\n")
		}
		var d bytes.Buffer
		if err := Write(&d, "a", "b", []byte(as), []byte(bs)); err != nil {
			t.Fatal(err)
		}
		if got := apply(t, as, d.String()); got != bs {
			t.Fatalf("round %d: applying the diff gives\n%q\nwant\n%q\ndiff:\n%s", round, got, bs, d.String())
		}
	}
}

// TestLargeDiff diffs a file of 300,000 lines of which 100,000 changed in
// place and some were inserted or deleted, as --diff does after --fix on a
// big list. Before the anchored diff this took gigabytes (Myers kept a
// copy of its frontier for every difference).
func TestLargeDiff(t *testing.T) {
	var a, b strings.Builder
	removed := 0 // lines changed or deleted
	for i := range 300_000 {
		l := fmt.Sprintf("- 笔记 %d,用BERT编码\n", i)
		a.WriteString(l)
		switch {
		case i%3 == 0:
			fmt.Fprintf(&b, "- 笔记 %d，用 BERT 编码\n", i)
			removed++
		case i%10007 == 1:
			b.WriteString(l + "- 新的一行\n")
		case i%10009 == 2: // deleted
			removed++
		default:
			b.WriteString(l)
		}
	}
	var d bytes.Buffer
	if err := Write(&d, "a", "b", []byte(a.String()), []byte(b.String())); err != nil {
		t.Fatal(err)
	}
	if got := apply(t, a.String(), d.String()); got != b.String() {
		t.Fatal("applying the diff does not give the new text")
	}
	if n := strings.Count(d.String(), "\n-"); n != removed {
		t.Errorf("%d lines removed, want the %d changed or deleted", n, removed)
	}
}

// BenchmarkWrite diffs 100,000 lines of which a third changed in place.
func BenchmarkWrite(b *testing.B) {
	var x, y strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&x, "- 笔记 %d,用BERT编码\n", i)
		if i%3 == 0 {
			fmt.Fprintf(&y, "- 笔记 %d，用 BERT 编码\n", i)
		} else {
			fmt.Fprintf(&y, "- 笔记 %d,用BERT编码\n", i)
		}
	}
	xs, ys := []byte(x.String()), []byte(y.String())
	b.SetBytes(int64(len(xs)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, "a", "b", xs, ys); err != nil {
			b.Fatal(err)
		}
	}
}
