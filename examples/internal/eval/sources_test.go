package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
)

// drain reads a source to the end, returning its records and skips.
func drain(t *testing.T, src Source) ([]*Record, []*SkipError) {
	t.Helper()
	var recs []*Record
	var skips []*SkipError
	for {
		r, err := src.Next()
		if err == io.EOF {
			break
		}
		var se *SkipError
		if errors.As(err, &se) {
			skips = append(skips, se)
			continue
		}
		require.NoError(t, err)
		recs = append(recs, r)
	}
	require.NoError(t, src.Close())
	return recs, skips
}

func TestJSONLines(t *testing.T) {
	f, err := os.Open("testdata/contributions.jsonl")
	require.NoError(t, err)
	recs, skips := drain(t, NewJSONLines(f, "contributions.jsonl", 0))

	require.Len(t, recs, 6, "8 lines: one malformed, one blank")
	require.Len(t, skips, 1)
	assert.Equal(t, "contributions.jsonl:4", skips[0].Pos)
	assert.Equal(t, ReasonMalformed, skips[0].Reason)

	r := recs[0]
	assert.Equal(t, "acme/widgets#101", r.ID)
	assert.Equal(t, "contributions.jsonl:1", r.Pos)
	assert.Equal(t, heuristics.Author{Login: "jlee", Association: heuristics.AssociationContributor}, r.Author)
	assert.Equal(t, "Fix nil check in the request handler\n\nSigned-off-by: J Lee <jlee@example.com>\n", r.Commits[0].Message)
	assert.True(t, strings.HasPrefix(r.Diff, "diff --git a/server/handler.go"))
	assert.Equal(t, new(true), r.Merged)
	assert.Equal(t, new(false), r.AI)
	assert.Equal(t, "acme/widgets", r.Repo)
	assert.Equal(t, "contributions.jsonl:6", recs[3].Pos, "line numbers count the blank line")
	assert.Nil(t, recs[5].Merged, "an open pull request has no merged label")
}

func TestJSONLinesBadLines(t *testing.T) {
	in := strings.Join([]string{
		`{"title": "ok"}`,
		`{"title": 42}`,
		`[1, 2]`,
		`{"title": "` + strings.Repeat("x", 200) + `"}`,
		`{"title": "last", "merged": false}`,
	}, "\n") // no final newline
	recs, skips := drain(t, NewJSONLines(strings.NewReader(in), "in", 100))
	require.Len(t, recs, 2)
	assert.Equal(t, "last", recs[1].Title)
	assert.Equal(t, "in:5", recs[1].Pos)
	require.Len(t, skips, 3)
	assert.Equal(t, `in:2: malformed: key "title": number is not a string`, skips[0].Error())
	assert.Equal(t, "in:3", skips[1].Pos)
	assert.Equal(t, "in:4", skips[2].Pos)
	assert.Equal(t, ReasonTooLarge, skips[2].Reason, "a line over the limit is skipped, not kept")
}

func TestJSONLinesRoundTrip(t *testing.T) {
	f, err := os.Open("testdata/contributions.jsonl")
	require.NoError(t, err)
	recs, _ := drain(t, NewJSONLines(f, "a", 0))
	var b strings.Builder
	w := NewJSONLinesWriter(&b)
	for _, r := range recs {
		require.NoError(t, w.Write(r))
	}
	require.NoError(t, w.Flush())
	again, skips := drain(t, NewJSONLines(strings.NewReader(b.String()), "b", 0))
	require.Empty(t, skips)
	require.Len(t, again, len(recs))
	for i := range recs {
		recs[i].Pos, again[i].Pos = "", ""
		assert.Equal(t, recs[i], again[i])
	}
}

