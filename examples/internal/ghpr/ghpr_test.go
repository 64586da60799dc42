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
	for _, a := range Associations {
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
