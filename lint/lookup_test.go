package lint

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/paperlint/papers/resolve"
)

// editWS is a workspace of notes files held in memory that parses again
// only the file an Update changes, as package workspace does: the others
// keep their *File, which the RunCache recognises.
type editWS struct {
	env   *Env
	files []*File
}

func (w *editWS) Env() *Env      { return w.env }
func (w *editWS) Files() []*File { return slices.Clone(w.files) }
func (w *editWS) Update(path string, src []byte) error {
	for i, f := range w.files {
		if f.Path == path {
			w.files[i] = ParseFile(Input{Path: path, Src: src}, w.env, 1, nil)
			return nil
		}
	}
	return fmt.Errorf("%s: not in the workspace", path)
}

// lookupRule is a notes rule that requires a PerRun Lookup analysis, as
// bib-mismatch requires preprint-upgrades: it reports the first paper of
// each file, and the analysis' answer when there is one. checks counts
// its checks by file, builds the analysis' runs.
type lookupRule struct {
	mu     sync.Mutex
	checks map[string]int
	builds atomic.Int32
	rule   *Rule
}

func newLookupRule() *lookupRule {
	lr := &lookupRule{checks: map[string]int{}}
	lookup := &Analysis[string]{
		Name:   "test-lookup",
		Scope:  PerRun,
		Lookup: true,
		Run: func(p *AnalysisPass) string {
			lr.builds.Add(1)
			if p.Resolver == nil {
				panic("a Lookup analysis built without a resolver")
			}
			if err := p.Context.Err(); err != nil {
				return "cancelled"
			}
			return "looked up"
		},
	}
	lr.rule = &Rule{ID: "lookup-rule", Summary: "test", Severity: Warning, Scope: NotesScope, Requires: []Analyzer{lookup},
		Check: func(p *Pass) {
			lr.mu.Lock()
			lr.checks[p.File.Path]++
			lr.mu.Unlock()
			msg := "first paper"
			if s := lookup.Of(p, nil); s != "" {
				msg += ", " + s
			}
			if ps := p.File.Notes.Papers; len(ps) > 0 {
				p.Report(Diagnostic{Start: ps[0].TitleSpan.Start, End: ps[0].TitleSpan.End, Message: msg})
			}
		}}
	return lr
}

// counts returns the checks since the last call.
func (lr *lookupRule) counts() map[string]int {
	lr.mu.Lock()
	defer lr.mu.Unlock()
	c := lr.checks
	lr.checks = map[string]int{}
	return c
}

func newEditWS(t *testing.T, resolver *resolve.Resolver, ctx context.Context) *editWS {
	t.Helper()
	env, err := NewEnv(DefaultConfig(), 2026)
	if err != nil {
		t.Fatal(err)
	}
	env.Resolver, env.Context = resolver, ctx
	w := &editWS{env: env}
	for _, name := range []string{"a.md", "b.md"} {
		w.files = append(w.files, ParseFile(Input{Path: name, Src: []byte("# Notes\n## Part\n### A paper of " + name + "[CVPR'16][MSRA]\n- a note\n")}, env, 1, nil))
	}
	return w
}

// TestLookupAnalysisWithoutResolver: a run without a resolver does not
// build a Lookup analysis, and a rule requiring a PerRun one keeps its
// findings on a file that did not change, as any rule reading nothing
// beyond its file does; with a resolver it is built and the rule checks
// every file again.
func TestLookupAnalysisWithoutResolver(t *testing.T) {
	for _, withResolver := range []bool{false, true} {
		t.Run(fmt.Sprintf("resolver=%v", withResolver), func(t *testing.T) {
			var r *resolve.Resolver
			if withResolver {
				r = &resolve.Resolver{}
			}
			lr := newLookupRule()
			ws := newEditWS(t, r, nil)
			runner, err := NewRunner([]*Rule{lr.rule}, nil)
			if err != nil {
				t.Fatal(err)
			}
			runner.Jobs, runner.RunCache = 2, NewRunCache()
			first := runner.Run(ws)
			if got := lr.counts(); got["a.md"] != 1 || got["b.md"] != 1 {
				t.Fatalf("first run checked %v, want each file once", got)
			}
			if err := ws.Update("a.md", []byte("# Notes\n## Part\n### An edited paper[CVPR'16][MSRA]\n- a note\n")); err != nil {
				t.Fatal(err)
			}
			second := runner.Run(ws)
			got := lr.counts()
			wantB := 0
			if withResolver {
				wantB = 1
			}
			if got["a.md"] != 1 || got["b.md"] != wantB {
				t.Errorf("after an edit of a.md the rule checked %v, want a.md once and b.md %d times", got, wantB)
			}
			wantBuilds := int32(0)
			if withResolver {
				wantBuilds = 2
			}
			if n := lr.builds.Load(); n != wantBuilds {
				t.Errorf("the Lookup analysis was built %d times, want %d", n, wantBuilds)
			}
			// The kept findings are those a run without the cache gives.
			fresh, err := NewRunner([]*Rule{lr.rule}, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := fresh.Run(ws)
			if fmt.Sprint(second.Diagnostics) != fmt.Sprint(want.Diagnostics) {
				t.Errorf("run with the cache:\n%v\nwithout:\n%v", second.Diagnostics, want.Diagnostics)
			}
			if len(first.Diagnostics) != 2 || withResolver != (first.Diagnostics[0].Message == "first paper, looked up") {
				t.Errorf("findings %v", first.Diagnostics)
			}
		})
	}
}

// TestLookupAnalysisContext: the run's context (Env.Context) reaches the
// analyses, so that a cancelled command stops its lookups.
func TestLookupAnalysisContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	lr := newLookupRule()
	runner, err := NewRunner([]*Rule{lr.rule}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := runner.Run(newEditWS(t, &resolve.Resolver{}, ctx))
	if len(res.Diagnostics) == 0 || res.Diagnostics[0].Message != "first paper, cancelled" {
		t.Errorf("findings %v, want the analysis to see the cancelled context", res.Diagnostics)
	}
}
