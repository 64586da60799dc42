package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v92/github"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
)

// TestPayloadMapping: the webhook's pull_request object, as go-github
// parses it, fills the contribution's new fields.
func TestPayloadMapping(t *testing.T) {
	body := payload(t, "pull_request.opened", map[string]any{
		"pull_request.draft":                 true,
		"pull_request.maintainer_can_modify": true,
		"pull_request.milestone":             map[string]any{"title": "v1.0", "number": 1},
		"pull_request.labels":                []any{map[string]any{"name": "bug"}, map[string]any{"name": "docs"}},
	})
	ev, err := github.ParseWebHook("pull_request", body)
	require.NoError(t, err)
	pr := ev.(*github.PullRequestEvent).GetPullRequest()
	in := fromGitHub(pr)
	c := in.Contribution(now)
	assert.Equal(t, "Update the README with new information.", c.Title)
	assert.Equal(t, heuristics.Author{Login: "Codertocat", Association: heuristics.AssociationOwner}, c.Author)
	assert.Equal(t, "master", c.BaseBranch)
	assert.Equal(t, "changes", c.HeadBranch)
	assert.Equal(t, "Codertocat/Hello-World", c.HeadRepository)
	assert.Equal(t, heuristics.Ptr(true), c.Draft)
	assert.Equal(t, heuristics.Ptr(true), c.MaintainerCanModify)
	assert.Equal(t, "v1.0", c.Milestone)
	assert.Equal(t, []string{"bug", "docs"}, c.Labels)
	assert.Nil(t, c.Reactions, "a pull request object has no reactions")
	assert.Nil(t, c.LinkedIssues, "nor linked issues")

	assert.Equal(t, map[string]int{"+1": 2, "eyes": 0}, reactions(&github.Reactions{PlusOne: new(2), Eyes: new(0)}))
	assert.Nil(t, reactions(nil))
}

func TestGraphQLURL(t *testing.T) {
	for base, want := range map[string]string{
		"https://api.github.com/":          "https://api.github.com/graphql",
		"https://ghe.example.com/api/v3/":  "https://ghe.example.com/api/graphql",
		"http://127.0.0.1:4000/api/v3/":    "http://127.0.0.1:4000/api/graphql",
		"https://proxy.example.com/github": "https://proxy.example.com/github/graphql",
	} {
		got, err := graphQLURL(base)
		require.NoError(t, err)
		assert.Equal(t, want, got, base)
	}
}

// probe is an extra scorer that keeps the contribution the bot built.
type probe struct {
	mu sync.Mutex
	c  *heuristics.Contribution
}

func (p *probe) scorer() heuristics.Scorer {
	return heuristics.Func("probe", func(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
		p.mu.Lock()
		defer p.mu.Unlock()
		cp := *c
		p.c = &cp
		return heuristics.Result{}, heuristics.ErrNotApplicable
	})
}

func (p *probe) got() *heuristics.Contribution {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.c
}

// withAccounts wires the account lookups and a probe into the harness;
// the author of pull request #2, Codertocat, is a two-day-old account.
func withAccounts(p *probe) func(*harness) {
	return func(h *harness) {
		h.bot.Accounts = &Accounts{Log: h.bot.Log}
		h.bot.Extra = []heuristics.Scorer{p.scorer()}
		h.api.users["Codertocat"] = map[string]any{"login": "Codertocat", "type": "User",
			"created_at": "2019-05-25T12:00:00Z", "public_repos": 1, "followers": 0, "following": 0, "bio": "hi"}
		h.api.events["Codertocat"] = []map[string]any{}
	}
}

func TestBotFillsContribution(t *testing.T) {
	p := &probe{}
	h := newHarness(t, withAccounts(p))
	h.api.prs[2].Milestone = "v2"
	h.api.prs[2].Reactions = map[string]any{"total_count": 3, "+1": 2, "-1": 0, "laugh": 0, "confused": 0,
		"heart": 1, "hooray": 0, "rocket": 0, "eyes": 0, "url": "https://api.github.com/x"}
	h.api.linked = []map[string]any{
		{"number": 1, "repository": map[string]any{"nameWithOwner": "Codertocat/Hello-World"}},
		{"number": 7, "repository": map[string]any{"nameWithOwner": "octo-org/octo-repo"}},
	}
	h.api.searches["is:pr is:merged author:codertocat"] = 3
	h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	h.finish()

	c := p.got()
	require.NotNil(t, c)
	assert.Equal(t, "master", c.BaseBranch)
	assert.Equal(t, "changes", c.HeadBranch)
	assert.Equal(t, "Codertocat/Hello-World", c.HeadRepository)
	assert.Equal(t, heuristics.Ptr(false), c.Draft)
	assert.Equal(t, heuristics.Ptr(true), c.MaintainerCanModify)
	assert.Equal(t, "v2", c.Milestone)
	assert.Equal(t, []string{"#1", "octo-org/octo-repo#7"}, c.LinkedIssues)
	assert.Equal(t, map[string]int{"+1": 2, "-1": 0, "laugh": 0, "confused": 0, "heart": 1, "hooray": 0, "rocket": 0, "eyes": 0}, c.Reactions)
	require.NotNil(t, c.Author.Account)
	assert.Equal(t, time.Date(2019, 5, 25, 12, 0, 0, 0, time.UTC), c.Author.Account.CreatedAt)
	assert.Equal(t, []string{"bio"}, c.Author.Account.Profile)
	assert.Equal(t, &heuristics.PullRequestCounts{Merged: 3}, c.Author.Account.Global)
	assert.Contains(t, h.api.heftComments(2)[0].Body, "| account |", "the account scorer ran")
}

