package online

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/bibgen"
	"github.com/paperlint/papers/resolve"
	"github.com/paperlint/papers/venue"
)

// ArXivBase is the address of the arXiv API's query method.
const ArXivBase = "https://export.arxiv.org/api/query"

// ArXiv asks the arXiv API for a preprint by identifier
// (GET /api/query?id_list=ID) and by title
// (GET /api/query?search_query=ti:"WORDS"), both answered with an Atom feed
// documented at https://info.arxiv.org/help/api/user-manual.html (section
// 5.1 for the query, 5.2 for the feed; appendix "Details of Query
// Construction" for the ti: prefix and quoted phrases). arXiv asks for no
// more than one request every three seconds.
type ArXiv struct {
	Client *Client
	// Base is the query method's address; ArXivBase in real runs.
	Base string
	// Results is how many entries a title search asks for; 0 means 5.
	Results int
}

// Name implements resolve.Source.
func (a *ArXiv) Name() string { return "arxiv" }

// PreprintsOnly implements resolve.PreprintServer: arXiv holds preprints,
// so it is not asked for the published version of one.
func (a *ArXiv) PreprintsOnly() bool { return true }

// ByDOI implements resolve.Source: arXiv is asked by identifier and title
// only.
func (a *ArXiv) ByDOI(context.Context, string) ([]*resolve.Record, error) { return nil, nil }

// Search implements resolve.Source: the preprints whose title holds the
// notes' title as a phrase. The phrase is made of the title's words only
// (letters and digits), since the search treats punctuation, colons and
// quotes as query syntax; Judge then compares the whole titles.
func (a *ArXiv) Search(ctx context.Context, q resolve.Query) ([]*resolve.Record, error) {
	phrase := strings.Join(strings.FieldsFunc(q.Title, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
	if phrase == "" {
		return nil, nil
	}
	n := a.Results
	if n <= 0 {
		n = 5
	}
	u := a.base() + "?" + url.Values{"search_query": {`ti:"` + phrase + `"`}, "max_results": {strconv.Itoa(n)}}.Encode()
	return a.query(ctx, u, "")
}

func (a *ArXiv) base() string {
	if a.Base == "" {
		return ArXivBase
	}
	return a.Base
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
	u := a.base() + "?" + url.Values{"id_list": {id}, "max_results": {"1"}}.Encode()
	return a.query(ctx, u, id)
}

// query fetches a feed and turns its entries into records. id is the
// identifier asked for, or "" for a search, whose entries name their own.
func (a *ArXiv) query(ctx context.Context, u, id string) ([]*resolve.Record, error) {
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
		eid := id
		if eid == "" {
			eid = idOf(en.ID)
		}
		if eid == "" {
			continue
		}
		if e := en.entry(eid); e != nil {
			out = append(out, &resolve.Record{Source: a.Name(), ID: eid, Entry: e})
		}
	}
	return out, nil
}

// idOf reads the identifier, without its version, from an entry's id
// ("http://arxiv.org/abs/1708.05123v1" is 1708.05123, and
// "http://arxiv.org/abs/hep-th/9901001v2" hep-th/9901001).
func idOf(entryID string) string {
	_, rest, ok := strings.Cut(entryID, "/abs/")
	if !ok {
		return ""
	}
	if i := strings.LastIndexByte(rest, 'v'); i > 0 && i < len(rest)-1 && strings.Trim(rest[i+1:], "0123456789") == "" {
		rest = rest[:i]
	}
	return rest
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
