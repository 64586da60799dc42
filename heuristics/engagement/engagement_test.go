package engagement_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/engagement"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/standard"
	"github.com/heft-dev/heft/internal/scorertest"
)

// The people in the engagement tests' timelines.
var (
	ada   = heuristics.Author{Login: "ada", Association: heuristics.AssociationFirstTimeContributor}
	maint = heuristics.Author{Login: "maint", Association: heuristics.AssociationMember}
	owner = heuristics.Author{Login: "owner", Association: heuristics.AssociationOwner}
	ci    = heuristics.Author{Login: "github-actions[bot]", Association: heuristics.AssociationNone, Bot: true}
	bot   = heuristics.Author{Login: "heft-app", Association: heuristics.AssociationCollaborator, Bot: true}
	other = heuristics.Author{Login: "carol", Association: heuristics.AssociationContributor}
)

// opened is when the engagement tests' pull request was opened.
var opened = time.Date(2026, time.May, 1, 9, 30, 0, 0, time.UTC)

// at returns an event days (fractions allowed) after opened.
func at(days float64, kind heuristics.EventKind, actor heuristics.Author, body string) heuristics.Event {
	return heuristics.Event{Kind: kind, Actor: actor, Time: opened.Add(time.Duration(days * 24 * float64(time.Hour))), Body: body}
}

func review(days float64, actor heuristics.Author, state, body string) heuristics.Event {
	e := at(days, heuristics.EventReview, actor, body)
	e.State = state
	return e
}

func newEngagement(t testing.TB) *engagement.Scorer {
	t.Helper()
	s, err := engagement.New(engagement.Config{})
	require.NoError(t, err)
	return s
}

// pr is a contribution by ada with the given timeline, scored days after
// it was opened.
func pr(now float64, timeline ...heuristics.Event) *heuristics.Contribution {
	return &heuristics.Contribution{
		Title:    "parser: handle empty input",
		Author:   ada,
		Timeline: timeline,
		Now:      opened.Add(time.Duration(now * 24 * float64(time.Hour))),
	}
}

// awaiting is the label a pending pull request gets by default.
var awaiting = []string{"awaiting author"}

const errorPathQuestion = "Thanks for this! What happens on the error path when the file is empty? I think we return nil there."

