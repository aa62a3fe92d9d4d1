package lsp

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/paperlint/papers/internal/safeio"
	"github.com/paperlint/papers/lint"
	"github.com/paperlint/papers/workspace"
)

// state is what the workspace is linted with: the config, the runner and
// the workspace itself. A change of .papers.yaml makes a new state.
type state struct {
	cfg     *lint.Config
	cfgPath string
	cfgErr  error // the config could not be used: shown on cfgPath
	runner  *lint.Runner
	ws      *workspace.Workspace
	rules   map[string]*lint.Rule
	docs    map[string]*protocol.CodeDescription // the rules' pages
}

// snapshot is the outcome of one run: the files as they were linted and
// their findings.
type snapshot struct {
	gen      int
	st       *state
	order    []*lint.File
	files    map[string]*lint.File
	diags    map[string][]lint.Diagnostic
	versions map[string]protocol.Integer // open documents' versions linted
	// took is how long the run took, from its first Update to its
	// findings (publication excluded), for tests and benchmarks.
	took time.Duration
}

// load builds the state for root: the config found from it (or
// Options.Config), the runner, and the workspace of every notes and .bib
// file under root, with the editor's buffers in place of the files. A
// config that cannot be used is reported on itself and the defaults are
// used meanwhile.
func (s *Server) load(root string, open map[string][]byte) (*state, error) {
	st := &state{cfgPath: s.opt.Config}
	if st.cfgPath == "" && root != "" {
		st.cfgPath = lint.FindConfig(root)
	}
	cfg := lint.DefaultConfig()
	if st.cfgPath != "" {
		if c, err := lint.LoadConfig(st.cfgPath); err != nil {
			st.cfgErr = err
		} else {
			cfg = c
		}
	}
	cfg.AllowOutside = s.opt.AllowOutside
	runner, err := lint.NewRunner(s.opt.Rules, cfg)
	if err != nil && st.cfgErr == nil {
		st.cfgErr = err
		cfg = lint.DefaultConfig()
		cfg.AllowOutside = s.opt.AllowOutside
		runner, err = lint.NewRunner(s.opt.Rules, cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	// After a keystroke only the entries around it are parsed and checked
	// again, and what did not change is reused from the last run.
	runner.Jobs, runner.RunCache = s.opt.Jobs, lint.NewRunCache()
	wopt := workspace.Options{Year: s.opt.Year, Jobs: s.opt.Jobs, MaxFileSize: s.opt.MaxFileSize, Incremental: true}
	ws, err := workspace.New(cfg, wopt)
	if err != nil {
		if st.cfgErr == nil {
			st.cfgErr = err
		}
		cfg = lint.DefaultConfig()
		if ws, err = workspace.New(cfg, wopt); err != nil {
			return nil, fmt.Errorf("workspace: %w", err)
		}
	}
	st.cfg, st.runner, st.ws = cfg, runner, ws
	st.rules = make(map[string]*lint.Rule, len(runner.Rules))
	for _, r := range runner.Rules {
		st.rules[r.ID] = r
	}
	st.docs = ruleDocs(runner.Rules)
	if root != "" {
		errs, notices := ws.Add([]string{root}, nil)
		for _, e := range errs {
			s.logf(protocol.MessageTypeWarning, "%v", e)
		}
		for _, n := range notices {
			s.logLocal("papers lsp: %s", n)
		}
	}
	for path, text := range open {
		s.put(st, path, text)
	}
	return st, nil
}

// put gives the workspace the text of path, adding the file when the walk
// did not find it (a file outside the workspace folder, a new file).
func (s *Server) put(st *state, path string, text []byte) {
	if err := st.ws.Update(path, text); err == nil {
		return
	}
	if errs, _ := st.ws.Add([]string{path}, nil); len(errs) > 0 {
		// Not on disk yet (a new buffer): the workspace reads it from
		// the buffer alone.
		for _, err := range st.ws.AddInput(lint.Input{Path: path, Src: text}) {
			s.logf(protocol.MessageTypeWarning, "%v", err)
		}
		return
	}
	if err := st.ws.Update(path, text); err != nil {
		s.logf(protocol.MessageTypeWarning, "%v", err)
	}
}

// schedule makes a run start after d, unless another change comes first.
func (s *Server) schedule(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down {
		return
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(d, func() { s.lintNow() })
}

// changed records a change and schedules a run after d.
func (s *Server) changed(d time.Duration) {
	s.mu.Lock()
	s.gen++
	s.mu.Unlock()
	s.schedule(d)
}

// lintNow brings the findings up to date with every change received and
// publishes them, unless they are already; it returns the snapshot. Runs
// follow one another: a change that arrives during a run is linted by the
// next.
func (s *Server) lintNow() (snap *snapshot) {
	defer func() {
		if v := recover(); v != nil {
			s.logf(protocol.MessageTypeError, "internal error while linting: %v\n%s", v, debug.Stack())
			snap = s.lastSnapshot()
		}
	}()
	s.runMu.Lock()
	defer s.runMu.Unlock()
	s.mu.Lock()
	if s.snap != nil && s.snap.gen == s.gen || s.root == "" {
		snap = s.snap
		s.mu.Unlock()
		return snap
	}
	gen, root, st := s.gen, s.root, s.st
	pending, removed, reload := s.pending, s.removed, s.reload || st == nil
	s.pending, s.removed, s.reload = map[string]*[]byte{}, map[string]bool{}, false
	versions := make(map[string]protocol.Integer, len(s.docs))
	open := make(map[string][]byte, len(s.docs))
	for path, d := range s.docs {
		versions[path] = d.version
		open[path] = d.text
	}
	s.mu.Unlock()

	start := time.Now()
	if reload {
		var err error
		if st, err = s.load(root, open); err != nil {
			s.logf(protocol.MessageTypeError, "%v", err)
			return s.lastSnapshot()
		}
	} else {
		for path := range removed {
			st.ws.Remove(path)
		}
		for path, text := range pending {
			if text == nil {
				s.reread(st, path)
				continue
			}
			s.put(st, path, *text)
		}
	}
	res := st.runner.Run(st.ws)
	snap = &snapshot{gen: gen, st: st, order: res.Files, files: make(map[string]*lint.File, len(res.Files)),
		diags: map[string][]lint.Diagnostic{}, versions: versions}
	for _, f := range res.Files {
		snap.files[f.Path] = f
	}
	for _, d := range res.Diagnostics {
		if d.InternalError() {
			s.logf(protocol.MessageTypeError, "%s: %s", d.File, d.Message)
			continue
		}
		snap.diags[d.File] = append(snap.diags[d.File], d)
	}
	snap.took = time.Since(start)
	s.mu.Lock()
	s.st, s.snap = st, snap
	s.mu.Unlock()
	s.publish(snap)
	return snap
}

// lastSnapshot is the last run's snapshot, nil before the first.
func (s *Server) lastSnapshot() *snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snap
}

// reread gives the workspace the disk's text of a file that is not open
// (closed, or changed on disk), or drops it when it is gone.
func (s *Server) reread(st *state, path string) {
	src, err := safeio.ReadFile(path, s.opt.MaxFileSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st.ws.Remove(path)
	case err != nil:
		s.logf(protocol.MessageTypeWarning, "%s: %v", path, err)
	default:
		s.put(st, path, src)
	}
}

// publish sends the findings of every file of the run whose findings
// changed since they were last sent (open or not), an empty list for the
// files that have none left, and the config's own error.
func (s *Server) publish(snap *snapshot) {
	seen := map[string]bool{}
	for _, f := range snap.order {
		if f.Quiet {
			continue
		}
		uri := s.uriOf(f.Path)
		seen[uri] = true
		ds := snap.diags[f.Path]
		sum := fingerprint(ds)
		s.mu.Lock()
		last, ok := s.published[uri]
		s.mu.Unlock()
		if ok && last.file == f && last.sum == sum {
			continue
		}
		out := make([]protocol.Diagnostic, 0, len(ds))
		for i := range ds {
			out = append(out, s.conv.diagnostic(&ds[i], f, snap.st.docs, snap.files, s.uriOf))
		}
		params := protocol.PublishDiagnosticsParams{URI: uri, Diagnostics: out}
		if v, ok := snap.versions[f.Path]; ok && v >= 0 {
			u := protocol.UInteger(v)
			params.Version = &u
		}
		s.notify(protocol.ServerTextDocumentPublishDiagnostics, params)
		s.mu.Lock()
		s.published[uri] = published{file: f, sum: sum}
		s.mu.Unlock()
	}
	if p := snap.st.cfgPath; p != "" {
		uri := s.uriOf(p)
		seen[uri] = true
		sum := uint64(0)
		var ds []protocol.Diagnostic
		if err := snap.st.cfgErr; err != nil {
			ds = []protocol.Diagnostic{configDiagnostic(err)}
			h := fnv.New64a()
			h.Write([]byte(err.Error()))
			sum = h.Sum64() | 1
		}
		s.mu.Lock()
		last, ok := s.published[uri]
		s.mu.Unlock()
		if !ok || last.sum != sum {
			s.notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri, Diagnostics: nonNil(ds)})
			s.mu.Lock()
			s.published[uri] = published{sum: sum}
			s.mu.Unlock()
		}
	}
	s.mu.Lock()
	var gone []string
	for uri := range s.published {
		if !seen[uri] {
			gone = append(gone, uri)
			delete(s.published, uri)
		}
	}
	s.mu.Unlock()
	for _, uri := range gone {
		s.notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri, Diagnostics: []protocol.Diagnostic{}})
	}
}

