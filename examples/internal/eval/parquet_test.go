//go:build parquet

package eval

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
)

// The row types below carry the column names and types of the AIDev
// tables on Hugging Face (hao-li/AIDev), as the published schema
// lists them; the files the tests write are our own, small samples.

type pqPR struct {
	ID        int64   `parquet:"id"`
	Number    int64   `parquet:"number"`
	Title     string  `parquet:"title"`
	Body      string  `parquet:"body"`
	Agent     string  `parquet:"agent"`
	UserID    int64   `parquet:"user_id"`
	User      string  `parquet:"user"`
	State     string  `parquet:"state"`
	CreatedAt string  `parquet:"created_at"`
	ClosedAt  *string `parquet:"closed_at,optional"`
	MergedAt  *string `parquet:"merged_at,optional"`
	RepoID    int64   `parquet:"repo_id"`
	RepoURL   string  `parquet:"repo_url"`
	HTMLURL   string  `parquet:"html_url"`
}

type pqCommit struct {
	SHA       string `parquet:"sha"`
	PRID      int64  `parquet:"pr_id"`
	Author    string `parquet:"author"`
	Committer string `parquet:"committer"`
	Message   string `parquet:"message"`
}

type pqDetail struct {
	SHA       string  `parquet:"sha"`
	PRID      int64   `parquet:"pr_id"`
	Author    string  `parquet:"author"`
	Committer string  `parquet:"committer"`
	Message   string  `parquet:"message"`
	Total     int64   `parquet:"commit_stats_total"`
	Additions int64   `parquet:"commit_stats_additions"`
	Deletions int64   `parquet:"commit_stats_deletions"`
	Filename  string  `parquet:"filename"`
	Status    string  `parquet:"status"`
	FileAdd   float64 `parquet:"additions"` // pandas writes counts with nulls as float64
	FileDel   float64 `parquet:"deletions"`
	Changes   float64 `parquet:"changes"`
	Patch     *string `parquet:"patch,optional"`
}

type pqEvent struct {
	PRID      int64   `parquet:"pr_id"`
	Event     string  `parquet:"event"`
	CommitID  *string `parquet:"commit_id,optional"`
	CreatedAt string  `parquet:"created_at"`
	Actor     string  `parquet:"actor"`
	Assignee  *string `parquet:"assignee,optional"`
	Label     *string `parquet:"label,optional"`
	Message   *string `parquet:"message,optional"`
}

type pqComment struct {
	ID        int64     `parquet:"id"`
	PRID      int64     `parquet:"pr_id"`
	User      string    `parquet:"user"`
	UserID    int64     `parquet:"user_id"`
	CreatedAt time.Time `parquet:"created_at,timestamp(microsecond:utc)"` // a typed timestamp, not text
	Body      string    `parquet:"body"`
}

type pqReview struct {
	ID          int64  `parquet:"id"`
	PRID        int64  `parquet:"pr_id"`
	User        string `parquet:"user"`
	UserType    string `parquet:"user_type"`
	State       string `parquet:"state"`
	SubmittedAt string `parquet:"submitted_at"`
	Body        string `parquet:"body"`
}

func ptr(s string) *string { return &s }

const (
	mainPatch = "@@ -1,3 +1,5 @@\n package main\n \n-func main() {}\n+func main() {\n+\trun()\n+}"
	newPatch  = "@@ -0,0 +1,3 @@\n+package main\n+\n+func run() {}"
	oldPatch  = "@@ -1,2 +0,0 @@\n-package main\n-// old"
)

