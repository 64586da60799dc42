package heuristicstest_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

// ruled is a scorer that declares one rule and cites another.
type ruled struct{ heuristics.Scorer }

func (ruled) Rules() []heuristics.Rule {
	return []heuristics.Rule{{ID: "ruled-declared", Finds: "what it declares"}}
}

func TestCheckUndeclaredRule(t *testing.T) {
	s := ruled{heuristics.Func("ruled", func(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
		return heuristics.Result{Score: 0.5, Summary: "x", Evidence: []heuristics.Evidence{{Rule: "ruled-other", Message: "m", Field: heuristics.FieldBody}}}, nil
	})}
	errs := heuristicstest.Check(s, &heuristics.Contribution{Title: "t"})
	require.NotEmpty(t, errs)
	assert.ErrorContains(t, errs[0], `evidence cites rule "ruled-other", which Rules() does not declare`)
}

func TestCheckRules(t *testing.T) {
	errs := heuristicstest.CheckRules([]heuristics.Rule{{ID: "a-b", Finds: "x"}, {ID: "a-b", Finds: "y"}, {ID: "Bad ID"}})
	require.Len(t, errs, 3)
	assert.ErrorContains(t, errs[0], "declared twice")
	assert.ErrorContains(t, errs[1], "kebab-case")
	assert.ErrorContains(t, errs[2], "empty Finds")
}
