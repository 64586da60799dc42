package disclosure_test

import (
	"context"
	"fmt"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/disclosure"
)

// The description says no AI was used, yet the commit carries an AI
// tool's co-author trailer: a contradiction. An honest disclosure would
// score 0.
func Example() {
	s, err := disclosure.New(disclosure.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := s.Score(context.Background(), &heuristics.Contribution{
		Title: "Fix the retry loop",
		Body:  "I wrote this by hand, no AI was used.",
		Commits: []heuristics.Commit{{
			Message: "Fix the retry loop\n\nCo-authored-by: Claude <noreply@anthropic.com>\n",
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f %s\n", res.Score, res.Summary)
	for _, e := range res.Evidence {
		fmt.Println(e.Rule, e.Field)
	}
	// Output:
	// 0.80 Says no AI was used, but the contribution carries an AI tool's marks (Claude Code).
	// disclosure-contradiction body
	// disclosure-contradiction commit
}
