package online

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/bibgen"
	"github.com/paperlint/papers/resolve"
	"github.com/paperlint/papers/venue"
)

// CrossrefBase is the address of the Crossref REST API.
const CrossrefBase = "https://api.crossref.org"

// Crossref asks the Crossref REST API for works by DOI (GET /works/DOI) and
// by bibliographic query (GET /works?query.bibliographic=...), both
// documented at https://api.crossref.org/swagger-ui/index.html and
// https://github.com/CrossRef/rest-api-doc. It knows the DOIs that
// publishers register with Crossref; arXiv's DOIs are DataCite's, so it has
// no arXiv lookup.
type Crossref struct {
	Client *Client
	// Base is the API's address; CrossrefBase in real runs.
	Base string
	// Rows is how many works a query asks for; 0 means 5.
	Rows int
	// Mailto, when set, is the user's e-mail address, sent as the mailto
	// parameter of each request: Crossref serves such requests from its
	// "polite pool", which it keeps more reliable, and can write to the
	// user rather than block a misbehaving client
	// (https://github.com/CrossRef/rest-api-doc#etiquette). It is no part
	// of the cache key.
	Mailto string
}

// getJSON asks Crossref for u, with the mailto parameter when there is one.
func (c *Crossref) getJSON(ctx context.Context, u string, v any) (bool, error) {
	send := u
	if c.Mailto != "" {
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		send = u + sep + url.Values{"mailto": {c.Mailto}}.Encode()
	}
	return c.Client.getJSONSending(ctx, u, send, v)
}

// Name implements resolve.Source.
func (c *Crossref) Name() string { return "crossref" }

// ByArXiv implements resolve.Source: Crossref has no arXiv lookup.
func (c *Crossref) ByArXiv(context.Context, string) ([]*resolve.Record, error) { return nil, nil }

// crossrefWork is the part of a work's JSON that is read.
type crossrefWork struct {
	DOI            string   `json:"DOI"`
	URL            string   `json:"URL"`
	Type           string   `json:"type"`
	Title          []string `json:"title"`
	ContainerTitle []string `json:"container-title"`
	Publisher      string   `json:"publisher"`
	Volume         string   `json:"volume"`
	Issue          string   `json:"issue"`
	Page           string   `json:"page"`
	Author         []struct {
		Given  string `json:"given"`
		Family string `json:"family"`
		Name   string `json:"name"` // an organisation
	} `json:"author"`
	Issued         crossrefDate `json:"issued"`
	PublishedPrint crossrefDate `json:"published-print"`
}

type crossrefDate struct {
	DateParts [][]*int `json:"date-parts"`
}

func (d crossrefDate) year() int {
	if len(d.DateParts) > 0 && len(d.DateParts[0]) > 0 && d.DateParts[0][0] != nil {
		return *d.DateParts[0][0]
	}
	return 0
}

// ByDOI implements resolve.Source.
func (c *Crossref) ByDOI(ctx context.Context, doi string) ([]*resolve.Record, error) {
	u := c.base() + "/works/" + url.PathEscape(doi)
	var a struct {
		Status  string       `json:"status"`
		Message crossrefWork `json:"message"`
	}
	if found, err := c.getJSON(ctx, u, &a); !found || err != nil {
		return nil, err
	}
	if a.Status != "ok" {
		return nil, fmt.Errorf("%s: status %q", u, a.Status)
	}
	if e := a.Message.entry(); e != nil {
		return []*resolve.Record{{Source: c.Name(), ID: strings.ToLower(a.Message.DOI), Entry: e}}, nil
	}
	return nil, nil
}

// Search implements resolve.Source: the works a bibliographic query of the
// title finds.
func (c *Crossref) Search(ctx context.Context, q resolve.Query) ([]*resolve.Record, error) {
	if strings.TrimSpace(q.Title) == "" {
		return nil, nil
	}
	rows := c.Rows
	if rows <= 0 {
		rows = 5
	}
	v := url.Values{"query.bibliographic": {q.Title}, "rows": {strconv.Itoa(rows)}}
	u := c.base() + "/works?" + v.Encode()
	var a struct {
		Status  string `json:"status"`
		Message struct {
			Items []crossrefWork `json:"items"`
		} `json:"message"`
	}
	if found, err := c.getJSON(ctx, u, &a); !found || err != nil {
		return nil, err
	}
	if a.Status != "ok" {
		return nil, fmt.Errorf("%s: status %q", u, a.Status)
	}
	var out []*resolve.Record
	for _, w := range a.Message.Items {
		if e := w.entry(); e != nil {
			out = append(out, &resolve.Record{Source: c.Name(), ID: strings.ToLower(w.DOI), Entry: e})
		}
	}
	return out, nil
}

func (c *Crossref) base() string {
	if c.Base == "" {
		return CrossrefBase
	}
	return strings.TrimRight(c.Base, "/")
}

// markup is the JATS or HTML markup Crossref titles may hold (<i>, <sub>).
var markup = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)

// plain turns a Crossref string into plain text: markup dropped, entities
// decoded, white space collapsed.
func plain(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(markup.ReplaceAllString(s, ""))), " ")
}

// entry turns a work into a BibTeX entry: proceedings articles are
// @inproceedings, journal articles @article, the rest @misc.
func (w crossrefWork) entry() *bib.Entry {
	if len(w.Title) == 0 || plain(w.Title[0]) == "" {
		return nil
	}
	e := bib.NewEntry(venue.EntryMisc, w.DOI)
	container := ""
	if len(w.ContainerTitle) > 0 {
		container = plain(w.ContainerTitle[0])
	}
	switch w.Type {
	case "proceedings-article":
		e.Type = venue.EntryInProceedings
		setText(e, "booktitle", container)
	case "journal-article":
		e.Type = venue.EntryArticle
		setText(e, "journal", container)
	default:
		setText(e, "howpublished", container)
	}
	var names []string
	for _, a := range w.Author {
		switch {
		case a.Family != "" && a.Given != "":
			names = append(names, bibgen.EscapeText(plain(a.Family)+", "+plain(a.Given)))
		case a.Family != "":
			names = append(names, bibgen.EscapeText(plain(a.Family)))
		case a.Name != "":
			// An organisation: braced, so that styles do not read its
			// last word as a surname.
			names = append(names, "{"+bibgen.EscapeText(plain(a.Name))+"}")
		}
	}
	if len(names) > 0 {
		e.Set("author", strings.Join(names, " and "))
	}
	e.Set("title", bibgen.EscapeText(plain(w.Title[0])))
	y := w.Issued.year()
	if y == 0 {
		y = w.PublishedPrint.year()
	}
	if y != 0 {
		e.Set("year", strconv.Itoa(y))
	}
	setText(e, "volume", plain(w.Volume))
	setText(e, "number", plain(w.Issue))
	setText(e, "pages", plain(w.Page))
	setText(e, "publisher", plain(w.Publisher))
	if w.DOI != "" {
		e.Set("doi", w.DOI)
	}
	if strings.HasPrefix(w.URL, "http") {
		e.Set("url", w.URL)
	}
	return e
}
