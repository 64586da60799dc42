package jsonconfig_test

import (
	"fmt"

	"github.com/heft-dev/heft/examples/internal/jsonconfig"
)

// Decode rejects what encoding/json lets through: a key in the wrong case,
// a key given twice, data after the object.
func ExampleDecode() {
	type policy struct {
		Review float64 `json:"review"`
	}
	var cfg struct {
		Policy policy `json:"policy"`
	}
	for _, in := range []string{
		`{"policy": {"review": 0.4}}`,
		`{"Policy": {"review": 0.4}}`,
		`{"policy": {"review": 0.4, "review": 0.9}}`,
		`{} {"policy": {"review": -5}}`,
	} {
		fmt.Println(jsonconfig.Decode([]byte(in), &cfg))
	}
	// Output:
	// <nil>
	// line 1: Policy: key in the wrong case: the key is "policy"
	// line 1: policy.review: duplicate key
	// line 1: more than one JSON value
}
