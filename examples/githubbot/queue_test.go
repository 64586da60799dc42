package main

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQueueCoalescesAndBounds(t *testing.T) {
	q := NewQueue(2)
	a, b, c := PRKey{"o", "r", 1}, PRKey{"o", "r", 2}, PRKey{"o", "r", 3}
	require.NoError(t, q.Add(&Job{Key: a, Ledger: []LedgerEvent{{ID: "o/r#1:opened"}}}))
	require.NoError(t, q.Add(&Job{Key: a, Ledger: []LedgerEvent{{ID: "o/r#1:opened"}, {ID: "o/r#1:closed"}}}))
	require.NoError(t, q.Add(&Job{Key: b}))
	assert.ErrorIs(t, q.Add(&Job{Key: c}), ErrQueueFull, "a third pull request does not fit")
	require.NoError(t, q.Add(&Job{Key: b}), "a pull request already waiting always fits")
	assert.Equal(t, 2, q.Len())

	var got []*Job
	q.Close()
	q.Run(context.Background(), 1, func(_ context.Context, j *Job) { got = append(got, j) })
	require.Len(t, got, 2)
	assert.Equal(t, a, got[0].Key, "first come, first served")
	assert.Equal(t, []LedgerEvent{{ID: "o/r#1:opened"}, {ID: "o/r#1:closed"}}, got[0].Ledger, "ledger events merged by ID")
}

func TestQueueOneWorkerPerPR(t *testing.T) {
	q := NewQueue(100)
	var running, most, runs atomic.Int32
	var wg sync.WaitGroup
	wg.Go(func() {
		q.Run(context.Background(), 8, func(_ context.Context, j *Job) {
			n := running.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(2 * time.Millisecond)
			running.Add(-1)
			runs.Add(1)
		})
	})
	for range 200 {
		require.NoError(t, q.Add(&Job{Key: PRKey{"o", "r", 7}}))
		time.Sleep(50 * time.Microsecond)
	}
	q.Close()
	wg.Wait()
	assert.Equal(t, int32(1), most.Load(), "never two workers on one pull request")
	assert.Less(t, runs.Load(), int32(200), "events that arrive while it runs are coalesced")
	assert.GreaterOrEqual(t, runs.Load(), int32(2), "an event during a run gets a run after it")
}
