//go:build race

package main

// raceEnabled shrinks the generated corpora under the race detector: the
// comparisons are single-goroutine regexp work that the detector slows
// about a hundredfold and has nothing to find in.
const raceEnabled = true
