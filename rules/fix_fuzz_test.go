package rules

import (
	"bytes"
	"fmt"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/paperlint/papers/lint"
)

// FuzzFix runs every built-in rule's fixes on arbitrary notes and checks
// that fixing never panics, keeps valid UTF-8 valid, is idempotent (fixing
// the fixed text changes nothing more) and takes linear time: an input that
// takes longer than fixTimeLimit fails, so that the fuzzer saves it as a
// crasher instead of running out of time on it with nothing saved.
func FuzzFix(f *testing.F) {
	for _, s := range []string{
		"## 检索Retrieval\n### A Neural Corpus Indexer[NIPS'22][google]\n- 加入了kmeans,使文档ID具有层次化的特点\n",
		"### T [ECCV'22]\n- 算子融合(融合相邻的算子)!!\n",
		"- [OSDI'18][msra] [T](u)\n  - 用`code`和$x,y$以及https://a.b/用c\n",
		"### T【CVPR 2022】[Google][x]\n#### U[NeurIPS 2019][purdue]\n- 然后...结束。。\n",
		"### T[arxiv'20][IIS]\n### U[arXiv'21][iis]\n- ａｂｃ１２３\n",
	} {
		f.Add([]byte(s))
	}
	runner, err := lint.NewRunner(All(), lint.DefaultConfig())
	if err != nil {
		f.Fatal(err)
	}
	runner.Jobs = 1
	f.Fuzz(func(t *testing.T, src []byte) {
		if msg := withinTime(fixTimeLimit(len(src)), func() string { return checkFix(runner, src) }); msg != "" {
			t.Fatalf("%s\ninput (%d bytes):\n%q", msg, len(src), src)
		}
	})
}

// checkFix runs the fix loop on src as a notes file and returns what is
// wrong with the result, or "".
func checkFix(runner *lint.Runner, src []byte) string {
	fr := fix(runner, []lint.Input{{Path: "f.md", Src: src}})
	once, ok := fr.Fixed["f.md"]
	if !ok {
		return ""
	}
	if utf8.Valid(src) && !utf8.Valid(once) {
		return fmt.Sprintf("fix made valid UTF-8 invalid:\n%q\n->\n%q", src, once)
	}
	if fr.Rounds >= lint.MaxFixRounds {
		return "" // a fix that oscillates is caught by the check below
	}
	again := fix(runner, []lint.Input{{Path: "f.md", Src: once}})
	if twice, changed := again.Fixed["f.md"]; changed && !bytes.Equal(once, twice) {
		return fmt.Sprintf("fix is not idempotent:\n%q\n->\n%q\n->\n%q", src, once, twice)
	}
	return ""
}

// fixTimeLimit is how much CPU time fixing an input of n bytes may take:
// 2 s per started 4 KB. Fuzz inputs are a few KB at most and a linear fix
// loop fixes them in milliseconds, even with the fuzzer's coverage
// counters, so an input that takes longer is a super-linear (or unbounded)
// fix loop, not noise. The race detector slows the code by up to ten
// times, and the seed corpus runs under it in CI.
func fixTimeLimit(n int) time.Duration {
	d := 2 * time.Second * time.Duration(1+n/4096)
	if raceEnabled {
		d *= 10
	}
	return d
}

// withinTime runs check in its own goroutine and returns its message, or a
// message saying it did not finish within limit. The limit is on the
// process's CPU time, which is the check's own in a fuzz worker (one input
// at a time) and in a fuzz target's seed run (the package's tests are done
// by then), so that a loaded machine (CI runners, two cores shared with
// other jobs) does not fail a fast input; where CPU time is not measured,
// and against a check that waits forever, wall time bounds it too (ten
// times the limit). A check that does not finish is left running, as Go
// cannot stop a goroutine: the failure ends the test run or the fuzzing run
// (after minimizing the input), and the goroutine with it. A panic in check
// is returned as a message with its stack, as the test would report it.
func withinTime(limit time.Duration, check func() string) string {
	done := make(chan string, 1)
	cpu0, wall0 := cpuTime(), time.Now()
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
			used = time.Duration(cpuTime() - cpu0)
		}
		if used > limit || wall > 10*limit {
			return fmt.Sprintf("fixing did not finish within %v of CPU time (the fix loop is super-linear or does not stop): %v CPU, %v wall so far",
				limit, used.Round(time.Millisecond), wall.Round(time.Millisecond))
		}
	}
}

// TestWithinTime checks that the guard of FuzzFix can fail: a check that
// burns CPU past the limit is reported, a fast one and a panicking one
// give their own message.
func TestWithinTime(t *testing.T) {
	if msg := withinTime(time.Second, func() string { return "wrong" }); msg != "wrong" {
		t.Errorf("fast check: got %q, want its own message", msg)
	}
	if msg := withinTime(time.Second, func() string { panic("boom") }); !strings.HasPrefix(msg, "panic: boom\n") {
		t.Errorf("panicking check: got %q, want the panic and its stack", msg)
	}
	var stop atomic.Bool
	defer stop.Store(true) // the busy check outlives withinTime: end it
	busy := func() string {
		for x := 0; !stop.Load(); x++ {
			_ = fmt.Sprint(x) // work the CPU, not just the clock
		}
		return ""
	}
	if msg := withinTime(50*time.Millisecond, busy); !strings.Contains(msg, "did not finish within 50ms") {
		t.Errorf("slow check: got %q, want the time limit reported", msg)
	}
}
