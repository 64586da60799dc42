package size_test

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/size"
	"github.com/heft-dev/heft/internal/scorertest"
)

func newSize(t *testing.T) *size.Scorer {
	t.Helper()
	s, err := size.New(size.Config{})
	require.NoError(t, err)
	return s
}

func manyFiles(n, lines int) map[string]*string {
	m := map[string]*string{}
	for i := range n {
		m[fmt.Sprintf("pkg/p%d/f%d.go", i%9, i)] = scorertest.Text(scorertest.Numbered(fmt.Sprintf("v%d", i), lines))
	}
	return m
}

func TestSize(t *testing.T) {
	store := scorertest.Numbered("row", 1900)
	cases := []struct {
		name, reason string
		base, change map[string]*string
		score        func(float64) bool
		label        string
		rules        []string
		advice       string // a fragment
		summary      string // a fragment
	}{
		{
			name: "one-line-fix", reason: "a newcomer's small fix must pass untouched",
			base:   map[string]*string{"main.go": scorertest.Text("package main\n\nfunc main() { println(1) }\n")},
			change: map[string]*string{"main.go": scorertest.Text("package main\n\nfunc main() { println(2) }\n")},
			score:  scorertest.Zero, label: "size/XS", summary: "2 reviewable changed lines (+1 −1) in 1 file",
		},
		{
			name: "feature-with-tests", reason: "150 lines is a normal pull request",
			change: map[string]*string{
				"feature.go":      scorertest.Text(scorertest.Numbered("f", 100)),
				"feature_test.go": scorertest.Text(scorertest.Numbered("t", 50)),
			},
			score: scorertest.Zero, label: "size/L",
		},
		{
			name: "refactor-plus-fix", reason: "a big refactor bundled with a small fix: advise splitting by directory",
			change: storeAnd(store, "cmd/tool/main.go", 40),
			score:  scorertest.High, label: "size/XXL",
			rules:  []string{"size-lines", "size-largest-file"},
			advice: "1,900 of them are in internal/store/; consider sending that part on its own and the other 40 lines (cmd/tool/) as a separate pull request; the first part is still over 200 lines, so split it further into steps that each build and pass tests where it can be.",
		},
		{
			name: "lockfile-churn", reason: "go.sum and package-lock.json lines are not read by reviewers",
			change: map[string]*string{
				"go.sum":                scorertest.Text(scorertest.Numbered("mod", 3000)),
				"web/package-lock.json": scorertest.Text(scorertest.Numbered("\"dep\"", 2000)),
				"go.mod":                scorertest.Text("module x\n\nrequire y v1.2.3\n"),
			},
			score: scorertest.Zero, label: "size/XS", rules: []string{"size-not-reviewable"},
			summary: "5,000 generated, vendored or lockfile lines not counted",
		},
		{
			name: "regenerated-golden-files", reason: "issue 14: 7,762 changed lines, 7,756 of them regenerated expected output (golden files, *.out below testdata, a Jest snapshot), scored 1; a reviewer reads the 6-line change and skims the rest",
			base: map[string]*string{
				"internal/render/table.go":                  scorertest.Text("package render\n\nfunc pad(s string, n int) string {\n\treturn s + spaces(n-len(s))\n}\n\nfunc width() int { return 80 }\n"),
				"internal/render/testdata/wide.golden":      scorertest.Text(scorertest.Numbered("old_wide", 1500)),
				"internal/render/testdata/narrow.golden":    scorertest.Text(scorertest.Numbered("old_narrow", 1000)),
				"cmd/compile/testdata/ssa/loops.out":        scorertest.Text(scorertest.Numbered("old_loops", 800)),
				"web/src/__snapshots__/Table.test.tsx.snap": scorertest.Text(scorertest.Numbered("old_snap", 578)),
			},
			change: map[string]*string{
				"internal/render/table.go":                  scorertest.Text("package render\n\nfunc pad(s string, n int) string {\n\treturn s + spaces(max(0, n-len(s)))\n}\n\nfunc width() int { return 100 }\n\nfunc margin() int { return 2 }\n"),
				"internal/render/testdata/wide.golden":      scorertest.Text(scorertest.Numbered("new_wide", 1500)),
				"internal/render/testdata/narrow.golden":    scorertest.Text(scorertest.Numbered("new_narrow", 1000)),
				"cmd/compile/testdata/ssa/loops.out":        scorertest.Text(scorertest.Numbered("new_loops", 800)),
				"web/src/__snapshots__/Table.test.tsx.snap": scorertest.Text(scorertest.Numbered("new_snap", 578)),
			},
			score: scorertest.Zero, label: "size/XS", rules: []string{"size-expected-output"},
			summary: "6 reviewable changed lines (+4 −2) in 1 file; 7,756 lines of regenerated test expectations (golden files, snapshots) not counted",
		},
		{
			name: "vendored-import", reason: "vendored third-party code is reported, not counted",
			change: map[string]*string{
				"vendor/github.com/lib/pq/conn.go": scorertest.Text(scorertest.Numbered("v", 4000)),
				"main.go":                          scorertest.Text("package main\n"),
			},
			score: scorertest.Zero, label: "size/XS", rules: []string{"size-not-reviewable"},
		},
		{
			name: "many-small-files", reason: "200 files of one line each is hard to review even at 200 lines",
			change: manyFiles(200, 1),
			score:  scorertest.High, label: "size/L", rules: []string{"size-files", "size-largest-file"},
		},
		{
			name: "moderate", reason: "500 lines raises a moderate concern, not a flag",
			change: map[string]*string{"a/b.go": scorertest.Text(scorertest.Numbered("m", 500))},
			score:  func(s float64) bool { return s > 0.3 && s < 0.6 }, label: "size/XL",
		},
	}
	s := newSize(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := scorertest.GitDiff(t, tc.base, tc.change)
			res, err := s.Score(context.Background(), &heuristics.Contribution{Diff: d})
			require.NoError(t, err)
			assert.True(t, tc.score(res.Score), "score %v: %s", res.Score, tc.reason)
			assert.Equal(t, []string{tc.label}, res.Labels)
			rules := scorertest.Rules(res)
			for _, r := range tc.rules {
				assert.Contains(t, rules, r)
			}
			assert.Contains(t, res.Advice, tc.advice)
			assert.Contains(t, res.Summary, tc.summary)
			if res.Score == 0 {
				assert.Empty(t, res.Advice, "no advice without a concern")
			}
		})
	}
}

