package resolve

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/internal/par"
	"github.com/paperlint/papers/match"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// Query is what the notes know of one paper.
type Query struct {
	// Title is the title as the notes write it, without the trailing
	// abbreviation; Abbrev is that abbreviation ("DIN"), or "".
	Title, Abbrev string
	// Year is the four-digit year of the venue tag; 0 when there is none.
	Year int
	// VenueTag is the venue as the notes write it ("NIPS", "DLRS"); "" when
	// the notes name none. Venue is what the registry makes of it, nil
	// when it does not know the tag.
	VenueTag string
	Venue    *venue.Venue
	// DOI and ArXiv are identifiers that links of the notes give, or "".
	DOI, ArXiv string
}

// QueryFor returns the query for paper p, whose entry e was built from the
// notes by package bibgen: the year, DOI and arXiv identifier are read back
// from e, so that the query and the entry cannot disagree. A nil reg means
// venue.Default().
func QueryFor(p *notes.Paper, e *bib.Entry, reg *venue.Registry) Query {
	if reg == nil {
		reg = venue.Default()
	}
	q := Query{Title: strings.TrimSpace(p.Title), Abbrev: strings.TrimSpace(p.Abbrev)}
	if y, err := strconv.Atoi(e.Get("year")); err == nil {
		q.Year = y
	}
	if p.VenueOrText() != nil {
		q.VenueTag = strings.TrimSpace(p.VenueOrText().Name)
		if q.VenueTag != "" {
			q.Venue, _ = reg.Lookup(q.VenueTag)
		}
	}
	q.DOI = match.DOI(e)
	q.ArXiv = match.ArXivID(e)
	return q
}

// String names the paper in messages: its title, venue tag and year.
func (q Query) String() string {
	s := q.Title
	if q.VenueTag != "" || q.Year != 0 {
		s += " ("
		if q.VenueTag != "" {
			s += q.VenueTag
			if q.Year != 0 {
				s += " "
			}
		}
		if q.Year != 0 {
			s += strconv.Itoa(q.Year)
		}
		s += ")"
	}
	return s
}

// Record is a candidate a source found: one publication, as a BibTeX entry.
type Record struct {
	// Source names where the record comes from: "library refs.bib",
	// "dblp", "crossref", "arxiv".
	Source string
	// ID is the record's identifier in its source (a DBLP key, a DOI, an
	// arXiv identifier, a citation key); Detailer implementations use it.
	ID string
	// Entry holds the record's fields in BibTeX form: values are LaTeX,
	// ready to be written in braces.
	Entry *bib.Entry
}

// Describe names the record for messages: its title, venue and year as the
// record gives them.
func (r *Record) Describe() string {
	if r == nil || r.Entry == nil {
		return "no record"
	}
	where := firstNonEmpty(r.Entry.Get("booktitle"), r.Entry.Get("journal"), r.Entry.Get("howpublished"))
	if where == "" && match.ArXivID(r.Entry) != "" {
		where = "arXiv"
	}
	s := fmt.Sprintf("%q", bib.PlainText(r.Entry.Get("title")))
	var tail []string
	if where != "" {
		tail = append(tail, shorten(bib.PlainText(where)))
	}
	if y := match.Year(r.Entry); y != 0 {
		tail = append(tail, strconv.Itoa(y))
	}
	if len(tail) > 0 {
		s += " (" + strings.Join(tail, ", ") + ")"
	}
	return s
}

// Source looks papers up. Each method returns the candidates it found,
// best first, and nil without error when it has none or cannot look papers
// up that way (arXiv has no DOI lookup); an error means the source could
// not be asked (unreachable, refused, an answer it could not read).
// Implementations must be safe for use by several goroutines.
type Source interface {
	// Name names the source in messages: "library refs.bib", "dblp".
	Name() string
	// ByDOI returns the records with the DOI doi (lower case, no prefix).
	ByDOI(ctx context.Context, doi string) ([]*Record, error)
	// ByArXiv returns the records of the arXiv identifier id (no version).
	ByArXiv(ctx context.Context, id string) ([]*Record, error)
	// Search returns records whose titles resemble q's, for Judge to check.
	Search(ctx context.Context, q Query) ([]*Record, error)
}

// Detailer is implemented by sources whose search results are summaries
// (DBLP's search API gives no publisher): Detail returns the full record of
// a summary that Judge accepted.
type Detailer interface {
	Detail(ctx context.Context, r *Record) (*Record, error)
}

// Candidate is a record and what Judge made of it.
type Candidate struct {
	Record  *Record
	Verdict Verdict
}

// Outcome is what resolving one paper gave.
type Outcome struct {
	// Chosen is the accepted candidate; nil when the paper is unresolved.
	Chosen *Candidate
	// Closest is, for an unresolved paper, the refused candidate that came
	// closest; nil when no source had any candidate.
	Closest *Candidate
	// Refused counts the candidates Judge refused.
	Refused int
	// Errors are the sources that could not be asked, each wrapped with
	// the source's name.
	Errors []error
}

// Resolver looks papers up in its sources, in order.
type Resolver struct {
	// Sources are tried in order. A source's accepted record of the same
	// venue ends the search; one of another version (a preprint, a
	// workshop) is kept while later sources are asked for a better one.
	Sources []Source
	// Venues resolves venue names; nil means venue.Default().
	Venues *venue.Registry
	// Jobs bounds how many papers are looked up at once; 0 means 1.
	Jobs int
	// Progress, when set, is called after each paper with the number of
	// papers done and the total, from one goroutine at a time.
	Progress func(done, total int)
}

