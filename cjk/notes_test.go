package cjk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
)

// TestRealNotes runs the checks over the real notes and paper lists of the
// shared corpus (skipped when absent). It asserts no expectation about the
// text, which is not ours to copy, only the invariants: one round of edits
// reaches the fixed point, fixes are idempotent and change nothing but
// spaces and punctuation pairs.
func TestRealNotes(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testkit.Corpus(t, "notes"), "*.md"))
	if len(files) == 0 {
		t.Skip("shared notes corpus is absent")
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		changed := 0
		lines := strings.Split(string(data), "\n")
		for _, line := range lines {
			ctx := Context{Protected: markdownSpans(line)}
			fixed := Fix(line, ctx, Options{}, AllKinds)
			if fixed != line {
				changed++
			}
			if once := Apply(line, Edits(Check(line, ctx, Options{}, AllKinds))); once != fixed {
				t.Errorf("%s: one round %q differs from Fix %q", filepath.Base(name), once, fixed)
			}
			checkFixInvariants(t, line, ctx, Options{}, AllKinds)
			if sep, _ := fixSeparately(t, line, ctx, Options{}); sep != fixed {
				t.Errorf("%s: separate rules give %q, one call gives %q", filepath.Base(name), sep, fixed)
			}
		}
		t.Logf("%s: %d of %d lines would change", filepath.Base(name), changed, len(lines))
	}
}
