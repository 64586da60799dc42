//go:build parquet

package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
)

// The row types below carry the column names and types of the tables of
// PurdueDualityLab/github_perf_patch_study (datasets/ai_pr and
// datasets/human_pr); the files the tests write are our own, small
// samples. The agents' tables write the commit counts as doubles, the
// humans' as integers, as the published files do.

type perfDetailAI struct {
	SHA       string   `parquet:"sha"`
	PRID      int64    `parquet:"pr_id"`
	PRNumber  int64    `parquet:"pr_number"`
	Total     *float64 `parquet:"commit_stats_total,optional"`
	Filename  string   `parquet:"filename"`
	Status    string   `parquet:"status"`
	Additions int64    `parquet:"additions"`
	Deletions int64    `parquet:"deletions"`
	Changes   int64    `parquet:"changes"`
	Patch     *string  `parquet:"patch,optional"`
	RepoOwner *string  `parquet:"repo_owner,optional"`
}

type perfDetailHuman struct {
	SHA       string  `parquet:"sha"`
	PRID      int64   `parquet:"pr_id"`
	PRNumber  int64   `parquet:"pr_number"`
	Total     int64   `parquet:"commit_stats_total"`
	Filename  string  `parquet:"filename"`
	Status    string  `parquet:"status"`
	Additions int64   `parquet:"additions"`
	Deletions int64   `parquet:"deletions"`
	Changes   int64   `parquet:"changes"`
	Patch     *string `parquet:"patch,optional"`
}

type perfCommit struct {
	SHA           string  `parquet:"sha"`
	PRID          int64   `parquet:"pr_id"`
	PRNumber      int64   `parquet:"pr_number"`
	Author        string  `parquet:"author"`
	CommitMessage string  `parquet:"commit_message"`
	PRTitle       string  `parquet:"pr_title"`
	Message       *string `parquet:"message,optional"`
}

type perfComment struct {
	PRID      int64     `parquet:"pr_id"`
	PRNumber  int64     `parquet:"pr_number"`
	CommentID int64     `parquet:"comment_id"`
	UserLogin string    `parquet:"user_login"`
	UserType  string    `parquet:"user_type"`
	Body      string    `parquet:"body"`
	CreatedAt time.Time `parquet:"created_at,timestamp(nanosecond:utc)"`
}

type perfReviewComment struct {
	PRID      int64     `parquet:"pr_id"`
	PRNumber  int64     `parquet:"pr_number"`
	CommentID int64     `parquet:"comment_id"`
	UserLogin string    `parquet:"user_login"`
	UserType  string    `parquet:"user_type"`
	Body      string    `parquet:"body"`
	CreatedAt time.Time `parquet:"created_at,timestamp(nanosecond:utc)"`
	Path      string    `parquet:"path"`
	DiffHunk  string    `parquet:"diff_hunk"`
}

// blankLast is a hunk whose last line is a blank context line: one
// space, which trimming would lose.
const blankLast = "@@ -1,3 +1,4 @@\n x := 1\n+y := 2\n z := 3\n "

