package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/heft-dev/heft/examples/internal/eval"
	"github.com/heft-dev/heft/examples/internal/jsonconfig"
)

// TestJSONInputTakesEvalRecords checks that every key of heft's JSON
// Lines format (eval.Record) is a key heft score's strict JSON input
// knows, so a line of heft eval --write-jsonl output keeps scoring as it
// is when the format gains a key.
func TestJSONInputTakesEvalRecords(t *testing.T) {
	rt := reflect.TypeFor[eval.Record]()
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		var in jsonInput
		if err := jsonconfig.Decode([]byte(`{"`+name+`": null}`), &in); err != nil {
			t.Errorf("eval.Record's key %q: %v", name, err)
		}
	}
	var in jsonInput
	if err := jsonconfig.Decode([]byte(`{"titel": "x"}`), &in); err == nil {
		t.Error(`{"titel": "x"} decoded; want an unknown key`)
	}
}
