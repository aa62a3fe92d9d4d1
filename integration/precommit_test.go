package integration

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paperlint/papers/internal/testkit"
)

// repoRoot is this repository's folder (the module root).
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// readmeBlock returns the fenced block of README.md whose first line is
// marker, as the README shows it.
func readmeBlock(t *testing.T, marker string) string {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	var b strings.Builder
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !in && line == marker:
			in = true
		case in && strings.HasPrefix(line, "```"):
			return b.String()
		}
		if in {
			b.WriteString(line + "\n")
		}
	}
	t.Fatalf("README.md has no block starting %q", marker)
	return ""
}

// run runs a command in dir and returns its combined output and whether
// it exited 0.
func run(t *testing.T, dir string, env []string, name string, args ...string) (string, bool) {
	t.Helper()
	c := exec.Command(name, args...)
	c.Dir = dir
	c.Env = append(os.Environ(), env...)
	out, err := c.CombinedOutput()
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	return string(out), err == nil
}

// notesRepo makes a git repository with the given files written (not
// staged) and returns its folder.
func notesRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	run(t, dir, nil, "git", "init", "-q", "-b", "main")
	run(t, dir, nil, "git", "config", "user.email", "test@example.org")
	run(t, dir, nil, "git", "config", "user.name", "test")
	testkit.WriteFiles(t, dir, files)
	return dir
}

const (
	oldNotes = "## 序列模型\n### Attention Is All You Need[NIPS'17][Google]\n- 只用注意力。\n"
	newNotes = "## 序列模型\n### Attention Is All You Need[NIPS'17][Google]\n- 又读了一遍。\n"
	cjkNotes = "## 检索\n### Dense Passage Retrieval for Open-Domain Question Answering[EMNLP'20][Meta]\n- 用BERT编码,效果好\n"
)

// TestPreCommitHooks runs the Debian pre-commit against this repository's
// .pre-commit-hooks.yaml, checked out at the rev the README's snippet names
// (the test tags HEAD with it in a clone, as the release process does),
// with the README's .pre-commit-config.yaml as written but for the
// repository's address. A staged paper whose title an unstaged file
// already lists fails papers-lint, as papers lint . reports it; papers-fix
// fixes the CJK findings of a staged file, fails so that they are staged,
// and passes once they are.
func TestPreCommitHooks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds papers through pre-commit")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (.ci/run installs the Debian package)")
	}
	config := readmeBlock(t, "# .pre-commit-config.yaml of your notes repository")
	rev := regexp.MustCompile(`(?m)^\s+rev: (\S+)$`).FindStringSubmatch(config)
	if rev == nil {
		t.Fatalf("the README's snippet names no rev:\n%s", config)
	}
	clone := filepath.Join(t.TempDir(), "papers")
	run(t, "", nil, "git", "clone", "-q", repoRoot(t), clone)
	run(t, clone, nil, "git", "-c", "user.email=t@example.org", "-c", "user.name=t", "tag", rev[1])
	config = strings.Replace(config, "https://github.com/paperlint/papers", clone, 1)

	gomodcache, _ := run(t, "", nil, "go", "env", "GOMODCACHE")
	env := []string{
		"PRE_COMMIT_HOME=" + t.TempDir(),
		"GOMODCACHE=" + strings.TrimSpace(gomodcache), // modules come from the cache, not the proxy
		"GOFLAGS=-modcacherw",
	}
	repo := notesRepo(t, map[string]string{
		".pre-commit-config.yaml": config,
		"notes/old.md":            oldNotes,
		"notes/new.md":            newNotes,
		"notes/cjk.md":            cjkNotes,
	})
	run(t, repo, nil, "git", "add", ".pre-commit-config.yaml", "notes/new.md")

	out, ok := run(t, repo, env, "pre-commit", "run", "papers-lint")
	if ok || !strings.Contains(out, "notes/new.md:2:5: warning: duplicate title, also listed at notes/old.md:2") {
		t.Fatalf("papers-lint with a staged duplicate of an unstaged file: ok=%v\n%s", ok, out)
	}
	if strings.Contains(out, "notes/old.md:2:5: warning") {
		t.Errorf("papers-lint reported in a file that is not staged:\n%s", out)
	}

	// papers-fix: the staged file with CJK findings is fixed, the hook
	// fails (files were modified), and passes once the fixes are staged.
	run(t, repo, nil, "git", "rm", "-q", "--cached", "notes/new.md")
	run(t, repo, nil, "git", "add", "notes/cjk.md")
	out, ok = run(t, repo, env, "pre-commit", "run", "papers-fix")
	if ok || !strings.Contains(out, "files were modified by this hook") {
		t.Fatalf("papers-fix on unfixed CJK text: ok=%v\n%s", ok, out)
	}
	fixed, err := os.ReadFile(filepath.Join(repo, "notes/cjk.md"))
	if err != nil || !strings.Contains(string(fixed), "用 BERT 编码，效果好") {
		t.Fatalf("notes/cjk.md after papers-fix: %q, %v", fixed, err)
	}
	run(t, repo, nil, "git", "add", "notes/cjk.md")
	if out, ok = run(t, repo, env, "pre-commit", "run", "papers-fix"); !ok {
		t.Fatalf("papers-fix on fixed text:\n%s", out)
	}
}

// TestPreCommitLocalHook runs the README's language: system hook with a
// papers binary on the PATH.
func TestPreCommitLocalHook(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (.ci/run installs the Debian package)")
	}
	bin := t.TempDir()
	if out, ok := run(t, repoRoot(t), nil, "go", "build", "-o", filepath.Join(bin, "papers"), "./cmd/papers"); !ok {
		t.Fatalf("go build: %s", out)
	}
	repo := notesRepo(t, map[string]string{
		".pre-commit-config.yaml": readmeBlock(t, "# .pre-commit-config.yaml with a papers binary on the PATH"),
		"notes/old.md":            oldNotes,
		"notes/new.md":            newNotes,
	})
	run(t, repo, nil, "git", "add", ".pre-commit-config.yaml", "notes/new.md")
	env := []string{"PRE_COMMIT_HOME=" + t.TempDir(), "PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}
	out, ok := run(t, repo, env, "pre-commit", "run", "papers-lint")
	if ok || !strings.Contains(out, "notes/new.md:2:5: warning: duplicate title, also listed at notes/old.md:2") {
		t.Fatalf("local papers-lint: ok=%v\n%s", ok, out)
	}
	// Without the duplicate the commit goes through.
	run(t, repo, nil, "git", "rm", "-q", "--cached", "notes/new.md")
	if err := os.Remove(filepath.Join(repo, "notes/old.md")); err != nil {
		t.Fatal(err)
	}
	run(t, repo, nil, "git", "add", "notes/new.md")
	if out, ok = run(t, repo, env, "pre-commit", "run", "papers-lint"); !ok {
		t.Fatalf("local papers-lint on a clean file:\n%s", out)
	}
}
