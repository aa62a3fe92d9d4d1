package custom

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/paperlint/papers/notes"
)

func TestLiterals(t *testing.T) {
	tests := []struct {
		pattern    string
		ignoreCase bool
		strs, pre  []string // the strings of a literal part, or the literals of a pattern's part
		fold       bool
	}{
		{`TODO`, false, []string{"TODO"}, nil, false},
		{`TODO`, true, []string{"TODO"}, nil, true},
		{`TODO|FIXME`, false, []string{"TODO", "FIXME"}, nil, false},
		{`TODO|TOTAL`, false, []string{"TODO", "TOTAL"}, nil, false}, // the parser factors TO out
		{`colou?r`, false, []string{"colour", "color"}, nil, false},
		{`colou??r`, false, []string{"color", "colour"}, nil, false},
		{`analy[sz]e`, false, []string{"analyse", "analyze"}, nil, false},
		{`tensor ?flow`, true, []string{"TENSOR FLOW", "TENSORFLOW"}, nil, true}, // (?i) literals as the parser keeps them
		{`待补充`, true, []string{"待补充"}, nil, false},                               // no letter with a case: exact
		{`\bTODO\b`, false, nil, []string{"todo"}, false},
		{`(?:un)?labell(?:ed|ing)`, false, []string{"unlabelled", "unlabelling", "labelled", "labelling"}, nil, false},
		{`(?:un)?labell(?:ed|ing)s*`, false, nil, []string{"labell"}, false},
		{`[0-9]+ ?percent`, false, nil, []string{"percent"}, false},
		{`.+`, false, nil, nil, false},
		{`a*`, false, nil, nil, false},
		{`x`, false, nil, nil, false},                              // one byte: not worth searching
		{`(?i)Ärger`, false, nil, nil, false},                      // a folded letter outside ASCII
		{`(?i:foo)|Bar`, false, nil, []string{"bar", "foo"}, true}, // mixed case sensitivity: a pattern
	}
	for _, tt := range tests {
		var tab litTable
		m, err := newMatcher(&tab, []string{tt.pattern}, tt.ignoreCase, false)
		if err != nil {
			t.Fatal(err)
		}
		p := m.parts[0]
		var strs, pre []string
		for _, s := range p.strs {
			strs = append(strs, s.text)
		}
		for _, id := range p.pre {
			pre = append(pre, tab.lits[id])
		}
		if !slices.Equal(strs, tt.strs) || !slices.Equal(pre, tt.pre) || (strs != nil || pre != nil) && p.fold != tt.fold {
			t.Errorf("%q: strings %q, literals %q (fold %v); want %q, %q (fold %v)", tt.pattern, strs, pre, p.fold, tt.strs, tt.pre, tt.fold)
		}
	}
}

