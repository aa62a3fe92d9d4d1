// Package integration runs papers with the real clients its users run it
// with (pre-commit, BibTeX, reviewdog, an LSP editor), as the README's
// snippets show them. Each test skips when its client is not installed;
// .ci/run installs them.
package integration
