package report

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/paperlint/papers/lint"
)

// The t* types mirror, independently of the writer's own types, the part of
// SARIF 2.1.0 that papers writes. Decoding with DisallowUnknownFields makes
// a misspelt or stray key fail even when the schema file is not at hand.

type tLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []tRun `json:"runs"`
}

type tRun struct {
	Tool        tTool `json:"tool"`
	Invocations []struct {
		ExecutionSuccessful bool `json:"executionSuccessful"`
		ExitCode            int  `json:"exitCode"`
	} `json:"invocations"`
	Results           []tResult `json:"results"`
	AutomationDetails struct {
		ID string `json:"id"`
	} `json:"automationDetails"`
	ColumnKind string `json:"columnKind"`
}

type tTool struct {
	Driver tDriver `json:"driver"`
}

type tDriver struct {
	Name           string   `json:"name"`
	Version        string   `json:"version"`
	SemanticVer    string   `json:"semanticVersion"`
	InformationURI string   `json:"informationUri"`
	Rules          []tDescr `json:"rules"`
}

type tDescr struct {
	ID                   string `json:"id"`
	Name                 string `json:"name"`
	ShortDescription     *tText `json:"shortDescription"`
	FullDescription      *tText `json:"fullDescription"`
	HelpURI              string `json:"helpUri"`
	Help                 *tText `json:"help"`
	DefaultConfiguration *struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties *struct {
		Tags []string `json:"tags"`
	} `json:"properties"`
}

type tText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type tResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             tText             `json:"message"`
	Locations           []tLocation       `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	RelatedLocations    []tLocation       `json:"relatedLocations"`
	Fixes               []tFix            `json:"fixes"`
	Properties          *struct {
		Suggestions []string `json:"suggestions"`
	} `json:"properties"`
}

type tLocation struct {
	ID               *int       `json:"id"`
	PhysicalLocation *tPhysical `json:"physicalLocation"`
	Message          *tText     `json:"message"`
}

type tPhysical struct {
	ArtifactLocation tArtifact `json:"artifactLocation"`
	Region           *tRegion  `json:"region"`
}

type tArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type tRegion struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn"`
	EndLine     int  `json:"endLine"`
	EndColumn   int  `json:"endColumn"`
	ByteOffset  *int `json:"byteOffset"`
	ByteLength  *int `json:"byteLength"`
}

type tFix struct {
	Description     *tText `json:"description"`
	ArtifactChanges []struct {
		ArtifactLocation tArtifact `json:"artifactLocation"`
		Replacements     []struct {
			DeletedRegion   tRegion `json:"deletedRegion"`
			InsertedContent *tText  `json:"insertedContent"`
		} `json:"replacements"`
	} `json:"artifactChanges"`
}

func decodeSARIF(t testing.TB, out string) tLog {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var log tLog
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("decoding SARIF: %v\n%s", err, out)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

func ip(n int) *int { return &n }

func TestSARIFLog(t *testing.T) {
	log := decodeSARIF(t, render(t, "sarif", fixtureDiags(fixture(t)), fixtureOptions()))
	if log.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || log.Version != "2.1.0" {
		t.Errorf("$schema, version = %q, %q", log.Schema, log.Version)
	}
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	d := run.Tool.Driver
	if d.Name != "papers" || d.Version != "1.2.3-test" || d.SemanticVer != "1.2.3-test" || d.InformationURI != "https://github.com/paperlint/papers" {
		t.Errorf("driver = %q %q %q %q", d.Name, d.Version, d.SemanticVer, d.InformationURI)
	}
	if run.AutomationDetails.ID != "papers/" {
		t.Errorf("automationDetails.id = %q", run.AutomationDetails.ID)
	}
	if len(run.Invocations) != 1 || run.Invocations[0].ExitCode != 1 || !run.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocations = %+v, want one with exit code 1, successful", run.Invocations)
	}
	// Exit code 2 is a run that did not go through; without an exit code
	// there is no invocation.
	opt := fixtureOptions()
	opt.ExitCode = new(2)
	if inv := decodeSARIF(t, render(t, "sarif", nil, opt)).Runs[0].Invocations; len(inv) != 1 || inv[0].ExecutionSuccessful {
		t.Errorf("exit 2: invocations = %+v", inv)
	}
	if inv := decodeSARIF(t, render(t, "sarif", nil, Options{})).Runs[0].Invocations; inv != nil {
		t.Errorf("no exit code: invocations = %+v", inv)
	}
}

