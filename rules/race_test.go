//go:build race

package rules

// raceEnabled says the race detector is on: it makes the code up to ten
// times slower, so time limits in tests are raised by as much.
const raceEnabled = true