func TestAIDev(t *testing.T) {
	a, err := OpenAIDev("testdata/aidev", nil)
	require.NoError(t, err)
	recs, skips := drain(t, a)
	require.Len(t, recs, 6)

	byID := map[string]*Record{}
	for _, r := range recs {
		byID[r.ID] = r
	}
	merged := byID["acme/widgets#812"]
	require.NotNil(t, merged)
	assert.Equal(t, "Copilot/prs.csv:2", merged.Pos)
	assert.Equal(t, "Copilot", merged.Agent)
	assert.Equal(t, "acme/widgets", merged.Repo)
	assert.Equal(t, new(true), merged.Merged)
	assert.Equal(t, new(true), merged.AI)
	assert.Contains(t, merged.Body, "## Changes\n\n- Build the cursor from `offset + limit`", "a body spanning lines is one field")
	require.Len(t, merged.Commits, 2, "joined on pr_id although pr_commits.csv is in another order")
	assert.Equal(t, "Initial plan for issue", merged.Commits[0].Message)
	assert.Contains(t, merged.Commits[1].Message, "Co-authored-by: jlee")
	assert.Equal(t, time.Date(2025, 6, 3, 16, 40, 12, 0, time.UTC), merged.Now, "scored as of its closing")

	var kinds []string
	for _, e := range merged.Timeline {
		kinds = append(kinds, string(e.Kind)+":"+e.Actor.Login)
	}
	assert.Equal(t, []string{"labeled:jlee", "review_requested:Copilot", "review:jlee", "comment:jlee", "comment:Copilot", "review:jlee"}, kinds,
		"comments and reviews from their own files, in time order; no merged or closed event")

	for _, e := range merged.Timeline {
		want := heuristics.Association("")
		if e.Actor.Login == "jlee" {
			want = heuristics.AssociationMember // jlee merged #812: a maintainer of acme/widgets
		}
		assert.Equal(t, want, e.Actor.Association, "%s by %s", e.Kind, e.Actor.Login)
	}
	assert.Contains(t, a.Notes(), "Copilot: 1 accounts that merged a pull request count as maintainers of its repository (the CSV has no author_association)")

	closed := byID["acme/widgets#815"]
	for _, e := range closed.Timeline {
		assert.Empty(t, e.Actor.Association, "maria-k merged nothing here: unknown, not a maintainer")
	}
	assert.Equal(t, `[WIP] Migrate config loader to the new "settings" API`, closed.Title)
	assert.Equal(t, new(false), closed.Merged)
	for _, e := range closed.Timeline {
		assert.True(t, e.Time.Before(closed.Now), "nothing at or after the closing: %v", e)
	}

	open := byID["octo/fetcher#44"]
	assert.Nil(t, open.Merged, "still open: no merged label")

	devin := byID["globex/console#3007"]
	assert.Equal(t, "Devin", devin.Agent)
	assert.True(t, devin.Author.Bot)
	require.Len(t, devin.Timeline, 1)
	assert.Equal(t, heuristics.Event{Kind: heuristics.EventReview, Actor: heuristics.Author{Login: "sam-ortiz"}, State: "commented",
		Time: time.Date(2025, 5, 20, 10, 0, 0, 0, time.UTC), Body: "Too much at once; could this be split?"}, devin.Timeline[0])

	require.Len(t, skips, 1)
	assert.Equal(t, "Copilot/pr_commits.csv: unknown-id: rows of 1 pr_id(s) match no row of prs.csv, e.g. 4199999999", skips[0].Error())
	assert.Contains(t, a.Notes(), "Devin: no pr_timelines.csv, pr_comments.csv")
	assert.Contains(t, a.Notes()[0], "no diffs")
}

