package lint

import (
	"fmt"
	"path/filepath"

	"github.com/paperlint/papers/internal/confine"
)

// CompanionFor returns the .bib mapped to notesPath in config, or "".
//
// A config may come from a pull request, so the .bib it names must lie in
// the config's folder once `..` and symbolic links are resolved, unless
// AllowOutside is set: otherwise `papers bib --merge` would append to any
// file the config names (a shell profile, /etc/shadow when run as root) and
// `papers lint` would print excerpts of it. Such a mapping is an error
// naming the config's line and column.
func (cfg *Config) CompanionFor(notesPath string) (string, error) {
	if len(cfg.Bib) == 0 {
		return "", nil
	}
	base := "."
	if cfg.Path != "" {
		base = filepath.Dir(cfg.Path)
	}
	abs, err := filepath.Abs(notesPath)
	if err != nil {
		return "", fmt.Errorf("%s: %w", notesPath, err)
	}
	for n, b := range cfg.Bib {
		na := n
		if !filepath.IsAbs(na) {
			na = filepath.Join(base, n)
		}
		if na, err = filepath.Abs(na); err != nil || na != abs {
			continue
		}
		comp := b
		if !filepath.IsAbs(b) {
			comp = filepath.Join(base, b)
		}
		if cfg.AllowOutside || cfg.Path == "" {
			return comp, nil
		}
		root, err := confine.Root(cfg.Path, base)
		if err == nil {
			var in bool
			if in, err = confine.Inside(root, comp); err == nil && in {
				return comp, nil
			}
		}
		at := cfg.bibAt[n]
		if err != nil {
			return "", fmt.Errorf("%s:%d:%d: bib: %s: %w", cfg.Path, at[0], at[1], b, err)
		}
		return "", fmt.Errorf("%s:%d:%d: bib: %s for %s leaves the config's folder %s; a config may only name files inside it (--allow-outside lifts this)", cfg.Path, at[0], at[1], b, n, root)
	}
	return "", nil
}
