package lint

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

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

// SourceNames are the sources papers looks papers up in, in the default
// order: the .bib libraries (--library and library:), then, with --online,
// DBLP, Crossref and the arXiv API. The config's sources: and --sources
// name some of them in another order.
func SourceNames() []string { return []string{"library", "dblp", "crossref", "arxiv"} }

// CheckSources returns an error when names is not a list of known source
// names (SourceNames), each at most once, and not empty.
func CheckSources(names []string) error {
	if len(names) == 0 {
		return fmt.Errorf("no source named (known: %s)", strings.Join(SourceNames(), ", "))
	}
	seen := map[string]bool{}
	for _, n := range names {
		if !slices.Contains(SourceNames(), n) {
			return fmt.Errorf("unknown source %q (known: %s)", n, strings.Join(SourceNames(), ", "))
		}
		if seen[n] {
			return fmt.Errorf("source %q named twice", n)
		}
		seen[n] = true
	}
	return nil
}

// decodeSources reads the config's sources: a list of source names, or
// one, each checked, an error naming the line and column of a bad one.
func (cfg *Config) decodeSources(path string, v *yaml.Node) error {
	items := []*yaml.Node{v}
	switch {
	case v.Kind == yaml.SequenceNode:
		items = v.Content
	case v.Kind != yaml.ScalarNode || v.Tag == "!!null":
		return fmt.Errorf("%s:%d:%d: sources must be a list of source names (%s)", path, v.Line, v.Column, strings.Join(SourceNames(), ", "))
	}
	var names []string
	for _, it := range items {
		if it.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s:%d:%d: sources: want a source name (%s)", path, it.Line, it.Column, strings.Join(SourceNames(), ", "))
		}
		names = append(names, it.Value)
		if err := CheckSources(names); err != nil {
			return fmt.Errorf("%s:%d:%d: sources: %w", path, it.Line, it.Column, err)
		}
	}
	if err := CheckSources(names); err != nil {
		return fmt.Errorf("%s:%d:%d: sources: %w", path, v.Line, v.Column, err)
	}
	cfg.Sources = names
	return nil
}
