package heuristics_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
)

func fixed(name string, score float64) heuristics.Scorer {
	return heuristics.Func(name, func(context.Context, *heuristics.Contribution) (heuristics.Result, error) {
		r := heuristics.Result{Score: score, Summary: name}
		if score > 0 {
			r.Evidence = []heuristics.Evidence{{Rule: name + "-rule", Message: "m", Field: heuristics.FieldBody}}
		}
		return r, nil
	})
}

func failing(name string, err error) heuristics.Scorer {
	return heuristics.Func(name, func(context.Context, *heuristics.Contribution) (heuristics.Result, error) {
		return heuristics.Result{}, err
	})
}

func TestNewSetRejects(t *testing.T) {
	cases := []struct {
		name    string
		policy  heuristics.Policy
		scorers []heuristics.Scorer
		want    error
	}{
		{"duplicate", heuristics.Policy{}, []heuristics.Scorer{fixed("a", 0), fixed("a", 0)}, heuristics.ErrDuplicateScorer},
		{"unknown-weight", heuristics.Policy{Weights: map[string]float64{"sise": 1}}, []heuristics.Scorer{fixed("size", 0)}, heuristics.ErrUnknownWeight},
		{"weight-out-of-range", heuristics.Policy{Weights: map[string]float64{"a": 2}}, []heuristics.Scorer{fixed("a", 0)}, heuristics.ErrInvalidPolicy},
		{"flag-below-review", heuristics.Policy{Review: 0.9, Flag: 0.5}, nil, heuristics.ErrInvalidPolicy},
		{"threshold-above-one", heuristics.Policy{Review: 1.5}, nil, heuristics.ErrInvalidPolicy},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := heuristics.NewSet(tc.policy, tc.scorers...)
			require.ErrorIs(t, err, tc.want)
		})
	}
	_, err := heuristics.NewSet(heuristics.Policy{Weights: map[string]float64{"sise": 1}}, fixed("size", 0))
	assert.Contains(t, err.Error(), `"sise"`, "the error names the bad key")
}

func TestSetScore(t *testing.T) {
	boom := errors.New("boom")
	panicky := heuristics.Func("panicky", func(context.Context, *heuristics.Contribution) (heuristics.Result, error) {
		panic("nil map")
	})
	lying := heuristics.Func("lying", func(context.Context, *heuristics.Contribution) (heuristics.Result, error) {
		return heuristics.Result{Score: 0.9}, nil // no evidence
	})
	set, err := heuristics.NewSet(heuristics.Policy{Weights: map[string]float64{"half": 0.5}},
		fixed("strong", 0.6), fixed("half", 0.8), failing("na", heuristics.ErrNotApplicable),
		failing("broken", boom), panicky, lying, fixed("quiet", 0))
	require.NoError(t, err)

	rep, err := set.Score(context.Background(), &heuristics.Contribution{})
	require.NoError(t, err)
	serial, err := set.ScoreSerial(context.Background(), &heuristics.Contribution{})
	require.NoError(t, err)
	// The panic's stack trace names the goroutine; everything else is the same.
	require.Len(t, serial.Errors, len(rep.Errors))
	for i := range rep.Errors {
		firstLine := func(err error) string { return strings.SplitN(err.Error(), "\n", 2)[0] }
		assert.Equal(t, firstLine(rep.Errors[i]), firstLine(serial.Errors[i]))
	}
	serial.Errors = rep.Errors
	assert.Equal(t, rep, serial, "ScoreSerial reports what Score does")
	// 1 - (1-0.6)(1-0.5*0.8)(1-0) = 1 - 0.4*0.6 = 0.76
	assert.InDelta(t, 0.76, rep.Score, 1e-9)
	assert.Equal(t, heuristics.VerdictReview, rep.Verdict)
	assert.Equal(t, []string{"na"}, rep.NotApplicable)
	require.Len(t, rep.Errors, 3)
	assert.ErrorIs(t, rep.Errors[0], boom)
	assert.ErrorIs(t, rep.Errors[1], heuristics.ErrPanic)
	assert.ErrorIs(t, rep.Errors[2], heuristics.ErrInvalidResult)
	var names []string
	for _, r := range rep.Results {
		names = append(names, r.Scorer)
	}
	assert.Equal(t, []string{"strong", "half", "quiet"}, names, "results keep the set's order and carry their scorer's name")

	b, err := json.Marshal(rep)
	require.NoError(t, err)
	var generic map[string]any
	require.NoError(t, json.Unmarshal(b, &generic))
	assert.Equal(t, "review", generic["verdict"])
	assert.Equal(t, "strong", generic["results"].([]any)[0].(map[string]any)["scorer"])
	assert.Equal(t, "broken", generic["errors"].([]any)[0].(map[string]any)["scorer"])
}

func TestVerdictNeverDefaultsToPass(t *testing.T) {
	var v heuristics.Verdict
	assert.Equal(t, heuristics.VerdictUnknown, v)

	set, err := heuristics.NewSet(heuristics.Policy{}, failing("na", heuristics.ErrNotApplicable), failing("x", errors.New("down")))
	require.NoError(t, err)
	rep, err := set.Score(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, heuristics.VerdictUnknown, rep.Verdict, "nothing scored: unknown, not pass")

	set, err = heuristics.NewSet(heuristics.Policy{})
	require.NoError(t, err)
	rep, err = set.Score(context.Background(), &heuristics.Contribution{})
	require.NoError(t, err)
	assert.Equal(t, heuristics.VerdictUnknown, rep.Verdict, "an empty set knows nothing")
}

func TestVerdictThresholds(t *testing.T) {
	p := heuristics.Policy{}
	assert.Equal(t, heuristics.VerdictPass, p.Verdict(0.49))
	assert.Equal(t, heuristics.VerdictReview, p.Verdict(0.5))
	assert.Equal(t, heuristics.VerdictFlag, p.Verdict(0.8))
	p = heuristics.Policy{Review: 0.2, Flag: 0.3}
	assert.Equal(t, heuristics.VerdictFlag, p.Verdict(0.31))

	var v heuristics.Verdict
	require.NoError(t, v.UnmarshalText([]byte("flag")))
	assert.Equal(t, heuristics.VerdictFlag, v)
	require.Error(t, v.UnmarshalText([]byte("maybe")))
}

func TestSetStopsOnCancel(t *testing.T) {
	set, err := heuristics.NewSet(heuristics.Policy{}, heuristics.Func("slow", func(ctx context.Context, _ *heuristics.Contribution) (heuristics.Result, error) {
		<-ctx.Done()
		return heuristics.Result{}, ctx.Err()
	}))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = set.Score(ctx, &heuristics.Contribution{})
	require.ErrorIs(t, err, context.Canceled)
	_, err = set.ScoreSerial(ctx, &heuristics.Contribution{})
	require.ErrorIs(t, err, context.Canceled)
}
