package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts under testdata/script run `papers` as a
// command, in the same process, through run().
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"papers": func() {
			e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, isTerminal: false, getenv: os.Getenv}
			os.Exit(run(os.Args[1:], e))
		},
	})
}

// TestScripts runs the CLI scripts: exit codes, output formats, directives,
// config, --fix and --diff.
//
// Each script gets a cache folder of its own ($XDG_CACHE_HOME, so that
// papers bib --online never writes under the test's $HOME) and a fake
// DBLP, Crossref and arXiv (PAPERS_DBLP_URL and its siblings), so that no
// script can reach the network.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		// PAPERS_UPDATE_SCRIPTS=1 rewrites the files that cmp compares
		// with, when an output changes on purpose (review the diff).
		UpdateScripts: os.Getenv("PAPERS_UPDATE_SCRIPTS") == "1",
		Cmds:          scriptCmds,
		Setup: func(env *testscript.Env) error {
			srv := httptest.NewServer(fakeServices())
			env.Defer(srv.Close)
			env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
			env.Setenv("PAPERS_DBLP_URL", srv.URL)
			env.Setenv("PAPERS_CROSSREF_URL", srv.URL)
			env.Setenv("PAPERS_ARXIV_URL", srv.URL+"/api/query")
			return nil
		},
		// [root]: the tests run as root, who reads files whatever their
		// permissions.
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// fakeServices answers as DBLP, Crossref and the arXiv API with the
// fixtures of package resolve/online (see its testdata/README.md): DBLP
// finds Deep Interest Network (KDD'18) and the look-alike "Trojaning Attack
// on Neural Networks"; Crossref and arXiv know nothing.
func fakeServices() http.Handler {
	dir := filepath.Join("..", "..", "resolve", "online", "testdata")
	serve := func(w http.ResponseWriter, name string) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		_, _ = w.Write(data)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("q")
		switch {
		case r.URL.Path == "/search/publ/api" && strings.Contains(q, "interest"):
			serve(w, "dblp-search-din.json")
		case r.URL.Path == "/search/publ/api" && strings.Contains(q, "trojan"):
			serve(w, "dblp-search-trojan.json")
		case r.URL.Path == "/search/publ/api":
			serve(w, "dblp-search-empty.json")
		case r.URL.Path == "/rec/conf/kdd/ZhouZSFZMYJLG18.bib":
			serve(w, "dblp-rec-din.bib")
		case r.URL.Path == "/works":
			_, _ = w.Write([]byte(`{"status":"ok","message-type":"work-list","message":{"items":[]}}`))
		case r.URL.Path == "/api/query":
			serve(w, "arxiv-error.xml")
		default:
			http.NotFound(w, r)
		}
	})
}

// The editor server keeps the collector's usual pacing from its start;
// every other command is a batch run that delays the first cycle.
func TestDelaysFirstGC(t *testing.T) {
	for args, want := range map[string]bool{"lint notes.md": true, "bib": true, "rules": true, "": true, "lsp": false} {
		if got := delaysFirstGC(strings.Fields(args)); got != want {
			t.Errorf("papers %s: delays the first GC = %v, want %v", args, got, want)
		}
	}
}
