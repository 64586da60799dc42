package size_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/size"
)

// TestCases runs the size scorer on the cases in testdata/*.txtar (go
// test -update rewrites their summaries).
func TestCases(t *testing.T) {
	s, err := size.New(size.Config{})
	if err != nil {
		t.Fatal(err)
	}
	heuristicstest.RunTxtar(t, s, "testdata/*.txtar")
}
