package rules

import (
	"github.com/paperlint/papers/bib"
	"github.com/paperlint/papers/lint"
)

// bibRules are the rules on .bib files and on notes against their
// companion .bib, in the order `papers rules` lists them.
func bibRules() []*lint.Rule {
	return []*lint.Rule{
		BibSyntax,
		BibCommentInEntry,
		BibEncoding,
		BibDuplicateKey,
		BibDuplicateField,
		BibRequiredFields,
		BibFieldFormat,
		BibDuplicateEntry,
		BibMissing,
		BibMismatch,
		BibUnused,
	}
}

// bibOf returns the pass's .bib file, or nil.
func bibOf(p *lint.Pass) *lint.File {
	if p.File == nil || p.File.Bib == nil {
		return nil
	}
	return p.File
}

// reportScanner turns the scanner's diagnostics with the given code into
// findings of the pass's rule, keeping the scanner's message and related
// places.
func reportScanner(p *lint.Pass, code string) {
	f := bibOf(p)
	if f == nil {
		return
	}
	n := 0
	for i := range f.Bib.Diagnostics {
		if f.Bib.Diagnostics[i].Code == code {
			n++
		}
	}
	p.Grow(n) // a broken file can have hundreds of thousands
	for _, d := range f.Bib.Diagnostics {
		if d.Code != code {
			continue
		}
		p.Report(lint.Diagnostic{Start: d.Start, End: d.End, Message: d.Message, More: lint.WithRelated(relatedOf(f, d.Related))})
	}
}

// relatedOf converts the scanner's related places; a place without a file
// is in f.
func relatedOf(f *lint.File, rs []bib.Related) []lint.Related {
	var out []lint.Related
	for _, r := range rs {
		file := r.File
		if file == "" {
			file = f.Path
		}
		out = append(out, lint.Related{File: file, Start: r.Span.Start, End: r.Span.End, Message: r.Message})
	}
	return out
}

// entryHead is the span from an entry's @ to the end of its key: where
// findings about a whole entry point.
func entryHead(e *bib.Entry) (start, end int) {
	end = e.KeySpan.End
	if end <= e.Span.Start {
		end = e.TypeSpan.End
	}
	return e.Span.Start, end
}