func TestEngagement(t *testing.T) {
	cases := []struct {
		name, reason string
		c            *heuristics.Contribution
		score        func(float64) bool
		rules        []string // all of them, in order
		labels       []string
		summary      string // a fragment
		advice       string // a fragment
		days         float64
	}{
		{
			name: "nobody-asked", reason: "an author's own comment and CI output are no request: nothing is waiting",
			c: pr(10,
				at(0, heuristics.EventCommit, ada, ""),
				at(0.1, heuristics.EventComment, ci, "Coverage dropped by 0.2%. Could you add tests?"),
				at(1, heuristics.EventComment, ada, "Ready for review."),
			),
			score: scorertest.Zero, summary: "No maintainer has asked anything of the author yet.",
		},
		{
			name: "fresh-question", reason: "a question asked two days ago is a small concern, not pending yet",
			c:     pr(3, at(1, heuristics.EventComment, maint, errorPathQuestion)),
			score: func(s float64) bool { return s > 0.1 && s < 0.2 }, days: 2,
			rules:   []string{"engagement-unanswered-question"},
			summary: "@maint's question of 2 May has waited 2 days for @ada.",
			advice:  `@ada, the comment on 2 May asked "What happens on the error path when the file is empty?"; could you answer so this can move forward?`,
		},
		{
			name: "pending-question", reason: "past seven days the pull request is pending and gets the label",
			c:     pr(10, at(1, heuristics.EventComment, maint, errorPathQuestion)),
			score: func(s float64) bool { return s >= 0.5 && s < 0.8 }, days: 9,
			rules: []string{"engagement-unanswered-question"}, labels: awaiting,
			summary: `; past 7 days, it can be labelled "awaiting author".`,
		},
		{
			name: "suggest-close", reason: "past fourteen days closing is an option, and the advice says so kindly",
			c:     pr(21, at(1, heuristics.EventComment, maint, errorPathQuestion)),
			score: scorertest.High, days: 20,
			rules:   []string{"engagement-unanswered-question", "engagement-suggest-close"},
			labels:  []string{"awaiting author"},
			summary: "closing is an option", advice: "If you no longer have time for it, that is fine",
		},
		{
			name: "changes-requested", reason: "a review that requests changes waits for the author like a question",
			c:     pr(10, review(1, maint, "changes_requested", "Please add a test for the empty file case.")),
			score: func(s float64) bool { return s >= 0.5 && s < 0.8 }, days: 9,
			rules: []string{"engagement-unanswered-review"}, labels: awaiting,
			advice: `@ada, the review on 2 May asked for changes ("Please add a test for the empty file case."); could you answer or push an update`,
		},
		{
			name: "changes-requested-without-body", reason: "GitHub allows a change request with no text; it still waits",
			c:     pr(10, review(1, maint, "CHANGES_REQUESTED", "")),
			score: func(s float64) bool { return s >= 0.5 }, days: 9,
			rules: []string{"engagement-unanswered-review"}, labels: awaiting,
		},
		{
			name: "push-answers-review-in-part", reason: "a push after a change request is half an answer: no label, half the concern",
			c: pr(21,
				review(1, maint, "changes_requested", "Please add a test for the empty file case."),
				at(3, heuristics.EventCommit, ada, ""),
			),
			score: func(s float64) bool { return s > 0.3 && s < 0.5 }, days: 20,
			rules:   []string{"engagement-push-without-reply"},
			summary: "who pushed since but has not replied",
			advice:  "thanks for the new commits",
		},
		{
			name: "push-without-actor-is-the-authors", reason: "pushes GitHub cannot tie to a login come from the branch's owner",
			c: pr(21,
				review(1, maint, "changes_requested", "Please add a test."),
				at(3, heuristics.EventCommit, heuristics.Author{}, ""),
			),
			score: func(s float64) bool { return s < 0.5 }, days: 20,
			rules: []string{"engagement-push-without-reply"},
		},
		{
			name: "push-does-not-answer-a-question", reason: "new commits do not tell the maintainer what happens on the error path",
			c: pr(21,
				at(1, heuristics.EventComment, maint, errorPathQuestion),
				at(2, heuristics.EventCommit, ada, ""),
			),
			score: scorertest.High, days: 20,
			rules: []string{"engagement-unanswered-question", "engagement-suggest-close"}, labels: awaiting,
		},
		{
			name: "maintainer-push-does-not-answer", reason: "a maintainer pushing to the branch is not the author answering",
			c: pr(10,
				review(1, maint, "changes_requested", "Please add a test."),
				at(2, heuristics.EventCommit, owner, ""),
			),
			score: func(s float64) bool { return s >= 0.5 }, days: 9,
			rules: []string{"engagement-unanswered-review"}, labels: awaiting,
		},
		{
			name: "author-replied", reason: "an answer from the author resets the clock",
			c: pr(21,
				at(1, heuristics.EventComment, maint, errorPathQuestion),
				at(2, heuristics.EventComment, ada, "It returns io.EOF; I added a test."),
			),
			score: scorertest.Zero, summary: "The author has answered the maintainers' last request (of 2 May).",
		},
		{
			name: "question-on-a-line", reason: "a question in a review thread waits like any other, and the advice says where it was",
			c:     pr(3, at(1, heuristics.EventReviewComment, maint, "Why not reuse readAll here?")),
			score: func(s float64) bool { return s > 0 && s < 0.5 }, days: 2,
			rules:  []string{"engagement-unanswered-question"},
			advice: `@ada, the review comment on 2 May asked "Why not reuse readAll here?"; could you answer`,
		},
		{
			name: "author-replied-on-a-line", reason: "a reply in a review thread is a reply",
			c: pr(21,
				review(1, maint, "changes_requested", "See the comments."),
				at(1, heuristics.EventReviewComment, maint, "Why not reuse readAll here?"),
				at(2, heuristics.EventReviewComment, ada, "readAll has no size limit."),
			),
			score: scorertest.Zero,
		},
		{
			name: "bots-do-not-reset", reason: "CI results and bot comments after the question change nothing",
			c: pr(10,
				at(1, heuristics.EventComment, maint, errorPathQuestion),
				at(2, heuristics.EventComment, ci, "All checks passed."),
				at(3, heuristics.EventComment, bot, "heft: pass"),
				at(4, heuristics.EventLabeled, ci, ""),
				at(5, heuristics.EventKind("check_run"), ci, "success"),
			),
			score: func(s float64) bool { return s >= 0.5 }, days: 9,
			rules: []string{"engagement-unanswered-question"}, labels: awaiting,
		},
		{
			name: "maintainer-follow-up-does-not-reset", reason: "a ping from the maintainer keeps the first question's clock",
			c: pr(16,
				at(1, heuristics.EventComment, maint, errorPathQuestion),
				at(12, heuristics.EventComment, maint, "@ada, any news on this?"),
				at(13, heuristics.EventLabeled, owner, ""),
			),
			score: scorertest.High, days: 15,
			rules: []string{"engagement-unanswered-question", "engagement-unanswered-question", "engagement-suggest-close"}, labels: awaiting,
		},
		{
			name: "someone-else-addressed", reason: "a maintainer asking another maintainer is not the author's turn",
			c:     pr(10, at(1, heuristics.EventComment, maint, "@owner could you take a look at the API change?")),
			score: scorertest.Zero,
		},
		{
			name: "author-mentioned-among-others", reason: "naming the author among others still asks the author",
			c:     pr(10, at(1, heuristics.EventComment, maint, "@owner @ada can you agree on the flag name?")),
			score: func(s float64) bool { return s >= 0.5 }, days: 9,
			rules: []string{"engagement-unanswered-question"}, labels: awaiting,
		},
		{
			name: "quoted-and-code-questions", reason: "a question inside a quote or a code block is not asked",
			c: pr(10, at(1, heuristics.EventComment, maint,
				"> Why not use a map?\n\nThat was discussed in #12.\n\n```go\nif ok := check(); !ok {} // why?\n```\nLooks good.")),
			score: scorertest.Zero,
		},
		{
			name: "remark-without-question", reason: "a maintainer's remark that asks nothing waits for nobody",
			c:     pr(10, at(1, heuristics.EventComment, maint, "Nice catch. I will look at the rest tomorrow.")),
			score: scorertest.Zero,
		},
		{
			name: "non-maintainer-question", reason: "another contributor's question does not make it the author's turn",
			c:     pr(10, at(1, heuristics.EventComment, other, "Does this also fix #40?")),
			score: scorertest.Zero,
		},
		{
			name: "approval-settles-review", reason: "the reviewer approving settles their change request",
			c: pr(21,
				review(1, maint, "changes_requested", "Please add a test."),
				review(3, maint, "approved", "Thanks, this is fine as it is."),
			),
			score: scorertest.Zero,
		},
		{
			name: "approval-by-another-reviewer", reason: "one reviewer's approval does not settle another's change request",
			c: pr(10,
				review(1, maint, "changes_requested", "Please add a test."),
				review(3, owner, "approved", ""),
			),
			score: func(s float64) bool { return s >= 0.5 }, days: 9,
			rules: []string{"engagement-unanswered-review"}, labels: awaiting,
		},
		{
			name: "reopened", reason: "a reopened pull request is scored again",
			c: pr(10,
				at(1, heuristics.EventComment, maint, errorPathQuestion),
				at(2, heuristics.EventClosed, maint, ""),
				at(3, heuristics.EventReopened, maint, ""),
			),
			score: func(s float64) bool { return s >= 0.5 }, days: 9,
			rules: []string{"engagement-unanswered-question"}, labels: awaiting,
		},
		{
			name: "out-of-order", reason: "events given out of order are put in order: the reply came after the question",
			c: pr(21,
				at(2, heuristics.EventComment, ada, "It returns io.EOF."),
				at(1, heuristics.EventComment, maint, errorPathQuestion),
			),
			score: scorertest.Zero,
		},
		{
			name: "zero-time-reply", reason: "an event without a time cannot be placed, so it answers nothing",
			c: pr(10,
				at(1, heuristics.EventComment, maint, errorPathQuestion),
				heuristics.Event{Kind: heuristics.EventComment, Actor: ada, Body: "It returns io.EOF."},
			),
			score: func(s float64) bool { return s >= 0.5 }, days: 9,
			rules: []string{"engagement-unanswered-question"}, labels: awaiting,
		},
		{
			name: "unknown-kinds", reason: "kinds the scorer does not know are ignored, whoever sent them",
			c: pr(10,
				at(1, heuristics.EventComment, maint, errorPathQuestion),
				at(2, heuristics.EventKind("deployment"), ada, "deployed"),
				at(3, heuristics.EventKind(""), ada, "?"),
			),
			score: func(s float64) bool { return s >= 0.5 }, days: 9,
			rules: []string{"engagement-unanswered-question"}, labels: awaiting,
		},
		{
			name: "question-after-now", reason: "clock skew: an event after Now has waited no time, not a negative one",
			c:     pr(1, at(1.5, heuristics.EventComment, maint, errorPathQuestion)),
			score: func(s float64) bool { return s > 0 && s < 0.01 }, days: 0,
			rules: []string{"engagement-unanswered-question"},
		},
		{
			name: "author-is-a-maintainer", reason: "a maintainer's own pull request: their replies are the author's",
			c: &heuristics.Contribution{
				Author: owner,
				Now:    opened.Add(10 * 24 * time.Hour),
				Timeline: []heuristics.Event{
					at(1, heuristics.EventComment, maint, "@owner why the new dependency?"),
					at(2, heuristics.EventComment, owner, "It replaces 300 lines of ours."),
				},
			},
			score: scorertest.Zero,
		},
	}
	s := newEngagement(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Score(context.Background(), tc.c)
			require.NoError(t, err)
			assert.True(t, tc.score(res.Score), "score %v: %s", res.Score, tc.reason)
			for _, e := range res.Evidence {
				assert.Equal(t, heuristics.FieldTimeline, e.Field)
			}
			assert.Equal(t, tc.rules, scorertest.Rules(res), tc.reason)
			assert.Equal(t, tc.labels, res.Labels, tc.reason)
			assert.Contains(t, res.Summary, tc.summary)
			assert.Contains(t, res.Advice, tc.advice)
			assert.InDelta(t, tc.days, res.Metrics["days_waiting"], 0.11)
			if res.Score == 0 {
				assert.Empty(t, res.Advice, "no advice without a concern")
			}
		})
	}
}

