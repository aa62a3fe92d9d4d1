package online

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/bibgen"
	"github.com/paperlint/papers/resolve"
	"github.com/paperlint/papers/title"
	"github.com/paperlint/papers/venue"
)

// DBLPBase is the address of DBLP.
const DBLPBase = "https://dblp.org"

// DBLP asks the DBLP search API for publications by title
// (GET /search/publ/api?q=...&format=json, documented at
// https://dblp.org/faq/How+to+use+the+dblp+search+API.html) and fetches the
// BibTeX of an accepted hit (GET /rec/KEY.bib). DBLP has no lookup by DOI
// or arXiv identifier; its search finds both kinds of papers by title.
type DBLP struct {
	Client *Client
	// Base is the service's address; DBLPBase in real runs, an httptest
	// server's URL in tests.
	Base string
	// Hits is how many hits a search asks for; 0 means 10.
	Hits int
}

// Name implements resolve.Source.
func (d *DBLP) Name() string { return "dblp" }

// ByDOI implements resolve.Source: DBLP cannot look a DOI up.
func (d *DBLP) ByDOI(context.Context, string) ([]*resolve.Record, error) { return nil, nil }

// ByArXiv implements resolve.Source: DBLP cannot look an arXiv id up.
func (d *DBLP) ByArXiv(context.Context, string) ([]*resolve.Record, error) { return nil, nil }

// dblpAnswer is the part of the search API's JSON that is read.
type dblpAnswer struct {
	Result struct {
		Status struct {
			Code string `json:"@code"`
			Text string `json:"text"`
		} `json:"status"`
		Hits struct {
			Hit []struct {
				Info dblpInfo `json:"info"`
			} `json:"hit"`
		} `json:"hits"`
	} `json:"result"`
}

type dblpInfo struct {
	Authors struct {
		// One author is an object, several an array.
		Author oneOrMany[dblpAuthor] `json:"author"`
	} `json:"authors"`
	Title  string            `json:"title"`
	Venue  oneOrMany[string] `json:"venue"`
	Volume string            `json:"volume"`
	Number string            `json:"number"`
	Pages  string            `json:"pages"`
	Year   string            `json:"year"`
	Type   string            `json:"type"`
	Key    string            `json:"key"`
	DOI    string            `json:"doi"`
	EE     oneOrMany[string] `json:"ee"`
}

type dblpAuthor struct {
	Text string `json:"text"`
}

// oneOrMany reads a JSON value that is either one T or an array of them, as
// DBLP writes a field with one value or several.
type oneOrMany[T any] []T

// UnmarshalJSON implements json.Unmarshaler.
func (o *oneOrMany[T]) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		var many []T
		if err := json.Unmarshal(b, &many); err != nil {
			return err
		}
		*o = many
		return nil
	}
	var one T
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*o = oneOrMany[T]{one}
	return nil
}

// Search implements resolve.Source: the hits of the title's words.
func (d *DBLP) Search(ctx context.Context, q resolve.Query) ([]*resolve.Record, error) {
	// The normalised title's words: no punctuation, which the search
	// syntax reads as operators ("-" excludes a word, "|" is or).
	words := title.Normalize(q.Title)
	if words == "" {
		return nil, nil
	}
	h := d.Hits
	if h <= 0 {
		h = 10
	}
	v := url.Values{"q": {words}, "format": {"json"}, "h": {fmt.Sprint(h)}}
	u := strings.TrimRight(d.base(), "/") + "/search/publ/api?" + v.Encode()
	var a dblpAnswer
	if found, err := d.Client.getJSON(ctx, u, &a); !found || err != nil {
		return nil, err
	}
	if c := a.Result.Status.Code; c != "" && c != "200" {
		return nil, fmt.Errorf("%s: status %s %s", u, c, a.Result.Status.Text)
	}
	var out []*resolve.Record
	for _, hit := range a.Result.Hits.Hit {
		if e := hit.Info.entry(); e != nil {
			out = append(out, &resolve.Record{Source: d.Name(), ID: hit.Info.Key, Entry: e})
		}
	}
	return out, nil
}

