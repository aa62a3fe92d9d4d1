package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/paperlint/papers/lint"
)

// ghCommand is a parsed workflow command.
type ghCommand struct {
	level string
	props map[string]string // unescaped
	msg   string            // unescaped
}

// ghUnescape undoes the workflow command escaping.
var ghUnescape = strings.NewReplacer("%25", "%", "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",")

// parseGitHub reads `::level k=v,k=v::message` lines the way the Actions
// runner does: split properties on ',' and '=' before unescaping, so an
// unescaped ',' or ':' in a value would be caught.
func parseGitHub(t *testing.T, out string) []ghCommand {
	t.Helper()
	var cmds []ghCommand
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		rest, ok := strings.CutPrefix(line, "::")
		if !ok {
			t.Fatalf("not a workflow command: %q", line)
		}
		head, msg, ok := strings.Cut(rest, "::")
		if !ok {
			t.Fatalf("no message separator: %q", line)
		}
		level, props, _ := strings.Cut(head, " ")
		c := ghCommand{level: level, props: map[string]string{}, msg: ghUnescape.Replace(msg)}
		for _, kv := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("property without '=' in %q", line)
			}
			if _, dup := c.props[k]; dup {
				t.Fatalf("property %s twice in %q", k, line)
			}
			c.props[k] = ghUnescape.Replace(v)
		}
		cmds = append(cmds, c)
	}
	return cmds
}

