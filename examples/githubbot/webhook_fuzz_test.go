package main

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// FuzzWebhook sends signed bodies of the fuzzer's choosing to the
// handler: whatever they hold, it answers with one of its documented
// statuses and never panics.
func FuzzWebhook(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "webhooks", "*.json"))
	events := []string{"pull_request", "issue_comment", "pull_request_review", "pull_request_review_comment", "ping"}
	for i, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(i))
	}
	f.Add([]byte(`{"action":"opened","pull_request":{"number":-1},"repository":{"name":"../x","owner":{"login":"o"}}}`), uint8(0))
	f.Add([]byte(`{"action":"created","issue":{"number":2,"pull_request":{}},"repository":{"name":"r","owner":{"login":"o"}}}`), uint8(1))
	hook := &Webhook{Secret: secret, Queue: NewQueue(1 << 20), MaxBody: 1 << 20, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ok := map[int]bool{202: true, 204: true, 400: true, 413: true, 503: true}
	f.Fuzz(func(t *testing.T, body []byte, event uint8) {
		req := httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-GitHub-Event", events[int(event)%len(events)])
		req.Header.Set("X-Hub-Signature-256", sign(body, secret))
		rec := httptest.NewRecorder()
		hook.ServeHTTP(rec, req)
		if !ok[rec.Code] {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if rec.Code == http.StatusAccepted {
			j, queued, err := jobFor(mustParse(t, events[int(event)%len(events)], body))
			if err != nil || !queued || j.Key.Number <= 0 || j.Key.Owner == "" || j.Key.Repo == "" {
				t.Fatalf("accepted an event with no pull request: %+v %v", j, err)
			}
		}
	})
}

func mustParse(t *testing.T, event string, body []byte) any {
	t.Helper()
	v, err := parseEvent(event, body)
	if err != nil {
		t.Fatalf("accepted a payload that does not parse: %v", err)
	}
	return v
}
