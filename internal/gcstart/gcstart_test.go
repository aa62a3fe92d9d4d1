package gcstart

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// settings reads the collector's percentage and memory limit without
// changing them.
func settings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1) // a negative limit only reads it
}

func noEnv(string) string { return "" }

func TestDelayThenRestore(t *testing.T) {
	p0, l0 := settings()
	if Delay(1<<40, noEnv) == nil {
		t.Fatal("Delay with no GOGC or GOMEMLIMIT changed nothing")
	}
	if p, l := settings(); p != -1 || l != 1<<40 {
		t.Fatalf("after Delay: GC percent %d, limit %d; want -1 and %d", p, l, int64(1<<40))
	}
	collectUntilRestored(t, p0, l0)
}

// collectUntilRestored runs collections until the settings are p0 and l0
// again: the first cycle gives them back, from its finalizer, which runs
// on the finalizer goroutine soon after the cycle.
func collectUntilRestored(t *testing.T, p0 int, l0 int64) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		if p, l := settings(); p == p0 && l == l0 {
			return
		}
		if time.Now().After(deadline) {
			p, l := settings()
			t.Fatalf("after a GC: GC percent %d, limit %d; want %d and %d back", p, l, p0, l0)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDelayLeavesTheUsersSettings(t *testing.T) {
	p0, l0 := settings()
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		env := func(k string) string {
			if k == name {
				return "200"
			}
			return ""
		}
		if Delay(1<<30, env) != nil {
			t.Errorf("with %s set, Delay changed the settings", name)
		}
		if p, l := settings(); p != p0 || l != l0 {
			t.Errorf("with %s set: GC percent %d, limit %d; want %d and %d", name, p, l, p0, l0)
		}
	}
	if Delay(0, noEnv) != nil {
		t.Error("Delay(0) changed the settings")
	}
}

func TestRaise(t *testing.T) {
	p0, l0 := settings()
	d := Delay(1<<40, noEnv)
	d.Raise(1 << 39) // less: no change
	if _, l := settings(); l != 1<<40 {
		t.Fatalf("Raise to less than Delay's heap: limit %d, want %d", l, int64(1<<40))
	}
	d.Raise(1 << 41)
	if p, l := settings(); p != -1 || l != 1<<41 {
		t.Fatalf("after Raise: GC percent %d, limit %d; want -1 and %d", p, l, int64(1<<41))
	}
	// After the first cycle the settings are back, and Raise leaves them.
	collectUntilRestored(t, p0, l0)
	d.Raise(1 << 42)
	if p, l := settings(); p != p0 || l != l0 {
		t.Fatalf("Raise after the first cycle: GC percent %d, limit %d; want %d and %d", p, l, p0, l0)
	}
	var none *Delayed
	none.Raise(1 << 42) // a nil Delayed (GOGC set) does nothing
	if p, l := settings(); p != p0 || l != l0 {
		t.Fatalf("Raise on nil: GC percent %d, limit %d; want %d and %d", p, l, p0, l0)
	}
}
