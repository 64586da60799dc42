package verbosity_test

// Tests for what a fresh user's review of heft on real commits found:
// a bare diff read as an empty description, a revert asked to explain
// itself, hidden instructions to AI reviewers under the comment size.

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scorertest"
)

// TestDescriptionUnknown: a contribution with no title, no body and no
// commit message is a bare diff ("git diff | heft score -"): its
// description is unknown, not empty, and verbosity is not applicable. A
// pull request always has a title and a commit a message, so with either
// an empty body is a real empty description and keeps its finding.
func TestDescriptionUnknown(t *testing.T) {
	v := newVerbosity(t)
	mid := bigChange(t, 400)
	for _, tc := range []struct {
		name, why string
		c         *heuristics.Contribution
		rule      string // "" for not applicable
	}{
		{"bare-diff", "git diff piped in: no title, no body, no commit",
			&heuristics.Contribution{Diff: mid}, ""},
		{"bare-diff-blank-body", "a body of white space is no description either",
			&heuristics.Contribution{Body: "\n\n  \n", Diff: mid}, ""},
		{"bare-diff-blank-commit", "a commit without a message says nothing either",
			&heuristics.Contribution{Diff: mid, Commits: []heuristics.Commit{{Message: " \n", AuthorName: "A"}}}, ""},
		{"title-empty-body", "a pull request with a title and an empty body: empty, not unknown",
			&heuristics.Contribution{Title: "sync: split the replicator into stages", Diff: mid}, "verbosity-no-description"},
		{"subject-only-commit", "a commit whose message is its subject line: empty body, known",
			&heuristics.Contribution{Diff: mid, Commits: []heuristics.Commit{{Message: "sync: split the replicator into stages\n"}}}, "verbosity-no-description"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := v.Score(context.Background(), tc.c)
			if tc.rule == "" {
				require.ErrorIs(t, err, heuristics.ErrNotApplicable, "%s: %+v", tc.why, r)
				return
			}
			require.NoError(t, err)
			require.NoError(t, heuristics.CheckResult(r))
			e, ok := findEvidence(r, tc.rule)
			require.True(t, ok, "%s: %v", tc.why, r.Evidence)
			assert.Contains(t, e.Message, "The description is empty", tc.why)
			assert.Positive(t, r.Score, tc.why)
		})
	}
	// The hidden text of a description with no title is still read.
	r := score(t, v, &heuristics.Contribution{Body: "Fix the build.\u200b\u200b", Diff: mid})
	assert.Contains(t, scorertest.Rules(r), "verbosity-invisible-chars")
}
