package rules

import (
	"fmt"
	"strings"

	"github.com/paperlint/papers/lint"
)

// Helpers that several rules share: where an entry is, and how lists and
// long values are written in messages.

// bibWhere names a place as path:line for messages.
func bibWhere(f *lint.File, off int) string {
	return fmt.Sprintf("%s:%d", f.Path, f.Lines().Position(off).Line)
}

// short abbreviates a value's source text for messages.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}

// shorten cuts s to at most n characters, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// joinAnd joins items as "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// joinOr joins items as "a", "a or b", "a, b or c".
func joinOr(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
