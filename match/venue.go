package match

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/venue"
)

// Year returns e's year: the first run of four digits reading as a year from
// 1000 to 2999 in its year field, else in its date field; 0 when there is
// none. So "2019a" (a year made unique for author-year styles) is 2019, and
// "19" or "in press" is 0.
func Year(e *bib.Entry) int {
	for _, name := range []string{"year", "date"} {
		v := strings.TrimSpace(bib.PlainText(e.Get(name)))
		if v == "" {
			continue
		}
		if y, ok := yearIn(v); ok {
			return y
		}
	}
	return 0
}

// yearIn returns the first run of exactly four digits in s that reads as a
// year from 1000 to 2999.
func yearIn(s string) (int, bool) {
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i == 4 && (s[i] == '1' || s[i] == '2') {
			y, err := strconv.Atoi(s[i:j])
			if err == nil {
				return y, true
			}
		}
		i = j
	}
	return 0, false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// VenueOf resolves e's booktitle or journal to a venue of reg.
//
// A booktitle matches a venue when it contains, as whole words, the venue's
// tag, an alias or a former tag ("{CVPR} 2024", "NeurIPS 2019"), or its
// year-free booktitle with or without "Proceedings of the" and a leading
// "IEEE", "ACM" or "IEEE/CVF" ("Advances in Neural Information Processing
// Systems 32: ..."). Names compare ignoring case and LaTeX braces, except
// one-word tags: "{CVPR}" and "CVPR" match, "cvpr" in running text too, but
// "Nature" and "Science" must be capitalised as they are. When several
// venues match, the longest name wins, so "CVPR Workshops" is CVPRW and
// "Findings of the Association for Computational Linguistics: ACL" is not
// ACL. A journal matches when it equals a venue's journal, its DBLP
// abbreviation, its tag or an alias, or contains an acronym tag such as
// TPAMI as a word.
//
// Preprints resolve to arXiv: a journal "CoRR" or mentioning arXiv, or an
// entry with no booktitle and no journal but an arXiv eprint, URL or DOI.
// A published venue in booktitle or journal wins over an eprint field, which
// published entries often keep. ok is false when nothing matches or when two
// venues match equally well (PLDI, POPL and OOPSLA share a journal; their
// "number" field, when it names one of them, settles it).
func VenueOf(reg *venue.Registry, e *bib.Entry) (*venue.Venue, bool) {
	if reg == nil || e == nil {
		return nil, false
	}
	m := matcherFor(reg)
	bt, j := e.Get("booktitle"), e.Get("journal")
	if bt == "" && j == "" {
		return m.venueFrom(e)
	}
	// A struct of the fields' strings: no key is built per lookup.
	key := venueKey{bt, j, e.Get("number"), e.Get("series")}
	if r, ok := m.resolved.Load(key); ok {
		res := r.(venueResult)
		return res.v, res.ok
	}
	v, ok := m.venueFrom(e)
	if m.nResolved.Load() < maxResolved {
		if _, loaded := m.resolved.LoadOrStore(key, venueResult{v, ok}); !loaded {
			m.nResolved.Add(1)
		}
	}
	return v, ok
}

// venueFrom resolves e's venue from its booktitle or journal (and number
// or series when those are ambiguous), or from arXiv markers.
func (m *matcher) venueFrom(e *bib.Entry) (*venue.Venue, bool) {
	var cands []*venue.Venue
	if bt := e.Get("booktitle"); bt != "" {
		if isArXivText(bt) {
			return m.arxiv, m.arxiv != nil
		}
		cands = m.best(tokens(bt), false)
	}
	if j := e.Get("journal"); j != "" && len(cands) == 0 {
		if isArXivText(j) {
			return m.arxiv, m.arxiv != nil
		}
		cands = m.best(tokens(j), true)
	}
	switch len(cands) {
	case 0:
	case 1:
		return cands[0], true
	default:
		// Ambiguous: a PACMPL article says which conference in "number"
		// (OOPSLA2, PLDI); a proceedings series may say it in "series".
		for _, name := range []string{"number", "series"} {
			ts := tokens(e.Get(name))
			var hit []*venue.Venue
			for _, v := range cands {
				if containsName(ts, m.tagTokens(v)) {
					hit = append(hit, v)
				}
			}
			if len(hit) == 1 {
				return hit[0], true
			}
		}
		return nil, false
	}
	if e.Get("booktitle") == "" && e.Get("journal") == "" {
		for _, name := range []string{"howpublished", "publisher", "note"} {
			if isArXivText(e.Get(name)) {
				return m.arxiv, m.arxiv != nil
			}
		}
		if ArXivID(e) != "" {
			return m.arxiv, m.arxiv != nil
		}
	}
	return nil, false
}

