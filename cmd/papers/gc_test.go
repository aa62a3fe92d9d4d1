package main

import (
	"runtime/debug"
	"testing"
)

// TestTuneGC checks that papers collects at gcPercent unless the user set
// GOGC, whose value Go has already applied and which must stay.
func TestTuneGC(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)

	tuneGC("")
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("without GOGC: GC percent %d, want %d", got, gcPercent)
	}
	debug.SetGCPercent(50) // as GOGC=50 would have set it
	tuneGC("50")
	if got := debug.SetGCPercent(100); got != 50 {
		t.Errorf("with GOGC=50: GC percent %d, want 50 left alone", got)
	}
}