func TestSemanticVersion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"v0.3.1", "0.3.1"},
		{"1.2.3-test", "1.2.3-test"},
		{"v0.0.0-20250102030405-abcdef123456+dirty", "0.0.0-20250102030405-abcdef123456+dirty"},
		{"devel", "0.0.0-devel"},
		{"devel-abcdef123456-dirty", "0.0.0-devel-abcdef123456-dirty"},
		{"(devel)", "0.0.0--devel-"},
		{"v1.2", "0.0.0-v1.2"},
	}
	for _, tt := range tests {
		got := semanticVersion(tt.in)
		if got != tt.want {
			t.Errorf("semanticVersion(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got != "" && !semverRE.MatchString(got) {
			t.Errorf("semanticVersion(%q) = %q, not Semantic Versioning", tt.in, got)
		}
	}
}

// TestSARIFRules: the run's rules in their order, then the ids used but not
// listed, sorted; each with its level and help link.
func TestSARIFRules(t *testing.T) {
	log := decodeSARIF(t, render(t, "sarif", fixtureDiags(fixture(t)), fixtureOptions()))
	type level = struct {
		Level string `json:"level"`
	}
	type tags = struct {
		Tags []string `json:"tags"`
	}
	const base = "https://github.com/paperlint/papers/blob/main/"
	// venue-name has a page in Options.Docs: its description and help come
	// from there, with the page's relative links made absolute. The other
	// rules have none: no help, and a link only to a URL of their own
	// (a custom rule from a config gives none).
	want := []tDescr{
		{ID: "venue-name", Name: "VenueName", ShortDescription: &tText{Text: "Venue tags use the registry's spelling"},
			FullDescription: &tText{
				Text:     "A venue tag is not spelled as the registry has it; see cjk-spacing (" + base + "docs/rules/cjk-spacing.md) for spacing.",
				Markdown: "A venue tag is **not** spelled as the registry has it;\nsee [cjk-spacing](" + base + "docs/rules/cjk-spacing.md) for spacing.",
			},
			HelpURI: base + "docs/rules/venue-name.md",
			Help: &tText{
				Text:     "Default severity: error\n\nWhat it checks\n\nA venue tag is not spelled as the registry has it;\nsee cjk-spacing (" + base + "docs/rules/cjk-spacing.md) for spacing.\n\n```yaml\n# kept: a comment in code\n```\n\nSee the README (" + base + "README.md#rules).\n",
				Markdown: "**Default severity:** error\n\n## What it checks\n\nA venue tag is **not** spelled as the registry has it;\nsee [cjk-spacing](" + base + "docs/rules/cjk-spacing.md) for spacing.\n\n```yaml\n# kept: a comment in code\n```\n\nSee [the README](" + base + "README.md#rules).\n",
			},
			DefaultConfiguration: &level{"error"}, Properties: &tags{[]string{"notes", "fixable"}}},
		{ID: "cjk-spacing", Name: "CjkSpacing", ShortDescription: &tText{Text: "Space between CJK and Latin text"},
			DefaultConfiguration: &level{"note"}, Properties: &tags{[]string{"notes"}}},
		{ID: "title-case", Name: "TitleCase", ShortDescription: &tText{Text: "Titles in .bib keep their capitals"},
			HelpURI: "https://example.org/rules/title-case", DefaultConfiguration: &level{"warning"}, Properties: &tags{[]string{"bib"}}},
		{ID: "quiet-rule", Name: "QuietRule", ShortDescription: &tText{Text: "Never fires"},
			DefaultConfiguration: &level{"none"}, Properties: &tags{[]string{"corpus"}}},
		{ID: "custom-venue", Name: "CustomVenue"},
		{ID: "directive", Name: "Directive", ShortDescription: &tText{Text: directiveSummary}, DefaultConfiguration: &level{"warning"}},
	}
	if diff := cmp.Diff(want, log.Runs[0].Tool.Driver.Rules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
}

func TestSARIFResults(t *testing.T) {
	fds := fixture(t)
	log := decodeSARIF(t, render(t, "sarif", fixtureDiags(fds), fixtureOptions()))
	run := log.Runs[0]
	if len(run.Results) != len(fds) {
		t.Fatalf("%d results, want %d", len(run.Results), len(fds))
	}
	wantLevel := []string{"note", "warning", "error", "note", "warning", "warning", "error"}
	for i, r := range run.Results {
		d := fds[i].diag
		if r.RuleID != d.Rule || r.Level != wantLevel[i] || r.Message.Text != d.Message {
			t.Errorf("result %d = %q %q %q, want %q %q %q", i, r.RuleID, r.Level, r.Message.Text, d.Rule, wantLevel[i], d.Message)
		}
		// Every result points at its descriptor, including the rules that
		// Options.Rules did not list.
		if r.RuleIndex == nil || *r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %v does not name %s", i, r.RuleIndex, r.RuleID)
		}
		if len(r.Locations) != 1 {
			t.Fatalf("result %d has %d locations", i, len(r.Locations))
		}
		loc := r.Locations[0].PhysicalLocation
		wantURI := map[string]string{notesPath: "notes.md", bibPath: "refs%20dir/%E8%AE%BA%E6%96%87%20refs.bib", missingPath: "missing.md"}[d.File]
		if loc.ArtifactLocation != (tArtifact{URI: wantURI, URIBaseID: "%SRCROOT%"}) {
			t.Errorf("result %d artifact = %+v, want %s", i, loc.ArtifactLocation, wantURI)
		}
		// Byte offsets only where the source is known, and then the very
		// span of the diagnostic.
		if d.File == missingPath {
			if loc.Region.ByteOffset != nil || loc.Region.ByteLength != nil {
				t.Errorf("result %d: byte range for a file without source", i)
			}
		} else if loc.Region.ByteOffset == nil || *loc.Region.ByteOffset != d.Start || *loc.Region.ByteLength != d.End-d.Start {
			t.Errorf("result %d: byte range %v+%v, want %d+%d", i, loc.Region.ByteOffset, loc.Region.ByteLength, d.Start, d.End-d.Start)
		}
		if fp := r.PartialFingerprints[fingerprintKey]; len(r.PartialFingerprints) != 1 || !strings.HasSuffix(fp, ":1") || len(fp) != 32+2 {
			t.Errorf("result %d fingerprints = %v", i, r.PartialFingerprints)
		}
	}

	nips := run.Results[2]
	title := fds[5].diag
	wantRelated := []tLocation{
		{ID: ip(1), Message: &tText{Text: "a venue tag written right"}, PhysicalLocation: &tPhysical{
			ArtifactLocation: tArtifact{"notes.md", "%SRCROOT%"},
			Region:           &tRegion{2, 33, 2, 41, ip(fds[1].diag.Start), ip(8)},
		}},
		{ID: ip(2), Message: &tText{Text: "the .bib entry"}, PhysicalLocation: &tPhysical{
			ArtifactLocation: tArtifact{"refs%20dir/%E8%AE%BA%E6%96%87%20refs.bib", "%SRCROOT%"},
			Region:           &tRegion{2, 12, 2, 33, ip(title.Start), ip(21)},
		}},
	}
	if diff := cmp.Diff(wantRelated, nips.RelatedLocations); diff != "" {
		t.Errorf("related locations (-want +got):\n%s", diff)
	}
	if nips.Properties == nil || !cmp.Equal(nips.Properties.Suggestions, []string{"NeurIPS"}) {
		t.Errorf("suggestions = %+v", nips.Properties)
	}
	if len(nips.Fixes) != 1 {
		t.Fatalf("%d fixes", len(nips.Fixes))
	}
	fix := nips.Fixes[0]
	if fix.Description == nil || fix.Description.Text != "write NeurIPS" {
		t.Errorf("fix description = %+v", fix.Description)
	}
	ch := fix.ArtifactChanges
	if len(ch) != 1 || ch[0].ArtifactLocation != (tArtifact{"notes.md", "%SRCROOT%"}) || len(ch[0].Replacements) != 1 {
		t.Fatalf("artifact changes = %+v", ch)
	}
	rep := ch[0].Replacements[0]
	if want := (tRegion{3, 20, 3, 24, ip(fds[2].diag.Start), ip(4)}); !cmp.Equal(rep.DeletedRegion, want) {
		t.Errorf("deleted region = %+v, want %+v", rep.DeletedRegion, want)
	}
	if rep.InsertedContent == nil || rep.InsertedContent.Text != "NeurIPS" {
		t.Errorf("inserted content = %+v", rep.InsertedContent)
	}

	// The title-case fix inserts two braces; its edits come out sorted by
	// offset, as empty regions in the .bib file.
	reps := run.Results[5].Fixes[0].ArtifactChanges[0].Replacements
	if len(reps) != 2 {
		t.Fatalf("%d replacements", len(reps))
	}
	for i, want := range []struct {
		reg  tRegion
		text string
	}{
		{tRegion{2, 12, 2, 12, ip(title.Start), ip(0)}, "{"},
		{tRegion{2, 33, 2, 33, ip(title.End), ip(0)}, "}"},
	} {
		if !cmp.Equal(reps[i].DeletedRegion, want.reg) || reps[i].InsertedContent == nil || reps[i].InsertedContent.Text != want.text {
			t.Errorf("replacement %d = %+v %+v, want %+v %q", i, reps[i].DeletedRegion, reps[i].InsertedContent, want.reg, want.text)
		}
	}
}

