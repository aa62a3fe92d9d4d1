// Package testkit holds what the project's tests share: golden files that
// `go test -update` rewrites, and the way to the corpora under ../shared that
// are not part of the repository.
//
// It is for tests only. It registers the -update flag, so a test binary that
// imports it must not define a flag of that name itself.
package testkit

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/udiff"
)

var update = flag.Bool("update", false, "rewrite golden files with what the tests produce instead of comparing")

// Golden compares got with the file at path, or rewrites the file (and the
// folders above it) when the test runs with -update. A difference fails the
// test and shows a unified diff from the file to got, so that a reviewer
// sees what changed before rewriting.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		var diff strings.Builder
		_ = udiff.Write(&diff, path, "got", want, got) // a strings.Builder does not fail
		t.Errorf("%s differs (run the test with -update and review the change):\n%s", path, diff.String())
	}
}

// SharedDir is the folder that holds the corpora and reference files
// beside the repository: $PAPERS_SHARED when it is set, else ../shared next
// to the module root (found by walking up from the working directory to
// go.mod, so a test in any package finds the same folder). It returns ""
// when no module root is found.
func SharedDir() string {
	if dir := os.Getenv("PAPERS_SHARED"); dir != "" {
		return dir
	}
	root := moduleRoot()
	if root == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(root), "shared")
}

// moduleRoot is the nearest folder at or above the working directory that
// has a go.mod, or "".
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// Shared returns the path of rel (slash-separated, such as
// "reference/orgs.yaml") under SharedDir, and skips the test when it is
// absent: the shared files are not part of the project, and a checkout
// without them must still pass.
func Shared(t testing.TB, rel string) string {
	t.Helper()
	dir := SharedDir()
	if dir == "" {
		t.Skipf("no shared folder: no go.mod above the working directory and PAPERS_SHARED unset")
	}
	path := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared file absent: %v", err)
	}
	return path
}

// Corpus returns the path of rel (slash-separated, such as "notes" or
// "cjk-dev.tsv") under the shared corpus folder, ../shared/corpus, and skips
// the test when it is absent.
func Corpus(t testing.TB, rel string) string {
	t.Helper()
	return Shared(t, "corpus/"+rel)
}

// HasCorpus reports whether rel is present under the shared corpus folder,
// for tests that use the corpus only in part and must not skip.
func HasCorpus(rel string) bool {
	dir := SharedDir()
	if dir == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(dir, "corpus", filepath.FromSlash(rel)))
	return err == nil
}

// WriteFiles writes files (slash-separated names relative to dir, and
// their texts) under dir, making the folders they need.
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
