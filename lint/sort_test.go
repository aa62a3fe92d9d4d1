package lint

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
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
		got := mergeSorted(diagLists(lists))
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

// TestFindingSizes keeps a finding at 88 bytes on 64-bit machines, and a
// compact one at 32: a dense notes file has a million of them, each
// written into its rule's list and read into the writers' windows. A field
// that only a few findings need belongs in More.
func TestFindingSizes(t *testing.T) {
	if strconv.IntSize != 64 {
		t.Skip("sizes are for 64-bit machines")
	}
	if got := unsafe.Sizeof(Diagnostic{}); got != 88 {
		t.Errorf("Diagnostic is %d bytes, want 88", got)
	}
	if got := unsafe.Sizeof(CompactFinding{}); got != 32 {
		t.Errorf("CompactFinding is %d bytes, want 32", got)
	}
}

// TestFindingsWindows reads random sorted lists through Findings, in
// windows of several sizes, and compares them with the stable sort of the
// lists joined in order; Each must see every finding once, Slice the same
// order, and ErrStop end the reading.
func TestFindingsWindows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 200 {
		var lists [][]Diagnostic
		var joined []Diagnostic
		for i := range rng.IntN(6) {
			var l []Diagnostic
			for range rng.IntN(15) {
				l = append(l, Diagnostic{
					File: fmt.Sprintf("f%d.md", rng.IntN(2)), Start: rng.IntN(5), Rule: fmt.Sprintf("r%d", rng.IntN(2)),
					More: &More{Related: []Related{{Message: fmt.Sprintf("list %d", i)}}}, // not compared: shows which copy came first
				})
			}
			slices.SortStableFunc(l, func(a, b Diagnostic) int {
				return cmp.Or(strings.Compare(a.File, b.File), a.Start-b.Start, strings.Compare(a.Rule, b.Rule))
			})
			lists = append(lists, l)
			joined = append(joined, l...)
		}
		// Two groups, as papers lint joins the runs of two configs.
		split := len(lists) / 2
		f := NewFindings(nil, lists[:split]...)
		f.Append(NewFindings(nil, lists[split:]...))
		want := slices.Clone(joined)
		slices.SortStableFunc(want, compareDiagnostics)
		if f.Len() != len(want) {
			t.Fatalf("round %d: Len %d, want %d", round, f.Len(), len(want))
		}
		for _, size := range []int{1, 2, 7, 1000} {
			var got []Diagnostic
			err := f.Windows(size, func(lo int, ds []Diagnostic) error {
				if lo != len(got) || len(ds) == 0 || len(ds) > size {
					t.Fatalf("round %d, size %d: window at %d of %d findings after %d", round, size, lo, len(ds), len(got))
				}
				got = append(got, ds...)
				return nil
			})
			if err != nil || !slices.Equal(got, want) {
				t.Fatalf("round %d, windows of %d: %v\n got %v\nwant %v", round, size, err, got, want)
			}
			for jobs := 1; jobs <= 3; jobs++ {
				got, err := readParallel(t, f, size, jobs, -1)
				if err != nil || !slices.Equal(got, want) {
					t.Fatalf("round %d, windows of %d on %d goroutines: %v\n got %v\nwant %v", round, size, jobs, err, got, want)
				}
				// A failure in the format or the write of some window.
				_, _ = readParallel(t, f, size, jobs, round%7) // checked inside
			}
		}
		if got := f.Slice(); !slices.Equal(got, want) {
			t.Fatalf("round %d: Slice\n got %v\nwant %v", round, got, want)
		}
		seen := 0
		f.Each(func(*Diagnostic) { seen++ })
		if seen != len(want) {
			t.Fatalf("round %d: Each saw %d of %d", round, seen, len(want))
		}
		if len(want) > 1 {
			windows := 0
			err := f.Windows(1, func(int, []Diagnostic) error { windows++; return ErrStop })
			if err != nil || windows != 1 {
				t.Fatalf("round %d: ErrStop: %v after %d windows", round, err, windows)
			}
			writes := 0
			err = f.WindowsParallel(1, 2, func(int, int, []Diagnostic) error { return nil }, func(int) error { writes++; return ErrStop })
			if err != nil || writes != 1 {
				t.Fatalf("round %d: ErrStop in parallel: %v after %d writes", round, err, writes)
			}
		}
	}
}

