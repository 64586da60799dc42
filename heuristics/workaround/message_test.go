package workaround_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/workaround"
	"github.com/heft-dev/heft/internal/scorertest"
)

// changelogAndField is a change whose first changed line is a changelog
// heading and whose code adds a struct field: lines that say nothing of a
// workaround, which message evidence must not quote.
func changelogAndField(t *testing.T) *heuristics.Contribution {
	t.Helper()
	base := map[string]*string{
		"CHANGELOG.md": scorertest.Text("# Changes\n"),
		"src/opts.go":  scorertest.Text("package src\n\ntype Opts struct {\n\tName string\n}\n"),
	}
	change := map[string]*string{
		"CHANGELOG.md": scorertest.Text("# Changes\n\n## Unreleased\n\n- tolerate Widgetron's empty replies\n"),
		"src/opts.go":  scorertest.Text("package src\n\ntype Opts struct {\n\tName string\n\tRetries int\n}\n"),
	}
	return &heuristics.Contribution{Diff: scorertest.GitDiff(t, base, change)}
}

// TestMessageEvidenceLocation checks that a workaround only the message
// speaks of is located in the message, on the line that says so, and
// not on the first changed line of the diff.
func TestMessageEvidenceLocation(t *testing.T) {
	s := newWorkaround(t, workaround.Config{Repository: "github.com/acme/tool"})
	for _, tc := range []struct {
		name          string
		title, body   string
		commits       []heuristics.Commit
		field         heuristics.Field
		line          int
		commit, quote string
	}{
		{
			name: "title", title: "Work around Widgetron sending empty replies",
			body:  "The client now retries.",
			field: heuristics.FieldTitle, line: 1, quote: "Work around Widgetron sending empty replies",
		},
		{
			name: "body", title: "Retry empty replies",
			body:  "Some servers reply with nothing.\n\nThis works around a bug in Widgetron 3.2, which\ndrops the reply under load.",
			field: heuristics.FieldBody, line: 3, quote: "This works around a bug in Widgetron 3.2, which",
		},
		{
			name: "commit", commits: []heuristics.Commit{
				{SHA: "1111111111111111111111111111111111111111", Message: "Add a retry option"},
				{SHA: "2222222222222222222222222222222222222222", Message: "Retry empty replies\n\nWork around Widgetron dropping replies under load."},
			},
			field: heuristics.FieldCommit, line: 3, commit: "2222222222222222222222222222222222222222",
			quote: "Work around Widgetron dropping replies under load.",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := changelogAndField(t)
			c.Title, c.Body, c.Commits = tc.title, tc.body, tc.commits
			findings, err := s.Findings(context.Background(), c)
			require.NoError(t, err)
			require.Len(t, findings, 1, "%+v", findings)
			f := findings[0]
			assert.Equal(t, "workaround-message", f.Rule)
			assert.Equal(t, "widgetron", f.Dependency)
			assert.Equal(t, tc.field, f.Field)
			assert.Empty(t, f.Path, "the message is not a file of the diff")
			assert.Equal(t, tc.line, f.Line)
			assert.Equal(t, tc.commit, f.Commit)
			assert.Equal(t, tc.quote, f.Snippet)

			res, err := s.Score(context.Background(), c)
			require.NoError(t, err)
			require.NoError(t, heuristics.CheckResult(res))
			require.NotEmpty(t, res.Evidence)
			e := res.Evidence[0]
			assert.Equal(t, tc.field, e.Field)
			assert.Empty(t, e.Path)
			assert.Empty(t, e.Side, "a side is for diff lines")
			assert.Equal(t, tc.line, e.Line)
			assert.Equal(t, tc.commit, e.Commit)
			assert.Equal(t, tc.quote, e.Snippet)
		})
	}
}

// TestMessageEvidenceMultiByte checks that a long message line is cut on
// a character boundary, never inside a multi-byte character.
func TestMessageEvidenceMultiByte(t *testing.T) {
	s := newWorkaround(t, workaround.Config{Repository: "github.com/acme/tool"})
	c := changelogAndField(t)
	c.Title = "Work around Widgetron " + strings.Repeat("für ünïcödé ", 40)
	findings, err := s.Findings(context.Background(), c)
	require.NoError(t, err)
	require.Len(t, findings, 1, "%+v", findings)
	q := findings[0].Snippet
	assert.True(t, utf8.ValidString(q), "snippet %q", q)
	assert.True(t, strings.HasPrefix(q, "Work around Widgetron für"), q)
	assert.True(t, strings.HasSuffix(q, "…"), q)
	assert.LessOrEqual(t, utf8.RuneCountInString(q), 200)
}

// TestMessageUserWorkaround checks that a message which tells users how
// they could work around the bug being fixed does not call the change a
// workaround, and that an everyday noun is never taken for what a change
// works around.
func TestMessageUserWorkaround(t *testing.T) {
	s := newWorkaround(t, workaround.Config{Repository: "github.com/acme/tool"})
	const reset = "Reset stale values on reload"
	// name, title, body, and the dependency found ("" for none)
	for _, tc := range []struct{ name, title, body, want string }{
		{"would-be", reset, "Widgetron 2.1 keeps stale values after a reload.\n\nRunning with `acme serve --no-cache` would be a workaround for the above.", ""},
		{"could-be", reset, "Restarting Widgetron 2.1 could be a workaround, but this fixes the cause.", ""},
		{"users-can", reset, "Users can work around the stale cache of Widgetron 2.1 by setting RETRIES=0.", ""},
		{"as-a-workaround-set", reset, "As a workaround, set `cache: false` in the config of Widgetron 2.1.", ""},
		{"as-a-workaround-you-can", reset, "As a workaround you can restart Widgetron 2.1 after each deploy.", ""},
		{"common-noun", "The home page is broken after a reload", "Reset the counters so that the page renders.", ""},
		{"own-workaround-kept", "Retry empty replies", "This works around Widgetron dropping replies; users can drop the option once it is fixed.", "widgetron"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := changelogAndField(t)
			c.Title, c.Body = tc.title, tc.body
			findings, err := s.Findings(context.Background(), c)
			require.NoError(t, err)
			var deps []string
			for _, f := range findings {
				deps = append(deps, f.Dependency)
			}
			if tc.want == "" {
				assert.Empty(t, findings, "%+v", findings)
			} else {
				assert.Equal(t, []string{tc.want}, deps, "%+v", findings)
			}
		})
	}
}

// TestMessageAfterNamedComment checks that a message saying work around
// adds nothing when a comment of the change already names what it works
// around, even when the comment's own rule is turned off: turning a rule
// off must not bring the same workaround back under another rule.
func TestMessageAfterNamedComment(t *testing.T) {
	s := newWorkaround(t, workaround.Config{Repository: "github.com/acme/tool", Weights: map[string]float64{"workaround-runtime": 0}})
	base := map[string]*string{"src/thread.c": scorertest.Text("#include <pthread.h>\n")}
	change := map[string]*string{"src/thread.c": scorertest.Text("#include <pthread.h>\n#if defined(__APPLE__)\n" +
		"/* Workaround for a bug in macOS: the wait can return EINVAL. */\nint retry_einval = 1;\n#endif\n")}
	c := &heuristics.Contribution{Diff: scorertest.GitDiff(t, base, change), Title: "Work around the macOS condition variable bug"}
	findings, err := s.Findings(context.Background(), c)
	require.NoError(t, err)
	assert.Empty(t, findings)
}