// Resolve looks up every query and returns one outcome per query, in order.
// A cancelled ctx leaves the remaining papers unresolved with ctx's error.
func (r *Resolver) Resolve(ctx context.Context, qs []Query) []Outcome {
	return r.resolveAll(ctx, qs, false)
}

// resolveAll resolves the queries in parallel (r.Jobs at a time), telling
// r.Progress as each one ends; published is resolveOne's.
func (r *Resolver) resolveAll(ctx context.Context, qs []Query, published bool) []Outcome {
	out := make([]Outcome, len(qs))
	reg := r.Venues
	if reg == nil {
		reg = venue.Default()
	}
	var mu sync.Mutex
	done := 0
	par.Do(len(qs), max(r.Jobs, 1), func(i int) {
		out[i] = r.resolveOne(ctx, qs[i], reg, published)
		if r.Progress != nil {
			mu.Lock()
			done++
			r.Progress(done, len(qs))
			mu.Unlock()
		}
	})
	return out
}

// resolveOne asks each source in turn. With published, only records of a
// published version are candidates (see Published).
func (r *Resolver) resolveOne(ctx context.Context, q Query, reg *venue.Registry, published bool) Outcome {
	var o Outcome
	for _, s := range r.Sources {
		if err := ctx.Err(); err != nil {
			o.Errors = append(o.Errors, fmt.Errorf("%s: %w", s.Name(), err))
			break
		}
		best := r.fromSource(ctx, s, q, reg, published, &o)
		if best != nil && (o.Chosen == nil || better(*best, *o.Chosen)) {
			o.Chosen = best
		}
		if o.Chosen != nil && o.Chosen.Verdict.Level == Same {
			break
		}
	}
	if o.Chosen != nil {
		o.Closest = nil
	}
	return o
}

// fromSource asks one source by DOI, then by arXiv identifier, then by
// title, stopping at the first lookup that gives a record of the same
// venue. It returns the best accepted candidate (detailed when the source
// is a Detailer) and records refusals and errors in o. With published, a
// record of a preprint is no candidate at all (the .bib already cites one),
// and a published record is accepted only at Level Same.
func (r *Resolver) fromSource(ctx context.Context, s Source, q Query, reg *venue.Registry, published bool, o *Outcome) *Candidate {
	var best *Candidate
	lookups := []struct {
		skip bool
		run  func() ([]*Record, error)
	}{
		{q.DOI == "", func() ([]*Record, error) { return s.ByDOI(ctx, q.DOI) }},
		{q.ArXiv == "", func() ([]*Record, error) { return s.ByArXiv(ctx, q.ArXiv) }},
		{q.Title == "", func() ([]*Record, error) { return s.Search(ctx, q) }},
	}
	seen := map[string]bool{}
	for _, l := range lookups {
		if l.skip {
			continue
		}
		recs, err := l.run()
		if err != nil {
			o.Errors = append(o.Errors, fmt.Errorf("%s: %w", s.Name(), err))
			continue
		}
		for _, rec := range recs {
			if rec == nil || rec.Entry == nil {
				continue
			}
			id := rec.Source + "\x00" + rec.ID
			if rec.ID != "" && seen[id] {
				continue
			}
			seen[id] = true
			if published && CitesPreprint(rec.Entry, reg) {
				continue
			}
			c := Candidate{Record: rec, Verdict: Judge(q, rec.Entry, reg)}
			if published && c.Verdict.Level == OtherVersion {
				c.Verdict.Level = Refused
				c.Verdict.Why = "it is " + c.Verdict.Why + ", not the one the notes name"
			}
			if c.Verdict.Level == Refused {
				o.Refused++
				if o.Closest == nil || closer(c, *o.Closest) {
					cc := c
					o.Closest = &cc
				}
				continue
			}
			if best == nil || better(c, *best) {
				cc := c
				best = &cc
			}
		}
		if best != nil && best.Verdict.Level == Same {
			break
		}
	}
	if best == nil {
		return nil
	}
	if d, ok := s.(Detailer); ok {
		full, err := d.Detail(ctx, best.Record)
		switch {
		case err != nil:
			// The summary is still the right paper; it only lacks some
			// fields. Say why they are missing.
			o.Errors = append(o.Errors, fmt.Errorf("%s: the full record of %s: %w", s.Name(), best.Record.ID, err))
		case full != nil:
			// The full record must pass as well: a source whose detail
			// disagrees with its own summary is not trusted with it.
			if v := Judge(q, full.Entry, reg); v.Level >= best.Verdict.Level && (!published || !CitesPreprint(full.Entry, reg)) {
				best = &Candidate{Record: full, Verdict: v}
			}
		}
	}
	return best
}

// better orders accepted candidates: the same venue before another
// version, then the year that agrees exactly, then the closer title.
func better(a, b Candidate) bool {
	if a.Verdict.Level != b.Verdict.Level {
		return a.Verdict.Level > b.Verdict.Level
	}
	if c := cmp.Compare(abs(a.Verdict.YearOff), abs(b.Verdict.YearOff)); c != 0 {
		return c < 0
	}
	return a.Verdict.TitleScore > b.Verdict.TitleScore
}

// closer orders refused candidates for the report: one whose title matched
// (refused on year or venue) before one whose title did not, then by how
// much of the title they share.
func closer(a, b Candidate) bool {
	if a.Verdict.TitleOK != b.Verdict.TitleOK {
		return a.Verdict.TitleOK
	}
	return a.Verdict.TitleScore > b.Verdict.TitleScore
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// shortLen is how many characters of a long venue or title a message
// shows.
const shortLen = 60

// shorten cuts s to at most shortLen characters, with an ellipsis.
func shorten(s string) string {
	const n = shortLen
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
