package rules

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
)

// The real paper lists under ../shared/corpus/notes (see SOURCES.md there)
// are not in the seed's `### Title[VENUE'YY]` format, so the notes parser
// does not read their entries. Each has a small extractor here that pulls
// out the titles with their line, section, venue and link; the titles are
// then written as generated notes, one `### Title[VENUE'YY]` entry each
// under their original section, and run through the title rules. Findings
// are mapped back to the list's own line numbers.

// corpusEntry is one paper extracted from a list.
type corpusEntry struct {
	line    int    // 1-based line in the list
	title   string // as written, markup removed
	venue   string // `arXiv'23`, or "" when the list gives none
	url     string
	section string
}

// readCorpus returns the lines of a list; the test skips when it is absent.
func readCorpus(t *testing.T, name string) []string {
	t.Helper()
	data, err := os.ReadFile(testkit.Corpus(t, "notes/"+name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n")
}

// venueTag turns `arXiv 2023`, `CVPR 2022` or `KDD 2018` into `arXiv'23`.
var venueYearRx = regexp.MustCompile(`^\s*(.*?)\s*'?((?:19|20)\d\d)\s*$`)

func venueTag(s string) string {
	m := venueYearRx.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune("[]【】'’", r) {
			return -1
		}
		return r
	}, m[1])
	if name == "" {
		name = "arXiv"
	}
	return name + "'" + m[2][2:]
}

// headingText is a Markdown heading's text without its hashes, emphasis
// and anchors.
var anchorRx = regexp.MustCompile(`<a name="[^"]*">|</a>|<a name="[^"]*"></a>`)

func headingText(l string) string {
	l = strings.TrimLeft(l, "#")
	l = anchorRx.ReplaceAllString(l, "")
	return strings.TrimSpace(strings.ReplaceAll(l, "**", ""))
}

// diffusionEntries reads Awesome-Diffusion-Models: `**Title** \`, then
// `*Authors* \`, then `arXiv 2023. [[Paper](url)] \`. Only papers count:
// the blog posts, videos and notebooks of its Resources part have no
// venue line (Lilian Weng's post and Ari Seff's video are both called "What
// are Diffusion Models?").
func diffusionEntries(t *testing.T) []corpusEntry {
	lines := readCorpus(t, "diffusion-models-README.md")
	titleRx := regexp.MustCompile(`^\*\*(.*)\*\* \\$`)
	venueRx := regexp.MustCompile(`^(.*?\d{4})\.`)
	urlRx := regexp.MustCompile(`\[\[Paper\]\(([^)]*)\)\]`)
	var out []corpusEntry
	section := ""
	for i, l := range lines {
		if strings.HasPrefix(l, "#") {
			section = headingText(l)
			continue
		}
		m := titleRx.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if i+2 >= len(lines) {
			continue
		}
		v := venueRx.FindStringSubmatch(lines[i+2])
		if v == nil {
			continue
		}
		e := corpusEntry{line: i + 1, title: m[1], venue: venueTag(v[1]), section: section}
		if u := urlRx.FindStringSubmatch(lines[i+2]); u != nil {
			e.url = u[1]
		}
		out = append(out, e)
	}
	return out
}

// gestureEntries reads awesome-gesture_generation:
// `- 【CVPR 2022】 **Abbr** Title [[paper]](<url>) ; ...`.
func gestureEntries(t *testing.T) []corpusEntry {
	lines := readCorpus(t, "gesture-generation-README.md")
	rx := regexp.MustCompile(`^- (?:【([^】]*)】)?\s*(?:\*\*[^*]+\*\*\s*)?(.*?)\s*;?\s*\[\[paper\]\]\(<?([^)>]*)>?\)`)
	var out []corpusEntry
	section := ""
	for i, l := range lines {
		if strings.HasPrefix(l, "#") {
			section = headingText(l)
			continue
		}
		m := rx.FindStringSubmatch(l)
		if m == nil || m[2] == "" {
			continue
		}
		out = append(out, corpusEntry{line: i + 1, title: m[2], venue: venueTag(m[1]), url: m[3], section: section})
	}
	return out
}

// paddlerecEntries reads PaddleRec's model table: a cell
// `[KDD 2018][Title](url)` per model.
func paddlerecEntries(t *testing.T) []corpusEntry {
	lines := readCorpus(t, "paddlerec-README_CN.md")
	rx := regexp.MustCompile(`\|\s*\[([^\]]*\d{4})\]\[([^\]]+)\]\(\s*([^)\s]*)\s*\)`)
	var out []corpusEntry
	for i, l := range lines {
		m := rx.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		section := ""
		if cells := strings.Split(l, "|"); len(cells) > 1 {
			section = strings.TrimSpace(cells[1])
		}
		out = append(out, corpusEntry{line: i + 1, title: m[2], venue: venueTag(m[1]), url: m[3], section: section})
	}
	return out
}

