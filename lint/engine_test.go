package lint

import (
	"fmt"
	"strings"
	"testing"
)

// testRules: "word-todo" reports every "TODO" in a notes file (with a fix
// to "DONE"); "first-paper" is a corpus rule reporting the first paper of
// each file; "boom" panics.
type todoOptions struct {
	Word string `yaml:"word"`
}

func testRules() []*Rule {
	return []*Rule{
		{ID: "word-todo", Summary: "todo", Severity: Warning, Scope: NotesScope, Fixable: true,
			NewOptions: Defaults(func() *todoOptions { return &todoOptions{Word: "TODO"} }),
			Check: func(p *Pass) {
				w := OptionsOf[todoOptions](p).Word
				s := string(p.File.Src)
				for i := strings.Index(s, w); i >= 0; {
					p.Report(Diagnostic{Start: i, End: i + len(w), Message: "todo left",
						Fix: &Fix{Message: "done", Edits: []Edit{{i, i + len(w), "DONE"}}}})
					j := strings.Index(s[i+len(w):], w)
					if j < 0 {
						break
					}
					i += len(w) + j
				}
			}},
		{ID: "first-paper", Summary: "first", Severity: Info, Scope: CorpusScope,
			Check: func(p *Pass) {
				for _, f := range p.NotesFiles() {
					if len(f.Notes.Papers) > 0 {
						e := f.Notes.Papers[0]
						p.Report(Diagnostic{File: f.Path, Start: e.Span.Start, End: e.Span.End, Message: "first"})
					}
				}
			}},
		{ID: "boom", Summary: "panics", Severity: Error, Scope: BibScope,
			Check: func(p *Pass) { panic("kaboom") }},
	}
}

