package disclosure_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/disclosure"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
)

// TestRulesDocumented checks that the rules are declared well and that
// doc.go lists each of them and no other.
func TestRulesDocumented(t *testing.T) {
	s, err := disclosure.New(disclosure.Config{})
	if err != nil {
		t.Fatal(err)
	}
	rules := s.Rules()
	heuristicstest.CheckDeclared(t, rules)
}
