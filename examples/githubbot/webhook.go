package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"

	"github.com/google/go-github/v92/github"
)

// DefaultMaxBody is the largest webhook body accepted: GitHub caps
// payloads at 25 MB, but the events the bot reads are far smaller.
const DefaultMaxBody = 5 << 20

// Webhook is the http.Handler GitHub delivers events to. It checks the
// X-Hub-Signature-256 header against the shared secret before it parses
// anything, answers within milliseconds, and hands the work to a Queue.
type Webhook struct {
	Secret  []byte       // the webhook secret set in the GitHub App's settings
	Queue   *Queue       // where accepted events go
	MaxBody int64        // default DefaultMaxBody
	Log     *slog.Logger // default slog.Default()
}

// ServeHTTP answers 202 for an event queued, 204 for an event the bot
// does not act on, 401 for a missing or wrong signature, 413 for a body
// over MaxBody, 400 for a payload that does not parse, 405 for a method
// other than POST and 503 when the queue is full (GitHub lets an
// administrator redeliver it).
func (h *Webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "webhooks are POSTed", http.StatusMethodNotAllowed)
		return
	}
	limit := h.MaxBody
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, fmt.Sprintf("body over %d bytes", limit), http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "reading body", http.StatusBadRequest)
		return
	}

	// The signature first: nothing unauthenticated is parsed. SHA-1
	// signatures are not accepted; ValidateSignature compares in
	// constant time.
	sig := r.Header.Get(github.SHA256SignatureHeader)
	if len(h.Secret) == 0 || sig == "" || github.ValidateSignature(sig, body, h.Secret) != nil {
		h.log().Warn("webhook: bad signature", "delivery", github.DeliveryID(r), "remote", r.RemoteAddr)
		http.Error(w, "missing or wrong X-Hub-Signature-256", http.StatusUnauthorized)
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
		http.Error(w, "busy, redeliver later", http.StatusServiceUnavailable)
		return
	}
	h.log().Info("webhook: queued", "event", kind, "delivery", delivery, "pr", j.Key)
	w.WriteHeader(http.StatusAccepted)
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

func (r *recent) remove(s string) {
	if !r.set[s] {
		return
	}
	delete(r.set, s)
	for i, x := range r.order {
		if x == s {
			r.order = append(r.order[:i], r.order[i+1:]...)
			break
		}
	}
}
