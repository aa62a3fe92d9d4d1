package match

import (
	"regexp"
	"strings"

	"github.com/paperlint/papers/bib"
)

// oldArXiv is an identifier of the scheme used until March 2007:
// archive(.subject-class)/YYMMNNN, e.g. hep-th/9901001 or math.GT/0309136.
var oldArXiv = regexp.MustCompile(`(?i)\b([a-z][a-z-]*(?:\.[a-z]{2})?/\d{7})(?:v\d+)?\b`)

// ArXivID returns e's arXiv identifier without its version suffix ("2001.08361",
// "hep-th/9901001"), "" when e names none. It is read from the eprint field
// (unless archivePrefix or eprinttype names another archive), an arxiv.org
// URL, an arXiv DOI (10.48550/arXiv.ID), DBLP's CoRR volume "abs/ID", and
// "arXiv:ID" in journal, howpublished, note or booktitle.
func ArXivID(e *bib.Entry) string {
	if ep := e.Get("eprint"); ep != "" {
		arch := strings.ToLower(strings.TrimSpace(e.Get("archiveprefix") + e.Get("eprinttype")))
		if arch == "" || arch == "arxiv" {
			if id := findArXiv(ep, arch == "arxiv"); id != "" {
				return id
			}
		}
	}
	if u := e.Get("url"); u != "" {
		if id := arXivFromURL(u); id != "" {
			return id
		}
	}
	if d := e.Get("doi"); indexFold(d, "10.48550/") >= 0 {
		d = NormalizeDOI(d)
		if id := strings.TrimPrefix(d, "10.48550/arxiv."); id != d {
			if id = findArXiv(id, true); id != "" {
				return id
			}
		}
	}
	if j := e.Get("journal"); strings.EqualFold(strings.TrimSpace(bib.PlainText(j)), "corr") {
		if v := strings.TrimSpace(e.Get("volume")); strings.HasPrefix(strings.ToLower(v), "abs/") {
			if id := findArXiv(v[4:], true); id != "" {
				return id
			}
		}
	}
	for _, name := range []string{"journal", "howpublished", "note", "booktitle"} {
		v := e.Get(name)
		if !mentionsArXiv(v) {
			continue
		}
		i := indexFold(v, "arxiv:")
		if i < 0 {
			i = indexFold(v, "arxiv ")
		}
		if i < 0 {
			continue
		}
		if id := findArXiv(v[i+len("arxiv:"):], true); id != "" {
			return id
		}
	}
	return ""
}

// arXivFromURL returns the identifier of an arxiv.org abs, pdf or html URL,
// or of an arXiv DOI URL; "" otherwise.
func arXivFromURL(u string) string {
	if !mentionsArXiv(u) && !strings.Contains(u, "10.48550") {
		return ""
	}
	if i := indexFold(u, "arxiv.org/"); i >= 0 {
		rest := u[i+len("arxiv.org/"):]
		for _, pre := range []string{"abs/", "pdf/", "html/", "format/"} {
			if hasPrefixFold(rest, pre) {
				return findArXiv(rest[len(pre):], true)
			}
		}
		return ""
	}
	if indexFold(u, "10.48550/") < 0 {
		return ""
	}
	if d := NormalizeDOI(u); strings.HasPrefix(d, "10.48550/arxiv.") {
		return findArXiv(d[len("10.48550/arxiv."):], true)
	}
	return ""
}

// findArXiv returns the first arXiv identifier at the start of s (after
// white space), or anywhere in s when anywhere is set; "" when there is
// none. New-style identifiers are YYMM.NNNN or YYMM.NNNNN; old-style ones
// need anywhere, since "cs/0101001" could be a path in other contexts.
func findArXiv(s string, anywhere bool) string {
	s = strings.TrimSpace(s)
	for i := 0; i+9 <= len(s); i++ {
		if id, ok := newArXivAt(s, i); ok {
			return id
		}
		if !anywhere {
			break
		}
	}
	if m := oldArXiv.FindStringSubmatch(s); m != nil && (anywhere || strings.HasPrefix(s, m[0])) {
		return strings.ToLower(m[1])
	}
	return ""
}

// newArXivAt reads YYMM.NNNN(N) at s[i:], not preceded or followed by a
// digit, and returns it without a version.
func newArXivAt(s string, i int) (string, bool) {
	if i > 0 && isDigit(s[i-1]) {
		return "", false
	}
	for k := 0; k < 4; k++ {
		if !isDigit(s[i+k]) {
			return "", false
		}
	}
	if s[i+4] != '.' {
		return "", false
	}
	j := i + 5
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if n := j - i - 5; n != 4 && n != 5 {
		return "", false
	}
	return s[i:j], true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// normalizeArXiv returns id without an "arXiv:" prefix and a version suffix,
// lower-cased; "" when it is no arXiv identifier.
func normalizeArXiv(id string) string {
	id = strings.TrimSpace(id)
	if strings.HasPrefix(strings.ToLower(id), "arxiv:") {
		id = id[len("arxiv:"):]
	}
	if got := arXivFromURL(id); got != "" {
		return got
	}
	return findArXiv(id, false)
}

// mentionsArXiv is a quick test for "arxiv" in any case, with
// strings.Contains's fast search instead of a case-folding scan.
func mentionsArXiv(s string) bool {
	return len(s) >= 5 && (strings.Contains(s, "rXiv") || strings.Contains(s, "rxiv") || strings.Contains(s, "RXIV") || strings.Contains(s, "RXiv"))
}
