package verbosity_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scorertest"
)

// TestIssueLinkIsNotProse: a line that only closes or links an issue is
// not the author's own words; with nothing else, the advice asks for one
// sentence so a reviewer need not open the issue.
func TestIssueLinkIsNotProse(t *testing.T) {
	v := newVerbosity(t)
	big := bigChange(t, 1200)
	for _, body := range []string{
		"Closes #4821",
		"Fixes #12\nFixes #13",
		"- Resolves https://github.com/example/tool/issues/77",
		"fixes example/tool#9, closes #10",
	} {
		t.Run(body, func(t *testing.T) {
			r := score(t, v, &heuristics.Contribution{Title: "cache: let entries expire on their own", Body: body, Diff: big})
			assert.Zero(t, r.Metrics["own_words"], "an issue link is not the author's prose")
			ev, ok := findEvidence(r, "verbosity-no-description")
			require.True(t, ok, "%v", r.Evidence)
			assert.Contains(t, ev.Message, "only links")
			assert.NotContains(t, ev.Message, "words of the author's own")
			assert.Contains(t, r.Advice, "only links")
			assert.Contains(t, r.Advice, "One sentence")
			assert.NotContains(t, r.Advice, "does not say what it does or why")
		})
	}
	// A sentence that mentions an issue keeps its words.
	r := score(t, v, &heuristics.Contribution{Body: "This fixes #12 by expiring entries after their TTL.", Diff: big})
	assert.Positive(t, r.Metrics["own_words"])
}

// TestCommitInputAdvice: when the description is the commit message
// (git format-patch input), the advice does not send the details to the
// commit messages.
func TestCommitInputAdvice(t *testing.T) {
	v := newVerbosity(t)
	body := strings.Repeat("The retry loop now stops when the context is cancelled, and every attempt is logged with its delay and the error it saw. ", 40)
	c := &heuristics.Contribution{Title: "retry: stop on cancel", Body: body, Diff: oneLineFix(t),
		Commits: []heuristics.Commit{{Message: "retry: stop on cancel\n\n" + body}}}
	r := score(t, v, c)
	require.Positive(t, r.Metrics["length_score"])
	assert.NotContains(t, r.Advice, "commit messages")
	assert.Contains(t, r.Advice, "linked issue")

	c.Commits = []heuristics.Commit{{Message: "retry: stop on cancel"}}
	r = score(t, v, c)
	assert.Contains(t, r.Advice, "commit messages", "a pull request's description is not its commits")
}

// TestNoHeadingsSection: a description without headings is not "the
// text before the first heading"; with one section the length item
// already says how long it is.
func TestNoHeadingsSection(t *testing.T) {
	v := newVerbosity(t)
	body := strings.Repeat("The retry loop now stops when the context is cancelled, and every attempt is logged with its delay and the error it saw. ", 40)
	r := score(t, v, &heuristics.Contribution{Body: body, Diff: oneLineFix(t)})
	require.Positive(t, r.Metrics["length_score"])
	for _, e := range r.Evidence {
		assert.NotContains(t, e.Message, "first heading")
	}
	assert.NotContains(t, evidenceRules(r), "verbosity-long-section")
}

var namesRE = regexp.MustCompile(`names ((?:all|none|the only|[0-9,]+ of) [^.]*?)(?: one by one|\.)`)

// TestRestateCountsAgree: the advice and the evidence count what the
// description names the same way.
func TestRestateCountsAgree(t *testing.T) {
	v := newVerbosity(t)
	r := score(t, v, &heuristics.Contribution{Body: body(t, "restate.md"), Diff: rateLimitDiff(t)})
	require.Positive(t, r.Metrics["restate_score"])
	ev, ok := findEvidence(r, "verbosity-restates-diff")
	require.True(t, ok)
	a, e := namesRE.FindStringSubmatch(r.Advice), namesRE.FindStringSubmatch(ev.Message)
	require.NotNil(t, a, r.Advice)
	require.NotNil(t, e, ev.Message)
	assert.Equal(t, e[1], a[1], "advice: %s\nevidence: %s", r.Advice, ev.Message)
}

// TestRestateNeedsAShare: naming three of a hundred changed files points
// a reviewer at them; it is not a restatement of the diff.
func TestRestateNeedsAShare(t *testing.T) {
	v := newVerbosity(t)
	change := map[string]*string{}
	for i := range 100 {
		change[fmt.Sprintf("internal/shard/s%02d.go", i)] = scorertest.Text(fmt.Sprintf("package shard\n\nvar n%d = %d\n", i, i))
	}
	d := scorertest.GitDiff(t, nil, change)
	body := "The shards were split by hand and drifted apart; this generates them from one table so they stay in step. " +
		"Start with internal/shard/s00.go, internal/shard/s01.go and internal/shard/s02.go, which show the pattern; the others follow it. " +
		strings.Repeat("Nothing else changes in behaviour, and the generator is checked in so the output can be rebuilt. ", 6)
	r := score(t, v, &heuristics.Contribution{Body: body, Diff: d})
	require.GreaterOrEqual(t, r.Metrics["named_paths"], 3.0, "%v", r.Metrics)
	assert.Zero(t, r.Metrics["restate_score"])
	assert.NotContains(t, r.Advice, "one by one")
}

// TestNoReviewableLinesWording: a lockfile-only change is "a change with
// no reviewable lines", not "0 reviewable changed lines".
func TestNoReviewableLinesWording(t *testing.T) {
	v := newVerbosity(t)
	d := &diffstat.Diff{Files: []*diffstat.File{{NewPath: "go.sum", Added: 300, Kind: diffstat.KindLockfile}}}
	r := score(t, v, &heuristics.Contribution{Diff: d})
	assert.Contains(t, r.Summary, "for a change with no reviewable lines")
	assert.NotContains(t, r.Summary, "0 reviewable")
}

// TestMentionGuard: a zero-width space right after '@', which release
// notes use to keep a mention from notifying someone, is not hidden
// text; other invisible characters still count.
func TestMentionGuard(t *testing.T) {
	v := newVerbosity(t)
	r := score(t, v, &heuristics.Contribution{Body: "Thanks to @\u200bsomeone and @\u200banother for the report.", Diff: oneLineFix(t)})
	assert.Zero(t, r.Metrics["invisible_chars"])
	assert.Zero(t, r.Score)
	r = score(t, v, &heuristics.Contribution{Body: "Thanks to @\u200bsomeone for the re\u200bport.", Diff: oneLineFix(t)})
	assert.Equal(t, 1.0, r.Metrics["invisible_chars"])
}