func TestEvidenceQuotesTheQuestion(t *testing.T) {
	res, err := newEngagement(t).Score(context.Background(),
		pr(10, at(1.25, heuristics.EventComment, maint, errorPathQuestion)))
	require.NoError(t, err)
	require.Len(t, res.Evidence, 1)
	ev := res.Evidence[0]
	assert.Equal(t, "What happens on the error path when the file is empty?", ev.Snippet)
	assert.Equal(t, "@maint asked on 2026-05-02 15:30 UTC (8 days ago); no reply from @ada since. "+
		"A push does not answer a question.", ev.Message)
}

func TestQuoteIsBounded(t *testing.T) {
	long := "Could you explain " + strings.Repeat("the error path and ", 20) + "the rest?"
	res, err := newEngagement(t).Score(context.Background(), pr(3, at(1, heuristics.EventComment, maint, long)))
	require.NoError(t, err)
	require.NotEmpty(t, res.Evidence)
	assert.LessOrEqual(t, len([]rune(res.Evidence[0].Snippet)), 200)
	assert.Contains(t, res.Evidence[0].Snippet, "…")
}

func TestNotApplicable(t *testing.T) {
	s := newEngagement(t)
	question := at(1, heuristics.EventComment, maint, errorPathQuestion)
	for name, c := range map[string]*heuristics.Contribution{
		"no-timeline": pr(10),
		"zero-now":    {Author: ada, Timeline: []heuristics.Event{question}},
		"no-author":   {Timeline: []heuristics.Event{question}, Now: opened.Add(240 * time.Hour)},
		"merged":      pr(10, question, at(2, heuristics.EventMerged, maint, "")),
		"closed":      pr(30, question, at(20, heuristics.EventClosed, maint, "")),
	} {
		_, err := s.Score(context.Background(), c)
		assert.ErrorIs(t, err, heuristics.ErrNotApplicable, name)
	}
}

