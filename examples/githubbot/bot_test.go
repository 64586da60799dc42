package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	repscore "github.com/heft-dev/heft/heuristics/reputation"
	"github.com/heft-dev/heft/reputation"
)

var secret = []byte("It's a Secret to Everybody")

// now is the bot's clock in these tests: ten days after the maintainer's
// question in the timeline below.
var now = time.Date(2019, time.May, 27, 12, 0, 0, 0, time.UTC)

// payload reads an octokit example payload (see testdata/webhooks/README.md)
// and applies edits to it, given as dotted paths.
func payload(t *testing.T, name string, edits map[string]any) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "webhooks", name+".json"))
	require.NoError(t, err)
	if len(edits) == 0 {
		return b
	}
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	for path, v := range edits {
		keys := strings.Split(path, ".")
		cur := m
		for _, k := range keys[:len(keys)-1] {
			next, ok := cur[k].(map[string]any)
			if !ok {
				next = map[string]any{}
				cur[k] = next
			}
			cur = next
		}
		cur[keys[len(keys)-1]] = v
	}
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return out
}

func sign(body []byte, key []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// harness is the bot wired to an in-memory GitHub: deliver webhooks, then
// finish to let the queue drain.
type harness struct {
	t      *testing.T
	url    string // the simulated API's
	api    *apiGitHub
	hook   *Webhook
	queue  *Queue
	bot    *Bot
	ledger *memLedger
	out    bytes.Buffer
	done   chan struct{}
	once   sync.Once
}

// memLedger keeps ledger events in memory, once per ID, as a Ledger must.
type memLedger struct {
	mu     sync.Mutex
	calls  int
	events []LedgerEvent
}

func (l *memLedger) Record(_ context.Context, e LedgerEvent) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls++
	for _, x := range l.events {
		if x.ID == e.ID {
			return nil
		}
	}
	l.events = append(l.events, e)
	return nil
}

func newHarness(t *testing.T, opts ...func(*harness)) *harness {
	t.Helper()
	h := &harness{t: t, api: newAPIGitHub(t), ledger: &memLedger{}, done: make(chan struct{})}
	h.api.prs[2] = typicalPR()
	srv := httptest.NewServer(h.api)
	t.Cleanup(srv.Close)
	h.url = srv.URL
	client, err := newClient(srv.Client(), srv.URL+"/")
	require.NoError(t, err)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	h.queue = NewQueue(100)
	h.bot = &Bot{Clients: staticClient{client}, Ledger: h.ledger, Log: quiet, Out: &h.out,
		Now: func() time.Time { return now }}
	h.hook = &Webhook{Secret: secret, Queue: h.queue, Log: quiet}
	for _, o := range opts {
		o(h)
	}
	go func() {
		h.queue.Run(context.Background(), 4, h.bot.Work)
		close(h.done)
	}()
	t.Cleanup(h.finish)
	return h
}

// finish closes the queue and waits until every queued job is done.
func (h *harness) finish() {
	h.once.Do(func() {
		h.queue.Close()
		select {
		case <-h.done:
		case <-time.After(30 * time.Second):
			h.t.Fatal("queue did not drain")
		}
	})
}

func (h *harness) deliver(event, delivery string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-GitHub-Event", event)
	req.Header.Set("X-GitHub-Delivery", delivery)
	req.Header.Set("X-Hub-Signature-256", sign(body, secret))
	rec := httptest.NewRecorder()
	h.hook.ServeHTTP(rec, req)
	return rec
}

