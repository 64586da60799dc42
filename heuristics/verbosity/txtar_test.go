package verbosity_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/verbosity"
)

// TestCases runs the verbosity scorer on the cases in testdata/*.txtar
// (go test -update rewrites their summaries).
func TestCases(t *testing.T) {
	s, err := verbosity.New(verbosity.Config{})
	if err != nil {
		t.Fatal(err)
	}
	heuristicstest.RunTxtar(t, s, "testdata/*.txtar")
}
