package lint

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// streamRules report in the ways a stream must keep in order: a notes rule
// in its file and in its companion .bib (as bib-preprint does), equal
// findings from two rules' lists, a corpus rule in every file and in a
// path no file has, and findings a directive suppresses.
func streamRules() []*Rule {
	rules := testRules()
	rules = append(rules,
		&Rule{ID: "notes-and-bib", Summary: "both", Severity: Warning, Scope: NotesScope,
			Check: func(p *Pass) {
				for i := len(p.File.Src) - 1; i >= 0; i -= 7 {
					p.Report(Diagnostic{Start: i, End: i + 1, Message: "here"})
				}
				if c := p.File.Companion; c != nil {
					p.Report(Diagnostic{File: c.Path, Start: 0, End: 1, Message: "in the companion of " + p.File.Path})
					p.Report(Diagnostic{File: c.Path, Start: 0, End: 1, Message: "in the companion of " + p.File.Path})
				}
				// Equal in the order's terms, told apart by severity: the
				// order of the pass's two lists decides.
				p.Report(Diagnostic{Start: 0, End: 1, Message: "here"})
				p.ReportList([]Diagnostic{{Start: 0, End: 1, Message: "here", Severity: Error}, {Start: 0, End: 1, Message: "here", Severity: Info}})
			}},
		&Rule{ID: "everywhere", Summary: "corpus", Severity: Info, Scope: CorpusScope,
			Check: func(p *Pass) {
				for k := len(p.Files) - 1; k >= 0; k-- {
					f := p.Files[k]
					p.Report(Diagnostic{File: f.Path, Start: len(f.Src) / 2, Message: "middle"})
				}
				p.Report(Diagnostic{File: "elsewhere.yaml", Message: "no such file"})
				p.Report(Diagnostic{File: "0-first.yaml", Message: "no such file either"})
			}},
	)
	return rules
}

func streamInputs(rng *rand.Rand, n int) []Input {
	var ins []Input
	for i := range n {
		name := fmt.Sprintf("n%02d", rng.IntN(100))
		if slices.ContainsFunc(ins, func(in Input) bool { return in.Path == name+".md" }) {
			continue
		}
		var b strings.Builder
		for k := range rng.IntN(6) {
			fmt.Fprintf(&b, "### Paper %d[NIPS'19][G]\n- TODO %d\n", k, i)
			if rng.IntN(3) == 0 {
				b.WriteString("<!-- papers-disable-next-line -->\n- TODO hidden\n")
			}
		}
		in := Input{Path: name + ".md", Src: []byte(b.String())}
		if rng.IntN(2) == 0 {
			in.Companion = name + ".bib"
			ins = append(ins, Input{Path: name + ".bib", Src: []byte("@misc{a, title={TODO}}\n"), Quiet: rng.IntN(3) == 0})
		}
		ins = append(ins, in)
	}
	return ins
}

