// Package cjkcorpus reads the mixed-script development corpus
// (shared/corpus/cjk-dev.tsv: input -> expected rows from autocorrect's
// fixtures and the Chinese copywriting guidelines), for the tests of the cjk
// package and of the CJK rules.
package cjkcorpus

import (
	"fmt"
	"os"
	"strings"
)

// Row is one corpus row.
type Row struct {
	ID, Kind, Config, Changed, Input, Expected, Note string
	// Line is the row's 1-based line in the file.
	Line int
}

// Load reads the corpus at path. It returns an error wrapping
// os.ErrNotExist when the file is absent, so that tests can skip.
func Load(path string) ([]Row, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cjk corpus: %w", err)
	}
	var rows []Row
	var header []string
	for n, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		n++ // 1-based line numbers
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if header == nil {
			header = cols
			continue
		}
		col := map[string]string{}
		for i, h := range header {
			if i < len(cols) {
				col[h] = cols[i]
			}
		}
		for _, name := range []string{"id", "changed", "input", "expected"} {
			if _, ok := col[name]; !ok {
				return nil, fmt.Errorf("%s:%d: no column %q", path, n, name)
			}
		}
		rows = append(rows, Row{
			ID: col["id"], Kind: col["kind"], Config: col["config"], Changed: col["changed"],
			Input: Unescape(col["input"]), Expected: Unescape(col["expected"]), Note: col["note"], Line: n,
		})
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	return rows, nil
}

var escapes = map[byte]byte{'\\': '\\', 'n': '\n', 't': '\t', 'r': '\r'}

// Unescape undoes the corpus escapes: \\ \n \t \r.
func Unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			if r, ok := escapes[s[i+1]]; ok {
				b.WriteByte(r)
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