// TestBotAccountLookupNeverFails: rate-limited and missing accounts leave
// the account unknown, and the pull request is scored and commented on.
func TestBotAccountLookupNeverFails(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(*apiGitHub)
	}{
		{"search rate-limited", func(api *apiGitHub) { api.searchPrimary = 10 }},
		{"404", func(api *apiGitHub) { delete(api.users, "Codertocat") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &probe{}
			h := newHarness(t, withAccounts(p), func(h *harness) {
				// As on api.github.com, where go-github tells the search
				// limit from the core one by the path (on GitHub Enterprise
				// Server's /api/v3/search it takes a search limit for core).
				base := h.url + "/"
				c, err := github.NewClient(github.WithURLs(&base, &base))
				require.NoError(t, err)
				h.bot.Clients = staticClient{c}
			})
			tc.setup(h.api)
			h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
			h.finish()
			require.NotNil(t, p.got())
			if acc := p.got().Author.Account; acc != nil {
				assert.Nil(t, acc.Global, "the counts stay unknown")
				assert.Nil(t, acc.Repo)
				assert.NotZero(t, acc.CreatedAt, "what was read is kept")
			} else {
				assert.Equal(t, "404", tc.name)
			}
			require.Len(t, h.api.heftComments(2), 1, "scored and commented all the same")
			assert.Contains(t, h.api.heftComments(2)[0].Body, "account", "listed as not applicable")
		})
	}
}

// TestBotSkipsLookupsItDoesNotNeed: a maintainer's pull request, an
// exempt one, or a configuration without the account scorer costs no
// account request.
func TestBotSkipsLookupsItDoesNotNeed(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(*harness)
	}{
		{"maintainer", func(h *harness) { h.api.prs[2].Association = "MEMBER" }},
		{"exempt", func(h *harness) { h.api.files[ConfigPath] = `{"policy": {"exempt": {"labels": ["bug"]}}}` }},
		{"no account scorer", func(h *harness) { h.api.files[ConfigPath] = `{"scorers": ["size"]}` }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, withAccounts(&probe{}))
			tc.setup(h)
			h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
			h.finish()
			require.Len(t, h.api.heftComments(2), 1)
			assert.Zero(t, h.api.readCount("GET /users/"))
			assert.Zero(t, h.api.readCount("GET /search/"))
		})
	}
}

// TestExemptReported: an exempt pull request gets the comment with the
// reason, and no verdict label and no action, whatever the configuration
// asks at its verdict.
func TestExemptReported(t *testing.T) {
	h := newHarness(t)
	h.api.prs[2].Labels = []string{"bug", "heft/review"}
	h.api.files[ConfigPath] = `{"policy": {"exempt": {"labels": ["BUG"]}}, "scorers": ["size", "engagement"],
		"actions": {"message": "Please read CONTRIBUTING.md.", "close_at": "review", "lock_at": "review"}}`
	h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	h.finish()
	body := h.api.heftComments(2)[0].Body
	assert.Contains(t, body, "heft: exempt")
	assert.Contains(t, body, `**Exempt**: the pull request has the label "bug".`)
	assert.NotContains(t, body, "CONTRIBUTING", "no message for a verdict that is not acted on")
	assert.ElementsMatch(t, []string{"bug", "size/XS", "awaiting author"}, h.api.labels(2),
		"the scorers' labels stay; the verdict label goes")
	assert.Zero(t, h.api.count("edit pull request"))
	assert.Zero(t, h.api.count("lock"))
}

