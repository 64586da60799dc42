package disclosure_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/disclosure"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
)

const claudeCommit = "Fix pagination when the last page is empty\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"

func disclosureContributions() []*heuristics.Contribution {
	return []*heuristics.Contribution{
		{Title: "Fix pager", Body: "## Summary\n- fix the last page\n\n## AI disclosure\nClaude Code (claude-sonnet-4-5) drafted the fix; I reviewed it.\n",
			Commits: []heuristics.Commit{{SHA: "a1", Message: claudeCommit}}},
		{Title: "Fix typo", Body: "Fixes a typo.\n\nNo AI was used.\n",
			Commits: []heuristics.Commit{{SHA: "b1", Message: claudeCommit}}},
		{Title: "mm: fix leak", Body: "Free the cache on error.",
			Commits: []heuristics.Commit{{SHA: "c1", Message: "mm: fix leak\n\nAssisted-by: Claude:claude-3-opus\nSigned-off-by: Claude <noreply@anthropic.com>\n"}}},
		{Title: "Update docs", Body: "Clarify the install steps.", Commits: []heuristics.Commit{{Message: "Update docs\n\nSigned-off-by: Jane Dev <jane@example.org>\n"}}},
		{Title: "Add retry", Body: "Link to Devin run: https://app.devin.ai/sessions/59ccf78752e24c0fb00e28251c05eb82\n",
			Author: heuristics.Author{Login: "devin-ai-integration[bot]", Bot: true}},
		{Title: "Fix bug", Commits: []heuristics.Commit{{Message: "Fix bug\n\nCо-authored-by: Claude <noreply@anthropic.com>\n"}}},
	}
}

func TestConformance(t *testing.T) {
	for _, p := range []disclosure.Config{{}, {Require: true, BodyOnly: true}} {
		s, err := disclosure.New(p)
		require.NoError(t, err)
		heuristicstest.Run(t, s, disclosureContributions()...)
	}
}

func TestScorer(t *testing.T) {
	cs := disclosureContributions()
	tests := []struct {
		name, reason string
		policy       disclosure.Config
		c            *heuristics.Contribution
		score        float64
		rules        []string
		stance       float64
	}{
		{"honest", "an honest disclosure is information, never a penalty", disclosure.Config{Require: true}, cs[0], 0, []string{"disclosure-found"}, 3},
		{"contradiction", "body says no AI, the commit carries Claude Code's marks", disclosure.Config{}, cs[1],
			disclosure.DefaultContradictionScore, []string{"disclosure-contradiction"}, 3},
		{"ai-signoff", "an agent signing off for itself", disclosure.Config{}, cs[2], disclosure.DefaultSignoffScore, []string{"disclosure-ai-signoff"}, 2},
		{"missing-required", "required and nothing said", disclosure.Config{Require: true}, cs[3], disclosure.DefaultMissingScore, []string{"disclosure-missing"}, 0},
		{"missing-not-required", "nothing said, nothing required", disclosure.Config{}, cs[3], 0, nil, 0},
		{"custom-score", "policy scores override the defaults", disclosure.Config{Require: true, MissingScore: 0.3}, cs[3], 0.3, []string{"disclosure-missing"}, 0},
		{"agent-author", "a Devin PR discloses itself", disclosure.Config{Require: true}, cs[4], 0, []string{"disclosure-found"}, 3},
		{"tampered", "a Cyrillic letter hiding a co-author trailer", disclosure.Config{}, cs[5], disclosure.DefaultTamperScore, []string{"disclosure-tampered"}, 2},
		{"bot-signoff", "a coding agent's account signing off its own commit", disclosure.Config{},
			&heuristics.Contribution{Title: "Fix flaky test", Body: "Fixes #12.", Commits: []heuristics.Commit{{
				Message: "Fix flaky test\n\nSigned-off-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>\n"}}},
			disclosure.DefaultSignoffScore, []string{"disclosure-ai-signoff"}, 2},
		{"nuanced-words", "people's words that disagree with each other are no contradiction", disclosure.Config{},
			&heuristics.Contribution{Body: "No AI was used to write the code.\n\nI asked ChatGPT to explain the spec.\n"}, 0, []string{"disclosure-found"}, 2},
		{"body-only", "a disclosure only in commits does not satisfy BodyOnly", disclosure.Config{Require: true, BodyOnly: true},
			&heuristics.Contribution{Title: "x", Body: "Fix.", Commits: []heuristics.Commit{{Message: claudeCommit}}}, disclosure.DefaultMissingScore, []string{"disclosure-missing"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := disclosure.New(tt.policy)
			require.NoError(t, err)
			res, err := s.Score(context.Background(), tt.c)
			require.NoError(t, err)
			require.NoError(t, heuristics.CheckResult(res))
			assert.InDelta(t, tt.score, res.Score, 1e-9, "%s: %+v", tt.reason, res)
			assert.Equal(t, tt.stance, res.Metrics["stance"], tt.reason)
			for _, r := range tt.rules {
				found := false
				for _, e := range res.Evidence {
					found = found || e.Rule == r
				}
				assert.True(t, found, "%s: want rule %s in %+v", tt.reason, r, res.Evidence)
			}
			if tt.score > 0 {
				assert.NotEmpty(t, res.Advice, tt.reason)
			}
			assert.NotEmpty(t, res.Summary)
		})
	}
}

