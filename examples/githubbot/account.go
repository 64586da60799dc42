package main

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v92/github"

	"github.com/heft-dev/heft/examples/internal/ghpr"
	"github.com/heft-dev/heft/heuristics"
)

// Defaults of the account lookups.
const (
	DefaultAccountTTL  = 6 * time.Hour // how long a looked-up account is reused
	DefaultAccountSize = 10000         // accounts (and per-repository counts) cached
	maxForkEvents      = 100           // public events read for forks: one page
)

// Accounts looks up pull request authors' accounts on GitHub for the
// account scorer, through the installation's token, and caches what it
// finds per login. A lookup never fails the scoring: whatever GitHub does
// not answer (a rate limit, a 404 for a deleted or renamed account, a
// server error) stays unknown (nil) in the Account, and the scorer's
// rules that need it do not fire.
//
// Per author it costs, when nothing is cached: one call to GET
// /users/{login} and one to GET /users/{login}/events/public (core
// limit: 5,000 an hour per installation, more for large ones), and four
// searches (search limit: 30 a minute) for the merged and the closed
// unmerged pull requests in the repository and on all of GitHub. The
// user, the global counts and the forks are cached per login; the
// repository counts per login and repository.
//
// Rate limits: a RateLimitError or AbuseRateLimitError from go-github, or
// a response whose X-RateLimit-Remaining is under a tenth of its
// X-RateLimit-Limit, pauses lookups of that kind (core or search) for
// that installation until the limit resets (or for Retry-After, or a
// minute), so the bot's own work (comments, labels) keeps its budget.
// Paused lookups are skipped, not waited for.
//
// Accounts is safe for concurrent use. The zero value is ready to use.
type Accounts struct {
	TTL     time.Duration    // default DefaultAccountTTL
	MaxSize int              // entries cached; default DefaultAccountSize
	Now     func() time.Time // default time.Now
	Log     *slog.Logger     // default slog.Default()

	mu      sync.Mutex
	lru     *list.List // of *accountEntry, most recently used first
	byKey   map[string]*list.Element
	paused  map[pauseKey]time.Time
	flights map[string]*flight
}

// flight is a lookup under way; others asking for the same key wait for
// it rather than ask GitHub again (a burst of pull requests from one
// account would otherwise spend the search limit several times over).
type flight struct {
	done chan struct{}
	e    *accountEntry // nil: nothing learned
}

type accountEntry struct {
	key     string
	expires time.Time
	user    *heuristics.Account           // "u:" entries: nil for a 404
	counts  *heuristics.PullRequestCounts // "r:" entries
}

type pauseKey struct {
	installation int64
	kind         string // "core" or "search"
}

// Lookup returns what GitHub says of login's account, with the pull
// request counts in owner/repo; nil when nothing could be learned (the
// account does not exist, or every lookup was skipped).
func (a *Accounts) Lookup(ctx context.Context, gh *github.Client, installation int64, login, owner, repo string) *heuristics.Account {
	login = strings.ToLower(login)
	uKey, rKey := "u:"+login, "r:"+strings.ToLower(owner+"/"+repo)+":"+login

	u := a.get(uKey)
	if u == nil {
		u = a.do(ctx, uKey, func() *accountEntry {
			acc, found := a.fetchUser(ctx, gh, installation, login)
			if !found { // a 404 is cached too; a skipped lookup is not
				return nil
			}
			return &accountEntry{key: uKey, user: acc}
		})
	}
	if u == nil || u.user == nil {
		return nil
	}
	out := *u.user // the cached value is shared: copy before adding the repository's counts
	r := a.get(rKey)
	if r == nil {
		r = a.do(ctx, rKey, func() *accountEntry {
			counts := a.prCounts(ctx, gh, installation, fmt.Sprintf("repo:%s/%s author:%s", owner, repo, login))
			if counts == nil {
				return nil
			}
			return &accountEntry{key: rKey, counts: counts}
		})
	}
	if r != nil {
		out.Repo = r.counts
	}
	return &out
}

