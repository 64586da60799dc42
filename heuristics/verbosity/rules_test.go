package verbosity_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/verbosity"
)

// TestRulesDocumented checks that the rules are declared well and that
// doc.go lists each of them and no other.
func TestRulesDocumented(t *testing.T) {
	s, err := verbosity.New(verbosity.Config{})
	if err != nil {
		t.Fatal(err)
	}
	rules := s.Rules()
	heuristicstest.CheckDeclared(t, rules)
}
