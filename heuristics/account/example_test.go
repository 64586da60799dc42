package account_test

import (
	"context"
	"fmt"
	"time"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/account"
)

// An account made the morning it opened the pull request, after forking
// thirty repositories, with a history of pull requests closed unmerged.
func Example() {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	forks := 30
	s, err := account.New(account.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := s.Score(context.Background(), &heuristics.Contribution{
		Author: heuristics.Author{
			Login:       "quickfix-bulk",
			Association: heuristics.AssociationContributor,
			Account: &heuristics.Account{
				CreatedAt:   now.Add(-5 * time.Hour),
				ForksPerDay: &forks,
				Global:      &heuristics.PullRequestCounts{Merged: 1, Closed: 24},
			},
		},
		Now: now,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f %s\n", res.Score, res.Summary)
	for _, e := range res.Evidence {
		fmt.Println(e.Rule)
	}
	// Output:
	// 0.97 @quickfix-bulk: a young account; many forks in one day; most pull requests elsewhere closed unmerged.
	// account-young
	// account-fork-burst
	// account-merge-ratio
}
