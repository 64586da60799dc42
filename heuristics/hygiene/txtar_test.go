package hygiene_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/hygiene"
)

// TestCases runs the hygiene scorer on the cases in testdata/*.txtar (go
// test -update rewrites their summaries). Branches and maintainer edits
// are not case files yet; hygiene_test.go covers them.
func TestCases(t *testing.T) {
	s, err := hygiene.New(hygiene.Config{})
	if err != nil {
		t.Fatal(err)
	}
	heuristicstest.RunTxtar(t, s, "testdata/*.txtar")
}
