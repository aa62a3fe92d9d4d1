package report

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paperlint/papers/lint"
)

// keysOf returns the sorted keys of a decoded JSON object.
func keysOf(t *testing.T, v any) []string {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%#v is not an object", v)
	}
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// TestJSONFields checks the documented field names: scripts depend on
// them, so a renamed struct tag is a breaking change.
func TestJSONFields(t *testing.T) {
	fds := fixture(t)
	out := render(t, "json", fixtureDiags(fds), Options{})
	var raw []any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw) != len(fds) {
		t.Fatalf("%d diagnostics, want %d", len(raw), len(fds))
	}
	base := []string{"column", "end_column", "end_line", "end_offset", "file", "line", "message", "offset", "rule", "severity"}
	full := slices.Sorted(slices.Values(append(slices.Clone(base), "fix", "related", "suggestions")))
	if got := keysOf(t, raw[0]); !slices.Equal(got, base) {
		t.Errorf("plain diagnostic keys = %v, want %v", got, base)
	}
	d := raw[2].(map[string]any)
	if got := keysOf(t, d); !slices.Equal(got, full) {
		t.Errorf("full diagnostic keys = %v, want %v", got, full)
	}
	if got, want := keysOf(t, d["fix"]), []string{"edits", "message"}; !slices.Equal(got, want) {
		t.Errorf("fix keys = %v, want %v", got, want)
	}
	edit := d["fix"].(map[string]any)["edits"].([]any)[0]
	if got, want := keysOf(t, edit), []string{"column", "end_column", "end_line", "end_offset", "line", "new_text", "offset"}; !slices.Equal(got, want) {
		t.Errorf("edit keys = %v, want %v", got, want)
	}
	rel := d["related"].([]any)[0]
	if got, want := keysOf(t, rel), []string{"column", "end_column", "end_line", "end_offset", "file", "line", "message", "offset"}; !slices.Equal(got, want) {
		t.Errorf("related keys = %v, want %v", got, want)
	}
}

func TestJSONValues(t *testing.T) {
	fds := fixture(t)
	out := render(t, "json", fixtureDiags(fds), Options{})
	var got []JSONDiagnostic
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	nips := fds[2].diag
	kdd := fds[1].diag
	title := fds[5].diag
	want := JSONDiagnostic{
		File: notesPath, Line: 3, Column: 20, EndLine: 3, EndColumn: 27, Offset: nips.Start, EndOffset: nips.End,
		Rule: "venue-name", Severity: "error", Message: "NIPS'18: the venue is NeurIPS from 2018",
		Fix: &JSONFix{Message: "write NeurIPS", Edits: []JSONEdit{{
			Line: 3, Column: 20, EndLine: 3, EndColumn: 24, Offset: nips.Start, EndOffset: nips.Start + 4, NewText: "NeurIPS",
		}}},
		Suggestions: []string{"NeurIPS"},
		Related: []JSONRelated{
			{File: notesPath, Line: 2, Column: 32, EndLine: 2, EndColumn: 40, Offset: kdd.Start, EndOffset: kdd.End, Message: "a venue tag written right"},
			{File: bibPath, Line: 2, Column: 12, EndLine: 2, EndColumn: 33, Offset: title.Start, EndOffset: title.End, Message: "the .bib entry"},
		},
	}
	if diff := cmp.Diff(want, got[2]); diff != "" {
		t.Errorf("venue-name diagnostic (-want +got):\n%s", diff)
	}
	// The message keeps its newline and characters HTML would escape.
	if got[4].Message != fds[4].diag.Message {
		t.Errorf("message = %q, want %q", got[4].Message, fds[4].diag.Message)
	}
	// Edits keep the order the rule gave; they are byte offsets.
	if e := got[5].Fix.Edits; len(e) != 2 || e[0].NewText != "}" || e[0].Offset != title.End || e[1].NewText != "{" {
		t.Errorf("title-case edits = %+v", e)
	}
	for i, d := range got {
		if d.Offset != fds[i].diag.Start || d.EndOffset != fds[i].diag.End {
			t.Errorf("diagnostic %d offsets = %d..%d, want the byte span %d..%d", i, d.Offset, d.EndOffset, fds[i].diag.Start, fds[i].diag.End)
		}
		if d.Severity != fds[i].diag.Severity.String() {
			t.Errorf("diagnostic %d severity = %q", i, d.Severity)
		}
	}
}

// TestJSONNoHTMLEscape: <, > and & are written as they are, not \u003c.
func TestJSONNoHTMLEscape(t *testing.T) {
	d := lint.Diagnostic{Rule: "r", Severity: lint.Warning, File: "x.md", Message: "<a & b>"}
	out := render(t, "json", []lint.Diagnostic{d}, Options{})
	if !json.Valid([]byte(out)) {
		t.Fatalf("invalid JSON: %s", out)
	}
	if want := `"message": "<a & b>"`; !strings.Contains(out, want) {
		t.Errorf("output lacks %s:\n%s", want, out)
	}
}

// TestJSONFixWithoutEdits prints an empty edits list, not null.
func TestJSONFixWithoutEdits(t *testing.T) {
	d := lint.Diagnostic{Rule: "r", Severity: lint.Warning, File: "x.md", Message: "m", Fix: &lint.Fix{Message: "nothing"}}
	out := render(t, "json", []lint.Diagnostic{d}, Options{})
	if !strings.Contains(out, `"edits": []`) {
		t.Errorf("output lacks an empty edits list:\n%s", out)
	}
}
