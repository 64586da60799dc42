package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/go-github/v92/github"
)

// DefaultMaxBody is the largest webhook body accepted: GitHub caps
// payloads at 25 MB, but the events the bot reads are far smaller.
const DefaultMaxBody = 5 << 20

// DefaultMaxReads is how many request bodies Webhook reads at once by
// default: with DefaultMaxBody, at most 80 MiB of bodies in memory however
// many connections are open.
const DefaultMaxReads = 16

// DefaultBodyTimeout is how long Webhook waits for a body by default. A
// client that announces more than it sends holds a read slot (and its
// connection) this long, then gets 408, rather than the server's whole
// read timeout.
const DefaultBodyTimeout = 10 * time.Second

// DefaultRejectLogInterval is how often, at most, Webhook logs rejected
// requests of one kind; a line carries the count since the last.
const DefaultRejectLogInterval = time.Minute

// Webhook is the http.Handler GitHub delivers events to. It rejects a
// request with no X-Hub-Signature-256 header, or one announcing a body
// over MaxBody, before reading its body; reads at most MaxReads bodies at
// once (the rest get 503 and Retry-After at once, holding no memory);
// checks the signature against the shared secret before it parses
// anything; answers within milliseconds; and hands the work to a Queue.
type Webhook struct {
	Secret      []byte        // the webhook secret set in the GitHub App's settings
	Queue       *Queue        // where accepted events go
	MaxBody     int64         // default DefaultMaxBody
	MaxReads    int           // bodies read at once; default DefaultMaxReads
	BodyTimeout time.Duration // default DefaultBodyTimeout
	Log         *slog.Logger  // default slog.Default()

	// RejectLogInterval is how often, at most, a line is logged per
	// kind of rejected request (unsigned, bad-signature, too-large,
	// busy, ...); default DefaultRejectLogInterval. Unauthenticated
	// clients cannot flood the log.
	RejectLogInterval time.Duration

	once    sync.Once
	reads   chan struct{}
	rejects rejectLog
	peak    atomic.Int64 // most bodies read at once, for tests
	reading atomic.Int64
}

