package docs

import (
	"io/fs"
	"testing"
)

func TestFS(t *testing.T) {
	page, err := fs.ReadFile(FS(), "docs/rules/venue-name.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(page) == 0 {
		t.Error("empty page")
	}
	for _, name := range []string{"rules/venue-name.md", "docs/rules/no-such-rule.md", "docs/../docs/rules/venue-name.md", "README.md"} {
		if _, err := fs.Stat(FS(), name); err == nil {
			t.Errorf("%s: found, want not found", name)
		}
	}
}