// writeAIDevParquet writes a small AIDev Parquet folder: pull request 101
// merged (two commits: a modified, an added, a removed and a binary
// file), 102 closed with a file whose patch GitHub left out, 103 open with
// no commits, and detail rows of a pull request 999 that does not exist.
//
// Unless sorted, pr_commit_details has 102's row before 101's, out of
// pull_request's order.
func writeAIDevParquet(t *testing.T, sorted bool, opts ...parquet.WriterOption) string {
	t.Helper()
	dir := t.TempDir()
	repo := "https://api.github.com/repos/acme/widgets"
	write(t, dir, pqPRs, []pqPR{
		{ID: 103, Number: 3, Title: "Add docs", Body: "Docs.", Agent: "Claude_Code", User: "alice", State: "open",
			CreatedAt: "2025-06-03T10:00:00Z", RepoURL: repo, HTMLURL: "https://github.com/acme/widgets/pull/3"},
		{ID: 101, Number: 1, Title: "Run on start", Body: "Calls run.", Agent: "OpenAI_Codex", User: "bob", State: "closed",
			CreatedAt: "2025-06-01T10:00:00Z", ClosedAt: ptr("2025-06-01T12:00:00Z"), MergedAt: ptr("2025-06-01T12:00:00Z"),
			RepoURL: repo, HTMLURL: "https://github.com/acme/widgets/pull/1"},
		{ID: 102, Number: 2, Title: "Regenerate data", Body: "", Agent: "Devin", User: "devin-ai-integration[bot]", State: "closed",
			CreatedAt: "2025-06-02T10:00:00Z", ClosedAt: ptr("2025-06-02T11:00:00Z"), RepoURL: repo, HTMLURL: "https://github.com/acme/widgets/pull/2"},
	}, opts...)
	write(t, dir, pqCommits, []pqCommit{
		{SHA: "c1", PRID: 101, Author: "bob", Message: "Run on start"},
		{SHA: "c2", PRID: 101, Author: "bob", Message: "Remove old code\n\nCo-authored-by: Codex <codex@openai.com>"},
		{SHA: "c3", PRID: 102, Author: "devin", Message: "Regenerate data"},
	}, opts...)
	details := []pqDetail{
		{SHA: "c3", PRID: 102, Filename: "data/big.json", Status: "modified", FileAdd: 5000, FileDel: 4000, Changes: 9000},
		{SHA: "c1", PRID: 101, Filename: "main.go", Status: "modified", FileAdd: 3, FileDel: 1, Changes: 4, Patch: ptr(mainPatch)},
		{SHA: "c1", PRID: 101, Filename: "run.go", Status: "added", FileAdd: 3, Changes: 3, Patch: ptr(newPatch)},
		{SHA: "c2", PRID: 101, Filename: "old.go", Status: "removed", FileDel: 2, Changes: 2, Patch: ptr(oldPatch)},
		{SHA: "c2", PRID: 101, Filename: "logo.png", Status: "added"}, // binary: no patch, no lines
		{SHA: "c9", PRID: 999, Filename: "x.go", Status: "modified", Patch: ptr("@@ -1 +1 @@\n-a\n+b")},
	}
	if sorted {
		details = append(details[1:5:5], details[0], details[5])
	}
	write(t, dir, pqDetails, details, opts...)
	write(t, dir, pqTimeline, []pqEvent{
		{PRID: 101, Event: "labeled", CreatedAt: "2025-06-01T10:30:00Z", Actor: "carol", Label: ptr("bug")},
		{PRID: 101, Event: "merged", CreatedAt: "2025-06-01T12:00:00Z", Actor: "carol", CommitID: ptr("c2")},
		{PRID: 101, Event: "closed", CreatedAt: "2025-06-01T12:00:00Z", Actor: "carol"},
		{PRID: 102, Event: "closed", CreatedAt: "2025-06-02T11:00:00Z", Actor: "carol"},
	}, opts...)
	write(t, dir, pqComments, []pqComment{
		{ID: 1, PRID: 101, User: "carol", CreatedAt: time.Date(2025, 6, 1, 11, 0, 0, 0, time.UTC), Body: "Looks good."},
	}, opts...)
	write(t, dir, pqReviews, []pqReview{
		{ID: 7, PRID: 101, User: "carol", UserType: "User", State: "APPROVED", SubmittedAt: "2025-06-01T11:30:00Z"},
		{ID: 8, PRID: 101, User: "reviewer-app", UserType: "Bot", State: "COMMENTED", SubmittedAt: "2025-06-01T12:30:00Z"}, // after the merge
		{ID: 9, PRID: 102, User: "lint-helper", UserType: "Bot", State: "COMMENTED", SubmittedAt: "2025-06-02T10:30:00Z"},
	}, opts...)
	return dir
}

