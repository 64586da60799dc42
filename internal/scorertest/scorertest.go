// Package scorertest holds the helpers the scorers' tests share: real
// diffs made with git, small predicates on scores, and the rules a
// result's evidence cites.
package scorertest

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
)

// gitDiffs memoizes GitDiff's git output by its inputs: the scorers'
// tests ask for the same cases again and again (one table, several
// tests), and each diff costs five git processes.
var gitDiffs sync.Map // gitDiffKey(base, change) -> []byte

// gitDiffKey encodes base and change unambiguously, names sorted.
func gitDiffKey(base, change map[string]*string) string {
	var b strings.Builder
	for _, files := range []map[string]*string{base, change} {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			fmt.Fprintf(&b, "%d:%s", len(name), name)
			if c := files[name]; c == nil {
				b.WriteString("-;")
			} else {
				fmt.Fprintf(&b, "%d:%s;", len(*c), *c)
			}
		}
		b.WriteString("|")
	}
	return b.String()
}

// GitDiff makes a real diff with git: it commits base in a fresh
// repository, applies change (a nil content deletes the file), and
// returns git diff HEAD parsed. The same base and change are run
// through git once per test binary; every call parses a fresh Diff.
func GitDiff(t testing.TB, base, change map[string]*string) *diffstat.Diff {
	t.Helper()
	key := gitDiffKey(base, change)
	out, ok := gitDiffs.Load(key)
	if !ok {
		out, _ = gitDiffs.LoadOrStore(key, gitDiff(t, base, change))
	}
	d, err := diffstat.Parse(bytes.NewReader(out.([]byte)), nil)
	require.NoError(t, err)
	return d
}

// gitDiff runs git for GitDiff and returns git diff --cached -M.
func gitDiff(t testing.TB, base, change map[string]*string) []byte {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) []byte { return Git(t, dir, args...) }
	apply := func(files map[string]*string) {
		for name, content := range files {
			p := filepath.Join(dir, name)
			if content == nil {
				require.NoError(t, os.Remove(p))
				continue
			}
			require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
			require.NoError(t, os.WriteFile(p, []byte(*content), 0o644))
		}
	}
	git("init", "-q", "-b", "main")
	apply(base)
	git("add", "-A")
	git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "--allow-empty", "-m", "base")
	apply(change)
	git("add", "-A")
	return git("diff", "--cached", "-M")
}

// Git runs git with args in dir, isolated from the user's and the
// system's configuration (HOME is dir), and returns its combined output;
// it fails t if git fails. Tests that need what GitDiff cannot make (a
// symbolic link, a mode change) build their repository with it.
func Git(t testing.TB, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "LC_ALL=C")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %s: %s", strings.Join(args, " "), out)
	return out
}

// Text returns a pointer to s, for GitDiff's maps.
func Text(s string) *string { return &s }

// Numbered returns n distinct lines that look like code.
func Numbered(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(prefix)
		b.WriteString("_")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(" := compute(")
		b.WriteString(strings.Repeat("y", i%5))
		b.WriteString(")\n")
		_ = i
	}
	return b.String()
}

// Rules returns the rule of each of res's evidence, in order, for
// comparing with the rules a test case expects.
func Rules(res heuristics.Result) []string {
	var rules []string
	for _, e := range res.Evidence {
		rules = append(rules, e.Rule)
	}
	return rules
}

// Zero reports whether s is 0, for tables of expected scores.
func Zero(s float64) bool { return s == 0 }

// High reports whether s is at least 0.8, for tables of expected scores.
func High(s float64) bool { return s >= 0.8 }

// TypicalPR is a parsed diff of a typical pull request: 6 files, about
// 200 changed lines, one of them a lockfile.
func TypicalPR(b testing.TB) (*diffstat.Diff, int) {
	var buf bytes.Buffer
	for i := range 6 {
		path := fmt.Sprintf("internal/svc/file%d.go", i)
		if i == 5 {
			path = "go.sum"
		}
		fmt.Fprintf(&buf, "diff --git a/%s b/%s\nindex 1111111..2222222 100644\n--- a/%s\n+++ b/%s\n@@ -10,20 +10,35 @@ func handler() {\n", path, path, path, path)
		for j := range 20 {
			fmt.Fprintf(&buf, "-\told := compute(%d)\n", j)
		}
		for j := range 35 {
			fmt.Fprintf(&buf, "+\tnew := computeBetter(%d, opts)\n", j)
		}
	}
	d, err := diffstat.Parse(bytes.NewReader(buf.Bytes()), nil)
	if err != nil {
		b.Fatal(err)
	}
	return d, buf.Len()
}

// Pieces returns a made-up text of 1 to most pieces picked at random,
// each followed by a space with probability space (0: never): the input
// of tests that hold a fast test in front of a regular expression to
// what the expression finds.
func Pieces(r *rand.Rand, pieces []string, most int, space float64) string {
	var b strings.Builder
	for range 1 + r.IntN(most) {
		b.WriteString(pieces[r.IntN(len(pieces))])
		if space > 0 && r.Float64() < space {
			b.WriteByte(' ')
		}
	}
	return b.String()
}
