package lint

import (
	"path/filepath"
	"strings"
)

// Excluded reports whether path matches one of the config's exclude globs,
// tried against the path relative to the config's folder, the path as given
// and its base name.
func (cfg *Config) Excluded(path string) bool {
	if len(cfg.Exclude) == 0 {
		return false
	}
	return MatchAny(cfg.Exclude, cfg.pathCandidates(path)...)
}

// pathCandidates are the forms of path a glob of the config is tried
// against: as given, its base name, and relative to the config's folder.
func (cfg *Config) pathCandidates(path string) []string {
	cands := []string{filepath.ToSlash(path), filepath.Base(path)}
	if cfg.Path != "" {
		if abs, err := filepath.Abs(path); err == nil {
			if rel, err := filepath.Rel(filepath.Dir(cfg.Path), abs); err == nil {
				cands = append(cands, filepath.ToSlash(rel))
			}
		}
	}
	return cands
}

// MatchAny reports whether any glob matches any candidate path, with the
// gitignore conventions people know: a glob without a slash (`*.bib`,
// `drafts`) matches a file or folder name at any depth; a glob with a slash
// (`notes/drafts`, `vendor/*`) is anchored at the top; `dir/**` is
// everything below dir; a leading `**/` matches at any depth. A glob that
// matches a folder matches everything in it.
func MatchAny(globs []string, cands ...string) bool {
	for _, g := range globs {
		for _, c := range cands {
			if matchGlob(filepath.ToSlash(g), strings.TrimPrefix(filepath.ToSlash(c), "./")) {
				return true
			}
		}
	}
	return false
}

func matchGlob(g, path string) bool {
	g = strings.TrimPrefix(g, "./")
	// A slash anywhere but at the end anchors the glob (`drafts/**` is the
	// top-level drafts folder; `drafts/` is any folder named drafts).
	anchored := strings.Contains(strings.TrimSuffix(g, "/"), "/")
	g = strings.TrimSuffix(strings.TrimSuffix(g, "/**"), "/")
	parts := strings.Split(path, "/")
	if strings.HasPrefix(g, "**/") {
		rest := g[3:]
		for i := range parts {
			if matchGlob(rest, strings.Join(parts[i:], "/")) {
				return true
			}
		}
		return false
	}
	if !anchored {
		for _, p := range parts {
			if ok, _ := filepath.Match(g, p); ok {
				return true
			}
		}
		return false
	}
	// Anchored: the path or one of its ancestor folders.
	for i := len(parts); i > 0; i-- {
		if ok, _ := filepath.Match(g, strings.Join(parts[:i], "/")); ok {
			return true
		}
	}
	return false
}
