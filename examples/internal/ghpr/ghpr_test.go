package ghpr

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
)

func TestParseAssociation(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     heuristics.Association
		err      bool
	}{
		{"empty is unknown", "", "", false},
		{"GitHub's spelling", "FIRST_TIME_CONTRIBUTOR", heuristics.AssociationFirstTimeContributor, false},
		{"any case, as people type it", "member", heuristics.AssociationMember, false},
		{"spaces around", " NONE ", heuristics.AssociationNone, false},
		{"not GitHub's", "maintainer", "", true},
		{"a login is not an association", "@octocat", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseAssociation(tc.in)
			if tc.err {
				require.ErrorIs(t, err, ErrAssociation)
				assert.Contains(t, err.Error(), "MANNEQUIN", "the message lists the values accepted")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	// Every value GitHub documents parses to itself.
	for _, a := range heuristics.KnownAssociations() {
		got, err := ParseAssociation(string(a))
		require.NoError(t, err)
		assert.Equal(t, a, got)
	}
}

func TestNewAuthor(t *testing.T) {
	assert.Equal(t, heuristics.Author{Login: "octocat", Association: "NONE"}, NewAuthor("@octocat", "User", "NONE"))
	assert.True(t, NewAuthor("renovate[bot]", "", "").Bot, "a [bot] login is a bot whatever the type")
	assert.True(t, NewAuthor("ci-helper", "Bot", "").Bot)
	assert.False(t, NewAuthor("robot", "User", "").Bot)
}

// TestWebhookExamples reads the bot's real webhook payloads: the fields
// come through as GitHub sent them.
func TestWebhookExamples(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "githubbot", "testdata", "webhooks", "pull_request.opened.json"))
	require.NoError(t, err)
	defer f.Close()
	ev, err := ReadEvent(f)
	require.NoError(t, err)
	assert.Equal(t, "opened", ev.Action)
	c := ev.PullRequest.Contribution(time.Time{})
	assert.Equal(t, "Codertocat", c.Author.Login)
	assert.Equal(t, heuristics.AssociationOwner, c.Author.Association)
	assert.NotEmpty(t, ev.PullRequest.Base.SHA)
	assert.NotEmpty(t, ev.PullRequest.Head.SHA)
	assert.Equal(t, "master", c.BaseBranch)
	assert.Equal(t, "changes", c.HeadBranch)
	assert.Equal(t, "Codertocat/Hello-World", c.HeadRepository)
	assert.Equal(t, heuristics.Ptr(false), c.Draft)
	assert.Equal(t, heuristics.Ptr(false), c.MaintainerCanModify)
	assert.Nil(t, c.Author.Account, "a webhook's user object says nothing of the account")
}

func TestReadEventErrors(t *testing.T) {
	_, err := ReadEvent(strings.NewReader(`{"ref": "refs/heads/main"}`))
	assert.ErrorIs(t, err, ErrNoPullRequest)
	_, err = ReadEvent(strings.NewReader("{\n\"pull_request\": {\"title\": }}"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "line 2: ")
	_, err = ReadEvent(strings.NewReader(`{"pull_request": {"title": 7}}`))
	require.Error(t, err, "a number is not a title")
	big := strings.NewReader(`{"pull_request": {"body": "` + strings.Repeat("x", MaxEventBytes) + `"}}`)
	_, err = ReadEvent(big)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "over")
}

func TestContributionLabels(t *testing.T) {
	pr := PullRequest{Title: "t", Labels: []Label{{Name: "bug"}, {Name: ""}, {Name: "bug"}, {Name: "docs"}}}
	assert.Equal(t, []string{"bug", "docs"}, pr.Contribution(time.Time{}).Labels, "empty and repeated names dropped")
	assert.Equal(t, []string{"a", "b"}, AddLabels([]string{"a"}, " b ", "a", ""))
}

