package eval

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newTestRepo makes an empty repository at dir (under root, which holds
// its HOME) on branch main, and returns a runner of git in it and a
// committer of a file's text.
func newTestRepo(t *testing.T, root, dir string) (git func(args ...string) string, commit func(file, text, msg string) string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	git = func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+root, "GIT_AUTHOR_DATE=2025-03-01T10:00:00Z", "GIT_COMMITTER_DATE=2025-03-01T10:00:00Z")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		return strings.TrimSpace(string(out))
	}
	commit = func(file, text, msg string) string {
		t.Helper()
		require.NoError(t, os.WriteFile(filepath.Join(dir, file), []byte(text), 0o644))
		git("add", "-A")
		git("commit", "-q", "-m", msg)
		return git("rev-parse", "HEAD")
	}
	git("init", "-q", "-b", "main")
	git("config", "user.name", "Ana Maintainer")
	git("config", "user.email", "ana@example.com")
	return git, commit
}

// cloneFixture makes a clone of acme/widget as the fetch tool lays it out
// (DIR/acme+widget) and an AIDev CSV folder of six pull requests on it,
// one for each way CloneDiffs rebuilds a diff or leaves it out.
func cloneFixture(t *testing.T) (clones, aidev string) {
	t.Helper()
	root := t.TempDir()
	clones = filepath.Join(root, "clones")
	dir := filepath.Join(clones, "acme+widget")
	git, commit := newTestRepo(t, root, dir)
	commit("main.go", "package main\n", "Start")

	// #1, still open: its head is only in refs/pull/1/head.
	git("checkout", "-q", "-b", "one")
	one := commit("one.go", "package main\n\nfunc one() {}\n", "Add one")
	git("update-ref", "refs/pull/1/head", one)
	git("checkout", "-q", "main")
	git("branch", "-q", "-D", "one")

	// #2, merged with a merge commit: its head is in main's history.
	git("checkout", "-q", "-b", "two")
	two1 := commit("two.go", "package main\n", "Add two")
	two2 := commit("two.go", "package main\n\nfunc two() {}\n", "Fill in two")
	git("checkout", "-q", "main")
	git("merge", "-q", "--no-ff", "-m", "Merge pull request #2 from acme/two", "two")

	// #3, squash-merged: only its squash commit is left.
	commit("three.go", "package main\n\nfunc three() {}\n", "Add three (#3)")

	// #7, open, on top of another branch's unmerged work: only its own
	// commit counts, not dev's.
	git("checkout", "-q", "-b", "dev")
	commit("dev.go", "package main\n", "Start dev")
	seven := commit("seven.go", "package main\n", "Add seven")
	git("update-ref", "refs/pull/7/head", seven)
	git("checkout", "-q", "main")

	// #6, merged, with main merged into it: the range would hold #3 too.
	git("checkout", "-q", "-b", "six", two2)
	six1 := commit("six.go", "package main\n", "Add six")
	git("merge", "-q", "--no-ff", "-m", "Merge main", "main")
	six2 := git("rev-parse", "HEAD")
	six3 := commit("six.go", "package main\n\nfunc six() {}\n", "Fill in six")
	git("checkout", "-q", "main")
	git("merge", "-q", "--no-ff", "-m", "Merge pull request #6 from acme/six", "six")

	aidev = filepath.Join(root, "aidev", "Agent")
	require.NoError(t, os.MkdirAll(aidev, 0o755))
	api := "https://api.github.com/repos/"
	prs := "id,number,title,user,state,created_at,closed_at,merged_at,repo_url,html_url,body\n" +
		fmt.Sprintf("101,1,Add one,bot,open,2025-03-01T10:00:00Z,,,%sacme/widget,,Adds one.\n", api) +
		fmt.Sprintf("102,2,Add two,bot,closed,2025-03-01T10:00:00Z,2025-03-02T10:00:00Z,2025-03-02T10:00:00Z,%sacme/widget,,Adds two.\n", api) +
		fmt.Sprintf("103,3,Add three,bot,closed,2025-03-01T10:00:00Z,2025-03-02T10:00:00Z,2025-03-02T10:00:00Z,%sacme/widget,,Adds three.\n", api) +
		fmt.Sprintf("104,4,Add four,bot,closed,2025-03-01T10:00:00Z,2025-03-02T10:00:00Z,,%sacme/widget,,Adds four.\n", api) +
		fmt.Sprintf("105,5,Elsewhere,bot,closed,2025-03-01T10:00:00Z,2025-03-02T10:00:00Z,2025-03-02T10:00:00Z,%sacme/gone,,Not cloned.\n", api) +
		fmt.Sprintf("107,7,Add seven,bot,open,2025-03-01T10:00:00Z,,,%sacme/widget,,Adds seven.\n", api) +
		fmt.Sprintf("106,6,Add six,bot,closed,2025-03-01T10:00:00Z,2025-03-02T10:00:00Z,2025-03-02T10:00:00Z,%sacme/widget,,Adds six.\n", api)
	missing := strings.Repeat("ab", 20) // a commit the clone does not have
	commits := "pr_id,sha,author,committer,message\n" +
		"101," + missing + ",bot,bot,Add one\n" + // force-pushed away: the refs/pull head is what is left
		"107," + seven + ",bot,bot,Add seven\n" +
		"102," + two1 + ",bot,bot,Add two\n" +
		"102," + two2 + ",bot,bot,Fill in two\n" +
		"103," + missing + ",bot,bot,Add three\n" +
		"104," + missing + ",bot,bot,Add four\n" +
		"106," + six1 + ",bot,bot,Add six\n" +
		"106," + six2 + ",bot,bot,Merge main\n" +
		"106," + six3 + ",bot,bot,Fill in six\n"
	require.NoError(t, os.WriteFile(filepath.Join(aidev, "prs.csv"), []byte(prs), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(aidev, "pr_commits.csv"), []byte(commits), 0o644))
	return clones, aidev
}