func TestAIDevBadInput(t *testing.T) {
	a, err := OpenAIDev("testdata/aidev-broken", nil)
	require.NoError(t, err)
	recs, skips := drain(t, a)
	var got []string
	for _, s := range skips {
		got = append(got, s.Pos+" "+s.Reason)
	}
	assert.Equal(t, []string{
		"BadRows/pr_commits.csv:3 malformed",      // too many fields
		"BadRows/pr_reviews.csv:1 missing-column", // no pr_id: the file is left out
		"BadRows/prs.csv:3 malformed",             // too few fields
		"NoMerged/prs.csv:1 missing-column",       // no merged_at: the folder is left out
	}, got)
	assert.Contains(t, skips[3].Error(), "no column merged_at")
	require.Len(t, recs, 2, "the good rows still count")
	assert.Equal(t, "Adds a guide.\nTwo lines.", recs[1].Body)
	assert.Equal(t, "BadRows/prs.csv:4", recs[1].Pos, "the position is the row's first line")
	require.Len(t, recs[1].Commits, 1, "the malformed commit row is left out, its neighbour kept")
	assert.Equal(t, "Add CONTRIBUTING.md", recs[1].Commits[0].Message)

	_, err = OpenAIDev("testdata/no-such-folder", nil)
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestLabelCommit(t *testing.T) {
	tests := []struct {
		name, msg, author, email string
		ai                       bool
		tool                     string
		lines                    []int
	}{
		{"claude footer and trailer", "Fix the parser\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", "A", "a@example.com", true, "claude", []int{2, 4}},
		{"assisted-by", "Speed up the scanner\n\nAssisted-by: GitHub Copilot\nSigned-off-by: A <a@example.com>\n", "A", "a@example.com", true, "copilot", []int{2}},
		{"human co-author", "Pair on the lexer\n\nCo-authored-by: Claude Dupuis <claude.dupuis@example.org>\n", "A", "a@example.com", true, "claude", []int{2}}, // a known false positive: a person named Claude
		{"human", "Fix typo\n\nSigned-off-by: A <a@example.com>\n", "A", "a@example.com", false, "", nil},
		{"agent account", "Update docs\n", "copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com", true, "copilot", nil},
		{"prose mention only", "Revert the change Copilot suggested\n", "A", "a@example.com", false, "", nil},
		{"crush footer", "fix(tui): wrap long lines\n\n💘 Generated with Crush\n\nCo-Authored-By: Crush <crush@charm.land>\n", "A", "a@example.com", true, "crush", []int{2, 4}},
		{"crlf", "Add tests\r\n\r\nGenerated-by: Cursor\r\n", "A", "a@example.com", true, "cursor", []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := LabelCommit(tt.msg, tt.author, tt.email)
			assert.Equal(t, AILabel{AI: tt.ai, Tool: tt.tool, Lines: tt.lines}, l)
		})
	}
	assert.Equal(t, "Fix the parser\n", StripLines("Fix the parser\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", []int{2, 4}))
}

// gitRepo makes a repository with a human commit, two AI-labelled ones
// and a merge.
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "GIT_AUTHOR_DATE=2025-03-01T10:00:00Z", "GIT_COMMITTER_DATE=2025-03-01T10:00:00Z")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
	write := func(name, text string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	git("init", "-q", "-b", "main")
	git("config", "user.name", "Ana Human")
	git("config", "user.email", "ana@example.com")
	write("main.go", "package main\n\nfunc main() {}\n")
	git("add", "-A")
	git("commit", "-q", "-m", "Start the program")
	git("checkout", "-q", "-b", "feature")
	write("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n"+strings.Repeat("\tfmt.Println(\"and hello again\")\n", 10)+"}\n")
	git("commit", "-q", "-a", "-m", "Print a greeting\n\nThe program said nothing.\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
	git("checkout", "-q", "main")
	write("README.md", "# hello\n")
	git("add", "-A")
	git("commit", "-q", "-m", "Add a README\n\nAssisted-by: GitHub Copilot")
	git("merge", "-q", "--no-ff", "-m", "Merge branch 'feature'", "feature")
	return dir
}

func TestGit(t *testing.T) {
	dir := gitRepo(t)
	g, err := OpenGit(context.Background(), dir, GitOptions{})
	require.NoError(t, err)
	recs, skips := drain(t, g)
	require.Empty(t, skips)
	require.Len(t, recs, 3, "three commits; the merge is left out")
	var titles []string
	for _, r := range recs {
		titles = append(titles, r.Title)
	}
	assert.ElementsMatch(t, []string{"Start the program", "Print a greeting", "Add a README"}, titles)
	for _, r := range recs {
		switch r.Title {
		case "Print a greeting":
			assert.Equal(t, new(true), r.AI)
			assert.Equal(t, "claude-code", r.Agent)
			assert.Contains(t, r.Body, "Co-Authored-By: Claude")
			assert.Contains(t, r.Diff, "+\tfmt.Println(\"hello\")")
			assert.Equal(t, time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC), r.Now.UTC())
			assert.Equal(t, "commit "+r.Commits[0].SHA, r.Pos)
		case "Add a README":
			assert.Equal(t, "copilot", r.Agent)
			assert.Contains(t, r.Diff, "+++ b/README.md")
		case "Start the program":
			assert.Equal(t, new(false), r.AI)
			assert.Equal(t, "none detected", r.Agent)
			assert.Equal(t, "Ana Human", r.Author.Login)
			assert.Equal(t, "ana@example.com", r.Commits[0].AuthorEmail)
		}
		assert.Equal(t, filepath.Base(dir), r.Repo)
	}
	assert.Contains(t, g.Notes()[0], "left in what the scorers saw")

	// With Strip, the label stays but its lines are gone from what the
	// scorers read; a range limits the history.
	g, err = OpenGit(context.Background(), dir, GitOptions{Strip: true, Revs: []string{"main~1..feature"}})
	require.NoError(t, err)
	recs, _ = drain(t, g)
	require.Len(t, recs, 1)
	assert.Equal(t, new(true), recs[0].AI)
	assert.Equal(t, "The program said nothing.\n", recs[0].Body)
	assert.Equal(t, "Print a greeting\n\nThe program said nothing.\n", recs[0].Commits[0].Message)
	assert.Contains(t, g.Notes()[0], "stripped before scoring")
}

