package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/reputation"
)

func TestReputationLedger(t *testing.T) {
	ctx := context.Background()
	store, err := reputation.OpenFile(filepath.Join(t.TempDir(), "ledger.jsonl"), nil)
	require.NoError(t, err)
	defer store.Close()
	l, err := reputation.New(store, nil)
	require.NoError(t, err)
	rl := &ReputationLedger{Ledger: l}
	t0 := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	opened := LedgerEvent{ID: "Codertocat/Hello-World#2:opened", Kind: LedgerOpened, Repo: "Codertocat/Hello-World", Number: 2,
		Author: "Codertocat", Lines: 1300, Reviewable: 400, Time: t0}
	merged := opened
	merged.ID, merged.Kind, merged.Time = "Codertocat/Hello-World#2:merged", LedgerMerged, t0.Add(time.Hour)

	require.NoError(t, rl.Record(ctx, opened))
	b, err := l.Balance(ctx, reputation.Subject{Login: "codertocat"}, t0)
	require.NoError(t, err)
	assert.Equal(t, 17.0, b.Held, "400 reviewable lines stake 17; lockfile lines stake nothing")

	require.NoError(t, rl.Record(ctx, merged))
	require.NoError(t, rl.Record(ctx, opened), "a redelivery is not an error")
	require.NoError(t, rl.Record(ctx, merged))
	b, err = l.Balance(ctx, reputation.Subject{Login: "codertocat"}, t0.Add(2*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, 1, b.Merged)
	assert.Equal(t, 0, b.Open, "the redelivered opening did not reopen the merged pull request")
	assert.Equal(t, 2, b.Events, "redeliveries are not recorded")
	assert.InDelta(t, 32.0, b.Points, 0.01)

	closed := LedgerEvent{ID: "o/r#3:closed", Kind: LedgerClosed, Repo: "o/r", Number: 3, Author: "Codertocat", Time: t0.Add(3 * time.Hour)}
	require.NoError(t, rl.Record(ctx, closed))
	assert.Error(t, rl.Record(ctx, LedgerEvent{ID: "x", Kind: "labeled", Repo: "o/r", Number: 1, Author: "a", Time: t0}))
	assert.Error(t, rl.Record(ctx, LedgerEvent{ID: "y", Kind: LedgerOpened, Repo: "o/r", Number: 1, Time: t0}), "no author")
}
