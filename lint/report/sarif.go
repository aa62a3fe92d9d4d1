package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash"
	"io"
	"io/fs"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/paperlint/papers/internal/par"
	"github.com/paperlint/papers/lint"
)

// SARIF 2.1.0 constants. The $schema URI is the one GitHub code scanning and
// the SARIF tooling recognise; the OASIS URI names the same schema.
const (
	sarifSchemaURI     = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion       = "2.1.0"
	toolInformationURI = "https://github.com/paperlint/papers"
	// docBaseURI turns a rule's repository-relative doc page into a URL.
	docBaseURI = "https://github.com/paperlint/papers/blob/main/"
	// srcRoot is the base of every relative artifact URI: the directory
	// papers ran in, which is the repository root in CI.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names our partial fingerprint. It is versioned as the
	// SARIF spec asks (§3.27.17), and deliberately not GitHub's reserved
	// primaryLocationLineHash: the upload action recomputes that one with
	// its own algorithm and warns when a different value is already there.
	fingerprintKey = "papers/lineHash/v1"
	// directiveSummary describes the engine's own rule for inline
	// directives, which is not among the rules of a run.
	directiveSummary = "Inline papers-disable/papers-enable comments must be well formed and name known rules"
)

// The types below are the subset of the SARIF 2.1.0 object model that papers
// writes. Field order follows the schema so the output reads naturally;
// every field that the schema gives a minimum or requires is either always
// set or omitted when it would be empty.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool sarifTool `json:"tool"`
	// Invocations holds the run's exit code, when the writer knows it.
	Invocations []sarifInvocation `json:"invocations,omitempty"`
	// Results is always present, [] when there is nothing to report: an
	// absent results array means "the run did not look", not "clean".
	Results           []sarifResult          `json:"results"`
	AutomationDetails sarifAutomationDetails `json:"automationDetails"`
	ColumnKind        string                 `json:"columnKind"`
}

// sarifInvocation records how the run ended. A run that found problems
// still executed successfully; only exit code 2 (usage, config or I/O
// error) says it did not.
type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
	ExitCode            int  `json:"exitCode"`
}

// sarifAutomationDetails names the analysis. GitHub code scanning reads
// what comes before its last "/" as the category, which keeps the alerts
// of papers apart from other tools' on the same commit; an upload's own
// category setting takes precedence.
type sarifAutomationDetails struct {
	ID string `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string                `json:"name"`
	Version        string                `json:"version,omitempty"`
	SemanticVer    string                `json:"semanticVersion,omitempty"`
	InformationURI string                `json:"informationUri"`
	Rules          []sarifReportingDescr `json:"rules,omitempty"`
}

type sarifReportingDescr struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name,omitempty"`
	ShortDescription     *sarifMultiformat   `json:"shortDescription,omitempty"`
	FullDescription      *sarifMultiformat   `json:"fullDescription,omitempty"`
	HelpURI              string              `json:"helpUri,omitempty"`
	Help                 *sarifMultiformat   `json:"help,omitempty"`
	DefaultConfiguration *sarifReportingConf `json:"defaultConfiguration,omitempty"`
	Properties           *sarifRuleProps     `json:"properties,omitempty"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// sarifRuleProps is a rule's property bag. Code scanning shows the tags
// on each alert and filters by them.
type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

type sarifReportingConf struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID string `json:"ruleId"`
	// RuleIndex is a pointer because 0 is a valid index that must be
	// written.
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
	Properties          *sarifResultProps `json:"properties,omitempty"`
}

// sarifResultProps is the result's property bag. SARIF has no place for a
// list of unsafe repair candidates, so they go here.
type sarifResultProps struct {
	Suggestions []string `json:"suggestions,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifLocation struct {
	ID               *int           `json:"id,omitempty"`
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	Message          *sarifMessage  `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion is both a text region (lines and UTF-16 columns) and, when the
// file's bytes are known, a binary region (byte offset and length) of the
// same span. charOffset is left out: it would have to count UTF-16 units
// from the start of the file, which says nothing the byte offset does not.
type sarifRegion struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn"`
	EndLine     int  `json:"endLine"`
	EndColumn   int  `json:"endColumn"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

type sarifFix struct {
	Description     *sarifMessage         `json:"description,omitempty"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion sarifRegion `json:"deletedRegion"`
	// InsertedContent is left out for a pure deletion, as the spec allows.
	InsertedContent *sarifContent `json:"insertedContent,omitempty"`
}

