package resolve

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/notes"
)

func loadTestLibrary(t *testing.T) *Library {
	t.Helper()
	l, err := LoadLibrary("testdata/library.bib")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestLibrary(t *testing.T) {
	l := loadTestLibrary(t)
	// The broken entry has two: its title's "{" and the entry's own "{"
	// are never closed.
	if l.Problems != 2 || l.Len() != 4 {
		t.Errorf("library: %d problems, %d entries; want 2 and 4 (the broken entry left out)", l.Problems, l.Len())
	}
	ctx := context.Background()
	recs, _ := l.ByDOI(ctx, "10.1145/2988450.2988454")
	if len(recs) != 1 || recs[0].ID != "cheng2016wide" {
		t.Errorf("ByDOI: %v", recs)
	}
	recs, _ = l.ByArXiv(ctx, "1810.00001v2")
	if len(recs) != 1 || recs[0].ID != "tan2018mobius" {
		t.Errorf("ByArXiv: %v", recs)
	}
	// A look-alike is a candidate, for the report, and Judge refuses it.
	q := query(t, "Trojan attack on neural networks", "NDSS", 2018)
	recs, _ = l.Search(ctx, q)
	if len(recs) == 0 || recs[0].ID != "liu2018trojaning" {
		t.Fatalf("Search of a look-alike: %v", recs)
	}
	if v := Judge(q, recs[0].Entry, nil); v.Level != Refused {
		t.Errorf("look-alike accepted: %+v", v)
	}
	// A macro of the library is expanded in the record.
	recs, _ = l.Search(ctx, query(t, "Deep Interest Network for Click-Through Rate Prediction", "KDD", 2018))
	if len(recs) == 0 || !strings.HasPrefix(recs[0].Entry.Get("booktitle"), "Proceedings of the 24th") {
		t.Errorf("Search: %v", recs)
	}
	if recs, _ := l.Search(ctx, Query{Title: "Attention Is All You Need"}); len(recs) != 0 {
		t.Errorf("Search of an absent title found %d records", len(recs))
	}
}

func TestLibraryCrossref(t *testing.T) {
	f := bib.Parse("x.bib", []byte(`@inproceedings{a, title = {Some Paper Title Here}, crossref = {proc}, pages = {1--2}}
@proceedings{proc, booktitle = {KDD}, year = 2018, publisher = {ACM}}`))
	l := NewLibrary("library x.bib", f)
	recs, _ := l.Search(context.Background(), Query{Title: "Some Paper Title Here"})
	if len(recs) != 1 || recs[0].Entry.Get("booktitle") != "KDD" || recs[0].Entry.Get("year") != "2018" {
		t.Fatalf("crossref not inherited: %+v", recs)
	}
	if f.Entries[0].Has("booktitle") {
		t.Error("the library's entry was changed")
	}
}

func TestComplete(t *testing.T) {
	rec := entry("inproceedings", "r", "author", "Ann Author and\n   Bob Writer", "title", "T", "pages", "1059-1068",
		"volume", "3", "number", "4", "publisher", "{ACM}", "doi", "https://doi.org/10.1145/X.Y", "url", "https://example.org/p")
	t.Run("proceedings", func(t *testing.T) {
		e := entry("inproceedings", "k", "title", "T", "booktitle", "B", "year", "2018")
		added := Complete(e, Candidate{Record: &Record{Entry: rec}, Verdict: Verdict{Level: Same}})
		if diff := cmp.Diff([]string{"author", "pages", "publisher", "doi", "url"}, added); diff != "" {
			t.Errorf("added (-want +got):\n%s", diff)
		}
		if e.Get("author") != "Ann Author and Bob Writer" || e.Get("pages") != "1059--1068" || e.Get("doi") != "10.1145/X.Y" || e.Key != "k" {
			t.Errorf("entry: %+v", e.Fields)
		}
	})
	t.Run("article", func(t *testing.T) {
		e := entry("article", "k", "title", "T", "journal", "J", "year", "2018", "doi", "10.1/notes")
		added := Complete(e, Candidate{Record: &Record{Entry: rec}, Verdict: Verdict{Level: Same}})
		if diff := cmp.Diff([]string{"author", "volume", "number", "pages", "publisher", "url"}, added); diff != "" {
			t.Errorf("added (-want +got):\n%s", diff)
		}
		if e.Get("doi") != "10.1/notes" {
			t.Errorf("the notes' DOI was replaced: %s", e.Get("doi"))
		}
	})
	t.Run("other version", func(t *testing.T) {
		e := entry("inproceedings", "k", "title", "T", "booktitle", "B", "year", "2018")
		added := Complete(e, Candidate{Record: &Record{Entry: rec}, Verdict: Verdict{Level: OtherVersion}})
		if diff := cmp.Diff([]string{"author"}, added); diff != "" {
			t.Errorf("added (-want +got):\n%s", diff)
		}
	})
	t.Run("arXiv preprint gets its eprint", func(t *testing.T) {
		e := entry("misc", "k", "title", "T", "howpublished", "arXiv", "year", "2018")
		pre := entry("misc", "r", "author", "A", "title", "T", "eprint", "1708.05123", "archivePrefix", "arXiv")
		added := Complete(e, Candidate{Record: &Record{Entry: pre}, Verdict: Verdict{Level: Same}})
		if diff := cmp.Diff([]string{"author", "eprint"}, added); diff != "" {
			t.Errorf("added (-want +got):\n%s", diff)
		}
		if e.Has("howpublished") || e.Get("eprint") != "1708.05123" || e.Get("archivePrefix") != "arXiv" {
			t.Errorf("entry: %+v", e.Fields)
		}
	})
	t.Run("refused gives nothing", func(t *testing.T) {
		e := entry("misc", "k", "title", "T")
		if added := Complete(e, Candidate{Record: &Record{Entry: rec}}); added != nil || e.Has("author") {
			t.Errorf("a refused record completed the entry: %v", added)
		}
	})
	t.Run("unbalanced or undefined values are skipped", func(t *testing.T) {
		f := bib.Parse("x.bib", []byte(`@misc{r, author = {A} # nosuchmacro, title = {T}, doi = {10.1/x}}`))
		e := entry("misc", "k", "title", "T")
		added := Complete(e, Candidate{Record: &Record{Entry: f.Entries[0]}, Verdict: Verdict{Level: Same}})
		if diff := cmp.Diff([]string{"doi"}, added); diff != "" {
			t.Errorf("added (-want +got):\n%s", diff)
		}
	})
}

// fakeSource answers from fixed lists and counts its calls.
type fakeSource struct {
	name   string
	search []*Record
	byDOI  []*Record
	err    error
	detail func(*Record) (*Record, error)
	calls  atomic.Int32
}

func (f *fakeSource) Name() string { return f.name }
func (f *fakeSource) ByDOI(context.Context, string) ([]*Record, error) {
	f.calls.Add(1)
	return f.byDOI, f.err
}
func (f *fakeSource) ByArXiv(context.Context, string) ([]*Record, error) { return nil, nil }
func (f *fakeSource) Search(context.Context, Query) ([]*Record, error) {
	f.calls.Add(1)
	return f.search, f.err
}

type detailSource struct{ *fakeSource }

func (d detailSource) Detail(_ context.Context, r *Record) (*Record, error) { return d.detail(r) }

func TestResolver(t *testing.T) {
	din := "Deep Interest Network for Click-Through Rate Prediction"
	q := query(t, din, "KDD", 2018)
	same := &Record{Source: "b", ID: "same", Entry: entry("inproceedings", "s", "title", din, "booktitle", "KDD", "year", "2018", "author", "A")}
	preprint := &Record{Source: "a", ID: "pre", Entry: entry("misc", "p", "title", din, "eprint", "1706.06978", "year", "2017", "author", "A")}
	wrong := &Record{Source: "a", ID: "wrong", Entry: entry("inproceedings", "w", "title", "Deep Interest Evolution Network for Click-Through Rate Prediction", "booktitle", "AAAI", "year", "2019")}

	t.Run("another version waits for the same venue", func(t *testing.T) {
		a := &fakeSource{name: "a", search: []*Record{wrong, preprint}}
		b := &fakeSource{name: "b", search: []*Record{same}}
		c := &fakeSource{name: "c"}
		var progress []int
		r := &Resolver{Sources: []Source{a, b, c}, Progress: func(done, total int) { progress = append(progress, done, total) }}
		o := r.Resolve(context.Background(), []Query{q})[0]
		if o.Chosen == nil || o.Chosen.Record != same || o.Refused != 1 || o.Closest != nil {
			t.Errorf("outcome: %+v", o)
		}
		if c.calls.Load() != 0 {
			t.Error("a source after the one that resolved the paper was asked")
		}
		if diff := cmp.Diff([]int{1, 1}, progress); diff != "" {
			t.Errorf("progress (-want +got):\n%s", diff)
		}
	})
	t.Run("another version when nothing better", func(t *testing.T) {
		a := &fakeSource{name: "a", search: []*Record{preprint}}
		o := (&Resolver{Sources: []Source{a}}).Resolve(context.Background(), []Query{q})[0]
		if o.Chosen == nil || o.Chosen.Record != preprint || o.Chosen.Verdict.Level != OtherVersion {
			t.Errorf("outcome: %+v", o)
		}
	})
	t.Run("unresolved names the closest candidate and the errors", func(t *testing.T) {
		a := &fakeSource{name: "a", search: []*Record{wrong}}
		b := &fakeSource{name: "b", err: errors.New("unreachable")}
		o := (&Resolver{Sources: []Source{a, b}}).Resolve(context.Background(), []Query{q})[0]
		if o.Chosen != nil || o.Closest == nil || o.Closest.Record != wrong || o.Refused != 1 {
			t.Fatalf("outcome: %+v", o)
		}
		if len(o.Errors) != 1 || o.Errors[0].Error() != "b: unreachable" {
			t.Errorf("errors: %v", o.Errors)
		}
	})
	t.Run("DOI first", func(t *testing.T) {
		a := &fakeSource{name: "a", byDOI: []*Record{same}, search: []*Record{preprint}}
		qd := q
		qd.DOI = "10.1145/3219819.3219823"
		o := (&Resolver{Sources: []Source{a}}).Resolve(context.Background(), []Query{qd})[0]
		if o.Chosen == nil || o.Chosen.Record != same || a.calls.Load() != 1 {
			t.Errorf("outcome %+v after %d calls", o, a.calls.Load())
		}
	})
	t.Run("detail replaces the summary when it passes", func(t *testing.T) {
		full := &Record{Source: "d", ID: "same", Entry: entry("inproceedings", "s", "title", din, "booktitle", "KDD", "year", "2018", "author", "A", "publisher", "ACM")}
		d := detailSource{&fakeSource{name: "d", search: []*Record{same}, detail: func(*Record) (*Record, error) { return full, nil }}}
		o := (&Resolver{Sources: []Source{d}}).Resolve(context.Background(), []Query{q})[0]
		if o.Chosen == nil || o.Chosen.Record != full {
			t.Errorf("outcome: %+v", o)
		}
		bad := &Record{Source: "d", Entry: entry("inproceedings", "s", "title", "Something Else Entirely", "booktitle", "KDD", "year", "2018")}
		d.detail = func(*Record) (*Record, error) { return bad, nil }
		d2 := detailSource{d.fakeSource}
		o = (&Resolver{Sources: []Source{d2}}).Resolve(context.Background(), []Query{q})[0]
		if o.Chosen == nil || o.Chosen.Record != same {
			t.Errorf("a detail that fails Judge replaced the summary: %+v", o)
		}
		d.detail = func(*Record) (*Record, error) { return nil, errors.New("timeout") }
		o = (&Resolver{Sources: []Source{detailSource{d.fakeSource}}}).Resolve(context.Background(), []Query{q})[0]
		if o.Chosen == nil || o.Chosen.Record != same || len(o.Errors) != 1 {
			t.Errorf("a failed detail: %+v", o)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		a := &fakeSource{name: "a", search: []*Record{same}}
		o := (&Resolver{Sources: []Source{a}}).Resolve(ctx, []Query{q})[0]
		if o.Chosen != nil || len(o.Errors) != 1 || !errors.Is(o.Errors[0], context.Canceled) {
			t.Errorf("outcome: %+v", o)
		}
	})
}

func TestQueryFor(t *testing.T) {
	d := notes.Parse("n.md", []byte("## S\n### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Ali]\n- [pdf](https://doi.org/10.1145/3219819.3219823)\n"), notes.Options{})
	p := d.Papers[0]
	e := entry("inproceedings", "k", "year", "2018", "doi", "10.1145/3219819.3219823")
	q := QueryFor(p, e, nil)
	if q.Title != "Deep Interest Network for Click-Through Rate Prediction" || q.Abbrev != "DIN" || q.Year != 2018 ||
		q.VenueTag != "KDD" || q.Venue == nil || q.DOI != "10.1145/3219819.3219823" {
		t.Errorf("QueryFor = %+v", q)
	}
	if s := q.String(); s != "Deep Interest Network for Click-Through Rate Prediction (KDD 2018)" {
		t.Errorf("String = %q", s)
	}
}
