package lint

import (
	"bytes"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/paperlint/papers/notes"
)

// TestSetCompactIsDiagnostic checks that a compact finding reads back as
// the Diagnostic SetFix makes of the same finding, and that what cannot be
// compact (a fix SetFix keeps in a Fix, offsets past 4 GiB) is refused
// and leaves the finding as it was.
func TestSetCompactIsDiagnostic(t *testing.T) {
	const big = math.MaxUint32
	for _, c := range []struct {
		name       string
		start, end int
		edits      []Edit
		compact    bool
	}{
		{"no fix", 3, 5, nil, true},
		{"insert a space", 3, 5, []Edit{{4, 4, " "}}, true},
		{"delete", 3, 5, []Edit{{3, 4, ""}}, true},
		{"full-width comma", 10, 11, []Edit{{10, 11, "，"}}, true},
		{"edit 255 bytes on", 0, 1, []Edit{{255, 255, " "}}, true},
		{"edit 256 bytes on", 0, 1, []Edit{{256, 256, " "}}, false},
		{"edit before the start", 5, 6, []Edit{{4, 4, " "}}, false},
		{"two characters", 3, 5, []Edit{{3, 4, "ab"}}, false},
		{"two edits", 3, 9, []Edit{{3, 4, "（"}, {8, 9, "）"}}, false},
		{"end before start", 7, 2, nil, true},
		{"at 4 GiB - 1", big - 1, big, []Edit{{big, big, " "}}, true},
		{"past 4 GiB", big + 1, big + 2, nil, false},
		{"negative", -1, 2, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := CompactFinding{msg: "before"}
			cf := before
			ok := cf.SetCompact(c.start, c.end, "m", c.edits...)
			if ok != c.compact {
				t.Fatalf("SetCompact = %v, want %v", ok, c.compact)
			}
			if !ok {
				if cf != before {
					t.Errorf("a refused SetCompact changed the finding: %+v", cf)
				}
				return
			}
			got := (&compactList{rule: "r", file: "a.md", severity: Info, items: []CompactFinding{cf}}).diag(0)
			want := Diagnostic{Rule: "r", Severity: Info, File: "a.md", Start: c.start, End: max(c.end, c.start), Message: "m"}
			if len(c.edits) > 0 {
				want.SetFix("m", c.edits...)
			}
			if got != want {
				t.Errorf("read back as %+v, want %+v", got, want)
			}
			if !slices.Equal(got.FixEdits(nil), want.FixEdits(nil)) || got.FixMessage() != want.FixMessage() {
				t.Errorf("fix %q %v, want %q %v", got.FixMessage(), got.FixEdits(nil), want.FixMessage(), want.FixEdits(nil))
			}
		})
	}
}

// randomLists makes k sorted lists of random findings with many ties, some
// of them compact (one rule in one file, as a pass reports them), and
// returns them with the Diagnostics they hold, joined in order.
func randomLists(t *testing.T, rng *rand.Rand, k int) ([]findingList, []Diagnostic) {
	t.Helper()
	var lists []findingList
	var joined []Diagnostic
	for i := range k {
		file, rule := fmt.Sprintf("f%d.md", rng.IntN(2)), fmt.Sprintf("r%d", rng.IntN(2))
		n := rng.IntN(20)
		if rng.IntN(2) == 0 {
			c := &compactList{rule: rule, file: file, severity: Info + Severity(rng.IntN(3))}
			for range n {
				var cf CompactFinding
				start := rng.IntN(5)
				var edits []Edit
				if rng.IntN(2) == 0 {
					edits = []Edit{{start, start, " "}}
				}
				// The list's number in the message tells copies apart.
				if !cf.SetCompact(start, 5+rng.IntN(2), fmt.Sprintf("list %d", i), edits...) {
					t.Fatalf("finding at %d not compact", start)
				}
				c.items = append(c.items, cf)
			}
			l := findingList{c: c}
			l.sort()
			lists = append(lists, l)
			joined = l.appendTo(joined)
			continue
		}
		var ds []Diagnostic
		for range n {
			d := Diagnostic{File: file, Start: rng.IntN(5), End: 5 + rng.IntN(2), Rule: fmt.Sprintf("r%d", rng.IntN(2)),
				Severity: Info + Severity(rng.IntN(3)), Message: fmt.Sprintf("list %d", i)}
			if rng.IntN(2) == 0 {
				d.SetFix(d.Message, Edit{d.Start, d.Start, " "})
			}
			ds = append(ds, d)
		}
		SortDiagnostics(ds)
		lists = append(lists, diagList(ds))
		joined = append(joined, ds...)
	}
	return lists, joined
}

