package eval_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/heft-dev/heft/examples/internal/eval"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
)

// Evaluate the default scorers on a dataset in heft's JSON Lines format
// and read one scorer's figures.
func Example() {
	diff := func(n int) string {
		d := "diff --git a/a.go b/a.go\n--- a/a.go\n+++ b/a.go\n@@ -1,1 +1," + fmt.Sprint(n+1) + " @@\n package a\n"
		return d + strings.Repeat("+var x = 1\n", n)
	}
	var data strings.Builder
	w := eval.NewJSONLinesWriter(&data)
	for i, n := range []int{3000, 40, 900, 10} {
		w.Write(&eval.Record{ID: fmt.Sprint("pr", i), Diff: diff(n), Merged: new(n < 500)})
	}
	w.Flush()
	data.WriteString("{not json\n")

	set, err := standard.New(standard.Config{})
	if err != nil {
		panic(err)
	}
	src := eval.NewJSONLines(strings.NewReader(data.String()), "prs.jsonl", 0)
	res, err := eval.Run(context.Background(), set, src, eval.Options{Label: eval.LabelMerged})
	if err != nil {
		panic(err)
	}
	size, _ := res.Scorer("size")
	fmt.Printf("%d scored, %d skipped\n", res.Scored, res.Skipped)
	fmt.Println(res.SkipExamples[0])
	fmt.Printf("size: AUC %.2f on %d, %d applicable\n", float64(size.AUC), size.N, size.Coverage.Applicable)
	fmt.Printf("at the review threshold: precision %.2f, recall %.2f\n", float64(size.Review.Precision), float64(size.Review.Recall))
	// Output:
	// 4 scored, 1 skipped
	// prs.jsonl:5: malformed: column 2: invalid character 'n' looking for beginning of object key string
	// size: AUC 1.00 on 4, 4 applicable
	// at the review threshold: precision 1.00, recall 1.00
}

// Count the review effort a pull request cost from its timeline: who
// commented, whether changes were requested, how long it waited.
func ExampleDeriveOutcomes() {
	opened := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	hour := func(h int) time.Time { return opened.Add(time.Duration(h) * time.Hour) }
	member := heuristics.Author{Login: "mo", Association: heuristics.AssociationMember}
	o := eval.DeriveOutcomes(eval.History{
		Author: heuristics.Author{Login: "dana"},
		Opened: opened, Closed: hour(30), Pushes: true, Maintainer: eval.AssociatedMaintainer,
		Events: []heuristics.Event{
			{Kind: heuristics.EventComment, Actor: heuristics.Author{Login: "ci[bot]"}, Time: hour(0)},
			{Kind: heuristics.EventReview, Actor: member, Time: hour(3), State: "changes_requested"},
			{Kind: heuristics.EventCommit, Actor: heuristics.Author{Login: "dana"}, Time: hour(5)},
			{Kind: heuristics.EventReview, Actor: member, Time: hour(20), State: "approved"},
		},
	})
	fmt.Printf("review comments %d, rounds %d, maintainers %d\n", *o.ReviewComments, *o.ReviewRounds, *o.Maintainers)
	fmt.Printf("first response after %.0f h, closed after %.0f h\n", *o.FirstResponse, *o.TimeToClose)
	// Output:
	// review comments 2, rounds 2, maintainers 1
	// first response after 3 h, closed after 30 h
}
