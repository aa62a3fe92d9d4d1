package benchgen

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Config is everything one run depends on. The same Config always gives
// byte-identical files.
type Config struct {
	Papers   int     // paper entries in notes.md
	Seed     uint64  // seeds the PCG generator
	BibRatio float64 // share of distinct papers that get a .bib entry
	Defects  bool    // plant defects; false gives clean files
	BibOnly  int     // when > 0: write only refs.bib with this many entries
	// BibEntries, when > 0, pads notes.bib with entries for papers that are
	// not in the notes (a .bib also holds what its owner cites without
	// having taken notes) until it has this many entries.
	BibEntries int
	// DenseNotes is the share of notes written as real notes are, with no
	// space anywhere between Chinese and English (`用BERT编码question和
	// passage`): every gap of such a note is a cjk-spacing finding. 0 keeps
	// the sparse defects of the other rates alone (and the files of
	// earlier versions, byte for byte); see DenseNotesFor.
	DenseNotes float64
}

// Defect shares, per paper (headings), per note, or per .bib entry.
const (
	rateVenueAlias  = 0.015
	rateVenueCase   = 0.015
	rateVenueFormat = 0.02 // split evenly over the five format kinds
	rateOrgCase     = 0.02
	rateOrgMissing  = 0.01
	rateRepeat      = 0.01 // split over exact, re-tagged and typo repeats
	rateNoNotes     = 0.03
	rateASCIIPunct  = 0.15
	rateCJKSpacing  = 0.15
	rateBibYear     = 0.02
	rateBibOther    = 0.01 // split over pages, missing field and duplicate key
	papersPerSect   = 50
	notesPerPaper   = 3
)

// venueDefect is what is wrong with a paper's venue tag (at most one).
type venueDefect int

const (
	vdNone venueDefect = iota
	vdAlias
	vdCase
	vdSpaceAfterApostrophe // [NIPS' 18]
	vdNoApostrophe         // [NSDI22]
	vdCurlyApostrophe      // [ISSCC’24]
	vdFullYear             // [NeurIPS 2022]
	vdSpaceBeforeTag       // Title [ECCV'22]
)

// orgDefect is what is wrong with a paper's organisation tag.
type orgDefect int

const (
	odNone orgDefect = iota
	odCase
	odMissing
)

// repeatKind says how a paper entry repeats an earlier one.
type repeatKind int

const (
	rkNone     repeatKind = iota
	rkExact               // the same heading line in another section
	rkRetagged            // [arXiv'22] earlier, [CVPR'23] now
	rkTypo                // the title with a one-letter typo
)

// bibDefect is what is wrong with a paper's .bib entry.
type bibDefect int

const (
	bdNone bibDefect = iota
	bdYear
	bdPages
	bdMissingField
	bdDuplicateKey
)

// paper is one entry of notes.md (and, for distinct papers, the source of
// its .bib entry).
type paper struct {
	field   field
	section int
	title   string
	abbr    string // written as (ABBR) after the title; may be empty
	method  string // what the notes call the method; may be empty
	venue   *venueInfo
	year    int
	org     string

	venueDefect venueDefect
	venueText   string // the misspelt tag for vdAlias and vdCase
	orgDefect   orgDefect
	orgText     string // the mis-cased organisation for odCase
	repeat      repeatKind
	repeatOf    int  // index of the earlier entry when repeat != rkNone
	retagSource bool // the arXiv entry of a re-tagged pair
	noNotes     bool

	bib       bool
	bibDefect bibDefect
}

// section is a ## heading and the papers under it.
type section struct {
	title string
	field field
	start int // first paper index
	end   int // one past the last paper index
}

// plan holds every random decision that is not text: papers, sections and
// where the defects go. Text (notes, authors, pages) is drawn while writing.
type plan struct {
	cfg      Config
	r        *rand.Rand
	papers   []paper
	extra    []paper // .bib entries for papers not in the notes (BibEntries)
	sections []section
	titles   map[string]bool // lower-cased titles in use
	// noteFlags[i] has bit 1 for an ASCII punctuation note and bit 2 for a
	// spacing note; i counts notes in file order.
	noteFlags []uint8
}

func roundCount(n int, rate float64) int { return int(math.Round(float64(n) * rate)) }

