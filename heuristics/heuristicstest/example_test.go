package heuristicstest_test

import (
	"context"
	"fmt"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
)

// Check a scorer outside a test: this one raises a concern without saying
// why, which the contract forbids. In a test, call heuristicstest.Run(t,
// scorer, ...) instead.
func ExampleCheck() {
	long := heuristics.Func("long-title", func(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
		if len(c.Title) > 50 {
			return heuristics.Result{Score: 0.5, Summary: "the title is long"}, nil // no Evidence
		}
		return heuristics.Result{Summary: "the title is short"}, nil
	})
	for _, err := range heuristicstest.Check(long,
		&heuristics.Contribution{Title: "fix: close the response body"},
		&heuristics.Contribution{Title: "refactor: move every handler of the admin API into its own package"},
	) {
		fmt.Println(err)
	}
	// Output:
	// contribution 1 ("refactor: move every handler of the admin API into its own package"): invalid result: score 0.5 has no evidence
}