type sarifContent struct {
	Text string `json:"text"`
}

// writeSARIF prints a SARIF 2.1.0 log with one run, for GitHub code scanning
// and other SARIF viewers. Columns count UTF-16 code units, as the run
// declares with columnKind.
//
// Every result carries a ruleIndex: the run's rules (Options.Rules, in their
// order) come first, then a descriptor for each rule id that a diagnostic
// uses but Options.Rules lacks (the engine's "directive" rule, a custom
// rule), sorted by id. Viewers such as GitHub show a descriptor's summary
// and help link next to each alert, and an alert without one looks broken.
func writeSARIF(w io.Writer, f *lint.Findings, ix *index, opt Options) error {
	rules, ruleIndex := sarifRules(opt.Rules, f, opt.Docs)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "papers", Version: opt.ToolVersion, SemanticVer: semanticVersion(opt.ToolVersion),
			InformationURI: toolInformationURI, Rules: rules,
		}},
		Results:           []sarifResult{},
		AutomationDetails: sarifAutomationDetails{ID: automationID},
		ColumnKind:        "utf16CodeUnits",
	}
	if opt.ExitCode != nil {
		run.Invocations = []sarifInvocation{{ExecutionSuccessful: *opt.ExitCode != 2, ExitCode: *opt.ExitCode}}
	}
	// The log is written around its results: the rest is encoded first,
	// then the results are encoded in parallel parts into its empty
	// array and written as they come.
	var skeleton bytes.Buffer
	enc := json.NewEncoder(&skeleton)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sarifLog{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{run}}); err != nil {
		return err
	}
	loc := func(path string) sarifArtifactLocation { return artifactLocation(path, opt.SrcRoot) }
	fps := &fingerprints{ix: ix, loc: loc, jobs: opt.jobs(), seen: map[string]int{}}
	// Results: log (0) > runs (1) > run (2) > results (3) > result (4).
	return spliceArray(w, skeleton.Bytes(), `"results": []`, f, opt.jobs(), "        ", "  ", "      ", fps.window, func(i int, d *lint.Diagnostic) any {
		return sarifResultOf(*d, ix, ruleIndex, fps.of(i), loc)
	})
}

// fingerprints gives the findings' partial fingerprints a window of
// findings at a time (see sarifFingerprints), in order.
type fingerprints struct {
	ix   *index
	loc  func(string) sarifArtifactLocation
	jobs int
	seen map[string]int // findings so far with each hash
	lo   int            // the index of fps[0]
	fps  []string
}

// window computes the fingerprints of ds, the findings [lo, lo+len(ds)):
// the hashes in parallel parts, the counts in order.
func (fp *fingerprints) window(lo int, ds []lint.Diagnostic) {
	fp.lo = lo
	fp.fps = slices.Grow(fp.fps[:0], len(ds))[:len(ds)]
	clear(fp.fps)
	par.Do((len(ds)+partSize-1)/partSize, fp.jobs, func(k int) {
		// Findings of one rule on one line share the hash of that line: a
		// long line with many findings is hashed once per part, not once
		// per finding.
		prefixes := map[prefixKey]hash.Hash{}
		for i := k * partSize; i < min((k+1)*partSize, len(ds)); i++ {
			if d := &ds[i]; d.File != "" {
				fp.fps[i] = fingerprint(*d, fp.loc(d.File).URI, fp.ix, prefixes)
			}
		}
	})
	for i, h := range fp.fps {
		if h != "" {
			fp.seen[h]++
			fp.fps[i] = h + ":" + strconv.Itoa(fp.seen[h])
		}
	}
}

// of returns the fingerprint of finding i, which is in the last window.
func (fp *fingerprints) of(i int) string { return fp.fps[i-fp.lo] }

