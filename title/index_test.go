package title

import (
	"fmt"
	"sync"
	"testing"
)

// TestIndexAgrees checks that an Index gives what the functions give, on
// generated titles with planted repeats and near-repeats, and when two
// goroutines use it at once (run with -race).
func TestIndexAgrees(t *testing.T) {
	titles := append(syntheticTitles(20_000, 5),
		"", "--", "Deep Interest Network for Click-Through Rate Prediction(DIN)",
		"DIN: Deep Interest Network for Click-Through Rate Prediction", "ISS", "ISS++", "ISS")
	x := NewIndex(titles)
	wantDup := fmt.Sprint(Duplicates(titles))
	wantSim := fmt.Sprint(Similar(titles, Options{}))
	wantLow := fmt.Sprint(Similar(titles, Options{Threshold: 0.5}))
	if len(Duplicates(titles)) < 100 || len(Similar(titles, Options{})) < 100 {
		t.Fatal("the generated titles have too few planted repeats to compare")
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if got := fmt.Sprint(x.Duplicates()); got != wantDup {
				t.Error("Index.Duplicates differs from Duplicates")
			}
			if got := fmt.Sprint(x.Similar(Options{})); got != wantSim {
				t.Error("Index.Similar differs from Similar")
			}
			if got := fmt.Sprint(x.Similar(Options{Threshold: 0.5})); got != wantLow {
				t.Error("Index.Similar at 0.5 differs from Similar")
			}
		})
	}
	wg.Wait()
	if g := NewIndex(nil).Duplicates(); len(g) != 0 {
		t.Errorf("empty index: %v", g)
	}
	if p := NewIndex([]string{"x"}).Similar(Options{}); len(p) != 0 {
		t.Errorf("one title: %v", p)
	}
}
