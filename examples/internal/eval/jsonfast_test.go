package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

// checkDecodeRecord fails t when decodeRecord accepts line but decodes it
// otherwise than json.Unmarshal, or accepts a line json.Unmarshal
// rejects. It reports whether decodeRecord accepted the line.
func checkDecodeRecord(t *testing.T, line []byte) bool {
	t.Helper()
	var fast Record
	if !decodeRecord(line, &fast) {
		return false
	}
	var want Record
	if err := json.Unmarshal(line, &want); err != nil {
		t.Fatalf("decodeRecord accepted %q, json.Unmarshal: %v", line, err)
	}
	if !reflect.DeepEqual(fast, want) {
		t.Fatalf("decodeRecord(%q)\n got %+v\nwant %+v", line, fast, want)
	}
	return true
}

// TestDecodeRecord: records in heft's JSON Lines shapes decode as
// json.Unmarshal decodes them, and what decodeRecord cannot decode
// exactly it leaves to json.Unmarshal.
func TestDecodeRecord(t *testing.T) {
	seed, err := os.ReadFile("testdata/contributions.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for line := range bytes.SplitSeq(seed, []byte("\n")) {
		if len(bytes.TrimSpace(line)) > 0 && !checkDecodeRecord(t, line) && json.Unmarshal(line, new(Record)) == nil {
			t.Errorf("the fast path refused a test record: %.80q", line)
		}
	}
	for _, tc := range []struct {
		line string
		fast bool // decodeRecord takes it
	}{
		{`{}`, true},
		{` { "id" : "a#1" , "merged" : false , "ai":true } `, true},
		{`{"commits":[],"timeline":[],"labels":[]}`, true},
		{`{"labels":["a","b"],"body":"tab\there \"quoted\" \\ \/ \b\f\r\n \u00e9\u4e2d\u0000 é 中 😀"}`, true},
		{`{"author":{"login":"x","association":"MEMBER","bot":true},"timeline":[{"kind":"review","actor":{"login":"m"},"time":"2025-06-11T10:17:36Z","state":"approved"}]}`, true},
		{`{"commits":[{"sha":"abc","message":"m","author_name":"n","author_email":"e@x","time":"2025-06-11T10:17:36+02:00"}]}`, true},
		{`{"now":"2025-06-11T10:17:36.123456789Z","opened":"2025-06-10T00:00:00Z","closed":"2025-06-12T00:00:00Z"}`, true},
		{`{"outcomes":{"review_comments":0,"review_rounds":-0,"maintainers":12,"maintainer_comments":3,"first_response_hours":1.5e-3,"time_to_close_hours":-2E+2}}`, true},
		{`{"diff_partial":true,"template":"t","agent":"Copilot","repo":"o/r","title":"t","diff":"d"}`, true},
		{`{"body":"\u00E9\u00e9\uFFFF\uffFd\u0041\u09aF\uD7FF\uE000"}`, true},
		// Left to json.Unmarshal: a key in another case, a key json
		// ignores, a repeated key, null, surrogates, invalid UTF-8, an
		// account, numbers and times it rejects, syntax errors.
		{`{"ID":"x"}`, false},
		{`{"unknown":1}`, false},
		{`{"id":"a","id":"b"}`, false},
		{`{"merged":null}`, false},
		{`{"body":"\ud83d\ude00"}`, false},
		{`{"body":"\ud83d"}`, false},
		{"{\"body\":\"\xff\"}", false},
		{`{"author":{"login":"x","account":{"followers":3}}}`, false},
		{`{"outcomes":{"review_comments":1.5}}`, false},
		{`{"outcomes":{"time_to_close_hours":1e999}}`, false},
		{`{"outcomes":{"review_comments":01}}`, false},
		{`{"now":"yesterday"}`, false},
		{`{"id":"a",}`, false},
		{`{"id":"a"} x`, false},
		{`{"id":"a"}{}`, false},
		{`[]`, false},
		{`null`, false},
		{"{\"body\":\"a\nb\"}", false},
		{`{"body":"\x"}`, false},
		{`{"body":"\u00g9"}`, false},
		{`{"body":"\u-0e9"}`, false},
		{`{"body":"\u+0e9"}`, false},
		{`{"body":"\u0x09"}`, false},
		{`{"body":"\u00e"}`, false},
		{`{"body":"\uDFFF"}`, false},
		{`{"merged":tru}`, false},
		{`{"id":5}`, false},
	} {
		if got := checkDecodeRecord(t, []byte(tc.line)); got != tc.fast {
			t.Errorf("decodeRecord(%q) took it: %v, want %v", tc.line, got, tc.fast)
		}
	}
}

// FuzzDecodeRecord: whatever decodeRecord accepts, json.Unmarshal
// decodes the same way.
func FuzzDecodeRecord(f *testing.F) {
	seed, err := os.ReadFile("testdata/contributions.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	for line := range bytes.SplitSeq(seed, []byte("\n")) {
		f.Add(line)
	}
	f.Add([]byte(`{"labels":["a"],"body":"\u00e9\ud83d\ude00","outcomes":{"review_comments":-0,"time_to_close_hours":1.5e3}}`))
	f.Add([]byte(`{"timeline":[{"kind":"comment","actor":{"login":"m","bot":false},"time":"2025-06-11T10:17:36Z","body":"b"}],"commits":[]}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		checkDecodeRecord(t, line)
	})
}
