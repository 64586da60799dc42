package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowRequest opens a connection to addr and sends the headers of a POST
// announcing a body of length bytes, then only the first few bytes of it,
// and returns the status of the answer (0 if none came).
func slowRequest(t *testing.T, addr string, signed bool, length int) (int, http.Header) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Error(err)
		return 0, nil
	}
	defer conn.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "POST /webhook HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nX-GitHub-Event: pull_request\r\nContent-Length: %d\r\n", length)
	if signed {
		b.WriteString("X-Hub-Signature-256: sha256=00\r\n")
	}
	b.WriteString("\r\n{\"action\":")
	if _, err := io.WriteString(conn, b.String()); err != nil {
		t.Error(err)
		return 0, nil
	}
	// The test's own bound: every request must be answered well within it.
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Error(err)
		return 0, nil
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header
}

// TestWebhookBoundsUnauthenticatedLoad is the fault test for memory before
// authentication: 200 connections at once announcing 4 MiB bodies they
// never send. Unsigned ones are refused before any body is read; signed
// ones (the signature is only checked once the body is in) are read at
// most MaxReads at a time, the rest refused at once with 503 and
// Retry-After, and a body that never arrives is given up after
// BodyTimeout with 408.
func TestWebhookBoundsUnauthenticatedLoad(t *testing.T) {
	const conns, maxReads = 200, 4
	var logs bytes.Buffer
	var logMu sync.Mutex
	hook := &Webhook{Secret: secret, Queue: NewQueue(10), MaxReads: maxReads, BodyTimeout: 300 * time.Millisecond,
		Log: slog.New(slog.NewTextHandler(lockedWriter{&logMu, &logs}, nil))}
	srv := httptest.NewServer(hook)
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")

	for _, signed := range []bool{false, true} {
		statuses := map[int]int{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for range conns {
			wg.Go(func() {
				code, h := slowRequest(t, addr, signed, 4<<20)
				if code == http.StatusServiceUnavailable {
					assert.NotEmpty(t, h.Get("Retry-After"), "a 503 says when to retry")
				}
				mu.Lock()
				statuses[code]++
				mu.Unlock()
			})
		}
		wg.Wait()
		if !signed {
			assert.Equal(t, map[int]int{http.StatusUnauthorized: conns}, statuses, "unsigned: all refused")
			assert.Zero(t, hook.peak.Load(), "no unsigned body is read")
			continue
		}
		assert.Equal(t, conns, statuses[http.StatusServiceUnavailable]+statuses[http.StatusRequestTimeout], "signed but slow: %v", statuses)
		assert.Positive(t, statuses[http.StatusRequestTimeout], "some bodies were waited for")
		assert.LessOrEqual(t, hook.peak.Load(), int64(maxReads), "at most MaxReads bodies are read at once")
	}
	logMu.Lock()
	defer logMu.Unlock()
	lines := strings.Count(logs.String(), "\n")
	assert.LessOrEqual(t, lines, 4, "one line per reason per interval, not one per request:\n%s", logs.String())
	assert.Contains(t, logs.String(), "reason=unsigned count=1")
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestRejectLogCounts(t *testing.T) {
	var l rejectLog
	l.interval = time.Minute
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	n, ok := l.note("unsigned", t0)
	require.True(t, ok)
	assert.Equal(t, 1, n, "the first is logged")
	for i := range 99 {
		_, ok := l.note("unsigned", t0.Add(time.Duration(i)*time.Millisecond))
		assert.False(t, ok, "the rest of the minute is counted, not logged")
	}
	_, ok = l.note("busy", t0)
	assert.True(t, ok, "each reason has its own interval")
	n, ok = l.note("unsigned", t0.Add(time.Minute))
	require.True(t, ok)
	assert.Equal(t, 100, n, "the next line carries the count since the last")
}