func TestConfig(t *testing.T) {
	for _, cfg := range []engagement.Config{
		{PendingDays: 14, CloseDays: 7},
		{PendingDays: -1},
		{CloseDays: 3},
		{MaxQuote: 5},
	} {
		_, err := engagement.New(cfg)
		require.ErrorIs(t, err, heuristics.ErrInvalidConfig, "%+v", cfg)
	}

	s, err := engagement.New(engagement.Config{PendingDays: 2, CloseDays: 4, Label: "pending"})
	require.NoError(t, err)
	res, err := s.Score(context.Background(), pr(4, at(1, heuristics.EventComment, maint, errorPathQuestion)))
	require.NoError(t, err)
	assert.Equal(t, []string{"pending"}, res.Labels, "three days is pending under a two-day policy")
	assert.GreaterOrEqual(t, res.Score, 0.5)
}

func TestConformance(t *testing.T) {
	heuristicstest.Run(t, newEngagement(t),
		pr(3, at(1, heuristics.EventComment, maint, errorPathQuestion)),
		pr(21, review(1, maint, "changes_requested", "Please add a test."), at(3, heuristics.EventCommit, ada, "")),
		pr(30, at(1, heuristics.EventComment, maint, errorPathQuestion), at(12, heuristics.EventComment, maint, "@ada ping?")),
		pr(10, at(1, heuristics.EventComment, maint, errorPathQuestion), at(2, heuristics.EventComment, ada, "Answered.")),
		pr(10, at(2, heuristics.EventComment, ada, "x"), heuristics.Event{Kind: "weird"}, at(1, heuristics.EventComment, maint, "Why?")),
		pr(10, at(1, heuristics.EventMerged, maint, "")),
	)
}