// readParallel reads f through WindowsParallel on jobs goroutines, a
// window's findings copied into its slot by format and appended to the
// result by write, and checks that windows come in order and a slot is
// never given to a window while another holds it. failAt, when not
// negative, makes the format (odd) or write (even) of that window fail.
func readParallel(t *testing.T, f *Findings, size, jobs, failAt int) ([]Diagnostic, error) {
	t.Helper()
	var (
		mu    sync.Mutex
		held  = make([][]Diagnostic, 2*jobs)
		busy  = make([]bool, 2*jobs)
		los   = make([]int, 2*jobs)
		got   []Diagnostic
		fails = errors.New("planted failure")
	)
	err := f.WindowsParallel(size, jobs, func(k, lo int, ds []Diagnostic) error {
		mu.Lock()
		defer mu.Unlock()
		if k < 0 || k >= len(busy) || busy[k] {
			t.Errorf("window at %d in slot %d, which is not free", lo, k)
			return nil
		}
		if len(ds) == 0 || len(ds) > size {
			t.Errorf("window at %d of %d findings, size %d", lo, len(ds), size)
		}
		busy[k], los[k] = true, lo
		held[k] = append(held[k][:0], ds...)
		if failAt >= 0 && lo/size == failAt && failAt%2 == 1 {
			return fails
		}
		return nil
	}, func(k int) error {
		mu.Lock()
		defer mu.Unlock()
		if !busy[k] || los[k] != len(got) {
			t.Errorf("write of slot %d (window at %d) after %d findings", k, los[k], len(got))
		}
		busy[k] = false
		if failAt >= 0 && los[k]/size == failAt && failAt%2 == 0 {
			return fails
		}
		got = append(got, held[k]...)
		return nil
	})
	if failAt >= 0 && failAt < (f.Len()+size-1)/size {
		if !errors.Is(err, fails) || len(got) != failAt*size {
			t.Errorf("failing at window %d: %v after %d findings", failAt, err, len(got))
		}
	}
	return got, err
}

// diagLists is the runner's lists of lists of Diagnostics.
func diagLists(lists [][]Diagnostic) []findingList {
	out := make([]findingList, len(lists))
	for i, l := range lists {
		out[i] = diagList(l)
	}
	return out
}

// TestWindowsPanic checks that a panic in a format or a write of
// WindowsParallel comes back to the caller's goroutine (where a recover
// sees it) once the reading has stopped, instead of ending the process or
// leaving a goroutine blocked.
func TestWindowsPanic(t *testing.T) {
	var ds []Diagnostic
	for i := range 100 {
		ds = append(ds, Diagnostic{File: "a.md", Start: i, Rule: "r"})
	}
	// Two lists, so that the windows are merged on a goroutine.
	f := NewFindings(nil, ds[:50], ds[50:])
	caught := func(name string, read func()) {
		t.Helper()
		defer func() {
			if v := recover(); v == nil || !strings.Contains(fmt.Sprint(v), "planted") {
				t.Errorf("%s: recovered %v, want the planted panic", name, v)
			}
		}()
		read()
	}
	for _, at := range []int{0, 3, 9} {
		caught("format", func() {
			_ = f.WindowsParallel(10, 2, func(_, lo int, _ []Diagnostic) error {
				if lo == at*10 {
					panic("planted")
				}
				return nil
			}, func(int) error { return nil })
		})
		caught("write", func() {
			n := 0
			_ = f.WindowsParallel(10, 2, func(int, int, []Diagnostic) error { return nil }, func(int) error {
				if n++; n > at {
					panic("planted")
				}
				return nil
			})
		})
	}
}
