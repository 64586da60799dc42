package standard_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/size"
	"github.com/heft-dev/heft/heuristics/standard"
	"github.com/heft-dev/heft/heuristics/verbosity"
	"github.com/heft-dev/heft/internal/scorertest"
)

func TestNew(t *testing.T) {
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	d := scorertest.GitDiff(t, nil, map[string]*string{"internal/store/store.go": scorertest.Text(scorertest.Numbered("row", 2500))})
	rep, err := set.Score(context.Background(), &heuristics.Contribution{Diff: d})
	require.NoError(t, err)
	res, ok := rep.Result("size")
	require.True(t, ok)
	assert.Equal(t, 1.0, res.Score)
	assert.Equal(t, heuristics.VerdictFlag, rep.Verdict)
	assert.Contains(t, rep.Labels, "size/XXL")
}

func TestNewNamesTheBadSection(t *testing.T) {
	cases := []struct {
		cfg     standard.Config
		section string
		class   error
	}{
		{standard.Config{Size: size.Config{ComfortableLines: 500, OverwhelmingLines: 100}}, "size", heuristics.ErrInvalidConfig},
		{standard.Config{Verbosity: verbosity.Config{Encoding: "p99k"}}, "verbosity", nil},
		{standard.Config{Policy: heuristics.Policy{Review: 0.9, Flag: 0.2}}, "policy", heuristics.ErrInvalidPolicy},
		{standard.Config{Policy: heuristics.Policy{Weights: map[string]float64{"sise": 1}}}, "policy", heuristics.ErrUnknownWeight},
	}
	for _, tc := range cases {
		_, err := standard.New(tc.cfg)
		var ce *standard.ConfigError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, tc.section, ce.Section)
		if tc.class != nil {
			assert.ErrorIs(t, err, tc.class)
		}
	}
}