// sarifFingerprints returns each finding's partial fingerprint: its line
// hash and, after a colon, how many findings up to it have that hash, so
// that identical findings on identical lines stay apart. The hashes are
// computed in parallel on at most jobs goroutines, the counts in order.
func sarifFingerprints(diags []lint.Diagnostic, ix *index, loc func(string) sarifArtifactLocation, jobs int) []string {
	fp := &fingerprints{ix: ix, loc: loc, jobs: jobs, seen: map[string]int{}}
	fp.window(0, diags)
	return fp.fps
}

// sarifRules builds the rule descriptors and maps each id to its index;
// docs holds the rules' pages (Options.Docs).
func sarifRules(runRules []*lint.Rule, f *lint.Findings, docs fs.FS) ([]sarifReportingDescr, map[string]int) {
	var out []sarifReportingDescr
	index := map[string]int{}
	add := func(d sarifReportingDescr) {
		index[d.ID] = len(out)
		out = append(out, d)
	}
	for _, r := range runRules {
		// The schema wants rules to be unique; a rule listed twice keeps
		// its first place.
		if r == nil || r.ID == "" {
			continue
		}
		if _, dup := index[r.ID]; dup {
			continue
		}
		d := sarifReportingDescr{
			ID: r.ID, Name: pascalName(r.ID), HelpURI: docLink(r, docs),
			DefaultConfiguration: &sarifReportingConf{Level: sarifLevel(r.Severity)},
			Properties:           &sarifRuleProps{Tags: ruleTags(r)},
		}
		if r.Summary != "" {
			d.ShortDescription = &sarifMultiformat{Text: r.Summary}
		}
		if page := rulePage(r, docs); page != "" {
			if desc := pageDescription(page); desc != "" {
				d.FullDescription = &sarifMultiformat{Text: strings.Join(strings.Fields(plainText(desc)), " "), Markdown: desc}
			}
			body := pageBody(page)
			d.Help = &sarifMultiformat{Text: plainText(body), Markdown: body}
		}
		add(d)
	}
	for _, id := range sortedRules(f) {
		if _, ok := index[id]; ok || id == "" {
			continue
		}
		d := sarifReportingDescr{ID: id, Name: pascalName(id)}
		if id == lint.DirectiveRule {
			d.ShortDescription = &sarifMultiformat{Text: directiveSummary}
			d.DefaultConfiguration = &sarifReportingConf{Level: sarifLevel(lint.Warning)}
		}
		add(d)
	}
	return out, index
}

// ruleTags are the tags of a rule in SARIF: the files it looks at
// (notes, bib or corpus) and whether --fix repairs its findings.
func ruleTags(r *lint.Rule) []string {
	tags := []string{r.Scope.String()}
	if r.Fixable {
		tags = append(tags, "fixable")
	}
	return tags
}

// sarifResultOf converts one diagnostic; fp is its partial fingerprint
// (sarifFingerprints) and loc makes its artifact locations.
func sarifResultOf(d lint.Diagnostic, ix *index, ruleIndex map[string]int, fp string, loc func(string) sarifArtifactLocation) sarifResult {
	res := sarifResult{RuleID: d.Rule, Level: sarifLevel(d.Severity), Message: sarifMessage{Text: d.Message}}
	if res.Message.Text == "" {
		// GitHub rejects a result without message text.
		res.Message.Text = d.Rule
	}
	if i, ok := ruleIndex[d.Rule]; ok {
		res.RuleIndex = &i
	}
	if len(d.Suggestions()) > 0 {
		res.Properties = &sarifResultProps{Suggestions: d.Suggestions()}
	}
	if d.File == "" {
		// A finding about the run as a whole has no place to point at.
		return res
	}
	art := loc(d.File)
	res.Locations = []sarifLocation{{PhysicalLocation: &sarifPhysical{
		ArtifactLocation: art, Region: ix.region(d.File, d.Start, d.End),
	}}}

	res.PartialFingerprints = map[string]string{fingerprintKey: fp}

	for i, r := range d.Related() {
		rl := sarifLocation{ID: new(i + 1)}
		if r.File != "" {
			rl.PhysicalLocation = &sarifPhysical{ArtifactLocation: loc(r.File), Region: ix.region(r.File, r.Start, r.End)}
		}
		if r.Message != "" {
			rl.Message = &sarifMessage{Text: r.Message}
		}
		res.RelatedLocations = append(res.RelatedLocations, rl)
	}

	if d.HasFix() {
		// The edits are independent byte ranges of the original file;
		// ordering them makes the output the same whatever order the rule
		// built them in.
		var one [1]lint.Edit
		edits := sortedEdits(d.FixEdits(one[:0]))
		change := sarifArtifactChange{ArtifactLocation: art}
		for _, e := range edits {
			rep := sarifReplacement{DeletedRegion: *ix.region(d.File, e.Start, e.End)}
			if e.New != "" {
				rep.InsertedContent = &sarifContent{Text: e.New}
			}
			change.Replacements = append(change.Replacements, rep)
		}
		fix := sarifFix{ArtifactChanges: []sarifArtifactChange{change}}
		if m := d.FixMessage(); m != "" {
			fix.Description = &sarifMessage{Text: m}
		}
		res.Fixes = []sarifFix{fix}
	}
	return res
}

