package lint

import (
	"errors"
	"slices"
	"sync"

	"github.com/paperlint/papers/internal/par"
)

// Findings are a run's findings in order (SortDiagnostics' order), kept as
// the sorted lists the rules made and merged as they are read: a dense
// notes file has millions of findings, and one more list of them all, in
// order, is as large as all the rules' lists together. Writers read them a
// window at a time (Windows); Slice makes the one list when it is needed.
// Findings are read-only and may be read any number of times.
type Findings struct {
	// Files are the run's files, as in Result.
	Files []*File
	lists []findingList
	n     int
}

// NewFindings returns the findings of lists, each sorted by
// SortDiagnostics' order; equal findings come in the order of their lists.
// The lists are taken, not copied.
func NewFindings(files []*File, lists ...[]Diagnostic) *Findings {
	f := &Findings{Files: files}
	for _, l := range lists {
		f.add(diagList(l))
	}
	return f
}

// findingsOf is NewFindings for the runner's lists.
func findingsOf(files []*File, lists []findingList) *Findings {
	f := &Findings{Files: files}
	for _, l := range lists {
		f.add(l)
	}
	return f
}

func (f *Findings) add(l findingList) {
	if l.len() > 0 {
		f.lists = append(f.lists, l)
		f.n += l.len()
	}
}

// Append adds the files and findings of o after f's: a finding of o equal
// to one of f's comes after it, as in a stable sort of both together.
func (f *Findings) Append(o *Findings) {
	f.Files = append(f.Files, o.Files...)
	for _, l := range o.lists {
		f.add(l)
	}
}

// Len is the number of findings.
func (f *Findings) Len() int { return f.n }

// Each calls fn for every finding, list by list, not in order: for counts
// and sets, which need no order and no merge. fn must not keep d: a
// compact finding is made in memory that the next one reuses.
func (f *Findings) Each(fn func(d *Diagnostic)) {
	var tmp Diagnostic
	for _, l := range f.lists {
		for i := range l.len() {
			fn(l.at(i, &tmp))
		}
	}
}

// WindowsParallel reads the findings in windows of size (at least 1), as
// Windows does, and hands each to format on one of jobs goroutines (at
// least 1), several windows at once, then to write, from the caller's
// goroutine and in order. slot, in [0, 2*jobs), names the memory the
// caller keeps for a window between its format and its write (an output
// buffer): a slot is given to another window only after write returned.
// The windows are merged in a goroutine of their own while others are
// formatted and written, into memory of the slot's: ds is valid during
// format only. A writer of millions of findings (one 20 MB line of mixed
// text) then keeps every core formatting, with no wait for the slowest of
// a batch. The first error of format or write, in window order, stops the
// reading and is returned (ErrStop: nil); no goroutine is left running.
func (f *Findings) WindowsParallel(size, jobs int, format func(slot, lo int, ds []Diagnostic) error, write func(slot int) error) error {
	size, jobs = max(size, 1), max(jobs, 1)
	slots := 2 * jobs
	type window struct {
		slot, lo int
		ds       []Diagnostic
	}
	var (
		free  = make(chan int, slots)
		work  = make(chan window, slots)
		order = make(chan int, slots)
		done  = make([]chan error, slots)
		quit  = make(chan struct{})
		bufs  = make([][]Diagnostic, slots)
		wg    sync.WaitGroup
		// A panic of the merge, a format or a write stops the reading as
		// an error does, and is raised again here once all are done.
		caught par.Catch
	)
	for i := range slots {
		free <- i
		done[i] = make(chan error, 1)
	}
	// send hands window w over: to a worker, and its slot to the writer.
	send := func(w window) bool {
		select {
		case work <- w:
		case <-quit:
			return false
		}
		order <- w.slot // never blocks: no more windows than slots are out
		return true
	}
	// take returns a free slot. After a failure the writer frees slots
	// it did not write, but only once quit is closed: a slot taken
	// before that was written.
	take := func() (int, bool) {
		select {
		case k := <-free:
			select {
			case <-quit:
				return 0, false
			default:
				return k, true
			}
		case <-quit:
			return 0, false
		}
	}
	go func() {
		defer close(order)
		defer close(work)
		defer caught.Recover()
		if len(f.lists) == 1 && f.lists[0].c == nil {
			// One list is its own order: windows are views of it.
			l := f.lists[0].ds
			for lo := 0; lo < len(l); lo += size {
				k, ok := take()
				if !ok || !send(window{k, lo, l[lo:min(lo+size, len(l))]}) {
					return
				}
			}
			return
		}
		k, ok := take()
		if !ok {
			return
		}
		lo := 0
		if bufs[k] == nil {
			bufs[k] = make([]Diagnostic, 0, min(size, f.n))
		}
		buf, err := fillWindows(f.lists, size, bufs[k][:0], func(buf []Diagnostic) ([]Diagnostic, error) {
			bufs[k] = buf
			if !send(window{k, lo, buf}) {
				return nil, ErrStop
			}
			lo += len(buf)
			if k, ok = take(); !ok {
				return nil, ErrStop
			}
			if bufs[k] == nil {
				bufs[k] = make([]Diagnostic, 0, min(size, f.n-lo))
			}
			return bufs[k][:0], nil
		})
		if err == nil && len(buf) > 0 {
			bufs[k] = buf
			send(window{k, lo, buf})
		}
	}()
	for range jobs {
		wg.Go(func() {
			for w := range work {
				done[w.slot] <- caught.Call(func() error { return format(w.slot, w.lo, w.ds) })
			}
		})
	}
	var err error
	for k := range order {
		e := <-done[k]
		if err == nil {
			if err = e; err == nil {
				err = caught.Call(func() error { return write(k) })
			}
			if err != nil {
				close(quit) // the merge stops; the windows out are drained
			}
		}
		clear(bufs[k]) // drop the window's pointers (nil for views)
		free <- k
	}
	wg.Wait()
	caught.Raise()
	if errors.Is(err, ErrStop) {
		return nil
	}
	return err
}