// do runs fetch for key, or waits for the run already under way, and
// caches what it returns.
func (a *Accounts) do(ctx context.Context, key string, fetch func() *accountEntry) *accountEntry {
	a.mu.Lock()
	if f, ok := a.flights[key]; ok {
		a.mu.Unlock()
		select {
		case <-f.done:
			return f.e
		case <-ctx.Done():
			return nil
		}
	}
	if a.flights == nil {
		a.flights = map[string]*flight{}
	}
	f := &flight{done: make(chan struct{})}
	a.flights[key] = f
	a.mu.Unlock()

	defer func() {
		a.mu.Lock()
		delete(a.flights, key)
		a.mu.Unlock()
		close(f.done)
	}()
	f.e = fetch()
	if f.e != nil {
		a.store(f.e)
	}
	return f.e
}

// fetchUser reads the user, the global counts and the forks. found is
// false when the lookup was skipped or failed (nothing to cache), true
// when GitHub answered; acc is nil for a 404.
func (a *Accounts) fetchUser(ctx context.Context, gh *github.Client, installation int64, login string) (acc *heuristics.Account, found bool) {
	if a.isPaused(installation, "core") {
		return nil, false
	}
	u, resp, err := gh.Users.Get(ctx, login)
	a.note(installation, "core", resp, err)
	switch {
	case resp != nil && resp.StatusCode == http.StatusNotFound:
		a.log().Info("account lookup: no such user", "login", login)
		return nil, true
	case err != nil:
		a.log().Warn("account lookup skipped", "login", login, "err", err)
		return nil, false
	}
	// The same reading of the user object as the Action's (ghpr), so a
	// profile field of only spaces is empty for both.
	gu := ghpr.User{
		Login: u.GetLogin(), Type: u.GetType(),
		Name: u.Name, Company: u.Company, Blog: u.Blog, Location: u.Location, Email: u.Email,
		Hireable: u.Hireable, Bio: u.Bio, TwitterUsername: u.TwitterUsername,
		PublicRepos: u.PublicRepos, Followers: u.Followers, Following: u.Following,
	}
	if u.CreatedAt != nil {
		gu.CreatedAt = u.CreatedAt.Time
	}
	if acc = gu.Account(); acc == nil {
		acc = &heuristics.Account{Profile: []string{}} // an answer that says nothing of the account
	}
	acc.Global = a.prCounts(ctx, gh, installation, "author:"+login)
	acc.ForksPerDay = a.forksPerDay(ctx, gh, installation, login)
	return acc, true
}

// prCounts counts the author's merged and closed unmerged pull requests
// matching scope (a search qualifier), with two searches; nil when
// either is skipped or fails. The open pull request being scored is in
// neither count.
func (a *Accounts) prCounts(ctx context.Context, gh *github.Client, installation int64, scope string) *heuristics.PullRequestCounts {
	var n [2]int
	for i, state := range []string{"is:merged", "is:closed is:unmerged"} {
		if a.isPaused(installation, "search") {
			return nil
		}
		res, resp, err := gh.Search.Issues(ctx, "is:pr "+state+" "+scope, &github.SearchOptions{ListOptions: github.ListOptions{PerPage: 1}})
		a.note(installation, "search", resp, err)
		if err != nil {
			a.log().Warn("account lookup: search skipped", "scope", scope, "err", err)
			return nil
		}
		n[i] = res.GetTotal()
	}
	return &heuristics.PullRequestCounts{Merged: n[0], Closed: n[1]}
}