// isArXivText reports whether a journal or booktitle names arXiv: "CoRR",
// "arXiv preprint arXiv:...", "ArXiv", "arXiv e-prints".
func isArXivText(s string) bool {
	ts := tokens(s)
	if len(ts) == 1 && strings.EqualFold(ts[0].text, "corr") {
		return true
	}
	for _, t := range ts {
		if strings.EqualFold(t.text, "arxiv") {
			return true
		}
	}
	return false
}

// token is one word of a venue text: a run of letters and digits, or "&".
type token struct {
	text  string // as written
	lower string
}

// tokens splits s, read as LaTeX, into words. Letters and digits stay
// together ("3DV", "EuroS"), "&" is a word of its own whose lower-case form
// is "and", everything else separates.
func tokens(s string) []token {
	if s == "" {
		return nil
	}
	s = bib.PlainText(s)
	var out []token
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := s[start:end]
			out = append(out, token{text: w, lower: strings.ToLower(w)})
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		case r == '&':
			// "&" and "and" are the same word: "Security & Privacy".
			flush(i)
			out = append(out, token{text: "&", lower: "and"})
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

// name is one way a venue is written, split into words.
type name struct {
	words []string // lower case
	// exact is set for one-word tags that must match as written, case
	// included ("Nature", "Science", "FAST").
	exact string
	v     *venue.Venue
	// whole: the name must be the entire text (journal titles such as
	// "Machine Learning" or "Nature", which are ordinary words elsewhere).
	whole bool
}

// matcher holds a registry's names by their first word.
type matcher struct {
	booktitle map[string][]*name // names that may occur inside a booktitle
	journal   map[string][]*name // names that may occur inside a journal
	tags      map[*venue.Venue][][]string
	books     []*name // the full year-free booktitles, for within
	arxiv     *venue.Venue

	// resolved memoises venueFrom by the fields it reads: a .bib repeats
	// the same booktitle for every paper of a proceedings, and resolving one
	// is far dearer than a map lookup. It is bounded so that a long-lived
	// process does not grow without end.
	resolved  sync.Map // venueKey -> venueResult
	nResolved atomic.Int64
}

// venueKey is what venueFrom reads of an entry.
type venueKey struct{ booktitle, journal, number, series string }

type venueResult struct {
	v  *venue.Venue
	ok bool
}

const maxResolved = 1 << 16

var matchers sync.Map // *venue.Registry -> *matcher; registries are immutable

func matcherFor(reg *venue.Registry) *matcher {
	if m, ok := matchers.Load(reg); ok {
		return m.(*matcher)
	}
	m := newMatcher(reg)
	actual, _ := matchers.LoadOrStore(reg, m)
	return actual.(*matcher)
}

// orgWords may lead a booktitle in one source and be missing in another
// ("IEEE/CVF Conference on ..." vs "IEEE Conference on ..." vs "Conference
// on ...").
var orgWords = map[string]bool{"ieee": true, "cvf": true, "acm": true, "usenix": true, "siam": true, "rsj": true, "ifip": true, "the": true, "annual": true}

func newMatcher(reg *venue.Registry) *matcher {
	m := &matcher{
		booktitle: map[string][]*name{},
		journal:   map[string][]*name{},
		tags:      map[*venue.Venue][][]string{},
	}
	add := func(idx map[string][]*name, n *name) {
		if len(n.words) == 0 {
			return
		}
		idx[n.words[0]] = append(idx[n.words[0]], n)
	}
	for _, v := range reg.All() {
		if v.Kind == venue.Preprint && m.arxiv == nil {
			// arXiv is recognised by isArXivText and the eprint fields; its
			// alias "preprint" would otherwise claim "bioRxiv preprint".
			m.arxiv = v
			continue
		}
		journalKind := v.Kind == venue.Journal
		for _, tag := range v.Names() {
			ws := lowerWords(tag)
			if len(ws) == 0 {
				continue
			}
			m.tags[v] = append(m.tags[v], ws)
			n := &name{words: ws, v: v}
			if len(ws) == 1 && needsExactCase(tag) {
				n.exact = tokens(tag)[0].text
			}
			if journalKind {
				// A journal's acronym (TPAMI) may sit inside a longer journal
				// text; its other names ("Nature", "Machine Learning") are
				// ordinary words elsewhere and must be the whole title.
				n.whole = !isAcronym(tag)
				add(m.journal, n)
				continue
			}
			add(m.booktitle, n)
			add(m.journal, n)
		}
		if !journalKind {
			books := []string{v.Booktitle}
			if v.Earlier != nil {
				books = append(books, v.Earlier.Booktitle)
			}
			for _, b := range books {
				if ws := lowerWords(b); len(ws) > 0 {
					m.books = append(m.books, &name{words: ws, v: v})
				}
				for _, ws := range booktitleForms(b) {
					// Google Scholar puts conference names in journal too.
					add(m.booktitle, &name{words: ws, v: v})
					add(m.journal, &name{words: ws, v: v})
				}
			}
		}
		for _, j := range []string{v.Journal, v.JournalAbbrev} {
			if ws := lowerWords(j); len(ws) > 0 {
				add(m.journal, &name{words: ws, v: v, whole: true})
			}
		}
	}
	return m
}

// booktitleForms returns the word lists a year-free booktitle may appear as:
// itself, without "Proceedings of", and without each of its leading
// organisation words in turn ("the SIAM International ..." gives "SIAM
// International ..." and "International ...") while at least four words
// remain.
func booktitleForms(b string) [][]string {
	ws := lowerWords(b)
	if len(ws) == 0 {
		return nil
	}
	out := [][]string{ws}
	if len(ws) > 2 && ws[0] == "proceedings" && ws[1] == "of" {
		ws = ws[2:]
		out = append(out, ws)
	}
	for i := 0; i < len(ws) && orgWords[ws[i]] && len(ws)-i-1 >= 4; i++ {
		out = append(out, ws[i+1:])
	}
	return out
}

func lowerWords(s string) []string {
	ts := tokens(s)
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.lower
	}
	return out
}