// fuzzingEntries reads FuzzingPaper, which lists every paper twice on
// purpose: once under its venue (`- **CCS 2024**` then `  - [Title](url)`)
// and once under its subject (`### Title (CCS 2024)` under `# Subject`).
func fuzzingEntries(t *testing.T) []corpusEntry {
	lines := readCorpus(t, "fuzzingpaper-README.md")
	groupRx := regexp.MustCompile(`^- \*\*(.+)\*\*\s*$`)
	itemRx := regexp.MustCompile(`^\s+- \[(.+)\]\(([^)]*)\)\s*$`)
	headRx := regexp.MustCompile(`^### (.+?)\s*(?:\(([^()]*)\))?\s*(?:<a name="[^"]*"></a>)?\s*$`)
	var out []corpusEntry
	section, part := "", ""
	for i, l := range lines {
		if strings.HasPrefix(l, "# ") {
			part, section = headingText(l), headingText(l)
			continue
		}
		switch {
		case strings.HasPrefix(part, "All Papers (Classification according to Publication)"):
			if m := groupRx.FindStringSubmatch(l); m != nil {
				section = m[1]
				continue
			}
			if m := itemRx.FindStringSubmatch(l); m != nil {
				out = append(out, corpusEntry{line: i + 1, title: m[1], venue: venueTag(section), url: m[2], section: section})
			}
		case strings.HasPrefix(part, "All Papers"), part == "", strings.HasPrefix(part, "Recent"):
			// The table of contents repeats every heading as a link.
		default:
			if m := headRx.FindStringSubmatch(l); m != nil {
				out = append(out, corpusEntry{line: i + 1, title: m[1], venue: venueTag(m[2]), section: section})
			}
		}
	}
	return out
}

// generated is a list written as notes, with the way back to its lines.
type generated struct {
	name    string
	src     []byte
	entries []corpusEntry
	origin  map[int]int // generated line -> list line
}

func generateNotes(name string, entries []corpusEntry) *generated {
	g := &generated{name: name, entries: entries, origin: map[int]int{}}
	var b strings.Builder
	line := 1
	write := func(s string) {
		b.WriteString(s)
		b.WriteByte('\n')
		line++
	}
	write("# " + name)
	section := "\x00"
	clean := strings.NewReplacer("[", "(", "]", ")", "【", "(", "】", ")", "\n", " ")
	for _, e := range entries {
		if e.section != section {
			section = e.section
			write("## " + clean.Replace(section))
		}
		tag := "[Corpus]"
		if e.venue != "" {
			tag = "[" + e.venue + "]"
		}
		g.origin[line] = e.line
		write("### " + strings.TrimRight(clean.Replace(strings.TrimSpace(e.title)), " #") + tag)
		write("- 摘录的条目。")
	}
	g.src = []byte(b.String())
	return g
}

// corpusPair is two list lines a rule paired, the smaller first.
type corpusPair struct{ a, b int }

func (p corpusPair) String() string { return fmt.Sprintf("%d/%d", p.a, p.b) }

// runCorpus runs one rule on the generated notes and returns the pairs it
// reports (from each finding's related locations) in list lines, sorted.
func runCorpus(t *testing.T, g *generated, id, config string) []corpusPair {
	t.Helper()
	ds, res := runTitleRule(t, id, config, g.name+".md", string(g.src))
	f := res.Files[0]
	toList := func(off int) int {
		l, ok := g.origin[f.Lines().Position(off).Line]
		if !ok {
			t.Fatalf("finding at generated line %d, which is no entry", f.Lines().Position(off).Line)
		}
		return l
	}
	seen := map[corpusPair]bool{}
	for _, d := range ds {
		a := toList(d.Start)
		for _, r := range d.Related() {
			b := toList(r.Start)
			p := corpusPair{min(a, b), max(a, b)}
			seen[p] = true
		}
	}
	out := make([]corpusPair, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].a != out[j].a {
			return out[i].a < out[j].a
		}
		return out[i].b < out[j].b
	})
	return out
}

// verdict is a hand-checked judgement on a pair a rule reported.
type verdict int

const (
	samePaper verdict = iota + 1
	// sameWork: two publications of one work with one title (a conference
	// paper and its extension, two arXiv versions). Reporting them is right
	// (the message shows that the venues differ), but they are counted as
	// false pairs below, to keep the figure strict.
	sameWork
	// differentPapers: a false pair.
	differentPapers
)