func write[T any](t *testing.T, dir, name string, rows []T, opts ...parquet.WriterOption) {
	t.Helper()
	require.NoError(t, parquet.WriteFile(filepath.Join(dir, name), rows, opts...))
}

// readAll reads a source to the end, splitting records and skips.
func readAll(t *testing.T, src Source) (map[string]*Record, []*SkipError) {
	t.Helper()
	recs := map[string]*Record{}
	var skips []*SkipError
	for {
		r, err := src.Next()
		if err == io.EOF {
			return recs, skips
		}
		var se *SkipError
		if errors.As(err, &se) {
			skips = append(skips, se)
			continue
		}
		require.NoError(t, err)
		recs[r.ID] = r
	}
}

func TestAIDevParquet(t *testing.T) {
	for _, tc := range []struct {
		name, reason string
		sorted       bool
		opts         []parquet.WriterOption
	}{
		{"one row group", "as pandas writes small tables; details out of order, so copied out", false, nil},
		{"sorted, row groups of two rows", "pull request 101's detail rows span row groups, read straight from the Parquet file",
			true, []parquet.WriterOption{parquet.MaxRowsPerRowGroup(2)}},
		{"unsorted, row groups of two rows", "as above, copied out", false, []parquet.WriterOption{parquet.MaxRowsPerRowGroup(2)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeAIDevParquet(t, tc.sorted, tc.opts...)
			src, err := OpenAIDevDir(dir, nil)
			require.NoError(t, err, tc.reason)
			a, ok := src.(*AIDevParquet)
			require.True(t, ok, "a folder of Parquet tables opens the Parquet layout")
			recs, skips := readAll(t, a)
			require.NoError(t, a.Close())

			require.Len(t, recs, 3)
			require.Len(t, skips, 1, "pr_commit_details rows of pull request 999")
			assert.Equal(t, ReasonUnknownID, skips[0].Reason)
			assert.Contains(t, skips[0].Error(), "pr_commit_details.parquet")
			assert.Contains(t, skips[0].Error(), "999")

			merged := recs["acme/widgets#1"]
			require.NotNil(t, merged)
			assert.Equal(t, "OpenAI_Codex", merged.Agent)
			assert.True(t, *merged.Merged)
			assert.True(t, *merged.AI)
			assert.False(t, merged.DiffPartial, "the binary file has no changed lines to miss")
			require.Len(t, merged.Commits, 2)
			assert.Equal(t, "c2", merged.Commits[1].SHA)
			want := "diff --git a/main.go b/main.go\n--- a/main.go\n+++ b/main.go\n" + mainPatch + "\n" +
				"diff --git a/run.go b/run.go\nnew file mode 100644\n--- /dev/null\n+++ b/run.go\n" + newPatch + "\n" +
				"diff --git a/old.go b/old.go\ndeleted file mode 100644\n--- a/old.go\n+++ /dev/null\n" + oldPatch + "\n" +
				"diff --git a/logo.png b/logo.png\nnew file mode 100644\nBinary files /dev/null and b/logo.png differ\n"
			assert.Equal(t, want, merged.Diff)

			d, err := diffstat.Parse(strings.NewReader(merged.Diff), nil)
			require.NoError(t, err, "the diff parses as git's would")
			require.Len(t, d.Files, 4)
			got := map[string]diffstat.File{}
			for _, f := range d.Files {
				got[f.NewPath+f.OldPath] = *f
			}
			assert.Equal(t, diffstat.OpModified, got["main.gomain.go"].Op)
			assert.Equal(t, 3, got["main.gomain.go"].Added)
			assert.Equal(t, 1, got["main.gomain.go"].Deleted)
			assert.Equal(t, diffstat.OpAdded, got["run.go"].Op)
			assert.Equal(t, 3, got["run.go"].Added)
			assert.Equal(t, diffstat.OpDeleted, got["old.go"].Op)
			assert.Equal(t, 2, got["old.go"].Deleted)
			assert.True(t, got["logo.png"].Binary)

			// The timeline stops at the merge; the merger counts as a
			// maintainer; the typed timestamp of pr_comments reads.
			var kinds []heuristics.EventKind
			for _, e := range merged.Timeline {
				kinds = append(kinds, e.Kind)
				assert.Equal(t, heuristics.AssociationMember, e.Actor.Association, "carol merged a pull request here")
			}
			assert.Equal(t, []heuristics.EventKind{heuristics.EventLabeled, heuristics.EventComment, heuristics.EventReview}, kinds)
			assert.Equal(t, time.Date(2025, 6, 1, 11, 0, 0, 0, time.UTC), merged.Timeline[1].Time)
			assert.Equal(t, time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC), merged.Now)

			// Effort: carol's comment and approval before the merge; the
			// bot's review after it counts for nothing.
			assert.Equal(t, &Outcomes{ReviewComments: new(2), ReviewRounds: new(0), Maintainers: new(1), MaintainerComments: new(2),
				FirstResponse: new(1.0), TimeToClose: new(2.0)}, merged.Outcomes)

			partial := recs["acme/widgets#2"]
			require.NotNil(t, partial)
			assert.Equal(t, &Outcomes{ReviewComments: new(0), ReviewRounds: new(0), Maintainers: new(0), MaintainerComments: new(0),
				TimeToClose: new(1.0)}, partial.Outcomes, "only a bot reviewed")
			assert.False(t, *partial.Merged)
			require.Len(t, partial.Timeline, 1)
			assert.True(t, partial.Timeline[0].Actor.Bot, "user_type Bot marks a login without [bot]")
			assert.True(t, partial.DiffPartial, "9000 changed lines GitHub did not return")
			assert.Equal(t, "diff --git a/data/big.json b/data/big.json\nBinary files a/data/big.json and b/data/big.json differ\n", partial.Diff)

			open := recs["acme/widgets#3"]
			require.NotNil(t, open)
			assert.Nil(t, open.Merged, "still open")
			assert.Empty(t, open.Commits)
			assert.Empty(t, open.Diff, "no commits, no diff")
			assert.False(t, open.DiffPartial)

			notes := strings.Join(a.Notes(), "\n")
			assert.Contains(t, notes, "1 of 3 pull requests have no row in pr_commit_details.parquet")
			assert.Contains(t, notes, "1 of 3 pull requests have a partial diff")
			assert.Contains(t, notes, "1 accounts that merged")
			if tc.sorted {
				assert.NotContains(t, notes, "temporary file")
			} else {
				assert.Contains(t, notes, "pr_commit_details.parquet is not in pull_request.parquet's order: its rows were copied to a temporary file")
			}
		})
	}
}