// TestSplitAdvice: how the advice proposes to split a large change, each
// case with its reason; advice holds a fragment of the advice.
func TestSplitAdvice(t *testing.T) {
	store := scorertest.Numbered("row", 1900)
	cases := []struct {
		name, reason string
		change       map[string]*string
		advice       string
	}{
		{"tests-stay-with-code", "tests/core/ holds the tests of src/core/: advice to send them as a pull request of their own would split a change from its tests",
			map[string]*string{"src/core/git.go": scorertest.Text(scorertest.Numbered("g", 220)), "tests/core/git_test.go": scorertest.Text(scorertest.Numbered("t", 330)), "src/cli/remote.go": scorertest.Text(scorertest.Numbered("r", 150)), "tests/cli/remote_test.go": scorertest.Text(scorertest.Numbered("rt", 50))},
			"550 of them are in tests/core/ and src/core/; consider sending that part on its own and the other 200 lines (src/cli/ and tests/cli/)"},
		{"split-parts-still-large", "a part of over 200 lines cannot be reviewed in one sitting either: the advice must not promise it",
			storeAnd(store, "cmd/tool/main.go", 300),
			"the other 300 lines (cmd/tool/) as a separate pull request; both parts are still over 200 lines, so split them further into steps that each build and pass tests where they can be."},
		{"many-directories", "the other part's directories are named in full or with how many more there are, so the list is not taken for the whole",
			storeAndDirs(store, 5),
			"the other 40 lines (a/, b/, c/ and 2 more directories)"},
		{"one-more-directory", "one directory left out of the list is \"1 more directory\", not \"1 more directories\"",
			storeAndDirs(store, 4),
			"the other 34 lines (a/, b/, c/ and 1 more directory)"},
		{"tests-of-untouched-code", "tests of code the change does not touch can go on their own: they are a part, not folded into the largest",
			storeAnd(store, "internal/lru/lru_test.go", 60),
			"1,900 of them are in internal/store/; consider sending that part on its own and the other 60 lines (internal/lru/)"},
		{"src-layout-tests-stay-with-code", "tests/ of a Python src layout tests src/pkg/: sending them, with the changelog, apart from the code they test is not a split to advise",
			map[string]*string{"src/pkg/forms.py": scorertest.Text(scorertest.Numbered("f", 350)), "tests/test_forms.py": scorertest.Text(scorertest.Numbered("t", 45)), "CHANGES.rst": scorertest.Text(scorertest.Numbered("c", 10))},
			"This pull request changes 405 reviewable lines. If it can be split"},
		{"package-layout-tests-stay-with-code", "tests/contrib/ holds the tests of pkg/contrib/: they go with it, and the other part is code",
			map[string]*string{"pkg/contrib/wrap.py": scorertest.Text(scorertest.Numbered("w", 250)), "tests/contrib/test_wrap.py": scorertest.Text(scorertest.Numbered("t", 60)), "pkg/wrappers/charset.py": scorertest.Text(scorertest.Numbered("c", 120))},
			"310 of them are in pkg/contrib/ and tests/contrib/; consider sending that part on its own and the other 120 lines (pkg/wrappers/)"},
		{"test-tree-of-a-subpackage", "tests/middleware/ holds the tests of src/pkg/middleware/, below the top directory src/pkg/",
			map[string]*string{"src/pkg/middleware/proxy.py": scorertest.Text(scorertest.Numbered("p", 150)), "src/pkg/app.py": scorertest.Text(scorertest.Numbered("a", 100)), "tests/middleware/test_proxy.py": scorertest.Text(scorertest.Numbered("t", 60)), "cmd/serve/main.py": scorertest.Text(scorertest.Numbered("d", 120))},
			"310 of them are in src/pkg/ and tests/middleware/; consider sending that part on its own and the other 120 lines (cmd/serve/)"},
		{"root-files-alone-stay", "a changelog entry at the root belongs to the change it describes, not to a pull request of its own",
			map[string]*string{"internal/store/store.go": scorertest.Text(store), "CHANGELOG.md": scorertest.Text(scorertest.Numbered("c", 5))},
			"This pull request changes 1,905 reviewable lines. If it can be split"},
		{"docs-and-changelog-stay", "the change's documentation and changelog entry belong with it",
			map[string]*string{"internal/store/store.go": scorertest.Text(store), "docs/guide/store.md": scorertest.Text(scorertest.Numbered("d", 80)), "CHANGELOG.md": scorertest.Text(scorertest.Numbered("c", 5))},
			"This pull request changes 1,985 reviewable lines. If it can be split"},
		{"root-files-with-other-code", "root files beside another directory of code go with that part, as before",
			map[string]*string{"internal/store/store.go": scorertest.Text(store), "cmd/tool/main.go": scorertest.Text(scorertest.Numbered("fix", 40)), "CHANGELOG.md": scorertest.Text(scorertest.Numbered("c", 5))},
			"1,900 of them are in internal/store/; consider sending that part on its own and the other 45 lines (cmd/tool/ and the repository root)"},
		{"tests-beside-untouched-code-under-src", "src/ is not a test tree: tests beside code under it that the change does not touch are still a part of their own",
			storeAnd(store, "src/lru/lru_test.go", 60),
			"1,900 of them are in internal/store/; consider sending that part on its own and the other 60 lines (src/lru/)"},
		{"spread-out", "no directory holds half the lines: sending the largest on its own is an arbitrary cut, so the advice is the general one, with the spread",
			map[string]*string{"a/x.go": scorertest.Text(scorertest.Numbered("a", 120)), "b/x.go": scorertest.Text(scorertest.Numbered("b", 110)), "c/x.go": scorertest.Text(scorertest.Numbered("c", 100))},
			"This pull request changes 330 reviewable lines across 3 directories, none with half of them. If it can be split"},
	}
	s := newSize(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Score(context.Background(), &heuristics.Contribution{Diff: scorertest.GitDiff(t, nil, tc.change)})
			require.NoError(t, err)
			assert.Contains(t, res.Advice, tc.advice, tc.reason)
		})
	}
}

