package resolve

import (
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/internal/ident"
	"github.com/paperlint/papers/match"
	"github.com/paperlint/papers/venue"
)

// fieldsFor lists, per entry type, the fields a record of the same venue
// gives a built entry. Volume and number are a journal's: in proceedings
// they name a book series that the built entry does not carry, and the
// plain style warns about a number without a series. A @misc entry (a
// preprint, a venue the registry does not know) takes no pages or
// publisher, which would be another version's.
var fieldsFor = map[string][]string{
	venue.EntryArticle:       {"author", "volume", "number", "pages", "publisher", "doi", "url"},
	venue.EntryInProceedings: {"author", "pages", "publisher", "doi", "url"},
	venue.EntryMisc:          {"author", "doi", "url"},
}

// Complete adds to the built entry e the fields of the accepted candidate c
// that e lacks, and returns their names in the order added. A record of
// another version (Level OtherVersion) gives the authors only. A preprint
// entry written howpublished = {arXiv} gets the record's arXiv identifier
// as eprint instead. The key, type, title, venue and year of e are never
// changed: they are what the notes say.
func Complete(e *bib.Entry, c Candidate) []string {
	if c.Record == nil || c.Record.Entry == nil || c.Verdict.Level == Refused {
		return nil
	}
	r := c.Record.Entry
	names := fieldsFor[strings.ToLower(e.Type)]
	if names == nil {
		names = fieldsFor[venue.EntryMisc]
	}
	if c.Verdict.Level == OtherVersion {
		names = names[:1] // author
	}
	var added []string
	for _, name := range names {
		if e.Has(name) {
			continue
		}
		v, ok := value(r, name)
		if !ok {
			continue
		}
		e.Set(name, v)
		added = append(added, name)
	}
	if c.Verdict.Level == Same && strings.EqualFold(e.Get("howpublished"), "arXiv") && !e.Has("eprint") {
		if id := match.ArXivID(r); id != "" {
			e.Remove("howpublished")
			e.Set("archivePrefix", "arXiv")
			e.Set("eprint", id)
			added = append(added, "eprint")
		}
	}
	return added
}

// value returns the record's field name as a literal that can be written in
// braces: the resolved value (macros expanded, since the record's @string
// definitions do not travel with it), white space collapsed, page ranges
// written with "--". ok is false when the record lacks the field, when a
// macro of it is undefined, or when its braces do not balance.
func value(r *bib.Entry, name string) (string, bool) {
	f := r.Field(name)
	if f == nil {
		return "", false
	}
	for i := range f.NumParts() {
		if f.Part(i).Undefined {
			return "", false
		}
	}
	v := strings.Join(strings.Fields(f.Value), " ")
	if v == "" || !bib.BracesBalance(v) {
		return "", false
	}
	switch name {
	case "pages":
		v = pageRange(v)
	case "doi":
		// A doi.org URL or "doi:" prefix goes; the DOI keeps its case,
		// as the publisher registered it.
		if !strings.HasPrefix(v, "10.") {
			if v = ident.DOIAsWritten(v); v == "" {
				return "", false
			}
		}
	}
	return v, true
}

// pageRange writes a range "1059-1068" or "1059–1068" as "1059--1068", the
// en dash BibTeX styles expect; other page values are kept.
func pageRange(p string) string {
	for _, sep := range []string{"--", "–", "-"} {
		if a, b, ok := strings.Cut(p, sep); ok && a != "" && b != "" && !strings.ContainsAny(b, "-–") {
			return strings.TrimSpace(a) + "--" + strings.TrimSpace(b)
		}
	}
	return p
}