// Tally calls fn with the number n of findings of severity sev that have
// a fix (fixable) or not, in groups, not in order: for a summary's counts,
// which a list of compact findings then gives without making a Diagnostic
// of each (a 20 MB line has 2.4 million). The groups' n sum to Len.
func (f *Findings) Tally(fn func(sev Severity, fixable bool, n int)) {
	for _, l := range f.lists {
		if l.c == nil {
			for i := range l.ds {
				fn(l.ds[i].Severity, l.ds[i].HasFix(), 1)
			}
			continue
		}
		fixable := 0
		for i := range l.c.items {
			if l.c.items[i].edit.set {
				fixable++
			}
		}
		if fixable > 0 {
			fn(l.c.severity, true, fixable)
		}
		if n := len(l.c.items) - fixable; n > 0 {
			fn(l.c.severity, false, n)
		}
	}
}

// ErrStop ends the reading when the function given to Windows returns it
// (Windows then returns nil): a writer that needs only the first findings.
var ErrStop = errors.New("stop reading findings")

// Windows calls fn with the findings in order, size (at least 1) at a time:
// ds holds the findings [lo, lo+len(ds)) and is valid only during the call
// (the window's memory is reused for the next). It returns fn's first
// error, except ErrStop.
func (f *Findings) Windows(size int, fn func(lo int, ds []Diagnostic) error) error {
	return f.WindowsIn(nil, size, fn)
}

// WindowsIn is Windows that merges into *scratch when it is large enough,
// and leaves there the memory it used: a writer of many small Findings
// (one file's at a time) reuses one window instead of making one for each.
// scratch may be nil.
func (f *Findings) WindowsIn(scratch *[]Diagnostic, size int, fn func(lo int, ds []Diagnostic) error) error {
	size = max(size, 1)
	err := f.windows(scratch, size, fn)
	if errors.Is(err, ErrStop) {
		return nil
	}
	return err
}

func (f *Findings) windows(scratch *[]Diagnostic, size int, fn func(lo int, ds []Diagnostic) error) error {
	if len(f.lists) == 1 && f.lists[0].c == nil {
		// One list is its own order: windows are views of it.
		l := f.lists[0].ds
		for lo := 0; lo < len(l); lo += size {
			if err := fn(lo, l[lo:min(lo+size, len(l))]); err != nil {
				return err
			}
		}
		return nil
	}
	limit := min(size, f.n)
	var buf []Diagnostic
	if scratch != nil && cap(*scratch) >= limit {
		buf = (*scratch)[:0]
	} else {
		buf = make([]Diagnostic, 0, limit)
	}
	if scratch != nil {
		defer func() {
			clear(buf) // drop the last window's pointers
			*scratch = buf[:0]
		}()
	}
	lo := 0
	buf, err := fillWindows(f.lists, limit, buf, func(buf []Diagnostic) ([]Diagnostic, error) {
		err := fn(lo, buf)
		lo += len(buf)
		clear(buf) // drop the window's pointers
		return buf[:0], err
	})
	if err != nil || len(buf) == 0 {
		return err
	}
	return fn(lo, buf)
}

// fillWindows merges lists (mergeRuns) into windows of size findings:
// into buf, then each time it is full into the one flush returns, after
// handing it the full one. It returns the last window, not full (maybe
// empty), and flush's first error.
func fillWindows(lists []findingList, size int, buf []Diagnostic, flush func(full []Diagnostic) ([]Diagnostic, error)) ([]Diagnostic, error) {
	err := mergeRuns(lists, false, func(l findingList, lo, hi int) error {
		for lo < hi {
			n := min(hi-lo, size-len(buf))
			buf = l.appendRange(buf, lo, lo+n)
			lo += n
			if len(buf) == size {
				var err error
				if buf, err = flush(buf); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return buf, err
}

// Slice returns the findings in order as one list: the only list itself
// when there is one list of Diagnostics (changing it changes f), else a
// new one.
func (f *Findings) Slice() []Diagnostic {
	switch len(f.lists) {
	case 0:
		return []Diagnostic{}
	case 1:
		return f.lists[0].diags()
	}
	return mergeSorted(slices.Clone(f.lists))
}
