package size_test

import (
	"context"
	"fmt"
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
