package workaround_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/workaround"
)

// TestCases runs the workaround scorer on the cases in testdata/*.txtar.
// Scores are ranges and no summary is kept: the rules' weights are still
// being tuned on the corpus.
func TestCases(t *testing.T) {
	s, err := workaround.New(workaround.Config{})
	if err != nil {
		t.Fatal(err)
	}
	heuristicstest.RunTxtar(t, s, "testdata/*.txtar")
}
