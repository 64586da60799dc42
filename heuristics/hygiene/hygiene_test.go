package hygiene_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/hygiene"
	"github.com/heft-dev/heft/internal/scorertest"
)

func ptr[T any](v T) *T { return &v }

// newFiles returns the diff git writes for adding these files (path,
// content pairs), built by hand so that the table runs no git.
func newFiles(t testing.TB, pairs ...string) *diffstat.Diff {
	t.Helper()
	var b strings.Builder
	for i := 0; i+1 < len(pairs); i += 2 {
		p, content := pairs[i], pairs[i+1]
		lines := strings.SplitAfter(content, "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		fmt.Fprintf(&b, "diff --git a/%s b/%s\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/%s\n@@ -0,0 +1,%d @@\n", p, p, p, len(lines))
		for _, l := range lines {
			b.WriteString("+" + l)
			if !strings.HasSuffix(l, "\n") {
				b.WriteString("\n\\ No newline at end of file\n")
			}
		}
	}
	d, err := diffstat.Parse(strings.NewReader(b.String()), nil)
	require.NoError(t, err)
	return d
}

// A small, clean change: a Go file with a final newline and one comment.
func cleanDiff(t testing.TB) *diffstat.Diff {
	return newFiles(t, "retry/retry.go", "package retry\n\n// Stop reports whether to give up.\nfunc Stop() bool { return true }\n")
}

func clean(t testing.TB) *heuristics.Contribution {
	return &heuristics.Contribution{
		Title:               "retry: stop when the context is cancelled",
		Body:                "The retry loop kept sleeping after cancellation; it now returns at once.\n\nFixes #412\n",
		Commits:             []heuristics.Commit{{SHA: "a1b2c3", Message: "retry: stop when the context is cancelled\n\nIt kept sleeping.\n", AuthorName: "Ada", AuthorEmail: "ada@example.com"}},
		Diff:                cleanDiff(t),
		BaseBranch:          "main",
		HeadBranch:          "fix-retry",
		MaintainerCanModify: ptr(true),
		Reactions:           map[string]int{"+1": 2},
	}
}

func TestScore(t *testing.T) {
	commentHeavy := "package retry\n\n" + strings.Repeat("// Increment the counter by one.\nx++\n", 12)
	cases := []struct {
		name  string // and why
		cfg   hygiene.Config
		edit  func(c *heuristics.Contribution)
		rules []string
		score float64 // the exact score expected
	}{
		{"a clean pull request: nothing to say", hygiene.Config{}, nil, nil, 0},
		{"LICENSE edit: blocked by default, low score", hygiene.Config{},
			func(c *heuristics.Contribution) { c.Diff = newFiles(t, "LICENSE", "MIT\n") },
			[]string{hygiene.RuleBlockedPath}, 0.2},
		{"README edit: not blocked by default (a typo fix is a welcome first pull request)", hygiene.Config{},
			func(c *heuristics.Contribution) { c.Diff = newFiles(t, "README.md", "# x\n") }, nil, 0},
		{"a LICENSE deeper in the tree is not the project's licence", hygiene.Config{},
			func(c *heuristics.Contribution) {
				c.Diff = newFiles(t, "third_party/x/LICENSE", "MIT\n")
			}, nil, 0},
		{"anti-slop's blocked paths with a directory and any-depth glob", hygiene.Config{BlockedPaths: []string{"README.md", ".github/", "**/*.lock"}},
			func(c *heuristics.Contribution) {
				c.Diff = newFiles(t, "readme.MD", "x\n", ".github/workflows/ci.yml", "on: push\n", "web/yarn.lock", "x\n")
			}, []string{hygiene.RuleBlockedPath, hygiene.RuleBlockedPath, hygiene.RuleBlockedPath}, 0.2},
		{"an empty blocked list blocks nothing", hygiene.Config{BlockedPaths: []string{}},
			func(c *heuristics.Contribution) { c.Diff = newFiles(t, "LICENSE", "MIT\n") }, nil, 0},
		{"a file outside the allowed paths", hygiene.Config{AllowedPaths: []string{"docs/", "*.md"}},
			func(c *heuristics.Contribution) {
				c.Diff = newFiles(t, "docs/a.md", "x\n", "NOTES.md", "x\n", "main.go", "package main\n")
			}, []string{hygiene.RuleAllowedPath}, 0.5},
		{"extensions: allowed list, dotfiles and extensionless files aside", hygiene.Config{AllowedExtensions: []string{"go", ".MD"}},
			func(c *heuristics.Contribution) {
				c.Diff = newFiles(t, "a.go", "package a\n", "b.py", "x = 1\n", ".gitignore", "x\n", "Makefile", "all:\n")
			}, []string{hygiene.RuleExtension}, 0.5},
		{"extensions: blocked list", hygiene.Config{BlockedExtensions: []string{".exe"}},
			func(c *heuristics.Contribution) { c.Diff = newFiles(t, "tool.EXE", "MZ\n") },
			[]string{hygiene.RuleExtension}, 0.5},
		{"from the author's main: a tip, shown but not counted", hygiene.Config{}, func(c *heuristics.Contribution) { c.HeadBranch = "main" },
			[]string{hygiene.RuleHeadBranch}, 0},
		{"head branch outside the allowed names", hygiene.Config{AllowedHeadBranches: []string{"feat/*", "fix/**"}, BlockedHeadBranches: []string{}},
			func(c *heuristics.Contribution) { c.HeadBranch = "patch-1" }, []string{hygiene.RuleHeadBranch}, 0},
		{"head branch matching the allowed names", hygiene.Config{AllowedHeadBranches: []string{"feat/*", "fix/**", "fix-*"}},
			func(c *heuristics.Contribution) { c.HeadBranch = "fix-retry" }, nil, 0},
		{"base branch blocked", hygiene.Config{BlockedBaseBranches: []string{"release/*"}},
			func(c *heuristics.Contribution) { c.BaseBranch = "release/1.2" }, []string{hygiene.RuleBaseBranch}, 0.5},
		{"base branch not allowed", hygiene.Config{AllowedBaseBranches: []string{"develop"}}, nil, []string{hygiene.RuleBaseBranch}, 0.5},
		{"no edits by maintainers", hygiene.Config{}, func(c *heuristics.Contribution) { c.MaintainerCanModify = ptr(false) },
			[]string{hygiene.RuleMaintainerEdits}, 0},
		{"maintainer edits unknown: nothing said", hygiene.Config{}, func(c *heuristics.Contribution) { c.MaintainerCanModify = nil }, nil, 0},
		{"conventional title required and missing", hygiene.Config{ConventionalTitle: true},
			func(c *heuristics.Contribution) { c.Title = "Stop retrying when cancelled" }, []string{hygiene.RuleConventionalTitle}, 0.3},
		{"conventional title with a type the project does not list", hygiene.Config{ConventionalTitle: true, ConventionalTypes: []string{"fix", "feat"}},
			func(c *heuristics.Contribution) { c.Title = "chore(retry)!: stop" }, []string{hygiene.RuleConventionalTitle}, 0.3},
		{"conventional title given", hygiene.Config{ConventionalTitle: true, ConventionalTypes: []string{"Fix"}},
			func(c *heuristics.Contribution) { c.Title = "fix(retry): stop when cancelled" }, nil, 0},
		{"conventional commits: merges, squash titles and fixups aside", hygiene.Config{ConventionalCommits: true},
			func(c *heuristics.Contribution) {
				c.Commits = []heuristics.Commit{{SHA: "1", Message: "fix: a"}, {SHA: "2", Message: "Merge branch 'main' into fix"}, {SHA: "3", Message: "Stop retrying (#12)"},
					{SHA: "4", Message: "fixup! fix: a"}, {SHA: "5", Message: "Update retry.go"}}
			}, []string{hygiene.RuleConventionalCommit}, 0.3},
		{"commit message too long", hygiene.Config{MaxCommitMessage: 50},
			func(c *heuristics.Contribution) { c.Commits[0].Message = "fix\n\n" + strings.Repeat("ä", 60) }, []string{hygiene.RuleCommitLength}, 0.2},
		{"commit by a blocked author", hygiene.Config{BlockedCommitAuthors: []string{"SPAM@example.com"}},
			func(c *heuristics.Contribution) { c.Commits[0].AuthorEmail = "spam@example.com" }, []string{hygiene.RuleCommitAuthor}, 0.5},
		{"a new file without a final newline", hygiene.Config{},
			func(c *heuristics.Contribution) { c.Diff = newFiles(t, "x.go", "package x") },
			[]string{hygiene.RuleFinalNewline}, 0},
		{"a file that lacked a final newline and still does, untouched there: not the author's", hygiene.Config{},
			func(c *heuristics.Contribution) {
				c.Diff = scorertest.GitDiff(t, map[string]*string{"x.go": scorertest.Text("package x\n\nvar a = 1")}, map[string]*string{"x.go": scorertest.Text("// Package x.\npackage x\n\nvar a = 1")})
			}, nil, 0},
		{"comment-heavy change", hygiene.Config{},
			func(c *heuristics.Contribution) { c.Diff = newFiles(t, "retry/loop.go", commentHeavy) },
			[]string{hygiene.RuleComments}, 0.25},
		{"many comments in a well-commented large file are fine by share", hygiene.Config{},
			func(c *heuristics.Contribution) {
				c.Diff = newFiles(t, "retry/loop.go", "package retry\n\n"+strings.Repeat("// Add one.\nx++\ny++\nz++\n", 12))
			}, nil, 0},
		{"anti-slop's count-only comment rule", hygiene.Config{MaxCommentShare: ptr(0.0)},
			func(c *heuristics.Contribution) {
				c.Diff = newFiles(t, "retry/loop.go", "package retry\n\n"+strings.Repeat("// Add one.\nx++\ny++\nz++\n", 12))
			}, []string{hygiene.RuleComments}, 0.25},
		{"comments in Markdown are not code comments", hygiene.Config{},
			func(c *heuristics.Contribution) { c.Diff = newFiles(t, "docs/a.md", strings.Repeat("# heading\n", 30)) }, nil, 0},
		{"emoji over the limit", hygiene.Config{},
			func(c *heuristics.Contribution) {
				c.Title = "✨ retry: stop 🚀"
				c.Body = "## ✅ Changes\n\n- 🔧 stop the loop\n- 🧪 add a test :tada:\n"
			}, []string{hygiene.RuleEmoji}, 0.2},
		{"emoji in code blocks and comments do not count; a flag is one", hygiene.Config{MaxEmoji: 1},
			func(c *heuristics.Contribution) {
				c.Body = "Fixes the 🇫🇷 locale.\n\n```\n🚀🚀🚀\n```\n<!-- ✅✅ -->\n"
			}, nil, 0},
		{"a description listing the code", hygiene.Config{MaxCodeReferences: 3},
			func(c *heuristics.Contribution) {
				c.Body = "Changes:\n- Updated src/retry/loop.go\n- Added retry/loop_test.go\n- Modified calculateDelay() and Loop.stop()\n- Renamed pkg/a.go\n"
			}, []string{hygiene.RuleCodeReferences}, 0.15},
		{"linked issue required: none", hygiene.Config{RequireLinkedIssue: true},
			func(c *heuristics.Contribution) { c.Body = "Stops the loop. See the discussion in #general." }, []string{hygiene.RuleLinkedIssue}, 0.3},
		{"linked issue required: linked through GitHub", hygiene.Config{RequireLinkedIssue: true},
			func(c *heuristics.Contribution) { c.Body = "Stops the loop."; c.LinkedIssues = []string{"#7"} }, nil, 0},
		{"linked issue required: in the title", hygiene.Config{RequireLinkedIssue: true},
			func(c *heuristics.Contribution) { c.Body = ""; c.Title = "Fix #7: stop the loop" }, nil, 0},
		{"a blocked issue, by URL", hygiene.Config{BlockedIssues: []int{1000}},
			func(c *heuristics.Contribution) { c.Body = "Closes https://github.com/o/r/issues/1000" }, []string{hygiene.RuleBlockedIssue}, 0.5},
		{"blocked term, visible only", hygiene.Config{BlockedTerms: []string{"As an AI"}},
			func(c *heuristics.Contribution) { c.Body = "<!-- as an ai -->\nas an AI language model I fixed it." }, []string{hygiene.RuleBlockedTerm}, 0.5},
		{"blocked term hidden in a comment does not count", hygiene.Config{BlockedTerms: []string{"As an AI"}},
			func(c *heuristics.Contribution) { c.Body = "<!-- as an ai -->\nFixed it." }, nil, 0},
		{"negative reactions over the limit", hygiene.Config{MaxNegativeReactions: 2},
			func(c *heuristics.Contribution) { c.Reactions = map[string]int{"-1": 2, "confused": 1} }, []string{hygiene.RuleReactions}, 0.3},
		{"empty description when required", hygiene.Config{RequireDescription: true}, func(c *heuristics.Contribution) { c.Body = " \n" },
			[]string{hygiene.RuleDescription}, 0.3},
		{"severity raises a rule", hygiene.Config{Severity: map[string]float64{hygiene.RuleHeadBranch: 0.6, hygiene.RuleMaintainerEdits: 0.5}},
			func(c *heuristics.Contribution) { c.HeadBranch = "master" }, []string{hygiene.RuleHeadBranch}, 0.6},
		{"disabled rule stays quiet", hygiene.Config{Disable: []string{hygiene.RuleHeadBranch}},
			func(c *heuristics.Contribution) { c.HeadBranch = "master" }, nil, 0},
		{"several default rules on a newcomer's awkward but honest pull request stay under review", hygiene.Config{},
			func(c *heuristics.Contribution) {
				c.HeadBranch = "main"
				c.MaintainerCanModify = ptr(false)
				c.Diff = newFiles(t, "LICENSE", "MIT, 2026")
			}, []string{hygiene.RuleBlockedPath, hygiene.RuleHeadBranch, hygiene.RuleMaintainerEdits, hygiene.RuleFinalNewline}, 0.2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := hygiene.New(tc.cfg)
			require.NoError(t, err)
			c := clean(t)
			if tc.edit != nil {
				tc.edit(c)
			}
			res, err := s.Score(context.Background(), c)
			require.NoError(t, err)
			assert.Equal(t, tc.rules, scorertest.Rules(res), "%+v", res.Evidence)
			assert.InDelta(t, tc.score, res.Score, 1e-9)
			require.NoError(t, heuristics.CheckResult(res))
			for _, e := range res.Evidence {
				assert.NotEmpty(t, e.Message)
				assert.NotEmpty(t, e.Field)
			}
			if res.Score > 0 {
				assert.NotEmpty(t, res.Advice)
			}
		})
	}
}