// storeAnd is a change of internal/store/store.go (store) and of one
// more file of n lines at path.
func storeAnd(store, path string, n int) map[string]*string {
	return map[string]*string{
		"internal/store/store.go": scorertest.Text(store),
		path:                      scorertest.Text(scorertest.Numbered("fix", n)),
	}
}

// storeAndDirs is a change of internal/store/store.go (store) and of n
// small directories a/, b/, ... of 10, 9, ... lines.
func storeAndDirs(store string, n int) map[string]*string {
	m := map[string]*string{"internal/store/store.go": scorertest.Text(store)}
	for i := range n {
		d := string(rune('a' + i))
		m[d+"/x.go"] = scorertest.Text(scorertest.Numbered(d, 10-i))
	}
	return m
}

func TestBadInput(t *testing.T) {
	s := newSize(t)
	_, err := s.Score(context.Background(), &heuristics.Contribution{})
	require.ErrorIs(t, err, heuristics.ErrNotApplicable, "no diff, nothing to say")

	res, err := s.Score(context.Background(), &heuristics.Contribution{Diff: &diffstat.Diff{}})
	require.NoError(t, err, "an empty diff is a size")
	assert.Equal(t, 0.0, res.Score)
	assert.Equal(t, []string{"size/XS"}, res.Labels)

	for _, d := range []*diffstat.Diff{
		{Files: []*diffstat.File{nil}},
		{Files: []*diffstat.File{{NewPath: "x", Added: -3}}},
	} {
		_, err = s.Score(context.Background(), &heuristics.Contribution{Diff: d})
		require.Error(t, err, "a hand-built diff with impossible counts")
	}

	for _, cfg := range []size.Config{
		{Labels: [5]int{10, 5, 100, 500, 1000}},
		{ComfortableLines: heuristics.Ptr(500), OverwhelmingLines: 100},
		{ComfortableFiles: -1},
		{Largest: -2},
	} {
		_, err := size.New(cfg)
		require.ErrorIs(t, err, heuristics.ErrInvalidConfig, "%+v", cfg)
	}
}