// TestCompactListsMerge merges compact lists and lists of Diagnostics
// and reads them through Findings: the order is the stable sort of the
// lists joined in order, whichever form a list has.
func TestCompactListsMerge(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 300 {
		lists, joined := randomLists(t, rng, rng.IntN(7))
		want := slices.Clone(joined)
		slices.SortStableFunc(want, compareDiagnostics)
		f := findingsOf(nil, lists)
		if f.Len() != len(want) {
			t.Fatalf("round %d: Len %d, want %d", round, f.Len(), len(want))
		}
		for _, size := range []int{1, 3, 1000} {
			var got []Diagnostic
			if err := f.Windows(size, func(_ int, ds []Diagnostic) error { got = append(got, ds...); return nil }); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, windows of %d:\n got %v\nwant %v", round, size, got, want)
			}
			got, err := readParallel(t, f, size, 2, -1)
			if err != nil || !slices.Equal(got, want) {
				t.Fatalf("round %d, windows of %d in parallel: %v\n got %v\nwant %v", round, size, err, got, want)
			}
		}
		type group struct {
			sev     Severity
			fixable bool
		}
		wantTally, gotTally := map[group]int{}, map[group]int{}
		for i := range want {
			wantTally[group{want[i].Severity, want[i].HasFix()}]++
		}
		f.Tally(func(sev Severity, fixable bool, n int) { gotTally[group{sev, fixable}] += n })
		if !maps.Equal(gotTally, wantTally) {
			t.Fatalf("round %d: Tally %v, want %v", round, gotTally, wantTally)
		}
		var each []Diagnostic
		f.Each(func(d *Diagnostic) { each = append(each, *d) })
		if !slices.Equal(each, joined) {
			t.Fatalf("round %d: Each\n got %v\nwant %v", round, each, joined)
		}
		if got := f.Slice(); !slices.Equal(got, want) {
			t.Fatalf("round %d: Slice\n got %v\nwant %v", round, got, want)
		}
		if got := mergeSorted(slices.Clone(lists)); !slices.Equal(got, want) {
			t.Fatalf("round %d: mergeSorted\n got %v\nwant %v", round, got, want)
		}
	}
}

// TestCompactListDropAndSort checks dropWhere and sort on a compact list
// against the same on its Diagnostics, and that dropWhere copies only
// when it drops something.
func TestCompactListDropAndSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for round := range 200 {
		c := &compactList{rule: "r", file: "a.md", severity: Error}
		for k := range rng.IntN(30) {
			var cf CompactFinding
			cf.SetCompact(rng.IntN(10), rng.IntN(12), fmt.Sprintf("m%d", k%3))
			c.items = append(c.items, cf)
		}
		l := findingList{c: c}
		ds := l.diags()
		l.sort()
		SortDiagnostics(ds)
		if got := l.diags(); !slices.Equal(got, ds) {
			t.Fatalf("round %d: sorted\n got %v\nwant %v", round, got, ds)
		}
		at := rng.IntN(10)
		drop := func(d *Diagnostic) bool { return d.Start == at }
		if got, want := l.dropWhere(drop).diags(), dropWhere(ds, drop); !slices.Equal(got, want) {
			t.Fatalf("round %d: dropWhere\n got %v\nwant %v", round, got, want)
		}
		if kept := l.dropWhere(func(*Diagnostic) bool { return false }); kept.c != l.c {
			t.Fatalf("round %d: dropWhere copied a list it dropped nothing from", round)
		}
	}
}

