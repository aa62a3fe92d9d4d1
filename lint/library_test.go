package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigLibrary(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, ConfigFileName)
	for _, c := range []struct {
		yaml string
		want []string
		err  string
	}{
		{yaml: "library: refs.bib\n", want: []string{filepath.Join(dir, "refs.bib")}},
		{yaml: "library:\n  - a.bib\n  - sub/b.bib\nonline: true\n", want: []string{filepath.Join(dir, "a.bib"), filepath.Join(dir, "sub", "b.bib")}},
		{yaml: "library:\n  - a.bib\n  - ../out.bib\n", err: ":3:5: library: ../out.bib leaves the config's folder"},
		{yaml: "library: /etc/passwd\n", err: ":1:10: library: /etc/passwd leaves the config's folder"},
		{yaml: "library: {a: b}\n", err: ":1:10: library must be a .bib path or a list of them"},
		{yaml: "online: sometimes\n", err: "cannot unmarshal"},
		{yaml: "librari: a.bib\n", err: `unknown key "librari"`},
	} {
		cfg, err := ParseConfig(cfgPath, []byte(c.yaml))
		var got []string
		if err == nil {
			got, err = cfg.LibraryFiles()
		}
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want %q", c.yaml, err, c.err)
			}
		case err != nil:
			t.Errorf("%q: %v", c.yaml, err)
		case strings.Join(got, "|") != strings.Join(c.want, "|"):
			t.Errorf("%q: LibraryFiles = %q, want %q", c.yaml, got, c.want)
		}
	}
	// --allow-outside lifts the confinement.
	cfg, err := ParseConfig(cfgPath, []byte("library: ../out.bib\nonline: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.AllowOutside = true
	if got, err := cfg.LibraryFiles(); err != nil || len(got) != 1 || !cfg.Online {
		t.Errorf("allow outside: %v %v, online %v", got, err, cfg.Online)
	}
	// A link inside the folder that leads out is refused too.
	if err := os.Symlink("/etc", filepath.Join(dir, "etc")); err != nil {
		t.Skip(err)
	}
	cfg, _ = ParseConfig(cfgPath, []byte("library: etc/passwd\n"))
	if _, err := cfg.LibraryFiles(); err == nil || !strings.Contains(err.Error(), "leaves the config's folder") {
		t.Errorf("link out: %v", err)
	}
}
