package disclosure_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/disclosure"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
)

// TestCases runs the disclosure scorer on the cases in testdata/*.txtar.
// They keep no summary: the parser's wording is still changing.
func TestCases(t *testing.T) {
	s, err := disclosure.New(disclosure.Config{})
	if err != nil {
		t.Fatal(err)
	}
	heuristicstest.RunTxtar(t, s, "testdata/*.txtar")
}