func TestCloneDiffs(t *testing.T) {
	clones, aidev := cloneFixture(t)
	src, err := OpenAIDev(aidev, nil)
	require.NoError(t, err)
	c := WithCloneDiffs(context.Background(), src, CloneDiffOptions{Dir: clones})
	recs, skips := drain(t, c)
	require.Empty(t, skips)
	files := map[string]string{}
	for _, r := range recs {
		var names []string
		for line := range strings.Lines(r.Diff) {
			if name, ok := strings.CutPrefix(line, "+++ b/"); ok {
				names = append(names, strings.TrimSpace(name))
			}
		}
		files[r.ID] = strings.Join(names, " ")
	}
	assert.Equal(t, map[string]string{
		"acme/widget#1": "one.go",   // the refs/pull head against where it forked from main
		"acme/widget#2": "two.go",   // first commit's parent to the head, in main's history
		"acme/widget#3": "three.go", // the squash commit
		"acme/widget#7": "seven.go", // its own commit, not the branch it is stacked on
	}, files)
	notes := c.Notes()
	assert.NotContains(t, notes, aidevNoDiffs, "the CSV layout's no-diffs note is dropped")
	assert.Contains(t, notes[len(notes)-1], "from the clones of 1 repository: 4 pull requests (2 commits, 1 head, 1 squash)")
	assert.Contains(t, notes[len(notes)-1], "left out: 1 repository not cloned, 1 no commit of it in the clone, 1 a merge among its commits")
	require.NoError(t, c.Close())
}

func TestCloneDiffsKeep(t *testing.T) {
	clones, aidev := cloneFixture(t)
	src, err := OpenAIDev(aidev, nil)
	require.NoError(t, err)
	c := WithCloneDiffs(context.Background(), src, CloneDiffOptions{Dir: clones, Keep: true, MaxDiff: 60})
	recs, _ := drain(t, c)
	require.Len(t, recs, 7, "every record is kept")
	for _, r := range recs {
		assert.Empty(t, r.Diff, "%s: every diff is over 60 bytes", r.ID)
	}
	notes := c.Notes()
	assert.Contains(t, notes[len(notes)-1], "kept without a diff: 1 repository not cloned, 1 no commit of it in the clone, 1 a merge among its commits, 4 diff too large")
}

func TestCloneDiffsPassesDiffs(t *testing.T) {
	src := NewJSONLines(strings.NewReader(`{"id":"acme/widget#9","repo":"acme/widget","diff":"diff --git a/x b/x\n"}`+"\n"), "in.jsonl", 0)
	c := WithCloneDiffs(context.Background(), src, CloneDiffOptions{Dir: t.TempDir()})
	recs, _ := drain(t, c)
	require.Len(t, recs, 1)
	assert.Equal(t, "diff --git a/x b/x\n", recs[0].Diff, "a record with a diff passes unchanged")
	assert.Contains(t, c.Notes()[len(c.Notes())-1], "from the clones of 0 repositories: 0 pull requests (none)")
}