// typicalPR is pull request #2 of the octokit payloads as the API serves
// it: a first-time contributor's small fix, with a maintainer's question
// unanswered for ten days and a CI bot's comment after it.
func typicalPR() *apiPR {
	return &apiPR{
		Number: 2, State: "open", Title: "Update the README with new information.",
		Body:   "This is a pretty simple change that we need to pull into master.",
		Author: "Codertocat", Association: "FIRST_TIME_CONTRIBUTOR",
		Labels: []string{"bug"},
		Diff: "diff --git a/README.md b/README.md\nindex 8e0a5b1..b7c1a4c 100644\n--- a/README.md\n+++ b/README.md\n" +
			"@@ -1 +1,2 @@\n # Hello-World\n+A greeting program, in every language.\n",
		Commits: []map[string]any{{
			"sha": "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
			"commit": map[string]any{"message": "Update README.md",
				"author": map[string]any{"name": "Codertocat", "email": "21031067+Codertocat@users.noreply.github.com", "date": "2019-05-15T15:20:30Z"}},
		}},
		Timeline: []map[string]any{
			{"event": "committed", "sha": "ec26c3e57ca3a959ca5aad62de7213c562f8c821", "message": "Update README.md",
				"author":    map[string]any{"name": "Codertocat", "date": "2019-05-15T15:20:30Z"},
				"committer": map[string]any{"name": "GitHub", "date": "2019-05-15T15:20:30Z"}},
			{"event": "commented", "created_at": "2019-05-17T12:00:00Z", "author_association": "MEMBER",
				"actor": map[string]any{"login": "octocat", "type": "User"}, "user": map[string]any{"login": "octocat", "type": "User"},
				"body": "Thanks! Which languages should the greeting cover?"},
			{"event": "commented", "created_at": "2019-05-17T12:05:00Z", "author_association": "NONE",
				"actor": map[string]any{"login": "github-actions[bot]", "type": "Bot"}, "user": map[string]any{"login": "github-actions[bot]", "type": "Bot"},
				"body": "Link check passed."},
			{"event": "labeled", "created_at": "2019-05-18T09:00:00Z", "actor": map[string]any{"login": "octocat", "type": "User"},
				"label": map[string]any{"name": "bug"}},
			{"event": "mentioned", "created_at": "2019-05-18T09:00:00Z", "actor": map[string]any{"login": "octocat", "type": "User"}},
		},
	}
}

func TestWebhookRejects(t *testing.T) {
	opened := payload(t, "pull_request.opened", nil)
	sha1sig := func(b []byte) string {
		mac := hmac.New(sha1.New, secret)
		mac.Write(b)
		return "sha1=" + hex.EncodeToString(mac.Sum(nil))
	}
	cases := []struct {
		name, reason string
		method       string
		event        string
		body         []byte
		header       map[string]string
		status       int
	}{
		{name: "unsigned", reason: "anyone can POST; only GitHub knows the secret",
			event: "pull_request", body: opened, header: map[string]string{"X-Hub-Signature-256": ""}, status: 401},
		{name: "wrong-secret", reason: "a signature with another key",
			event: "pull_request", body: opened, header: map[string]string{"X-Hub-Signature-256": sign(opened, []byte("guess"))}, status: 401},
		{name: "tampered", reason: "the signature of another body",
			event: "pull_request", body: opened, header: map[string]string{"X-Hub-Signature-256": sign([]byte("{}"), secret)}, status: 401},
		{name: "sha1-only", reason: "SHA-1 signatures are not accepted",
			event: "pull_request", body: opened, header: map[string]string{"X-Hub-Signature-256": "", "X-Hub-Signature": sha1sig(opened)}, status: 401},
		{name: "garbage-signature", reason: "not even hex",
			event: "pull_request", body: opened, header: map[string]string{"X-Hub-Signature-256": "sha256=zz"}, status: 401},
		{name: "malformed-json", reason: "signed but not JSON: 400, not a crash",
			event: "pull_request", body: []byte(`{"action": "opened", "pull_request": {`), status: 400},
		{name: "wrong-shape", reason: "signed JSON of the wrong shape",
			event: "pull_request", body: []byte(`{"action": "opened", "pull_request": {"number": "two"}}`), status: 400},
		{name: "no-repository", reason: "a pull request event naming no repository cannot be acted on",
			event: "pull_request", body: []byte(`{"action": "opened", "number": 2, "pull_request": {"number": 2}}`), status: 400},
		{name: "oversized", reason: "bodies over MaxBody are refused before the signature is checked",
			event: "pull_request", body: append(bytes.Repeat([]byte(" "), DefaultMaxBody), opened...), status: 413},
		{name: "get", reason: "webhooks are POSTed",
			method: http.MethodGet, event: "pull_request", body: opened, status: 405},
		{name: "ping", reason: "GitHub pings a new hook; nothing to do",
			event: "ping", body: payload(t, "ping", nil), status: 204},
		{name: "unhandled-event", reason: "events the bot does not read are acknowledged",
			event: "push", body: []byte(`{"ref": "refs/heads/main"}`), status: 204},
		{name: "unhandled-action", reason: "a pull request label change needs no new report",
			event: "pull_request", body: payload(t, "pull_request.opened", map[string]any{"action": "labeled"}), status: 204},
		{name: "comment-without-issue", reason: "an issue_comment payload with no issue (found by fuzzing: go-github's IsPullRequest is not nil-safe)",
			event: "issue_comment", body: []byte(`{"action": "created", "comment": {"body": "hi"}, "repository": {"name": "r", "owner": {"login": "o"}}}`), status: 204},
		{name: "bot-comment", reason: "the bot's own comment (or any bot's) triggers no new pass",
			event: "issue_comment", body: payload(t, "issue_comment.created", map[string]any{
				"issue.pull_request": map[string]any{"url": "x"}, "sender.login": "heft-app[bot]", "sender.type": "Bot"}), status: 204},
		{name: "comment-on-issue", reason: "the octokit comment is on an issue, not a pull request",
			event: "issue_comment", body: payload(t, "issue_comment.created", nil), status: 204},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			method := tc.method
			if method == "" {
				method = http.MethodPost
			}
			req := httptest.NewRequest(method, "/webhook", bytes.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-GitHub-Event", tc.event)
			req.Header.Set("X-GitHub-Delivery", "d-"+tc.name)
			req.Header.Set("X-Hub-Signature-256", sign(tc.body, secret))
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.hook.ServeHTTP(rec, req)
			assert.Equal(t, tc.status, rec.Code, "%s: %s", tc.reason, rec.Body.String())
			h.finish()
			assert.Zero(t, h.api.writeCount(), "nothing written for a rejected or ignored event")
		})
	}
}

