package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v92/github"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
)

// newAccountAPI serves the simulated GitHub with two users: newcomer, a
// week-old account with an empty profile and a burst of forks, and
// veteran, with a full profile and a history.
func newAccountAPI(t *testing.T) (*apiGitHub, *github.Client) {
	t.Helper()
	api := newAPIGitHub(t)
	api.users["newcomer"] = map[string]any{"login": "newcomer", "type": "User", "created_at": "2019-05-20T10:00:00Z",
		"name": nil, "company": nil, "blog": "", "location": nil, "email": nil, "hireable": nil, "bio": nil,
		"twitter_username": nil, "public_repos": 4, "followers": 0, "following": 0}
	api.events["newcomer"] = []map[string]any{
		{"type": "ForkEvent", "created_at": "2019-05-26T10:00:00Z"},
		{"type": "PushEvent", "created_at": "2019-05-26T09:00:00Z"},
		{"type": "ForkEvent", "created_at": "2019-05-26T09:30:00Z"},
		{"type": "ForkEvent", "created_at": "2019-05-25T12:00:00Z"},
		{"type": "ForkEvent", "created_at": "2019-05-21T12:00:00Z"},
	}
	api.users["veteran"] = map[string]any{"login": "veteran", "type": "User", "created_at": "2011-01-25T18:44:36Z",
		"name": "Vera Veteran", "company": "@acme", "blog": "https://vera.example", "location": "Oslo",
		"email": "vera@example.com", "hireable": true, "bio": "Compilers.", "twitter_username": "vera",
		"public_repos": 80, "followers": 300, "following": 12}
	api.events["veteran"] = []map[string]any{}
	api.searches["is:pr is:merged author:newcomer"] = 1
	api.searches["is:pr is:closed is:unmerged author:newcomer"] = 9
	api.searches["is:pr is:merged repo:Codertocat/Hello-World author:newcomer"] = 0
	api.searches["is:pr is:closed is:unmerged repo:Codertocat/Hello-World author:newcomer"] = 2
	api.searches["is:pr is:merged author:veteran"] = 120
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	client, err := newClient(srv.Client(), srv.URL+"/")
	require.NoError(t, err)
	return api, client
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// clock is a settable clock for the cache's TTL.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestAccountsLookup(t *testing.T) {
	ctx := context.Background()
	api, gh := newAccountAPI(t)
	clk := &clock{t: time.Now()}
	accts := &Accounts{Now: clk.now, Log: quietLog()}

	got := accts.Lookup(ctx, gh, 1, "Newcomer", "Codertocat", "Hello-World")
	want := &heuristics.Account{
		CreatedAt:   time.Date(2019, 5, 20, 10, 0, 0, 0, time.UTC),
		Profile:     []string{},
		PublicRepos: heuristics.Ptr(4), Followers: heuristics.Ptr(0), Following: heuristics.Ptr(0),
		Repo:        &heuristics.PullRequestCounts{Merged: 0, Closed: 2},
		Global:      &heuristics.PullRequestCounts{Merged: 1, Closed: 9},
		ForksPerDay: heuristics.Ptr(3), // 25 May 12:00 to 26 May 10:00
	}
	assert.Equal(t, want, got)
	assert.Equal(t, 1, api.readCount("GET /users/newcomer?"))
	assert.Equal(t, 1, api.readCount("GET /users/newcomer/events/public"))
	assert.Equal(t, 4, api.readCount("GET /search/issues"))

	v := accts.Lookup(ctx, gh, 1, "veteran", "Codertocat", "Hello-World")
	require.NotNil(t, v)
	assert.Equal(t, []string{"name", "company", "blog", "location", "email", "hireable", "bio", "twitter_username"}, v.Profile)
	assert.Equal(t, &heuristics.PullRequestCounts{Merged: 120}, v.Global)
	assert.Equal(t, heuristics.Ptr(0), v.ForksPerDay, "no forks is a known 0")

	// A cache hit: the same login, in any case, asks GitHub nothing.
	reads := len(api.reads)
	again := accts.Lookup(ctx, gh, 1, "NEWCOMER", "Codertocat", "Hello-World")
	assert.Equal(t, want, again)
	assert.Len(t, api.reads, reads, "a cached account costs no request")
	// Another repository reuses the user and asks only for its own counts.
	other := accts.Lookup(ctx, gh, 1, "newcomer", "acme", "app")
	assert.Equal(t, want.Global, other.Global)
	assert.Equal(t, &heuristics.PullRequestCounts{}, other.Repo)
	assert.Len(t, api.reads, reads+2, "two searches for the other repository")
	assert.Equal(t, want.Repo, accts.Lookup(ctx, gh, 1, "newcomer", "Codertocat", "Hello-World").Repo,
		"a copy is returned: the other repository's counts did not leak into the cache")

	// Past the TTL it is asked again.
	clk.add(DefaultAccountTTL + time.Minute)
	accts.Lookup(ctx, gh, 1, "newcomer", "Codertocat", "Hello-World")
	assert.Equal(t, 2, api.readCount("GET /users/newcomer?"))
}

