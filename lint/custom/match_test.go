package custom

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		pattern    string
		ignoreCase bool
		lits       []string
		fold       bool
	}{
		{`TODO`, false, []string{"TODO"}, false},
		{`\bTODO\b`, false, []string{"TODO"}, false},
		{`TODO`, true, []string{"todo"}, true},
		{`TODO|FIXME`, false, []string{"FIXME", "TODO"}, false},
		{`(?:un)?labell(?:ed|ing)`, false, []string{"labell"}, false},
		{`[0-9]+ ?percent`, false, []string{"percent"}, false},
		{`colou?r`, false, []string{"colo"}, false},
		{`.+`, false, nil, false},
		{`a*`, false, nil, false},
		{`(?i)Ärger`, false, nil, false}, // a folded letter outside ASCII
		{`待补充`, true, []string{"待补充"}, true},
	}
	for _, tt := range tests {
		m, err := newMatcher(tt.pattern, tt.ignoreCase, false)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(m.lits, tt.lits) || m.lits != nil && m.fold != tt.fold {
			t.Errorf("%q: literals %q (fold %v), want %q (fold %v)", tt.pattern, m.lits, m.fold, tt.lits, tt.fold)
		}
	}
}

// TestPrefilterFindsEveryMatch compares the matches found through the
// literal prefilter with those found by matching every item, on random
// texts made of pieces that the patterns match, nearly match or straddle.
func TestPrefilterFindsEveryMatch(t *testing.T) {
	patterns := []struct {
		p          string
		ignoreCase bool
		whole      bool
	}{
		{`TODO`, false, false}, {`TODO`, true, true}, {`todo|fixme`, true, false},
		{`arXiv`, false, true}, {`(?:un)?labell(?:ed|ing)`, false, false},
		{`[0-9]+ ?percent`, true, false}, {`待补充|未完`, false, true}, {`k`, true, false},
	}
	pieces := []string{"TODO", "todo", "ToDo", "TOD", "ODO", "fixme", "FIXME", "arXiv", "arxiv", "Arxiv", "xarXiv",
		"labelled", "unlabelling", "label", "5 percent", "12percent", "PERCENT", "待补充", "未完", "待补", " ", "  ", "a", "，",
		"k", "K", "\u212a", "s", "\n"}
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
		it := &Items{text: text}
		it.folded, it.hasFolded = foldedText(text)
		for _, pt := range patterns {
			m, err := newMatcher(pt.p, pt.ignoreCase, pt.whole)
			if err != nil {
				t.Fatal(err)
			}
			brute := *m
			brute.lits = nil
			if got, want := found(m, it, items), found(&brute, it, items); !slices.Equal(got, want) {
				t.Fatalf("pattern %q on %q: prefilter found %v, every item %v", pt.p, text, got, want)
			}
		}
	}
}

// found lists the matches of m in items, as start, end pairs.
func found(m *matcher, it *Items, items []item) []int {
	var out []int
	m.candidates(it, items, func(k int) {
		m.each(it.text, items[k].start, items[k].end, func(s, e int) bool {
			out = append(out, s, e)
			return true
		})
	})
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
		c := &casing{style: tt.style, exceptions: map[string]string{}}
		var edits []Edit
		for _, w := range words(tt.in, 0, len(tt.in)) {
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