func TestGitBadInput(t *testing.T) {
	dir := gitRepo(t)
	g, err := OpenGit(context.Background(), dir, GitOptions{Revs: []string{"no-such-branch"}})
	if err == nil {
		_, err = g.Next()
		g.Close()
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no-such-branch")

	_, err = OpenGit(context.Background(), dir, GitOptions{Revs: []string{"--output=/tmp/x"}})
	assert.ErrorContains(t, err, "looks like an option")

	g, err = OpenGit(context.Background(), dir, GitOptions{MaxDiff: 300})
	require.NoError(t, err)
	recs, skips := drain(t, g)
	assert.Len(t, recs, 2)
	require.Len(t, skips, 1, "the greeting's diff is over 300 bytes")
	assert.Contains(t, skips[0].Error(), ": too-large: diff over 300 bytes")
	assert.Equal(t, ReasonTooLarge, skips[0].Reason)
	assert.True(t, strings.HasPrefix(skips[0].Pos, "commit "))

	// Stopping early ends git.
	g, err = OpenGit(context.Background(), dir, GitOptions{})
	require.NoError(t, err)
	_, err = g.Next()
	require.NoError(t, err)
	require.NoError(t, g.Close())
	_, err = g.Next()
	assert.Equal(t, io.EOF, err)
}

func TestRunOnAIDevAndGit(t *testing.T) {
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)

	a, err := OpenAIDev("testdata/aidev", nil)
	require.NoError(t, err)
	res, err := Run(context.Background(), set, a, Options{Label: LabelMerged})
	require.NoError(t, err)
	size, _ := res.Scorer("size")
	assert.Equal(t, int64(0), size.Coverage.Applicable, "no diffs in the AIDev CSV layout")
	assert.Equal(t, "not applicable to any contribution", size.Undefined)
	assert.Equal(t, int64(5), res.Labelled, "one pull request is open")

	g, err := OpenGit(context.Background(), gitRepo(t), GitOptions{Strip: true})
	require.NoError(t, err)
	res, err = Run(context.Background(), set, g, Options{Label: LabelAI})
	require.NoError(t, err)
	size, _ = res.Scorer("size")
	assert.Equal(t, int64(3), size.Coverage.Applicable)
	assert.Equal(t, int64(2), res.Positives)
}

func TestAIDevRowsOfOneIDApart(t *testing.T) {
	// The published files keep one pull request's rows together; when
	// they do not, every range is still read, in file order.
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "prs.csv"), []byte("id,title,body,state,merged_at\n1,t,\"multi\nline \"\"quoted\"\" body\",closed,\n2,u,v,closed,2025-01-01T00:00:00Z\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pr_commits.csv"), []byte("pr_id,message\n2,first\n1,\"second\nline\"\n2,third\n"), 0o644))
	a, err := OpenAIDev(dir, nil)
	require.NoError(t, err)
	recs, skips := drain(t, a)
	require.Empty(t, skips)
	require.Len(t, recs, 2)
	assert.Equal(t, `multi`+"\n"+`line "quoted" body`, recs[0].Body)
	assert.Equal(t, "second\nline", recs[0].Commits[0].Message)
	require.Len(t, recs[1].Commits, 2)
	assert.Equal(t, "first", recs[1].Commits[0].Message)
	assert.Equal(t, "third", recs[1].Commits[1].Message)
	assert.Equal(t, filepath.Base(dir), recs[0].Agent, "a folder holding prs.csv itself is one agent")
}