// ServeHTTP answers 202 for an event queued, 204 for an event the bot
// does not act on, 401 for a missing or wrong signature, 413 for a body
// over MaxBody, 408 for a body that does not arrive within BodyTimeout,
// 400 for a payload that does not parse, 405 for a method other than
// POST, and 503 with Retry-After when MaxReads bodies are being read or
// the queue is full (GitHub lets an administrator redeliver it).
func (h *Webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.once.Do(func() {
		n := h.MaxReads
		if n <= 0 {
			n = DefaultMaxReads
		}
		h.reads = make(chan struct{}, n)
		h.rejects.interval = h.RejectLogInterval
		if h.rejects.interval <= 0 {
			h.rejects.interval = DefaultRejectLogInterval
		}
	})
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "webhooks are POSTed", http.StatusMethodNotAllowed)
		return
	}
	// Nothing is read from a request that cannot be authenticated.
	sig := r.Header.Get(github.SHA256SignatureHeader)
	if sig == "" || len(h.Secret) == 0 {
		h.reject(r, "unsigned")
		http.Error(w, "missing X-Hub-Signature-256", http.StatusUnauthorized)
		return
	}
	limit := h.MaxBody
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	if r.ContentLength > limit {
		h.reject(r, "too-large")
		http.Error(w, fmt.Sprintf("body over %d bytes", limit), http.StatusRequestEntityTooLarge)
		return
	}
	select {
	case h.reads <- struct{}{}:
	default:
		h.reject(r, "busy")
		w.Header().Set("Retry-After", "5")
		http.Error(w, "busy, retry later", http.StatusServiceUnavailable)
		return
	}
	body, err := h.read(w, r, limit)
	<-h.reads
	if err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			h.reject(r, "too-large")
			http.Error(w, fmt.Sprintf("body over %d bytes", limit), http.StatusRequestEntityTooLarge)
		case errors.Is(err, os.ErrDeadlineExceeded):
			h.reject(r, "slow-body")
			http.Error(w, "body not received in time", http.StatusRequestTimeout)
		default:
			h.reject(r, "unreadable")
			http.Error(w, "reading body", http.StatusBadRequest)
		}
		return
	}

	// The signature first: nothing unauthenticated is parsed. SHA-1
	// signatures are not accepted; ValidateSignature compares in
	// constant time.
	if github.ValidateSignature(sig, body, h.Secret) != nil {
		h.reject(r, "bad-signature")
		http.Error(w, "wrong X-Hub-Signature-256", http.StatusUnauthorized)
		return
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	payload, err := github.ValidatePayloadFromBody(ct, bytes.NewReader(body), sig, h.Secret)
	if err != nil {
		http.Error(w, "unsupported content type (use application/json)", http.StatusBadRequest)
		return
	}

	kind := github.WebHookType(r)
	delivery := github.DeliveryID(r)
	switch kind {
	case "ping":
		w.WriteHeader(http.StatusNoContent)
		return
	case "pull_request", "issue_comment", "pull_request_review", "pull_request_review_comment":
	default:
		w.WriteHeader(http.StatusNoContent)
		return
	}
	event, err := parseEvent(kind, payload)
	if err != nil {
		http.Error(w, "malformed "+kind+" payload", http.StatusBadRequest)
		return
	}
	j, ok, err := jobFor(event)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	// A redelivery is queued like any event: the work is idempotent, and
	// a maintainer who presses Redeliver after a failure wants it done.
	if err := h.Queue.Add(j); err != nil {
		h.log().Error("webhook: queue full", "delivery", delivery, "pr", j.Key)
		w.Header().Set("Retry-After", "60")
		http.Error(w, "busy, redeliver later", http.StatusServiceUnavailable)
		return
	}
	h.log().Info("webhook: queued", "event", kind, "delivery", delivery, "pr", j.Key)
	w.WriteHeader(http.StatusAccepted)
}

// read reads the body, up to limit bytes and within BodyTimeout.
func (h *Webhook) read(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	n := h.reading.Add(1)
	defer h.reading.Add(-1)
	for p := h.peak.Load(); n > p && !h.peak.CompareAndSwap(p, n); p = h.peak.Load() {
	}
	timeout := h.BodyTimeout
	if timeout <= 0 {
		timeout = DefaultBodyTimeout
	}
	// Not every ResponseWriter supports deadlines (httptest's does not):
	// then the server's ReadTimeout is the bound.
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(timeout))
	return io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
}

// reject logs a rejected request, at most one line per reason per
// RejectLogInterval, with the count of those not logged.
func (h *Webhook) reject(r *http.Request, reason string) {
	if n, ok := h.rejects.note(reason, time.Now()); ok {
		h.log().Warn("webhook: rejected", "reason", reason, "count", n,
			"delivery", github.DeliveryID(r), "remote", r.RemoteAddr)
	}
}

// rejectLog counts rejected requests per reason and says when to log.
type rejectLog struct {
	interval time.Duration

	mu     sync.Mutex
	last   map[string]time.Time
	counts map[string]int
}

// note counts one reject for reason; it returns the count since the last
// line logged and true when a line is due.
func (l *rejectLog) note(reason string, now time.Time) (int, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.last == nil {
		l.last, l.counts = map[string]time.Time{}, map[string]int{}
	}
	l.counts[reason]++
	if t, ok := l.last[reason]; ok && now.Sub(t) < l.interval {
		return 0, false
	}
	n := l.counts[reason]
	l.last[reason], l.counts[reason] = now, 0
	return n, true
}

func (h *Webhook) log() *slog.Logger {
	if h.Log != nil {
		return h.Log
	}
	return slog.Default()
}

