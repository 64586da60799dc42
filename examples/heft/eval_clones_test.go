package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvalClones(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	repo := filepath.Join(root, "clones", "acme+widget")
	require.NoError(t, os.MkdirAll(repo, 0o755))
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+root, "GIT_AUTHOR_DATE=2025-03-01T10:00:00Z", "GIT_COMMITTER_DATE=2025-03-01T10:00:00Z")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		return strings.TrimSpace(string(out))
	}
	git("init", "-q", "-b", "main")
	git("config", "user.name", "Ana")
	git("config", "user.email", "ana@example.com")
	require.NoError(t, os.WriteFile(filepath.Join(repo, "main.go"), []byte("package main\n"), 0o644))
	git("add", "-A")
	git("commit", "-q", "-m", "Start")
	require.NoError(t, os.WriteFile(filepath.Join(repo, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644))
	git("commit", "-q", "-a", "-m", "Add main")
	one := git("rev-parse", "HEAD")
	require.NoError(t, os.WriteFile(filepath.Join(repo, "more.go"), []byte("package main\n\nfunc more() {}\n"), 0o644))
	git("add", "-A")
	git("commit", "-q", "-m", "Add more")
	two := git("rev-parse", "HEAD")

	in := filepath.Join(root, "prs.jsonl")
	require.NoError(t, os.WriteFile(in, []byte(`{"id":"acme/widget#1","repo":"acme/widget","title":"Add main","body":"Adds main.","merged":true,"commits":[{"sha":"`+one+`","message":"Add main"}]}`+"\n"+
		`{"id":"acme/widget#2","repo":"acme/widget","title":"Add more","body":"Adds more.","merged":false,"commits":[{"sha":"`+two+`","message":"Add more"}]}`+"\n"), 0o644))
	code, out, errOut := runCmd(t, "", "eval", "--jsonl", in, "--clones", filepath.Join(root, "clones"), "--bootstrap", "0", "--workers", "1")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "diffs rebuilt with git from the clones of 1 repositories: 2 pull requests (2 commits)")

	code, _, errOut = runCmd(t, "", "eval", "--git", repo, "--clones", root)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--clones goes with --aidev, --jsonl or --perfpatch, not --git")
}