// TestActionsOrder: with closing and locking at review, the comment that
// explains them is written first, then the labels, then the pull request
// is closed and locked.
func TestActionsOrder(t *testing.T) {
	h := newHarness(t)
	// The scorers are named so that scorers joining the default set later
	// do not change the verdict (review, from the unanswered question).
	h.api.files[ConfigPath] = `{"scorers": ["size", "engagement"],
		"labels": {"review": "needs-a-look"},
		"actions": {"message": "Thanks! Please answer the question above first.", "close_at": "review",
			"lock_at": "flag", "lock_reason": "spam"}}`
	h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	h.finish()
	assert.Equal(t, []string{"create comment", "add labels size/XS,awaiting author,needs-a-look", "edit pull request state=closed"},
		h.api.writesList(), "explained first; not locked below flag")
	body := h.api.heftComments(2)[0].Body
	assert.Contains(t, body, "Thanks! Please answer the question above first.")
	assert.Contains(t, body, "heft closes this pull request because its verdict is **review**")

	lock := newHarness(t)
	lock.api.files[ConfigPath] = `{"scorers": ["size", "engagement"], "labels": {"off": true}, "actions": {"lock_at": "review", "lock_reason": "too heated"}}`
	lock.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	lock.finish()
	assert.Equal(t, []string{"create comment", "lock too heated"}, lock.api.writesList())
	assert.Contains(t, lock.api.heftComments(2)[0].Body, "heft locks this conversation")
}

// TestActionsRespectPeople: a pull request someone reopened is not closed
// again, a locked one not locked again, and a failed comment stops
// everything after it.
func TestActionsRespectPeople(t *testing.T) {
	h := newHarness(t)
	h.api.prs[2].Locked = true
	h.api.prs[2].Timeline = append(h.api.prs[2].Timeline, map[string]any{"event": "reopened",
		"created_at": "2019-05-20T09:00:00Z", "actor": map[string]any{"login": "octocat", "type": "User"}})
	h.api.files[ConfigPath] = `{"scorers": ["size", "engagement"], "actions": {"close_at": "review", "lock_at": "review"}}`
	h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	h.finish()
	assert.Zero(t, h.api.count("edit pull request"))
	assert.Zero(t, h.api.count("lock"))
	assert.NotContains(t, h.api.heftComments(2)[0].Body, "heft closes")
}

// TestNoExplanationNoAction: when the comment cannot be written, the pull
// request is neither labelled, closed nor locked.
func TestNoExplanationNoAction(t *testing.T) {
	h := newHarness(t)
	h.api.commentsForbidden = true
	h.api.files[ConfigPath] = `{"scorers": ["size", "engagement"], "actions": {"close_at": "review", "lock_at": "review"}}`
	h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	h.finish()
	assert.Empty(t, h.api.writesList())
}

// TestDryRunActions: a dry run says what it would close and lock, after
// the comment.
func TestDryRunActions(t *testing.T) {
	h := newHarness(t, func(h *harness) { h.bot.DryRun = true })
	h.api.files[ConfigPath] = `{"scorers": ["size", "engagement"], "actions": {"close_at": "review", "lock_at": "review"}}`
	h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	h.finish()
	assert.Zero(t, h.api.writeCount())
	out := h.out.String()
	assert.Contains(t, out, "heft closes this pull request")
	assert.Less(t, strings.Index(out, "would create the heft comment"), strings.Index(out, "would close the pull request"))
	assert.Contains(t, out, "Codertocat/Hello-World#2: would lock the conversation")
}

func TestPassLabel(t *testing.T) {
	h := newHarness(t)
	h.api.files[ConfigPath] = `{"scorers": ["size"], "labels": {"pass": "heft/ok"}, "actions": {"close_at": "flag"}}`
	h.deliver("pull_request", "d-1", payload(t, "pull_request.opened", nil))
	h.finish()
	assert.ElementsMatch(t, []string{"bug", "size/XS", "heft/ok"}, h.api.labels(2))
	assert.Zero(t, h.api.count("edit pull request"), "a pass is never closed")
}

func TestActionConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, config, key string
	}{
		{"close at pass would close everything", `{"actions": {"close_at": "pass"}}`, "actions.close_at"},
		{"lock at unknown", `{"actions": {"lock_at": "unknown"}}`, "actions.lock_at"},
		{"a verdict in capitals", `{"actions": {"close_at": "FLAG"}}`, "actions.close_at"},
		{"message at a typo", `{"actions": {"message_at": "reveiw"}}`, "actions.message_at"},
		{"a lock reason GitHub refuses", `{"actions": {"lock_reason": "rude"}}`, "actions.lock_reason"},
		{"an unknown action", `{"actions": {"delete": true}}`, "actions.delete"},
		{"a label that is not a string", `{"labels": {"pass": true}}`, "labels.pass"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ParseConfig([]byte(tc.config))
			var ce *ConfigError
			require.True(t, errors.As(err, &ce), "%v", err)
			assert.Equal(t, tc.key, ce.Key, "%v", err)
		})
	}
	cfg, _, err := ParseConfig([]byte(`{"actions": {"message": "m", "message_at": "flag", "close_at": "flag", "lock_at": "review", "lock_reason": "spam"}}`))
	require.NoError(t, err)
	b, _ := json.Marshal(cfg.Actions)
	assert.JSONEq(t, `{"message": "m", "message_at": "flag", "close_at": "flag", "lock_at": "review", "lock_reason": "spam"}`, string(b))
}
