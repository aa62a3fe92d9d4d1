package workspace

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/paperlint/papers/internal/safeio"
)

// ignoreRule is one pattern of a .gitignore file.
type ignoreRule struct {
	re      *regexp.Regexp // matched against the path relative to base, with slashes
	base    string         // the folder of the .gitignore, with slashes, "" for the walk root
	negate  bool           // !pattern: re-include
	dirOnly bool           // pattern/: folders only
}

// ignores holds the .gitignore rules met on the way from the git work tree
// down to a folder; a walk pushes a folder's rules on entering it.
type ignores struct {
	rules []ignoreRule
}

// gitignoreMax bounds the size of a .gitignore read: real ones are a few
// KB, and a hostile one must not cost more than reading it.
const gitignoreMax = 1 << 20

// load reads dir/.gitignore, whose patterns are relative to rel (dir's
// path from the walk's root, with slashes). A missing or unreadable file
// adds nothing.
func (ig *ignores) load(dir, rel string) {
	data, err := safeio.ReadFile(filepath.Join(dir, ".gitignore"), gitignoreMax)
	if err != nil {
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), gitignoreMax)
	for sc.Scan() {
		if r, ok := parseIgnore(sc.Text(), rel); ok {
			ig.rules = append(ig.rules, r)
		}
	}
}

// parseIgnore reads one .gitignore line, as git does: blank lines and
// comments are nothing, `!` re-includes, a trailing `/` means folders only,
// a pattern with a slash before its end is anchored to the .gitignore's
// folder, one without matches a name at any depth; `*`, `?`, `[...]` and
// `**` are globs. Patterns become regular expressions (RE2: linear time,
// whatever the pattern).
func parseIgnore(line, base string) (ignoreRule, bool) {
	line = strings.TrimRight(line, "\r")
	if !strings.HasSuffix(line, `\ `) {
		line = strings.TrimRight(line, " ")
	}
	if line == "" || strings.HasPrefix(line, "#") {
		return ignoreRule{}, false
	}
	r := ignoreRule{base: base}
	if strings.HasPrefix(line, "!") {
		r.negate, line = true, line[1:]
	} else if strings.HasPrefix(line, `\`) {
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		r.dirOnly, line = true, strings.TrimRight(line, "/")
	}
	anchored := strings.Contains(line, "/")
	line = strings.TrimPrefix(line, "/")
	if line == "" {
		return ignoreRule{}, false
	}
	var b strings.Builder
	b.WriteString("^")
	if !anchored {
		b.WriteString("(?:.*/)?")
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case strings.HasPrefix(line[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(line[i:], "/**") && i+3 == len(line):
			b.WriteString("/.*")
			i += 2
		case strings.HasPrefix(line[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			end := strings.IndexByte(line[i+1:], ']')
			if end < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := line[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		case c == '\\' && i+1 < len(line):
			i++
			b.WriteString(regexp.QuoteMeta(line[i : i+1]))
		default:
			b.WriteString(regexp.QuoteMeta(line[i : i+1]))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return ignoreRule{}, false
	}
	r.re = re
	return r, true
}

// ignored reports whether rel (a path from the walk's root, with slashes)
// is ignored: the last rule that matches decides.
func (ig *ignores) ignored(rel string, dir bool) bool {
	out := false
	for i := range ig.rules {
		r := &ig.rules[i]
		if r.dirOnly && !dir {
			continue
		}
		p := rel
		if r.base != "" {
			if !strings.HasPrefix(rel, r.base+"/") {
				continue
			}
			p = rel[len(r.base)+1:]
		}
		if r.re.MatchString(p) {
			out = !r.negate
		}
	}
	return out
}

// gitRoot returns the git work tree holding dir, or "".
func gitRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}
