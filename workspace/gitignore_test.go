package workspace

import (
	"strings"
	"testing"
)

func TestIgnored(t *testing.T) {
	var ig ignores
	for _, line := range []string{"# comment", "", "*.log", "/build/", "docs/**/draft*.md", "!keep.log", "tmp/", `\#hash.md`, "a?c.md", "[xy]z.md", "node_modules"} {
		if r, ok := parseIgnore(line, ""); ok {
			ig.rules = append(ig.rules, r)
		}
	}
	if r, ok := parseIgnore("local.md", "sub"); ok {
		ig.rules = append(ig.rules, r)
	}
	for _, c := range []struct {
		path string
		dir  bool
		want bool
	}{
		{"x.log", false, true},
		{"deep/x.log", false, true},
		{"keep.log", false, false},
		{"build", true, true},
		{"sub/build", true, false}, // anchored to the root
		{"docs/a/b/draft1.md", false, true},
		{"docs/draft.md", false, true},
		{"docs/final.md", false, false},
		{"tmp", true, true},
		{"tmp", false, false}, // folders only
		{"#hash.md", false, true},
		{"abc.md", false, true},
		{"abbc.md", false, false},
		{"yz.md", false, true},
		{"a/node_modules", true, true},
		{"sub/local.md", false, true},
		{"local.md", false, false}, // sub's rule does not reach the root
		{"notes.md", false, false},
	} {
		if got := ig.ignored(c.path, c.dir); got != c.want {
			t.Errorf("ignored(%q, dir %v) = %v, want %v", c.path, c.dir, got, c.want)
		}
	}
}

// BenchmarkIgnoredDeepPattern: a pattern that is exponential for a
// backtracking glob matcher (`**/` twelve times on a 25-deep path) costs
// linear time here (RE2).
func BenchmarkIgnoredDeepPattern(b *testing.B) {
	r, ok := parseIgnore(strings.Repeat("**/", 12)+"zz", "")
	if !ok {
		b.Fatal("pattern not read")
	}
	ig := ignores{rules: []ignoreRule{r}}
	path := strings.Repeat("a/", 25) + "b"
	for b.Loop() {
		if ig.ignored(path, false) {
			b.Fatal("matched")
		}
	}
}
