package report

import (
	"bytes"
	"encoding/json"
	"io"

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
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Source      rdSource       `json:"source"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
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

func writeRDJSON(w io.Writer, diags []lint.Diagnostic, ix *index, jobs int) error {
	// The result is encoded with an empty list, then the diagnostics are
	// encoded in parallel parts into it.
	var skeleton bytes.Buffer
	enc := json.NewEncoder(&skeleton)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rdResult{Source: rdSource{Name: "papers"}, Diagnostics: []rdDiagnostic{}}); err != nil {
		return err
	}
	return spliceArray(w, skeleton.Bytes(), `"diagnostics":[]`, len(diags), jobs, "", "", "", func(i int) any {
		return toRDJSON(&diags[i], ix)
	})
}

// toRDJSON converts one diagnostic.
func toRDJSON(d *lint.Diagnostic, ix *index) rdDiagnostic {
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
		Code: rdCode{Value: d.Rule},
	}
	if d.Fix != nil {
		for _, e := range d.Fix.Edits {
			rd.Suggestions = append(rd.Suggestions, rdSuggestion{Range: rng(d.File, e.Start, e.End), Text: e.New})
		}
	}
	return rd
}