func TestInDefaultSet(t *testing.T) {
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	rep, err := set.Score(context.Background(), pr(21, at(1, heuristics.EventComment, maint, errorPathQuestion)))
	require.NoError(t, err)
	res, ok := rep.Result("engagement")
	require.True(t, ok, "the default set runs the engagement scorer")
	assert.GreaterOrEqual(t, res.Score, 0.8)
	assert.Contains(t, rep.Labels, "awaiting author")
}

func BenchmarkEngagement(b *testing.B) {
	var tl []heuristics.Event
	for i := range 200 {
		switch i % 4 {
		case 0:
			tl = append(tl, at(float64(i)/20, heuristics.EventComment, maint, errorPathQuestion))
		case 1:
			tl = append(tl, at(float64(i)/20, heuristics.EventComment, ci, "All checks passed."))
		case 2:
			tl = append(tl, at(float64(i)/20, heuristics.EventCommit, ada, ""))
		default:
			tl = append(tl, review(float64(i)/20, maint, "changes_requested", "Please add a test for the empty file case."))
		}
	}
	c := pr(30, tl...)
	s := newEngagement(b)
	size := 0
	for _, e := range tl {
		size += len(e.Body)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Score(context.Background(), c); err != nil {
			b.Fatal(err)
		}
	}
}

func TestWaitUnderADay(t *testing.T) {
	res, err := newEngagement(t).Score(context.Background(),
		pr(1.5, review(1, maint, "changes_requested", "Please add a test for the empty file case.")))
	require.NoError(t, err)
	require.NotEmpty(t, res.Evidence)
	assert.Contains(t, res.Summary, "has waited less than a day for @ada", "not 0 days")
	assert.Contains(t, res.Evidence[0].Message, "(less than a day ago)")
	assert.Empty(t, res.Advice, "hours after a review, asking the author to answer is nagging")
}

// TestAdviceQuotesAsProse: the question the advice quotes keeps its own
// double quotes as single ones, not Go's backslashes, and a pending
// summary says what pending means rather than ending on the bare word.
func TestAdviceQuotesAsProse(t *testing.T) {
	res, err := newEngagement(t).Score(context.Background(),
		pr(10, at(1.25, heuristics.EventComment, maint, `Does "retry" here mean the whole request or one read?`)))
	require.NoError(t, err)
	assert.Equal(t, `@ada, the comment on 2 May asked "Does 'retry' here mean the whole request or one read?"; could you answer so this can move forward?`, res.Advice)
	assert.Equal(t, `@maint's question of 2 May has waited 8 days for @ada; past 7 days, it can be labelled "awaiting author".`, res.Summary)
}