func TestFormEncodedDelivery(t *testing.T) {
	// A webhook configured with content type application/x-www-form-urlencoded
	// sends payload=<json>, signed as sent.
	h := newHarness(t)
	body := []byte("payload=" + url.QueryEscape(string(payload(t, "pull_request.synchronize", nil))))
	req := httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-GitHub-Event", "pull_request")
	req.Header.Set("X-Hub-Signature-256", sign(body, secret))
	rec := httptest.NewRecorder()
	h.hook.ServeHTTP(rec, req)
	require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
	h.finish()
	assert.Len(t, h.api.heftComments(2), 1)
}

func TestPullRequestOpened(t *testing.T) {
	h := newHarness(t)
	rec := h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	require.Equal(t, http.StatusAccepted, rec.Code)
	h.finish()

	cs := h.api.heftComments(2)
	require.Len(t, cs, 1)
	body := cs[0].Body
	assert.True(t, strings.HasPrefix(body, "<!-- heft -->\n### 🔍 heft: review"), body)
	assert.Contains(t, body, "| size | 0.00 | size/XS: 1 reviewable changed line (")
	assert.Contains(t, body, "| engagement |")
	assert.Contains(t, body, `@Codertocat, the comment on 17 May asked "Which languages should the greeting cover?"`)
	assert.Contains(t, body, "<details><summary>Evidence for engagement (1)</summary>")
	assert.ElementsMatch(t, []string{"bug", "size/XS", "awaiting author", "heft/review"}, h.api.labels(2))

	require.Len(t, h.ledger.events, 1)
	e := h.ledger.events[0]
	assert.Equal(t, LedgerEvent{ID: "Codertocat/Hello-World#2:opened", Kind: LedgerOpened, Repo: "Codertocat/Hello-World",
		Number: 2, Author: "Codertocat", Lines: 2, Reviewable: 1, Time: e.Time}, e, "lines are the payload's additions plus deletions")
}

func TestEveryEventKindUpdatesTheComment(t *testing.T) {
	prComment := payload(t, "issue_comment.created", map[string]any{
		"issue.number": 2, "issue.pull_request": map[string]any{"url": "https://api.github.com/repos/Codertocat/Hello-World/pulls/2"}})
	for _, ev := range []struct {
		event, name string
		body        []byte
	}{
		{"pull_request", "synchronize", payload(t, "pull_request.synchronize", nil)},
		{"pull_request", "edited", payload(t, "pull_request.opened", map[string]any{"action": "edited"})},
		{"pull_request_review", "review", payload(t, "pull_request_review.submitted", nil)},
		{"pull_request_review_comment", "review-comment", payload(t, "pull_request_review_comment.created", nil)},
		{"issue_comment", "comment-on-pr", prComment},
	} {
		t.Run(ev.name, func(t *testing.T) {
			h := newHarness(t)
			require.Equal(t, http.StatusAccepted, h.deliver(ev.event, "d-"+ev.name, ev.body).Code)
			h.finish()
			require.Len(t, h.api.heftComments(2), 1, "a PR the bot never saw opened gets its comment")
			assert.Empty(t, h.ledger.events, "only opened, merged and closed go to the ledger")
		})
	}
}