func TestEvidenceLocates(t *testing.T) {
	s, err := hygiene.New(hygiene.Config{})
	require.NoError(t, err)
	c := clean(t)
	c.Diff = scorertest.GitDiff(t, nil, map[string]*string{"cmd/x/main.go": scorertest.Text("package main\n\nfunc main() {}")})
	res, err := s.Score(context.Background(), c)
	require.NoError(t, err)
	require.Len(t, res.Evidence, 1)
	e := res.Evidence[0]
	assert.Equal(t, "cmd/x/main.go", e.Path)
	assert.Equal(t, 3, e.Line)
	assert.Equal(t, heuristics.SideNew, e.Side)
	assert.Equal(t, "func main() {}", e.Snippet)
	assert.Contains(t, res.Advice, "end each file with a newline")
}

func TestNotApplicable(t *testing.T) {
	s, err := hygiene.New(hygiene.Config{})
	require.NoError(t, err)
	_, err = s.Score(context.Background(), &heuristics.Contribution{Author: heuristics.Author{Login: "a"}})
	assert.ErrorIs(t, err, heuristics.ErrNotApplicable)
}

func TestBadConfig(t *testing.T) {
	for name, tc := range map[string]struct {
		cfg   hygiene.Config
		field string
	}{
		"negative commit length":  {hygiene.Config{MaxCommitMessage: -1}, "max_commit_message"},
		"negative comments":       {hygiene.Config{MaxAddedComments: -1}, "max_added_comments"},
		"share above 1":           {hygiene.Config{MaxCommentShare: ptr(1.5)}, "max_comment_share"},
		"negative emoji":          {hygiene.Config{MaxEmoji: -3}, "max_emoji"},
		"negative references":     {hygiene.Config{MaxCodeReferences: -3}, "max_code_references"},
		"negative reactions":      {hygiene.Config{MaxNegativeReactions: -1}, "max_negative_reactions"},
		"unclosed brace":          {hygiene.Config{BlockedPaths: []string{"LICENSE", "docs/{a,b"}}, "blocked_paths[1]"},
		"stray brace":             {hygiene.Config{AllowedPaths: []string{"a}"}}, "allowed_paths[0]"},
		"nested braces":           {hygiene.Config{BlockedHeadBranches: []string{"{a,{b}}"}}, "blocked_head_branches[0]"},
		"empty pattern":           {hygiene.Config{AllowedBaseBranches: []string{" "}}, "allowed_base_branches[0]"},
		"empty extension":         {hygiene.Config{AllowedExtensions: []string{"."}}, "allowed_extensions[0]"},
		"empty term":              {hygiene.Config{BlockedTerms: []string{""}}, "blocked_terms[0]"},
		"issue zero":              {hygiene.Config{BlockedIssues: []int{0}}, "blocked_issues[0]"},
		"severity of a rule":      {hygiene.Config{Severity: map[string]float64{"hygiene-nope": 1}}, "severity"},
		"severity out of range":   {hygiene.Config{Severity: map[string]float64{hygiene.RuleEmoji: -0.1}}, "severity"},
		"disable an unknown rule": {hygiene.Config{Disable: []string{"size-lines"}}, "disable[0]"},
	} {
		_, err := hygiene.New(tc.cfg)
		require.ErrorIs(t, err, heuristics.ErrInvalidConfig, name)
		var ce *hygiene.ConfigError
		require.ErrorAs(t, err, &ce, name)
		assert.Equal(t, tc.field, ce.Field, name)
		if strings.Contains(name, "brace") || strings.Contains(name, "pattern") {
			var pe *hygiene.PatternError
			require.ErrorAs(t, err, &pe, name)
			assert.ErrorIs(t, err, hygiene.ErrBadPattern, name)
		}
	}
}

