package account_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/account"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/internal/scorertest"
)

var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func n(i int) *int { return &i }

// A diff of lines reviewable lines in one Go file, made with git.
func diffOf(t testing.TB, lines int) *diffstat.Diff {
	return scorertest.GitDiff(t, nil, map[string]*string{
		"pkg/feature.go": scorertest.Text("package pkg\n" + scorertest.Numbered("v", lines-1)),
	})
}

func contribution(login string, assoc heuristics.Association, acc *heuristics.Account, d *diffstat.Diff) *heuristics.Contribution {
	return &heuristics.Contribution{
		Title:  "Fix the retry loop",
		Author: heuristics.Author{Login: login, Association: assoc, Account: acc},
		Diff:   d,
		Now:    now,
	}
}

func TestScore(t *testing.T) {
	small := diffOf(t, 20)
	large := diffOf(t, 400)
	seasoned := &heuristics.Account{
		CreatedAt: now.AddDate(-6, 0, 0), Profile: []string{"name", "bio", "location"},
		Followers: n(40), Following: n(12), ForksPerDay: n(1),
		Global: &heuristics.PullRequestCounts{Merged: 80, Closed: 12},
	}
	fresh := &heuristics.Account{CreatedAt: now.Add(-3 * time.Hour), Profile: []string{}, Followers: n(0), Following: n(0)}
	burst := &heuristics.Account{CreatedAt: now.Add(-2 * time.Hour), ForksPerDay: n(40), Global: &heuristics.PullRequestCounts{Merged: 0, Closed: 30}}

	cases := []struct {
		name    string
		cfg     account.Config
		c       *heuristics.Contribution
		rules   []string
		check   func(float64) bool
		summary string
	}{
		{"seasoned contributor: nothing to say", account.Config{}, contribution("ada", heuristics.AssociationContributor, seasoned, large), nil, scorertest.Zero, "Nothing unusual"},
		{"maintainer is never scored", account.Config{}, contribution("owner", heuristics.AssociationMember, burst, large), nil, scorertest.Zero, "maintains"},
		{"fresh account, empty profile, small first change: young, capped below review, profile off by default", account.Config{}, contribution("newcomer", heuristics.AssociationFirstTimeContributor, fresh, small),
			[]string{account.RuleYoung, account.RuleNewcomerCap}, func(s float64) bool { return s == 0.4 }, "young account"},
		{"fresh account on a large change is not capped", account.Config{}, contribution("newcomer", heuristics.AssociationFirstTimeContributor, fresh, large),
			[]string{account.RuleYoung}, func(s float64) bool { return s > 0.45 && s <= 0.5 }, "young account"},
		{"profile rule when the project switches it on", account.Config{MinProfile: 3}, contribution("newcomer", heuristics.AssociationContributor, fresh, large),
			[]string{account.RuleYoung, account.RuleProfile}, func(s float64) bool { return s > 0.5 }, "empty profile"},
		{"fork burst and closed history on a large change: strong", account.Config{}, contribution("spree", heuristics.AssociationFirstTimeContributor, burst, large),
			[]string{account.RuleYoung, account.RuleForkBurst, account.RuleMergeRatio}, scorertest.High, "many forks"},
		{"the same account on a newcomer's small change is capped below review", account.Config{}, contribution("spree", heuristics.AssociationFirstTimeContributor, burst, small),
			[]string{account.RuleYoung, account.RuleForkBurst, account.RuleMergeRatio, account.RuleNewcomerCap}, func(s float64) bool { return s == 0.4 }, ""},
		{"no cap for a returning contributor", account.Config{}, contribution("spree", heuristics.AssociationContributor, burst, small),
			[]string{account.RuleYoung, account.RuleForkBurst, account.RuleMergeRatio}, scorertest.High, ""},
		{"no cap without a diff: the size is unknown", account.Config{}, contribution("spree", heuristics.AssociationFirstTimeContributor, burst, nil),
			[]string{account.RuleYoung, account.RuleForkBurst, account.RuleMergeRatio}, scorertest.High, ""},
		{"a short history says nothing", account.Config{}, contribution("x", heuristics.AssociationContributor,
			&heuristics.Account{Global: &heuristics.PullRequestCounts{Merged: 0, Closed: 4}}, large), nil, scorertest.Zero, ""},
		{"disabled rule stays quiet", account.Config{Disable: []string{account.RuleYoung}}, contribution("newcomer", heuristics.AssociationFirstTimeContributor, fresh, small),
			nil, scorertest.Zero, ""},
		{"all-digit login", account.Config{}, contribution("84213377", heuristics.AssociationContributor, seasoned, large),
			[]string{account.RuleSpamName}, func(s float64) bool { return s > 0 && s < 0.2 }, "throwaway"},
		{"repository history when switched on", account.Config{MinRepoMerged: 1}, contribution("ada", heuristics.AssociationFirstTimeContributor,
			&heuristics.Account{Repo: &heuristics.PullRequestCounts{}}, large), []string{account.RuleRepoHistory}, func(s float64) bool { return s > 0 }, "little history"},
		{"no clock: age unknown, not young", account.Config{}, &heuristics.Contribution{Author: heuristics.Author{Login: "a", Account: fresh}}, nil, scorertest.Zero, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := account.New(tc.cfg)
			require.NoError(t, err)
			res, err := s.Score(context.Background(), tc.c)
			require.NoError(t, err)
			assert.Equal(t, tc.rules, scorertest.Rules(res))
			assert.True(t, tc.check(res.Score), "score %v", res.Score)
			assert.Contains(t, res.Summary, tc.summary)
			assert.Empty(t, res.Advice, "the author can change nothing about the account: no advice to paste to them")
			for _, e := range res.Evidence {
				assert.NotContains(t, e.Message, "signals", "heft's word, not the maintainer's")
			}
			require.NoError(t, heuristics.CheckResult(res))
		})
	}
}