func TestRedeliveryIsIdempotent(t *testing.T) {
	h := newHarness(t)
	body := payload(t, "pull_request.opened", nil)
	require.Equal(t, http.StatusAccepted, h.deliver("pull_request", "d-same", body).Code)
	require.Equal(t, http.StatusAccepted, h.deliver("pull_request", "d-same", body).Code, "a redelivery is acknowledged")
	h.finish()
	assert.Len(t, h.api.heftComments(2), 1)
	writes := h.api.writeCount()

	// GitHub's "Redeliver" button, after the first delivery was done: a
	// new bot process (no memory of delivery IDs) gets the same event.
	h2 := newHarness(t)
	h2.api = h.api
	h2.bot.Clients = h.bot.Clients
	h2.bot.Ledger = h.ledger
	require.Equal(t, http.StatusAccepted, h2.deliver("pull_request", "d-same", body).Code)
	h2.finish()
	assert.Len(t, h.api.heftComments(2), 1, "still one comment")
	assert.Equal(t, writes, h.api.writeCount(), "nothing changed, so nothing is written again")
	assert.Len(t, h.ledger.events, 1, "the ledger has the opening once")
}

func TestConcurrentEventsOnOnePR(t *testing.T) {
	h := newHarness(t)
	h.api.delay = 5 * time.Millisecond // widen the window between finding no comment and creating one
	kinds := []struct {
		event string
		body  []byte
	}{
		{"pull_request", payload(t, "pull_request.opened", nil)},
		{"pull_request", payload(t, "pull_request.synchronize", nil)},
		{"pull_request_review", payload(t, "pull_request_review.submitted", nil)},
		{"pull_request_review_comment", payload(t, "pull_request_review_comment.created", nil)},
	}
	var wg sync.WaitGroup
	codes := make([]int, 40)
	for i := range codes {
		wg.Go(func() {
			k := kinds[i%len(kinds)]
			codes[i] = h.deliver(k.event, fmt.Sprintf("d-%d", i), k.body).Code
		})
	}
	wg.Wait()
	h.finish()
	for i, c := range codes {
		assert.Equal(t, http.StatusAccepted, c, "delivery %d", i)
	}
	assert.Len(t, h.api.heftComments(2), 1, "exactly one sticky comment")
	assert.Equal(t, 1, h.api.count("create comment"), "never created twice, not even for a moment")
	assert.Zero(t, h.api.count("delete comment"), "no duplicate to clean up")
	assert.Len(t, h.ledger.events, 1)
	assert.LessOrEqual(t, h.api.writeCount(), 4*2, "coalesced: a burst costs a few passes, not forty")
}

func TestDuplicateCommentsAreCleanedUp(t *testing.T) {
	h := newHarness(t)
	h.api.comments = []*apiComment{
		{ID: 1, Issue: 2, Body: "<!-- heft -->\nold report", Login: "heft-app[bot]", UserType: "Bot"},
		{ID: 2, Issue: 2, Body: "<!-- heft -->\nold report from a second instance", Login: "heft-app[bot]", UserType: "Bot"},
		{ID: 3, Issue: 2, Body: "<!-- heft -->\nsomeone quoting the bot", Login: "octocat", UserType: "User"},
	}
	h.deliver("pull_request", "d-1", payload(t, "pull_request.synchronize", nil))
	h.finish()
	cs := h.api.heftComments(2)
	require.Len(t, cs, 1)
	assert.Equal(t, int64(1), cs[0].ID, "the oldest is kept and edited in place")
	assert.Contains(t, cs[0].Body, "heft: review")
	assert.Len(t, h.api.comments, 2, "a person's comment is never touched")
}

func TestClosedAndMerged(t *testing.T) {
	h := newHarness(t)
	h.api.prs[2].State, h.api.prs[2].Merged = "closed", true
	h.deliver("pull_request", "d-merged", payload(t, "pull_request.closed", map[string]any{"pull_request.merged": true}))
	h.deliver("pull_request", "d-merged", payload(t, "pull_request.closed", map[string]any{"pull_request.merged": true}))
	h.finish()
	require.Len(t, h.ledger.events, 1)
	assert.Equal(t, LedgerMerged, h.ledger.events[0].Kind)
	assert.Equal(t, "Codertocat/Hello-World#2:merged", h.ledger.events[0].ID)
	assert.Zero(t, h.api.writeCount(), "a closed pull request gets no new report")

	h2 := newHarness(t)
	h2.api.prs[2].State = "closed"
	h2.deliver("pull_request", "d-closed", payload(t, "pull_request.closed", nil))
	h2.finish()
	require.Len(t, h2.ledger.events, 1)
	assert.Equal(t, LedgerClosed, h2.ledger.events[0].Kind)
}

