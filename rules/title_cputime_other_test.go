//go:build !unix

package rules

// cpuTime is not measured on this platform; benchmarks then report 0.
func cpuTime() int64 { return 0 }