// TestLiteralSearchFindsEveryMatch compares the matches found through the
// literal search with those the patterns find in every item, on random
// texts made of pieces that the patterns match, nearly match or straddle.
func TestLiteralSearchFindsEveryMatch(t *testing.T) {
	patterns := []struct {
		p          []string
		ignoreCase bool
		whole      bool
	}{
		{[]string{`TODO`}, false, false}, {[]string{`TODO`}, true, true}, {[]string{`todo|fixme`}, true, false},
		{[]string{`arXiv`}, false, true}, {[]string{`(?:un)?labell(?:ed|ing)`}, false, false},
		{[]string{`[0-9]+ ?percent`}, true, false}, {[]string{`待补充|未完`}, false, true}, {[]string{`ks`}, true, false},
		{[]string{`arXiv`, `Arxiv`, `arxiv`}, false, true}, {[]string{`TO`, `TODO`, `ODO`}, false, false},
		{[]string{`colou?r`, `analy[sz]e`}, true, true},
	}
	pieces := []string{"TODO", "todo", "ToDo", "TOD", "ODO", "fixme", "FIXME", "arXiv", "arxiv", "Arxiv", "xarXiv",
		"labelled", "unlabelling", "label", "5 percent", "12percent", "PERCENT", "待补充", "未完", "待补", " ", "  ", "a", "，",
		"k", "K", "\u212a", "s", "KS", "colour", "Color", "analyse", "ANALYZE", "\n"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 300; round++ {
		var b strings.Builder
		for range 60 {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		// Items: random non-overlapping ranges on rune boundaries.
		var bounds []int
		for i := range text {
			if rng.IntN(6) == 0 {
				bounds = append(bounds, i)
			}
		}
		bounds = append(bounds, len(text))
		var items []item
		for i := 0; i+1 < len(bounds); i += 2 {
			items = append(items, item{start: bounds[i], end: bounds[i+1]})
		}
		for _, pt := range patterns {
			var tab litTable
			m, err := newMatcher(&tab, pt.p, pt.ignoreCase, pt.whole)
			if err != nil {
				t.Fatal(err)
			}
			all := make([]bool, len(tab.lits))
			for i := range all {
				all[i] = true
			}
			searched := &Items{text: text, table: &tab, hits: tab.scan(text, all), foldSafe: foldSafe(text)}
			brute := &Items{text: text, table: &tab}
			if got, want := found(m, searched, items), found(m, brute, items); !slices.Equal(got, want) {
				t.Fatalf("patterns %q on %q: the literal search found %v, the patterns %v", pt.p, text, got, want)
			}
		}
	}
}

// found lists the matches of m in items, as part, start, end triples.
func found(m *matcher, it *Items, items []item) []int {
	var out []int
	m.run(it, items, nil, func(_, part, s, e int) { out = append(out, part, s, e) })
	return out
}

func TestWholeWord(t *testing.T) {
	tests := []struct {
		text string
		s, e int
		want bool
	}{
		{"a TODO b", 2, 6, true},
		{"TODOs", 0, 4, false},
		{"autodo", 2, 6, false},
		{"这里待补充。", 6, 15, true},
		{"用TODO标记", 3, 7, true},
		{"[MS]", 1, 3, true},
		{"MSRA", 0, 2, false},
		{"café", 0, 3, false},
	}
	for _, tt := range tests {
		if got := wholeWord(tt.text, tt.s, tt.e); got != tt.want {
			t.Errorf("wholeWord(%q, %d, %d) = %v, want %v", tt.text, tt.s, tt.e, got, tt.want)
		}
	}
}

func TestYearRange(t *testing.T) {
	tests := []struct {
		in       string
		from, to int
		ok       bool
	}{
		{"2021-", 2021, 0, true}, {"-2019", 0, 2019, true}, {"2018-2020", 2018, 2020, true}, {"2021", 2021, 2021, true},
		{"-", 0, 0, false}, {"21-", 0, 0, false}, {"2020-2018", 0, 0, false}, {"soon", 0, 0, false},
	}
	for _, tt := range tests {
		from, to, err := yearRange(tt.in)
		if (err == nil) != tt.ok || from != tt.from || to != tt.to {
			t.Errorf("yearRange(%q) = %d, %d, %v", tt.in, from, to, err)
		}
	}
}

func TestCasing(t *testing.T) {
	tests := []struct {
		style, in, want string
	}{
		{titleCase, "learning to rank: a survey of the field", "Learning to Rank: A Survey of the Field"},
		{titleCase, "what is it for", "What Is It For"},
		{titleCase, "BERT: pre-training of deep bidirectional transformers", "BERT: Pre-training of Deep Bidirectional Transformers"},
		{titleCase, "click-through rate prediction with DeepFM and iPhone data", "Click-through Rate Prediction With DeepFM and iPhone Data"},
		{titleCase, "GPT-3 和 ResNet50 的对比", "GPT-3 和 ResNet50 的对比"},
		{sentenceCase, "Computer Vision Papers: A Survey", "Computer vision papers: A survey"},
		{upperCase, "tpami'20", "TPAMI'20"},
		{lowerCase, "Deep Learning BERT", "deep learning BERT"},
	}
	for _, tt := range tests {
		c := &casing{style: tt.style}
		var edits []Edit
		for _, w := range appendWords(nil, tt.in, 0, len(tt.in)) {
			got := tt.in[w.start:w.end]
			if want, ok := c.want(got, w); ok && want != got {
				edits = append(edits, Edit{Start: w.start, End: w.end, New: want})
			}
		}
		if got := applyEdits(tt.in, 0, len(tt.in), edits); got != tt.want {
			t.Errorf("%s case of %q = %q, want %q", tt.style, tt.in, got, tt.want)
		}
	}
}

// TestMessagePieces renders messages of text and fields without
// text/template and checks that they read as the template would, and
// that other templates are still executed.
func TestMessagePieces(t *testing.T) {
	paper := &notes.Paper{Title: "Attention Is All You Need", Venue: &notes.Tag{Name: "NIPS", Year: 2017},
		Orgs: []notes.Org{{Name: "Google"}, {Name: "UofT"}}, Section: &notes.Section{Title: "预训练"}}
	u := &unit{paper: paper, year: 2017}
	d := Data{Match: "MS", Replacement: "MSRA", Count: 3}
	for _, s := range []string{
		"plain",
		"{{.Match}} -> {{.Replacement}} ({{.Count}})",
		"{{.Title}} [{{.Venue}}'{{.Year}}][{{.Org}}] in {{.Section}}",
		`{{if .Year}}year {{.Year}}{{end}} {{.Title | printf "%q"}}`,
	} {
		m, err := compileMessage(s)
		if err != nil {
			t.Fatal(err)
		}
		got := m.render(&Items{}, u, d)
		full := *m
		full.pieces = nil
		if want := full.render(&Items{}, u, d); got != want {
			t.Errorf("%q renders %q, the template %q", s, got, want)
		}
	}
}