func FuzzReadEvent(f *testing.F) {
	f.Add([]byte(`{"action":"opened","pull_request":{"title":"x","user":{"login":"a","type":"Bot"},"author_association":"NONE","labels":[{"name":"l"}]}}`))
	f.Add([]byte(`{"pull_request":null}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"pull_request":{"user":{"login":"a","created_at":"2020-01-01T00:00:00Z","public_repos":1,"bio":"x"},"draft":true,"milestone":{"title":"m"},"reactions":{"+1":1},"head":{"ref":"h","repo":null}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ev, err := ReadEvent(strings.NewReader(string(b)))
		if err != nil {
			if ev != nil {
				t.Fatal("an event with an error")
			}
			return
		}
		if ev.PullRequest == nil {
			t.Fatal("no pull request and no error")
		}
		c := ev.PullRequest.Contribution(time.Time{})
		if errors.Is(err, ErrNoPullRequest) || c == nil {
			t.Fatal("no contribution")
		}
	})
}

// TestFill maps every field heft reads from a pull request object, with
// a full user object in place of the short one, as the Action writes it.
func TestFill(t *testing.T) {
	payload := `{"pull_request": {
		"title": "Fix the parser", "body": "Fixes #3.",
		"user": {"login": "newcomer", "type": "User", "created_at": "2026-11-01T10:00:00+01:00",
			"name": "New Comer", "company": null, "blog": "", "location": "Lyon", "email": null,
			"hireable": true, "bio": " ", "twitter_username": null,
			"public_repos": 0, "followers": 3, "following": 1},
		"author_association": "FIRST_TIME_CONTRIBUTOR",
		"labels": [{"name": "bug"}],
		"base": {"ref": "main", "sha": "a", "repo": {"full_name": "acme/app"}},
		"head": {"ref": "fix-parser", "sha": "b", "repo": {"full_name": "newcomer/app"}},
		"draft": true, "maintainer_can_modify": false,
		"milestone": {"title": "v1.2", "number": 4},
		"reactions": {"url": "https://x", "total_count": 3, "+1": 2, "heart": 1, "rocket": 0, "new-one": 7}
	}}`
	ev, err := ReadEvent(strings.NewReader(payload))
	require.NoError(t, err)
	c := &heuristics.Contribution{Labels: []string{"triage"}}
	ev.PullRequest.Fill(c)
	want := &heuristics.Contribution{
		Title: "Fix the parser", Body: "Fixes #3.",
		Author: heuristics.Author{Login: "newcomer", Association: heuristics.AssociationFirstTimeContributor,
			Account: &heuristics.Account{
				CreatedAt:   time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC),
				Profile:     []string{"name", "location", "hireable"},
				PublicRepos: heuristics.Ptr(0), Followers: heuristics.Ptr(3), Following: heuristics.Ptr(1),
			}},
		Labels:     []string{"triage", "bug"},
		BaseBranch: "main", HeadBranch: "fix-parser", HeadRepository: "newcomer/app",
		Draft: heuristics.Ptr(true), MaintainerCanModify: heuristics.Ptr(false),
		Milestone: "v1.2",
		Reactions: map[string]int{"+1": 2, "heart": 1, "rocket": 0},
	}
	assert.Equal(t, want, c)
}

// TestFillUnknown: a webhook's short objects leave the account, the
// reactions and the flags unknown (nil), not false or zero.
func TestFillUnknown(t *testing.T) {
	ev, err := ReadEvent(strings.NewReader(`{"pull_request": {"user": {"login": "a", "type": "User"},
		"head": {"ref": "x", "repo": null}, "milestone": null, "reactions": null}}`))
	require.NoError(t, err)
	c := ev.PullRequest.Contribution(time.Time{})
	assert.Nil(t, c.Author.Account)
	assert.Nil(t, c.Draft)
	assert.Nil(t, c.MaintainerCanModify)
	assert.Nil(t, c.Reactions)
	assert.Empty(t, c.Milestone)
	assert.Empty(t, c.HeadRepository, "a deleted fork")
	assert.Equal(t, "x", c.HeadBranch)

	// An account with no profile filled is known to have none.
	u := User{Login: "a", CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), PublicRepos: heuristics.Ptr(0)}
	require.NotNil(t, u.Account())
	assert.Equal(t, []string{}, u.Account().Profile)

	// A short user object keeps what the caller knew of the same author,
	// and only of the same author.
	known := &heuristics.Account{PublicRepos: heuristics.Ptr(3)}
	c = &heuristics.Contribution{Author: heuristics.Author{Login: "A", Account: known}}
	ev.PullRequest.Fill(c)
	assert.Same(t, known, c.Author.Account)
	c = &heuristics.Contribution{Author: heuristics.Author{Login: "someone-else", Account: known}}
	ev.PullRequest.Fill(c)
	assert.Nil(t, c.Author.Account)

	_, err = ReadEvent(strings.NewReader(`{"pull_request": {"reactions": {"+1": "many"}}}`))
	require.Error(t, err, "a count that is not a number")
}