func TestConformance(t *testing.T) {
	s, err := hygiene.New(hygiene.Config{ConventionalTitle: true, ConventionalCommits: true, RequireLinkedIssue: true, MaxCommitMessage: 20, MaxEmoji: 1})
	require.NoError(t, err)
	noisy := clean(t)
	noisy.Title = "🚀 Update files ✨"
	noisy.HeadBranch = "main"
	noisy.MaintainerCanModify = ptr(false)
	noisy.Diff = scorertest.GitDiff(t, nil, map[string]*string{"LICENSE": scorertest.Text("x"), "a.py": scorertest.Text(strings.Repeat("# note\n", 20))})
	heuristicstest.Run(t, s, clean(t), noisy, &heuristics.Contribution{Title: "x"})
}

func TestRulesDocumented(t *testing.T) {
	s, err := hygiene.New(hygiene.Config{})
	require.NoError(t, err)
	heuristicstest.CheckDeclared(t, s.Rules())
}

// TestOddDiffs: files the diff rules cannot read (no hunks kept, binary,
// deleted, a nil entry) are skipped, never a panic or a false finding.
func TestOddDiffs(t *testing.T) {
	in := "diff --git a/x.go b/x.go\nnew file mode 100644\n--- /dev/null\n+++ b/x.go\n@@ -0,0 +1 @@\n+package x\n\\ No newline at end of file\n" +
		"diff --git a/logo.png b/logo.png\nnew file mode 100644\nBinary files /dev/null and b/logo.png differ\n" +
		"diff --git a/old.go b/old.go\ndeleted file mode 100644\n--- a/old.go\n+++ /dev/null\n@@ -1 +0,0 @@\n-package old\n\\ No newline at end of file\n"
	sc := diffstat.NewScanner(strings.NewReader(in), nil) // no patches kept
	d := &diffstat.Diff{}
	for sc.Next() {
		f := *sc.File()
		d.Files = append(d.Files, &f)
	}
	require.NoError(t, sc.Err())
	d.Files = append(d.Files, nil)
	s, err := hygiene.New(hygiene.Config{})
	require.NoError(t, err)
	res, err := s.Score(context.Background(), &heuristics.Contribution{Title: "x", Diff: d})
	require.NoError(t, err)
	assert.Empty(t, res.Evidence, "no hunks kept: nothing to say about newlines")

	parsed, err := diffstat.Parse(strings.NewReader(in), nil)
	require.NoError(t, err)
	res, err = s.Score(context.Background(), &heuristics.Contribution{Title: "x", Diff: parsed})
	require.NoError(t, err)
	assert.Equal(t, []string{hygiene.RuleFinalNewline}, scorertest.Rules(res), "the new file only; the deleted one is gone")
	assert.Equal(t, "x.go", res.Evidence[0].Path)
}