// region converts the byte span [start, end) of path. The byte offset and
// length are written only when the file's bytes are known, because only
// then do they agree with the lines and columns (SARIF requires a region
// that is both text and binary to be consistent).
func (ix *index) region(path string, start, end int) *sarifRegion {
	f := ix.byPath[path]
	if f != nil {
		// Clamp as LineIndex.Position does, so that the byte range and
		// the line/column range describe the same text.
		start = min(max(start, 0), len(f.Src))
		end = min(max(end, 0), len(f.Src))
	}
	end = max(end, start)
	s := ix.pos(path, start)
	e := ix.posFrom(s, path, end)
	r := &sarifRegion{StartLine: s.Line, StartColumn: s.Column16, EndLine: e.Line, EndColumn: e.Column16}
	if f != nil {
		r.ByteOffset, r.ByteLength = new(start), new(end-start)
	}
	return r
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	case lint.Info:
		return "note"
	}
	return "none"
}

// sortedEdits returns a copy of edits ordered by position. The edits are
// independent byte ranges of the original file; ordering them makes the
// output the same whatever order the rule built them in.
func sortedEdits(edits []lint.Edit) []lint.Edit {
	out := append([]lint.Edit(nil), edits...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	return out
}

// automationID is the run's automationDetails.id: the category "papers",
// and no run id, so that every run of papers on a branch updates the same
// set of alerts.
const automationID = "papers/"

// semanticVersion is the tool's version as Semantic Versioning 2.0 writes
// it (no leading v), which SARIF's semanticVersion wants: v0.3.1 and Go's
// pseudo-versions lose their v, a development build ("devel",
// "devel-<commit>") is 0.0.0-devel..., and "" stays "".
func semanticVersion(v string) string {
	switch {
	case v == "":
		return ""
	case semverRE.MatchString(strings.TrimPrefix(v, "v")):
		return strings.TrimPrefix(v, "v")
	}
	pre := strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '-' || r == '.' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return r
		}
		return '-'
	}, v)
	for strings.Contains(pre, "..") {
		pre = strings.ReplaceAll(pre, "..", ".")
	}
	return "0.0.0-" + strings.Trim(pre, ".")
}

// semverRE matches a Semantic Versioning 2.0 version (semver.org's own
// expression).
var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// artifactLocation turns a file path into a SARIF artifact location. A
// relative path, or an absolute one inside root (the working
// directory, when known), becomes a relative URI reference against
// %SRCROOT% with forward slashes; another absolute path becomes a file:
// URI. Every segment is percent-encoded (spaces, non-ASCII, '%', '#',
// '?'), and in a relative reference ':' too, so that "a:b.md" is not read
// as a URI with scheme "a".
func artifactLocation(path, root string) sarifArtifactLocation {
	if filepath.IsAbs(path) && root != "" {
		if rel, err := filepath.Rel(root, path); err == nil && filepath.IsLocal(rel) {
			path = rel
		}
	}
	p := filepath.ToSlash(filepath.Clean(path))
	if !filepath.IsAbs(path) {
		return sarifArtifactLocation{URI: escapePath(p, true), URIBaseID: srcRoot}
	}
	switch {
	case strings.HasPrefix(p, "//"): // a UNC path: //host/share/...
		return sarifArtifactLocation{URI: "file:" + escapePath(p, false)}
	case strings.HasPrefix(p, "/"):
		return sarifArtifactLocation{URI: "file://" + escapePath(p, false)}
	}
	// A Windows drive path, C:/...: the drive's colon stays as it is.
	return sarifArtifactLocation{URI: "file:///" + escapePath(p, false)}
}

