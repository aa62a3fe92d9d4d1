// Package bib reads and writes BibTeX files for papers.
//
// # Why a scanner of our own
//
// github.com/nickng/bibtex is the vocabulary Go code already knows for BibTeX
// (BibEntry, BibString, BibConst, BibVar, BibComposite), but its parser is not
// safe on users' files: it silently drops every entry after a trailing comma
// followed by a % comment, exits the process (log.Fatalf) on an undefined
// macro, keeps parser state in package globals so one bad file breaks the next
// and concurrent calls race, keeps only the first operand of #, loses braces
// in quoted values, rejects (...) delimiters, @ inside values and keys such as
// 张2020, and records neither positions nor field order.
//
// A linter needs the opposite: every byte of the input accounted for, every
// entry and field with its byte span, diagnostics instead of failures, and a
// parser that can run on many files at once. So this package has its own
// scanner (scan.go), and hands entries out in nickng's model too
// (Entry.BibEntry, File.BibTex) for code that expects it.
//
// # What is read
//
// Parse returns a File: its Blocks partition the source in order (entries,
// @string, @preamble, @comment, % comments and free text), so nothing is lost.
// Entries keep their fields in source order with byte spans, each value's raw
// source text, its parts (braced, quoted, number, macro) and its resolved
// value (macros expanded, # joined, outer delimiters removed, inner braces
// kept). Macro and field names compare case-insensitively, as in BibTeX.
//
// Problems are Diagnostics with byte offsets (codes "syntax",
// "duplicate-key", "duplicate-field", "undefined-macro"); the lint engine turns
// offsets into line:col. After a syntax error the scanner resumes at the next
// @ that starts a line, and a braced or quoted value never runs past a line
// that starts with @type{ or @type(, so an unclosed brace cannot swallow the
// entries that follow it.
//
// Several files that share macros (abbrev.bib, then journals.bib, then the
// entries) are read in order with one Reader, or with ParseFiles.
//
// # What is written
//
// Write prints entries in the project's format: fields in a canonical order
// (or the original one), "name = {value}" aligned, values in braces, LaTeX
// untouched, macros bare, and optionally every non-ASCII letter as a LaTeX
// escape. Reading written entries back gives the same entries.
//
// The package has no package-level mutable state: Parse may be called from
// many goroutines at once. A Reader or a Macros value must not be shared
// between goroutines while in use.
package bib