// corpusCase is one list with what the rules must find in it.
type corpusCase struct {
	name    string
	extract func(*testing.T) []corpusEntry
	entries int // entries the extractor must find
	// dupPairs is the number of pairs duplicate-title reports by default;
	// mustDup are pairs it must report; sectionDup is exactly what it
	// reports with ignore-across-sections.
	dupPairs   int
	mustDup    []string
	sectionDup []string
	// similar is exactly what similar-title reports at the default
	// threshold, and at 0.5.
	similar []string
	// sharedLink are pairs of different papers with one URL, which no title
	// rule may report.
	sharedLink []string
	// verdicts judge the pairs that the automatic checks (same link, or a
	// list's deliberate cross-listing) do not explain. Inspected by hand.
	verdicts map[string]verdict
	// crossListed reports whether a pair is the list's deliberate second
	// listing of a paper, with the same title as written.
	crossListed func(a, b corpusEntry) bool
}

var titleCorpusCases = []corpusCase{
	{
		name: "diffusion", extract: diffusionEntries, entries: 2929,
		// Papers are filed under several sections on purpose: 287 groups.
		dupPairs: 313,
		mustDup:  []string{"276/301"},
		// Repeats inside one section: 8 real ones and the trap.
		sectionDup: []string{"276/301", "2793/2799", "6286/6296", "8717/8733", "10198/10208", "11107/11123", "11572/11592", "11689/11706", "11700/11729"},
		verdicts: map[string]verdict{
			// Zou, Kim and Kang (2305.14671) and Zhu and Zhao (2303.07576):
			// two surveys with one title. The message shows both [arXiv'23];
			// only the authors tell them apart.
			"276/301": differentPapers,
			// Wei et al. (2301.09430) listed under the title of Yue et
			// al.'s Dif-Fusion (2301.08072): a copy error in the list that
			// the finding exposes, but two different papers.
			"4226/12358": differentPapers,
			// Same authors, two arXiv records (2303.14139, 2308.04249).
			"4037/6865": sameWork,
			// Carlini et al. twice, once with a wrong arXiv link.
			"11107/11123": samePaper, "11107/12328": samePaper,
			// Same authors: WSA/SCC 2023 paper and its arXiv extension.
			"12323/15391": sameWork,
			// Same authors, one entry has an empty link.
			"10198/10208": samePaper,
		},
	},
	{
		name: "gesture", extract: gestureEntries, entries: 128,
		dupPairs:   7,
		mustDup:    []string{"339/340"},
		sectionDup: []string{"293/298", "337/343", "339/340", "373/375"},
		verdicts: map[string]verdict{
			// One title, same paper on arXiv and ResearchGate.
			"373/375": samePaper,
		},
	},
	{
		// Lines 178/179 share a URL but are two papers (FGCNN, DPIN): no
		// title rule may pair them.
		name: "paddlerec", extract: paddlerecEntries, entries: 62,
		sharedLink: []string{"178/179"},
	},
	{
		// Every paper is listed under its venue and again under its
		// subject; the title rules see both.
		name: "fuzzing", extract: fuzzingEntries, entries: 1056,
		// Revery (CCS 2018, lines 678/3345) and its journal version, which
		// the list shortens to "From proof-of-concept to exploitable"
		// (659/3330), are not paired: the name "Revery:" is followed by four
		// words, too few to drop it (title.Normalize).
		dupPairs:   327,
		sectionDup: []string{"45/56", "49/54", "73/79", "101/103", "162/167"},
		similar:    []string{"428/1904", "581/5280", "646/5318", "655/4709", "688/3421", "749/2146"},
		verdicts: map[string]verdict{
			// Same title in one venue group, two links (PDF and DOI).
			"162/167": samePaper,
			// Spacing around a colon.
			"202/2163": samePaper, "609/3199": samePaper, "674/2714": samePaper,
			// similar-title: a plural, a missing space (twice), a dropped
			// letter (twice), a joined word. The same paper each time.
			"428/1904": samePaper, "581/5280": samePaper, "646/5318": samePaper,
			"655/4709": samePaper, "688/3421": samePaper, "749/2146": samePaper,
		},
		crossListed: func(a, b corpusEntry) bool {
			const subjects = 751 // the subject part starts here
			return (a.line < subjects) != (b.line < subjects) && strings.EqualFold(strings.TrimSpace(a.title), strings.TrimSpace(b.title))
		},
	},
}