// TestEmojiOneItem checks that emoji over the limit give one item that
// lists where they are, and that it does not call the configured limit
// something the project is used to.
func TestEmojiOneItem(t *testing.T) {
	s, err := hygiene.New(hygiene.Config{})
	require.NoError(t, err)
	res, err := s.Score(context.Background(), &heuristics.Contribution{
		Title: "✨ cache: evict 🚀",
		Body:  "## ✅ Changes\n\n- 🔧 evict the oldest entry\n- 🧪 add a test 🎉\n",
	})
	require.NoError(t, err)
	require.Len(t, res.Evidence, 1)
	ev := res.Evidence[0]
	assert.Equal(t, "The title and description hold 6 emoji, more than 5: in the title and on lines 1, 3 and 4.", ev.Message)
	assert.NotContains(t, ev.Message, "used to")
}

// TestAdviceJoinsSubjects checks that advice about several files of one
// kind names them in one phrase.
func TestAdviceJoinsSubjects(t *testing.T) {
	s, err := hygiene.New(hygiene.Config{BlockedPaths: []string{"LICENSE", "go.sum"}})
	require.NoError(t, err)
	c := &heuristics.Contribution{Title: "update files", Body: "Updates the licence year and the checksums."}
	c.Diff = newFiles(t, "LICENSE", "MIT\n")
	c.Diff.Files = append(c.Diff.Files, newFiles(t, "go.sum", "x\n").Files...)
	res, err := s.Score(context.Background(), c)
	require.NoError(t, err)
	assert.Contains(t, res.Advice, "leave LICENSE and go.sum out of this pull request")
	assert.NotContains(t, res.Advice, "see the other points")
}

