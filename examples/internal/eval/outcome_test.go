package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
)

var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

func at(h float64) time.Time { return t0.Add(time.Duration(h * float64(time.Hour))) }

func who(login string, assoc heuristics.Association) heuristics.Author {
	return heuristics.Author{Login: login, Association: assoc}
}

func TestDeriveOutcomes(t *testing.T) {
	const member, owner, contrib = heuristics.AssociationMember, heuristics.AssociationOwner, heuristics.AssociationContributor
	ev := func(kind heuristics.EventKind, a heuristics.Author, h float64, state string) heuristics.Event {
		return heuristics.Event{Kind: kind, Actor: a, Time: at(h), State: state}
	}
	author := who("dana", contrib)
	// A pull request opened at t0 and merged 50 hours later. The author
	// pushes, a bot comments, a member requests changes, the author
	// answers and pushes twice, the owner comments, the author pushes,
	// the member approves; after the merge someone says thanks.
	full := History{
		Author: author, Opened: t0, Closed: at(50), Pushes: true, Maintainer: AssociatedMaintainer,
		Events: []heuristics.Event{
			ev(heuristics.EventCommit, author, 0, ""),
			ev(heuristics.EventComment, heuristics.Author{Login: "ci-helper[bot]", Association: member}, 0.1, ""), // a bot: never counts
			ev(heuristics.EventReview, who("mo", member), 2.5, "changes_requested"),                               // round 1; first response
			ev(heuristics.EventReviewComment, who("mo", member), 2.5, ""),                                         // a line comment
			ev(heuristics.EventComment, author, 3, ""),                                                            // the author: not review
			ev(heuristics.EventCommit, author, 4, ""),                                                             // push after a review: round 2
			ev(heuristics.EventCommit, author, 4.2, ""),                                                           // same run
			ev(heuristics.EventComment, who("ola", owner), 10, ""),
			ev(heuristics.EventComment, who("passer-by", contrib), 11, ""), // not a maintainer, still a review comment
			ev(heuristics.EventCommit, author, 12, ""),                     // round 3
			ev(heuristics.EventReview, who("Mo", member), 20, "approved"),  // same person, other case
			ev(heuristics.EventComment, who("ola", owner), 50, ""),         // at the merge: left out
		},
	}
	tests := []struct {
		name string
		h    History
		want Outcomes
	}{
		{
			name: "a reviewed pull request",
			h:    full,
			want: Outcomes{ReviewComments: new(5), ReviewRounds: new(3), Maintainers: new(2), MaintainerComments: new(4),
				FirstResponse: new(2.5), TimeToClose: new(50.0)},
		},
		{
			name: "the source cannot place pushes: rounds unknown",
			h:    with(full, func(h *History) { h.Pushes = false }),
			want: Outcomes{ReviewComments: new(5), Maintainers: new(2), MaintainerComments: new(4), FirstResponse: new(2.5), TimeToClose: new(50.0)},
		},
		{
			name: "nobody is known as a maintainer: maintainer outcomes unknown",
			h:    with(full, func(h *History) { h.Maintainer = nil }),
			want: Outcomes{ReviewComments: new(5), ReviewRounds: new(3), TimeToClose: new(50.0)},
		},
		{
			name: "no comments in the source: only rounds and time to close",
			h:    with(full, func(h *History) { h.NoComments = true }),
			want: Outcomes{ReviewRounds: new(3), TimeToClose: new(50.0)},
		},
		{
			name: "still open: no time to close, everything counts",
			h:    with(full, func(h *History) { h.Closed = time.Time{} }),
			want: Outcomes{ReviewComments: new(6), ReviewRounds: new(3), Maintainers: new(2), MaintainerComments: new(5),
				FirstResponse: new(2.5), TimeToClose: nil},
		},
		{
			name: "closed untouched",
			h:    History{Author: author, Opened: t0, Closed: at(1), Pushes: true, Maintainer: AssociatedMaintainer},
			want: Outcomes{ReviewComments: new(0), ReviewRounds: new(0), Maintainers: new(0), MaintainerComments: new(0), TimeToClose: new(1.0)},
		},
		{
			name: "the author is a member: their own comments never count",
			h: History{Author: who("mo", member), Opened: t0, Maintainer: AssociatedMaintainer,
				Events: []heuristics.Event{ev(heuristics.EventComment, who("mo", member), 1, "")}},
			want: Outcomes{ReviewComments: new(0), Maintainers: new(0), MaintainerComments: new(0)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DeriveOutcomes(tt.h)
			assert.Equal(t, &tt.want, got)
		})
	}
}

