package testkit

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestWithinTime checks that the guard of the fuzz targets can fail: a
// check that burns CPU past the limit is reported, a fast one and a
// panicking one give their own message.
func TestWithinTime(t *testing.T) {
	if msg := WithinTime(time.Second, func() string { return "wrong" }); msg != "wrong" {
		t.Errorf("fast check: got %q, want its own message", msg)
	}
	if msg := WithinTime(time.Second, func() string { panic("boom") }); !strings.HasPrefix(msg, "panic: boom\n") {
		t.Errorf("panicking check: got %q, want the panic and its stack", msg)
	}
	var stop atomic.Bool
	defer stop.Store(true) // the busy check outlives WithinTime: end it
	busy := func() string {
		for x := 0; !stop.Load(); x++ {
			_ = fmt.Sprint(x) // work the CPU, not just the clock
		}
		return ""
	}
	if msg := WithinTime(50*time.Millisecond, busy); !strings.Contains(msg, "did not finish within 50ms") {
		t.Errorf("slow check: got %q, want the time limit reported", msg)
	}
}