func TestAIDevParquetBadTables(t *testing.T) {
	type noPatch struct {
		SHA      string `parquet:"sha"`
		PRID     int64  `parquet:"pr_id"`
		Filename string `parquet:"filename"`
		Status   string `parquet:"status"`
	}
	type intPatch struct {
		PRID     int64  `parquet:"pr_id"`
		Filename string `parquet:"filename"`
		Status   string `parquet:"status"`
		Patch    int64  `parquet:"patch"`
	}
	type noTitle struct {
		ID    int64  `parquet:"id"`
		Body  string `parquet:"body"`
		State string `parquet:"state"`
	}
	for _, tc := range []struct {
		name, reason string
		file         string
		write        func(dir string)
		fatal        bool     // the pull request table: OpenAIDevParquet fails
		want         []string // in the error
		wantReason   string
	}{
		{"details without patch", "a joined table missing a column is left out and reported, naming file and column",
			pqDetails, func(dir string) {
				write(t, dir, pqDetails, []noPatch{{SHA: "c1", PRID: 101, Filename: "a.go", Status: "modified"}})
			},
			false, []string{"pr_commit_details.parquet", "no column patch"}, ReasonMissingCol},
		{"patch that is a number", "a column of the wrong type is malformed, naming file, column and type",
			pqDetails, func(dir string) {
				write(t, dir, pqDetails, []intPatch{{PRID: 101, Filename: "a.go", Status: "modified", Patch: 7}})
			},
			false, []string{"pr_commit_details.parquet", "column patch holds INT64"}, ReasonMalformed},
		{"reviews that are not Parquet", "a file that is not Parquet is malformed, naming the file",
			pqReviews, func(dir string) {
				require.NoError(t, os.WriteFile(filepath.Join(dir, pqReviews), []byte("id,pr_id\n1,101\n"), 0o644))
			},
			false, []string{"pr_reviews.parquet", "not a readable Parquet file"}, ReasonMalformed},
		{"footer claiming four billion schema elements", "checked before the Parquet reader would allocate them all",
			pqReviews, func(dir string) {
				// FileMetaData{1: version 1, 2: list<struct> of 2^32-1}
				footer := []byte{0x15, 0x02, 0x19, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00}
				b := append([]byte("PAR1"), footer...)
				b = append(b, byte(len(footer)), 0, 0, 0)
				b = append(b, "PAR1"...)
				require.NoError(t, os.WriteFile(filepath.Join(dir, pqReviews), b, 0o644))
			},
			false, []string{"pr_reviews.parquet", "footer: byte 9: malformed metadata: a length of 4294967295 with 1 bytes left"}, ReasonMalformed},
		{"pull requests without title", "without a usable pull request table there is nothing to read",
			pqPRs, func(dir string) { write(t, dir, pqPRs, []noTitle{{ID: 101, Body: "b", State: "open"}}) },
			true, []string{"pull_request.parquet", "no column title"}, ReasonMissingCol},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeAIDevParquet(t, false)
			tc.write(dir)
			a, err := OpenAIDevParquet(dir, nil)
			var se *SkipError
			if tc.fatal {
				require.Error(t, err, tc.reason)
				require.ErrorAs(t, err, &se)
				assert.Equal(t, tc.wantReason, se.Reason)
				for _, w := range tc.want {
					assert.Contains(t, err.Error(), w)
				}
				return
			}
			require.NoError(t, err, tc.reason)
			recs, skips := readAll(t, a)
			assert.Len(t, recs, 3, "the other tables still serve")
			require.NotEmpty(t, skips)
			se = skips[0]
			assert.Equal(t, tc.wantReason, se.Reason)
			assert.Equal(t, tc.file, se.Pos)
			for _, w := range tc.want {
				assert.Contains(t, se.Error(), w)
			}
		})
	}
}