func with(h History, f func(*History)) History {
	f(&h)
	return h
}

func TestParseOutcomes(t *testing.T) {
	got, err := ParseOutcomes("time_to_close, review_comments,time_to_close")
	require.NoError(t, err)
	assert.Equal(t, []Outcome{OutcomeTimeToClose, OutcomeReviewComments}, got)

	got, err = ParseOutcomes("all")
	require.NoError(t, err)
	assert.Equal(t, AllOutcomes(), got)

	_, err = ParseOutcomes("review_comments,reviews")
	require.ErrorIs(t, err, ErrUnknownOutcome)
	assert.Contains(t, err.Error(), `"reviews"`)
	assert.Contains(t, err.Error(), "review_comments, review_rounds, maintainers, maintainer_comments, first_response, time_to_close")
}

// TestAIDevOutcomes checks the outcomes derived from the AIDev fixture's
// timelines, worked out by hand from its CSV rows.
func TestAIDevOutcomes(t *testing.T) {
	a, err := OpenAIDev("testdata/aidev", nil)
	require.NoError(t, err)
	recs, _ := drain(t, a)
	byID := map[string]*Record{}
	for _, r := range recs {
		byID[r.ID] = r
	}
	hours := func(from, to string) *float64 {
		f, _ := time.Parse(time.RFC3339, from)
		g, _ := time.Parse(time.RFC3339, to)
		return new(g.Sub(f).Hours())
	}
	// #812: jlee requests changes, comments, approves (3); Copilot's reply
	// is the author's. jlee merged and approved: a maintainer. The one
	// timeline commit row comes before any review: no push after one.
	assert.Equal(t, &Outcomes{ReviewComments: new(3), ReviewRounds: new(1), Maintainers: new(1), MaintainerComments: new(3),
		FirstResponse: hours("2025-06-02T09:14:05Z", "2025-06-02T11:00:00Z"), TimeToClose: hours("2025-06-02T09:14:05Z", "2025-06-03T16:40:12Z")},
		byID["acme/widgets#812"].Outcomes)
	// #815: maria-k's comment before the closing counts, the one after
	// does not; she merged and approved nothing, so is no maintainer.
	assert.Equal(t, &Outcomes{ReviewComments: new(1), ReviewRounds: new(0), Maintainers: new(0), MaintainerComments: new(0),
		TimeToClose: hours("2025-06-04T11:02:44Z", "2025-06-20T08:00:00Z")}, byID["acme/widgets#815"].Outcomes)
	// octo/fetcher#44: open, and nobody is known to maintain octo/fetcher.
	assert.Equal(t, &Outcomes{ReviewComments: new(0), ReviewRounds: new(0)}, byID["octo/fetcher#44"].Outcomes)
	// Devin's folder has neither comments nor a timeline: only the time
	// to close is known.
	assert.Equal(t, &Outcomes{TimeToClose: new(390.0)}, byID["globex/console#3007"].Outcomes)
	assert.Equal(t, time.Date(2025, 5, 14, 3, 0, 0, 0, time.UTC), byID["globex/console#3007"].Opened)
}