func TestBadInput(t *testing.T) {
	for _, bad := range []disclosure.Config{{MissingScore: 7}, {ContradictionScore: -0.1}, {TamperScore: math.NaN()}} {
		_, err := disclosure.New(bad)
		assert.ErrorIs(t, err, heuristics.ErrInvalidConfig, "%+v", bad)
	}
	s, err := disclosure.New(disclosure.Config{Require: true})
	require.NoError(t, err)
	assert.Equal(t, "disclosure", s.Name())
	for _, c := range []*heuristics.Contribution{nil, {}, {Title: "  ", Body: "\n\n"}} {
		_, err = s.Score(context.Background(), c)
		assert.True(t, errors.Is(err, heuristics.ErrNotApplicable), "nothing to read: %v", err)
	}
	// Binary junk and a huge body neither fail nor panic.
	junk := string([]byte{0xff, 0xfe, 0, '\n', '<', 'd', 'e', 't', 'a', 'i', 'l', 's', '>', 0xc3})
	res, err := s.Score(context.Background(), &heuristics.Contribution{Body: junk, Commits: []heuristics.Commit{{Message: junk}}})
	require.NoError(t, err)
	assert.Equal(t, disclosure.DefaultMissingScore, res.Score)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.Score(ctx, &heuristics.Contribution{Body: "x", Commits: []heuristics.Commit{{Message: "y"}}})
	assert.ErrorIs(t, err, context.Canceled)
}

// TestEvidenceWording pins how the found evidence reads to a maintainer:
// the tool as people write it, what the marker is, and the agent's
// account said once for the pull request and its commits.
func TestEvidenceWording(t *testing.T) {
	s, err := disclosure.New(disclosure.Config{})
	require.NoError(t, err)
	bot := "devin-ai-integration[bot]"
	res, err := s.Score(context.Background(), &heuristics.Contribution{
		Title: "Add retry", Body: "Adds a retry.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n",
		Author:  heuristics.Author{Login: bot, Bot: true},
		Commits: []heuristics.Commit{{SHA: "a1", Message: "Add retry", AuthorName: bot}, {SHA: "a2", Message: "Fix retry", AuthorName: bot}},
	})
	require.NoError(t, err)
	var msgs []string
	for _, e := range res.Evidence {
		msgs = append(msgs, e.Message)
	}
	assert.Equal(t, []string{
		"The author is Devin AI's account (AI-generated); also in 2 commits.",
		"A line Claude Code writes (AI-generated).",
	}, msgs, "not \"footer generated by claude-code\", and the account once")
	assert.Equal(t, "Discloses that the change is AI-generated: Claude Code and Devin AI.", res.Summary)
}

// TestModelFamilyName: a trailer that names only a model is the model's
// family in prose ("Claude"), not one of its vendor's products.
func TestModelFamilyName(t *testing.T) {
	s, err := disclosure.New(disclosure.Config{})
	require.NoError(t, err)
	res, err := s.Score(context.Background(), &heuristics.Contribution{Title: "Fix retry",
		Body: "The loop retried forever on a closed socket.\n\nAssisted-by: Opus 4.7\n"})
	require.NoError(t, err)
	assert.Equal(t, "Discloses that the change is AI-assisted: Claude (Opus 4.7).", res.Summary)
}