// parseEvent parses a payload with go-github, behind recover: a panic in
// a third-party parser must not take the server down.
func parseEvent(kind string, payload []byte) (event any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("parsing %s payload: panic: %v", kind, p)
		}
	}()
	return github.ParseWebHook(kind, payload)
}

// jobFor turns a parsed event into work on one pull request. It returns
// false for events the bot does not act on: other actions, and comments
// on issues that are not pull requests.
func jobFor(event any) (*Job, bool, error) {
	var (
		repo   *github.Repository
		number int
		inst   int64
		j      = &Job{}
	)
	switch e := event.(type) {
	case *github.PullRequestEvent:
		switch e.GetAction() {
		case "opened", "reopened", "synchronize", "edited", "ready_for_review", "closed":
		default:
			return nil, false, nil
		}
		repo, number, inst = e.GetRepo(), e.GetPullRequest().GetNumber(), e.GetInstallation().GetID()
		pr := e.GetPullRequest()
		kind := ""
		switch {
		case e.GetAction() == "opened":
			kind = LedgerOpened
		case e.GetAction() == "closed" && pr.GetMerged():
			kind = LedgerMerged
		case e.GetAction() == "closed":
			kind = LedgerClosed
		}
		if kind != "" {
			at := pr.GetCreatedAt().Time
			if kind != LedgerOpened {
				at = pr.GetClosedAt().Time
			}
			j.Ledger = append(j.Ledger, LedgerEvent{
				ID:     fmt.Sprintf("%s#%d:%s", repo.GetFullName(), number, kind),
				Kind:   kind,
				Repo:   repo.GetFullName(),
				Number: number,
				Author: pr.GetUser().GetLogin(),
				Lines:  pr.GetAdditions() + pr.GetDeletions(),
				Time:   at,
			})
		}
	case *github.IssueCommentEvent:
		// A bot's comment (the bot's own included) changes nothing the
		// scorers read: bots never reset the engagement clock. Ignoring
		// them also keeps the bot from re-running on its own edits.
		if isBot(e.GetSender().GetLogin(), e.GetSender().GetType()) {
			return nil, false, nil
		}
		if e.GetIssue() == nil || !e.GetIssue().IsPullRequest() { // IsPullRequest is not nil-safe
			return nil, false, nil
		}
		repo, number, inst = e.GetRepo(), e.GetIssue().GetNumber(), e.GetInstallation().GetID()
	case *github.PullRequestReviewEvent:
		repo, number, inst = e.GetRepo(), e.GetPullRequest().GetNumber(), e.GetInstallation().GetID()
	case *github.PullRequestReviewCommentEvent:
		repo, number, inst = e.GetRepo(), e.GetPullRequest().GetNumber(), e.GetInstallation().GetID()
	default:
		return nil, false, nil
	}
	owner, name := repo.GetOwner().GetLogin(), repo.GetName()
	if owner == "" || name == "" || number <= 0 {
		return nil, false, errors.New("payload names no repository or pull request number")
	}
	if strings.ContainsAny(owner+name, "/?#") {
		return nil, false, errors.New("payload has an invalid repository name")
	}
	j.Key = PRKey{Owner: owner, Repo: name, Number: number}
	j.Installation = inst
	return j, true, nil
}

// recent is a bounded set of strings that forgets the oldest first.
type recent struct {
	max   int
	order []string
	set   map[string]bool
}

func newRecent(max int) *recent { return &recent{max: max, set: map[string]bool{}} }

// add reports whether s is new, and remembers it.
func (r *recent) add(s string) bool {
	if r.set[s] {
		return false
	}
	r.set[s] = true
	r.order = append(r.order, s)
	if len(r.order) > r.max {
		delete(r.set, r.order[0])
		r.order = r.order[1:]
	}
	return true
}

// has reports whether s is remembered.
func (r *recent) has(s string) bool { return r.set[s] }