func TestIsHex(t *testing.T) {
	for s, want := range map[string]bool{
		"0123abc": true, strings.Repeat("a", 40): true, "012345": false, "--all": false,
		"HEAD~1": false, "0123ABC": false, strings.Repeat("a", 65): false,
	} {
		assert.Equal(t, want, isHex(s), s)
	}
}

func TestParsePullRefs(t *testing.T) {
	a, b := strings.Repeat("a", 40), strings.Repeat("b", 40)
	got := parsePullRefs(a + " refs/pull/12/head\n" + b + " refs/pull/12/merge\n" + b + " refs/pull/7/head\n" +
		"xyz refs/pull/8/head\n" + a + " refs/pull/-1/head\n" + a + " refs/heads/main\n" + a + " 9/head\n\n")
	assert.Equal(t, map[int]string{12: a, 7: b}, got, "heads only, with a hex id and a positive number")
}

func TestSquashNumber(t *testing.T) {
	for subject, want := range map[string]int{
		"Fix the parser (#123)": 123, "Fix (#1) twice (#2)  ": 2, "Fix #123": 0, "Fix (#0)": 0,
		"Fix (#99999999999999999999)": 0, "": 0,
	} {
		n, ok := squashNumber(subject)
		assert.Equal(t, want, n, subject)
		assert.Equal(t, want > 0, ok, subject)
	}
}

func FuzzParsePullRefs(f *testing.F) {
	f.Add(strings.Repeat("a", 40)+" refs/pull/12/head\n", "Fix the parser (#123)")
	f.Add("refs/pull//head\n \n", "(#)")
	f.Fuzz(func(t *testing.T, refs, subject string) {
		for n, sha := range parsePullRefs(refs) {
			if n <= 0 || !isHex(sha) {
				t.Fatalf("pull %d → %q from %q", n, sha, refs)
			}
		}
		if n, ok := squashNumber(subject); ok != (n > 0) || (ok && !strings.Contains(subject, "(#")) {
			t.Fatalf("squashNumber(%q) = %d, %v", subject, n, ok)
		}
	})
}

// TestForkPoint checks mergeBase against git merge-base on the shapes
// pull requests take: a branch from the default branch's line with that
// branch merged in (found by reading commits), a branch from a side
// branch merged into it (left to git merge-base), a head already merged.
func TestForkPoint(t *testing.T) {
	root := t.TempDir()
	git, commitFile := newTestRepo(t, root, filepath.Join(root, "acme+widget"))
	n := 0
	commit := func() string {
		n++
		return commitFile(fmt.Sprintf("f%d.txt", n), "x\n", fmt.Sprintf("c%d", n))
	}
	commit()
	b := commit()
	git("checkout", "-q", "-b", "side")
	s1 := commit()
	commit()
	git("checkout", "-q", "main")
	git("merge", "-q", "--no-ff", "-m", "Merge side", "side")
	c := git("rev-parse", "HEAD")
	// #1 forks from b and merges main in after c.
	git("checkout", "-q", "-b", "one", b)
	commit()
	git("merge", "-q", "--no-ff", "-m", "Merge main", "main")
	one := commit()
	// #2 forks from the side branch's first commit.
	git("checkout", "-q", "-b", "two", s1)
	two := commit()
	git("checkout", "-q", "main")
	commit()

	r, err := WithCloneDiffs(context.Background(), nil, CloneDiffOptions{Dir: root}).repo("acme/widget")
	require.NoError(t, err)
	defer r.stop()
	for _, tc := range []struct {
		name    string
		head    string
		want    string
		byReads bool // found without git merge-base
	}{
		{"main merged into the branch", one, c, true},
		{"forked from a merged side branch", two, s1, false},
		{"already merged", s1, s1, true},
		{"on the first-parent line", b, b, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head, err := r.commit(context.Background(), tc.head)
			require.NoError(t, err)
			require.NotNil(t, head)
			base, ok, err := r.forkPoint(context.Background(), head)
			require.NoError(t, err)
			assert.Equal(t, tc.byReads, ok)
			if ok {
				assert.Equal(t, tc.want, base)
			}
			base, err = r.mergeBase(context.Background(), head)
			require.NoError(t, err)
			assert.Equal(t, tc.want, base)
			assert.Equal(t, git("merge-base", "HEAD", tc.head), base, "as git merge-base says")
		})
	}
}