// forksPerDay reads one page of the user's public events (GitHub keeps
// 90 days of them) and returns the most forks made within any 24 hours;
// nil when skipped or failed.
func (a *Accounts) forksPerDay(ctx context.Context, gh *github.Client, installation int64, login string) *int {
	if a.isPaused(installation, "core") {
		return nil
	}
	events, resp, err := gh.Activity.ListEventsPerformedByUser(ctx, login, true, &github.ListOptions{PerPage: maxForkEvents})
	a.note(installation, "core", resp, err)
	if err != nil {
		a.log().Warn("account lookup: events skipped", "login", login, "err", err)
		return nil
	}
	var forks []time.Time
	for _, e := range events {
		if e.GetType() == "ForkEvent" && e.CreatedAt != nil {
			forks = append(forks, e.CreatedAt.Time)
		}
	}
	return heuristics.Ptr(maxWithinDay(forks))
}

// maxWithinDay returns the most times that fall within any 24 hours.
func maxWithinDay(ts []time.Time) int {
	slices.SortFunc(ts, func(x, y time.Time) int { return x.Compare(y) })
	best, lo := 0, 0
	for hi := range ts {
		for ts[hi].Sub(ts[lo]) >= 24*time.Hour {
			lo++
		}
		best = max(best, hi-lo+1)
	}
	return best
}

// note pauses lookups of kind after a rate-limit error, or when the
// response says less than a tenth of the limit remains.
func (a *Accounts) note(installation int64, kind string, resp *github.Response, err error) {
	var (
		rl    *github.RateLimitError
		abuse *github.AbuseRateLimitError
		until time.Time
	)
	switch {
	case errors.As(err, &rl):
		until = rl.Rate.Reset.Time
	case errors.As(err, &abuse):
		until = a.now().Add(max(abuse.GetRetryAfter(), time.Minute))
	case resp != nil && resp.Rate.Limit > 0 && resp.Rate.Remaining*10 < resp.Rate.Limit:
		until = resp.Rate.Reset.Time
	default:
		return
	}
	if !until.After(a.now()) {
		until = a.now().Add(time.Minute)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.paused == nil {
		a.paused = map[pauseKey]time.Time{}
	}
	a.paused[pauseKey{installation, kind}] = until
	a.log().Warn("account lookups paused: rate limit", "kind", kind, "installation", installation, "until", until)
}

func (a *Accounts) isPaused(installation int64, kind string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	until, ok := a.paused[pauseKey{installation, kind}]
	if ok && !a.now().Before(until) {
		delete(a.paused, pauseKey{installation, kind})
		return false
	}
	return ok
}

// get returns the fresh entry for key, or nil. Entries are not changed
// once stored, so the caller may read it without the lock.
func (a *Accounts) get(key string) *accountEntry {
	a.mu.Lock()
	defer a.mu.Unlock()
	el, ok := a.byKey[key]
	if !ok {
		return nil
	}
	e := el.Value.(*accountEntry)
	if !a.now().Before(e.expires) {
		a.lru.Remove(el)
		delete(a.byKey, key)
		return nil
	}
	a.lru.MoveToFront(el)
	return e
}

// store caches e, evicting the least recently used entries past MaxSize.
func (a *Accounts) store(e *accountEntry) {
	ttl := a.TTL
	if ttl <= 0 {
		ttl = DefaultAccountTTL
	}
	size := a.MaxSize
	if size <= 0 {
		size = DefaultAccountSize
	}
	e.expires = a.now().Add(ttl)
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.lru == nil {
		a.lru, a.byKey = list.New(), map[string]*list.Element{}
	}
	if el, ok := a.byKey[e.key]; ok {
		a.lru.Remove(el)
	}
	a.byKey[e.key] = a.lru.PushFront(e)
	for a.lru.Len() > size {
		old := a.lru.Back()
		a.lru.Remove(old)
		delete(a.byKey, old.Value.(*accountEntry).key)
	}
}

// Len returns the number of entries cached.
func (a *Accounts) Len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.lru == nil {
		return 0
	}
	return a.lru.Len()
}

func (a *Accounts) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func (a *Accounts) log() *slog.Logger {
	if a.Log != nil {
		return a.Log
	}
	return slog.Default()
}
