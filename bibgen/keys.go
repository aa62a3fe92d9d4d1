package bibgen

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/paperlint/papers/internal/ident"
	"github.com/paperlint/papers/notes"
	"github.com/paperlint/papers/venue"
)

// DefaultKeyFormat is the key template used when none is given:
// neurips2019mobius for "Möbius Transformation for Fast Inner Product Search
// on Graph[NIPS'19]".
const DefaultKeyFormat = "{venue}{year}{word}"

// Placeholders lists the names a key template may use, each written in
// braces: {venue} the venue's tag for the paper's year as the registry spells
// it (NIPS'19 gives neurips, S&P gives sp), or the tag as written when the
// venue is unknown; {year} four digits; {yy} two digits; {word}, {word2} and
// {word3} the first three significant title words (stop words such as a, the,
// of, for, towards skipped); {abbrev} the title's abbreviation such as DIN,
// else {word}; {org} the first organisation. Every value is lower-case ASCII
// letters and digits: accents are dropped (Möbius gives mobius) and other
// scripts (CJK) are skipped. A value the paper lacks is empty.
var Placeholders = []string{"venue", "year", "yy", "word", "word2", "word3", "abbrev", "org"}

// stopWords are skipped when picking a title's significant words.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "on": true, "of": true, "for": true,
	"towards": true, "toward": true, "to": true, "in": true, "and": true,
	"with": true, "via": true, "by": true, "at": true, "from": true, "into": true,
	"is": true, "are": true, "as": true,
}

// KeyFormat is a parsed key template such as "{venue}{year}{word}".
type KeyFormat struct {
	src   string
	parts []keyPart
}

type keyPart struct {
	lit         string // literal text, when placeholder is ""
	placeholder string
}

// ParseKeyFormat reads a key template: placeholders in braces (see
// Placeholders) and literal ASCII letters, digits and - _ : . between them.
// It needs at least one placeholder. Other characters are refused because
// BibTeX or LaTeX would trip on them in a key.
func ParseKeyFormat(s string) (*KeyFormat, error) {
	kf := &KeyFormat{src: s}
	seen := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("key format %q: { at byte %d is not closed", s, i)
			}
			name := s[i+1 : i+end]
			if !isPlaceholder(name) {
				return nil, fmt.Errorf("key format %q: unknown placeholder {%s} (known: {%s})", s, name, strings.Join(Placeholders, "}, {"))
			}
			kf.parts = append(kf.parts, keyPart{placeholder: name})
			seen = true
			i += end + 1
		case c == '}':
			return nil, fmt.Errorf("key format %q: } at byte %d closes nothing", s, i)
		case isKeyLiteral(c):
			j := i
			for j < len(s) && isKeyLiteral(s[j]) {
				j++
			}
			kf.parts = append(kf.parts, keyPart{lit: s[i:j]})
			i = j
		default:
			return nil, fmt.Errorf("key format %q: %q at byte %d is not allowed in a key (use letters, digits, - _ : .)", s, c, i)
		}
	}
	if !seen {
		return nil, fmt.Errorf("key format %q has no placeholder, so every key would be the same (known: {%s})", s, strings.Join(Placeholders, "}, {"))
	}
	return kf, nil
}

// String returns the template as it was parsed.
func (kf *KeyFormat) String() string { return kf.src }

func isPlaceholder(name string) bool { return slices.Contains(Placeholders, name) }

func isKeyLiteral(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == ':' || c == '.'
}

// Key returns the base key of p before collisions are settled: the template
// with its placeholders filled. It is "paper" when that comes out empty
// (a CJK title with no venue tag).
func (kf *KeyFormat) Key(p *notes.Paper, reg *venue.Registry) string { return kf.key(nil, p, reg) }

// key is Key with the paper's document, whose bare URLs may give the year.
func (kf *KeyFormat) key(d *notes.Document, p *notes.Paper, reg *venue.Registry) string {
	var b strings.Builder
	var words []string
	wordsDone := false
	word := func(n int) string {
		if !wordsDone {
			words = SignificantWords(p.Title, 3)
			wordsDone = true
		}
		if n < len(words) {
			return words[n]
		}
		return ""
	}
	for _, part := range kf.parts {
		switch part.placeholder {
		case "":
			b.WriteString(part.lit)
		case "venue":
			b.WriteString(ASCIIFold(venueTag(d, p, reg)))
		case "year":
			if y := yearOf(d, p); y > 0 {
				b.WriteString(strconv.Itoa(y))
			}
		case "yy":
			if y := yearOf(d, p); y > 0 {
				fmt.Fprintf(&b, "%02d", y%100)
			}
		case "word":
			b.WriteString(word(0))
		case "word2":
			b.WriteString(word(1))
		case "word3":
			b.WriteString(word(2))
		case "abbrev":
			if a := ASCIIFold(p.Abbrev); a != "" {
				b.WriteString(a)
			} else {
				b.WriteString(word(0))
			}
		case "org":
			if len(p.Orgs) > 0 {
				b.WriteString(ASCIIFold(p.Orgs[0].Name))
			}
		}
	}
	if b.Len() == 0 {
		return "paper"
	}
	return b.String()
}