// Random streams. The plan, the notes text and the .bib text each draw
// from their own stream, so that notes.md and notes.bib can be written at
// the same time and a change to one file's text leaves the other alone.
const (
	streamPlan uint64 = iota + 1
	streamNotes
	streamBib
)

// newRand returns the generator of one stream for a seed. Both PCG words
// come from splitmix64, so that nearby seeds and streams start far apart.
func newRand(seed, stream uint64) *rand.Rand {
	x := seed*0x9e3779b97f4a7c15 + stream
	return rand.New(rand.NewPCG(splitmix64(&x), splitmix64(&x)))
}

func splitmix64(x *uint64) uint64 {
	*x += 0x9e3779b97f4a7c15
	z := *x
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// yearWeights favour recent years, as reading lists do.
var yearWeights = func() []int {
	w := make([]int, lastYear-firstYear+1)
	for i := range w {
		w[i] = 1 + i*i/4 + i
	}
	return w
}()

func weighted(r *rand.Rand, w []int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	n := r.IntN(total)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return len(w) - 1
}

// drawYear picks a year in [from, lastYear] in which v was held.
func drawYear(r *rand.Rand, v *venueInfo, from int) int {
	from = max(from, v.first, firstYear)
	for range 30 {
		y := firstYear + weighted(r, yearWeights)
		if y >= from && v.heldIn(y) {
			return y
		}
	}
	for y := lastYear; y >= from; y-- {
		if v.heldIn(y) {
			return y
		}
	}
	return lastYear
}

// venuesOf lists the venues of field f, each repeated by its weight.
var venuesOf = func() [numFields][]*venueInfo {
	var out [numFields][]*venueInfo
	for _, v := range venues {
		for _, f := range v.fields {
			for range v.weight {
				out[f] = append(out[f], v)
			}
		}
	}
	return out
}()

// newPaper draws a fresh paper of field f with a title not yet in use.
func (p *plan) newPaper(f field, sect int) paper {
	var title, abbr, method string
	for {
		title, abbr, method = makeTitle(p.r, f)
		if n := wordCount(title); n < 4 || n > 14 {
			continue
		}
		if p.claimTitle(title) {
			break
		}
	}
	v := pick(p.r, venuesOf[f])
	return paper{
		field: f, section: sect, title: title, abbr: abbr, method: method,
		venue: v, year: drawYear(p.r, v, firstYear), org: pick(p.r, orgs), repeatOf: -1,
	}
}

// claimTitle records title as used and reports whether it was free. A
// title is taken when its key, or the key of its subtitle, is in use: a
// duplicate-title rule may compare "FlashDet: Scaling X to Y" and
// "TinyKV: Scaling X to Y" without their method names, and two papers
// that no one planted must never look like a repeat.
func (p *plan) claimTitle(title string) bool {
	full, sub := titleKeys(title)
	if p.titles[full] || sub != "" && p.titles[sub] {
		return false
	}
	p.titles[full] = true
	if sub != "" {
		p.titles[sub] = true
	}
	return true
}

// releaseTitle frees the keys of a title that a repeat overwrote.
func (p *plan) releaseTitle(title string) {
	full, sub := titleKeys(title)
	delete(p.titles, full)
	delete(p.titles, sub)
}

// titleKeys returns the comparison key of a title (lower-case runs of
// letters and of digits, one space apart, so case, punctuation and
// hyphens do not count) and, when the title starts with a one-word name
// and a colon, the key of what follows the colon.
func titleKeys(title string) (full, sub string) {
	full = tokenKey(title)
	if i := strings.Index(title, ": "); i > 0 && !strings.Contains(title[:i], " ") {
		sub = tokenKey(title[i+2:])
	}
	return full, sub
}

func tokenKey(s string) string {
	b := make([]byte, 0, len(s))
	prev := byte(0) // class of the previous byte: 0 other, 'a' letter, '0' digit
	for i := 0; i < len(s); i++ {
		c := s[i]
		cl := byte(0)
		switch {
		case 'a' <= c && c <= 'z':
			cl = 'a'
		case 'A' <= c && c <= 'Z':
			cl, c = 'a', c+'a'-'A'
		case '0' <= c && c <= '9':
			cl = '0'
		}
		if cl != 0 {
			if cl != prev && len(b) > 0 {
				b = append(b, ' ')
			}
			b = append(b, c)
		}
		prev = cl
	}
	return string(b)
}

// newPlan makes every decision for cfg.
func newPlan(cfg Config) *plan {
	p := &plan{cfg: cfg, r: newRand(cfg.Seed, streamPlan), titles: map[string]bool{}}
	if cfg.BibOnly > 0 {
		p.papers = make([]paper, 0, cfg.BibOnly)
		for range cfg.BibOnly {
			p.papers = append(p.papers, p.newPaper(field(p.r.IntN(int(numFields))), 0))
		}
		p.planBib(1)
		return p
	}
	p.planSections()
	p.papers = make([]paper, 0, cfg.Papers)
	for si, s := range p.sections {
		for range s.end - s.start {
			f := s.field
			if p.r.IntN(100) < 15 { // reading lists stray off-topic now and then
				f = field(p.r.IntN(int(numFields)))
			}
			p.papers = append(p.papers, p.newPaper(f, si))
		}
	}
	if cfg.Defects {
		p.planRepeats()
		p.planHeadingDefects()
		p.planNoNotes()
	}
	p.planNoteDefects()
	p.planBib(cfg.BibRatio)
	p.planExtra()
	return p
}

// planExtra adds the papers that only the .bib holds, so that it reaches
// cfg.BibEntries entries. Drawn last, they leave every other decision of the
// seed as it was without them.
func (p *plan) planExtra() {
	have := 0
	for i := range p.papers {
		if pp := &p.papers[i]; pp.repeat == rkNone && pp.bib {
			have++
			if pp.bibDefect == bdDuplicateKey {
				have++ // its copy
			}
		}
	}
	for range p.cfg.BibEntries - have {
		p.extra = append(p.extra, p.newPaper(field(p.r.IntN(int(numFields))), 0))
	}
}

// planSections cuts the papers into sections of about 50 and names them.
func (p *plan) planSections() {
	n := p.cfg.Papers
	s := max(1, int(math.Round(float64(n)/papersPerSect)))
	if s > n {
		s = max(n, 1)
	}
	used := map[string]int{}
	prev := 0
	jitter := n / s / 4
	for k := range s {
		end := n
		if k < s-1 {
			end = (k + 1) * n / s
			if jitter > 0 {
				end += p.r.IntN(2*jitter+1) - jitter
			}
			// Every section keeps at least one paper and leaves one
			// for each section after it.
			end = min(max(end, prev+1), n-(s-1-k))
		}
		f := field(p.r.IntN(int(numFields)))
		t := pick(p.r, topics[f])
		used[t]++
		if c := used[t]; c > 1 {
			// Full-width parentheses: they follow Chinese text.
			t += "（" + itoa(c) + "）"
		}
		p.sections = append(p.sections, section{title: t, field: f, start: prev, end: end})
		prev = end
	}
}

// planRepeats turns about 1% of the entries into repeats of earlier ones.
func (p *plan) planRepeats() {
	n := len(p.papers)
	total := roundCount(n, rateRepeat)
	if total == 0 || n < 2 {
		return
	}
	kinds := make([]repeatKind, 0, total)
	for i := range total {
		kinds = append(kinds, []repeatKind{rkExact, rkRetagged, rkTypo}[i%3])
	}
	used := make([]bool, n)
	order := p.r.Perm(n)
	k := 0
	for _, j := range order {
		if k == len(kinds) {
			break
		}
		// The repeat comes later than its source, in another section
		// when there is one.
		lim := j
		if len(p.sections) > 1 {
			lim = p.sections[p.papers[j].section].start
		}
		if used[j] || lim == 0 {
			continue
		}
		src := -1
		for range 20 {
			if i := p.r.IntN(lim); !used[i] {
				src = i
				break
			}
		}
		if src < 0 {
			continue
		}
		if !p.makeRepeat(src, j, kinds[k]) {
			continue
		}
		used[src], used[j] = true, true
		k++
	}
}

// makeRepeat makes entry j a repeat of entry i.
func (p *plan) makeRepeat(i, j int, kind repeatKind) bool {
	s, d := &p.papers[i], &p.papers[j]
	title := s.title
	if kind == rkTypo {
		title = typo(p.r, s.title)
		if title == "" || !p.claimTitle(title) {
			return false
		}
	}
	if kind == rkRetagged {
		// Posted on arXiv first, published a year later at a venue of
		// its field that was held that year.
		var conf *venueInfo
		for range 20 {
			if v := pick(p.r, venuesOf[s.field]); v.entry == "inproceedings" {
				conf = v
				break
			}
		}
		if conf == nil {
			return false
		}
		y := drawYear(p.r, conf, firstYear+1)
		s.venue, s.year = venueByTag("arXiv"), y-1
		d.venue, d.year = conf, y
		s.retagSource = true
	} else {
		d.venue, d.year = s.venue, s.year
	}
	p.releaseTitle(d.title)
	d.field, d.title, d.abbr, d.method, d.org = s.field, title, s.abbr, s.method, s.org
	d.repeat, d.repeatOf = kind, i
	return true
}

// planHeadingDefects spreads venue and organisation tag defects over the
// entries that are not part of a repeat (a repeat must stay an exact or
// near-exact copy).
func (p *plan) planHeadingDefects() {
	source := make([]bool, len(p.papers))
	for i := range p.papers {
		if j := p.papers[i].repeatOf; j >= 0 {
			source[j] = true
		}
	}
	var eligible []int
	for i := range p.papers {
		if p.papers[i].repeat == rkNone && !source[i] {
			eligible = append(eligible, i)
		}
	}
	n := len(p.papers)
	kinds := []struct {
		kind  venueDefect
		count int
	}{
		{vdAlias, roundCount(n, rateVenueAlias)},
		{vdCase, roundCount(n, rateVenueCase)},
	}
	format := roundCount(n, rateVenueFormat)
	for i, k := range []venueDefect{vdSpaceAfterApostrophe, vdNoApostrophe, vdCurlyApostrophe, vdFullYear, vdSpaceBeforeTag} {
		c := format / 5
		if i < format%5 {
			c++
		}
		kinds = append(kinds, struct {
			kind  venueDefect
			count int
		}{k, c})
	}
	order := append([]int(nil), eligible...)
	shuffle(p.r, order)
	at := 0
	for _, k := range kinds {
		for range k.count {
			if at == len(order) {
				break
			}
			pp := &p.papers[order[at]]
			at++
			pp.venueDefect = k.kind
			switch k.kind {
			case vdAlias:
				p.giveAlias(pp)
			case vdCase:
				pp.venueText = caseVariant(p.r, pp.venue.tagFor(pp.year))
			}
		}
	}
	order = append(order[:0], eligible...)
	shuffle(p.r, order)
	at = 0
	for _, k := range []struct {
		kind  orgDefect
		count int
	}{{odCase, roundCount(n, rateOrgCase)}, {odMissing, roundCount(n, rateOrgMissing)}} {
		for range k.count {
			if at == len(order) {
				break
			}
			pp := &p.papers[order[at]]
			at++
			pp.orgDefect = k.kind
			if k.kind == odCase {
				pp.orgText = caseVariant(p.r, pp.org)
			}
		}
	}
}

// giveAlias writes the venue under an alias; a paper whose venue has none
// moves to a venue of its field that has one.
func (p *plan) giveAlias(pp *paper) {
	if a := pp.venue.aliasFor(pp.year); len(a) > 0 {
		pp.venueText = pick(p.r, a)
		return
	}
	var cands []*venueInfo
	for _, v := range venuesOf[pp.field] {
		if len(v.aliases) > 0 || v.tag == "NeurIPS" {
			cands = append(cands, v)
		}
	}
	if len(cands) == 0 {
		cands = []*venueInfo{venueByTag("NeurIPS")}
	}
	v := pick(p.r, cands)
	from := firstYear
	if v.tag == "NeurIPS" {
		from = 2018 // NIPS is an alias only once the name changed
	}
	pp.venue, pp.year = v, drawYear(p.r, v, from)
	pp.venueText = pick(p.r, v.aliasFor(pp.year))
}

// caseVariant returns s in a case the canonical spelling does not use:
// mostly all lower case (cvpr, google), sometimes capitalised (Cvpr) or
// upper case (GOOGLE).
func caseVariant(r *rand.Rand, s string) string {
	lower, upper := strings.ToLower(s), strings.ToUpper(s)
	capital := strings.ToUpper(lower[:1]) + lower[1:]
	var v string
	switch x := r.IntN(10); {
	case x < 7:
		v = lower
	case x < 9:
		v = capital
	default:
		v = upper
	}
	for _, alt := range []string{v, lower, capital, upper} {
		if alt != s {
			return alt
		}
	}
	return lower
}

// planNoNotes leaves about 3% of the entries without notes.
func (p *plan) planNoNotes() {
	order := p.r.Perm(len(p.papers))
	for _, i := range order[:roundCount(len(p.papers), rateNoNotes)] {
		p.papers[i].noNotes = true
	}
}

// planNoteDefects picks which notes carry which defect, by exact count.
func (p *plan) planNoteDefects() {
	total := 0
	for i := range p.papers {
		if !p.papers[i].noNotes {
			total += notesPerPaper
		}
	}
	p.noteFlags = make([]uint8, total)
	if !p.cfg.Defects {
		return
	}
	for _, bit := range []struct {
		rate float64
		flag uint8
	}{{rateASCIIPunct, 1}, {rateCJKSpacing, 2}} {
		for _, i := range p.r.Perm(total)[:roundCount(total, bit.rate)] {
			p.noteFlags[i] |= bit.flag
		}
	}
	if d := min(max(p.cfg.DenseNotes, 0), 1); d > 0 {
		// A stream of its own, so that the other choices stay those of
		// a sparse run with the same seed.
		r := rand.New(rand.NewPCG(p.cfg.Seed, 0xd3e5e))
		for _, i := range r.Perm(total)[:roundCount(total, d)] {
			p.noteFlags[i] |= 2 | 4
		}
	}
}

// planBib decides which distinct papers get an entry and which entries
// are wrong. Repeats share their source's entry; both halves of a
// re-tagged pair stay out, because the two tags disagree on the year and
// an entry would make the year check count them twice.
func (p *plan) planBib(ratio float64) {
	var eligible []int
	distinct := 0
	for i := range p.papers {
		if p.papers[i].repeat != rkNone {
			continue
		}
		distinct++
		if !p.papers[i].retagSource {
			eligible = append(eligible, i)
		}
	}
	want := min(roundCount(distinct, ratio), len(eligible))
	shuffle(p.r, eligible)
	chosen := eligible[:want]
	for _, i := range chosen {
		p.papers[i].bib = true
	}
	if !p.cfg.Defects {
		return
	}
	other := roundCount(want, rateBibOther)
	kinds := []struct {
		kind  bibDefect
		count int
	}{
		{bdYear, roundCount(want, rateBibYear)},
		{bdPages, other - 2*(other/3)},
		{bdMissingField, other / 3},
		{bdDuplicateKey, other / 3},
	}
	shuffle(p.r, chosen)
	taken := make([]bool, len(chosen))
	for _, k := range kinds {
		at := 0
		for range k.count {
			// Pages and required fields only exist for proceedings and
			// articles; a @misc arXiv entry cannot carry those defects.
			for at < len(chosen) && (taken[at] || k.kind != bdYear && k.kind != bdDuplicateKey &&
				p.papers[chosen[at]].venue.entry == "misc") {
				at++
			}
			if at == len(chosen) {
				break
			}
			taken[at] = true
			p.papers[chosen[at]].bibDefect = k.kind
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func shuffle(r *rand.Rand, s []int) {
	r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
}

// Findings per paper of a generated list, measured with papers lint's
// default rules on 3,000 papers with their .bib: the sparse defects alone
// give 1.70, and each share of dense notes adds 20.77 times it (linear:
// 0.25 gives 6.90, 0.5 gives 12.20, 1 gives 22.47).
const (
	sparseDensity   = 1.70
	densityPerDense = 20.77
)

// SeedDensity is the findings per paper of the project's seed notes
// (../shared/corpus/notes/weekly-papers-readme.md: 262 findings for 26
// papers, most of them cjk-spacing in notes written without spaces): the
// density bench/gen generates by default, since real notes are that dense.
const SeedDensity = 10.0

// DenseNotesFor returns the share of dense notes that gives about the
// given findings per paper; densities at or below the sparse one give 0.
func DenseNotesFor(findingsPerPaper float64) float64 {
	return min(max((findingsPerPaper-sparseDensity)/densityPerDense, 0), 1)
}
