package lint

import (
	"fmt"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/paperlint/papers/internal/confine"
)

// decodeLibrary reads the config's library: a list of .bib paths, or one
// path, remembering where each is written for messages.
func (cfg *Config) decodeLibrary(path string, v *yaml.Node) error {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil
		}
		var one string
		if err := strictDecode(path, v, &one); err != nil {
			return err
		}
		cfg.Library = []string{one}
		cfg.libraryAt = [][2]int{{v.Line, v.Column}}
	case yaml.SequenceNode:
		if err := strictDecode(path, v, &cfg.Library); err != nil {
			return err
		}
		cfg.libraryAt = make([][2]int, len(v.Content))
		for i, c := range v.Content {
			cfg.libraryAt[i] = [2]int{c.Line, c.Column}
		}
	default:
		return fmt.Errorf("%s:%d:%d: library must be a .bib path or a list of them", path, v.Line, v.Column)
	}
	return nil
}

// LibraryFiles returns the config's library paths, relative ones joined to
// the config's folder.
//
// A config may come from a pull request, and `papers bib` prints what a
// library holds into its output: like the bib: mapping (see CompanionFor),
// each path must lie in the config's folder once `..` and symbolic links
// are resolved, unless AllowOutside is set. A path that leaves it is an
// error naming the config's line and column.
func (cfg *Config) LibraryFiles() ([]string, error) {
	if len(cfg.Library) == 0 {
		return nil, nil
	}
	base := "."
	if cfg.Path != "" {
		base = filepath.Dir(cfg.Path)
	}
	out := make([]string, 0, len(cfg.Library))
	for i, p := range cfg.Library {
		at := [2]int{}
		if i < len(cfg.libraryAt) {
			at = cfg.libraryAt[i]
		}
		if p == "" {
			return nil, fmt.Errorf("%s:%d:%d: library: an empty path", cfg.Path, at[0], at[1])
		}
		full := p
		if !filepath.IsAbs(p) {
			full = filepath.Join(base, p)
		}
		if cfg.AllowOutside || cfg.Path == "" {
			out = append(out, full)
			continue
		}
		root, err := confine.Root(cfg.Path, base)
		if err == nil {
			var in bool
			if in, err = confine.Inside(root, full); err == nil && in {
				out = append(out, full)
				continue
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d:%d: library: %s: %w", cfg.Path, at[0], at[1], p, err)
		}
		return nil, fmt.Errorf("%s:%d:%d: library: %s leaves the config's folder %s; a config may only name files inside it (--allow-outside lifts this)", cfg.Path, at[0], at[1], p, root)
	}
	return out, nil
}