func TestConformance(t *testing.T) {
	heuristicstest.Run(t, newSize(t),
		&heuristics.Contribution{Diff: scorertest.GitDiff(t, nil, map[string]*string{"a.go": scorertest.Text("package a\n")})},
		&heuristics.Contribution{Diff: scorertest.GitDiff(t, nil, map[string]*string{
			"internal/store/store.go": scorertest.Text(scorertest.Numbered("row", 2500)),
			"go.sum":                  scorertest.Text(scorertest.Numbered("m", 10)),
		})},
		&heuristics.Contribution{Diff: scorertest.GitDiff(t, nil, manyFiles(160, 2))},
		&heuristics.Contribution{Diff: &diffstat.Diff{}},
	)
}

func TestAdviceIsPastable(t *testing.T) {
	d := scorertest.GitDiff(t, nil, map[string]*string{"big.go": scorertest.Text(scorertest.Numbered("b", 3000))})
	res, err := newSize(t).Score(context.Background(), &heuristics.Contribution{Diff: d})
	require.NoError(t, err)
	assert.Equal(t, "This pull request changes 3,000 reviewable lines. If it can be split into smaller steps that each "+
		"build and pass tests, reviewers can take them one at a time; otherwise, a short guide to the order in which "+
		"to read it helps.", res.Advice)
	assert.False(t, strings.Contains(res.Advice, "AI"), "size advice is about size, not about who wrote it")
}