// TestOpenedAfterClose: an opening processed only after the pull request
// closed (a backlog, a restart) stakes its whole changed lines, not 0.
func TestOpenedAfterClose(t *testing.T) {
	h := newHarness(t)
	h.api.prs[2].State = "closed"
	h.deliver("pull_request", "d-open", payload(t, "pull_request.opened", map[string]any{
		"pull_request.additions": 300, "pull_request.deletions": 20}))
	h.finish()
	require.Len(t, h.ledger.events, 1)
	assert.Equal(t, LedgerOpened, h.ledger.events[0].Kind)
	assert.Equal(t, 320, h.ledger.events[0].Reviewable, "no diff was scored: the upper bound, not nothing")
}

func TestUnknownPullRequest(t *testing.T) {
	h := newHarness(t)
	body := payload(t, "pull_request.synchronize", map[string]any{"number": 99, "pull_request.number": 99})
	require.Equal(t, http.StatusAccepted, h.deliver("pull_request", "d-99", body).Code)
	h.finish()
	assert.Zero(t, h.api.writeCount(), "a 404 from GitHub is logged, nothing is written")
}

func TestLabelsSync(t *testing.T) {
	h := newHarness(t)
	h.api.prs[2].Labels = []string{"bug", "size/XXL", "heft/flag", "awaiting author"}
	h.api.prs[2].Timeline = append(h.api.prs[2].Timeline, map[string]any{
		"event": "commented", "created_at": "2019-05-20T08:00:00Z", "author_association": "FIRST_TIME_CONTRIBUTOR",
		"user": map[string]any{"login": "Codertocat", "type": "User"}, "body": "Every language GitHub's linguist knows.",
	})
	h.deliver("pull_request", "d-1", payload(t, "pull_request.synchronize", nil))
	h.finish()
	assert.ElementsMatch(t, []string{"bug", "size/XS"}, h.api.labels(2),
		"stale heft labels go once the author answered; a maintainer's label stays")
}

func TestRepositoryConfig(t *testing.T) {
	h := newHarness(t)
	h.api.files[ConfigPath] = `{"scorers": ["size"], "labels": {"no_verdict": true}}`
	h.api.files[".github/PULL_REQUEST_TEMPLATE.md"] = "## What\n\n## Why\n"
	h.deliver("pull_request", "d-1", payload(t, "pull_request.synchronize", nil))
	h.finish()
	body := h.api.heftComments(2)[0].Body
	assert.NotContains(t, body, "engagement", "scorers limits what runs")
	assert.ElementsMatch(t, []string{"bug", "size/XS"}, h.api.labels(2))

	bad := newHarness(t)
	bad.api.files[ConfigPath] = `{"policy": {"review": 0.9, "flag": 0.4}}`
	bad.deliver("pull_request", "d-1", payload(t, "pull_request.synchronize", nil))
	bad.finish()
	body = bad.api.heftComments(2)[0].Body
	assert.Contains(t, body, "The configuration could not be used, so the defaults apply: `.github/heft.json: policy:")
	assert.Contains(t, body, "flag threshold 0.4 is below review threshold 0.9")
	assert.Contains(t, body, "| engagement |", "the defaults still run")
}

func TestDryRun(t *testing.T) {
	h := newHarness(t, func(h *harness) { h.bot.DryRun = true })
	h.api.prs[2].Labels = []string{"size/XXL"}
	h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	h.finish()
	assert.Zero(t, h.api.writeCount(), "a dry run writes nothing")
	assert.Empty(t, h.ledger.events)
	out := h.out.String()
	assert.Contains(t, out, "Codertocat/Hello-World#2: would record ledger event Codertocat/Hello-World#2:opened (opened by @Codertocat, 2 lines, 1 reviewable)")
	assert.Contains(t, out, "Codertocat/Hello-World#2: would create the heft comment:\n<!-- heft -->\n### 🔍 heft: review")
	assert.Contains(t, out, `would add labels ["size/XS" "awaiting author" "heft/review"]`)
	assert.Contains(t, out, `would remove label "size/XXL"`)
}