// TestTitleCorpus runs duplicate-title and similar-title on real lists
// with known repeats: they must find the repeats, and every pair they report
// must be explained (same link, deliberate cross-listing) or carry a
// hand-checked verdict. False pairs (different papers, and, counted
// strictly, two publications of one work) must stay at or under one per
// 1,000 entries over all lists together.
func TestTitleCorpus(t *testing.T) {
	totalEntries, totalFalse, totalDifferent := 0, 0, 0
	for _, c := range titleCorpusCases {
		t.Run(c.name, func(t *testing.T) {
			es := c.extract(t)
			if len(es) != c.entries {
				t.Fatalf("extracted %d entries, want %d", len(es), c.entries)
			}
			byLine := map[int]corpusEntry{}
			for _, e := range es {
				byLine[e.line] = e
			}
			g := generateNotes(c.name, es)

			dup := runCorpus(t, g, "duplicate-title", "")
			if len(dup) != c.dupPairs {
				t.Errorf("duplicate-title: %d pairs, want %d", len(dup), c.dupPairs)
			}
			for _, want := range c.mustDup {
				if !containsPair(dup, want) {
					t.Errorf("duplicate-title misses %s", want)
				}
			}
			sec := runCorpus(t, g, "duplicate-title", "rules:\n  duplicate-title:\n    ignore-across-sections: true\n")
			if got := pairList(sec); got != strings.Join(c.sectionDup, " ") {
				t.Errorf("duplicate-title with ignore-across-sections: %s\nwant %s", got, strings.Join(c.sectionDup, " "))
			}
			sim := runCorpus(t, g, "similar-title", "")
			if got := pairList(sim); got != strings.Join(c.similar, " ") {
				t.Errorf("similar-title: %s\nwant %s", got, strings.Join(c.similar, " "))
			}
			// A much lower threshold admits nothing more: the token rules,
			// not the threshold, keep different papers apart.
			low := runCorpus(t, g, "similar-title", "rules:\n  similar-title:\n    threshold: 0.5\n")
			if pairList(low) != pairList(sim) {
				t.Errorf("similar-title at 0.5: %s", pairList(low))
			}

			for _, k := range c.sharedLink {
				var a, b int
				if _, err := fmt.Sscanf(k, "%d/%d", &a, &b); err != nil {
					t.Fatal(err)
				}
				if ea, eb := byLine[a], byLine[b]; ea.url == "" || ea.url != eb.url || ea.title == eb.title {
					t.Errorf("%s: want two titles with one link, got %q %s / %q %s", k, ea.title, ea.url, eb.title, eb.url)
				}
				if containsPair(dup, k) || containsPair(low, k) {
					t.Errorf("%s: two papers sharing a link are paired", k)
				}
			}

			falsePairs, different := 0, 0
			for _, p := range append(dup, sim...) {
				a, b := byLine[p.a], byLine[p.b]
				v, judged := c.verdicts[p.String()]
				switch {
				case judged:
				case a.url != "" && a.url == b.url:
					v = samePaper
				case c.crossListed != nil && c.crossListed(a, b):
					v = samePaper
				default:
					t.Errorf("pair %s has no verdict: %q [%s] %s / %q [%s] %s", p, a.title, a.venue, a.url, b.title, b.venue, b.url)
					continue
				}
				if v != samePaper {
					falsePairs++
				}
				if v == differentPapers {
					different++
				}
			}
			// Verdicts for pairs no longer reported are stale.
			for k := range c.verdicts {
				if !containsPair(dup, k) && !containsPair(sim, k) {
					t.Errorf("verdict for %s, which is not reported", k)
				}
			}
			t.Logf("%d entries: duplicate-title %d pairs, similar-title %d pairs; %d false (%d different papers, %d publications of one work)",
				len(es), len(dup), len(sim), falsePairs, different, falsePairs-different)
			totalEntries += len(es)
			totalFalse += falsePairs
			totalDifferent += different
		})
	}
	if totalEntries == 0 {
		return
	}
	t.Logf("all lists: %d entries, %d false pairs (%.2f per 1,000), %d of them different papers (%.2f per 1,000)",
		totalEntries, totalFalse, 1000*float64(totalFalse)/float64(totalEntries),
		totalDifferent, 1000*float64(totalDifferent)/float64(totalEntries))
	if totalFalse*1000 > totalEntries {
		t.Errorf("%d false pairs in %d entries: more than one per 1,000", totalFalse, totalEntries)
	}
}

func containsPair(ps []corpusPair, s string) bool {
	return slices.ContainsFunc(ps, func(p corpusPair) bool { return p.String() == s })
}

func pairList(ps []corpusPair) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return strings.Join(out, " ")
}

// TestTitleCorpusSeed runs the title rules on the project's seed, the one
// list in the reference format, through the notes parser: it lists 26
// different papers, so neither rule may report anything.
func TestTitleCorpusSeed(t *testing.T) {
	lines := readCorpus(t, "weekly-papers-readme.md")
	src := strings.Join(lines, "\n")
	for _, id := range []string{"duplicate-title", "similar-title"} {
		ds, res := runTitleRule(t, id, "rules:\n  similar-title:\n    threshold: 0.5\n", "seed.md", src)
		if n := len(res.Files[0].Notes.Papers); n < 20 {
			t.Fatalf("the parser read %d papers from the seed", n)
		}
		for _, d := range ds {
			t.Errorf("%s: %s", id, d.Message)
		}
	}
}
