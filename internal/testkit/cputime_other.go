//go:build !unix

package testkit

// CPUTime is not measured on this platform: it returns 0, benchmarks then
// report 0 and WithinTime falls back to wall time.
func CPUTime() int64 { return 0 }