func TestDiffTooLarge(t *testing.T) {
	h := newHarness(t)
	pr := h.api.prs[2]
	pr.DiffTooLarge = true
	pr.Files = []map[string]any{
		{"filename": "internal/store/store.go", "status": "added", "additions": 24000, "deletions": 0},
		{"filename": "go.sum", "status": "modified", "additions": 300, "deletions": 12},
		{"filename": "cmd/new.go", "previous_filename": "cmd/old.go", "status": "renamed", "additions": 3, "deletions": 1},
	}
	h.deliver("pull_request", "d-1", payload(t, "pull_request.synchronize", nil))
	h.finish()
	body := h.api.heftComments(2)[0].Body
	assert.Contains(t, body, "size/XXL: 24,004 reviewable changed lines")
	assert.Contains(t, body, "312 generated, vendored or lockfile lines not counted")
	assert.Contains(t, body, "The diff was too large to fetch")
}

func TestRateLimitRetries(t *testing.T) {
	var mu sync.Mutex
	var retried []time.Duration
	h := newHarness(t, func(h *harness) {
		h.bot.Retry = func(j *Job, after time.Duration) {
			mu.Lock()
			retried = append(retried, after)
			mu.Unlock()
			assert.Equal(t, 1, j.Attempt)
		}
	})
	h.api.limited = 1
	h.deliver("pull_request", "d-1", payload(t, "pull_request.synchronize", nil))
	h.finish()
	require.Len(t, retried, 1, "a rate-limited job is retried, not dropped")
	assert.Greater(t, retried[0], 30*time.Minute, "after the limit resets")
}

func TestSelfOnlyEditsItsOwnComment(t *testing.T) {
	h := newHarness(t, func(h *harness) { h.bot.Self = "heft-app[bot]" })
	h.api.comments = []*apiComment{
		{ID: 1, Issue: 2, Body: "<!-- heft -->\nanother App's comment with our marker", Login: "mimic[bot]", UserType: "Bot"},
	}
	h.deliver("pull_request", "d-1", payload(t, "pull_request.synchronize", nil))
	h.finish()
	assert.Equal(t, 1, h.api.count("create comment"), "a marked comment by someone else is not ours")
	assert.Zero(t, h.api.count("update comment"))
	assert.Zero(t, h.api.count("delete comment"))
}

func TestRunUsage(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no-secret", nil, nil, "githubbot: HEFT_WEBHOOK_SECRET is not set: the bot refuses unsigned webhooks\n"},
		{"no-credentials", nil, map[string]string{"HEFT_WEBHOOK_SECRET": "s"},
			"githubbot: set --app-id and --private-key (or GITHUB_TOKEN for a local trial)\n"},
		{"missing-key", []string{"--app-id", "1", "--private-key", "testdata/no-such.pem"}, map[string]string{"HEFT_WEBHOOK_SECRET": "s"},
			"githubbot: --private-key: "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, env(tc.env), &stdout, &stderr)
			assert.Equal(t, 2, code)
			assert.True(t, strings.HasPrefix(stderr.String(), tc.want), stderr.String())
		})
	}
}

// TestBotWithReputationLedger runs the bot as --ledger does: the reputation
// scorer joins the set, the opening is scored before it is recorded, and
// a redelivery records nothing twice.
func TestBotWithReputationLedger(t *testing.T) {
	store := reputation.NewMemoryStore()
	l, err := reputation.New(store, nil)
	require.NoError(t, err)
	scorer, err := repscore.New(l, repscore.Config{})
	require.NoError(t, err)
	h := newHarness(t, func(h *harness) {
		h.bot.Ledger = &ReputationLedger{Ledger: l}
		h.bot.Extra = []heuristics.Scorer{scorer}
	})
	h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	h.finish()

	cs := h.api.heftComments(2)
	require.Len(t, cs, 1)
	assert.Contains(t, cs[0].Body, "| reputation | 0.00 |", "a newcomer's one-line PR stakes little of the grant")

	events, err := store.Events(context.Background(), reputation.Subject{Forge: "github", Login: "Codertocat"})
	require.NoError(t, err)
	require.Len(t, events, 1, "the redelivered opening is recorded once")
	assert.Equal(t, reputation.KindOpened, events[0].Kind)
	assert.Equal(t, "Codertocat/Hello-World#2", events[0].PR)
}
