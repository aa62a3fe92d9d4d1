package resolve

import (
	"context"
	"strings"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/match"
	"github.com/paperlint/papers/venue"
)

// CitesPreprint reports whether the entry e cites an arXiv preprint: its
// journal, booktitle or howpublished names arXiv or CoRR ("arXiv preprint
// arXiv:1810.00001", "CoRR"), or it names no venue and carries an arXiv
// identifier (eprint with archivePrefix arXiv, an arxiv.org url, an arXiv
// DOI), as match.VenueOf resolves it. A nil reg means venue.Default().
func CitesPreprint(e *bib.Entry, reg *venue.Registry) bool {
	if reg == nil {
		reg = venue.Default()
	}
	v, ok := match.VenueOf(reg, e)
	return ok && v.Kind == venue.Preprint
}

// PublishedQuery is the query for the published version of a paper whose
// .bib entry cites its preprint: q with the venue cleared when the notes
// tag the paper arXiv too (any published venue will do; Judge would
// otherwise call it another version), and without an arXiv DOI, which no
// source but arXiv knows and which names the preprint.
func PublishedQuery(q Query) Query {
	if q.Venue != nil && q.Venue.Kind == venue.Preprint {
		q.VenueTag, q.Venue = "", nil
	}
	if strings.HasPrefix(strings.ToLower(q.DOI), "10.48550/") {
		q.DOI = ""
	}
	return q
}

// PreprintServer is implemented by sources that hold preprints only (the
// arXiv API): Published does not ask them, since none of their records can
// be a published version and each request costs (arXiv asks for one every
// three seconds).
type PreprintServer interface {
	PreprintsOnly() bool
}

// Published looks up, for each query (made with PublishedQuery), a
// published version of the paper: a record that does not cite a preprint
// and that Judge accepts as the same paper at the venue the notes name (any
// venue when they name none). Records of preprints are skipped, not
// refused: the entry already cites one. One outcome per query, in order; a
// cancelled ctx leaves the remaining papers unresolved with ctx's error.
func (r *Resolver) Published(ctx context.Context, qs []Query) []Outcome {
	pub := *r
	pub.Sources = nil
	for _, s := range r.Sources {
		if ps, ok := s.(PreprintServer); ok && ps.PreprintsOnly() {
			continue
		}
		pub.Sources = append(pub.Sources, s)
	}
	return pub.resolveAll(ctx, qs, true)
}

// describesPublication names the fields that say what and where the paper
// was published: Replacement takes them from the record only. The other
// fields of the user's entry (keywords, abstract, file, a reference
// manager's notes) are the user's and are kept.
var describesPublication = map[string]bool{
	"author": true, "editor": true, "title": true, "booktitle": true, "journal": true, "journaltitle": true,
	"year": true, "date": true, "month": true, "volume": true, "number": true, "issue": true, "pages": true,
	"publisher": true, "organization": true, "institution": true, "school": true, "address": true,
	"location": true, "series": true, "edition": true, "doi": true, "url": true, "urldate": true,
	"eprint": true, "archiveprefix": true, "primaryclass": true, "eprinttype": true, "eprintclass": true,
	"howpublished": true, "note": true, "isbn": true, "issn": true, "type": true, "crossref": true,
	// DBLP's bookkeeping, which says where the record came from, not the
	// paper.
	"timestamp": true, "biburl": true, "bibsource": true,
}

// dropFromRecord are fields of a record that the replacement does not
// take: DBLP's bookkeeping (when and from where DBLP has it) and a
// crossref, whose target is in the library, not in the user's .bib (the
// fields it lends are inherited by Library.records already).
var dropFromRecord = map[string]bool{"timestamp": true, "biburl": true, "bibsource": true, "crossref": true}

// Replacement returns the entry that replaces e, which cites a preprint, by
// the published record rec: rec's type and fields (macros expanded, page
// ranges with "--"), under e's key so that every \cite of it keeps
// working, followed by the fields of e that say nothing about the
// publication (keywords, abstract, file ...) and that rec lacks. It
// returns nil when rec has no title or year that can be written.
func Replacement(e *bib.Entry, rec *Record) *bib.Entry {
	if rec == nil || rec.Entry == nil {
		return nil
	}
	r := rec.Entry
	out := bib.NewEntry(strings.ToLower(r.Type), e.Key)
	for _, f := range r.Fields {
		name := strings.ToLower(f.Name)
		if dropFromRecord[name] || out.Has(name) {
			continue
		}
		v, ok := value(r, name)
		if !ok {
			continue
		}
		out.Set(name, v)
	}
	if !out.Has("title") || !out.Has("year") {
		return nil
	}
	for _, f := range e.Fields {
		name := strings.ToLower(f.Name)
		if describesPublication[name] || out.Has(name) {
			continue
		}
		out.Fields = append(out.Fields, f)
	}
	return out
}
