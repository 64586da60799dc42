package engagement_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/engagement"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
)

// TestRulesDocumented checks that the rules are declared well and that
// doc.go lists each of them and no other.
func TestRulesDocumented(t *testing.T) {
	s, err := engagement.New(engagement.Config{})
	if err != nil {
		t.Fatal(err)
	}
	rules := s.Rules()
	heuristicstest.CheckDeclared(t, rules)
}