// venueTag is the tag the registry gives the paper's venue for its year
// (NIPS'19 is NeurIPS), or the tag as written when the venue is unknown.
func venueTag(d *notes.Document, p *notes.Paper, reg *venue.Registry) string {
	if p.VenueOrText() == nil {
		return ""
	}
	if v := lookupVenue(p, reg); v != nil {
		if y := yearOf(d, p); y > 0 {
			return v.TagFor(y)
		}
		return v.Tag
	}
	return venueName(p)
}

// yearOf is a paper's year: its venue tag's, else that of the arXiv id of a
// link of the entry (2312.17117 was submitted in 2023; an accepted
// version may be a year later, which a tag would say), else that of a
// section named by a year ("2023", "2023年"); 0 when none says.
//
// d, when not nil, is the paper's document: its bare URLs count as links.
func yearOf(d *notes.Document, p *notes.Paper) int {
	if p.VenueOrText() != nil && p.VenueOrText().Year != 0 {
		return p.VenueOrText().Year
	}
	if id := fromLinks(d, p, ident.ArXivFromURL); id != "" {
		if y := arXivYear(id); y > 0 {
			return y
		}
	}
	if p.Section != nil {
		if m := sectionYear.FindStringSubmatch(sectionText(p.Section.Title)); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
	return 0
}

// sectionYear is a section title that names one year and little else.
var sectionYear = regexp.MustCompile(`^\D{0,16}?((?:19|20)\d\d)\D{0,16}$`)

// arXivYear is the year an arXiv identifier was assigned: YYMM.NNNNN since
// 2007, archive/YYMMNNN before (from 1991).
func arXivYear(id string) int {
	s := id
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	if len(s) < 4 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0
	}
	yy := int(s[0]-'0')*10 + int(s[1]-'0')
	if strings.Contains(id, "/") && yy >= 91 {
		return 1900 + yy
	}
	return 2000 + yy
}

// SignificantWords returns up to n words of a title in key form (see
// ASCIIFold), skipping stop words and words that fold to nothing (CJK).
// Words are separated by white space, so "Click-Through" gives
// "clickthrough".
func SignificantWords(title string, n int) []string {
	var out []string
	for _, w := range strings.Fields(title) {
		k := ASCIIFold(w)
		if k == "" || stopWords[k] {
			continue
		}
		out = append(out, k)
		if len(out) == n {
			break
		}
	}
	return out
}

// foldSpecial are letters that do not decompose into an ASCII letter and a
// mark.
var foldSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th",
	'ı': "i", 'ĸ': "k", 'ŋ': "n", 'Ŋ': "n",
}

// ASCIIFold returns s as lower-case ASCII letters and digits for a key:
// accents are dropped after compatibility decomposition (ö gives o, é gives
// e, a full-width Ａ gives a),
// ß, æ, ø and the like are spelled out, and everything else (punctuation,
// CJK, Greek) is skipped, so a key never carries a character some LaTeX
// setups reject.
func ASCIIFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + ('a' - 'A'))
		case unicode.Is(unicode.Mn, r):
			// The accent of a decomposed letter.
		default:
			if f, ok := foldSpecial[r]; ok {
				b.WriteString(f)
			}
		}
	}
	return b.String()
}

// Keys hands out citation keys that are unique, ignoring case as BibTeX does.
// Keys already taken (those of the companion .bib) are reserved first; then
// each paper, in order of appearance, gets its base key, or the base key with
// a suffix b, c, ..., z, ba, bb ... when it is taken. So adding a paper never
// changes the key of an earlier one, nor of a later one unless their base
// keys are equal.
type Keys struct {
	used map[string]bool
	// next is, per base key, the suffix number to try first. Keys are
	// never released, so every number below it is still taken and a long
	// run of equal bases costs no rescans.
	next map[string]int
}

// NewKeys returns a Keys with nothing reserved.
func NewKeys() *Keys { return &Keys{used: map[string]bool{}, next: map[string]int{}} }

// Reserve marks a key as taken.
func (k *Keys) Reserve(key string) { k.used[strings.ToLower(key)] = true }

// Taken reports whether a key is taken, ignoring case.
func (k *Keys) Taken(key string) bool { return k.used[strings.ToLower(key)] }

// Assign returns the first free key among base, base+"b", base+"c", ... and
// reserves it.
func (k *Keys) Assign(base string) string {
	key := base
	n := k.next[base]
	if n > 0 {
		key = base + suffix(n)
	}
	for k.Taken(key) {
		n++
		key = base + suffix(n)
	}
	k.next[base] = n + 1
	k.Reserve(key)
	return key
}

// suffix writes n in base 26 with digits a..z: 1 is b, 25 is z, 26 is ba.
// The first collision gets b, since the first paper keeps the bare key
// (which reads as the a of the series).
func suffix(n int) string {
	var buf []byte
	for n > 0 {
		buf = append(buf, byte('a'+n%26))
		n /= 26
	}
	for i, j := 0, len(buf)-1; i < j; i, j = i+1, j-1 {
		buf[i], buf[j] = buf[j], buf[i]
	}
	return string(buf)
}
