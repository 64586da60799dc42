package heuristics_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/heft-dev/heft/heuristics"
)

// A scorer is any value with a Name and a Score method; Func adapts a
// function. Here a one-rule scorer asks for a title in the imperative
// mood, and a Set folds its result into a Report with a Verdict.
func Example() {
	title := heuristics.Func("title", func(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
		if c.Title == "" {
			return heuristics.Result{}, heuristics.ErrNotApplicable
		}
		first, _, _ := strings.Cut(c.Title, " ")
		if !strings.HasSuffix(first, "ed") {
			return heuristics.Result{Summary: "The title is in the imperative mood."}, nil
		}
		return heuristics.Result{
			Score:   0.5,
			Summary: "The title is in the past tense.",
			Advice:  "Could you phrase the title as a command, as in \"Fix the login check\"?",
			Evidence: []heuristics.Evidence{{
				Rule:    "title-past-tense",
				Message: "The title's first word is in the past tense.",
				Field:   heuristics.FieldTitle,
				Snippet: first,
			}},
		}, nil
	})
	set, err := heuristics.NewSet(heuristics.Policy{}, title)
	if err != nil {
		fmt.Println(err)
		return
	}
	report, err := set.Score(context.Background(), &heuristics.Contribution{Title: "Fixed the login check"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("verdict:", report.Verdict)
	for _, r := range report.Results {
		fmt.Printf("%s %.2f %s %s\n", r.Scorer, r.Score, r.Summary, r.Evidence[0].Rule)
	}
	// Output:
	// verdict: review
	// title 0.50 The title is in the past tense. title-past-tense
}
