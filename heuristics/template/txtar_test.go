package template_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/template"
)

// TestCases runs the template scorer on the cases in testdata/*.txtar
// (go test -update rewrites their summaries).
func TestCases(t *testing.T) {
	s, err := template.New(template.Config{})
	if err != nil {
		t.Fatal(err)
	}
	heuristicstest.RunTxtar(t, s, "testdata/*.txtar")
}
