package lint

import (
	"reflect"
	"testing"
)

// TestSetFix checks which fixes SetFix keeps inside the finding and that
// every reader (HasFix, FixMessage, FixEdits, the fix's first edit) sees
// the fix it was given, inline or not.
func TestSetFix(t *testing.T) {
	const msg = `add a space between "是" and "BERT"`
	cases := []struct {
		name   string
		start  int
		fixMsg string
		edits  []Edit
		inline bool
	}{
		{"insert a space", 10, msg, []Edit{{Start: 13, End: 13, New: " "}}, true},
		{"delete", 10, msg, []Edit{{Start: 10, End: 12}}, true},
		{"full-width comma", 10, msg, []Edit{{Start: 10, End: 11, New: "，"}}, true},
		{"a character outside the tables", 10, msg, []Edit{{Start: 10, End: 11, New: "…"}}, true},
		{"a four-byte character", 10, msg, []Edit{{Start: 10, End: 11, New: "𠀀"}}, true},
		{"255 bytes after the start", 0, msg, []Edit{{Start: 255, End: 510, New: "x"}}, true},
		{"256 bytes after the start", 0, msg, []Edit{{Start: 256, End: 256, New: "x"}}, false},
		{"replaces 256 bytes", 0, msg, []Edit{{Start: 0, End: 256}}, false},
		{"before the start", 10, msg, []Edit{{Start: 9, End: 10, New: " "}}, false},
		{"two characters", 10, msg, []Edit{{Start: 10, End: 11, New: "——"}}, false},
		{"invalid UTF-8", 10, msg, []Edit{{Start: 10, End: 11, New: "\xff"}}, false},
		{"NUL", 10, msg, []Edit{{Start: 10, End: 11, New: "\x00"}}, false},
		{"a message of its own", 10, "write NeurIPS", []Edit{{Start: 10, End: 14, New: "N"}}, false},
		{"two edits", 10, msg, []Edit{{Start: 12, End: 12, New: "（"}, {Start: 10, End: 11, New: "）"}}, false},
		{"no edit", 10, msg, nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Diagnostic{Start: c.start, End: c.start + 3, Message: msg}
			d.SetFix(c.fixMsg, c.edits...)
			if got := d.Fix == nil; got != c.inline {
				t.Fatalf("kept inline: %v, want %v (Fix %+v)", got, c.inline, d.Fix)
			}
			if got, want := d.HasFix(), len(c.edits) > 0; got != want {
				t.Errorf("HasFix() = %v, want %v", got, want)
			}
			if got := d.FixMessage(); got != c.fixMsg {
				t.Errorf("FixMessage() = %q, want %q", got, c.fixMsg)
			}
			if got := d.FixEdits(nil); !reflect.DeepEqual(got, c.edits) && len(got)+len(c.edits) > 0 {
				t.Errorf("FixEdits() = %+v, want %+v", got, c.edits)
			}
			if got, want := d.firstFixEdit(), firstEdit(&Fix{Edits: c.edits}); got != want {
				t.Errorf("first edit at %d, want %d", got, want)
			}
		})
	}
}

// TestSetFixCopiesAndResets checks that SetFix does not keep the caller's
// slice and that a second SetFix replaces the first fix, either way.
func TestSetFixCopiesAndResets(t *testing.T) {
	d := Diagnostic{Start: 0, End: 2, Message: "m"}
	edits := []Edit{{Start: 0, End: 1, New: "ab"}}
	d.SetFix("m", edits...)
	edits[0].New = "changed"
	if got := d.FixEdits(nil)[0].New; got != "ab" {
		t.Errorf("the fix follows the caller's slice: %q", got)
	}
	d.SetFix("m", Edit{Start: 1, End: 1, New: " "})
	if d.Fix != nil || len(d.FixEdits(nil)) != 1 {
		t.Errorf("an inline fix did not replace the Fix: %+v", d.Fix)
	}
	d.SetFix("other", Edit{Start: 1, End: 1, New: " "})
	if d.Fix == nil || d.FixMessage() != "other" || len(d.FixEdits(nil)) != 1 {
		t.Errorf("a Fix did not replace the inline fix: %+v", d)
	}
	d.SetFix("m")
	if d.HasFix() || d.Fix == nil {
		t.Errorf("a fix of no edit: HasFix %v, Fix %+v", d.HasFix(), d.Fix)
	}
}

// TestInlineFixMovesWithTheFinding checks what the editor's run cache
// relies on: moving a finding's start moves its inline edit.
func TestInlineFixMovesWithTheFinding(t *testing.T) {
	d := Diagnostic{Start: 10, End: 13, Message: "m"}
	d.SetFix("m", Edit{Start: 12, End: 12, New: " "})
	d.Start, d.End = d.Start+100, d.End+100
	if got, want := d.FixEdits(nil), []Edit{{Start: 112, End: 112, New: " "}}; !reflect.DeepEqual(got, want) {
		t.Errorf("after the move: %+v, want %+v", got, want)
	}
}

// TestFixEditsInBufferDoesNotAllocate is why FixEdits takes a buffer: the
// writers read a million fixes.
func TestFixEditsInBufferDoesNotAllocate(t *testing.T) {
	d := Diagnostic{Start: 10, End: 13, Message: "m"}
	d.SetFix("m", Edit{Start: 10, End: 11, New: "，"})
	var one [1]Edit
	if n := testing.AllocsPerRun(100, func() { _ = d.FixEdits(one[:0]) }); n != 0 {
		t.Errorf("FixEdits into a buffer allocates %v times", n)
	}
}
