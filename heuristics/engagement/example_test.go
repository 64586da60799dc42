package engagement_test

import (
	"context"
	"fmt"
	"time"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/engagement"
)

// The engagement scorer asks whose turn it is: here a maintainer's
// question has waited nine days for the author.
func Example() {
	s, err := engagement.New(engagement.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	asked := time.Date(2026, time.May, 3, 10, 0, 0, 0, time.UTC)
	res, err := s.Score(context.Background(), &heuristics.Contribution{
		Author: heuristics.Author{Login: "ada", Association: heuristics.AssociationFirstTimeContributor},
		Timeline: []heuristics.Event{
			{Kind: heuristics.EventComment, Actor: heuristics.Author{Login: "ada"}, Time: asked.Add(-24 * time.Hour), Body: "Ready for review."},
			{Kind: heuristics.EventComment, Actor: heuristics.Author{Login: "maint", Association: heuristics.AssociationMember},
				Time: asked, Body: "Thanks! What happens on the error path?"},
			{Kind: heuristics.EventComment, Actor: heuristics.Author{Login: "github-actions[bot]", Bot: true},
				Time: asked.Add(time.Hour), Body: "All checks passed."},
		},
		Now: asked.Add(9 * 24 * time.Hour),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f %v\n%s\n%s\n", res.Score, res.Labels, res.Summary, res.Advice)
	// Output:
	// 0.59 [awaiting author]
	// @maint's question of 3 May has waited 9 days for @ada; past 7 days, it can be labelled "awaiting author".
	// @ada, the comment on 3 May asked "What happens on the error path?"; could you answer so this can move forward?
}
