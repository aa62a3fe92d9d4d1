package bib

import "github.com/paperlint/papers/internal/latex"

// PlainText returns BibTeX/LaTeX text as plain Unicode for comparisons:
// accents such as {\"o}, \'{e} or {\v{c}} become ö, é, č; \ss, \o, \ldots and
// the like become their characters; other commands (\emph, \textsc) are
// dropped and their arguments kept; braces and $ are removed; ~ and white
// space runs become one space; -- and --- become – and —; curly and LaTeX
// quotes become ASCII ' and ". The result is NFC and trimmed. It is meant
// for comparing titles and names, not for display; latex.Plain does the
// work, so titles, venues and fields read LaTeX alike.
func PlainText(s string) string { return latex.Plain(s) }

// EscapeLaTeX writes the non-ASCII characters of s as LaTeX: accented Latin
// letters as {\"o}, {\'e}, {\v{c}}; letters such as ß, ø, æ, ł as {\ss},
// {\o}, {\ae}, {\l}; dashes as -- and ---; curly quotes as LaTeX quotes; a
// no-break space as ~. ASCII text, LaTeX included, is left as it is.
// Characters with no such form (CJK, Greek, emoji) are left in place and
// returned in missing, in order, once each. See latex.Escape.
func EscapeLaTeX(s string) (out string, missing []rune) { return latex.Escape(s) }