func TestLabelDisclosure(t *testing.T) {
	tests := []struct {
		name, msg, author, email string
		ai                       bool
		tool                     string
		lines                    []int
	}{
		{"claude code", "Fix the parser\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", "A", "a@example.com", true, "claude-code", []int{2, 4}},
		{"human", "Fix typo\n\nSigned-off-by: A <a@example.com>\n", "A", "a@example.com", false, "", nil},
		{"sentence only", "Speed up the lexer\n\nI used ChatGPT to draft the benchmark.\n", "A", "a@example.com", false, "", nil},
		{"agent account", "Update docs\n", "copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com", true, "copilot", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := LabelDisclosure(tt.msg, tt.author, tt.email)
			assert.Equal(t, tt.ai, l.AI)
			assert.Equal(t, tt.lines, l.Lines)
			if tt.ai {
				assert.NotEmpty(t, l.Tool)
			}
		})
	}
}

func TestLabelAny(t *testing.T) {
	// Crush's footer is in LabelCommit's list; a person's Assisted-by
	// naming a model may be only in the disclosure catalogue. Either
	// labels the commit, and both lines are stripped.
	l := LabelAny(LabelDisclosure, LabelCommit)("fix(tui): wrap\n\n💘 Generated with Crush\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", "A", "a@example.com")
	assert.True(t, l.AI)
	assert.Equal(t, []int{2, 4}, l.Lines)
	assert.False(t, LabelAny(LabelDisclosure, LabelCommit)("Fix typo\n", "A", "a@example.com").AI)
}

func TestAIDevRowLimit(t *testing.T) {
	// An unclosed quote makes the rest of the file one field: the reader
	// stops with an error naming the file and the row, instead of holding
	// the file in memory.
	dir := t.TempDir()
	body := "id,title,body,state,merged_at\n1,ok,fine,closed,\n2,bad,\"never closed\n" + strings.Repeat("lorem ipsum dolor sit amet\n", 4000)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "prs.csv"), []byte(body), 0o644))
	a, err := OpenAIDev(dir, &AIDevOptions{MaxRow: 32 << 10})
	require.NoError(t, err)
	r, err := a.Next()
	require.NoError(t, err)
	assert.Equal(t, "ok", r.Title)
	_, err = a.Next()
	require.ErrorIs(t, err, ErrRowTooLarge)
	assert.Contains(t, err.Error(), filepath.Base(dir)+"/prs.csv: the row at byte 48: CSV row too large")
	require.NoError(t, a.Close())

	// The default limit reads the same file to the end: the unclosed
	// quote is then an ordinary malformed row.
	a, err = OpenAIDev(dir, nil)
	require.NoError(t, err)
	_, skips := drain(t, a)
	require.Len(t, skips, 1)
	assert.Equal(t, ReasonMalformed, skips[0].Reason)
}

// TestJSONLinesLongRecords reads a dataset the shape of pull requests
// with diffs: small records among records of 100 KiB to 3 MiB whose diff
// is mostly escapes (newlines, tabs, quotes), one over the limit. Each is
// decoded as json.Unmarshal decodes its line, and the reader's buffer
// ends no larger than the line limit and one byte.
func TestJSONLinesLongRecords(t *testing.T) {
	diff := func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "+\tfmt.Println(\"line %d: caf\u00e9\")\n", i)
		}
		return b.String()
	}
	var data bytes.Buffer
	var want []Record
	for i, size := range []int{10, 100 << 10, 10, 3 << 20, 1 << 20, 10, 5 << 20, 10} {
		r := Record{ID: fmt.Sprintf("o/r#%d", i), Title: "t", Body: "fixes #1", Diff: diff(size)}
		line, err := json.Marshal(r)
		require.NoError(t, err)
		data.Write(line)
		data.WriteByte('\n')
		if size < 4<<20 {
			var w Record
			require.NoError(t, json.Unmarshal(line, &w))
			want = append(want, w)
		}
	}
	j := NewJSONLines(iotest.HalfReader(bytes.NewReader(data.Bytes())), "prs.jsonl", 4<<20)
	recs, skips := drain(t, j)
	require.Len(t, skips, 1)
	assert.Equal(t, "prs.jsonl:7", skips[0].Pos)
	assert.Equal(t, ReasonTooLarge, skips[0].Reason)
	require.Len(t, recs, len(want))
	for i := range recs {
		require.Equal(t, want[i].Diff, recs[i].Diff, "record %d", i)
		assert.Equal(t, want[i].ID, recs[i].ID)
	}
	// The longest line decoded is a little over 3 MiB, which a buffer of
	// 4 MiB holds (64 KiB doubled 6 times); the line over the 4 MiB limit
	// grew it to the limit and one byte, not beyond.
	assert.Equal(t, 4<<20+1, len(j.buf))
}

