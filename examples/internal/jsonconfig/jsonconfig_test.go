package jsonconfig_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/examples/internal/jsonconfig"
)

type inner struct {
	Review  float64            `json:"review"`
	Weights map[string]float64 `json:"weights"`
}

type Embedded struct {
	Policy inner `json:"policy"`
}

type config struct {
	Embedded
	Scorers []string `json:"scorers"`
	Labels  []inner  `json:"labels"`
	Any     any      `json:"any"`
}

func TestDecode(t *testing.T) {
	cases := []struct {
		name, reason string
		in           string
		err          string
		is           error
	}{
		{name: "empty", reason: "no content keeps the defaults", in: " \n"},
		{name: "valid", reason: "every shape at once",
			in: `{"policy": {"review": 0.5, "weights": {"size": 1}}, "scorers": ["size"], "labels": [{"review": 1}], "any": {"x": [1]}}`},
		{name: "trailing", reason: "a second value is not ignored",
			in: `{}{"policy":{"review":-5}}`, err: "line 1: more than one JSON value", is: jsonconfig.ErrTrailingData},
		{name: "trailing-garbage", reason: "neither is text after the object",
			in: "{}\nx", err: "line 2: more than one JSON value", is: jsonconfig.ErrTrailingData},
		{name: "case", reason: "encoding/json would take Policy for policy",
			in: `{"Policy": {"review": 0.5}}`, err: `line 1: Policy: key in the wrong case: the key is "policy"`, is: jsonconfig.ErrKeyCase},
		{name: "nested-case", reason: "at any depth",
			in: "{\"policy\":\n {\"REVIEW\": 0.5}}", err: `line 2: policy.REVIEW: key in the wrong case: the key is "review"`, is: jsonconfig.ErrKeyCase},
		{name: "duplicate", reason: "encoding/json would keep the last silently",
			in: "{\"policy\": {\"review\": 0.5,\n \"review\": 0.9}}", err: "line 2: policy.review: duplicate key", is: jsonconfig.ErrDuplicateKey},
		{name: "duplicate-map-key", reason: "maps too",
			in: `{"policy": {"weights": {"size": 1, "size": 2}}}`, err: "line 1: policy.weights.size: duplicate key", is: jsonconfig.ErrDuplicateKey},
		{name: "duplicate-in-any", reason: "and values of no fixed shape",
			in: `{"any": {"a": 1, "a": 2}}`, err: "line 1: any.a: duplicate key", is: jsonconfig.ErrDuplicateKey},
		{name: "duplicate-in-array", reason: "inside arrays, with the index",
			in: `{"labels": [{}, {"review": 1, "review": 2}]}`, err: "line 1: labels[1].review: duplicate key", is: jsonconfig.ErrDuplicateKey},
		{name: "unknown", reason: "a typo is named",
			in: `{"sise": {}}`, err: "line 1: sise: unknown key", is: jsonconfig.ErrUnknownKey},
		{name: "type", reason: "a wrong type names its key, not the embedded struct",
			in: `{"policy": {"review": "high"}}`, err: "line 1: policy.review: want float64, got string"},
		{name: "syntax", reason: "the line of a syntax error",
			in: "{\n  \"policy\": {\n    \"review\": 0.5,\n  }\n}", err: "line 4: invalid character '}' looking for beginning of object key string"},
		{name: "deep", reason: "nesting is bounded: the walk recurses per level",
			in: `{"any": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`, err: "line 1: any[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested more than 64 deep"},
		{name: "truncated", reason: "an unfinished file",
			in: `{"policy": {`, err: "line 1: unexpected end of JSON input"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c config
			err := jsonconfig.Decode([]byte(tc.in), &c)
			if tc.err == "" {
				require.NoError(t, err, tc.reason)
				return
			}
			require.Error(t, err, tc.reason)
			assert.Equal(t, tc.err, err.Error(), tc.reason)
			var je *jsonconfig.Error
			assert.True(t, errors.As(err, &je), "an *Error")
			if tc.is != nil {
				assert.ErrorIs(t, err, tc.is)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"policy": {"review": 0.5, "weights": {"size": 1}}, "scorers": ["size"]}`))
	f.Add([]byte(`{"Policy": {}, "policy": {}}`))
	f.Add([]byte(`[1, {"a": 1}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c config
		_ = jsonconfig.Decode(data, &c)
	})
}