func newTestRunner(t *testing.T, yaml string) *Runner {
	t.Helper()
	cfg := DefaultConfig()
	if yaml != "" {
		var err error
		if cfg, err = ParseConfig("cfg.yaml", []byte(yaml)); err != nil {
			t.Fatal(err)
		}
	}
	r, err := NewRunner(testRules(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func rulesOf(ds []Diagnostic) string {
	var b []string
	for _, d := range ds {
		b = append(b, d.File+":"+d.Rule)
	}
	return strings.Join(b, " ")
}

func TestRunOrderScopesAndPanics(t *testing.T) {
	r := newTestRunner(t, "")
	res := r.Run(memWS([]Input{
		{Path: "b.md", Src: []byte("### T[NIPS'19][G]\n- TODO\n")},
		{Path: "a.md", Src: []byte("- TODO TODO\n")},
		{Path: "x.bib", Src: []byte("@misc{a, title={A}}\n")},
	}))
	got := rulesOf(res.Diagnostics)
	want := "a.md:word-todo a.md:word-todo b.md:first-paper b.md:word-todo x.bib:boom"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	last := res.Diagnostics[len(res.Diagnostics)-1]
	if !strings.Contains(last.Message, "internal error in rule boom: kaboom") {
		t.Errorf("panic not turned into a finding: %q", last.Message)
	}
}

func TestConfigSeverityAndOptions(t *testing.T) {
	r := newTestRunner(t, "rules:\n  boom: off\n  first-paper: error\n  word-todo:\n    word: FIXME\n")
	res := r.Run(memWS([]Input{{Path: "a.md", Src: []byte("### T[NIPS'19][G]\n- TODO FIXME\n")}}))
	if got := rulesOf(res.Diagnostics); got != "a.md:first-paper a.md:word-todo" {
		t.Fatalf("got %s", got)
	}
	if res.Diagnostics[0].Severity != Error {
		t.Errorf("severity %v", res.Diagnostics[0].Severity)
	}
	if d := res.Diagnostics[1]; d.Start != strings.Index("### T[NIPS'19][G]\n- TODO FIXME\n", "FIXME") {
		t.Errorf("option word not applied: %+v", d)
	}
	// The rule's defaults are untouched by a run's config.
	if w := testRules()[0].NewOptions().(*todoOptions).Word; w != "TODO" {
		t.Errorf("defaults changed: %q", w)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"rulez: {}\n", `cfg.yaml:1:1: unknown key "rulez"`},
		{"rules:\n  word-todo:\n    wrod: X\n", `cfg.yaml:3:5: unknown key "wrod" (known: word)`},
		{"rules:\n  word-tod: off\n", `cfg.yaml:2: unknown rule "word-tod"; did you mean "word-todo"?`},
		{"rules:\n  boom: loud\n", `cfg.yaml:2:9: rule boom: unknown severity "loud"`},
		{"rules:\n  boom:\n    level: x\n", `cfg.yaml:3:5: unknown key "level" (rule boom takes only severity)`},
		{"venues:\n  - tag: X\n    kinds: conference\n", `cfg.yaml:3:5: unknown key "kinds"`},
		{"custom-rules:\n  - id: x\n    pattern: '('\n    scope: title\n    message: m\n", "custom rule x: bad pattern"},
		{"custom-rules:\n  - id: x\n    pattern: 'a'\n    scope: body\n    message: m\n", `scope "body" is not one of`},
		{"custom-rules:\n  - id: x\n    pattern: 'a'\n    scope: title\n    message: m\n    url: docs/x.md\n", `url "docs/x.md" is not an http(s) address`},
		{"- a\n", "the config must be a mapping"},
	}
	for _, tt := range tests {
		cfg, err := ParseConfig("cfg.yaml", []byte(tt.yaml))
		if err == nil {
			_, err = NewRunner(testRules(), cfg)
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want it to contain %q", tt.yaml, err, tt.want)
		}
	}
}

func TestCustomRule(t *testing.T) {
	r := newTestRunner(t, "custom-rules:\n  - id: no-survey\n    pattern: '(?i)survey'\n    scope: title\n    message: no surveys\n    severity: error\n")
	src := "## S\n### A Survey of Things[arXiv'22][G]\n- survey in a note is fine\n"
	res := r.Run(memWS([]Input{{Path: "a.md", Src: []byte(src)}}))
	var found []Diagnostic
	for _, d := range res.Diagnostics {
		if d.Rule == "no-survey" {
			found = append(found, d)
		}
	}
	if len(found) != 1 || found[0].Start != strings.Index(src, "Survey") || found[0].Severity != Error {
		t.Errorf("custom findings %+v", found)
	}
	// The rule's doc is the url the config gives, else none (not the
	// config's path, which is no page anyone can open from a report).
	for _, tt := range []struct{ yaml, want string }{
		{"", ""},
		{"    url: https://example.org/no-survey\n", "https://example.org/no-survey"},
	} {
		cfg, err := ParseConfig("/home/me/.papers.yaml", []byte("custom-rules:\n  - id: no-survey\n    pattern: x\n    scope: title\n    message: m\n"+tt.yaml))
		if err != nil {
			t.Fatal(err)
		}
		rs, err := CustomRules(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if rs[0].Doc != tt.want {
			t.Errorf("%q: Doc = %q, want %q", tt.yaml, rs[0].Doc, tt.want)
		}
	}
}

// TestCustomRuleDoc checks that a custom rule has no docs page unless it
// names a url, and says where it was declared.
func TestCustomRuleDoc(t *testing.T) {
	r := newTestRunner(t, "custom-rules:\n  - {id: a, pattern: x, scope: title, message: m}\n  - {id: b, pattern: x, scope: title, message: m, url: 'https://example.org/b'}\n")
	for _, rule := range r.Rules {
		switch rule.ID {
		case "a":
			if rule.DocURL() != "" || rule.Source != "cfg.yaml:2:10" {
				t.Errorf("rule a: doc %q, source %q", rule.DocURL(), rule.Source)
			}
		case "b":
			if rule.DocURL() != "https://example.org/b" {
				t.Errorf("rule b: doc %q", rule.DocURL())
			}
		}
	}
}

func TestDirectives(t *testing.T) {
	r := newTestRunner(t, "")
	src := strings.Join([]string{
		"- TODO 1",
		"<!-- papers-disable word-todo -->",
		"- TODO 3",
		"<!-- papers-enable -->",
		"- TODO 5",
		"<!-- papers-disable-next-line -->",
		"- TODO 7",
		"- TODO 8 <!-- papers-disable-line word-todo -->",
		"<!-- papers-disable -->",
		"- TODO 10",
		"<!-- papers-enable word-todo -->",
		"- TODO 12",
		"<!-- papers-disable-nextline -->",
		"",
	}, "\n")
	res := r.Run(memWS([]Input{{Path: "a.md", Src: []byte(src)}}))
	li := NewLineIndex([]byte(src))
	var lines []int
	var other []string
	for _, d := range res.Diagnostics {
		if d.Rule == "word-todo" {
			lines = append(lines, li.Position(d.Start).Line)
		} else {
			other = append(other, d.Message)
		}
	}
	if got := fmt.Sprint(lines); got != "[1 5 12]" {
		t.Errorf("findings on lines %v, want 1 5 12", lines)
	}
	if len(other) != 1 || !strings.Contains(other[0], `unknown directive "papers-disable-nextline"`) {
		t.Errorf("directive problems %q", other)
	}

	bib := "% papers-disable-file boom\n@misc{a, title={A}}\n"
	res = r.Run(memWS([]Input{{Path: "a.bib", Src: []byte(bib)}}))
	if len(res.Diagnostics) != 0 {
		t.Errorf(".bib directive ignored: %+v", res.Diagnostics)
	}
}

func TestQuietCompanionAndFixLoop(t *testing.T) {
	r := newTestRunner(t, "rules:\n  boom: off\n")
	ins := []Input{
		{Path: "n.md", Src: []byte("- TODO\n"), Companion: "n.bib"},
		{Path: "n.bib", Src: []byte("@misc{a, title={TODO}}\n"), Quiet: true},
	}
	fr := r.Fix(memWS(ins))
	if string(fr.Fixed["n.md"]) != "- DONE\n" || fr.Applied["n.md"] != 1 {
		t.Errorf("fixed %q (%d)", fr.Fixed["n.md"], fr.Applied["n.md"])
	}
	if _, ok := fr.Fixed["n.bib"]; ok {
		t.Error("a quiet companion must never be changed")
	}
	if fr.Files[0].Companion == nil || fr.Files[0].Companion.Path != "n.bib" {
		t.Error("companion not paired")
	}
	if len(fr.Diagnostics) != 0 {
		t.Errorf("left: %+v", fr.Diagnostics)
	}
}

func TestExcludeGlobs(t *testing.T) {
	for _, tt := range []struct {
		globs []string
		path  string
		want  bool
	}{
		{[]string{"drafts/**"}, "drafts/a.md", true},
		{[]string{"drafts/**"}, "notes/drafts/a.md", false},
		{[]string{"vendor/*"}, "a/vendor/x.md", false},
		{[]string{"vendor/*"}, "vendor/x.md", true},
		{[]string{"**/vendor"}, "a/vendor/x.md", true},
		{[]string{"notes/drafts"}, "notes/drafts/a.md", true},
		{[]string{"drafts"}, "notes/drafts/a.md", true},
		{[]string{"*.bib"}, "refs/x.bib", true},
		{[]string{"README.md"}, "docs/README.md", true},
		{[]string{"drafts"}, "draftsman.md", false},
		{[]string{"notes/**/draft.md"}, "notes/a/b/draft.md", true},
		{[]string{"notes/**/draft.md"}, "notes/draft.md", true},
		{[]string{"**/**/**/zz"}, "a/b/zz/x.md", true},
		{[]string{"[dc]rafts"}, "notes/drafts/a.md", true},
		{[]string{"?rafts/"}, "x/drafts/a.md", true},
	} {
		if got := MatchAny(tt.globs, tt.path); got != tt.want {
			t.Errorf("MatchAny(%v, %q) = %v", tt.globs, tt.path, got)
		}
	}
}

// A rule that is off by default runs, at warning, when asked for by name;
// one the config turned off stays off.
func TestOnlyEnablesOffRules(t *testing.T) {
	src := []Input{{Path: "a.md", Src: []byte("### T[NIPS'19][G]\n- x\n")}}
	rs := testRules()
	rs[1].Severity = Off
	r, err := NewRunner(rs, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	r.Only = map[string]bool{"first-paper": true}
	if res := r.Run(memWS(src)); len(res.Diagnostics) != 1 || res.Diagnostics[0].Severity != Warning {
		t.Errorf("off by default, asked for: got %+v", res.Diagnostics)
	}
	r = newTestRunner(t, "rules:\n  first-paper: off\n")
	r.Only = map[string]bool{"first-paper": true}
	if res := r.Run(memWS(src)); len(res.Diagnostics) != 0 {
		t.Errorf("off in config: got %+v", res.Diagnostics)
	}
}

// A parser that panics costs its file only: the file gets a problem saying
// so and the other files are linted.
func TestParsePanicCostsOneFile(t *testing.T) {
	r := newTestRunner(t, "rules:\n  boom: off\n")
	ws := memWS([]Input{
		{Path: "a.md", Src: []byte("### T[arXiv][Google]\n- x\n")},
		{Path: "b.md", Src: []byte("- TODO\n")},
	})
	ws.env.Venues = nil // a lone tag asks the registry, which now panics
	res := r.Run(ws)
	if pr := res.Files[0].Notes.Problems; len(pr) != 1 || !strings.Contains(pr[0].Message, "internal error reading a.md") {
		t.Errorf("a.md problems: %+v", pr)
	}
	if got := rulesOf(res.Diagnostics); got != "b.md:word-todo" {
		t.Errorf("other files must still be linted: %s", got)
	}
}

// BenchmarkDeepGlob: a glob that a backtracking matcher takes exponential
// time on (ten `**/` on a 25-deep path, over 60 s before) is one regular
// expression here.
func BenchmarkDeepGlob(b *testing.B) {
	globs := CompileGlobs([]string{strings.Repeat("**/", 10) + "zz"})
	path := strings.Repeat("a/", 25) + "b.md"
	for b.Loop() {
		if globs.Match(path) {
			b.Fatal("matched")
		}
	}
}
