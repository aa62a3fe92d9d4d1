package report

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paperlint/papers/lint"
)

// wellFormed reads every token of an XML document.
func wellFormed(t *testing.T, doc string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
	}
}

func TestCheckstyle(t *testing.T) {
	fds := fixture(t)
	out := render(t, "checkstyle", fixtureDiags(fds), Options{})
	if !strings.HasPrefix(out, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration: %q", out[:min(len(out), 60)])
	}
	wellFormed(t, out)

	var got csResult
	if err := xml.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	want := csResult{
		XMLName: xml.Name{Local: "checkstyle"},
		Version: "4.3",
		Files: []csFile{
			{Name: notesPath, Errors: []csError{
				{Line: 1, Column: 5, Severity: "info", Message: "论文 needs a space", Source: "papers.cjk-spacing"},
				{Line: 2, Column: 32, Severity: "warning", Message: "custom pattern matched", Source: "papers.custom-venue"},
				{Line: 3, Column: 20, Severity: "error", Message: "NIPS'18: the venue is NeurIPS from 2018", Source: "papers.venue-name"},
				{Line: 3, Column: 15, Severity: "info", Message: "two lines", Source: "papers.cjk-spacing"},
				// The newline, quotes and angle brackets survive.
				{Line: 4, Column: 5, Severity: "warning", Message: fds[4].diag.Message, Source: "papers.directive"},
			}},
			{Name: bibPath, Errors: []csError{
				{Line: 2, Column: 12, Severity: "warning", Message: "keep {Deep Interest Network} in braces", Source: "papers.title-case"},
			}},
			{Name: missingPath, Errors: []csError{
				{Line: 1, Column: 1, Severity: "error", Message: "somewhere", Source: "papers.venue-name"},
			}},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded checkstyle (-want +got):\n%s", diff)
	}
}

// TestCheckstyleHostileText: characters XML cannot hold or must escape do
// not break the document.
func TestCheckstyleHostileText(t *testing.T) {
	d := lint.Diagnostic{Rule: "r", Severity: lint.Error, File: `a"&<b>.md`, Message: "]]> & <x/> \"q\" 'a' \x00\x1b end"}
	out := render(t, "checkstyle", []lint.Diagnostic{d}, Options{})
	wellFormed(t, out)
	var got csResult
	if err := xml.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Files[0].Name != d.File {
		t.Errorf("file name = %q, want %q", got.Files[0].Name, d.File)
	}
	if msg := got.Files[0].Errors[0].Message; !strings.HasPrefix(msg, "]]> & <x/> \"q\" 'a' ") || !strings.HasSuffix(msg, " end") {
		t.Errorf("message = %q", msg)
	}
}

func TestCheckstyleSeverities(t *testing.T) {
	tests := []struct {
		sev  lint.Severity
		want string
	}{
		{lint.Error, "error"}, {lint.Warning, "warning"}, {lint.Info, "info"}, {lint.Off, "ignore"},
	}
	for _, tt := range tests {
		d := lint.Diagnostic{Rule: "r", Severity: tt.sev, File: "x.md", Message: "m"}
		var got csResult
		if err := xml.Unmarshal([]byte(render(t, "checkstyle", []lint.Diagnostic{d}, Options{})), &got); err != nil {
			t.Fatal(err)
		}
		if s := got.Files[0].Errors[0].Severity; s != tt.want {
			t.Errorf("%v: severity %q, want %q", tt.sev, s, tt.want)
		}
	}
}
