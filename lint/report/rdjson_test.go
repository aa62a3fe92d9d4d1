package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paperlint/papers/lint"
)

func TestRDJSON(t *testing.T) {
	fds := fixture(t)
	out := render(t, "rdjson", fixtureDiags(fds), Options{})
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var got rdResult
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.Source.Name != "papers" {
		t.Errorf("source = %+v", got.Source)
	}
	if len(got.Diagnostics) != len(fds) {
		t.Fatalf("%d diagnostics, want %d", len(got.Diagnostics), len(fds))
	}
	wantSev := []string{"INFO", "WARNING", "ERROR", "INFO", "WARNING", "WARNING", "ERROR"}
	for i, d := range got.Diagnostics {
		if d.Severity != wantSev[i] {
			t.Errorf("diagnostic %d severity = %q, want %q", i, d.Severity, wantSev[i])
		}
		if d.Code.Value != fds[i].diag.Rule {
			t.Errorf("diagnostic %d code = %q, want %q", i, d.Code.Value, fds[i].diag.Rule)
		}
		if d.Message != fds[i].diag.Message {
			t.Errorf("diagnostic %d message = %q", i, d.Message)
		}
		if d.Location.Path != fds[i].diag.File {
			t.Errorf("diagnostic %d path = %q", i, d.Location.Path)
		}
	}

	// Suggestions are the fix's edits, with byte columns: NIPS starts at
	// byte column 52 of line 3 and is 4 bytes long.
	wantNIPS := []rdSuggestion{{Range: rdRange{Start: rdPos{3, 52}, End: rdPos{3, 56}}, Text: "NeurIPS"}}
	if diff := cmp.Diff(wantNIPS, got.Diagnostics[2].Suggestions); diff != "" {
		t.Errorf("venue-name suggestions (-want +got):\n%s", diff)
	}
	// The two braces of the title-case fix, on one line, are one
	// suggestion covering the title: reviewdog would make two review
	// blocks of two, each applying half of the fix.
	wantTitle := []rdSuggestion{
		{Range: rdRange{Start: rdPos{2, 12}, End: rdPos{2, 33}}, Text: "{Deep Interest Network}"},
	}
	if diff := cmp.Diff(wantTitle, got.Diagnostics[5].Suggestions); diff != "" {
		t.Errorf("title-case suggestions (-want +got):\n%s", diff)
	}
	if s := got.Diagnostics[0].Suggestions; s != nil {
		t.Errorf("a finding without fix has suggestions %+v", s)
	}
}

// TestRDJSONLinksAndRelated: code.url is the rule's page (only for a rule
// that has one, or a URL of its own) and related locations carry their
// message and byte columns.
func TestRDJSONLinksAndRelated(t *testing.T) {
	var got rdResult
	if err := json.Unmarshal([]byte(render(t, "rdjson", fixtureDiags(fixture(t)), fixtureOptions())), &got); err != nil {
		t.Fatal(err)
	}
	urls := map[string]string{}
	for _, d := range got.Diagnostics {
		urls[d.Code.Value] = d.Code.URL
	}
	want := map[string]string{
		"venue-name":   "https://github.com/paperlint/papers/blob/main/docs/rules/venue-name.md",
		"title-case":   "https://example.org/rules/title-case",
		"cjk-spacing":  "", // no page in the fixture's docs
		"custom-venue": "", // not among the run's rules
		"directive":    "",
	}
	if diff := cmp.Diff(want, urls); diff != "" {
		t.Errorf("code.url (-want +got):\n%s", diff)
	}
	wantRel := []rdRelatedLocation{
		{Message: "a venue tag written right", Location: rdLocation{Path: "notes.md", Range: rdRange{rdPos{2, 35}, rdPos{2, 43}}}},
		{Message: "the .bib entry", Location: rdLocation{Path: "refs dir/论文 refs.bib", Range: rdRange{rdPos{2, 12}, rdPos{2, 33}}}},
	}
	if diff := cmp.Diff(wantRel, got.Diagnostics[2].RelatedLocations); diff != "" {
		t.Errorf("related_locations (-want +got):\n%s", diff)
	}
}

// TestLineEdits: edits of one fix on one line become one edit with the
// text between them; edits on other lines, overlapping edits and edits
// of a file whose text is unknown stay as they are, in order.
func TestLineEdits(t *testing.T) {
	src := "ab cd ef\ngh ij\n"
	f := &lint.File{Path: "n.md", Src: []byte(src), Kind: lint.NotesFile}
	tests := []struct {
		name  string
		edits []lint.Edit
		file  *lint.File
		want  []lint.Edit
	}{
		{"one line", []lint.Edit{{Start: 6, End: 6, New: "]"}, {Start: 3, End: 3, New: "["}}, f, []lint.Edit{{Start: 3, End: 6, New: "[cd ]"}}},
		{"three on a line", []lint.Edit{{Start: 0, End: 1, New: "A"}, {Start: 3, End: 4, New: "C"}, {Start: 6, End: 7, New: "E"}}, f, []lint.Edit{{Start: 0, End: 7, New: "Ab Cd E"}}},
		{"two lines", []lint.Edit{{Start: 9, End: 9, New: "<"}, {Start: 0, End: 2, New: "AB"}, {Start: 3, End: 3, New: ">"}}, f, []lint.Edit{{Start: 0, End: 3, New: "AB >"}, {Start: 9, End: 9, New: "<"}}},
		{"an edit over a line end joins the next line", []lint.Edit{{Start: 7, End: 10, New: "F G"}, {Start: 12, End: 12, New: "!"}}, f, []lint.Edit{{Start: 7, End: 12, New: "F Gh !"}}},
		{"overlapping", []lint.Edit{{Start: 3, End: 5, New: "x"}, {Start: 4, End: 6, New: "y"}}, f, []lint.Edit{{Start: 3, End: 5, New: "x"}, {Start: 4, End: 6, New: "y"}}},
		{"no file", []lint.Edit{{Start: 6, End: 6, New: "]"}, {Start: 3, End: 3, New: "["}}, nil, []lint.Edit{{Start: 3, End: 3, New: "["}, {Start: 6, End: 6, New: "]"}}},
	}
	for _, tt := range tests {
		if got := lineEdits(tt.edits, tt.file); !cmp.Equal(got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