// TestAIDevLongBodies reads pull requests whose descriptions are long
// quoted fields (doubled quotes, commas, CRLF and LF line breaks, far
// over one 64 KiB read) from a folder whose reviews and timeline make
// the reader take prs.csv twice: once for the repositories of the
// pull requests someone merged or approved, once for the records. Every
// description comes back as written, and the merger counts as a
// maintainer of the repository.
func TestAIDevLongBodies(t *testing.T) {
	body := func(i, size int) string {
		var b strings.Builder
		for j := 0; b.Len() < size; j++ {
			fmt.Fprintf(&b, "Step %d of #%d: replace \"old, slow\" with \"new\",\r\n\n", j, i)
		}
		return b.String()
	}
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	dir := t.TempDir()
	prs := "id,number,title,user,state,created_at,closed_at,merged_at,repo_url,body\n"
	want := map[string]string{}
	for i, size := range []int{10, 200 << 10, 70 << 10, 1 << 20} {
		b := body(i, size)
		want[fmt.Sprintf("o/r%d#%d", i%2, i)] = strings.ReplaceAll(b, "\r\n", "\n") // as encoding/csv reads it
		prs += fmt.Sprintf("%d,%d,t,bot,closed,2025-05-12T03:00:00Z,2025-05-12T09:00:00Z,2025-05-12T09:00:00Z,https://api.github.com/repos/o/r%d,%s\n",
			9000+i, i, i%2, quote(b))
	}
	files := map[string]string{
		aidevPRs:       prs,
		aidevReviews:   "pr_id,id,user,state,submitted_at,body\n9003,1,mona,APPROVED,2025-05-12T08:00:00Z,\n",
		aidevTimelines: "pr_id,event,created_at,actor\n9001,merged,2025-05-12T09:00:00Z,mona\n9003,commented,2025-05-12T08:30:00Z,mona\n",
	}
	for name, data := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644))
	}
	a, err := OpenAIDev(dir, nil)
	require.NoError(t, err)
	recs, skips := drain(t, a)
	require.Empty(t, skips)
	require.Len(t, recs, len(want))
	for _, r := range recs {
		assert.Equal(t, want[r.ID], r.Body, r.Pos)
	}
	assert.Contains(t, a.Notes(), filepath.Base(dir)+": 1 accounts that merged a pull request count as maintainers of its repository (the CSV has no author_association)")
}

// TestAIDevCloseEarly closes the source while the next agent's folder is
// being opened in the background.
func TestAIDevCloseEarly(t *testing.T) {
	a, err := OpenAIDev("testdata/aidev", nil)
	require.NoError(t, err)
	_, err = a.Next()
	require.NoError(t, err)
	require.NotNil(t, a.ahead, "the next folder is being opened")
	require.NoError(t, a.Close())
	require.Nil(t, a.ahead)
}

// TestOpenCSVInMemory: a table read into memory and one read from disk
// give the same rows, quoted fields across lines and over 64 KiB
// included.
func TestOpenCSVInMemory(t *testing.T) {
	long := strings.Repeat("a \"quoted\" line, then more\r\n", 4000) // over 64 KiB
	p := filepath.Join(t.TempDir(), aidevPRs)
	require.NoError(t, os.WriteFile(p, []byte("id,title,body,state,merged_at\n"+
		"1,Fix,\"short\",closed,\n"+
		"2,Add,\""+strings.ReplaceAll(long, `"`, `""`)+"\",closed,2025-05-12T09:00:00Z\n"+
		"3,\"A, B\",,open,\n"), 0o644))
	rows := func(inMemory bool) ([][]string, bool) {
		c, rd, err := openCSV(p, aidevPRs, aidevColumns[aidevPRs], 1<<20, inMemory)
		require.NoError(t, err)
		defer c.close()
		var out [][]string
		for {
			row, err := rd.Read()
			if err == io.EOF {
				return out, c.data != nil
			}
			require.NoError(t, err)
			out = append(out, slices.Clone(row))
		}
	}
	fromDisk, held := rows(false)
	require.False(t, held)
	inMemory, held := rows(true)
	require.True(t, held, "a small table is held in memory")
	require.Len(t, fromDisk, 3)
	assert.Equal(t, fromDisk, inMemory)
	assert.Equal(t, strings.ReplaceAll(long, "\r\n", "\n"), inMemory[1][2])
}
