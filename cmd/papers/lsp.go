package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/paperlint/papers/internal/safeio"
	"github.com/paperlint/papers/lsp"
	"github.com/paperlint/papers/rules"
)

// stdio is the server's connection: stdin and stdout, which the editor
// started papers lsp with.
type stdio struct {
	io.Reader
	io.Writer
}

// Close closes nothing: the process ends with the session.
func (stdio) Close() error { return nil }

func cmdLSP(args []string, e *env) int {
	fs := newFlagSet("lsp", "lsp [flags]\n\nRuns the Language Server Protocol server on standard input and output, for editors:\nfindings as you type, quick fixes, fix all, CJK formatting, hover and completion of tags.\nThe workspace is the folder the editor opens (else the nearest .papers.yaml's folder,\nthe git work tree, or the first file's folder); its .papers.yaml is read again when it changes.", e.stderr)
	config := fs.String("config", "", "config file for the workspace (default: .papers.yaml found from the workspace folder upwards)")
	jobs := fs.Int("jobs", 0, fmt.Sprintf("files and rules checked at once (0: one per CPU; at most %d)", maxJobs))
	debounce := fs.Duration("debounce", lsp.DefaultDebounce, "wait after a change before linting")
	allowOutside := fs.Bool("allow-outside", false, "let the config's bib: mapping name files outside the config's folder")
	maxFileSize := sizeFlag(safeio.DefaultMaxSize)
	fs.Var(&maxFileSize, "max-file-size", "skip files on disk larger than this, such as 64MB")
	fs.Bool("stdio", true, "talk over standard input and output (the only transport; accepted because editors pass it)")
	if _, err := parseInterspersed(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	srv := lsp.New(lsp.Options{
		Rules: rules.All(), Config: *config, AllowOutside: *allowOutside, Year: time.Now().Year(),
		Jobs: jobsOf(*jobs, e.stderr), MaxFileSize: int64(maxFileSize), Debounce: *debounce, Log: e.stderr,
		Version: version(),
	})
	err := srv.Serve(context.Background(), stdio{Reader: e.stdin, Writer: e.stdout})
	switch {
	case errors.Is(err, lsp.ErrExitWithoutShutdown):
		return exitFindings // the protocol's exit code 1
	case err != nil:
		fmt.Fprintf(e.stderr, "papers lsp: %v\n", err)
		return exitTrouble
	}
	return exitOK
}
