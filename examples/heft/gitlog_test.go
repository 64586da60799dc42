package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
)

// gitRepo makes a repository in a temporary directory with three commits
// that change a file, and returns a function that runs git in it.
func gitRepo(t *testing.T) func(args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(cmd.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir,
			"GIT_AUTHOR_NAME=Ann (Agent) Lee", "GIT_AUTHOR_EMAIL=ann@example.com",
			"GIT_COMMITTER_NAME=C", "GIT_COMMITTER_EMAIL=c@example.com")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
		return string(out)
	}
	git("init", "-q", "-b", "main")
	write := func(name, text string) {
		t.Helper()
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	msgs := []string{
		"add the greeter",
		"greet the world\n\nThe greeting named no one.\n\n    diff --git a/x b/x\n    +not a diff\n\nCo-authored-by: Bo <bo@example.com>",
		"a subject that runs\nover two lines\n\nand a body",
	}
	for i, m := range msgs {
		write("a.txt", strings.Repeat("line\n", i+1))
		git("add", "-A")
		git("commit", "-q", "--date", "2026-01-0"+string(rune('1'+i))+"T10:00:00+02:00", "-m", m)
	}
	return git
}

// TestReadLogAsFormatPatch checks that every shape of git log and git
// show output heft reads gives the commits a format-patch series gives,
// with their hashes.
func TestReadLogAsFormatPatch(t *testing.T) {
	git := gitRepo(t)
	want := contributionOf(t, git("format-patch", "--stdout", "--root", "HEAD"))
	require.Len(t, want.Commits, 3)
	for i := range want.Commits {
		require.NotEmpty(t, want.Commits[i].SHA)
	}
	// format-patch folds a subject's lines into one; git log keeps them.
	want.Commits[2].Message = "a subject that runs\nover two lines\n\nand a body"
	for _, args := range [][]string{
		{"log", "-p"},
		{"log", "-p", "--reverse"},
		{"log", "-p", "--stat"},
		{"log", "-p", "--format=fuller", "--decorate"},
		{"log", "-p", "--no-decorate", "--format=medium"},
		{"log", "-p", "--format=raw"},
		{"log", "-p", "--date=iso"},
		{"log", "-p", "--notes", "--date=rfc"},
		{"log", "-p", "--date=iso-strict", "--abbrev-commit"},
	} {
		got := contributionOf(t, git(args...))
		if strings.Contains(strings.Join(args, " "), "abbrev") {
			for i := range got.Commits {
				require.True(t, strings.HasPrefix(want.Commits[i].SHA, got.Commits[i].SHA))
				got.Commits[i].SHA = want.Commits[i].SHA
			}
		}
		require.Equal(t, want.Commits, got.Commits, "git %v: the commits format-patch gives", args)
		if got.Title != want.Title || got.Body != want.Body {
			t.Errorf("git %v: title %q, body %q; format-patch: %q, %q", args, got.Title, got.Body, want.Title, want.Body)
		}
	}

	// git show of one commit, and commits with no diff: empty ones and
	// a merge, newest first.
	got := contributionOf(t, git("show", "HEAD~1"))
	require.Equal(t, "greet the world", got.Title)
	require.Equal(t, want.Commits[1:2], got.Commits)
	// An annotated tag's own message, not indented, comes before its
	// commit in git show.
	git("tag", "-a", "v1", "-m", "release one\n\ncommit 0123456 is not a commit line here", "HEAD~1")
	got = contributionOf(t, git("show", "v1"))
	require.Equal(t, want.Commits[1:2], got.Commits)
	git("commit", "-q", "--allow-empty", "-m", "empty")
	git("commit", "-q", "--allow-empty", "--allow-empty-message", "-m", "")
	git("checkout", "-q", "-b", "side")
	git("commit", "-q", "--allow-empty", "-m", "on the side")
	git("checkout", "-q", "main")
	git("commit", "-q", "--allow-empty", "-m", "on main")
	git("merge", "-q", "--no-ff", "--no-edit", "side")
	for _, args := range [][]string{{"log", "-p", "--stat"}, {"log", "-p", "--cc", "--decorate"}, {"log", "-p", "--reverse"}} {
		got = contributionOf(t, git(args...))
		var msgs []string
		for _, c := range got.Commits {
			msgs = append(msgs, c.Message)
		}
		require.Len(t, msgs, 8, "git %v", args)
		require.Equal(t, want.Commits[:3], got.Commits[:3], "git %v", args)
		require.Equal(t, []string{"empty", ""}, msgs[3:5], "git %v", args)
		require.Contains(t, msgs, "Merge branch 'side'", "git %v", args)
		require.Equal(t, "add the greeter", got.Title, "git %v", args)
	}
}