func TestNotApplicable(t *testing.T) {
	s, err := account.New(account.Config{})
	require.NoError(t, err)
	for name, c := range map[string]*heuristics.Contribution{
		"no account": {Author: heuristics.Author{Login: "a"}},
		"bot":        {Author: heuristics.Author{Login: "deps[bot]", Bot: true, Account: &heuristics.Account{}}},
		"empty":      {},
	} {
		_, err := s.Score(context.Background(), c)
		assert.ErrorIs(t, err, heuristics.ErrNotApplicable, name)
	}
}

func TestBadConfig(t *testing.T) {
	for name, cfg := range map[string]account.Config{
		"negative age":         {MinAgeDays: -1},
		"profile out of range": {MinProfile: 11},
		"ratio above 1":        {MinMergeRatio: 1.5},
		"repo ratio negative":  {MinRepoMergeRatio: -0.1},
		"cap above 1":          {NewcomerCap: 2},
		"unknown rule":         {Disable: []string{"account-old"}},
	} {
		_, err := account.New(cfg)
		assert.ErrorIs(t, err, heuristics.ErrInvalidConfig, name)
	}
}

func TestUnknownRuleNamedByIndex(t *testing.T) {
	// The same wording as the other scorers' Disable: the entry at fault.
	_, err := account.New(account.Config{Disable: []string{account.RuleYoung, "account-old"}})
	assert.ErrorContains(t, err, `disable[1]: unknown rule "account-old"`)
}

func TestConformance(t *testing.T) {
	s, err := account.New(account.Config{MinProfile: 4, MinRepoMerged: 1})
	require.NoError(t, err)
	fresh := &heuristics.Account{CreatedAt: now.Add(-time.Hour), Profile: []string{}, ForksPerDay: n(20),
		Global: &heuristics.PullRequestCounts{Closed: 9}, Repo: &heuristics.PullRequestCounts{}}
	heuristicstest.Run(t, s,
		contribution("newcomer", heuristics.AssociationFirstTimer, fresh, diffOf(t, 20)),
		contribution("12345678", heuristics.AssociationNone, fresh, diffOf(t, 300)),
		contribution("ada", heuristics.AssociationOwner, fresh, nil),
	)
}

func TestRulesDocumented(t *testing.T) {
	s, err := account.New(account.Config{})
	require.NoError(t, err)
	heuristicstest.CheckDeclared(t, s.Rules())
}

func TestMergeRatioWording(t *testing.T) {
	one := &heuristics.Account{Global: &heuristics.PullRequestCounts{Merged: 1, Closed: 20}}
	s, err := account.New(account.Config{})
	require.NoError(t, err)
	res, err := s.Score(context.Background(), contribution("x", heuristics.AssociationContributor, one, nil))
	require.NoError(t, err)
	require.Len(t, res.Evidence, 1)
	assert.Equal(t, "Of the author's 21 concluded pull requests elsewhere, 1 was merged (5%, under 30%).", res.Evidence[0].Message,
		"one pull request was, not were, merged")
}
