//go:build !race

package cjk

const raceEnabled = false