func TestGitHubLines(t *testing.T) {
	got := render(t, "github", fixtureDiags(fixture(t)), Options{})
	// Errors first, then warnings, then notices, each in the order given.
	want := strings.Join([]string{
		"::error file=notes.md,line=3,col=20,endLine=3,endColumn=27,title=papers venue-name::NIPS'18: the venue is NeurIPS from 2018 (fix: write NeurIPS)",
		"::error file=missing.md,line=1,col=1,endLine=1,title=papers venue-name::somewhere",
		"::warning file=notes.md,line=2,col=32,endLine=2,endColumn=40,title=papers custom-venue::custom pattern matched",
		`::warning file=notes.md,line=4,col=5,endLine=4,endColumn=14,title=papers directive::unknown rule "x": 100%25 sure, <really>%0Asecond line`,
		"::warning file=refs dir/论文 refs.bib,line=2,col=12,endLine=2,endColumn=33,title=papers title-case::keep {Deep Interest Network} in braces (fix: brace the title)",
		"::notice file=notes.md,line=1,col=5,endLine=1,endColumn=7,title=papers cjk-spacing::论文 needs a space",
		// Over two lines: no endColumn, which GitHub reads on one line only.
		"::notice file=notes.md,line=3,col=15,endLine=4,title=papers cjk-spacing::two lines",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestGitHubFixNote: the fix's message is added only when the finding's
// message does not already say it.
func TestGitHubFixNote(t *testing.T) {
	tests := []struct{ msg, fix, want string }{
		{`add a space between "用" and "BERT"`, `add a space between "用" and "BERT"`, `add a space between "用" and "BERT"`},
		{"NIPS was renamed NeurIPS in 2018: write NeurIPS'19", "write NeurIPS", "NIPS was renamed NeurIPS in 2018: write NeurIPS'19"},
		{`organisation "google" is written Google`, "write Google", `organisation "google" is written Google (fix: write Google)`},
		{"no fix message", "", "no fix message"},
	}
	for _, tt := range tests {
		d := lint.Diagnostic{Rule: "r", Severity: lint.Warning, File: "n.md", Message: tt.msg, Fix: &lint.Fix{Message: tt.fix}}
		if got := parseGitHub(t, render(t, "github", []lint.Diagnostic{d}, Options{}))[0].msg; got != tt.want {
			t.Errorf("message %q, fix %q: got %q, want %q", tt.msg, tt.fix, got, tt.want)
		}
	}
}

// TestGitHubLimit: GitHub keeps 10 annotations of each kind per step, so
// no more are printed, the most severe first, and one last notice counts
// what was left out, taking the place of a notice finding.
func TestGitHubLimit(t *testing.T) {
	many := func(n int, sev lint.Severity, rule string) []lint.Diagnostic {
		var ds []lint.Diagnostic
		for i := range n {
			ds = append(ds, lint.Diagnostic{Rule: rule, Severity: sev, File: "n.md", Start: i, End: i + 1, Message: fmt.Sprintf("%s %d", rule, i)})
		}
		return ds
	}
	tests := []struct {
		name               string
		diags              []lint.Diagnostic
		opt                Options
		errs, warns, notes int // annotations kept of each kind
		notice             string
	}{
		{"all fit", slices.Concat(many(10, lint.Info, "i"), many(10, lint.Warning, "w"), many(10, lint.Error, "e")), Options{}, 10, 10, 10, ""},
		{"warnings cut", slices.Concat(many(3, lint.Info, "i"), many(247, lint.Warning, "w"), many(6, lint.Error, "e")),
			Options{Command: "papers lint notes.md"}, 6, 10, 3,
			"237 more findings are not shown (237 warnings): GitHub shows 10 annotations of each kind per step. To see all 256, run: papers lint notes.md"},
		{"notices cut, one left for the count", slices.Concat(many(12, lint.Info, "i"), many(11, lint.Error, "e")),
			Options{StepSummary: true}, 10, 0, 9,
			"4 more findings are not shown (1 error, 3 infos): GitHub shows 10 annotations of each kind per step. The step summary counts all 23. To see all 23, run: papers lint"},
		{"exactly ten notices and a cut", slices.Concat(many(10, lint.Info, "i"), many(11, lint.Warning, "w")),
			Options{}, 0, 10, 9,
			"2 more findings are not shown (1 warning, 1 info): GitHub shows 10 annotations of each kind per step. To see all 21, run: papers lint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmds := parseGitHub(t, render(t, "github", tt.diags, tt.opt))
			var notice *ghCommand
			if tt.notice != "" {
				last := cmds[len(cmds)-1]
				notice, cmds = &last, cmds[:len(cmds)-1]
			}
			count := map[string]int{}
			rank := map[string]int{"error": 0, "warning": 1, "notice": 2}
			for i, c := range cmds {
				count[c.level]++
				if i > 0 && rank[c.level] < rank[cmds[i-1].level] {
					t.Errorf("%s after %s", c.level, cmds[i-1].level)
				}
			}
			if count["error"] != tt.errs || count["warning"] != tt.warns || count["notice"] != tt.notes {
				t.Errorf("kept %v, want %d errors, %d warnings, %d notices", count, tt.errs, tt.warns, tt.notes)
			}
			if notice == nil {
				return
			}
			if notice.level != "notice" || notice.props["file"] != "" || notice.msg != tt.notice {
				t.Errorf("last line %+v, want a notice %q", *notice, tt.notice)
			}
			if count["notice"]+1 > ghAnnotationsPerKind {
				t.Errorf("%d notices with the count", count["notice"]+1)
			}
		})
	}
}

// TestGitHubRoundTrip writes awkward paths and messages and reads them
// back as the runner would.
func TestGitHubRoundTrip(t *testing.T) {
	tests := []struct {
		name, file, msg string
		sev             lint.Severity
		level           string
	}{
		{"comma and colon in path", "a,b:c.md", "plain", lint.Error, "error"},
		{"percent everywhere", "100%.md", "100% of %0A", lint.Warning, "warning"},
		{"CRLF in message", "x.md", "one\r\ntwo\nthree", lint.Info, "notice"},
		{"separators in message", "x.md", "a::b, c=d", lint.Warning, "warning"},
		{"off is a warning", "x.md", "m", lint.Off, "warning"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := lint.Diagnostic{Rule: "rule,x:y", Severity: tt.sev, File: tt.file, Message: tt.msg}
			out := render(t, "github", []lint.Diagnostic{d}, Options{})
			if strings.Count(out, "\n") != 1 {
				t.Fatalf("not one line: %q", out)
			}
			cmds := parseGitHub(t, out)
			c := cmds[0]
			if c.level != tt.level {
				t.Errorf("level = %q, want %q", c.level, tt.level)
			}
			if c.props["file"] != tt.file {
				t.Errorf("file = %q, want %q", c.props["file"], tt.file)
			}
			if c.props["title"] != "papers rule,x:y" {
				t.Errorf("title = %q", c.props["title"])
			}
			// The message part may hold "::"; only what follows the first
			// "::" after the properties is the message.
			if c.msg != tt.msg {
				t.Errorf("message = %q, want %q", c.msg, tt.msg)
			}
		})
	}
}

func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"k: v, w", "k: v, w", "k%3A v%2C w"},
		{"%0A", "%250A", "%250A"},
		{"论文", "论文", "论文"},
	}
	for _, tt := range tests {
		if got := ghData(tt.in); got != tt.data {
			t.Errorf("ghData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := ghProperty(tt.in); got != tt.prop {
			t.Errorf("ghProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}