// ComfortableLines: 0 is a setting of its own, not the default: the score
// rises from the first reviewable line.
func TestComfortableLinesZero(t *testing.T) {
	d := scorertest.GitDiff(t, nil, map[string]*string{"a.go": scorertest.Text("package a\n" + scorertest.Numbered("v", 49))})
	def, err := size.New(size.Config{})
	require.NoError(t, err)
	zero, err := size.New(size.Config{ComfortableLines: heuristics.Ptr(0)})
	require.NoError(t, err)
	c := &heuristics.Contribution{Diff: d}
	r1, err := def.Score(context.Background(), c)
	require.NoError(t, err)
	r0, err := zero.Score(context.Background(), c)
	require.NoError(t, err)
	assert.Zero(t, r1.Score, "50 lines are comfortable by default")
	assert.Greater(t, r0.Score, 0.0, "with comfortable_lines 0, 50 lines already count")
}

func TestOneLineSummary(t *testing.T) {
	res, err := newSize(t).Score(context.Background(), &heuristics.Contribution{Diff: scorertest.GitDiff(t, nil, map[string]*string{"a.go": scorertest.Text("package a\n")})})
	require.NoError(t, err)
	assert.Equal(t, "size/XS: 1 reviewable changed line (+1 −0) in 1 file.", res.Summary, "line, not lines")
}

func TestNothingReviewableSummary(t *testing.T) {
	res, err := newSize(t).Score(context.Background(), &heuristics.Contribution{Diff: scorertest.GitDiff(t, nil, map[string]*string{
		"go.sum": scorertest.Text(scorertest.Numbered("m", 10)),
	})})
	require.NoError(t, err)
	assert.Equal(t, "size/XS: no reviewable changed lines; 10 generated, vendored or lockfile lines not counted.", res.Summary, "not \"0 reviewable changed lines (+0 −0) in 0 files\"")
}

func TestAdviceOneLineLeft(t *testing.T) {
	res, err := newSize(t).Score(context.Background(), &heuristics.Contribution{Diff: scorertest.GitDiff(t, nil, map[string]*string{
		"store/store.go": scorertest.Text("package store\n" + scorertest.Numbered("v", 599)),
		"cmd/main.go":    scorertest.Text("package main\n"),
	})})
	require.NoError(t, err)
	assert.Contains(t, res.Advice, "the other 1 line (cmd/)", "line, not lines")
}

// TestLargestFileOfASpreadChange: in a change spread thin (40 files of 10
// lines), "one of the largest changed files" would point a reviewer at
// three files of 10 lines as if they were where the size is; the
// evidence says instead how little the largest holds.
func TestLargestFileOfASpreadChange(t *testing.T) {
	change := map[string]*string{}
	for i := range 40 {
		change[fmt.Sprintf("pkg/p%02d/f.go", i)] = scorertest.Text(scorertest.Numbered(fmt.Sprintf("v%d", i), 10))
	}
	res, err := newSize(t).Score(context.Background(), &heuristics.Contribution{Diff: scorertest.GitDiff(t, nil, change)})
	require.NoError(t, err)
	var largest []heuristics.Evidence
	for _, e := range res.Evidence {
		if e.Rule == "size-largest-file" {
			largest = append(largest, e)
		}
	}
	require.Len(t, largest, 1, "%+v", res.Evidence)
	assert.Equal(t, "The largest changed file holds 10 of the 400 reviewable lines: the change is spread over 40 files.", largest[0].Message)
	assert.Equal(t, "pkg/p00/f.go", largest[0].Path)
}

