package reputation_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics/heuristicstest"
	repscore "github.com/heft-dev/heft/heuristics/reputation"
)

// TestCases runs the reputation scorer, over repLedger's project ledger,
// on the cases in testdata/*.txtar (go test -update rewrites their
// summaries).
func TestCases(t *testing.T) {
	s, err := repscore.New(repLedger(t), repscore.Config{})
	require.NoError(t, err)
	heuristicstest.RunTxtar(t, s, "testdata/*.txtar")
}
