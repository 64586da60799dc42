// Package scorertest holds the helpers the scorers' tests share: real
// diffs made with git, and small predicates on scores.
package scorertest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
)

// GitDiff makes a real diff with git: it commits base in a fresh
// repository, applies change (a nil content deletes the file), and
// returns git diff HEAD parsed.
func GitDiff(t testing.TB, base, change map[string]*string) *diffstat.Diff {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) []byte {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "LC_ALL=C")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %s: %s", strings.Join(args, " "), out)
		return out
	}
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
	git("config", "user.name", "Test")
	git("config", "user.email", "test@example.com")
	apply(base)
	git("add", "-A")
	git("commit", "-q", "--allow-empty", "-m", "base")
	apply(change)
	git("add", "-A")
	out := git("diff", "--cached", "-M")
	d, err := diffstat.Parse(bytes.NewReader(out), nil)
	require.NoError(t, err)
	return d
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