// TestCloneDiffsMissingBlob checks that a clone without a blob the diff
// needs (a partial snapshot) fails that pull request with git's message,
// and the next one still gets its diff from a new git process.
func TestCloneDiffsMissingBlob(t *testing.T) {
	clones, aidev := cloneFixture(t)
	gitDir := filepath.Join(clones, "acme+widget", ".git")
	// The blob of two.go's last version ("func two") goes missing.
	blob := strings.TrimSpace(string(mustGit(t, gitDir, "rev-parse", "HEAD:two.go")))
	obj := filepath.Join(gitDir, "objects", blob[:2], blob[2:])
	require.FileExists(t, obj, "the fixture's objects are loose")
	require.NoError(t, os.Remove(obj))

	src, err := OpenAIDev(aidev, nil)
	require.NoError(t, err)
	c := WithCloneDiffs(context.Background(), src, CloneDiffOptions{Dir: clones})
	recs, _ := drain(t, c)
	ids := map[string]bool{}
	for _, r := range recs {
		ids[r.ID] = true
	}
	assert.False(t, ids["acme/widget#2"], "#2's diff needs the missing blob")
	assert.True(t, ids["acme/widget#3"] && ids["acme/widget#7"], "the pull requests after it still get diffs: %v", ids)
	notes := c.Notes()
	assert.Contains(t, notes[len(notes)-1], "1 git failed (first git failure: acme/widget#2: eval: git diff-tree in ")
	assert.Contains(t, notes[len(notes)-1], blob, "git's message names the missing object")
	require.NoError(t, c.Close())
}

func mustGit(t *testing.T, gitDir string, args ...string) []byte {
	t.Helper()
	out, err := exec.Command("git", append([]string{"--git-dir", gitDir}, args...)...).Output()
	require.NoError(t, err)
	return out
}

// answering is a gitProc whose answers are the given text, for the
// parsers of git's answers.
func answering(text string) *gitProc {
	return &gitProc{dir: "test", what: "test", w: bufio.NewWriter(io.Discard),
		out: bufio.NewReaderSize(strings.NewReader(text), 64<<10), stderr: &tailBuffer{max: 4096}}
}

func TestGitAnswers(t *testing.T) {
	tree, parent := strings.Repeat("a", 40), strings.Repeat("b", 40)
	body := "tree " + tree + "\nparent " + parent + "\nauthor A <a@x> 1 +0000\n\nmessage\n"
	c, err := catFile(answering(fmt.Sprintf("%s commit %d\n%s\n", parent, len(body), body)), "x")
	require.NoError(t, err)
	assert.Equal(t, &commitInfo{oid: parent, tree: tree, parents: []string{parent}}, c)
	c, err = catFile(answering("x^{commit} missing\n"), "x")
	assert.NoError(t, err)
	assert.Nil(t, c, "missing is no commit, not an error")
	_, err = catFile(answering(parent+" commit 5\ntr"), "x")
	assert.ErrorContains(t, err, "eval: git test in test: ", "a short answer is an error")

	d, err := diffTrees(answering(tree+" "+parent+"\ndiff --git a/x b/x\n+~heft-diff-end\n"+diffEnd+"\n"), tree, parent, 1000)
	require.NoError(t, err)
	assert.Equal(t, "diff --git a/x b/x\n+~heft-diff-end\n", d, "the end mark counts only as a whole line")
	_, err = diffTrees(answering(diffEnd+"\n"), tree, parent, 1000)
	assert.ErrorContains(t, err, "cannot read the trees")
	_, err = diffTrees(answering(tree+" "+parent+"\n"+strings.Repeat("+x\n", 100)+diffEnd+"\n"), tree, parent, 100)
	assert.ErrorIs(t, err, errDiffTooLarge)
}

func FuzzGitAnswers(f *testing.F) {
	tree := strings.Repeat("a", 40)
	body := "tree " + tree + "\nparent " + tree + "\n\nm\n"
	f.Add(fmt.Sprintf("%s commit %d\n%s\n", tree, len(body), body))
	f.Add(tree + " " + tree + "\ndiff --git a/x b/x\n" + diffEnd + "\n")
	f.Add("x missing\n")
	f.Fuzz(func(t *testing.T, answer string) {
		c, err := catFile(answering(answer), "x")
		if err == nil && c != nil && (!isHex(c.tree) || c.oid == "") {
			t.Fatalf("catFile(%q) = %+v", answer, c)
		}
		d, err := diffTrees(answering(answer), tree, tree, 1<<10)
		if err == nil && (len(d) > 1<<10 || strings.Contains("\n"+d, "\n"+diffEnd+"\n")) {
			t.Fatalf("diffTrees(%q) = %q", answer, d)
		}
	})
}
