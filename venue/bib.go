package venue

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/paperlint/papers/internal/latex"
)

// BibFields are the fields of a .bib entry that say where it appeared, as
// ResolveBib reads them. Values are as written in the .bib (LaTeX, braces).
// The package does not read .bib files, so the caller fills them in.
type BibFields struct {
	// Booktitle and Journal are where a paper appeared; a booktitle is
	// read first.
	Booktitle, Journal string
	// Number and Series settle a journal several venues share (PACMPL's
	// number is OOPSLA2, PLDI or POPL).
	Number, Series string
	// Howpublished, Publisher and Note are read only when Booktitle and
	// Journal are empty, for preprints ("arXiv preprint").
	Howpublished, Publisher, Note string
	// ArXiv is whether the entry has an arXiv identifier (eprint, URL or
	// DOI); read only when Booktitle and Journal are empty.
	ArXiv bool
}

// bibResolver is a Registry's resolver of .bib fields, built on first use.
type bibResolver struct {
	once sync.Once
	m    *matcher
}

// ResolveBib resolves the booktitle or journal of a .bib entry to a venue of r.
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
// entry with no booktitle and no journal whose howpublished, publisher or
// note names arXiv or that has an arXiv identifier (f.ArXiv).
// A published venue in booktitle or journal wins over an eprint field, which
// published entries often keep. ok is false when nothing matches or when two
// venues match equally well (PLDI, POPL and OOPSLA share a journal; their
// "number" field, when it names one of them, settles it).
//
// Results are memoised on r by booktitle, journal, number and series (up to
// 65,536 of them): a .bib names one proceedings for many papers. ResolveBib
// is safe for concurrent use; r builds what it needs on the first call.
func (r *Registry) ResolveBib(f BibFields) (*Venue, bool) {
	if r == nil {
		return nil, false
	}
	r.bib.once.Do(func() { r.bib.m = newMatcher(r) })
	m := r.bib.m
	if f.Booktitle == "" && f.Journal == "" {
		return m.venueFrom(f)
	}
	// A struct of the fields' strings: no key is built per lookup.
	key := venueKey{f.Booktitle, f.Journal, f.Number, f.Series}
	if res, ok := m.resolved.Load(key); ok {
		res := res.(venueResult)
		return res.v, res.ok
	}
	v, ok := m.venueFrom(f)
	if m.nResolved.Load() < maxResolved {
		if _, loaded := m.resolved.LoadOrStore(key, venueResult{v, ok}); !loaded {
			m.nResolved.Add(1)
		}
	}
	return v, ok
}

// venueFrom resolves f as ResolveBib describes, without the memo.
func (m *matcher) venueFrom(f BibFields) (*Venue, bool) {
	var cands []*Venue
	if f.Booktitle != "" {
		if isArXivText(f.Booktitle) {
			return m.arxiv, m.arxiv != nil
		}
		cands = m.best(tokens(f.Booktitle), false)
	}
	if f.Journal != "" && len(cands) == 0 {
		if isArXivText(f.Journal) {
			return m.arxiv, m.arxiv != nil
		}
		cands = m.best(tokens(f.Journal), true)
	}
	switch len(cands) {
	case 0:
	case 1:
		return cands[0], true
	default:
		// Ambiguous: a PACMPL article says which conference in "number"
		// (OOPSLA2, PLDI); a proceedings series may say it in "series".
		for _, field := range [...]string{f.Number, f.Series} {
			ts := tokens(field)
			var hit []*Venue
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
	if f.Booktitle == "" && f.Journal == "" {
		for _, field := range [...]string{f.Howpublished, f.Publisher, f.Note} {
			if isArXivText(field) {
				return m.arxiv, m.arxiv != nil
			}
		}
		if f.ArXiv {
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
	s = latex.Plain(s)
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

// bibName is one way a venue is written, split into words.
type bibName struct {
	words []string // lower case
	// exact is set for one-word tags that must match as written, case
	// included ("Nature", "Science", "FAST").
	exact string
	v     *Venue
	// whole: the name must be the entire text (journal titles such as
	// "Machine Learning" or "Nature", which are ordinary words elsewhere).
	whole bool
}

// matcher holds a registry's names by their first word.
type matcher struct {
	booktitle map[string][]*bibName // names that may occur inside a booktitle
	journal   map[string][]*bibName // names that may occur inside a journal
	tags      map[*Venue][][]string
	books     []*bibName // the full year-free booktitles, for within
	arxiv     *Venue

	// resolved memoises venueFrom by the fields it reads: a .bib repeats
	// the same booktitle for every paper of a proceedings, and resolving one
	// is far dearer than a map lookup. It lives and dies with its Registry
	// and is bounded, so that a long-lived process does not grow without end.
	resolved  sync.Map // venueKey -> venueResult
	nResolved atomic.Int64
}

// venueKey is what venueFrom reads of an entry that has a booktitle or a
// journal.
type venueKey struct{ booktitle, journal, number, series string }

type venueResult struct {
	v  *Venue
	ok bool
}

const maxResolved = 1 << 16

// orgWords may lead a booktitle in one source and be missing in another
// ("IEEE/CVF Conference on ..." vs "IEEE Conference on ..." vs "Conference
// on ...").
var orgWords = map[string]bool{"ieee": true, "cvf": true, "acm": true, "usenix": true, "siam": true, "rsj": true, "ifip": true, "the": true, "annual": true}

func newMatcher(reg *Registry) *matcher {
	m := &matcher{
		booktitle: map[string][]*bibName{},
		journal:   map[string][]*bibName{},
		tags:      map[*Venue][][]string{},
	}
	add := func(idx map[string][]*bibName, n *bibName) {
		if len(n.words) == 0 {
			return
		}
		idx[n.words[0]] = append(idx[n.words[0]], n)
	}
	for _, v := range reg.venues {
		if v.Kind == Preprint && m.arxiv == nil {
			// arXiv is recognised by isArXivText and the eprint fields; its
			// alias "preprint" would otherwise claim "bioRxiv preprint".
			m.arxiv = v
			continue
		}
		journalKind := v.Kind == Journal
		for _, tag := range v.Names() {
			ws := lowerWords(tag)
			if len(ws) == 0 {
				continue
			}
			m.tags[v] = append(m.tags[v], ws)
			n := &bibName{words: ws, v: v}
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
					m.books = append(m.books, &bibName{words: ws, v: v})
				}
				for _, ws := range booktitleForms(b) {
					// Google Scholar puts conference names in journal too.
					add(m.booktitle, &bibName{words: ws, v: v})
					add(m.journal, &bibName{words: ws, v: v})
				}
			}
		}
		for _, j := range []string{v.Journal, v.JournalAbbrev} {
			if ws := lowerWords(j); len(ws) > 0 {
				add(m.journal, &bibName{words: ws, v: v, whole: true})
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
func (m *matcher) best(ts []token, journal bool) []*Venue {
	idx := m.booktitle
	if journal {
		idx = m.journal
	}
	bestLen := 0
	var out []*Venue
	found := func(n *bibName, length int) {
		if length > bestLen {
			bestLen, out = length, out[:0]
		}
		if !slices.Contains(out, n.v) {
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

// matchAt reports whether n occurs in ts at i.
func (m *matcher) matchAt(ts []token, i int, n *bibName) bool {
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
func (m *matcher) within(ts []token) []*Venue {
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
	var out []*Venue
	for _, n := range m.books {
		if containsWords(n.words, ws) && !slices.Contains(out, n.v) {
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

func (m *matcher) tagTokens(v *Venue) [][]string { return m.tags[v] }

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
