package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
)

func TestParseConfig(t *testing.T) {
	cases := []struct {
		name, reason string
		in           string
		err          string // the whole message; empty for a valid configuration
		key          string
		scorers      []string
	}{
		{name: "missing", reason: "no file means the defaults", in: ""},
		{name: "full", reason: "every section at once",
			in: `{"policy": {"weights": {"size": 0.5}, "review": 0.4, "flag": 0.9},
			      "engagement": {"pending_days": 5, "close_days": 21, "label": "pending"},
			      "size": {"comfortable_lines": 300},
			      "disclosure": {"require": true},
			      "labels": {"verdict_prefix": "review-burden/"}}`},
		{name: "some-scorers", reason: "scorers picks from the default set, in the given order",
			in: `{"scorers": ["engagement", "size"]}`, scorers: []string{"engagement", "size"}},
		{name: "unknown-key", reason: "a typo is named",
			in: `{"sise": {}}`, key: "sise", err: `.github/heft.json: sise: unknown key`},
		{name: "wrong-type", reason: "the key path of a wrong type is named",
			in: `{"policy": {"review": "high"}}`, key: "policy.review",
			err: `.github/heft.json: policy.review: want float64, got string`},
		{name: "syntax", reason: "a syntax error gives the line",
			in: "{\n  \"policy\": {\n    \"review\": 0.5,\n  }\n}", err: `.github/heft.json:4: invalid character '}' looking for beginning of object key string`},
		{name: "thresholds", reason: "policy validation names the thresholds",
			in: `{"policy": {"review": 0.9, "flag": 0.4}}`, key: "policy",
			err: `.github/heft.json: policy: heuristics: invalid policy: flag threshold 0.4 is below review threshold 0.9`},
		{name: "engagement-days", reason: "a scorer's invalid section is named",
			in: `{"engagement": {"pending_days": 10, "close_days": 5}}`, key: "engagement",
			err: `.github/heft.json: engagement: engagement: invalid configuration: close_days 5 must be above pending_days 10`},
		{name: "size-lines", reason: "size's errors name its fields",
			in: `{"size": {"comfortable_lines": 900, "overwhelming_lines": 100}}`, key: "size",
			err: `.github/heft.json: size: size: invalid configuration: overwhelming_lines 100 must be above comfortable_lines 900`},
		{name: "unknown-scorer", reason: "the index of the bad name and the names there are",
			in: `{"scorers": ["size", "sizes"]}`, key: "scorers[1]",
			err: `.github/heft.json: scorers[1]: unknown scorer "sizes" (the default set has {default})`},
		{name: "disclosure-score", reason: "the disclosure policy's invalid value is named",
			in: `{"disclosure": {"missing_score": 3}}`, key: "disclosure",
			err: `.github/heft.json: disclosure: disclosure: invalid configuration: missing_score 3 is not in [0, 1]`},
		{name: "weight-for-left-out-scorer", reason: "a weight for a scorer that does not run",
			in: `{"scorers": ["size"], "policy": {"weights": {"engagement": 0.5}}}`, key: "policy.weights.engagement",
			err: `.github/heft.json: policy.weights.engagement: names no scorer that runs (running: size)`},
		{name: "two-values", reason: "trailing content is not ignored",
			in: `{} {}`, err: `.github/heft.json: more than one JSON value`},
	}
	all, err := standard.New(standard.Config{})
	require.NoError(t, err)
	var defaults []string
	for _, s := range all.Scorers() {
		defaults = append(defaults, s.Name())
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, set, err := ParseConfig([]byte(tc.in))
			if tc.err == "" {
				require.NoError(t, err, tc.reason)
				if tc.scorers == nil {
					tc.scorers = defaults // whatever the default set holds today
				}
				var names []string
				for _, s := range set.Scorers() {
					names = append(names, s.Name())
				}
				assert.Equal(t, tc.scorers, names)
				return
			}
			require.Error(t, err, tc.reason)
			assert.Equal(t, strings.ReplaceAll(tc.err, "{default}", strings.Join(defaults, ", ")), err.Error(), tc.reason)
			var ce *ConfigError
			require.True(t, errors.As(err, &ce))
			assert.Equal(t, tc.key, ce.Key)
		})
	}
}

func TestParseConfigUnwraps(t *testing.T) {
	_, _, err := ParseConfig([]byte(`{"policy": {"flag": 2}}`))
	assert.ErrorIs(t, err, heuristics.ErrInvalidPolicy)
	_, _, err = ParseConfig(make([]byte, maxConfig+1))
	assert.ErrorContains(t, err, "over 65536 bytes")
}
