package heuristics_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/diffstat"
)

// gitDiff makes a real diff with git: it commits base in a fresh
// repository, applies change (a nil content deletes the file), and
// returns git diff HEAD parsed. Tests in this package share it.
func gitDiff(t *testing.T, base, change map[string]*string) *diffstat.Diff {
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

// text returns a pointer to s, for gitDiff's maps.
func text(s string) *string { return &s }

// numbered returns n distinct lines that look like code.
func numbered(prefix string, n int) string {
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
