// Package gcstart lets a batch command's heap grow to a given size before
// the garbage collector's first cycle, then gives the collector back the
// settings it had.
//
// Why: a `papers lint` run keeps what it finds until it writes it out (a
// dense notes file has a million findings), and the collector's early
// cycles, at 4, 8, 16... MB, find little to free: each one scans what the
// run keeps again, on a core the analysis could use. The Go compiler does
// the same for the same reason (cmd/compile's AdjustStartingHeap). Only
// supported interfaces are used: a memory limit, with the percentage off,
// until the first cycle; then the percentage and limit of before.
package gcstart

import (
	"math"
	"runtime"
	"runtime/debug"
	"sync"
)

// Delayed is a first collection that Delay put off, until the collector
// gives back its settings.
type Delayed struct {
	mu   sync.Mutex
	done bool // the first cycle ran and the settings are back
	heap int64
}

// Delay makes the first garbage collection wait until the process holds
// about heap bytes, then restores the collector's settings. It does
// nothing when the user set GOGC or GOMEMLIMIT (theirs to choose) or when
// heap is 0, and returns nil then; otherwise the Delayed, whose Raise puts
// the first cycle off further once the command knows its input. getenv
// is os.Getenv, or a test's own.
func Delay(heap uint64, getenv func(string) string) *Delayed {
	if heap == 0 || getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return nil
	}
	d := &Delayed{heap: int64(min(heap, math.MaxInt64))}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(d.heap)
	afterNextGC(func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		if !d.done {
			d.done = true
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(limit)
		}
	})
	return d
}

// Raise makes the first collection wait until the process holds about
// heap bytes, when that is more than Delay's and the first cycle has not
// run yet; otherwise, and on a nil Delayed, it does nothing. A command
// calls it once it knows the size of its input: a heap the run will reach
// anyway (see the caller) is not scanned on the way there.
func (d *Delayed) Raise(heap uint64) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if h := int64(min(heap, math.MaxInt64)); !d.done && h > d.heap {
		d.heap = h
		debug.SetMemoryLimit(h)
	}
}

// afterNextGC calls fn after the next garbage collection: the finalizer of
// an object nothing refers to runs after the cycle that finds it
// unreachable.
func afterNextGC(fn func()) {
	// Large enough not to share a block of the tiny allocator with
	// another object, which could keep it alive past the cycle.
	type sentinel [32]byte
	runtime.SetFinalizer(new(sentinel), func(*sentinel) { fn() })
}