func (d *DBLP) base() string {
	if d.Base == "" {
		return DBLPBase
	}
	return d.Base
}

// disambiguation is the number DBLP adds to homonymous authors' names
// ("Wei Wang 0001"); it is not part of the name.
var disambiguation = regexp.MustCompile(`\s+\d{4}$`)

// entry turns a search hit into a BibTeX entry, as DBLP's own export would
// type it: conference papers are @inproceedings, journal articles
// (CoRR's included) @article, the rest @misc.
func (i dblpInfo) entry() *bib.Entry {
	t := strings.TrimSuffix(strings.TrimSpace(i.Title), ".")
	if t == "" || i.Key == "" {
		return nil
	}
	ven := ""
	if len(i.Venue) > 0 {
		ven = i.Venue[0]
	}
	e := bib.NewEntry(venue.EntryMisc, "DBLP:"+i.Key)
	switch {
	case strings.HasPrefix(i.Type, "Conference"):
		e.Type = venue.EntryInProceedings
		setText(e, "booktitle", ven)
	case strings.HasPrefix(i.Type, "Journal") || ven == "CoRR":
		e.Type = venue.EntryArticle
		setText(e, "journal", ven)
	default:
		setText(e, "howpublished", ven)
	}
	var names []string
	for _, a := range i.Authors.Author {
		if n := disambiguation.ReplaceAllString(strings.TrimSpace(a.Text), ""); n != "" {
			names = append(names, bibgen.EscapeText(n))
		}
	}
	if len(names) > 0 {
		e.Set("author", strings.Join(names, " and "))
	}
	e.Set("title", bibgen.EscapeText(t))
	setText(e, "volume", i.Volume)
	setText(e, "number", i.Number)
	setText(e, "pages", i.Pages)
	setText(e, "year", i.Year)
	if i.DOI != "" {
		e.Set("doi", i.DOI)
	}
	if len(i.EE) > 0 && strings.HasPrefix(i.EE[0], "http") {
		e.Set("url", i.EE[0])
	}
	return e
}

// setText sets a field from plain text, unless the text is empty.
func setText(e *bib.Entry, name, text string) {
	if t := strings.TrimSpace(text); t != "" {
		e.Set(name, bibgen.EscapeText(t))
	}
}

// Detail implements resolve.Detailer: the record's BibTeX from DBLP, which
// has the publisher and the full booktitle the search hit lacks. A
// cross-referenced proceedings entry in the answer lends its fields.
func (d *DBLP) Detail(ctx context.Context, r *resolve.Record) (*resolve.Record, error) {
	if r.ID == "" {
		return nil, nil
	}
	segs := strings.Split(r.ID, "/")
	for k, s := range segs {
		segs[k] = url.PathEscape(s)
	}
	u := strings.TrimRight(d.base(), "/") + "/rec/" + strings.Join(segs, "/") + ".bib"
	body, err := d.Client.Get(ctx, u, "application/x-bibtex")
	if err != nil {
		return nil, err
	}
	f := bib.Parse(u, body)
	var main *bib.Entry
	for _, e := range f.Entries {
		if !e.Incomplete && strings.EqualFold(e.Key, "DBLP:"+r.ID) {
			main = e
			break
		}
	}
	if main == nil {
		return nil, fmt.Errorf("%s: no entry DBLP:%s in the answer", u, r.ID)
	}
	if cr := main.Get("crossref"); cr != "" {
		if p := f.Entry(cr); p != nil && p != main {
			for _, fld := range p.Fields {
				if !main.Has(fld.Name) {
					main.Fields = append(main.Fields, fld)
				}
			}
		}
	}
	return &resolve.Record{Source: d.Name(), ID: r.ID, Entry: main}, nil
}
