package reputationtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/heft-dev/heft/reputation"
)

// BenchAppend measures Append on s: one event of about 200 bytes of JSON
// per iteration, reported as appends/s next to ns/op.
func BenchAppend(b *testing.B, s reputation.Store) {
	ctx := context.Background()
	b.ReportAllocs()
	b.SetBytes(200)
	i := 0
	for b.Loop() {
		if _, err := s.Append(ctx, Event("bench", i, 0)); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "appends/s")
}

// BenchBalance fills s with history events (spread over Subjects, so a
// third are the looked-up subject's) and measures Ledger.Balance of one
// subject: reading its events from the store and replaying them.
func BenchBalance(b *testing.B, s reputation.Store, history int) {
	ctx := context.Background()
	for i := range history {
		if _, err := s.Append(ctx, Event(fmt.Sprintf("h%d", i/1000), i%1000, 0)); err != nil {
			b.Fatal(err)
		}
	}
	l, err := reputation.New(s, nil)
	if err != nil {
		b.Fatal(err)
	}
	now := Base.Add(365 * 24 * time.Hour)
	x, err := l.Explain(ctx, Subjects[0], now)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(200 * x.Balance.Events))
	for b.Loop() {
		if _, err := l.Balance(ctx, Subjects[0], now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(x.Balance.Events), "events/lookup")
}