// writePerfPatch writes a small datasets folder: pull request 201 by an
// agent, merged, with a comment after the merge; 202 by an agent, closed
// without merging; 301 by a person, merged, in the human tables; 302 by
// a person, open, with no rows anywhere.
func writePerfPatch(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "datasets")
	for _, d := range []string{"ai_pr", "human_pr"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, d), 0o755))
	}
	csv := "id,number,title,body,classification_reason,agent,author_type,state,created_at,merged_at,is_merged,time_to_merge_days,primary_language,repo_id,html_url\n" +
		"201,11,Speed up the parser,\"Caches the table.\n\nBenchmarks below.\",perf,OpenAI_Codex,AI Agent,closed,2025-06-01 10:00:00+00:00,2025-06-02 10:00:00+00:00,True,1.0,Go,7.0,https://github.com/acme/widgets/pull/11\n" +
		"202,12,Avoid a copy,Avoids a copy.,perf,Devin,AI Agent,closed,2025-06-03 10:00:00+00:00,,False,,Go,7.0,https://github.com/acme/widgets/pull/12\n" +
		"301,13,Faster hashing,Use a faster hash.,perf,Human,Human,closed,2025-06-04 10:00:00+00:00,2025-06-05 10:00:00+00:00,True,1.0,Go,7.0,https://github.com/acme/widgets/pull/13\n" +
		"302,14,Trim allocations,WIP,perf,Human,Human,open,2025-06-06 10:00:00+00:00,,False,,Go,7.0,https://github.com/acme/widgets/pull/14\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, perfPRs), []byte(csv), 0o644))
	total := 4.0
	owner := "acme"
	write(t, dir, "ai_pr/ai_pr_commit_details.parquet", []perfDetailAI{
		{SHA: "c2", PRID: 202, PRNumber: 12, Filename: "copy.go", Status: "modified", Additions: 1, Deletions: 1, Changes: 2, Patch: ptr("@@ -1 +1 @@\n-a\n+b")},
		{SHA: "c1", PRID: 201, PRNumber: 11, Total: &total, Filename: "parse.go", Status: "modified", Additions: 1, Changes: 1, Patch: ptr(blankLast), RepoOwner: &owner},
		{SHA: "c1", PRID: 201, PRNumber: 11, Filename: "table.bin", Status: "added", Additions: 0, Changes: 0},
	})
	write(t, dir, "human_pr/human_pr_commit_details.parquet", []perfDetailHuman{
		{SHA: "h1", PRID: 301, PRNumber: 13, Total: 3, Filename: "hash.go", Status: "added", Additions: 3, Changes: 3, Patch: ptr(newPatch)},
	})
	write(t, dir, "ai_pr/ai_pr_commits.parquet", []perfCommit{
		{SHA: "c1", PRID: 201, PRNumber: 11, Author: "codex", CommitMessage: "Cache the table"},
	})
	write(t, dir, "human_pr/human_pr_commits.parquet", []perfCommit{
		{SHA: "h1", PRID: 301, PRNumber: 13, Author: "Ada", CommitMessage: "Use a faster hash"},
	})
	at := func(s string) time.Time { tm, _ := time.Parse(time.RFC3339, s); return tm }
	write(t, dir, "ai_pr/ai_pr_issue_comments.parquet", []perfComment{
		{PRID: 201, PRNumber: 11, CommentID: 1, UserLogin: "maint", UserType: "User", Body: "Numbers?", CreatedAt: at("2025-06-01T12:00:00Z")},
		{PRID: 201, PRNumber: 11, CommentID: 2, UserLogin: "maint", UserType: "User", Body: "Thanks for merging", CreatedAt: at("2025-06-02T11:00:00Z")},
		{PRID: 999, PRNumber: 99, CommentID: 3, UserLogin: "x", UserType: "User", Body: "stray", CreatedAt: at("2025-06-02T11:00:00Z")},
	})
	write(t, dir, "ai_pr/ai_pr_review_comments.parquet", []perfReviewComment{
		{PRID: 202, PRNumber: 12, CommentID: 4, UserLogin: "ci-bot[bot]", UserType: "Bot", Body: "nit", CreatedAt: at("2025-06-03T11:00:00Z"), Path: "copy.go"},
	})
	// human_pr_issue_comments and both sides' review comments for
	// people are absent: noted, not fatal.
	return root
}

func TestPerfPatch(t *testing.T) {
	src, err := OpenPerfPatchDir(writePerfPatch(t), nil)
	require.NoError(t, err)
	defer src.Close()
	recs, skips := readAll(t, src)
	require.Len(t, recs, 4)

	r := recs["acme/widgets#11"]
	require.NotNil(t, r)
	assert.Equal(t, "Speed up the parser", r.Title)
	assert.Equal(t, "OpenAI_Codex", r.Agent)
	assert.Equal(t, "acme/widgets", r.Repo)
	assert.Equal(t, new(true), r.AI)
	assert.Equal(t, new(true), r.Merged)
	require.Len(t, r.Commits, 1)
	assert.Equal(t, "Cache the table", r.Commits[0].Message, "commit_message, the column the study fills")
	require.Len(t, r.Timeline, 1, "the comment after the merge is cut")
	require.NotNil(t, r.Outcomes)
	assert.Equal(t, new(1), r.Outcomes.ReviewComments, "the comment before the merge")
	assert.Equal(t, new(24.0), r.Outcomes.TimeToClose, "opened to merged, in hours")
	assert.Nil(t, r.Outcomes.Maintainers, "the data cannot tell who maintains")
	assert.Nil(t, r.Outcomes.ReviewRounds, "nor when commits were pushed")
	assert.Equal(t, heuristics.EventComment, r.Timeline[0].Kind)
	assert.Equal(t, "maint", r.Timeline[0].Actor.Login)
	assert.False(t, r.DiffPartial, "the binary file's counts say nothing changed")
	d, err := diffstat.Parse(strings.NewReader(r.Diff), nil)
	require.NoError(t, err, "a patch ending in a blank context line keeps it:\n%s", r.Diff)
	assert.Len(t, d.Files, 2)

	r = recs["acme/widgets#12"]
	require.NotNil(t, r)
	assert.Equal(t, new(false), r.Merged)
	require.Len(t, r.Timeline, 1)
	assert.Equal(t, heuristics.EventReviewComment, r.Timeline[0].Kind)
	assert.True(t, r.Timeline[0].Actor.Bot, "user_type Bot")
	assert.Equal(t, r.Timeline[0].Time, r.Now, "no closed_at: scored as of its last comment")
	require.NotNil(t, r.Outcomes)
	assert.Equal(t, new(0), r.Outcomes.ReviewComments, "a bot's line comment is no review effort")
	assert.Nil(t, recs["acme/widgets#13"].Outcomes, "the human side has no comment tables here: nothing to count")
	assert.Nil(t, r.Outcomes.TimeToClose, "closed without merging, and no closed_at")

	r = recs["acme/widgets#13"]
	require.NotNil(t, r)
	assert.Equal(t, new(false), r.AI)
	assert.Equal(t, "Human", r.Agent)
	assert.Contains(t, r.Diff, "+++ b/hash.go", "from the human side's table")
	require.Len(t, r.Commits, 1)

	r = recs["acme/widgets#14"]
	require.NotNil(t, r)
	assert.Nil(t, r.Merged, "open")
	assert.Empty(t, r.Diff)

	require.Len(t, skips, 1)
	assert.Equal(t, ReasonUnknownID, skips[0].Reason)
	assert.Contains(t, skips[0].Error(), "999")
	notes := strings.Join(src.(Noter).Notes(), "\n")
	assert.Contains(t, notes, "no human_pr/human_pr_issue_comments.parquet, human_pr/human_pr_review_comments.parquet")
	assert.Contains(t, notes, "1 of 4 pull requests have no commit_details row")
	assert.Contains(t, notes, "no closed_at")
}