// TestRepeatsCountCommits checks that "also in N commits" counts other
// commits: a footer said twice in one commit's message, or again in the
// description, is not another commit.
func TestRepeatsCountCommits(t *testing.T) {
	s, err := disclosure.New(disclosure.Config{})
	require.NoError(t, err)
	footer := "🤖 Generated with [Claude Code](https://claude.com/claude-code)"
	twice := "Add retry\n\nRetries the upload once.\n\n" + footer + "\n\n" + footer + "\n"
	for _, tc := range []struct {
		name string
		c    *heuristics.Contribution
		want string
	}{
		{"one commit, the footer twice", &heuristics.Contribution{Commits: []heuristics.Commit{{SHA: "a1", Message: twice}}},
			"A line Claude Code writes (AI-generated)."},
		{"the description and one commit", &heuristics.Contribution{Title: "Add retry", Body: "Adds a retry.\n\n" + footer + "\n",
			Commits: []heuristics.Commit{{SHA: "a1", Message: twice}}},
			"A line Claude Code writes (AI-generated); also in 1 commit."},
		{"three commits", &heuristics.Contribution{Commits: []heuristics.Commit{{SHA: "a1", Message: twice},
			{SHA: "a2", Message: "Fix retry\n\n" + footer + "\n"}, {SHA: "a3", Message: "Test retry\n\n" + footer + "\n"}}},
			"A line Claude Code writes (AI-generated); also in 2 other commits."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Score(context.Background(), tc.c)
			require.NoError(t, err)
			require.NotEmpty(t, res.Evidence)
			assert.Equal(t, tc.want, res.Evidence[0].Message)
		})
	}
}

// TestContradictionWording pins a summary that does not contradict
// itself ("says no AI" then "discloses AI-generated") and evidence whose
// two lines each read as a sentence.
func TestContradictionWording(t *testing.T) {
	s, err := disclosure.New(disclosure.Config{})
	require.NoError(t, err)
	res, err := s.Score(context.Background(), disclosureContributions()[1])
	require.NoError(t, err)
	assert.Equal(t, "Says no AI was used, but the contribution carries an AI tool's marks (Claude Code).", res.Summary)
	require.GreaterOrEqual(t, len(res.Evidence), 2)
	assert.Equal(t, "Says no AI was used.", res.Evidence[0].Message)
	assert.True(t, strings.HasPrefix(res.Evidence[1].Message, "Against that: a line Claude Code writes"), res.Evidence[1].Message)
	assert.True(t, strings.HasSuffix(res.Evidence[1].Message, "."), "a full sentence: %s", res.Evidence[1].Message)
}

// TestMessagesAreSentences pins messages a maintainer pastes to an
// author: each once lacked its full stop, repeated itself ("hides behind
// invisible or look-alike characters: ... behind invisible or look-alike
// characters"), carried a rule ID, or ended on "says nothing".
func TestMessagesAreSentences(t *testing.T) {
	tests := []struct {
		name string
		cfg  disclosure.Config
		body string
		rule string
		want string
	}{
		{"key tampered", disclosure.Config{}, "Fix the pager.\n\nCo-\u0430uthored-by: Claude <noreply@anthropic.com>\n", "disclosure-tampered",
			`The key "Co-authored-by" only reads as a trailer once invisible or look-alike characters are removed; git does not see it.`},
		{"value tampered", disclosure.Config{}, "Fix the pager.\n\nCo-Authored-By: Cl\u0430ude <noreply@anthropic.com>\n", "disclosure-tampered",
			"A trailer's value names a tool behind invisible or look-alike characters."},
		{"footer hidden", disclosure.Config{}, "Fix the pager.\n\n\U0001F916 Generated with [Cl\u0430ude Code](https://claude.ai/code)\n", "disclosure-tampered",
			"Invisible or look-alike characters hide a mark of Claude Code from a plain reading."},
		{"found", disclosure.Config{}, "Fix the pager.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", "disclosure-found",
			"A trailer names Claude Code (AI-assisted)."},
		{"missing", disclosure.Config{Require: true}, "Fix the pager.\n", "disclosure-missing",
			"This repository asks contributors to say whether AI tools were used, and the description does not say."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := disclosure.New(tc.cfg)
			require.NoError(t, err)
			res, err := s.Score(context.Background(), &heuristics.Contribution{Title: "Fix pager", Body: tc.body})
			require.NoError(t, err)
			var msgs []string
			for _, e := range res.Evidence {
				if e.Rule == tc.rule {
					msgs = append(msgs, e.Message)
				}
			}
			assert.Equal(t, []string{tc.want}, msgs)
		})
	}
}
