package resolve

import (
	"context"
	"strings"
	"testing"

	"github.com/paperlint/papers/bib"
)

func TestCitesPreprint(t *testing.T) {
	tests := []struct {
		e    *bib.Entry
		want bool
	}{
		{entry("article", "a", "title", "T", "journal", "arXiv preprint arXiv:1810.00001"), true},
		{entry("article", "a", "title", "T", "journal", "CoRR", "volume", "abs/1810.00001"), true},
		{entry("misc", "a", "title", "T", "eprint", "1810.00001", "archivePrefix", "arXiv"), true},
		{entry("misc", "a", "title", "T", "url", "https://arxiv.org/abs/1810.00001"), true},
		{entry("inproceedings", "a", "title", "T", "booktitle", "Advances in Neural Information Processing Systems", "url", "https://arxiv.org/abs/1810.00001"), false},
		{entry("article", "a", "title", "T", "journal", "IEEE Transactions on Image Processing"), false},
		{entry("misc", "a", "title", "T"), false},
	}
	for _, tt := range tests {
		if got := CitesPreprint(tt.e, nil); got != tt.want {
			b, _, _ := bib.FormatEntry(tt.e, bib.WriteOptions{})
			t.Errorf("CitesPreprint(%s) = %v, want %v", b, got, tt.want)
		}
	}
}

// preprintLibrary holds the arXiv version and the published version of
// Möbius (NeurIPS 2019), and a look-alike title at NeurIPS.
const preprintLibrary = `@misc{tan2018arxiv,
  title = {M{\"o}bius Transformation for Fast Inner Product Search on Graph},
  author = {Zhen Tan}, year = {2019}, eprint = {1810.00001}, archivePrefix = {arXiv},
}
@inproceedings{DBLP:conf/nips/ZhouTXL19,
  author    = {Zhixin Zhou and Shulong Tan and Zhaozhuo Xu and Ping Li},
  title     = {M{\"{o}}bius Transformation for Fast Inner Product Search on Graph},
  booktitle = {Advances in Neural Information Processing Systems 32: Annual Conference on Neural Information Processing Systems 2019, NeurIPS 2019},
  pages     = {8216-8227},
  year      = {2019},
  timestamp = {Fri, 06 Mar 2020 16:59:11 +0100},
  biburl    = {https://dblp.org/rec/conf/nips/ZhouTXL19.bib},
}
@inproceedings{other,
  title = {Graph Transformation for Fast Inner Product Search on Trees},
  booktitle = {NeurIPS}, year = {2019},
}
`

func TestPublished(t *testing.T) {
	lib := NewLibrary("library lib.bib", bib.Parse("lib.bib", []byte(preprintLibrary)))
	r := &Resolver{Sources: []Source{lib}}
	mobius := "Möbius Transformation for Fast Inner Product Search on Graph"
	qs := []Query{
		// The notes say arXiv: any published version will do.
		PublishedQuery(query(t, mobius, "arXiv", 2018)),
		// The notes say NeurIPS'19.
		PublishedQuery(query(t, mobius, "NeurIPS", 2019)),
		// The notes say ICML'19: the NeurIPS paper is refused.
		PublishedQuery(query(t, mobius, "ICML", 2019)),
		// Two years off: refused.
		PublishedQuery(query(t, mobius, "arXiv", 2017)),
	}
	outs := r.Published(context.Background(), qs)
	for i, want := range []string{"DBLP:conf/nips/ZhouTXL19", "DBLP:conf/nips/ZhouTXL19", "", ""} {
		o := outs[i]
		switch {
		case want == "" && o.Chosen != nil:
			t.Errorf("query %d: chose %s, want none", i, o.Chosen.Record.ID)
		case want != "" && (o.Chosen == nil || o.Chosen.Record.ID != want):
			t.Errorf("query %d: chose %+v, want %s", i, o.Chosen, want)
		}
	}
	if c := outs[2].Closest; c == nil || !strings.Contains(c.Verdict.Why, "the notes say ICML") {
		t.Errorf("ICML: closest %+v", c)
	}
	// Without PublishedQuery, Resolve (papers bib) takes the preprint for
	// notes that say arXiv: that is the version they cite.
	if o := r.Resolve(context.Background(), []Query{query(t, mobius, "arXiv", 2018)})[0]; o.Chosen == nil || o.Chosen.Record.ID != "tan2018arxiv" {
		t.Errorf("Resolve of the arXiv notes chose %+v, want the preprint", o.Chosen)
	}
}