// TestApplyRoundCompact applies the fixes of a compact list and of the
// same findings as Diagnostics: the texts are the same.
func TestApplyRoundCompact(t *testing.T) {
	src := "- 用BERT编码,效果好\n"
	newFile := func() *File {
		f := &File{Path: "a.md", Src: []byte(src), Kind: NotesFile}
		f.Notes = notes.Parse("a.md", f.Src, notes.Options{})
		return f
	}
	bert := len("- 用")
	comma := len("- 用BERT编码")
	c := &compactList{rule: "cjk", file: "a.md", severity: Warning}
	for _, e := range []Edit{{bert, bert, " "}, {bert + 4, bert + 4, " "}, {comma, comma + 1, "，"}} {
		var cf CompactFinding
		if !cf.SetCompact(e.Start, e.End, "fix", e) {
			t.Fatalf("edit %v not compact", e)
		}
		c.items = append(c.items, cf)
	}
	fixed := map[bool]string{}
	for _, compact := range []bool{true, false} {
		l := findingList{c: c}
		if !compact {
			l = diagList(l.diags())
		}
		fr := &FixResult{Fixed: map[string][]byte{}, Applied: map[string]int{}}
		changed := applyRound([]*File{newFile()}, []findingList{l}, fr, 2)
		if len(changed) != 1 || fr.Applied["a.md"] != 3 {
			t.Fatalf("compact %v: changed %v, %d applied", compact, changed, fr.Applied["a.md"])
		}
		fixed[compact] = string(fr.Fixed["a.md"])
	}
	if want := "- 用 BERT 编码，效果好\n"; fixed[true] != want || fixed[false] != want {
		t.Errorf("fixed %q (compact) and %q, want %q", fixed[true], fixed[false], want)
	}
}

// TestReportCompact checks what a pass makes of a compact list: the pass's
// rule, severity and file, taken as it is; copied into Diagnostics for an
// editor's RunCache (copyLists), which keeps the analysis it came from.
func TestReportCompact(t *testing.T) {
	rule := &Rule{ID: "r"}
	file := &File{Path: "a.md"}
	items := func() []CompactFinding {
		var cf CompactFinding
		cf.SetCompact(1, 2, "m")
		return []CompactFinding{cf}
	}
	want := []Diagnostic{{Rule: "r", Severity: Warning, File: "a.md", Start: 1, End: 2, Message: "m"}}
	for _, copyLists := range []bool{false, true} {
		p := &Pass{Rule: rule, Severity: Warning, File: file, copyLists: copyLists}
		p.Report(Diagnostic{Start: 0, End: 1, Message: "first"})
		p.ReportCompact(items())
		lists := p.findings()
		got := flatten(lists)
		if len(got) != 2 || got[0].Message != "first" || !slices.Equal(got[1:], want) {
			t.Errorf("copyLists %v: %+v", copyLists, got)
		}
		if compact := slices.ContainsFunc(lists, func(l findingList) bool { return l.c != nil }); compact == copyLists {
			t.Errorf("copyLists %v: a compact list kept: %v", copyLists, compact)
		}
	}
	// A corpus rule's pass has no file: the rule's bug is reported.
	p := &Pass{Rule: &Rule{ID: "corpus", Check: func(p *Pass) { p.ReportCompact(items()) }}, Severity: Warning,
		Files: []*File{file}}
	runCheck(p)
	if got := flatten(p.findings()); len(got) != 1 || !got[0].InternalError() || !strings.Contains(got[0].Message, "ReportCompact in a pass without a file") {
		t.Errorf("ReportCompact in a corpus rule: %+v", got)
	}
}