func nonNil(ds []protocol.Diagnostic) []protocol.Diagnostic {
	if ds == nil {
		return []protocol.Diagnostic{}
	}
	return ds
}

// fingerprint sums what a file's findings show, so that an unchanged list
// is not sent again.
func fingerprint(ds []lint.Diagnostic) uint64 {
	h := fnv.New64a()
	var b []byte
	for i := range ds {
		d := &ds[i]
		b = b[:0]
		b = append(b, d.Rule...)
		b = strconv.AppendInt(b, int64(d.Severity), 10)
		b = strconv.AppendInt(b, int64(d.Start), 10)
		b = strconv.AppendInt(b, int64(d.End), 10)
		b = append(b, d.Message...)
		for _, r := range d.Related() {
			b = append(b, r.File...)
			b = strconv.AppendInt(b, int64(r.Start), 10)
			b = append(b, r.Message...)
		}
		for _, sg := range d.Suggestions() {
			b = append(b, sg...)
		}
		b = append(b, 0)
		h.Write(b)
	}
	return h.Sum64()
}

// configPlace finds the line and column a config error names:
// "path:12:3: ..." or yaml's "line 12: ...".
var configPlace = regexp.MustCompile(`^.*?:(\d+)(?::(\d+))?: |yaml: line (\d+):`)

