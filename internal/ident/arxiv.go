package ident

import (
	"regexp"
	"strings"
)

// oldArXiv is an identifier of the scheme used until March 2007:
// archive(.subject-class)/YYMMNNN, e.g. hep-th/9901001 or math.GT/0309136.
var oldArXiv = regexp.MustCompile(`(?i)\b([a-z][a-z-]*(?:\.[a-z]{2})?/\d{7})(?:v\d+)?\b`)

// arXivDOIPrefix starts the DOIs arXiv registers for its papers
// (10.48550/arXiv.2001.08361), compared in lower case.
const arXivDOIPrefix = "10.48550/arxiv."

// ArXivFromURL returns the arXiv identifier named by a link, as written and
// without its version ("2001.08361", "math.GT/0309136"), or "" when the
// link names none. A link names one when it is an abs, pdf, html or format
// page of arxiv.org or one of its subdomains (www., export., ar5iv.labs.)
// with the identifier right after that path word, or an arXiv DOI
// (https://doi.org/10.48550/arXiv.2001.08361, bare or as a resolver URL).
// The scheme may be missing; any other host, or a path that only contains an identifier
// somewhere further on, names none.
func ArXivFromURL(u string) string {
	u = strings.TrimSpace(u)
	if !mentionsArXiv(u) && !strings.Contains(u, "10.48550") {
		return ""
	}
	if i := indexFold(u, "arxiv.org/"); i >= 0 && isHostPrefix(u[:i]) {
		rest := u[i+len("arxiv.org/"):]
		for _, pre := range [...]string{"abs/", "pdf/", "html/", "format/"} {
			if hasPrefixFold(rest, pre) {
				return arXivPathID(rest[len(pre):])
			}
		}
		return ""
	}
	return arXivFromDOI(u)
}

// arXivFromDOI returns the identifier of an arXiv DOI (10.48550/arXiv.ID),
// bare or as a resolver URL, as written and without its version.
func arXivFromDOI(s string) string {
	if d := DOIAsWritten(s); hasPrefixFold(d, arXivDOIPrefix) {
		return findArXiv(d[len(arXivDOIPrefix):], false)
	}
	return ""
}

// isHostPrefix reports whether s, the text of a link before "arxiv.org/",
// makes that the link's host: an optional http:// or https:// and then
// only subdomain labels ("www.", "export.", "ar5iv.labs.").
func isHostPrefix(s string) bool {
	for _, scheme := range [...]string{"https://", "http://"} {
		if hasPrefixFold(s, scheme) {
			s = s[len(scheme):]
			break
		}
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" {
			continue // the empty label after the last dot
		}
		for i := 0; i < len(label); i++ {
			if !hostByte(label[i]) {
				return false
			}
		}
	}
	return s == "" || strings.HasSuffix(s, ".")
}

// arXivPathID reads the identifier at the start of a link path after
// abs/, pdf/ and the like: the identifier, an optional version, and then
// the end, "/", "?", "#" or ".pdf".
func arXivPathID(p string) string {
	id, n := "", 0
	if got, ok := newArXivAt(p, 0); ok {
		id, n = got, len(got)
	} else if m := oldArXiv.FindStringSubmatchIndex(p); m != nil && m[0] == 0 {
		id, n = p[m[2]:m[3]], m[1]
	} else {
		return ""
	}
	rest := p[n:]
	if len(rest) >= 2 && rest[0] == 'v' && isDigit(rest[1]) {
		rest = strings.TrimLeft(rest[1:], "0123456789")
	}
	if rest == "" || rest[0] == '/' || rest[0] == '?' || rest[0] == '#' || hasPrefixFold(rest, ".pdf") {
		return id
	}
	return ""
}

// ArXiv returns the arXiv identifier s stands for, as written and without
// its version: a bare identifier ("1706.03762v1", "hep-th/9901001"), one
// after "arXiv:", or a link (see ArXivFromURL); "" when s is none of them.
func ArXiv(s string) string {
	s = strings.TrimSpace(s)
	if hasPrefixFold(s, "arxiv:") {
		s = s[len("arxiv:"):]
	}
	if got := ArXivFromURL(s); got != "" {
		return got
	}
	return findArXiv(s, false)
}

// ArXivKey returns the form arXiv identifiers are compared in: lower case,
// since old-style subject classes are written both math.GT and math.gt.
func ArXivKey(id string) string { return strings.ToLower(id) }

// ArXivInText returns the identifier written after "arXiv:" or "arXiv " in
// free text, such as a journal "arXiv preprint arXiv:1810.04805" or a note;
// "" when there is none.
func ArXivInText(s string) string {
	if !mentionsArXiv(s) {
		return ""
	}
	i := indexFold(s, "arxiv:")
	if i < 0 {
		i = indexFold(s, "arxiv ")
	}
	if i < 0 {
		return ""
	}
	return findArXiv(s[i+len("arxiv:"):], true)
}

// findArXiv returns the first arXiv identifier at the start of s (after
// white space), or anywhere in s when anywhere is set; "" when there is
// none. New-style identifiers are YYMM.NNNN or YYMM.NNNNN; old-style ones
// need anywhere, since "cs/0101001" could be a path in other contexts. The
// identifier is returned as written, without its version.
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
		return m[1]
	}
	return ""
}

// newArXivAt reads YYMM.NNNN(N) at s[i:], not preceded or followed by a
// digit, and returns it without a version.
func newArXivAt(s string, i int) (string, bool) {
	if i+9 > len(s) || i > 0 && isDigit(s[i-1]) {
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

// mentionsArXiv is a quick test for "arxiv" in any case, with
// strings.Contains's fast search instead of a case-folding scan.
func mentionsArXiv(s string) bool {
	return len(s) >= 5 && (strings.Contains(s, "rXiv") || strings.Contains(s, "rxiv") || strings.Contains(s, "RXIV") || strings.Contains(s, "RXiv"))
}

// hostByte reports whether b may appear in a host name label: an ASCII
// letter, a digit or a hyphen.
func hostByte(b byte) bool {
	c := b | 0x20 // lower case, for letters
	return c >= 'a' && c <= 'z' || b >= '0' && b <= '9' || b == '-'
}
