package engagement_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/engagement"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
)

// TestCases runs the engagement scorer on the cases in testdata/*.txtar
// (go test -update rewrites their summaries).
func TestCases(t *testing.T) {
	s, err := engagement.New(engagement.Config{})
	if err != nil {
		t.Fatal(err)
	}
	heuristicstest.RunTxtar(t, s, "testdata/*.txtar")
}
