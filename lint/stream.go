package lint

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// RunStream is RunFindings that hands the findings over file by file, in
// the order RunFindings gives them, as soon as the findings of a file are
// all known: emit gets the findings of one file (or of one path no file
// has, such as a corpus rule's finding without a file) at a time, from
// one goroutine, while the rules go on with the next files. A command that
// writes findings out then holds the work in flight, not the run's
// findings (50 lists of a folder are written as they are checked).
//
// A file's findings are known when every task that may report in it is
// done: each corpus rule (which may report anywhere, and which the runner
// starts first), and the per-file tasks of the file and, for a notes
// file, of the notes whose companion .bib it is. A per-file rule that
// reports in another file breaks that contract: its findings there are
// handed over at the end, after a finding that names the rule.
//
// emit's first error stops the handing over (the rules still run to
// their end) and is returned. With a RunCache, the run is not streamed:
// emit gets all the findings at once.
func (r *Runner) RunStream(ws Workspace, emit func(f *Findings) error) ([]*File, error) {
	if r.RunCache != nil {
		files, lists := r.run(ws, nil)
		return files, emit(findingsOf(files, lists))
	}
	s := &stream{emit: emit, r: r, buckets: map[string][]piece{}, extra: map[string]bool{}, sig: make(chan struct{}, 1), stopped: make(chan struct{})}
	files, _ := r.run(ws, s)
	return files, s.err
}

// piece is the findings one list of one task has in one path: a run of a
// sorted list.
type piece struct {
	task, list int
	ds         findingList
}

// stream is the state of a streamed run (RunStream).
type stream struct {
	emit func(f *Findings) error
	r    *Runner

	// Set by start, read-only after.
	files    []*File
	at       map[string]int // a path's file
	declared [][]string     // per task: the paths a per-file task may report in (nil: any)
	corpus   []bool         // per task: a corpus rule's task
	mr       *memoRun

	mu         sync.Mutex
	paths      []string       // every path that may get findings, sorted
	pending    map[string]int // per path: per-file tasks not done that may report in it
	corpusLeft int            // corpus tasks not done
	extra      map[string]bool
	ready      int // paths[:ready] have all their findings
	buckets    map[string][]piece
	late       []Diagnostic // reported outside the files a task declared
	lateRules  []string

	sig     chan struct{} // a send wakes the writer up
	stopped chan struct{} // closed when the writer is done
	err     error         // emit's first error; written by the writer only
}

// start takes the run's tasks: for each, the group of the analysis unit
// it builds (-1 for a rule's task) and the file it works on (nil: every
// file). It starts the goroutine that hands the findings over.
func (s *stream) start(files []*File, group []int, fileOf []*File, mr *memoRun) {
	s.files, s.mr = files, mr
	s.at = make(map[string]int, len(files))
	s.pending = map[string]int{}
	for i, f := range files {
		s.at[f.Path] = i
		s.pending[f.Path] += 0
	}
	s.declared = make([][]string, len(fileOf))
	s.corpus = make([]bool, len(fileOf))
	for i, f := range fileOf {
		if group[i] >= 0 {
			continue // an analysis: reports nothing
		}
		if f == nil {
			s.corpus[i] = true
			s.corpusLeft++
			continue
		}
		d := []string{f.Path}
		if f.Kind == NotesFile && f.Companion != nil && f.Companion.Path != f.Path {
			d = append(d, f.Companion.Path)
		}
		s.declared[i] = d
		for _, p := range d {
			s.pending[p]++
		}
	}
	s.paths = make([]string, 0, len(s.pending))
	for p := range s.pending {
		s.paths = append(s.paths, p)
	}
	slices.Sort(s.paths)
	go s.write()
	s.advance()
}

// done takes task i's findings: sorted, split by path into the buckets,
// and the paths whose findings are then all known handed to the writer.
func (s *stream) done(i int, lists []findingList) {
	var pieces []piece
	var late []Diagnostic
	for k, l := range lists {
		n := l.len()
		if n == 0 {
			continue
		}
		l.sort()
		for lo := 0; lo < n; {
			p := l.file(lo)
			hi := lo + 1
			if l.file(n-1) == p {
				hi = n
			}
			for hi < n && l.file(hi) == p {
				hi++
			}
			if d := s.declared[i]; d != nil && !slices.Contains(d, p) {
				late = l.slice(lo, hi).appendTo(late)
			} else {
				pieces = append(pieces, piece{task: i, list: k, ds: l.slice(lo, hi)})
			}
			lo = hi
		}
	}
	s.mu.Lock()
	for _, pc := range pieces {
		p := pc.ds.file(0)
		s.buckets[p] = append(s.buckets[p], pc)
		if _, ok := s.pending[p]; !ok {
			s.extra[p] = true // a corpus rule's path no file has
		}
	}
	if len(late) > 0 {
		s.late = append(s.late, late...)
		s.lateRules = append(s.lateRules, late[0].Rule)
	}
	switch {
	case s.corpus[i]:
		s.corpusLeft--
		if s.corpusLeft == 0 && len(s.extra) > 0 {
			// Nothing is handed over before the corpus rules are done:
			// their paths can still join the order.
			for p := range s.extra {
				s.pending[p] = 0
				s.paths = append(s.paths, p)
			}
			slices.Sort(s.paths)
		}
	case s.declared[i] != nil:
		for _, p := range s.declared[i] {
			s.pending[p]--
		}
	}
	s.mu.Unlock()
	s.advance()
}

