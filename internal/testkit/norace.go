//go:build !race

package testkit

// RaceEnabled says the race detector is on; see race.go.
const RaceEnabled = false
