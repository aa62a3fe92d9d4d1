package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/paperlint/papers/lint"
)

// Reviewdog Diagnostic Format (rdjson). Its columns count UTF-8 bytes, as
// its spec says, unlike the character columns of the other formats.
type rdResult struct {
	Source      rdSource       `json:"source"`
	Severity    string         `json:"severity,omitempty"`
	Diagnostics []rdDiagnostic `json:"diagnostics"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdDiagnostic struct {
	Message          string              `json:"message"`
	Location         rdLocation          `json:"location"`
	Severity         string              `json:"severity"`
	Source           rdSource            `json:"source"`
	Code             rdCode              `json:"code"`
	Suggestions      []rdSuggestion      `json:"suggestions,omitempty"`
	RelatedLocations []rdRelatedLocation `json:"related_locations,omitempty"`
}

// rdRelatedLocation is another place that explains a finding (the other
// copy of a duplicate).
type rdRelatedLocation struct {
	Message  string     `json:"message,omitempty"`
	Location rdLocation `json:"location"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPos `json:"start"`
	End   rdPos `json:"end"`
}

type rdPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

func writeRDJSON(w io.Writer, f *lint.Findings, ix *index, opt Options) error {
	a, err := rdjsonSplice(ix, opt)
	if err != nil {
		return err
	}
	return writeSplice(w, a, f, opt.jobs())
}

// rdjsonSplice is the rdjson result, its diagnostics as an arraySplice.
func rdjsonSplice(ix *index, opt Options) (*arraySplice, error) {
	// code.url: each rule's documentation, looked up once per rule.
	urls := map[string]string{}
	for _, r := range opt.Rules {
		if _, dup := urls[r.ID]; r != nil && !dup {
			urls[r.ID] = docLink(r, opt.Docs)
		}
	}
	// The result is encoded with an empty list, then the diagnostics are
	// encoded in parallel parts into it.
	var skeleton bytes.Buffer
	enc := json.NewEncoder(&skeleton)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rdResult{Source: rdSource{Name: "papers"}, Diagnostics: []rdDiagnostic{}}); err != nil {
		return nil, err
	}
	return &arraySplice{skeleton: skeleton.Bytes(), marker: `"diagnostics":[]`, item: func(_ int, d *lint.Diagnostic) any {
		return toRDJSON(d, ix, urls[d.Rule])
	}}, nil
}

// toRDJSON converts one diagnostic; url is its rule's documentation.
func toRDJSON(d *lint.Diagnostic, ix *index, url string) rdDiagnostic {
	rng := func(file string, a, b int) rdRange {
		s, e := ix.pos(file, a), ix.pos(file, b)
		return rdRange{Start: rdPos{s.Line, s.ColumnByte}, End: rdPos{e.Line, e.ColumnByte}}
	}
	sev := "WARNING"
	switch d.Severity {
	case lint.Error:
		sev = "ERROR"
	case lint.Info:
		sev = "INFO"
	}
	rd := rdDiagnostic{
		Message:  d.Message,
		Location: rdLocation{Path: d.File, Range: rng(d.File, d.Start, d.End)},
		Severity: sev, Source: rdSource{Name: "papers"},
		Code: rdCode{Value: d.Rule, URL: url},
	}
	if d.HasFix() {
		var one [1]lint.Edit
		for _, e := range lineEdits(d.FixEdits(one[:0]), ix.byPath[d.File]) {
			rd.Suggestions = append(rd.Suggestions, rdSuggestion{Range: rng(d.File, e.Start, e.End), Text: e.New})
		}
	}
	for _, r := range d.Related() {
		rd.RelatedLocations = append(rd.RelatedLocations, rdRelatedLocation{
			Message: r.Message, Location: rdLocation{Path: r.File, Range: rng(r.File, r.Start, r.End)},
		})
	}
	return rd
}

// lineEdits joins the edits of one fix that lie on one line of f into one
// edit covering them, with the text between them kept: reviewdog makes
// each suggestion a review block of its own, and the two halves of a fix
// (the braces around a title) would each apply alone. Edits on other
// lines stay apart, so that a suggestion never spans text the fix does
// not change over several lines. Without f's text, or with overlapping
// edits, the edits are returned in order as they are.
func lineEdits(edits []lint.Edit, f *lint.File) []lint.Edit {
	sorted := sortedEdits(edits)
	if f == nil || len(sorted) < 2 {
		return sorted
	}
	n := len(f.Src)
	for i := range sorted {
		e := &sorted[i]
		e.Start, e.End = min(max(e.Start, 0), n), min(max(e.End, 0), n)
		if e.End < e.Start || i > 0 && e.Start < sorted[i-1].End {
			return sortedEdits(edits)
		}
	}
	lines := f.Lines()
	var out []lint.Edit
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && lines.Position(sorted[j].Start).Line == lines.Position(sorted[j-1].End).Line {
			j++
		}
		if j == i+1 {
			out = append(out, sorted[i])
			i = j
			continue
		}
		var text strings.Builder
		at := sorted[i].Start
		for _, e := range sorted[i:j] {
			text.Write(f.Src[at:e.Start])
			text.WriteString(e.New)
			at = e.End
		}
		out = append(out, lint.Edit{Start: sorted[i].Start, End: at, New: text.String()})
		i = j
	}
	return out
}
