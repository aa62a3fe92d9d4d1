package lint

import (
	"testing"

	"github.com/paperlint/papers/notes"
)

func TestApplyEdits(t *testing.T) {
	src := []byte("hello world")
	got := string(ApplyEdits(src, []Edit{{6, 11, "there"}, {0, 0, ">"}, {5, 5, ","}}))
	if got != ">hello, there" {
		t.Errorf("got %q", got)
	}
}

func TestOverlaps(t *testing.T) {
	tests := []struct {
		a, b Edit
		want bool
	}{
		{Edit{0, 2, "x"}, Edit{2, 4, "y"}, false},
		{Edit{0, 3, "x"}, Edit{2, 4, "y"}, true},
		{Edit{2, 2, "x"}, Edit{2, 2, "y"}, true},  // two insertions at one offset
		{Edit{2, 2, "x"}, Edit{2, 4, "y"}, true},  // insertion at the start of a replacement
		{Edit{4, 4, "x"}, Edit{2, 4, "y"}, false}, // insertion right after it
		{Edit{3, 3, "x"}, Edit{2, 4, "y"}, true},  // inside
		{Edit{1, 1, "x"}, Edit{2, 4, "y"}, false},
	}
	for _, tt := range tests {
		if got := overlaps(tt.a, tt.b); got != tt.want {
			t.Errorf("overlaps(%v, %v) = %v", tt.a, tt.b, got)
		}
		if got := overlaps(tt.b, tt.a); got != tt.want {
			t.Errorf("overlaps(%v, %v) = %v (reversed)", tt.b, tt.a, got)
		}
	}
}

func TestApplyFixesSkipsProtectedAndOverlapping(t *testing.T) {
	src := "- 用`code`和文字\n"
	f := &File{Path: "a.md", Src: []byte(src), Kind: NotesFile}
	f.Notes = notes.Parse("a.md", f.Src, notes.Options{})
	code := len("- 用`")
	ds := []Diagnostic{
		{File: "a.md", Fix: &Fix{Edits: []Edit{{code, code + 1, "C"}}}},                      // inside inline code: refused
		{File: "a.md", Fix: &Fix{Edits: []Edit{{2, 2, "A"}}}},                                // taken
		{File: "a.md", Fix: &Fix{Edits: []Edit{{2, 2, "B"}}}},                                // same offset: next round
		{File: "a.md", Fix: &Fix{Edits: []Edit{{0, 1, "*"}, {len(src), len(src) + 1, "x"}}}}, // out of range: whole fix refused
	}
	out, n := ApplyFixes(f, ds)
	if n != 1 || string(out) != "- A用`code`和文字\n" {
		t.Errorf("applied %d: %q", n, out)
	}
}

// The neighbour search of taken edits agrees with checking every taken
// edit, on random edits.
func TestTakenEditsNear(t *testing.T) {
	rnd := uint64(1)
	next := func(n int) int {
		rnd = rnd*6364136223846793005 + 1442695040888963407
		return int(rnd>>33) % n
	}
	var taken edits
	var all []Edit
	for k := 0; k < 3000; k++ {
		s := next(2000)
		e := Edit{Start: s, End: s + next(4)}
		brute := false
		for _, o := range all {
			if overlaps(e, o) {
				brute = true
			}
		}
		fast := false
		for _, o := range taken.near(e) {
			if overlaps(e, o) {
				fast = true
			}
		}
		if brute != fast {
			t.Fatalf("edit %v: brute force says %v, neighbours say %v", e, brute, fast)
		}
		if !brute {
			taken.add(e)
			all = append(all, e)
		}
	}
	if len(all) < 100 {
		t.Fatalf("only %d edits taken", len(all))
	}
}

// TestApplyRoundTakesFixesInOutputOrder: of two fixes at one offset from
// different rules' lists, a round takes the one that comes first in the
// output (rule "a" before rule "b"), whatever the order of the lists, as
// it did when the round read one merged list.
func TestApplyRoundTakesFixesInOutputOrder(t *testing.T) {
	src := "- 用文字\n"
	f := &File{Path: "a.md", Src: []byte(src), Kind: NotesFile}
	f.Notes = notes.Parse("a.md", f.Src, notes.Options{})
	at := len("- ")
	finding := func(rule, insert string) Diagnostic {
		return Diagnostic{Rule: rule, File: "a.md", Start: at, End: at + 1, Message: rule,
			Fix: &Fix{Edits: []Edit{{at, at, insert}}}}
	}
	for _, lists := range [][][]Diagnostic{
		{{finding("b", "B")}, {finding("a", "A")}},
		{{finding("a", "A")}, {finding("b", "B")}},
	} {
		fr := &FixResult{Fixed: map[string][]byte{}, Applied: map[string]int{}}
		changed := applyRound([]*File{f}, diagLists(lists), fr, 2)
		if len(changed) != 1 || string(fr.Fixed["a.md"]) != "- A用文字\n" || fr.Applied["a.md"] != 1 {
			t.Errorf("lists %v: changed %v, text %q", lists, changed, fr.Fixed["a.md"])
		}
	}
}
