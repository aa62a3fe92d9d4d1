package report

import (
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
	want := strings.Join([]string{
		"::notice file=notes.md,line=1,col=5,endLine=1,endColumn=7,title=papers cjk-spacing::论文 needs a space",
		"::warning file=notes.md,line=2,col=32,endLine=2,endColumn=40,title=papers custom-venue::custom pattern matched",
		"::error file=notes.md,line=3,col=20,endLine=3,endColumn=27,title=papers venue-name::NIPS'18: the venue is NeurIPS from 2018 (fix: write NeurIPS)",
		// Over two lines: no endColumn, which GitHub reads on one line only.
		"::notice file=notes.md,line=3,col=15,endLine=4,title=papers cjk-spacing::two lines",
		`::warning file=notes.md,line=4,col=5,endLine=4,endColumn=14,title=papers directive::unknown rule "x": 100%25 sure, <really>%0Asecond line`,
		"::warning file=refs dir/论文 refs.bib,line=2,col=12,endLine=2,endColumn=33,title=papers title-case::keep {Deep Interest Network} in braces (fix: brace the title)",
		"::error file=missing.md,line=1,col=1,endLine=1,title=papers venue-name::somewhere",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
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
