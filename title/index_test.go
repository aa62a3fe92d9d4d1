package title

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
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
	// The index works with several jobs, the functions with one: the
	// results must not depend on how the work is split.
	x := NewIndex(titles, 4)
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
	if g := NewIndex(nil, 0).Duplicates(); len(g) != 0 {
		t.Errorf("empty index: %v", g)
	}
	if p := NewIndex([]string{"x"}, 0).Similar(Options{}); len(p) != 0 {
		t.Errorf("one title: %v", p)
	}
}

// TestSimilarGroupsExpandToSimilar checks that expanding the group pairs
// gives Similar's pairs, scores and reasons, on titles with many exact
// duplicates.
func TestSimilarGroupsExpandToSimilar(t *testing.T) {
	base := []string{
		"Attention Is All You Need", "Attention Is All You Nede", "Attention is all you need!",
		"Pre-training of Deep Bidirectional Transformers", "Pretraining of Deep Bidirectional Transformers",
		"A Survey of Large Language Models", "Survey of Large Language Models", "Segment Anything",
	}
	rng := rand.New(rand.NewPCG(9, 10))
	var titles []string
	for range 300 {
		titles = append(titles, base[rng.IntN(len(base))])
	}
	ix := NewIndex(titles, 2)
	var got []Pair
	for _, g := range ix.SimilarGroups(Options{}) {
		if g.A[0] >= g.B[0] {
			t.Fatalf("group pair out of order: %v %v", g.A[:1], g.B[:1])
		}
		for _, a := range g.A {
			for _, b := range g.B {
				p := Pair{A: a, B: b, Score: g.Score, Reason: fmt.Sprintf("%q vs %q", g.InA, g.InB)}
				if b < a {
					p = Pair{A: b, B: a, Score: g.Score, Reason: fmt.Sprintf("%q vs %q", g.InB, g.InA)}
				}
				got = append(got, p)
			}
		}
	}
	slices.SortFunc(got, func(p, q Pair) int { return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B)) })
	want := ix.Similar(Options{})
	if len(want) < 1000 {
		t.Fatalf("only %d pairs: the test lost its duplicates", len(want))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("expanded group pairs differ from Similar: %d vs %d pairs", len(got), len(want))
	}
}