// utf16Pos converts a byte offset to a 1-based line and UTF-16 column
// without LineIndex, as a second opinion on the writer's columns.
func utf16Pos(src []byte, off int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	prefix := string(src[start:off])
	if line == 1 {
		prefix = strings.TrimPrefix(prefix, "\ufeff")
	}
	return line, len(utf16.Encode([]rune(prefix))) + 1
}

// TestSARIFRegionsAgree checks every region that has a byte range against
// an independent conversion of that range to lines and UTF-16 columns.
func TestSARIFRegionsAgree(t *testing.T) {
	files := map[string][]byte{"notes.md": []byte(notesSrc), "refs%20dir/%E8%AE%BA%E6%96%87%20refs.bib": []byte(bibSrc)}
	log := decodeSARIF(t, render(t, "sarif", fixtureDiags(fixture(t)), fixtureOptions()))
	n := 0
	check := func(uri string, r tRegion) {
		if r.ByteOffset == nil {
			return
		}
		src := files[uri]
		sl, sc := utf16Pos(src, *r.ByteOffset)
		el, ec := utf16Pos(src, *r.ByteOffset+*r.ByteLength)
		if got, want := [4]int{r.StartLine, r.StartColumn, r.EndLine, r.EndColumn}, [4]int{sl, sc, el, ec}; got != want {
			t.Errorf("%s bytes %d+%d: region %v, want %v", uri, *r.ByteOffset, *r.ByteLength, got, want)
		}
		if !utf8.Valid(src[*r.ByteOffset : *r.ByteOffset+*r.ByteLength]) {
			t.Errorf("%s bytes %d+%d cut a character", uri, *r.ByteOffset, *r.ByteLength)
		}
		n++
	}
	for _, res := range log.Runs[0].Results {
		for _, l := range append(append([]tLocation{}, res.Locations...), res.RelatedLocations...) {
			if l.PhysicalLocation != nil && l.PhysicalLocation.Region != nil {
				check(l.PhysicalLocation.ArtifactLocation.URI, *l.PhysicalLocation.Region)
			}
		}
		for _, f := range res.Fixes {
			for _, c := range f.ArtifactChanges {
				for _, r := range c.Replacements {
					check(c.ArtifactLocation.URI, r.DeletedRegion)
				}
			}
		}
	}
	if n != 11 {
		t.Errorf("checked %d regions, want 11 (6 results with source, 2 related, 3 replacements)", n)
	}
}