func TestPerfPatchBadTables(t *testing.T) {
	t.Run("no pull request table", func(t *testing.T) {
		_, err := OpenPerfPatchDir(t.TempDir(), nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), perfPRsRaw, "names the file it looked for last")
	})
	t.Run("a joined table that is not Parquet", func(t *testing.T) {
		root := writePerfPatch(t)
		require.NoError(t, os.WriteFile(filepath.Join(root, "datasets", "ai_pr", "ai_pr_commits.parquet"), []byte("not parquet"), 0o644))
		src, err := OpenPerfPatchDir(filepath.Join(root, "datasets"), nil)
		require.NoError(t, err)
		defer src.Close()
		recs, skips := readAll(t, src)
		assert.Len(t, recs, 4, "the other tables still join")
		require.NotEmpty(t, skips)
		assert.Equal(t, "ai_pr/ai_pr_commits.parquet", skips[0].Pos)
		assert.Equal(t, ReasonMalformed, skips[0].Reason)
	})
	t.Run("a column missing", func(t *testing.T) {
		root := writePerfPatch(t)
		type noPatch struct {
			PRID     int64  `parquet:"pr_id"`
			Filename string `parquet:"filename"`
		}
		write(t, filepath.Join(root, "datasets"), "human_pr/human_pr_commit_details.parquet", []noPatch{{PRID: 301, Filename: "a"}})
		src, err := OpenPerfPatchDir(root, nil)
		require.NoError(t, err)
		defer src.Close()
		_, skips := readAll(t, src)
		require.NotEmpty(t, skips)
		assert.Equal(t, ReasonMissingCol, skips[0].Reason)
		assert.Contains(t, skips[0].Error(), "status, patch")
	})
}

func TestRunOnPerfPatch(t *testing.T) {
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	src, err := OpenPerfPatchDir(writePerfPatch(t), nil)
	require.NoError(t, err)
	defer src.Close()
	res, err := Run(context.Background(), set, src, Options{Label: LabelMerged})
	require.NoError(t, err)
	size, _ := res.Scorer("size")
	assert.Equal(t, int64(3), size.Coverage.Applicable, "the three pull requests with patches")
	assert.Equal(t, int64(3), res.Labelled, "one pull request is open")
	assert.Zero(t, res.SkippedBy[ReasonBadDiff], "every built diff parses")

	src, err = OpenPerfPatchDir(writePerfPatch(t), nil)
	require.NoError(t, err)
	defer src.Close()
	res, err = Run(context.Background(), set, src, Options{Label: LabelMerged, Outcomes: []Outcome{OutcomeReviewComments, OutcomeTimeToClose}, AsOpened: true})
	require.NoError(t, err)
	require.Len(t, res.Outcomes, 2)
	assert.Equal(t, int64(2), res.Outcomes[0].Contributions, "review_comments: the agents' pull requests, whose side has comment tables")
	assert.Equal(t, int64(1), res.Outcomes[1].Contributions, "time_to_close: the merged pull request with comment tables")
}

// FuzzPerfPatch: any bytes as the pull request CSV and the agents'
// commit_details table are read without a panic or a hang; faults are
// errors naming the file, or skips.
func FuzzPerfPatch(f *testing.F) {
	seed := filepath.Join(writePerfPatch(&testing.T{}), "datasets")
	prs, err := os.ReadFile(filepath.Join(seed, perfPRs))
	if err != nil {
		f.Fatal(err)
	}
	details, err := os.ReadFile(filepath.Join(seed, "ai_pr", "ai_pr_commit_details.parquet"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(prs, details)
	f.Add(prs[:len(prs)/2], details[:len(details)/2])
	f.Add([]byte("id,title,body,state,merged_at\n\"1,x"), []byte("PAR1"))
	f.Fuzz(func(t *testing.T, prs, details []byte) {
		dir := t.TempDir()
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "ai_pr"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, perfPRs), prs, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "ai_pr", "ai_pr_commit_details.parquet"), details, 0o644))
		src, err := OpenPerfPatchDir(dir, &AIDevOptions{MaxRow: 1 << 20})
		drainFuzzed(t, src, err, perfPRs)
	})
}
