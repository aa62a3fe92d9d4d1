package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
	wantTitle := []rdSuggestion{
		{Range: rdRange{Start: rdPos{2, 33}, End: rdPos{2, 33}}, Text: "}"},
		{Range: rdRange{Start: rdPos{2, 12}, End: rdPos{2, 12}}, Text: "{"},
	}
	if diff := cmp.Diff(wantTitle, got.Diagnostics[5].Suggestions); diff != "" {
		t.Errorf("title-case suggestions (-want +got):\n%s", diff)
	}
	if s := got.Diagnostics[0].Suggestions; s != nil {
		t.Errorf("a finding without fix has suggestions %+v", s)
	}
}
