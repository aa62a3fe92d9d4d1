package cjk

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/cjkcorpus"
	"github.com/paperlint/papers/internal/testkit"
)

// devSet is the shared development corpus (cjk-dev.tsv under
// ../shared/corpus): input -> expected pairs taken from the autocorrect test
// fixtures and the sparanoid style guide. The test skips when it is absent.
const devSet = "cjk-dev.tsv"

type corpusRow struct {
	id, config, changed, input, expected, note string
	line                                       int
}

func loadCorpus(t *testing.T, path string) []corpusRow {
	t.Helper()
	rs, err := cjkcorpus.Load(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s is absent", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]corpusRow, len(rs))
	for i, r := range rs {
		rows[i] = corpusRow{id: r.ID, config: r.Config, changed: r.Changed, input: r.Input, expected: r.Expected, note: r.Note, line: r.Line}
	}
	return rows
}

// rowOptions maps the corpus config column onto Options. autocorrect never
// converts brackets, which is our Convert set without "()"; the style guide
// writes full-width brackets around every parenthesis in Chinese text.
func rowOptions(config string) Options {
	switch {
	case strings.Contains(config, "autocorrect"):
		return Options{Convert: ",.:;!?"}
	case strings.Contains(config, "style guide"):
		return Options{Brackets: BracketsFullWidth}
	}
	return Options{}
}

// markdownSpans protects what a Markdown caller would keep out of the
// prose: block markers at the start of the line, the brackets and
// destination of inline links. It is a stand-in for the goldmark walk of
// the real rule, good enough for one-line fixtures.
func markdownSpans(line string) []Span {
	var spans []Span
	i := 0
	for {
		j := i
		for j < len(line) && line[j] == ' ' {
			j++
		}
		k := j
		switch {
		case k < len(line) && line[k] == '#':
			for k < len(line) && line[k] == '#' {
				k++
			}
			if k-j > 6 || k < len(line) && line[k] != ' ' {
				k = j
			}
		case k < len(line) && (line[k] == '-' || line[k] == '*' || line[k] == '+' || line[k] == '>'):
			k++
			if line[k-1] != '>' && (k >= len(line) || line[k] != ' ') {
				k = j
			}
		}
		if k == j {
			break
		}
		for k < len(line) && line[k] == ' ' {
			k++
		}
		i = k
	}
	if i > 0 {
		spans = append(spans, Span{Start: 0, End: i})
	}
	// Inline links [text](dest): protect "[" and "](dest)".
	pos := i
	for {
		k := strings.Index(line[pos:], "](")
		if k < 0 {
			break
		}
		k += pos
		open := strings.LastIndexByte(line[pos:k], '[')
		end := strings.IndexByte(line[k:], ')')
		if open < 0 || end < 0 {
			pos = k + 2
			continue
		}
		open += pos
		end += k + 1
		start := open
		if start > 0 && line[start-1] == '!' {
			start--
		}
		spans = append(spans, Span{Start: start, End: open + 1, First: Object, Last: Object},
			Span{Start: k, End: end, First: Object, Last: Object})
		pos = end
	}
	return spans
}

func TestDevCorpus(t *testing.T) {
	rows := loadCorpus(t, testkit.Corpus(t, devSet))
	var pass, unchangedBroken, defaultPass int
	for _, r := range rows {
		ctx := Context{}
		if strings.Contains(r.config, "markdown") {
			ctx.Protected = markdownSpans(r.input)
		}
		got := Fix(r.input, ctx, rowOptions(r.config), AllKinds)
		if got == r.expected {
			pass++
		} else {
			t.Logf("%s (line %d, %s):\n\tinput    %q\n\tgot      %q\n\texpected %q", r.id, r.line, r.note, r.input, got, r.expected)
		}
		if r.changed == "no" && got != r.input {
			unchangedBroken++
			t.Errorf("%s: changed=no row was changed:\n\tinput %q\n\tgot   %q", r.id, r.input, got)
		}
		if Fix(r.input, ctx, Options{}, AllKinds) == r.expected {
			defaultPass++
		}
		// Two rules fixing in turns reach the same text, in at most two rounds.
		if sep, rounds := fixSeparately(t, r.input, ctx, rowOptions(r.config)); sep != got || rounds > 2 {
			t.Errorf("%s: separate rules give %q in %d rounds, one call gives %q", r.id, sep, rounds, got)
		}
	}
	ratio := float64(pass) / float64(len(rows))
	t.Logf("dev corpus: %d/%d rows exact (%.1f%%) with the options of the config column; %d/%d (%.1f%%) with default options",
		pass, len(rows), 100*ratio, defaultPass, len(rows), 100*float64(defaultPass)/float64(len(rows)))
	if ratio < 0.95 {
		t.Errorf("accuracy %.1f%% < 95%%", 100*ratio)
	}
	// The default options alone must also reach the bar: only the bracket
	// style separates them (C005, C064, C489).
	if d := float64(defaultPass) / float64(len(rows)); d < 0.95 {
		t.Errorf("accuracy with default options %.1f%% < 95%%", 100*d)
	}
}