func TestSARIFArtifactLocation(t *testing.T) {
	tests := []struct {
		path, uri, base string
	}{
		// Inside the source root, an absolute path is relative to it.
		{"/work/repo/notes/a b.md", "notes/a%20b.md", "%SRCROOT%"},
		{"/work/repo/../repo/x.md", "x.md", "%SRCROOT%"},
		{"/work/repository/x.md", "file:///work/repository/x.md", ""},
		{"/work/x.md", "file:///work/x.md", ""},
		{"notes.md", "notes.md", "%SRCROOT%"},
		{"./docs/weekly.md", "docs/weekly.md", "%SRCROOT%"},
		{"docs//a b.md", "docs/a%20b.md", "%SRCROOT%"},
		{"论文/周报.md", "%E8%AE%BA%E6%96%87/%E5%91%A8%E6%8A%A5.md", "%SRCROOT%"},
		{"a:b.md", "a%3Ab.md", "%SRCROOT%"}, // not the scheme "a"
		{"100%.md", "100%25.md", "%SRCROOT%"},
		{"x#y?.md", "x%23y%3F.md", "%SRCROOT%"},
		{"../up.md", "../up.md", "%SRCROOT%"},
		{"/abs/my notes.md", "file:///abs/my%20notes.md", ""},
		{"/abs/a:b.md", "file:///abs/a:b.md", ""},
	}
	for _, tt := range tests {
		got := artifactLocation(tt.path, "/work/repo")
		if got.URI != tt.uri || got.URIBaseID != tt.base {
			t.Errorf("artifactLocation(%q) = %q %q, want %q %q", tt.path, got.URI, got.URIBaseID, tt.uri, tt.base)
			continue
		}
		// The URI is a valid reference that decodes back to the path.
		u, err := url.Parse(got.URI)
		if err != nil {
			t.Errorf("%q: %v", got.URI, err)
			continue
		}
		if (u.Scheme != "") != (tt.base == "") {
			t.Errorf("%q: scheme %q", got.URI, u.Scheme)
		}
		want := strings.TrimPrefix(strings.ReplaceAll(tt.path, "//", "/"), "./")
		if tt.base != "" && strings.HasPrefix(tt.path, "/") {
			want = strings.TrimPrefix(filepath.Clean(tt.path), "/work/repo/")
		}
		if u.Path != want {
			t.Errorf("%q decodes to %q, want %q", got.URI, u.Path, want)
		}
		if !isURIChars(got.URI) {
			t.Errorf("%q holds characters a URI may not", got.URI)
		}
	}
}

