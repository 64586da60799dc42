package account_test

import (
	"testing"

	"github.com/heft-dev/heft/heuristics/account"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
)

// TestCases runs the account scorer on the cases in testdata/*.txtar
// (go test -update rewrites their summaries).
func TestCases(t *testing.T) {
	s, err := account.New(account.Config{})
	if err != nil {
		t.Fatal(err)
	}
	heuristicstest.RunTxtar(t, s, "testdata/*.txtar")
}
