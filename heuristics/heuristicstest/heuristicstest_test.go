package heuristicstest_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
)

func evidence() []heuristics.Evidence {
	return []heuristics.Evidence{{Rule: "r", Message: "m", Field: heuristics.FieldBody}}
}

// TestCheckCatches shows each check failing on a scorer that breaks it.
func TestCheckCatches(t *testing.T) {
	var calls atomic.Int64
	var modified atomic.Bool
	cases := []struct {
		name   string
		scorer heuristics.Scorer
		want   string
	}{
		{"bad-name", heuristics.Func("Size Scorer", func(context.Context, *heuristics.Contribution) (heuristics.Result, error) {
			return heuristics.Result{}, nil
		}), "kebab-case"},
		{"out-of-range", heuristics.Func("x", func(context.Context, *heuristics.Contribution) (heuristics.Result, error) {
			return heuristics.Result{Score: 1.5, Evidence: evidence()}, nil
		}), "not in [0, 1]"},
		{"no-evidence", heuristics.Func("x", func(context.Context, *heuristics.Contribution) (heuristics.Result, error) {
			return heuristics.Result{Score: 0.5}, nil
		}), "no evidence"},
		{"panics", heuristics.Func("x", func(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
			_ = c.Diff.Files // nil Diff
			return heuristics.Result{}, nil
		}), "panicked"},
		{"nondeterministic", heuristics.Func("x", func(context.Context, *heuristics.Contribution) (heuristics.Result, error) {
			return heuristics.Result{Summary: strings.Repeat("x", int(calls.Add(1)))}, nil
		}), "not deterministic"},
		{"modifies", heuristics.Func("x", func(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
			if len(c.Labels) > 0 && modified.CompareAndSwap(false, true) {
				c.Labels[0] = "touched" // once, so that -race sees no concurrent writes
			}
			return heuristics.Result{}, nil
		}), "modified the contribution"},
		{"errors-on-empty", heuristics.Func("x", func(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
			if c.Title == "" {
				return heuristics.Result{}, context.DeadlineExceeded
			}
			return heuristics.Result{}, nil
		}), "want a result or ErrNotApplicable"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			errs := heuristicstest.Check(tc.scorer, &heuristics.Contribution{Title: "t", Labels: []string{"a"}})
			var all []string
			for _, e := range errs {
				all = append(all, e.Error())
			}
			assert.Contains(t, strings.Join(all, "\n"), tc.want)
		})
	}
}

func TestCheckPassesAGoodScorer(t *testing.T) {
	good := heuristics.Func("good", func(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
		if c.Body == "" {
			return heuristics.Result{}, heuristics.ErrNotApplicable
		}
		return heuristics.Result{Score: 0.5, Evidence: evidence()}, nil
	})
	assert.Empty(t, heuristicstest.Check(good, &heuristics.Contribution{Body: "b"}))
	heuristicstest.Run(t, good, &heuristics.Contribution{Body: "b"})
}