// xRules is a rule that reports each "x" of a notes file, with a fix
// that writes "y", as compact findings or as Diagnostics.
func xRules(compact bool) []*Rule {
	return []*Rule{{ID: "word-x", Summary: "x", Severity: Warning, Scope: NotesScope, Fixable: true,
		Check: func(p *Pass) {
			var cs []CompactFinding
			for i, b := range p.File.Src {
				if b != 'x' {
					continue
				}
				e := Edit{Start: i, End: i + 1, New: "y"}
				if !compact {
					d := Diagnostic{Start: i, End: i + 1, Message: "x left"}
					d.SetFix(d.Message, e)
					p.Report(d)
					continue
				}
				var cf CompactFinding
				cf.SetCompact(i, i+1, "x left", e)
				cs = append(cs, cf)
			}
			p.ReportCompact(cs)
		}}}
}

// TestCompactRuleRuns runs a rule that reports compact findings and the
// same rule reporting Diagnostics, on notes with directives that turn it
// off and one that turns another rule off: Run, RunStream and Fix give
// the same findings and texts.
func TestCompactRuleRuns(t *testing.T) {
	src := strings.Join([]string{
		"- x 1 x",
		"<!-- papers-disable word-x -->",
		"- x 3",
		"<!-- papers-enable -->",
		"- x 5",
		"<!-- papers-disable-next-line other -->",
		"- x 7",
		"- x 8 <!-- papers-disable-line -->",
		"",
	}, "\n")
	inputs := func() []Input {
		return []Input{{Path: "a.md", Src: []byte(src)}, {Path: "b.md", Src: []byte("- x\n")}}
	}
	type outcome struct {
		run, stream []Diagnostic
		fixed       map[string][]byte
	}
	var out [2]outcome
	for k, compact := range []bool{true, false} {
		cfg := DefaultConfig()
		r, err := NewRunner(xRules(compact), cfg)
		if err != nil {
			t.Fatal(err)
		}
		out[k].run = r.Run(memWS(inputs())).Diagnostics
		if _, err := r.RunStream(memWS(inputs()), func(f *Findings) error {
			out[k].stream = append(out[k].stream, f.Slice()...)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		out[k].fixed = r.Fix(memWS(inputs())).Fixed
	}
	var lines []int
	li := NewLineIndex([]byte(src))
	for _, d := range out[0].run {
		if d.File == "a.md" && d.Rule == "word-x" {
			lines = append(lines, li.Position(d.Start).Line)
		}
	}
	// Lines 3 and 8 are turned off; the x of the directives on lines 2
	// ("word-x") and 6 ("next") are findings too.
	if got := fmt.Sprint(lines); got != "[1 1 2 5 6 7]" {
		t.Errorf("compact findings of a.md on lines %s, want [1 1 2 5 6 7]", got)
	}
	if !slices.Equal(out[0].run, out[1].run) {
		t.Errorf("Run:\n compact %+v\nDiagnostics %+v", out[0].run, out[1].run)
	}
	if !slices.Equal(out[0].stream, out[0].run) || !slices.Equal(out[1].stream, out[1].run) {
		t.Errorf("RunStream differs from Run:\n compact %+v\nDiagnostics %+v", out[0].stream, out[1].stream)
	}
	if !maps.EqualFunc(out[0].fixed, out[1].fixed, bytes.Equal) || string(out[0].fixed["b.md"]) != "- y\n" {
		t.Errorf("Fix: compact %q, Diagnostics %q", out[0].fixed, out[1].fixed)
	}
}

// TestCompareAt checks that a finding of a list compares with a Diagnostic
// where it is as compareDiag does with the finding made a Diagnostic, for
// compact lists and lists of Diagnostics, on random findings with many
// ties in every field.
func TestCompareAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for round := range 200 {
		lists, _ := randomLists(t, rng, 2)
		var others []Diagnostic
		for _, l := range lists {
			others = l.appendTo(others)
		}
		for _, l := range lists {
			for i := range l.len() {
				var tmp Diagnostic
				d := *l.at(i, &tmp)
				for k := range others {
					if got, want := l.compareAt(i, &others[k]), compareDiag(&d, &others[k]); got != want {
						t.Fatalf("round %d: compareAt(%d, %+v) = %d, compareDiag gives %d for %+v", round, i, others[k], got, want, d)
					}
				}
			}
		}
	}
}