// advance moves ready past the paths whose findings are all known, and
// wakes the writer up when it moved.
func (s *stream) advance() {
	s.mu.Lock()
	moved := false
	for s.corpusLeft == 0 && s.ready < len(s.paths) && s.pending[s.paths[s.ready]] == 0 {
		s.ready++
		moved = true
	}
	s.mu.Unlock()
	if moved {
		select {
		case s.sig <- struct{}{}:
		default: // already woken up: it reads ready when it runs
		}
	}
}

// finish waits for the writer after the last task, then hands over what
// was reported outside the declared files.
func (s *stream) finish() {
	close(s.sig)
	<-s.stopped
	if len(s.late) == 0 || s.err != nil {
		return
	}
	// A bug of a rule, kept rather than dropped: its findings come last,
	// sorted, after one that says which rule broke the order.
	dirs := make([]*directives, len(s.files))
	for i, f := range s.files {
		dirs[i] = s.mr.directives(f, s.r.known)
	}
	late := dropSuppressed(s.late, s.files, s.at, dirs)
	if len(late) == 0 {
		return // all in Quiet files or suppressed, as in a run not streamed
	}
	SortDiagnostics(late)
	slices.Sort(s.lateRules)
	s.lateRules = slices.Compact(s.lateRules)
	note := Diagnostic{Rule: s.lateRules[0], Severity: Error, File: late[0].File,
		Message: fmt.Sprintf("%s%s: findings reported in a file other than the one it checks, listed here out of order (please report it)", internalErrorPrefix, strings.Join(s.lateRules, ", "))}
	s.err = s.emit(NewFindings(s.files, append([]Diagnostic{note}, late...)))
}

// write is the writer's goroutine: it hands over the paths that are
// ready, in order, until finish closes sig.
func (s *stream) write() {
	defer close(s.stopped)
	next := 0
	for {
		_, open := <-s.sig
		s.mu.Lock()
		ready := s.ready
		s.mu.Unlock()
		for ; next < ready; next++ {
			s.mu.Lock()
			p := s.paths[next]
			pieces := s.buckets[p]
			delete(s.buckets, p)
			s.mu.Unlock()
			if s.err == nil {
				s.err = s.handOver(p, pieces)
			}
		}
		if !open {
			return
		}
	}
}

// handOver gives emit the findings of path p: the file's directive
// findings, then the pieces in task order, without what is suppressed,
// as run's lists give them.
func (s *stream) handOver(p string, pieces []piece) error {
	var dirs *directives
	var lists []findingList
	withDirs := false
	if i, ok := s.at[p]; ok {
		f := s.files[i]
		if f.Quiet {
			return nil
		}
		dirs = s.mr.directives(f, s.r.known)
		if dirs != nil && !s.r.noDirectives && len(dirs.diags) > 0 {
			lists = append(lists, diagList(dirs.diags))
			withDirs = true
		}
	}
	slices.SortFunc(pieces, func(a, b piece) int {
		if c := cmp.Compare(a.task, b.task); c != 0 {
			return c
		}
		return cmp.Compare(a.list, b.list)
	})
	for _, pc := range pieces {
		lists = append(lists, pc.ds)
	}
	if len(lists) == 0 {
		return nil
	}
	for k, l := range lists {
		lists[k] = dropSuppressedIn(l, dirs)
	}
	if withDirs {
		lists[0].sort() // the rules' pieces are sorted already
	}
	return s.emit(findingsOf(s.files, lists))
}

// dropSuppressedIn is dropSuppressed for findings of one file with the
// directives dirs (nil for a path no file has, whose findings all stay).
func dropSuppressedIn(l findingList, dirs *directives) findingList {
	if dirs == nil || l.c != nil && !dirs.suppresses(l.c.rule) {
		return l
	}
	return l.dropWhere(func(d *Diagnostic) bool { return dirs.suppressed(d.Rule, d.Start) })
}
