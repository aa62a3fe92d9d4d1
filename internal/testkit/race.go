//go:build race

package testkit

// RaceEnabled says the race detector is on: it makes the code up to ten
// times slower, so time limits in tests are raised by as much.
const RaceEnabled = true