// TestFilesWithNoChangedLine: a file renamed or copied as it is, with
// only its mode changed, or empty has nothing to read. It is not a
// reviewable file: 60 files moved with git mv scored 0.55 with advice to
// split "0 reviewable lines", and files of "+0 −0" were named as the
// largest.
func TestFilesWithNoChangedLine(t *testing.T) {
	moved := func(n int, edit map[string]*string) (base, change map[string]*string) {
		base, change = map[string]*string{}, map[string]*string{}
		for i := range n {
			content := scorertest.Text(scorertest.Numbered(fmt.Sprintf("row%d", i), 12))
			base[fmt.Sprintf("old/f%02d.go", i)] = content
			change[fmt.Sprintf("old/f%02d.go", i)] = nil
			change[fmt.Sprintf("new/f%02d.go", i)] = content
		}
		maps.Copy(change, edit)
		return base, change
	}
	onlyBase, onlyChange := moved(60, nil)
	base, withEdit := moved(30, map[string]*string{"store/store.go": scorertest.Text(scorertest.Numbered("s", 300))})
	binary := map[string]*string{
		"store/store.go":     scorertest.Text(scorertest.Numbered("s", 300)),
		"assets/logo.png":    scorertest.Text("\x89PNG\x00\x01\x02"),
		"assets/banner.png":  scorertest.Text("\x89PNG\x00\x03\x04"),
		"assets/favicon.png": scorertest.Text("\x89PNG\x00\x05\x06"),
	}
	icons := map[string]*string{}
	for i := range 24 {
		icons[fmt.Sprintf("icons/i%02d.png", i)] = scorertest.Text(fmt.Sprintf("\x89PNG\x00%d", i))
	}
	cases := []struct {
		name, reason   string
		base, change   map[string]*string
		zero           bool
		files, unmoved float64
		summary        string
		advice         string
	}{
		{name: "only-renames", reason: "git mv of 60 files: nothing to review, no score, no advice",
			base: onlyBase, change: onlyChange, zero: true, unmoved: 60,
			summary: "size/XS: 60 files renamed as they are; no reviewable changed lines."},
		{name: "renames-and-an-edit", reason: "the moves are not counted or named; the edit is",
			base: base, change: withEdit, files: 1, unmoved: 30,
			summary: "size/L: 300 reviewable changed lines (+300 −0) in 1 file; 30 files renamed as they are, not counted."},
		{name: "binary-files", reason: "a binary file is still a file to look at, but has no lines to be named as one of the largest by",
			change: binary, files: 4, summary: "size/L: 300 reviewable changed lines (+300 −0) in 4 files."},
		{name: "only-binary-files", reason: "24 icons are files to look at, not \"0 reviewable lines\"",
			change: icons, files: 24, summary: "size/XS: 0 reviewable changed lines (+0 −0) in 24 files.",
			advice: "This pull request changes 24 binary files. If it can be split"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := newSize(t).Score(context.Background(), &heuristics.Contribution{Diff: scorertest.GitDiff(t, tc.base, tc.change)})
			require.NoError(t, err)
			assert.Equal(t, tc.summary, res.Summary, tc.reason)
			assert.Equal(t, tc.zero, res.Score == 0, "score %v: %s", res.Score, tc.reason)
			assert.Equal(t, tc.files, res.Metrics["reviewable_files"], tc.reason)
			assert.Equal(t, tc.unmoved, res.Metrics["unchanged_files"], tc.reason)
			assert.Zero(t, res.Metrics["reviewable_lines"]-res.Metrics["reviewable_added"]-res.Metrics["reviewable_deleted"])
			if tc.zero {
				assert.Empty(t, res.Advice, tc.reason)
			}
			assert.Contains(t, res.Advice, tc.advice, tc.reason)
			for _, e := range res.Evidence {
				assert.NotContains(t, e.Message, "+0 −0", "%s: %s", e.Path, tc.reason)
			}
		})
	}
}

