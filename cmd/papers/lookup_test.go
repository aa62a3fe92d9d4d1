package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

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