// TestRunStreamIsRunInOrder: the findings a stream hands over, one path
// at a time and each path once, are Run's, in Run's order, whatever the
// scheduling.
func TestRunStreamIsRunInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 40 {
		ins := streamInputs(rng, 1+rng.IntN(12))
		for _, jobs := range []int{1, 3} {
			r, err := NewRunner(streamRules(), DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			r.Jobs = jobs
			want := r.Run(memWS(ins)).Diagnostics
			var got []Diagnostic
			var paths []string
			_, err = r.RunStream(memWS(ins), func(f *Findings) error {
				ds := f.Slice()
				for _, d := range ds {
					if d.File != ds[0].File {
						t.Fatalf("round %d: one hand-over holds %s and %s", round, ds[0].File, d.File)
					}
				}
				paths = append(paths, ds[0].File)
				got = append(got, ds...)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.IsSorted(paths) || len(slices.Compact(slices.Clone(paths))) != len(paths) {
				t.Errorf("round %d: paths handed over in this order: %q", round, paths)
			}
			if len(got) != len(want) {
				t.Fatalf("round %d, %d jobs: %d findings streamed, Run has %d", round, jobs, len(got), len(want))
			}
			for i := range got {
				if describe(&got[i]) != describe(&want[i]) {
					t.Fatalf("round %d, %d jobs: finding %d:\n got %+v\nwant %+v", round, jobs, i, got[i], want[i])
				}
			}
		}
	}
}

// streamRun runs rules over ins with RunStream on jobs goroutines and
// returns each finding as "file: message", in the order handed over;
// after, when not nil, runs after each hand-over.
func streamRun(t *testing.T, rules []*Rule, jobs int, ins []Input, after func()) []string {
	t.Helper()
	r, err := NewRunner(rules, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	r.Jobs = jobs
	var got []string
	_, err = r.RunStream(memWS(ins), func(f *Findings) error {
		for _, d := range f.Slice() {
			got = append(got, d.File+": "+d.Message)
		}
		if after != nil {
			after()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestRunStreamHandsOverEarly: a file's findings are handed over while
// the rules still check a later file, which waits for them here.
func TestRunStreamHandsOverEarly(t *testing.T) {
	handed := make(chan struct{})
	var once sync.Once
	waited := false
	rule := &Rule{ID: "slow-z", Summary: "waits", Severity: Warning, Scope: NotesScope,
		Check: func(p *Pass) {
			p.Report(Diagnostic{Start: 0, Message: "seen"})
			if p.File.Path == "z.md" {
				select {
				case <-handed:
					waited = true
				case <-time.After(10 * time.Second):
				}
			}
		}}
	got := streamRun(t, []*Rule{rule}, 2, []Input{{Path: "a.md", Src: []byte("- a\n")}, {Path: "z.md", Src: []byte("- z\n")}},
		func() { once.Do(func() { close(handed) }) })
	if !waited || strings.Join(got, "|") != "a.md: seen|z.md: seen" {
		t.Errorf("a.md's findings not handed over while z.md was checked (handed over %q)", got)
	}
}

// TestRunStreamOutsideTheFile: a notes rule that reports in a file other
// than its own and its companion breaks the stream's contract; its
// findings are kept, last, after one that names the rule.
func TestRunStreamOutsideTheFile(t *testing.T) {
	rule := &Rule{ID: "stray", Summary: "strays", Severity: Warning, Scope: NotesScope,
		Check: func(p *Pass) {
			p.Report(Diagnostic{Start: 0, Message: "own"})
			if p.File.Path == "b.md" {
				p.Report(Diagnostic{File: "a.md", Start: 1, Message: "stray"})
			}
		}}
	got := streamRun(t, []*Rule{rule}, 0, []Input{{Path: "a.md", Src: []byte("- a\n")}, {Path: "b.md", Src: []byte("- b\n")}}, nil)
	want := "a.md: own|b.md: own|a.md: " + internalErrorPrefix + "stray: findings reported in a file other than the one it checks, listed here out of order (please report it)|a.md: stray"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}

// TestRunStreamStopsOnError: emit's first error ends the handing over and
// comes back.
func TestRunStreamStopsOnError(t *testing.T) {
	r, err := NewRunner(streamRules(), DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	boom := fmt.Errorf("disk full")
	_, err = r.RunStream(memWS(streamInputs(rand.New(rand.NewPCG(3, 4)), 8)), func(*Findings) error {
		calls++
		return boom
	})
	if !errors.Is(err, boom) || calls != 1 {
		t.Errorf("err %v after %d calls, want %v after 1", err, calls, boom)
	}
}

// describe is a finding's content, without the addresses of its parts.
func describe(d *Diagnostic) string {
	return fmt.Sprintf("%s %v %s %d-%d %q fix %q %v related %v %v", d.Rule, d.Severity, d.File, d.Start, d.End, d.Message,
		d.FixMessage(), d.FixEdits(nil), d.Related(), d.Suggestions())
}

// TestRunStreamUnitsPerFile: a file's rules start once the analyses of
// that file are done, not every file's: z.md's analysis waits here for
// a.md's findings, which need a.md's rule to have run.
func TestRunStreamUnitsPerFile(t *testing.T) {
	handed := make(chan struct{})
	var once sync.Once
	waited := false
	words := &Analysis[int]{Name: "words", Scope: PerFile, Kind: NotesFile,
		Run: func(p *AnalysisPass) int {
			if p.File.Path == "z.md" {
				select {
				case <-handed:
					waited = true
				case <-time.After(10 * time.Second):
				}
			}
			return len(strings.Fields(string(p.File.Src)))
		}}
	rule := &Rule{ID: "count", Summary: "counts", Severity: Warning, Scope: NotesScope, Requires: []Analyzer{words},
		Check: func(p *Pass) { p.Report(Diagnostic{Message: fmt.Sprint(words.Of(p, p.File), " words")}) }}
	got := streamRun(t, []*Rule{rule}, 2, []Input{{Path: "z.md", Src: []byte("- z z\n")}, {Path: "a.md", Src: []byte("- a\n")}},
		func() { once.Do(func() { close(handed) }) })
	if !waited || strings.Join(got, "|") != "a.md: 2 words|z.md: 3 words" {
		t.Errorf("a.md's rule waited for z.md's analysis (handed over %q)", got)
	}
}

// TestReadOutsideLinkedFiles: a task over one file that reads the
// analysis of a file it does not wait for gets an internal error, never a
// result that may not be built yet.
func TestReadOutsideLinkedFiles(t *testing.T) {
	size := &Analysis[int]{Name: "size", Scope: PerFile, Run: func(p *AnalysisPass) int { return len(p.File.Src) }}
	var files []*File
	rule := &Rule{ID: "peek", Summary: "peeks", Severity: Warning, Scope: NotesScope, Requires: []Analyzer{size}}
	rule.Check = func(p *Pass) {
		for _, f := range files {
			if f.Path != p.File.Path && f.Path != "n.bib" {
				p.Report(Diagnostic{Message: fmt.Sprint(size.Of(p, f))})
			}
		}
		p.Report(Diagnostic{Message: fmt.Sprint("own ", size.Of(p, p.File), " companion ", size.Of(p, p.File.Companion))})
	}
	r, err := NewRunner([]*Rule{rule}, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ws := memWS([]Input{{Path: "n.md", Src: []byte("- n\n"), Companion: "n.bib"}, {Path: "n.bib", Src: []byte("@misc{a, title={A}}\n")}, {Path: "o.md", Src: []byte("- o\n")}})
	files = ws.Files()
	res := r.Run(ws)
	var msgs []string
	for _, d := range res.Diagnostics {
		msgs = append(msgs, d.File+": "+d.Message)
	}
	want := "n.md: internal error in rule peek: rule peek reads analysis size of o.md while checking n.md: " +
		"a task over one file may read the analyses of that file, its companion and the notes it is the companion of (please report it)|" +
		"o.md: internal error in rule peek: rule peek reads analysis size of n.md while checking o.md: " +
		"a task over one file may read the analyses of that file, its companion and the notes it is the companion of (please report it)"
	if got := strings.Join(msgs, "|"); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestRunStreamWithRunCache: an editor's runner (with a RunCache) is not
// streamed: every finding comes in one hand-over, Run's, and the next run
// reuses what the cache kept.
func TestRunStreamWithRunCache(t *testing.T) {
	ins := streamInputs(rand.New(rand.NewPCG(5, 6)), 6)
	r, err := NewRunner(streamRules(), DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	want := r.Run(memWS(ins)).Diagnostics
	r.RunCache = NewRunCache()
	ws := memWS(ins)
	for run := range 2 {
		calls := 0
		var got []Diagnostic
		if _, err := r.RunStream(ws, func(f *Findings) error {
			calls++
			got = f.Slice()
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if calls != 1 || len(got) != len(want) {
			t.Fatalf("run %d: %d hand-overs of %d findings, want 1 of %d", run, calls, len(got), len(want))
		}
		for i := range got {
			if describe(&got[i]) != describe(&want[i]) {
				t.Fatalf("run %d: finding %d:\n got %s\nwant %s", run, i, describe(&got[i]), describe(&want[i]))
			}
		}
	}
}