// TestRevert: a revert undoes one piece of work as it was merged; it is
// measured like any change (reading it is still work) but not advised to
// be split. Each case gives the title, body and commit messages; revert
// says whether it is one, in git's or GitHub's words.
func TestRevert(t *testing.T) {
	d := storeAnd(scorertest.Numbered("row", 1900), "cmd/tool/main.go", 40)
	commits := func(msgs ...string) []heuristics.Commit {
		var cs []heuristics.Commit
		for _, m := range msgs {
			cs = append(cs, heuristics.Commit{Message: m})
		}
		return cs
	}
	cases := []struct {
		name, title, body string
		commits           []heuristics.Commit
		revert            bool
	}{
		{name: "git-revert-title", title: `Revert "store: keep rows in a B-tree"`, revert: true},
		{name: "git-revert-message", title: "Undo the B-tree store", body: "This reverts commit 3f2a9c1d7e4b.\n\nIt broke the nightly import.", revert: true},
		{name: "git-revert-of-a-merge", title: "Back out the store rewrite", body: "This reverts commit 3f2a9c1d7e4b, reversing\nchanges made to 77c0e2a1b9d3.", revert: true},
		{name: "squash-merged-revert", title: `Revert "store: keep rows in a B-tree" (#31)`, revert: true},
		{name: "github-revert-button", title: "Back out #12", body: "Reverts acme/store#12", revert: true},
		{name: "reverting-commits", title: "store: back to the map", commits: commits(
			"Revert \"store: keep rows in a B-tree\"\n\nThis reverts commit 3f2a9c1d7e4b.",
			"Reapply \"store: index by key\"\n\nThis reverts commit 77c0e2a1b9d3."), revert: true},
		{name: "a-revert-and-new-work", title: `Revert "store: keep rows in a B-tree"`, commits: commits(
			"Revert \"store: keep rows in a B-tree\"\n\nThis reverts commit 3f2a9c1d7e4b.",
			"store: add a cache"), revert: false},
		{name: "revert-in-prose", title: "Revert the store to a map and add a cache", body: "This partly reverts commit 3f2a9c1d7e4b.", revert: false},
	}
	s := newSize(t)
	plain, err := s.Score(context.Background(), &heuristics.Contribution{Diff: scorertest.GitDiff(t, nil, d)})
	require.NoError(t, err)
	require.Contains(t, plain.Advice, "consider sending that part on its own")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Score(context.Background(), &heuristics.Contribution{
				Title: tc.title, Body: tc.body, Commits: tc.commits, Diff: scorertest.GitDiff(t, nil, d),
			})
			require.NoError(t, err)
			assert.Equal(t, plain.Score, res.Score, "a revert is still as much to read")
			if tc.revert {
				assert.Empty(t, res.Advice, "a revert is not to be split")
				assert.Contains(t, res.Summary, "; a revert, so no split is advised.")
			} else {
				assert.Equal(t, plain.Advice, res.Advice)
				assert.Equal(t, plain.Summary, res.Summary)
			}
		})
	}
}

// TestMessagesCountTheirUnits: "1 lockfile lines", "1 generated, vendored
// or lockfile lines" and "review gets harder past 200." (200 what?) were
// printed before; each count agrees with its noun and each limit says
// its unit.
func TestMessagesCountTheirUnits(t *testing.T) {
	res, err := newSize(t).Score(context.Background(), &heuristics.Contribution{Diff: scorertest.GitDiff(t, nil, map[string]*string{
		"store/store.go": scorertest.Text("package store\n" + scorertest.Numbered("v", 599)),
		"go.sum":         scorertest.Text("m v1.0.0 h1:x\n"),
	})})
	require.NoError(t, err)
	assert.Equal(t, "size/XL: 600 reviewable changed lines (+600 −0) in 1 file; 1 generated, vendored or lockfile line not counted.", res.Summary)
	msgs := map[string]string{}
	for _, e := range res.Evidence {
		msgs[e.Rule] = e.Message
	}
	assert.Equal(t, "600 reviewable lines changed; review gets harder past 200 lines.", msgs["size-lines"])
	assert.Equal(t, "1 lockfile line not counted (go.sum).", msgs["size-not-reviewable"])

	res, err = newSize(t).Score(context.Background(), &heuristics.Contribution{Diff: scorertest.GitDiff(t, nil, manyFiles(40, 2))})
	require.NoError(t, err)
	found := false
	for _, e := range res.Evidence {
		if e.Rule == "size-files" {
			found = true
			assert.Equal(t, "40 reviewable files touched; review gets harder past 20 files.", e.Message)
		}
	}
	assert.True(t, found, "40 files is over the comfortable 20")
}
