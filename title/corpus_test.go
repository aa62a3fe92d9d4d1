package title

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/paperlint/papers/internal/testkit"
)

// corpusTitles extracts the titles matched by re's first group from a file
// of the real paper lists under ../shared/corpus/notes (see SOURCES.md
// there), with their 1-based line numbers. The lists are not part of the
// project: the test skips when the file is absent.
func corpusTitles(t *testing.T, name, re string) (titles []string, lines []int) {
	t.Helper()
	data, err := os.ReadFile(testkit.Corpus(t, "notes/"+name))
	if err != nil {
		t.Fatal(err)
	}
	rx := regexp.MustCompile(re)
	for i, l := range strings.Split(string(data), "\n") {
		if m := rx.FindStringSubmatch(l); m != nil {
			titles = append(titles, m[1])
			lines = append(lines, i+1)
		}
	}
	return titles, lines
}

// groupLines maps each duplicate group to the line numbers of its titles.
func groupLines(groups [][]int, lines []int) [][]int {
	out := make([][]int, len(groups))
	for g, idx := range groups {
		for _, i := range idx {
			out[g] = append(out[g], lines[i])
		}
	}
	return out
}

func TestCorpusDiffusionModels(t *testing.T) {
	// Entries are "**Title** \" followed by authors and venue lines.
	titles, lines := corpusTitles(t, "diffusion-models-README.md", `^\*\*(.*)\*\* \\$`)
	if len(titles) != 2966 {
		t.Fatalf("extracted %d titles, want 2966", len(titles))
	}

	// The list files many papers under several sections, so exact repeats
	// are common: 290 groups (277 pairs and 13 triples). Among them are the
	// two different papers called "Diffusion Models in NLP: A Survey" (Zou et
	// al., 2305.14671 and Zhu & Zhao, 2303.07576): equal titles cannot be
	// told apart by title, which is why callers report duplicates as
	// warnings and show the venue and authors.
	groups := groupLines(Duplicates(titles), lines)
	members := 0
	for _, g := range groups {
		members += len(g)
	}
	t.Logf("%d titles, %d exact-duplicate groups holding %d titles", len(titles), len(groups), members)
	if len(groups) != 290 || members != 593 {
		t.Errorf("got %d groups with %d titles, want 290 with 593", len(groups), members)
	}
	if !slices.ContainsFunc(groups, func(g []int) bool { return slices.Equal(g, []int{276, 301}) }) {
		t.Error(`"Diffusion Models in NLP: A Survey" at lines 276 and 301 not grouped`)
	}

	// Similar pairs. Inspected by hand: the list holds no near-duplicates,
	// only exact repeats. A brute-force pass over all pairs of distinct keys
	// with a character Levenshtein ratio >= 0.8 finds 40 close pairs, all of
	// them different papers, and the measure rejects every one, among them
	//   159/1260 "Diffusion Probabilistic Models" / "... Fields",
	//   276/336 "Diffusion Models in NLP: A Survey" / "... in Vision: ...",
	//   195/2214 "Denoising Diffusion Probabilistic Models" / "Improved ...",
	//   8281/9229 "ISS++: Image as Stepping Stone ..." / "ISS: ...",
	//   10987/11153 "Differentially Private (Latent) Diffusion Models",
	//   13524/14081 "Auto-Regressive Diffusion Model for Text Generation" /
	//     "Autoregressive Diffusion Model for Graph Generation".
	// So the expected list is empty, even at a much lower threshold than the
	// default: 0 false pairs in 2,966 entries.
	for _, threshold := range []float64{DefaultThreshold, 0.5} {
		for _, p := range Similar(titles, Options{Threshold: threshold}) {
			t.Errorf("threshold %.2f: unexpected pair at lines %d/%d (%.3f, %s):\n  %q\n  %q",
				threshold, lines[p.A], lines[p.B], p.Score, p.Reason, titles[p.A], titles[p.B])
		}
	}
}

// TestCorpusDiffusionPlanted checks recall on real titles: a letter swap
// planted in the longest word of each of the distinct titles must be found,
// and must pair with its source title only.
func TestCorpusDiffusionPlanted(t *testing.T) {
	titles, _ := corpusTitles(t, "diffusion-models-README.md", `^\*\*(.*)\*\* \\$`)
	seen := map[string]bool{}
	var base []string
	for _, s := range titles {
		if k := Normalize(s); !seen[k] {
			seen[k] = true
			base = append(base, s)
		}
	}
	all := slices.Clone(base)
	source := map[int]int{} // index of planted title -> index of its source
	for i, s := range base {
		words := strings.Fields(s)
		longest := -1
		for j, w := range words {
			if isPlainWord(w) && utf8.RuneCountInString(w) >= 6 && (longest < 0 || len(w) > len(words[longest])) {
				longest = j
			}
		}
		if longest < 0 {
			continue
		}
		w := words[longest]
		m := len(w) / 2
		words[longest] = w[:m] + w[m+1:m+2] + w[m:m+1] + w[m+2:]
		planted := strings.Join(words, " ")
		if Normalize(planted) == Normalize(s) {
			continue // swapped two equal letters
		}
		source[len(all)] = i
		all = append(all, planted)
	}
	pairs := Similar(all, Options{})
	found := 0
	for _, p := range pairs {
		if src, ok := source[p.B]; ok && src == p.A {
			found++
			continue
		}
		t.Errorf("unexpected pair %q / %q (%s)", all[p.A], all[p.B], p.Reason)
	}
	t.Logf("planted %d typos in real titles, found %d", len(source), found)
	// A swap in a short title can fall below the threshold; require 99%.
	if found*100 < len(source)*99 {
		t.Errorf("found %d of %d planted typos, want at least 99%%", found, len(source))
	}
}

func isPlainWord(w string) bool {
	for _, r := range w {
		if r >= utf8.RuneSelf || asciiClass[r] != clLetter {
			return false
		}
	}
	return true
}

func TestCorpusGestureGeneration(t *testing.T) {
	// "- 【VENUE YEAR】 **Abbr** Title [[paper]](...)"; the abbreviation and
	// the venue are not part of the title.
	titles, lines := corpusTitles(t, "gesture-generation-README.md",
		`^- (?:【[^】]*】)?\s*(?:\*\*[^*]+\*\*\s*)?(.*?)\s*;?\s*\[\[`)
	groups := groupLines(Duplicates(titles), lines)
	t.Logf("%d titles, %d exact-duplicate groups: %v", len(titles), len(groups), groups)
	if !slices.ContainsFunc(groups, func(g []int) bool { return slices.Equal(g, []int{339, 340}) }) {
		t.Errorf("adjacent repeat at lines 339/340 not grouped: %v", groups)
	}
	// Inspected by hand: the closest distinct titles are "The DeepMotion
	// entry to the GENEA Challenge 2022" and "The ReprGesture entry ..."
	// (lines 282/283), different papers. No similar pairs expected.
	for _, p := range Similar(titles, Options{Threshold: 0.5}) {
		t.Errorf("unexpected pair at lines %d/%d (%s): %q / %q", lines[p.A], lines[p.B], p.Reason, titles[p.A], titles[p.B])
	}
}
