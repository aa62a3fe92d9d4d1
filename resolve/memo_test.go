package resolve

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/paperlint/papers/bib"
)

// countedSource counts its questions; Search waits for gate when it is
// set, ByDOI fails, ByArXiv fails with the context's error when it has
// ended, and Detail gives a full record.
type countedSource struct {
	searches, dois, arxivs, details atomic.Int32
	gate                            chan struct{}
}

func (c *countedSource) Name() string { return "counted" }
func (c *countedSource) ByDOI(context.Context, string) ([]*Record, error) {
	c.dois.Add(1)
	return nil, errors.New("unreachable")
}
func (c *countedSource) ByArXiv(ctx context.Context, _ string) ([]*Record, error) {
	c.arxivs.Add(1)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return []*Record{{Source: "counted", ID: "x", Entry: bib.NewEntry("misc", "x")}}, nil
}
func (c *countedSource) Search(_ context.Context, q Query) ([]*Record, error) {
	c.searches.Add(1)
	if c.gate != nil {
		<-c.gate
	}
	return []*Record{{Source: "counted", ID: q.Title, Entry: bib.NewEntry("misc", "k")}}, nil
}
func (c *countedSource) Detail(_ context.Context, r *Record) (*Record, error) {
	c.details.Add(1)
	return &Record{Source: r.Source, ID: r.ID + "/full", Entry: r.Entry}, nil
}

func TestMemoized(t *testing.T) {
	ctx := context.Background()
	c := &countedSource{}
	m := Memoized(c)
	if Memoized(m) != m {
		t.Error("Memoized of a memoized source wraps it again")
	}

	// The same question twice: asked once, the same records given.
	a, _ := m.Search(ctx, Query{Title: "A"})
	b, _ := m.Search(ctx, Query{Title: "A"})
	if _, err := m.Search(ctx, Query{Title: "B"}); err != nil {
		t.Fatal(err)
	}
	if n := c.searches.Load(); n != 2 || len(a) != 1 || a[0] != b[0] {
		t.Errorf("2 distinct searches, 3 asked: %d searches, records %v %v", n, a, b)
	}
	d := m.(Detailer)
	f1, _ := d.Detail(ctx, a[0])
	f2, _ := d.Detail(ctx, b[0])
	if n := c.details.Load(); n != 1 || f1 == nil || f1 != f2 || f1.ID != "A/full" {
		t.Errorf("details: %d asked, %v %v", n, f1, f2)
	}

	// A failure is an answer too: given again, not asked again.
	_, err1 := m.ByDOI(ctx, "10.1/x")
	_, err2 := m.ByDOI(ctx, "10.1/x")
	if n := c.dois.Load(); n != 1 || err1 == nil || !errors.Is(err2, err1) {
		t.Errorf("a failing DOI asked %d times: %v, %v", n, err1, err2)
	}

	// An answer cut short by the asker's context is not kept.
	done, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := m.ByArXiv(done, "1706.06978"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if recs, err := m.ByArXiv(ctx, "1706.06978"); err != nil || len(recs) != 1 || c.arxivs.Load() != 2 {
		t.Errorf("after a cancelled asker: %v %v, %d asked", recs, err, c.arxivs.Load())
	}

	// Askers of one question at once: one asks, the others wait.
	c.gate = make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if recs, err := m.Search(ctx, Query{Title: "C"}); err != nil || len(recs) != 1 {
				t.Errorf("concurrent search: %v %v", recs, err)
			}
		}()
	}
	close(c.gate)
	wg.Wait()
	if n := c.searches.Load(); n != 3 {
		t.Errorf("8 askers of one search at once: %d searches in all, want 3", n)
	}
}

// TestMemoizedForwards: a memoized source is still a preprint server when
// its source is one, and details nothing when its source cannot.
func TestMemoizedForwards(t *testing.T) {
	asked := 0
	m := Memoized(preprintSource{asked: &asked})
	if ps, ok := m.(PreprintServer); !ok || !ps.PreprintsOnly() {
		t.Error("PreprintsOnly hidden by the memo")
	}
	if ps := Memoized(&countedSource{}).(PreprintServer); ps.PreprintsOnly() {
		t.Error("a source that is no preprint server became one")
	}
	if r, err := m.(Detailer).Detail(context.Background(), &Record{}); r != nil || err != nil {
		t.Errorf("Detail of a source that is no Detailer: %v %v", r, err)
	}
}