// TestJSONLinesOutcomes derives outcomes from a JSON Lines timeline, and
// keeps the ones a line states.
func TestJSONLinesOutcomes(t *testing.T) {
	in := `{"id":"a","author":{"login":"dana"},"opened":"2025-03-01T09:00:00Z","closed":"2025-03-02T09:00:00Z",` +
		`"commits":[{"message":"x","time":"2025-03-01T09:00:00Z"},{"message":"fix","time":"2025-03-01T12:00:00Z"}],` +
		`"timeline":[{"kind":"review","actor":{"login":"mo","association":"MEMBER"},"time":"2025-03-01T10:00:00Z","state":"changes_requested"}]}
{"id":"b","outcomes":{"review_comments":4,"time_to_close_hours":1.5},"timeline":[{"kind":"comment","actor":{"login":"x"}}]}
{"id":"c","timeline":[{"kind":"comment","actor":{"login":"x","association":"NONE"}}]}
{"id":"d","title":"no timeline"}
{"id":"e","outcomes":{"review_rounds":-1}}
`
	recs, skips := drain(t, NewJSONLines(strings.NewReader(in), "in.jsonl", 0))
	require.Len(t, skips, 1)
	assert.Equal(t, "in.jsonl:5: malformed: outcomes: review_rounds is -1, not a count or duration", skips[0].Error())
	// a: one change request, then a push (the commits' times): 2 rounds.
	assert.Equal(t, &Outcomes{ReviewComments: new(1), ReviewRounds: new(2), Maintainers: new(1), MaintainerComments: new(1),
		FirstResponse: new(1.0), TimeToClose: new(24.0)}, recs[0].Outcomes)
	assert.Equal(t, &Outcomes{ReviewComments: new(4), TimeToClose: new(1.5)}, recs[1].Outcomes, "given, not derived")
	assert.Equal(t, &Outcomes{ReviewComments: new(1), Maintainers: new(0), MaintainerComments: new(0)}, recs[2].Outcomes,
		"an association is known, NONE: no maintainer; no pushes known")
	assert.Nil(t, recs[3].Outcomes)
}

// effortRecords are contributions whose review comments grow with the
// description's length, and so with the verbosity score only where it
// fires; a second outcome is the same for all.
func effortRecords(n int) []any {
	var out []any
	for i := range n {
		body := strings.Repeat("This change explains itself at length. ", 1+i%7*40)
		out = append(out, &Record{ID: string(rune('a' + i%26)), Title: "Change", Body: body, AI: new(i%2 == 0),
			Diff:     "diff --git a/x.go b/x.go\n--- a/x.go\n+++ b/x.go\n@@ -1 +1 @@\n-a\n+b\n",
			Outcomes: &Outcomes{ReviewComments: new(i % 7), TimeToClose: new(5.0)}})
	}
	return out
}

