package lint

import (
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// Excluded reports whether path matches one of the config's exclude globs,
// tried against the path relative to the config's folder, the path as given
// and its base name.
func (cfg *Config) Excluded(path string) bool {
	if len(cfg.Exclude) == 0 {
		return false
	}
	cfg.excludeOnce.Do(func() { cfg.exclude = CompileGlobs(cfg.Exclude) })
	return cfg.exclude.Match(cfg.pathCandidates(path)...)
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

// Globs is a compiled list of globs (see MatchAny for their meaning). Each
// glob is one regular expression (RE2), so matching costs time linear in
// the path whatever the glob: `**/**/**/**/zz` on a deep path is no
// exponential search.
type Globs struct {
	res []*regexp.Regexp
}

// CompileGlobs compiles globs; one that cannot be read matches nothing
// (ParseConfig has checked the config's with filepath.Match already).
func CompileGlobs(globs []string) *Globs {
	g := &Globs{}
	for _, s := range globs {
		if re, err := regexp.Compile(globRegexp(filepath.ToSlash(s))); err == nil {
			g.res = append(g.res, re)
		}
	}
	return g
}

// Match reports whether a glob matches one of the candidate paths.
func (g *Globs) Match(cands ...string) bool {
	if g == nil {
		return false
	}
	for _, c := range cands {
		c = strings.TrimPrefix(filepath.ToSlash(c), "./")
		for _, re := range g.res {
			if re.MatchString(c) {
				return true
			}
		}
	}
	return false
}

// MatchAny reports whether any glob matches any candidate path, with the
// gitignore conventions people know: a glob without a slash (`*.bib`,
// `drafts`) matches a file or folder name at any depth; a glob with a slash
// (`notes/drafts`, `vendor/*`) is anchored at the top; `dir/**` is
// everything below dir; `**/` matches any number of folders. A glob that
// matches a folder matches everything in it. Callers that match many
// paths compile the globs once with CompileGlobs.
func MatchAny(globs []string, cands ...string) bool {
	return CompileGlobs(globs).Match(cands...)
}

// globMemo holds compiled exclude globs of a config, built on first use.
type globMemo struct {
	excludeOnce sync.Once
	exclude     *Globs
}

// globRegexp translates a glob into an anchored regular expression.
func globRegexp(g string) string {
	g = strings.TrimPrefix(g, "./")
	// A slash anywhere but at the end anchors the glob (`drafts/**` is the
	// top-level drafts folder; `drafts/` is any folder named drafts).
	anchored := strings.Contains(strings.TrimSuffix(g, "/"), "/")
	g = strings.TrimSuffix(strings.TrimSuffix(g, "/**"), "/")
	for strings.HasPrefix(g, "**/") {
		g, anchored = g[3:], false
	}
	var b strings.Builder
	if anchored {
		b.WriteString(`^`)
	} else {
		b.WriteString(`(?:^|/)`)
	}
	for i := 0; i < len(g); i++ {
		switch c := g[i]; {
		case strings.HasPrefix(g[i:], "**/"):
			b.WriteString(`(?:[^/]*/)*`)
			i += 2
		case strings.HasPrefix(g[i:], "**"):
			b.WriteString(`.*`)
			i++
		case c == '*':
			b.WriteString(`[^/]*`)
		case c == '?':
			b.WriteString(`[^/]`)
		case c == '[':
			end := strings.IndexByte(g[i+1:], ']')
			if end < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := g[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") || strings.HasPrefix(class, "^") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		case c == '\\' && i+1 < len(g):
			i++
			b.WriteString(regexp.QuoteMeta(g[i : i+1]))
		default:
			b.WriteString(regexp.QuoteMeta(g[i : i+1]))
		}
	}
	// The path itself, or anything in the folder it names.
	b.WriteString(`(?:/.*)?$`)
	return b.String()
}
