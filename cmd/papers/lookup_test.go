package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/resolve/online"
)

// lookupEnv is an env whose stderr is buf and whose environment is vars.
func lookupEnv(buf *bytes.Buffer, vars map[string]string) *env {
	return &env{stderr: buf, stdout: buf, getenv: func(k string) string { return vars[k] }}
}

func TestLookupSourcesOrder(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	var buf bytes.Buffer
	e := lookupEnv(&buf, nil)
	names := func(lf lookupFlags, cfg *lint.Config) []string {
		t.Helper()
		r, trouble, err := newLookup(lf, cfg, "papers lint", e)
		if err != nil || trouble {
			t.Fatalf("newLookup: %v (trouble %v): %s", err, trouble, buf.String())
		}
		if r == nil {
			return nil
		}
		var out []string
		for _, s := range r.Sources {
			out = append(out, s.Name())
		}
		return out
	}
	lib := t.TempDir() + "/lib.bib"
	if err := os.WriteFile(lib, []byte("@misc{a, title = {A}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := lint.DefaultConfig()
	on := lookupFlags{library: stringList{lib}, online: true, onlineGiven: true}
	if got := strings.Join(names(on, cfg), ","); got != "library "+lib+",dblp,crossref,arxiv" {
		t.Errorf("default order: %s", got)
	}
	cfg.Sources = []string{"arxiv", "library"}
	if got := strings.Join(names(on, cfg), ","); got != "arxiv,library "+lib {
		t.Errorf("config order: %s", got)
	}
	flagged := on
	flagged.sources, flagged.sourcesGiven = "crossref, dblp", true
	if got := strings.Join(names(flagged, cfg), ","); got != "crossref,dblp" {
		t.Errorf("--sources order: %s", got)
	}
	// Online sources named but --online not given: none of them.
	if got := names(lookupFlags{sources: "dblp", sourcesGiven: true}, lint.DefaultConfig()); got != nil {
		t.Errorf("offline run has sources %v", got)
	}
	bad := on
	bad.sources, bad.sourcesGiven = "library,library", true
	if _, _, err := newLookup(bad, lint.DefaultConfig(), "papers lint", e); err == nil || !strings.Contains(err.Error(), `source "library" named twice`) {
		t.Errorf("a source named twice: %v", err)
	}
}

func TestLookupEmail(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	var buf bytes.Buffer
	cfg := lint.DefaultConfig()
	cfg.Email = "config@example.org"
	mailto := func(vars map[string]string) string {
		srcs := onlineSources(lookupFlags{online: true}, cfg, "papers bib", lookupEnv(&buf, vars))
		return srcs["crossref"].(*online.Crossref).Mailto
	}
	if got := mailto(nil); got != "config@example.org" {
		t.Errorf("email: gives mailto %q", got)
	}
	if got := mailto(map[string]string{"PAPERS_EMAIL": "env@example.org"}); got != "env@example.org" {
		t.Errorf("PAPERS_EMAIL gives mailto %q", got)
	}
	cfg.Email = ""
	if got := mailto(nil); got != "" {
		t.Errorf("no address gives mailto %q", got)
	}
}

// TestFlagsInReadme checks that every flag of papers lint and papers bib
// that --help lists has a row in the README.
func TestFlagsInReadme(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	flagLine := regexp.MustCompile(`(?m)^  -([a-z][a-z-]*)`)
	for _, cmd := range []string{"lint", "bib"} {
		var buf bytes.Buffer
		if code := run([]string{cmd, "--help"}, lookupEnv(&buf, nil)); code != exitOK {
			t.Fatalf("papers %s --help: exit %d", cmd, code)
		}
		ms := flagLine.FindAllStringSubmatch(buf.String(), -1)
		if len(ms) < 5 {
			t.Fatalf("papers %s --help lists %d flags:\n%s", cmd, len(ms), buf.String())
		}
		for _, m := range ms {
			name := m[1]
			if name == "o" {
				continue // -o is written with --output
			}
			if !bytes.Contains(readme, []byte("`--"+name)) {
				t.Errorf("papers %s --%s is not in the README", cmd, name)
			}
		}
	}
}

// lookupNotes are notes of two papers whose companion .bib cites their
// arXiv preprints: DBLP (fakeServices) has the published version of the
// first; its search for the second is the broken service of the tests
// below.
const lookupNotes = `## 推荐系统
### Deep Interest Network for Click-Through Rate Prediction(DIN)[KDD'18][Alibaba]
- 注意力
### A Paper the Service Breaks On[NeurIPS'20][MIT]
- 服务出错
`

const lookupBib = `@article{zhou2017din,
  title   = {Deep Interest Network for Click-Through Rate Prediction},
  author  = {Guorui Zhou},
  journal = {CoRR},
  volume  = {abs/1706.06978},
  year    = {2017},
}

@article{breaks2020,
  title   = {A Paper the Service Breaks On},
  author  = {Some One},
  journal = {CoRR},
  volume  = {abs/2001.00001},
  year    = {2020},
}
`

// lookupFolder writes the notes and their .bib in a new folder, whose
// paths it returns, and gives each test a cache folder of its own. (The
// current folder stays: fakeServices reads its fixtures from there.)
func lookupFolder(t *testing.T) (notes, bib string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, ".cache"))
	notes, bib = filepath.Join(dir, "notes.md"), filepath.Join(dir, "notes.bib")
	for name, text := range map[string]string{notes: lookupNotes, bib: lookupBib} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return notes, bib
}

