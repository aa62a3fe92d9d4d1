// Package lsp is the Language Server Protocol server of papers (`papers
// lsp`): an editor starts it over stdio and gets the findings of `papers
// lint` on the notes and .bib files as they are typed, quick fixes, a
// "fix all" action, the CJK fixes as formatting, hover on venue and
// organisation tags and on findings, and completion of tags.
//
// The server keeps one workspace.Workspace for the workspace folder the
// editor opens, with the unsaved buffers in place of the files on disk, and
// lints it with one lint.Runner, so that corpus rules (duplicate titles
// across files, the notes against their companion .bib) behave as `papers
// lint` on that folder does. The protocol types come from
// github.com/tliron/glsp (LSP 3.16) and the JSON-RPC 2.0 connection from
// github.com/sourcegraph/jsonrpc2; what 3.16 lacks (the position encoding
// of LSP 3.17) is read from the raw messages.
package lsp
