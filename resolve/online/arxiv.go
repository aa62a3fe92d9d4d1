package online

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/bibgen"
	"github.com/paperlint/papers/resolve"
	"github.com/paperlint/papers/venue"
)

// ArXivBase is the address of the arXiv API's query method.
const ArXivBase = "https://export.arxiv.org/api/query"

// ArXiv asks the arXiv API for a preprint by identifier
// (GET /api/query?id_list=ID), which answers with an Atom feed documented at
// https://info.arxiv.org/help/api/user-manual.html. arXiv asks for no more
// than one request every three seconds.
type ArXiv struct {
	Client *Client
	// Base is the query method's address; ArXivBase in real runs.
	Base string
}

// Name implements resolve.Source.
func (a *ArXiv) Name() string { return "arxiv" }

// ByDOI implements resolve.Source: arXiv is asked by identifier only.
func (a *ArXiv) ByDOI(context.Context, string) ([]*resolve.Record, error) { return nil, nil }

// Search implements resolve.Source: arXiv is asked by identifier only; its
// search would add a slow source (one request every three seconds) that
// DBLP, which lists CoRR, already covers.
func (a *ArXiv) Search(context.Context, resolve.Query) ([]*resolve.Record, error) {
	return nil, nil
}

// atomFeed is the part of the API's Atom feed that is read.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Entries []atomEntry `xml:"http://www.w3.org/2005/Atom entry"`
}

type atomEntry struct {
	ID        string `xml:"http://www.w3.org/2005/Atom id"`
	Title     string `xml:"http://www.w3.org/2005/Atom title"`
	Published string `xml:"http://www.w3.org/2005/Atom published"`
	Authors   []struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	} `xml:"http://www.w3.org/2005/Atom author"`
	DOI     string `xml:"http://arxiv.org/schemas/atom doi"`
	Primary struct {
		Term string `xml:"term,attr"`
	} `xml:"http://arxiv.org/schemas/atom primary_category"`
}

// ByArXiv implements resolve.Source.
func (a *ArXiv) ByArXiv(ctx context.Context, id string) ([]*resolve.Record, error) {
	base := a.Base
	if base == "" {
		base = ArXivBase
	}
	u := base + "?" + url.Values{"id_list": {id}, "max_results": {"1"}}.Encode()
	body, found, err := a.Client.getFound(ctx, u, "application/atom+xml")
	if !found || err != nil {
		return nil, err
	}
	var f atomFeed
	if err := xml.NewDecoder(bytes.NewReader(body)).Decode(&f); err != nil {
		// When throttling, arXiv answers 200 with a plain-text body.
		return nil, fmt.Errorf("%s: unreadable answer: %w", u, err)
	}
	var out []*resolve.Record
	for _, en := range f.Entries {
		// An unknown or malformed identifier gives one entry titled
		// "Error" whose id points into the API's error pages.
		if strings.Contains(en.ID, "/api/errors") {
			return nil, nil
		}
		if e := en.entry(id); e != nil {
			out = append(out, &resolve.Record{Source: a.Name(), ID: id, Entry: e})
		}
	}
	return out, nil
}

// entry turns a feed entry into a @misc entry with eprint and
// archivePrefix, as arXiv's own BibTeX export writes it.
func (en atomEntry) entry(id string) *bib.Entry {
	t := strings.Join(strings.Fields(en.Title), " ")
	if t == "" {
		return nil
	}
	e := bib.NewEntry(venue.EntryMisc, "arXiv:"+id)
	var names []string
	for _, au := range en.Authors {
		if n := strings.Join(strings.Fields(au.Name), " "); n != "" {
			names = append(names, bibgen.EscapeText(n))
		}
	}
	if len(names) > 0 {
		e.Set("author", strings.Join(names, " and "))
	}
	e.Set("title", bibgen.EscapeText(t))
	if len(en.Published) >= 4 {
		e.Set("year", en.Published[:4])
	}
	e.Set("archivePrefix", "arXiv")
	e.Set("eprint", id)
	if en.Primary.Term != "" {
		e.Set("primaryClass", en.Primary.Term)
	}
	e.Set("doi", "10.48550/arXiv."+id)
	e.Set("url", "https://arxiv.org/abs/"+id)
	return e
}