// TestLintFixLooksUpOnce: papers lint --fix runs the rules again after its
// fixes; the second round asks nothing the first asked (the failed lookup
// of the second paper included), and the failure is counted once.
func TestLintFixLooksUpOnce(t *testing.T) {
	notes, bib := lookupFolder(t)
	var mu sync.Mutex
	requests := map[string]int{}
	fake := fakeServices()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests[r.URL.String()]++
		mu.Unlock()
		if strings.Contains(r.URL.Query().Get("q"), "breaks") {
			_, _ = w.Write([]byte(`{"result": `)) // cut short
			return
		}
		fake.ServeHTTP(w, r)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	e := lookupEnv(&buf, map[string]string{"PAPERS_DBLP_URL": srv.URL})
	run([]string{"lint", "--online", "--sources", "dblp", "--fix", notes, bib}, e)
	out := buf.String()
	if !strings.Contains(out, "papers: fixed "+bib+" (1 fix)") {
		t.Fatalf("the published version was not put in:\n%s", out)
	}
	mu.Lock()
	defer mu.Unlock()
	for u, n := range requests {
		if n != 1 {
			t.Errorf("%s asked %d times", u, n)
		}
	}
	if len(requests) < 3 {
		t.Errorf("requests %v: want the two searches and the record", requests)
	}
	if !regexp.MustCompile(`(?m)^papers lint: a lookup failed: dblp: .*$`).MatchString(out) {
		t.Errorf("want one failed lookup said on stderr:\n%s", out)
	}
}

// TestLintLookupCancelled: a cancelled command (an interrupt cancels the
// env's context) stops the lookups in flight at once, even from a service
// that would answer after a minute, and says that they failed.
func TestLintLookupCancelled(t *testing.T) {
	notes, bib := lookupFolder(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	}))
	defer srv.Close()
	var buf bytes.Buffer
	e := lookupEnv(&buf, map[string]string{"PAPERS_DBLP_URL": srv.URL})
	ctx, cancel := context.WithCancel(context.Background())
	e.ctx = ctx
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	run([]string{"lint", "--online", "--sources", "dblp", notes, bib}, e)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the run took %v after its context was cancelled", took)
	}
	out := buf.String()
	if !regexp.MustCompile(`(?m)^papers lint: (a lookup|\d+ lookups) failed.*: dblp: .*context canceled$`).MatchString(out) {
		t.Errorf("want the cancelled lookups said on stderr:\n%s", out)
	}
	if strings.Contains(out, "has the published version") {
		t.Errorf("a cancelled run found a published version:\n%s", out)
	}
}