// needsExactCase reports whether a one-word name must match with its case:
// names of ordinary words ("Nature", "Supercomputing", "Oakland") and short
// acronyms that are also syllables ("CL", "MM", "SC", "FAST", "MICRO").
func needsExactCase(tag string) bool {
	ts := tokens(tag)
	if len(ts) != 1 {
		return false
	}
	w := ts[0].text
	return !isAcronym(w) || utf8.RuneCountInString(w) <= 2 || w == "FAST" || w == "MICRO" || w == "RAID" || w == "CHI"
}

// isAcronym reports whether one of the words of s is an acronym: all
// capitals and digits with at least two characters ("TPAMI", "3DV"), or a
// capital after the first letter ("NeurIPS", "arXiv", "CoRL"). "Nature",
// "Machine Learning" and "Nat. Mach. Intell." have none.
func isAcronym(s string) bool {
	for _, t := range tokens(s) {
		rs := []rune(t.text)
		upper, inner := 0, false
		for i, r := range rs {
			if unicode.IsUpper(r) || unicode.IsDigit(r) {
				upper++
				if i > 0 && unicode.IsUpper(r) {
					inner = true
				}
			}
		}
		if inner || (upper == len(rs) && len(rs) >= 2) {
			return true
		}
	}
	return false
}

// best returns the venues whose longest matching name in ts is the longest
// of all, in registry order, each once. A booktitle that matches no name
// forward is tried the other way round (see within).
func (m *matcher) best(ts []token, journal bool) []*venue.Venue {
	idx := m.booktitle
	if journal {
		idx = m.journal
	}
	bestLen := 0
	var out []*venue.Venue
	found := func(n *name, length int) {
		if length > bestLen {
			bestLen, out = length, out[:0]
		}
		if !containsVenue(out, n.v) {
			out = append(out, n.v)
		}
	}
	for i, t := range ts {
		for _, n := range idx[t.lower] {
			if len(n.words) >= bestLen && m.matchAt(ts, i, n) {
				found(n, len(n.words))
			}
		}
		// "Asia CCS" is AsiaCCS: a one-word name written as two words.
		if i+1 < len(ts) && bestLen <= 2 {
			joined := t.lower + ts[i+1].lower
			for _, n := range idx[joined] {
				if len(n.words) == 1 && n.words[0] == joined && !n.whole && n.exact == "" {
					found(n, 2)
				}
			}
		}
	}
	if len(out) == 0 && !journal {
		return m.within(ts)
	}
	return out
}