// escapePath percent-encodes each segment of a slash-separated path.
func escapePath(p string, colon bool) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		s = url.PathEscape(s)
		if colon {
			s = strings.ReplaceAll(s, ":", "%3A")
		}
		segs[i] = s
	}
	return strings.Join(segs, "/")
}

// HelpURL is the URL of a rule's documentation, as SARIF's helpUri gives
// it; empty for a custom rule that names none.
func HelpURL(r *lint.Rule) string { return HelpURI(r.DocURL()) }

// HelpURI is the URL of a rule's documentation (Rule.DocURL): a page of the
// repository on GitHub (SARIF's helpUri, the editor server's codeDescription),
// or the rule's own URL when a third-party rule gives one; "" for none.
func HelpURI(doc string) string {
	if doc == "" {
		return "" // a custom rule without a url has no page
	}
	if strings.HasPrefix(doc, "https://") || strings.HasPrefix(doc, "http://") {
		return doc
	}
	return docBaseURI + escapePath(strings.TrimPrefix(filepath.ToSlash(doc), "/"), false)
}

// pascalName turns a kebab-case rule id into the PascalCase "friendly name"
// SARIF validators expect in reportingDescriptor.name: venue-name becomes
// VenueName.
func pascalName(id string) string {
	var b strings.Builder
	upper := true
	for _, r := range id {
		switch {
		case r == '-' || r == '_' || r == ' ' || r == '.':
			upper = true
		case upper:
			b.WriteString(strings.ToUpper(string(r)))
			upper = false
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fingerprint identifies a finding independently of its line number, so
// that a code-scanning alert survives lines added above it: a hash of the
// rule id, the file's URI, the normalised text of the line the finding
// starts on and the normalised flagged text. The caller appends the
// occurrence count, as GitHub does with its own line hashes.
func fingerprint(d lint.Diagnostic, uri string, ix *index, prefixes map[prefixKey]hash.Hash) string {
	// The hash of the first three parts (rule, file, line text) is kept
	// and cloned for the next finding of the same rule on the same line:
	// a long line with many findings is normalised and hashed once.
	var k prefixKey
	if ix.byPath[d.File] != nil {
		k = prefixKey{d.Rule, d.File, ix.pos(d.File, d.Start).Line}
	} else {
		k = prefixKey{d.Rule, d.File, 0}
	}
	var h hash.Hash
	if p, ok := prefixes[k]; ok {
		if c, ok := p.(hash.Cloner); ok {
			if h2, err := c.Clone(); err == nil {
				h = h2
			}
		}
	}
	if h == nil {
		h = sha256.New()
		var line string
		if k.line > 0 {
			line = normaliseText(string(ix.line(d.File, k.line)))
		}
		for _, part := range []string{d.Rule, uri, line} {
			writePart(h, part)
		}
		if c, ok := h.(hash.Cloner); ok {
			if saved, err := c.Clone(); err == nil {
				prefixes[k] = saved
			}
		}
	}
	var span string
	if f := ix.byPath[d.File]; f != nil {
		span = f.Slice(d.Start, d.End)
	}
	writePart(h, normaliseText(span))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// writePart writes one part of a fingerprint, prefixed with its length, so
// that no two different lists of parts hash the same bytes.
func writePart(h hash.Hash, part string) {
	h.Write(binary.AppendUvarint(nil, uint64(len(part))))
	h.Write([]byte(part))
}

// prefixKey names what the first parts of a fingerprint hash: a rule and
// a line of a file (line 0 when the file's text is not known).
type prefixKey struct {
	rule, file string
	line       int
}

// normaliseText makes re-indentation, changed line ends and a different
// Unicode normal form leave a fingerprint as it was.
func normaliseText(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}