// TestSymlinkNoFinalNewline: a symbolic link's target is never
// newline-terminated, and git shows it as a file's one line without a
// final newline; that is not a file to ask for a newline.
func TestSymlinkNoFinalNewline(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	git := func(args ...string) []byte { return scorertest.Git(t, dir, args...) }
	git("init", "-q")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "NOTES.md"), []byte("# Notes\n"), 0o644))
	require.NoError(t, os.Symlink("NOTES.md", filepath.Join(dir, "RelNotes")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tool.sh"), []byte("echo hi"), 0o644))
	git("add", ".")
	d, err := diffstat.Parse(bytes.NewReader(git("diff", "--cached")), nil)
	require.NoError(t, err)
	s, err := hygiene.New(hygiene.Config{})
	require.NoError(t, err)
	res, err := s.Score(context.Background(), &heuristics.Contribution{Title: "Add notes", Diff: d})
	require.NoError(t, err)
	var paths []string
	for _, e := range res.Evidence {
		if e.Rule == hygiene.RuleFinalNewline {
			paths = append(paths, e.Path)
		}
	}
	assert.Equal(t, []string{"tool.sh"}, paths, "the script, not the link")
}

// TestSummaryAndAdviceReadAsProse pins a summary whose points are all
// noun phrases (it once mixed "changes files ..." and "comes from ..."
// with "many emoji"), and advice whose points do not carry semicolons of
// their own, which ran together with the semicolons between points:
// "write the description in plain words; emoji make it longer, not
// clearer; say what the change does and why; the diff shows ...".
func TestSummaryAndAdviceReadAsProse(t *testing.T) {
	s, err := hygiene.New(hygiene.Config{})
	require.NoError(t, err)
	var refs []string
	for i := range 16 {
		refs = append(refs, fmt.Sprintf("`pkg/f%d.go`", i))
	}
	c := &heuristics.Contribution{
		Title:      "✨ cache: evict 🚀",
		Body:       "## ✅ Changes\n\n- 🔧 evict the oldest entry\n- 🧪 add a test 🎉\n\nTouches " + strings.Join(refs, ", ") + ".\n",
		HeadBranch: "main",
	}
	c.Diff = newFiles(t, "LICENSE", "MIT\n")
	res, err := s.Score(context.Background(), c)
	require.NoError(t, err)
	assert.Equal(t, "Points to check: files the project keeps to its maintainers; many emoji; a description dense with code references; the branch it comes from.", res.Summary)
	assert.Equal(t, "This project asks a few things of every pull request. Please leave LICENSE out of this pull request, or open an issue about it first; "+
		"write the description in plain words, with fewer emoji; "+
		"say what the change does and why, rather than which files and functions it touches (the diff shows those); "+
		"make a branch for each change next time (git switch -c fix-something), so your main stays in step with upstream.", res.Advice)
}

// TestCommentsMessageUnits: the limits in the comments message say what
// they count ("more than 10 and 35%" left the reader to guess).
func TestCommentsMessageUnits(t *testing.T) {
	s, err := hygiene.New(hygiene.Config{})
	require.NoError(t, err)
	var src strings.Builder
	src.WriteString("package cache\n")
	for i := range 12 {
		fmt.Fprintf(&src, "// step %d sets the value\nvar v%d = %d\n", i, i, i)
	}
	res, err := s.Score(context.Background(), &heuristics.Contribution{Title: "cache: add values", Body: "Adds values.", Diff: scorertest.GitDiff(t, nil, map[string]*string{"retry/loop.go": scorertest.Text(src.String())})})
	require.NoError(t, err)
	require.NotEmpty(t, res.Evidence, "%v", res.Metrics)
	assert.Equal(t, "retry/loop.go adds 12 comment lines; in all, 12 of the 25 added code lines are comments (more than 10 lines and 35% of them).", res.Evidence[0].Message)
}
