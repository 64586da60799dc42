package workaround_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/workaround"
)

// TestRulesDeclared checks that the rules are declared well and that
// doc.go lists each of them and no other.
func TestRulesDeclared(t *testing.T) {
	s, err := workaround.New(workaround.Config{})
	if err != nil {
		t.Fatal(err)
	}
	rules := s.Rules()
	heuristicstest.CheckDeclared(t, rules)
}
