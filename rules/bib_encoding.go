package rules

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/paperlint/papers/lint"
)

// BibEncoding reports bytes of a .bib file that are not UTF-8, and NUL
// bytes: BibTeX 0.99d copies bytes as they are, so a Latin-1 "é" reaches
// the bibliography as a broken character under \usepackage[utf8]{inputenc}
// (and biber refuses the file), and a NUL byte ends what some tools read.
// Each run of bad bytes is one finding.
var BibEncoding = &lint.Rule{
	ID:       "bib-encoding",
	Summary:  "the .bib file has bytes that are not UTF-8, or NUL bytes",
	Severity: lint.Error,
	Scope:    lint.BibScope,
	Check:    checkBibEncoding,
}

// maxEncodingFindings bounds the findings of one file: a binary file
// renamed .bib would otherwise give one per byte.
const maxEncodingFindings = 20

func checkBibEncoding(p *lint.Pass) {
	f := bibOf(p)
	if f == nil {
		return
	}
	src := f.Src
	if bytes.IndexByte(src, 0) < 0 && utf8.Valid(src) {
		// The usual file: two vectorised passes instead of decoding
		// every rune.
		return
	}
	n := 0
	for i := 0; i < len(src) && n < maxEncodingFindings; {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == 0:
			end := i + 1
			for end < len(src) && src[end] == 0 {
				end++
			}
			p.Reportf(f, i, end, "%s; delete it (a .bib file is text)", plural(end-i, "a NUL byte", fmt.Sprintf("%d NUL bytes", end-i)))
			n++
			i = end
		case r == utf8.RuneError && size <= 1:
			end := i + 1
			for end < len(src) {
				if r2, s2 := utf8.DecodeRune(src[end:]); r2 != utf8.RuneError || s2 > 1 {
					break
				}
				end++
			}
			p.Reportf(f, i, end, "bytes that are not UTF-8 (% x); save the file as UTF-8, or write the character as LaTeX ({\\'e})", bytes.TrimSpace(src[i:min(end, i+8)]))
			n++
			i = end
		default:
			i += size
		}
	}
}

// plural picks the word for n things.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