func TestAccountsNotFound(t *testing.T) {
	ctx := context.Background()
	api, gh := newAccountAPI(t)
	accts := &Accounts{Log: quietLog()}
	assert.Nil(t, accts.Lookup(ctx, gh, 1, "ghost", "Codertocat", "Hello-World"), "a deleted or renamed account is unknown")
	assert.Nil(t, accts.Lookup(ctx, gh, 1, "ghost", "Codertocat", "Hello-World"))
	assert.Equal(t, 1, api.readCount("GET /users/ghost"), "a 404 is cached: no second request")
	assert.Zero(t, api.readCount("GET /search/issues"), "no search for an account that does not exist")
}

func TestAccountsPrimaryRateLimit(t *testing.T) {
	ctx := context.Background()
	api, gh := newAccountAPI(t)
	api.usersLimited = 1
	accts := &Accounts{Log: quietLog()}
	assert.Nil(t, accts.Lookup(ctx, gh, 1, "newcomer", "Codertocat", "Hello-World"),
		"403 with X-RateLimit-Remaining: 0: the account stays unknown, no error")
	assert.Nil(t, accts.Lookup(ctx, gh, 1, "veteran", "Codertocat", "Hello-World"))
	assert.Equal(t, 1, api.readCount("GET /users/"), "paused until the reset: the second lookup asks nothing")
	assert.Zero(t, accts.Len(), "a skipped lookup is not cached")

	// Another installation has its own limit.
	v := accts.Lookup(ctx, gh, 2, "veteran", "Codertocat", "Hello-World")
	_ = v // go-github itself remembers the core limit of this client until the reset
	assert.Equal(t, 1, api.readCount("GET /users/"), "go-github refuses requests it knows are limited, without a request")
}

func TestAccountsSecondaryRateLimit(t *testing.T) {
	ctx := context.Background()
	api, gh := newAccountAPI(t)
	api.searchLimited = 1
	accts := &Accounts{Log: quietLog()}
	got := accts.Lookup(ctx, gh, 1, "newcomer", "Codertocat", "Hello-World")
	require.NotNil(t, got, "the user was read")
	assert.Equal(t, time.Date(2019, 5, 20, 10, 0, 0, 0, time.UTC), got.CreatedAt)
	assert.Nil(t, got.Global, "429 with Retry-After: the counts stay unknown")
	assert.Nil(t, got.Repo, "searches paused: not asked")
	assert.Nil(t, got.ForksPerDay, "a secondary limit holds every request of the client (go-github) until Retry-After")
	assert.Equal(t, 1, api.readCount("GET /search/issues"))
	assert.Zero(t, api.readCount("GET /users/newcomer/events"), "skipped, not sent")
}

func TestAccountsLowRemaining(t *testing.T) {
	ctx := context.Background()
	api, gh := newAccountAPI(t)
	api.usersLow = true
	accts := &Accounts{Log: quietLog()}
	got := accts.Lookup(ctx, gh, 1, "newcomer", "Codertocat", "Hello-World")
	require.NotNil(t, got)
	assert.Nil(t, got.ForksPerDay, "10 of 5,000 left: the events are not read, the budget is the bot's")
	assert.Nil(t, accts.Lookup(ctx, gh, 1, "veteran", "Codertocat", "Hello-World"))
	assert.Equal(t, 1, api.readCount("GET /users/"))
}

func TestAccountsBound(t *testing.T) {
	ctx := context.Background()
	_, gh := newAccountAPI(t)
	accts := &Accounts{MaxSize: 3, Log: quietLog()}
	for _, login := range []string{"newcomer", "veteran", "ghost"} {
		accts.Lookup(ctx, gh, 1, login, "Codertocat", "Hello-World")
	}
	assert.Equal(t, 3, accts.Len(), "two users, one 404 and two repository counts, bounded to 3")
}

// TestAccountsConcurrent: a burst of pull requests from one account asks
// GitHub once.
func TestAccountsConcurrent(t *testing.T) {
	api, gh := newAccountAPI(t)
	api.usersDelay = 20 * time.Millisecond
	accts := &Accounts{Log: quietLog()}
	var wg sync.WaitGroup
	got := make([]*heuristics.Account, 8)
	for i := range got {
		wg.Go(func() { got[i] = accts.Lookup(context.Background(), gh, 1, "newcomer", "Codertocat", "Hello-World") })
	}
	wg.Wait()
	for _, g := range got {
		assert.Equal(t, got[0], g)
	}
	require.NotNil(t, got[0].Repo)
	assert.Equal(t, 1, api.readCount("GET /users/newcomer?"))
	assert.Equal(t, 4, api.readCount("GET /search/issues"))
}

func TestMaxWithinDay(t *testing.T) {
	at := func(h int) time.Time {
		return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(h) * time.Hour)
	}
	for _, tc := range []struct {
		name string
		ts   []time.Time
		want int
	}{
		{"none", nil, 0},
		{"one", []time.Time{at(0)}, 1},
		{"exactly 24 hours apart are two days", []time.Time{at(0), at(24)}, 1},
		{"unsorted burst", []time.Time{at(30), at(2), at(10), at(3), at(50)}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, maxWithinDay(tc.ts)) })
	}
}