func TestAIDevParquetAllPullRequests(t *testing.T) {
	// all_pull_request alone: no joined tables, so no diffs, and Notes
	// says so; the CSV layout's folder is not mistaken for it.
	dir := t.TempDir()
	write(t, dir, pqAllPRs, []pqPR{{ID: 5, Number: 5, Title: "t", Body: "b", State: "closed", User: "u",
		MergedAt: ptr("2025-06-01 12:00:00+00:00"), RepoURL: "https://api.github.com/repos/o/r"}})
	a, err := OpenAIDevParquet(dir, nil)
	require.NoError(t, err)
	recs, skips := readAll(t, a)
	assert.Empty(t, skips)
	require.Contains(t, recs, "o/r#5")
	assert.True(t, *recs["o/r#5"].Merged)
	assert.Contains(t, strings.Join(a.Notes(), "\n"), "no pr_commit_details.parquet: diff-based scorers are not applicable")

	assert.False(t, HasAIDevParquet("testdata/aidev"), "the CSV layout")
	_, err = OpenAIDevParquet(t.TempDir(), nil)
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestRunOnAIDevParquet(t *testing.T) {
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	a, err := OpenAIDevParquet(writeAIDevParquet(t, false), nil)
	require.NoError(t, err)
	res, err := Run(context.Background(), set, a, Options{Label: LabelMerged})
	require.NoError(t, err)
	size, _ := res.Scorer("size")
	assert.Equal(t, int64(2), size.Coverage.Applicable, "the two pull requests with rows in pr_commit_details")
	assert.Equal(t, int64(2), res.Labelled, "one pull request is open")
}

// FuzzAIDevParquet: any bytes as pull_request.parquet and
// pr_commit_details.parquet are read without a panic or a hang; faults
// are errors naming the table.
func FuzzAIDevParquet(f *testing.F) {
	seed := writeAIDevParquet(&testing.T{}, false)
	prs, err := os.ReadFile(filepath.Join(seed, pqPRs))
	if err != nil {
		f.Fatal(err)
	}
	details, err := os.ReadFile(filepath.Join(seed, pqDetails))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(prs, details)
	f.Add(prs, details[:len(details)/2])
	f.Add(prs[:len(prs)-9], []byte("PAR1"))
	f.Fuzz(func(t *testing.T, prs, details []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, pqPRs), prs, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, pqDetails), details, 0o644); err != nil {
			t.Fatal(err)
		}
		a, err := OpenAIDevParquet(dir, nil)
		drainFuzzed(t, a, err, pqPRs)
	})
}

