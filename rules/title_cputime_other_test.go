//go:build !unix

package rules

// cpuTime is not measured on this platform; benchmarks then report 0, and
// time limits in tests fall back to wall time.
func cpuTime() int64 { return 0 }
