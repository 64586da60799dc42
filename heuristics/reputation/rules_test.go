package reputation_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/heuristicstest"
)

// TestRulesDocumented checks that the rules are declared well and that
// doc.go lists each of them and no other.
func TestRulesDocumented(t *testing.T) {
	rules := newRep(t).Rules()
	heuristicstest.CheckDeclared(t, rules)
}
