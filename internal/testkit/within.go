package testkit

import (
	"fmt"
	"runtime/debug"
	"time"
)

// FuzzTimeLimit is how much CPU time one fuzz input of n bytes may take in
// a target whose work is linear: 2 s per started 4 KB. Fuzz inputs are a
// few KB at most and linear code handles them in milliseconds, even with the
// fuzzer's coverage counters, so an input that takes longer is a
// super-linear (or unbounded) algorithm, not noise. The race detector slows
// the code by up to ten times, and the seed corpora run under it in CI.
func FuzzTimeLimit(n int) time.Duration {
	d := 2 * time.Second * time.Duration(1+n/4096)
	if RaceEnabled {
		d *= 10
	}
	return d
}

// WithinTime runs check in its own goroutine and returns its message, or a
// message saying it did not finish within limit, so that a fuzz target
// fails on a slow input and the fuzzer saves it, instead of the fuzz time
// running out on it with nothing saved.
//
// The limit is on the process's CPU time, which is the check's own in a
// fuzz worker (one input at a time) and in a fuzz target's seed run (the
// package's tests are done by then), so that a loaded machine (CI runners,
// cores shared with other jobs) does not fail a fast input. Where CPU time
// is not measured, and against a check that waits, wall time bounds it too
// (ten times the limit). A check that does not finish is left running, as
// Go cannot stop a goroutine: the failure ends the test run or the fuzzing
// run (after minimizing the input), and the goroutine with it. A panic in
// check is returned as a message with its stack, as the test would report
// it. check must not call t.Fatal and the like, which belong to the test's
// goroutine.
func WithinTime(limit time.Duration, check func() string) string {
	done := make(chan string, 1)
	cpu0, wall0 := CPUTime(), time.Now()
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- fmt.Sprintf("panic: %v\n%s", v, debug.Stack())
			}
		}()
		done <- check()
	}()
	tick := time.NewTicker(limit / 20)
	defer tick.Stop()
	for {
		select {
		case msg := <-done:
			return msg
		case <-tick.C:
		}
		wall := time.Since(wall0)
		used := wall
		if cpu0 != 0 {
			used = time.Duration(CPUTime() - cpu0)
		}
		if used > limit || wall > 10*limit {
			return fmt.Sprintf("did not finish within %v of CPU time (super-linear or unbounded work): %v CPU, %v wall so far",
				limit, used.Round(time.Millisecond), wall.Round(time.Millisecond))
		}
	}
}