func TestRunOutcomes(t *testing.T) {
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	run := func(workers int) *Result {
		res, err := Run(context.Background(), set, &records{items: effortRecords(60)},
			Options{Label: LabelAI, Workers: workers, Bootstrap: 100, Outcomes: []Outcome{OutcomeReviewComments, OutcomeTimeToClose}, AsOpened: true})
		require.NoError(t, err)
		return res
	}
	res := run(1)
	require.Len(t, res.Outcomes, 2)
	rc := res.Outcomes[0]
	assert.Equal(t, OutcomeReviewComments, rc.Outcome)
	assert.Equal(t, int64(60), rc.Contributions)
	require.Len(t, rc.Scorers, len(res.Scorers), "every scorer and the combined score")
	for _, c := range rc.Scorers {
		assert.LessOrEqual(t, c.N, int64(60))
		if c.Undefined == "" {
			assert.False(t, math.IsNaN(float64(c.Spearman)), c.Scorer)
			assert.LessOrEqual(t, float64(c.SpearmanLow), float64(c.Spearman)+1e-9, c.Scorer)
			assert.GreaterOrEqual(t, float64(c.SpearmanHigh), float64(c.Spearman)-1e-9, c.Scorer)
		} else {
			assert.True(t, math.IsNaN(float64(c.Spearman)), c.Scorer)
		}
	}
	for _, c := range res.Outcomes[1].Scorers {
		if c.N > 1 {
			assert.Contains(t, c.Undefined, "same", "%s: a constant outcome ranks nothing", c.Scorer)
		}
	}

	var b bytes.Buffer
	require.NoError(t, res.WriteJSON(&b))
	assert.NotContains(t, b.String(), "NaN", "undefined figures are null in JSON")
	var back struct {
		Outcomes []struct {
			Scorers []struct {
				Scorer   string   `json:"scorer"`
				Spearman *float64 `json:"spearman"`
			} `json:"scorers"`
		} `json:"outcomes"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &back))
	assert.Nil(t, back.Outcomes[1].Scorers[len(back.Outcomes[1].Scorers)-1].Spearman, "null, not a number")

	again := run(2)
	var b2 bytes.Buffer
	require.NoError(t, json.NewEncoder(&b2).Encode(again.Outcomes))
	var b1 bytes.Buffer
	require.NoError(t, json.NewEncoder(&b1).Encode(res.Outcomes))
	assert.Equal(t, b1.String(), b2.String(), "the same intervals whatever the number of workers")

	var txt bytes.Buffer
	require.NoError(t, res.WriteText(&txt))
	assert.Contains(t, txt.String(), "outcome review_comments (comments, line comments and reviews by others than the author and bots): 60 of 60 contributions carry it")
	assert.Contains(t, txt.String(), "undefined: the outcome is the same (5) for all")
}

func TestRunRejectsUnknownOutcome(t *testing.T) {
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	_, err = Run(context.Background(), set, &records{}, Options{Outcomes: []Outcome{"effort"}})
	require.True(t, errors.Is(err, ErrInvalidOptions))
}

func TestAgentID(t *testing.T) {
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	recs := []any{
		// Named in the body, the commits and the author account.
		&Record{Agent: "Devin", Title: "Fix", Body: "Link to Devin run: https://app.devin.ai/sessions/0123456789abcdef",
			Author:  heuristics.Author{Login: "devin-ai-integration[bot]", Bot: true},
			Commits: []heuristics.Commit{{Message: "Fix\n\nCo-Authored-By: Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>", AuthorName: "devin-ai-integration[bot]"}}},
		// No marker of any tool.
		&Record{Agent: "Devin", Title: "Fix the pager", Body: "The pager skipped a line.", Author: heuristics.Author{Login: "sam"},
			Commits: []heuristics.Commit{{Message: "Fix the pager", AuthorName: "sam"}}},
		// Another tool named instead.
		&Record{Agent: "OpenAI_Codex", Title: "Tidy", Body: "🤖 Generated with [Claude Code](https://claude.ai/code)"},
		// Human contributions are left out.
		&Record{Agent: "human", Title: "x"},
	}
	res, err := Run(context.Background(), set, &records{items: recs}, Options{AgentID: true, Bootstrap: -1})
	require.NoError(t, err)
	require.Len(t, res.AgentID, 2)
	d := res.AgentID[0]
	assert.Equal(t, AgentShare{Agent: "Devin", Tool: "devin", Contributions: 2, Description: 1, Commits: 1, Identities: 1, Any: 1, NoMarker: 1,
		DescriptionRate: 0.5, CommitsRate: 0.5, IdentitiesRate: 0.5, AnyRate: 0.5, NoMarkerRate: 0.5}, d)
	c := res.AgentID[1]
	assert.Equal(t, "codex", c.Tool)
	assert.Equal(t, int64(1), c.OtherTool)
	assert.Equal(t, int64(0), c.Any)
	var txt bytes.Buffer
	require.NoError(t, res.WriteText(&txt))
	assert.Contains(t, txt.String(), "agent identification")
}

// TestOutcomesByAgent: with several agents, each scorer's rho is repeated
// within each agent, the largest agents first.
func TestOutcomesByAgent(t *testing.T) {
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	items := effortRecords(50)
	for i, it := range items {
		it.(*Record).Agent = map[bool]string{true: "Devin", false: "Copilot"}[i < 20]
	}
	res, err := Run(context.Background(), set, &records{items: items},
		Options{Label: LabelAI, Bootstrap: -1, Outcomes: []Outcome{OutcomeReviewComments}})
	require.NoError(t, err)
	rows := res.Outcomes[0].ByAgent
	require.Len(t, rows, 2*len(res.Scorers))
	assert.Equal(t, "Copilot", rows[0].Agent, "30 contributions before Devin's 20")
	assert.Equal(t, "Devin", rows[len(res.Scorers)].Agent)
	for _, r := range rows {
		if r.Scorer == "verbosity" {
			assert.Greater(t, float64(r.Spearman), 0.9, "%s: within each agent too, longer descriptions drew more comments", r.Agent)
		}
		if r.Scorer == "size" {
			assert.True(t, math.IsNaN(float64(r.Spearman)), "a constant score ranks nothing")
		}
	}
	var txt bytes.Buffer
	require.NoError(t, res.WriteText(&txt))
	assert.Contains(t, txt.String(), "by agent: spearman (contributions above 0)\nagent ")
}