// preprintSource holds preprints only and fails every lookup, so that a
// test sees whether it was asked.
type preprintSource struct{ asked *int }

func (preprintSource) Name() string        { return "preprints" }
func (preprintSource) PreprintsOnly() bool { return true }
func (p preprintSource) ByDOI(context.Context, string) ([]*Record, error) {
	*p.asked++
	return nil, nil
}
func (p preprintSource) ByArXiv(context.Context, string) ([]*Record, error) {
	*p.asked++
	return nil, nil
}
func (p preprintSource) Search(context.Context, Query) ([]*Record, error) {
	*p.asked++
	return nil, nil
}

func TestPublishedSkipsPreprintServers(t *testing.T) {
	asked := 0
	r := &Resolver{Sources: []Source{preprintSource{&asked}}}
	q := query(t, "Möbius Transformation for Fast Inner Product Search on Graph", "NeurIPS", 2019)
	q.ArXiv = "1810.00001"
	r.Published(context.Background(), []Query{q})
	if asked != 0 {
		t.Errorf("Published asked a preprint server %d times", asked)
	}
	r.Resolve(context.Background(), []Query{q})
	if asked == 0 {
		t.Error("Resolve did not ask it")
	}
}

func TestPublishedQuery(t *testing.T) {
	q := query(t, "T", "arXiv", 2019)
	q.DOI = "10.48550/arXiv.1810.00001"
	p := PublishedQuery(q)
	if p.VenueTag != "" || p.Venue != nil || p.DOI != "" {
		t.Errorf("PublishedQuery(arXiv) = %+v", p)
	}
	q = query(t, "T", "NeurIPS", 2019)
	q.DOI = "10.1145/x"
	if p := PublishedQuery(q); p.VenueTag != "NeurIPS" || p.DOI != "10.1145/x" {
		t.Errorf("PublishedQuery(NeurIPS) = %+v", p)
	}
}

func TestReplacement(t *testing.T) {
	lib := NewLibrary("library lib.bib", bib.Parse("lib.bib", []byte(preprintLibrary)))
	recs, _ := lib.Search(context.Background(), Query{Title: "Möbius Transformation for Fast Inner Product Search on Graph"})
	var rec *Record
	for _, r := range recs {
		if r.ID == "DBLP:conf/nips/ZhouTXL19" {
			rec = r
		}
	}
	if rec == nil {
		t.Fatal("no record")
	}
	old := bib.Parse("refs.bib", []byte(`@misc{tan2019mobius, title = {Mobius}, journal = {arXiv preprint arXiv:1810.00001}, year = 2018, keywords = {graph, search}, abstract = {We ...}}`)).Entries[0]
	got := Replacement(old, rec)
	text, _, err := bib.FormatEntry(got, bib.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := `@inproceedings{tan2019mobius,
  author    = {Zhixin Zhou and Shulong Tan and Zhaozhuo Xu and Ping Li},
  title     = {M{\"{o}}bius Transformation for Fast Inner Product Search on Graph},
  booktitle = {Advances in Neural Information Processing Systems 32: Annual Conference on Neural Information Processing Systems 2019, NeurIPS 2019},
  year      = {2019},
  pages     = {8216--8227},
  abstract  = {We ...},
  keywords  = {graph, search}
}
`
	if text != want {
		t.Errorf("Replacement:\n%s\nwant:\n%s", text, want)
	}
	if Replacement(old, &Record{Entry: entry("misc", "x", "title", "T")}) != nil {
		t.Error("a record without year makes a replacement")
	}
}
