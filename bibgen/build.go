package bibgen

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/internal/ident"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// Field names of built entries that are not standard BibTeX fields. BibTeX
// styles ignore fields they do not know, so these carry what the notes know
// without showing up in the bibliography.
const (
	// FieldOrg holds the organisation tags, comma-separated. Not
	// "organization": styles print that one, as the sponsor of a conference.
	FieldOrg = "affiliation"
	// FieldSection holds the notes' section (topic) of the paper.
	FieldSection = "keywords"
)

// Build returns the entry for a paper the companion .bib lacks, under key:
//
//   - the type from the venue registry: @inproceedings with the year-free
//     booktitle, @article with the journal; an arXiv paper is @misc with
//     eprint and archivePrefix when a link of the entry names its arXiv id,
//     else with howpublished = {arXiv}; an unknown venue or a paper without
//     venue tag is @misc with howpublished naming the venue as written;
//   - title: the title with acronyms and CamelCase words protected (see
//     ProtectTitle), and the abbreviation kept in braces: "Deep Interest
//     Network for Click-Through Rate Prediction ({DIN})";
//   - year: the four-digit year of the venue tag;
//   - key: a sort key, the abbreviation or else the title, because styles
//     sort an entry without author by its key field and warn without one;
//   - affiliation: the organisation tags; keywords: the section;
//   - doi, when a link of the entry names one (see DOI).
//
// The entry has no author: the notes do not name them.
func Build(d *notes.Document, p *notes.Paper, key string, reg *venue.Registry) *bib.Entry {
	year := yearOf(p)
	e := bib.NewEntry(venue.EntryMisc, key)
	var v *venue.Venue
	if p.Venue != nil && reg != nil {
		v, _ = reg.Lookup(p.Venue.Name)
	}
	switch {
	case v != nil:
		// Without a year, cite the venue in its current form: EntryFor(0)
		// would pick a form that ended long ago (POPL before PACMPL).
		formYear := year
		if formYear == 0 {
			formYear = math.MaxInt32
		}
		typ, booktitle, journal := v.EntryFor(formYear)
		switch {
		case v.Kind == venue.Preprint || typ == venue.EntryMisc:
			if strings.EqualFold(v.Tag, "arXiv") {
				if id := ArXivID(d, p); id != "" {
					e.Set("archivePrefix", "arXiv")
					e.Set("eprint", id)
				} else {
					e.Set("howpublished", "arXiv")
				}
			} else {
				e.Set("howpublished", EscapeText(firstOf(journal, booktitle, v.Tag)))
			}
		case typ == venue.EntryArticle:
			e.Type = venue.EntryArticle
			e.Set("journal", EscapeText(firstOf(journal, v.Tag)))
		default:
			e.Type = typ
			e.Set("booktitle", EscapeText(firstOf(booktitle, v.Tag)))
		}
	case p.Venue != nil && strings.TrimSpace(p.Venue.Name) != "":
		e.Set("howpublished", EscapeText(p.Venue.Name))
	}
	e.Set("title", titleOf(p))
	if year > 0 {
		e.Set("year", strconv.Itoa(year))
	}
	if strings.TrimSpace(p.Abbrev) != "" {
		e.Set("key", EscapeText(p.Abbrev))
	} else {
		e.Set("key", EscapeText(p.Title))
	}
	var orgs []string
	for _, o := range p.Orgs {
		if n := strings.TrimSpace(o.Name); n != "" {
			orgs = append(orgs, EscapeText(n))
		}
	}
	if len(orgs) > 0 {
		e.Set(FieldOrg, strings.Join(orgs, ", "))
	}
	if p.Section != nil && strings.TrimSpace(p.Section.Title) != "" {
		e.Set(FieldSection, EscapeText(p.Section.Title))
	}
	if doi := DOI(d, p); doi != "" && !strings.ContainsAny(doi, "{}") {
		e.Set("doi", doi)
	}
	return e
}

// titleOf is the protected title with the abbreviation after it in braces.
func titleOf(p *notes.Paper) string {
	t := ProtectTitle(p.Title)
	a := strings.TrimSpace(p.Abbrev)
	if a == "" {
		return t
	}
	ab := EscapeText(a)
	if !strings.HasPrefix(ab, "{") {
		ab = "{" + ab + "}"
	}
	if t == "" {
		return ab
	}
	return t + " (" + ab + ")"
}

func firstOf(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// ArXivID returns the arXiv identifier (as written, version dropped) named
// by a link of the paper's own line (an arxiv.org abs, pdf or html page or
// an arXiv DOI, as ident.ArXivFromURL reads links for the lint rules too),
// else the one identifier the links of its notes agree on; "" when there is
// none. Links in the notes may cite other papers, so two different
// identifiers there name none. Bare URLs count as links, as GitHub renders
// them so.
func ArXivID(d *notes.Document, p *notes.Paper) string {
	return fromLinks(d, p, ident.ArXivFromURL)
}

// DOI returns the DOI named by a link of the paper (a doi.org URL, or
// "doi:" and a DOI, as ident.DOI reads them), chosen as ArXivID chooses, in
// lower case; "" when there is none.
func DOI(d *notes.Document, p *notes.Paper) string {
	return fromLinks(d, p, ident.DOI)
}

// bareURL finds URLs written as plain text, which GitHub links too.
var bareURL = regexp.MustCompile(`https?://[^\s<>()\[\]"'` + "`" + `]+`)

// fromLinks applies read to the URLs of the entry line first, then to those
// of its notes, and returns the first value of the line or the only value of
// the notes. URLs are the destinations of Markdown links and autolinks and,
// when d is given, bare URLs in the text.
func fromLinks(d *notes.Document, p *notes.Paper, read func(string) string) string {
	var line, rest []string
	for _, l := range p.Links {
		if p.Span.Contains(l.Span.Start) {
			line = append(line, l.URL)
		} else {
			rest = append(rest, l.URL)
		}
	}
	if d != nil {
		text := func(sp notes.Span) string {
			if sp.Start < 0 || sp.End > len(d.Src) || sp.Start > sp.End {
				return ""
			}
			return string(d.Src[sp.Start:sp.End])
		}
		line = append(line, bareURL.FindAllString(text(p.Span), -1)...)
		for _, n := range p.Notes {
			rest = append(rest, bareURL.FindAllString(text(n), -1)...)
		}
	}
	for _, u := range line {
		if v := read(trimURL(u)); v != "" {
			return v
		}
	}
	found := ""
	for _, u := range rest {
		v := read(trimURL(u))
		switch {
		case v == "" || v == found:
		case found == "":
			found = v
		default:
			return ""
		}
	}
	return found
}

// trimURL drops punctuation that ends a sentence rather than the URL.
func trimURL(u string) string {
	return strings.TrimRight(u, ".,;:!?，。；：")
}
