// Package ident reads the identifiers that tell papers apart, DOIs and
// arXiv identifiers, from links in the notes and from .bib field values.
// It is their one reader: `papers bib` (bibgen), the pairing of notes with
// .bib entries (match) and the .bib rules all call it, so that a link names
// the same paper for each of them.
package ident

import (
	"net/url"
	"strings"

	"github.com/paperlint/papers/internal/latex"
)

// doiHosts are the DOI resolvers whose URLs name a DOI in their path.
var doiHosts = [...]string{"doi.org/", "dx.doi.org/", "www.doi.org/"}

// TrimDOIPrefix removes what may stand before a DOI, ignoring case: a
// resolver URL (https://doi.org/, http://dx.doi.org/, www.doi.org/ and the
// like, with or without the scheme) or "doi:". It returns the rest with
// white space trimmed, case kept, and whether a prefix was there.
func TrimDOIPrefix(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if hasPrefixFold(s, "doi:") {
		return strings.TrimSpace(s[len("doi:"):]), true
	}
	rest := s
	for _, scheme := range [...]string{"https://", "http://"} {
		if hasPrefixFold(rest, scheme) {
			rest = rest[len(scheme):]
			break
		}
	}
	for _, host := range doiHosts {
		if hasPrefixFold(rest, host) {
			return strings.TrimSpace(rest[len(host):]), true
		}
	}
	return s, false
}

// DOI returns the DOI that s names, in lower case (DOIs compare ignoring
// case), or "" when s names none. s is a bare DOI ("10.1145/3219819.3219823"),
// one after "doi:", or a resolver URL; LaTeX in it is resolved
// ({10.1000/{ABC}}, \_), and a percent-escaped URL path is unescaped. A DOI
// starts with "10.", has a "/" and no white space.
func DOI(s string) string {
	d := DOIAsWritten(s)
	if d == "" {
		return ""
	}
	return strings.ToLower(d)
}

// DOIAsWritten is DOI with the case kept, as the publisher registered it
// (for writing; compare with DOI).
func DOIAsWritten(s string) string {
	if strings.ContainsAny(s, "{\\") {
		s = latex.Plain(s)
	}
	s, _ = TrimDOIPrefix(s)
	if !strings.HasPrefix(s, "10.") {
		return ""
	}
	if strings.IndexByte(s, '%') >= 0 {
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		}
	}
	if strings.IndexByte(s, '/') < 0 || strings.ContainsAny(s, " \t\n") {
		return ""
	}
	return s
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// indexFold is strings.Index ignoring ASCII case, without allocating; sub
// must be lower case.
func indexFold(s, sub string) int {
	if len(sub) == 0 {
		return 0
	}
	first := sub[0]
	for i := 0; i+len(sub) <= len(s); i++ {
		c := s[i]
		if c|0x20 != first && c != first {
			continue
		}
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
