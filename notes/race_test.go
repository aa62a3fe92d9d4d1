//go:build race

package notes

// The random-edit tests make fewer edits under the race detector, which
// slows the whole parses they compare with tenfold.
const raceEnabled = true