// matchAt reports whether name n occurs in ts at i.
func (m *matcher) matchAt(ts []token, i int, n *name) bool {
	if i+len(n.words) > len(ts) {
		return false
	}
	if n.whole && (i != 0 || len(n.words) != len(ts)) {
		return false
	}
	if n.exact != "" && ts[i].text != n.exact && !isAllUpper(ts[i].text) {
		return false
	}
	for k, w := range n.words {
		if ts[i+k].lower != w {
			return false
		}
	}
	return true
}

// fillerWords carry no venue of their own: a short booktitle made of them
// and one or two other words ("Symposium on Security & Privacy") is too
// generic to name a venue by containment.
var fillerWords = map[string]bool{
	"of": true, "the": true, "on": true, "and": true, "in": true, "for": true, "a": true,
	"proceedings": true, "conference": true, "international": true, "annual": true, "symposium": true,
	"workshop": true, "acm": true, "ieee": true, "usenix": true, "joint": true, "european": true,
}

// within handles booktitles shorter than the registry's, as hand-written
// .bib files have them: "Computer and Communications Security" is CCS,
// "Network and Distributed System Security" is NDSS. The booktitle's words,
// less numbers and ordinals, must occur together in one venue's booktitle
// and hold at least three words that are not filler; journals are never
// matched this way ("Neural Networks" is a journal, not TNNLS).
func (m *matcher) within(ts []token) []*venue.Venue {
	var ws []string
	content := 0
	for _, t := range ts {
		if t.lower[0] >= '0' && t.lower[0] <= '9' {
			continue // 2019, 1st, 32nd
		}
		ws = append(ws, t.lower)
		if !fillerWords[t.lower] {
			content++
		}
	}
	if content < 3 {
		return nil
	}
	var out []*venue.Venue
	for _, n := range m.books {
		if containsWords(n.words, ws) && !containsVenue(out, n.v) {
			out = append(out, n.v)
		}
	}
	return out
}

// containsWords reports whether sub occurs in ws as consecutive words.
func containsWords(ws, sub []string) bool {
	for i := 0; i+len(sub) <= len(ws); i++ {
		ok := true
		for k, w := range sub {
			if ws[i+k] != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func isAllUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func containsVenue(vs []*venue.Venue, v *venue.Venue) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

func (m *matcher) tagTokens(v *venue.Venue) [][]string { return m.tags[v] }

// containsName reports whether one of names occurs in ts as whole words;
// a word may carry trailing digits ("OOPSLA2" names OOPSLA).
func containsName(ts []token, names [][]string) bool {
	for _, ws := range names {
		for i := range ts {
			if i+len(ws) > len(ts) {
				break
			}
			ok := true
			for k, w := range ws {
				got := ts[i+k].lower
				if got != w && (k != len(ws)-1 || strings.TrimRight(got, "0123456789") != w) {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}
