package heuristicstest_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
)

// titleScorer is the scorer the txtar cases in testdata/cases exercise.
var titleScorer = heuristics.Func("long-title", func(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	if c.Title == "" {
		return heuristics.Result{}, heuristics.ErrNotApplicable
	}
	r := heuristics.Result{
		Summary: fmt.Sprintf("the title is %d characters long", len(c.Title)),
		Metrics: map[string]float64{"title_chars": float64(len(c.Title))},
	}
	if len(c.Title) > 50 {
		r.Score = 0.5
		r.Labels = []string{"title/long"}
		r.Evidence = []heuristics.Evidence{{Rule: "title-long", Message: "the title is long", Field: heuristics.FieldTitle}}
	}
	return r, nil
})

func TestRunTxtar(t *testing.T) {
	heuristicstest.RunTxtar(t, titleScorer, "testdata/cases/*.txtar")
}
