package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/heft-dev/heft/internal/lineartest"
)

// prPayload is a pull_request event whose description is body and which
// carries the given labels.
func prPayload(body string, labels int) string {
	ls := make([]map[string]any, labels)
	for i := range ls {
		ls[i] = map[string]any{"id": i, "name": fmt.Sprintf("label-%d", i), "color": "ffffff"}
	}
	b, _ := json.Marshal(map[string]any{
		"action": "opened", "number": 2,
		"pull_request": map[string]any{"number": 2, "title": "t", "body": body, "labels": ls, "user": map[string]any{"login": "ada"}},
		"repository":   map[string]any{"name": "r", "full_name": "o/r", "owner": map[string]any{"login": "o"}},
		"installation": map[string]any{"id": 1},
	})
	return string(b)
}

// BenchmarkWorstCase parses pull_request deliveries of 64 KiB, 256 KiB
// and 1 MiB (the bot accepts up to 5 MiB) the way the webhook does, after
// the signature: a description of escapes, many labels, a large field the
// bot does not read (nesting deeper than 10,000 is refused by
// encoding/json). See lineartest.
func BenchmarkWorstCase(b *testing.B) {
	cases := []lineartest.Case{
		{Name: "escaped-body", Gen: func(size int) string { return prPayload(strings.Repeat("\"\\é\u2028<", size/16), 0) }},
		{Name: "many-labels", Gen: func(size int) string { return prPayload("", size/60) }},
		{Name: "wide-unread-field", Gen: func(size int) string {
			p := prPayload("", 0)
			return p[:len(p)-1] + `,"extra":[` + strings.Repeat(`{"a":[1,{"b":null}]},`, size/21) + `0]}`
		}},
	}
	lineartest.Run(b, 64<<10, cases, func(in string) error {
		ev, err := parseEvent("pull_request", []byte(in))
		if err != nil {
			return err
		}
		_, _, err = jobFor(ev)
		return err
	})
}
