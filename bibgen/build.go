package bibgen

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/internal/ident"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/org"
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
//   - title: the paper's title with acronyms, CamelCase words and capitalised
//     words that do not start a sentence protected (see ProtectTitle); the
//     notes' abbreviation is not part of the title and goes to shorttitle
//     ("{DIN}"), which biblatex styles print in citations and BibTeX styles
//     ignore;
//   - year: the four-digit year of the venue tag, else of the arXiv id of a
//     link of the entry (2312.17117 is 2023), else of a section named by a
//     year;
//   - key: a sort key, the abbreviation or else the title, because styles
//     sort an entry without author by its key field and warn without one;
//   - affiliation: the organisation tags, in their canonical spelling when
//     orgs knows them (google is Google); keywords: the section;
//   - doi, when a link of the entry names one (see DOI).
//
// The entry has no author: the notes do not name them.
func Build(d *notes.Document, p *notes.Paper, key string, reg *venue.Registry, orgs *org.Registry) *bib.Entry {
	year := yearOf(d, p)
	e := bib.NewEntry(venue.EntryMisc, key)
	v := lookupVenue(p, reg)
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
	case p.VenueOrText() != nil && strings.TrimSpace(p.VenueOrText().Name) != "":
		e.Set("howpublished", EscapeText(venueName(p)))
	}
	e.Set("title", titleOf(p))
	if a := strings.TrimSpace(p.Abbrev); a != "" && strings.TrimSpace(p.Title) != "" {
		e.Set("shorttitle", braced(EscapeText(a)))
	}
	if year > 0 {
		e.Set("year", strconv.Itoa(year))
	}
	if strings.TrimSpace(p.Abbrev) != "" {
		e.Set("key", EscapeText(p.Abbrev))
	} else {
		e.Set("key", EscapeText(p.Title))
	}
	var names []string
	for _, o := range p.Orgs {
		n := strings.TrimSpace(o.Name)
		if n == "" {
			continue
		}
		if orgs != nil {
			if c, _, ok := orgs.Canonical(n); ok {
				n = c
			}
		}
		names = append(names, EscapeText(n))
	}
	if len(names) > 0 {
		e.Set(FieldOrg, strings.Join(names, ", "))
	}
	if p.Section != nil {
		if t := sectionText(p.Section.Title); t != "" {
			e.Set(FieldSection, EscapeText(t))
		}
	}
	if doi := DOI(d, p); doi != "" && !strings.ContainsAny(doi, "{}") {
		e.Set("doi", doi)
	}
	return e
}

// titleOf is the protected title; an entry with an abbreviation only
// (`(DIN)[KDD'18]`) is titled by it.
func titleOf(p *notes.Paper) string {
	if t := ProtectTitle(p.Title); strings.TrimSpace(t) != "" {
		return t
	}
	if a := strings.TrimSpace(p.Abbrev); a != "" {
		return braced(EscapeText(a))
	}
	return ""
}

// braced wraps s in braces, so that styles keep its case, unless it is
// braced already.
func braced(s string) string {
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
		return s
	}
	return "{" + s + "}"
}

// venueName is the venue tag as written, without a trailing four-digit year
// (`[EuroS&PW 2023'23]` names EuroS&PW).
func venueName(p *notes.Paper) string {
	if p.VenueOrText() == nil {
		return ""
	}
	n := strings.TrimSpace(p.VenueOrText().Name)
	if m := trailingYear.FindStringIndex(n); m != nil && m[0] > 0 {
		return strings.TrimSpace(n[:m[0]])
	}
	return n
}

// trailingYear is a year written after a venue's name.
var trailingYear = regexp.MustCompile(`[\s'’]*(?:19|20)\d\d$`)

// lookupVenue resolves the paper's venue tag, with a trailing year dropped
// when the tag as written is unknown; nil when reg does not know it.
func lookupVenue(p *notes.Paper, reg *venue.Registry) *venue.Venue {
	if p.VenueOrText() == nil || reg == nil {
		return nil
	}
	if v, ok := reg.Lookup(p.VenueOrText().Name); ok {
		return v
	}
	if v, ok := reg.Lookup(venueName(p)); ok {
		return v
	}
	return nil
}

// htmlTag is an HTML tag in a heading (`<h3 id="x">Fully Supervised</h3>`,
// `<a name="top"></a>`).
var htmlTag = regexp.MustCompile(`</?[A-Za-z][^<>]*>`)

// sectionText is a section title as text: HTML tags and emphasis marks
// dropped (`**<a name="2024">2024</a>**` is 2024), white space collapsed.
func sectionText(t string) string {
	t = htmlTag.ReplaceAllString(t, "")
	t = strings.NewReplacer("**", "", "__", "").Replace(t)
	t = strings.Trim(strings.TrimSpace(t), "*_")
	return strings.Join(strings.Fields(t), " ")
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
