package standard_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/hygiene"
	"github.com/heft-dev/heft/heuristics/size"
	"github.com/heft-dev/heft/heuristics/standard"
	"github.com/heft-dev/heft/heuristics/template"
	"github.com/heft-dev/heft/heuristics/verbosity"
	"github.com/heft-dev/heft/internal/scorertest"
)

func TestNew(t *testing.T) {
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	d := scorertest.GitDiff(t, nil, map[string]*string{"internal/store/store.go": scorertest.Text(scorertest.Numbered("row", 2500))})
	rep, err := set.Score(context.Background(), &heuristics.Contribution{Diff: d})
	require.NoError(t, err)
	res, ok := rep.Result("size")
	require.True(t, ok)
	assert.Equal(t, 1.0, res.Score)
	assert.Equal(t, heuristics.VerdictFlag, rep.Verdict)
	assert.Contains(t, rep.Labels, "size/XXL")
}

func TestNewNamesTheBadSection(t *testing.T) {
	cases := []struct {
		cfg     standard.Config
		section string
		class   error
	}{
		{standard.Config{Size: size.Config{ComfortableLines: heuristics.Ptr(500), OverwhelmingLines: 100}}, "size", heuristics.ErrInvalidConfig},
		{standard.Config{Verbosity: verbosity.Config{Encoding: "p99k"}}, "verbosity", nil},
		{standard.Config{Policy: heuristics.Policy{Review: 0.9, Flag: 0.2}}, "policy", heuristics.ErrInvalidPolicy},
		{standard.Config{Template: template.Config{MinOwnWords: -1}}, "template", heuristics.ErrInvalidConfig},
		{standard.Config{Hygiene: hygiene.Config{BlockedPaths: []string{"{a"}}}, "hygiene", hygiene.ErrBadPattern},
		{standard.Config{Policy: heuristics.Policy{Weights: map[string]float64{"sise": 1}}}, "policy", heuristics.ErrUnknownWeight},
	}
	for _, tc := range cases {
		_, err := standard.New(tc.cfg)
		var ce *standard.ConfigError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, tc.section, ce.Section)
		assert.True(t, strings.HasPrefix(err.Error(), tc.section+": "), "the section comes first: %v", err)
		assert.False(t, strings.HasPrefix(err.Error(), tc.section+": "+tc.section+":"), "the section is named once: %v", err)
		if tc.class != nil {
			assert.ErrorIs(t, err, tc.class)
		}
	}
}

// TestOverLimitDescriptionIsNotAPass: padding a description past the
// verbosity scorer's limit (256 KiB) must not switch the verbosity checks
// off and let a small change pass with a flood of text.
func TestOverLimitDescriptionIsNotAPass(t *testing.T) {
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	d := scorertest.GitDiff(t, nil, map[string]*string{"main.go": scorertest.Text("package main\n")})
	body := strings.Repeat("This change improves the code. ", (300<<10)/31)
	rep, err := set.Score(context.Background(), &heuristics.Contribution{Body: body, Diff: d})
	require.NoError(t, err)
	res, ok := rep.Result("verbosity")
	require.True(t, ok, "verbosity has a result, not an error")
	assert.Equal(t, 1.0, res.Score)
	assert.NotEqual(t, heuristics.VerdictPass, rep.Verdict)
}

// prTemplate is a repository's pull request template in the usual shape:
// instructions in comments, a prompt, a type-of-change choice and a
// checklist.
const prTemplate = `## What does this change?

<!-- Describe the change and why it is needed. -->

## Type of change

- [ ] Bug fix
- [ ] New feature
- [ ] Documentation

## How was it tested?

## Checklist

- [ ] I have read CONTRIBUTING.md
- [ ] I have added tests
`

// A first-time contributor's 20-line change from an account made that
// morning, with an empty profile and the repository's pull request
// template filled in, passes with the default configuration: account
// signals alone never hold it up, the template scorer finds the template
// followed, and hygiene's first-timer tips (here: a pull request from the
// author's main that does not allow maintainer edits) are shown without
// counting.
func TestNewcomerWithFreshAccountPasses(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	zero := 0
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	diff := scorertest.GitDiff(t, map[string]*string{
		"retry/retry.go": scorertest.Text("package retry\n"),
	}, map[string]*string{
		"retry/retry.go": scorertest.Text("package retry\n" + scorertest.Numbered("attempt", 19)),
	})
	no := false
	rep, err := set.Score(context.Background(), &heuristics.Contribution{
		Title: "retry: stop after the context is cancelled",
		Body: `## What does this change?

<!-- Describe the change and why it is needed. -->
The retry loop kept sleeping after the caller's context was cancelled.
A cancelled request held a worker for up to 30 seconds.

Fixes #412

## Type of change

- [x] Bug fix
- [ ] New feature
- [ ] Documentation

## How was it tested?

A new test cancels the context during the second attempt.

## Checklist

- [x] I have read CONTRIBUTING.md
- [x] I have added tests
`,
		Template: prTemplate,
		Author: heuristics.Author{
			Login:       "first-patch",
			Association: heuristics.AssociationFirstTimeContributor,
			Account: &heuristics.Account{
				CreatedAt: now.Add(-4 * time.Hour), Profile: []string{},
				Followers: &zero, Following: &zero, PublicRepos: &zero,
			},
		},
		Commits:             []heuristics.Commit{{Message: "retry: stop after the context is cancelled\n"}},
		Diff:                diff,
		BaseBranch:          "main",
		HeadBranch:          "main",
		HeadRepository:      "first-patch/project",
		MaintainerCanModify: &no,
		Now:                 now,
	})
	require.NoError(t, err)
	assert.Equal(t, heuristics.VerdictPass, rep.Verdict, "score %.2f: %+v", rep.Score, rep.Results)
	res, ok := rep.Result("account")
	require.True(t, ok)
	assert.Greater(t, res.Score, 0.0, "the young account is still reported")
	res, ok = rep.Result("template")
	require.True(t, ok, "the template scorer had a template: %v", rep.NotApplicable)
	assert.Zero(t, res.Score, "%+v", res.Evidence)
	res, ok = rep.Result("hygiene")
	require.True(t, ok)
	assert.Zero(t, res.Score)
	assert.Len(t, res.Evidence, 2, "the tips are shown: %+v", res.Evidence)
}