// configDiagnostic shows a config error on the line it names (the first
// line when it names none).
func configDiagnostic(err error) protocol.Diagnostic {
	line, col := 1, 1
	if m := configPlace.FindStringSubmatch(err.Error()); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
			if m[2] != "" {
				col, _ = strconv.Atoi(m[2])
			}
		} else {
			line, _ = strconv.Atoi(m[3])
		}
	}
	pos := protocol.Position{Line: protocol.UInteger(max(line-1, 0)), Character: protocol.UInteger(max(col-1, 0))}
	end := pos
	end.Character += 1000 // to the end of the line: the client clamps it
	sev := protocol.DiagnosticSeverityError
	source := "papers"
	return protocol.Diagnostic{Range: protocol.Range{Start: pos, End: end}, Severity: &sev, Source: &source,
		Message: "config not used (papers lints with the defaults until it is fixed): " + err.Error()}
}

// uriOf is the URI of a path: the client's own spelling for a document it
// opened, else file:// and the absolute path.
func (s *Server) uriOf(path string) string {
	s.mu.Lock()
	u, ok := s.uris[path]
	s.mu.Unlock()
	if ok {
		return u
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return pathToURI(abs)
}

// isConfig reports whether path is a papers config file.
func isConfig(path string) bool { return filepath.Base(path) == lint.ConfigFileName }

// ensureRoot sets the workspace folder from the first document opened,
// when the client named none: the folder of its .papers.yaml, else its
// git work tree, else its folder (workspace.Root).
func (s *Server) ensureRoot(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.root == "" {
		s.root = workspace.Root(path)
		if abs, err := filepath.Abs(s.root); err == nil {
			s.root = abs
		}
	}
}