// drainFuzzed reads a source opened on fuzzed tables to its end: every
// error, from opening or reading, must name table (the table the fuzzer
// wrote), and the source must end.
func drainFuzzed(t *testing.T, src Source, err error, table string) {
	t.Helper()
	if err != nil {
		if !strings.Contains(err.Error(), table) {
			t.Fatalf("error does not name the table: %v", err)
		}
		return
	}
	defer src.Close()
	for range 10000 {
		_, err := src.Next()
		if err == io.EOF {
			return
		}
		var se *SkipError
		if err != nil && !errors.As(err, &se) {
			if !strings.Contains(err.Error(), table) {
				t.Fatalf("error does not name the table: %v", err)
			}
			return
		}
	}
	t.Fatal("no end after 10000 records")
}

// BenchmarkAIDevParquet measures opening, indexing, joining and building
// the diffs of 2,000 pull requests of three files each, the tables in
// row groups of 1,000 rows, pr_commit_details in the pull requests' order
// (read straight through) or in the reverse order (every pull request
// seeks back).
func BenchmarkAIDevParquet(b *testing.B) {
	b.Run("same-order", func(b *testing.B) { benchAIDevParquet(b, false) })
	b.Run("reverse-order", func(b *testing.B) { benchAIDevParquet(b, true) })
}

func benchAIDevParquet(b *testing.B, reverse bool) {
	dir := b.TempDir()
	const n = 2000
	var prs []pqPR
	var commits []pqCommit
	var details []pqDetail
	patch := "@@ -1,4 +1,5 @@\n line one\n-line two\n+line 2\n+line 2b\n line three\n line four"
	for i := range n {
		id := int64(1000 + i)
		prs = append(prs, pqPR{ID: id, Number: id, Title: "Change", Body: "Body text.", State: "closed",
			CreatedAt: "2025-06-01T10:00:00Z", RepoURL: "https://api.github.com/repos/o/r"})
		commits = append(commits, pqCommit{SHA: "s", PRID: id, Message: "Change"})
	}
	for k := range n {
		i := k
		if reverse {
			i = n - 1 - k
		}
		for _, f := range []string{"a.go", "b.go", "c.go"} {
			details = append(details, pqDetail{SHA: "s", PRID: int64(1000 + i), Filename: f, Status: "modified",
				FileAdd: 2, FileDel: 1, Changes: 3, Patch: &patch})
		}
	}
	opt := parquet.MaxRowsPerRowGroup(1000)
	for _, w := range []error{
		parquet.WriteFile(filepath.Join(dir, pqPRs), prs, opt),
		parquet.WriteFile(filepath.Join(dir, pqCommits), commits, opt),
		parquet.WriteFile(filepath.Join(dir, pqDetails), details, opt),
	} {
		if w != nil {
			b.Fatal(w)
		}
	}
	var size int64
	for _, f := range []string{pqPRs, pqCommits, pqDetails} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			b.Fatal(err)
		}
		size += st.Size()
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		a, err := OpenAIDevParquet(dir, nil)
		if err != nil {
			b.Fatal(err)
		}
		got := 0
		for {
			r, err := a.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if r.Diff != "" {
				got++
			}
		}
		a.Close()
		if got != n {
			b.Fatalf("%d diffs, want %d", got, n)
		}
	}
}