// contributionOf reads raw as heft score does, and keeps what a commit
// list gives: title, body and commits, with times in UTC.
func contributionOf(t *testing.T, raw string) *heuristics.Contribution {
	t.Helper()
	var s subject
	c, _, err := s.contribution([]byte(raw), "log")
	require.NoError(t, err)
	require.Empty(t, s.notice, "input:\n%s", raw)
	for i := range c.Commits {
		c.Commits[i].Time = c.Commits[i].Time.UTC()
	}
	return &heuristics.Contribution{Title: c.Title, Body: c.Body, Commits: c.Commits}
}

// FuzzReadLog checks that readLog never panics, and that what it returns
// comes from its input: each commit's hash from a commit line, each
// message line from a line indented by four spaces, at most one commit
// per commit line. Seeds are in testdata/fuzz/FuzzReadLog.
func FuzzReadLog(f *testing.F) {
	f.Add([]byte("commit 0123456789abcdef0123456789abcdef01234567 (HEAD -> main)\nAuthor: A <a@b>\nDate:   Sun Dec 6 09:00:25 2026 +0000\n\n    subject\n    \n    body\n\ndiff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n+b\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		commits, err := readLog(raw)
		if err != nil {
			if commits != nil {
				t.Fatalf("commits and an error: %v", err)
			}
			return
		}
		text := strings.ReplaceAll(string(raw), "\r\n", "\n")
		if n := strings.Count("\n"+text, "\ncommit "); len(commits) > n {
			t.Fatalf("%d commits from %d commit lines", len(commits), n)
		}
		for _, c := range commits {
			if !strings.Contains(text, "commit "+c.sha) && !strings.Contains(text, "commit -"+c.sha) &&
				!strings.Contains(text, "commit <"+c.sha) && !strings.Contains(text, "commit >"+c.sha) && !strings.Contains(text, "commit ^"+c.sha) {
				t.Fatalf("hash %q is on no commit line", c.sha)
			}
			for line := range strings.SplitSeq(c.message, "\n") {
				if line != "" && !strings.Contains(text, "    "+line) {
					t.Fatalf("message line %q is not an indented line of the input", line)
				}
			}
			_, _ = c.subject(), c.body()
		}
	})
}

// BenchmarkReadLog reads git log -p output of 200 commits, each with a
// message and a 40-line patch: the patch lines are most of the input,
// and only their first bytes are looked at.
func BenchmarkReadLog(b *testing.B) {
	var s strings.Builder
	for i := range 200 {
		fmt.Fprintf(&s, "commit %040x (tag: v%d)\nAuthor: A <a@example.com>\nDate:   Sun Dec 6 09:00:25 2026 +0000\n\n    fix %d\n\n    Why it was wrong.\n\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,20 +1,20 @@\n", i, i, i)
		for j := range 20 {
			fmt.Fprintf(&s, "-old line %d\n+new line %d\n", j, j)
		}
	}
	raw := []byte(s.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if c, err := readLog(raw); err != nil || len(c) != 200 {
			b.Fatal(len(c), err)
		}
	}
}
