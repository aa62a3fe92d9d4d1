//go:build race

package venue

// Allocation counts are not meaningful under the race detector.
const raceEnabled = true
