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

// Delay makes the first garbage collection wait until the process holds
// about heap bytes, then restores the collector's settings. It does
// nothing when the user set GOGC or GOMEMLIMIT (theirs to choose) or when
// heap is 0, and returns whether it changed the settings. getenv is
// os.Getenv, or a test's own.
func Delay(heap uint64, getenv func(string) string) bool {
	if heap == 0 || getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return false
	}
	heap = min(heap, math.MaxInt64)
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(int64(heap))
	var once sync.Once
	afterNextGC(func() {
		once.Do(func() {
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(limit)
		})
	})
	return true
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