// isURIChars reports whether s holds only RFC 3986 characters, with
// well-formed percent escapes.
func isURIChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0:
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func TestSARIFLevels(t *testing.T) {
	tests := []struct {
		sev  lint.Severity
		want string
	}{
		{lint.Error, "error"}, {lint.Warning, "warning"}, {lint.Info, "note"}, {lint.Off, "none"}, {lint.Severity(42), "none"},
	}
	for _, tt := range tests {
		if got := sarifLevel(tt.sev); got != tt.want {
			t.Errorf("sarifLevel(%v) = %q, want %q", tt.sev, got, tt.want)
		}
	}
}

func TestPascalName(t *testing.T) {
	tests := []struct{ id, want string }{
		{"venue-name", "VenueName"}, {"cjk-spacing", "CjkSpacing"}, {"directive", "Directive"},
		{"a--b", "AB"}, {"x_y.z", "XYZ"}, {"duplicate-title-2", "DuplicateTitle2"}, {"", ""},
	}
	for _, tt := range tests {
		if got := pascalName(tt.id); got != tt.want {
			t.Errorf("pascalName(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestHelpURI(t *testing.T) {
	tests := []struct{ doc, want string }{
		{"docs/rules/venue-name.md", "https://github.com/paperlint/papers/blob/main/docs/rules/venue-name.md"},
		{"/docs/rules/x.md", "https://github.com/paperlint/papers/blob/main/docs/rules/x.md"},
		{"docs/rules/a b.md", "https://github.com/paperlint/papers/blob/main/docs/rules/a%20b.md"},
		{"https://example.org/r", "https://example.org/r"},
		{"http://example.org/r", "http://example.org/r"},
	}
	for _, tt := range tests {
		if got := HelpURI(tt.doc); got != tt.want {
			t.Errorf("HelpURI(%q) = %q, want %q", tt.doc, got, tt.want)
		}
	}
}

// fingerprintsOf returns each result's partial fingerprint.
func fingerprintsOf(t *testing.T, src string, diags []lint.Diagnostic) []string {
	t.Helper()
	files := []*lint.File{{Path: "n.md", Src: []byte(src), Kind: lint.NotesFile}}
	var b strings.Builder
	if err := Write(&b, "sarif", diags, files, Options{}); err != nil {
		t.Fatal(err)
	}
	var fps []string
	for _, r := range decodeSARIF(t, b.String()).Runs[0].Results {
		fps = append(fps, r.PartialFingerprints[fingerprintKey])
	}
	return fps
}

// diagAt is a diagnostic of rule on the n-th occurrence of sub in src.
func diagAt(t *testing.T, src, rule, sub string, n int) lint.Diagnostic {
	s, e := span(t, src, sub, n)
	return lint.Diagnostic{Rule: rule, Severity: lint.Warning, File: "n.md", Start: s, End: e, Message: "m"}
}

// TestSARIFFingerprints: a finding keeps its fingerprint when lines move
// or are re-indented, and findings that differ get different ones.
func TestSARIFFingerprints(t *testing.T) {
	const src = "# Notes\n### Café Title[NIPS'18][Ali]\n"
	base := fingerprintsOf(t, src, []lint.Diagnostic{diagAt(t, src, "venue-name", "NIPS", 0)})[0]

	same := []struct{ name, src string }{
		{"lines inserted above", "# Notes\n\nmore\n\n### Café Title[NIPS'18][Ali]\n"},
		{"re-indented", "# Notes\n   ###   Café\tTitle[NIPS'18][Ali]  \n"},
		{"CRLF and BOM", "\ufeff# Notes\r\n### Café Title[NIPS'18][Ali]\r\n"},
		{"decomposed Unicode", "# Notes\n### Cafe\u0301 Title[NIPS'18][Ali]\n"},
	}
	for _, tt := range same {
		if got := fingerprintsOf(t, tt.src, []lint.Diagnostic{diagAt(t, tt.src, "venue-name", "NIPS", 0)})[0]; got != base {
			t.Errorf("%s: fingerprint %s, want %s", tt.name, got, base)
		}
	}

	differ := []struct {
		name string
		src  string
		rule string
		sub  string
	}{
		{"other rule", src, "venue-year", "NIPS"},
		{"line edited", "# Notes\n### Café Title[NIPS'18][Meta]\n", "venue-name", "NIPS"},
		{"other span", src, "venue-name", "Ali"},
	}
	for _, tt := range differ {
		if got := fingerprintsOf(t, tt.src, []lint.Diagnostic{diagAt(t, tt.src, tt.rule, tt.sub, 0)})[0]; got == base {
			t.Errorf("%s: same fingerprint %s", tt.name, got)
		}
	}

	// The same finding on two identical lines: told apart by the
	// occurrence count, in output order.
	const twice = "### A[NIPS'18]\n### A[NIPS'18]\n"
	fps := fingerprintsOf(t, twice, []lint.Diagnostic{
		diagAt(t, twice, "venue-name", "NIPS", 0), diagAt(t, twice, "venue-name", "NIPS", 1),
	})
	h1, n1, _ := strings.Cut(fps[0], ":")
	h2, n2, _ := strings.Cut(fps[1], ":")
	if h1 != h2 || n1 != "1" || n2 != "2" {
		t.Errorf("identical findings: %v, want one hash with :1 and :2", fps)
	}

	// Another file with the same text: another fingerprint.
	d := diagAt(t, src, "venue-name", "NIPS", 0)
	d.File = "m.md"
	files := []*lint.File{{Path: "m.md", Src: []byte(src), Kind: lint.NotesFile}}
	var b strings.Builder
	if err := Write(&b, "sarif", []lint.Diagnostic{d}, files, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := decodeSARIF(t, b.String()).Runs[0].Results[0].PartialFingerprints[fingerprintKey]; got == base {
		t.Errorf("other file: same fingerprint %s", got)
	}
}

func TestNormaliseText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  a \t b\r\n", "a b"},
		{"Cafe\u0301", "Café"}, // NFD to NFC
		{"", ""},
		{"论文　合集", "论文 合集"}, // ideographic space is a space
	}
	for _, tt := range tests {
		if got := normaliseText(tt.in); got != tt.want {
			t.Errorf("normaliseText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSARIFEdgeCases: diagnostics the engine should not make but a writer
// must survive without writing an invalid log.
func TestSARIFEdgeCases(t *testing.T) {
	const src = "abc\ndef\n"
	tests := []struct {
		name  string
		diag  lint.Diagnostic
		rules []*lint.Rule
		check func(t *testing.T, r tResult, log tLog)
	}{
		{
			name: "no file: no location, no fingerprint",
			diag: lint.Diagnostic{Rule: "r", Severity: lint.Error, Message: "run-wide"},
			check: func(t *testing.T, r tResult, _ tLog) {
				if r.Locations != nil || r.PartialFingerprints != nil {
					t.Errorf("locations %v, fingerprints %v", r.Locations, r.PartialFingerprints)
				}
			},
		},
		{
			name: "empty message falls back to the rule id",
			diag: lint.Diagnostic{Rule: "r", Severity: lint.Error, File: "n.md"},
			check: func(t *testing.T, r tResult, _ tLog) {
				if r.Message.Text != "r" {
					t.Errorf("message %q", r.Message.Text)
				}
			},
		},
		{
			name: "end before start is an empty region",
			diag: lint.Diagnostic{Rule: "r", Severity: lint.Error, File: "n.md", Start: 5, End: 2, Message: "m"},
			check: func(t *testing.T, r tResult, _ tLog) {
				reg := *r.Locations[0].PhysicalLocation.Region
				if want := (tRegion{2, 2, 2, 2, ip(5), ip(0)}); !cmp.Equal(reg, want) {
					t.Errorf("region %+v, want %+v", reg, want)
				}
			},
		},
		{
			name: "offsets past the end are clamped alike in bytes and columns",
			diag: lint.Diagnostic{Rule: "r", Severity: lint.Error, File: "n.md", Start: 6, End: 99, Message: "m"},
			check: func(t *testing.T, r tResult, _ tLog) {
				reg := *r.Locations[0].PhysicalLocation.Region
				if want := (tRegion{2, 3, 3, 1, ip(6), ip(2)}); !cmp.Equal(reg, want) {
					t.Errorf("region %+v, want %+v", reg, want)
				}
			},
		},
		{
			name: "fix without edits is left out",
			diag: lint.Diagnostic{Rule: "r", Severity: lint.Error, File: "n.md", Message: "m", Fix: &lint.Fix{Message: "nothing"}},
			check: func(t *testing.T, r tResult, _ tLog) {
				if r.Fixes != nil {
					t.Errorf("fixes %+v", r.Fixes)
				}
			},
		},
		{
			name: "deletion has no inserted content, fix without message no description",
			diag: lint.Diagnostic{Rule: "r", Severity: lint.Error, File: "n.md", Message: "m", Fix: &lint.Fix{Edits: []lint.Edit{{Start: 0, End: 1}}}},
			check: func(t *testing.T, r tResult, _ tLog) {
				f := r.Fixes[0]
				if f.Description != nil || f.ArtifactChanges[0].Replacements[0].InsertedContent != nil {
					t.Errorf("fix %+v", f)
				}
			},
		},
		{
			name: "related without file or message",
			diag: lint.Diagnostic{Rule: "r", Severity: lint.Error, File: "n.md", Message: "m",
				More: &lint.More{Related: []lint.Related{{Message: "elsewhere"}, {File: "n.md", Start: 4, End: 7}}}},
			check: func(t *testing.T, r tResult, _ tLog) {
				rl := r.RelatedLocations
				if len(rl) != 2 || rl[0].PhysicalLocation != nil || rl[0].Message.Text != "elsewhere" || rl[1].Message != nil || rl[1].PhysicalLocation == nil {
					t.Errorf("related %+v", rl)
				}
			},
		},
		{
			name:  "duplicate and nil rules are listed once",
			diag:  lint.Diagnostic{Rule: "r", Severity: lint.Error, File: "n.md", Message: "m"},
			rules: []*lint.Rule{nil, {ID: "r", Severity: lint.Error}, {ID: "r", Severity: lint.Info}, {ID: ""}},
			check: func(t *testing.T, r tResult, log tLog) {
				rules := log.Runs[0].Tool.Driver.Rules
				if len(rules) != 1 || rules[0].DefaultConfiguration.Level != "error" || *r.RuleIndex != 0 {
					t.Errorf("rules %+v, index %v", rules, r.RuleIndex)
				}
				if rules[0].ShortDescription != nil {
					t.Errorf("empty summary written: %+v", rules[0].ShortDescription)
				}
			},
		},
	}
	schema := loadSchema(t, false)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := []*lint.File{{Path: "n.md", Src: []byte(src), Kind: lint.NotesFile}}
			var b strings.Builder
			if err := Write(&b, "sarif", []lint.Diagnostic{tt.diag}, files, Options{Rules: tt.rules}); err != nil {
				t.Fatal(err)
			}
			log := decodeSARIF(t, b.String())
			tt.check(t, log.Runs[0].Results[0], log)
			if schema != nil {
				if errs := schema.validateDoc(t, b.String()); len(errs) > 0 {
					t.Errorf("schema violations:\n%s", strings.Join(errs, "\n"))
				}
			}
		})
	}
}
