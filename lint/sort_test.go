package lint

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"unsafe"
)

// TestMergeSortedIsStableSort checks the merge of sorted lists against a
// stable sort of the lists joined in order, on random findings with many
// ties (same file, start and rule; the Message tells copies apart).
func TestMergeSortedIsStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		k := rng.IntN(9)
		lists := make([][]Diagnostic, k)
		var joined []Diagnostic
		for i := range lists {
			for range rng.IntN(20) {
				d := Diagnostic{
					File:  fmt.Sprintf("f%d.md", rng.IntN(2)),
					Start: rng.IntN(5),
					End:   5 + rng.IntN(2),
					Rule:  fmt.Sprintf("r%d", rng.IntN(2)),
					More:  &More{Related: []Related{{Message: fmt.Sprintf("list %d", i)}}}, // not compared: shows which copy came first
				}
				lists[i] = append(lists[i], d)
			}
			SortDiagnostics(lists[i])
			joined = append(joined, lists[i]...)
		}
		want := slices.Clone(joined)
		slices.SortStableFunc(want, compareDiagnostics)
		got := mergeSorted(lists)
		if len(got) != len(want) {
			t.Fatalf("round %d: %d findings, want %d", round, len(got), len(want))
		}
		for i := range got {
			if compareDiagnostics(got[i], want[i]) != 0 || got[i].Related()[0].Message != want[i].Related()[0].Message {
				t.Fatalf("round %d, finding %d: got %+v, want %+v", round, i, got[i], want[i])
			}
		}
	}
}

func TestSortDiagnosticsOrder(t *testing.T) {
	ds := []Diagnostic{
		{File: "b.md", Start: 1, Rule: "x"},
		{File: "a.md", Start: 9, Rule: "x"},
		{File: "a.md", Start: 2, Rule: "y"},
		{File: "a.md", Start: 2, Rule: "x", End: 4},
		{File: "a.md", Start: 2, Rule: "x", End: 3, Message: "b"},
		{File: "a.md", Start: 2, Rule: "x", End: 3, Message: "a"},
	}
	SortDiagnostics(ds)
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s:%d:%s:%d:%s", d.File, d.Start, d.Rule, d.End, d.Message))
	}
	want := []string{"a.md:2:x:3:a", "a.md:2:x:3:b", "a.md:2:x:4:", "a.md:2:y:0:", "a.md:9:x:0:", "b.md:1:x:0:"}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got %v\nwant %v", got, want)
	}
}

// TestSuppressedIndex compares the indexed lookup of disabled ranges with
// a scan of every range, on random overlapping ranges of a few rules.
func TestSuppressedIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	rules := []string{"", "a", "b"}
	for round := range 200 {
		d := &directives{}
		for range rng.IntN(30) {
			s := rng.IntN(100)
			d.ranges = append(d.ranges, disabledRange{s, s + rng.IntN(40), rules[rng.IntN(len(rules))]})
		}
		slices.SortFunc(d.ranges, func(x, y disabledRange) int { return x.start - y.start })
		d.index()
		for off := -1; off < 150; off++ {
			for _, rule := range []string{"a", "b", "c"} {
				want := false
				for _, r := range d.ranges {
					if off >= r.start && off < r.end && (r.rule == "" || r.rule == rule) {
						want = true
					}
				}
				if got := d.suppressed(rule, off); got != want {
					t.Fatalf("round %d: suppressed(%q, %d) = %v, want %v; ranges %+v", round, rule, off, got, want, d.ranges)
				}
			}
		}
	}
}

// TestDiagnosticSize keeps a finding at 88 bytes on 64-bit machines: a
// dense notes file has a million of them, each written into its rule's list
// and once more into the run's sorted list. A field that only a few findings
// need belongs in More.
func TestDiagnosticSize(t *testing.T) {
	if strconv.IntSize != 64 {
		t.Skip("sizes are for 64-bit machines")
	}
	if got := unsafe.Sizeof(Diagnostic{}); got != 88 {
		t.Errorf("Diagnostic is %d bytes, want 88", got)
	}
}
