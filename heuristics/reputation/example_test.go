package reputation_test

import (
	"context"
	"fmt"
	"time"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	repscore "github.com/heft-dev/heft/heuristics/reputation"
	"github.com/heft-dev/heft/reputation"
)

// A contributor who has had one small PR merged opens a 3,200-line one.
func ExampleNew() {
	ctx := context.Background()
	now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	ledger, _ := reputation.New(reputation.NewMemoryStore(), &reputation.Options{Rules: reputation.Rules{HalfLife: -1}})
	x := reputation.Subject{Login: "x"}
	ledger.Record(ctx, reputation.Event{Time: now.AddDate(0, -1, 0), Subject: x, Kind: reputation.KindOpened, PR: "acme/app#1", Size: 900})
	ledger.Record(ctx, reputation.Event{Time: now.AddDate(0, 0, -20), Subject: x, Kind: reputation.KindClosed, PR: "acme/app#1", Reason: reputation.ReasonNotPlanned})

	scorer, _ := repscore.New(ledger, repscore.Config{})
	res, _ := scorer.Score(ctx, &heuristics.Contribution{
		Author: heuristics.Author{Login: "x", Association: heuristics.AssociationContributor},
		Diff:   &diffstat.Diff{Files: []*diffstat.File{{NewPath: "engine/rewrite.go", Op: diffstat.OpAdded, Added: 3200}}},
		Now:    now,
	})
	fmt.Printf("%.2f %s\n", res.Score, res.Summary)
	fmt.Println(res.Evidence[0].Rule)
	// Output:
	// 0.64 This 3,200-line pull request would stake 48 points; @x has 17; small pull requests build standing first.
	// reputation-stake-exceeds-balance
}
