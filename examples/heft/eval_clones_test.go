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

// TestEvalClones runs heft eval --clones on two pull requests of a
// repository made by one shell script: a commit each on top of a start.
func TestEvalClones(t *testing.T) {
	for _, tool := range []string{"git", "sh"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " is not installed")
		}
	}
	root := t.TempDir()
	repo := filepath.Join(root, "clones", "acme+widget")
	script := `set -e
mkdir -p "$1" && cd "$1"
git init -q -b main && git config user.name Ana && git config user.email ana@example.com
printf 'package main\n' > main.go && git add -A && git commit -q -m Start
printf 'package main\n\nfunc main() {}\n' > main.go && git commit -q -a -m 'Add main'
git rev-parse HEAD
printf 'package main\n\nfunc more() {}\n' > more.go && git add -A && git commit -q -m 'Add more'
git rev-parse HEAD`
	cmd := exec.Command("sh", "-c", script, "sh", repo)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+root, "GIT_AUTHOR_DATE=2025-03-01T10:00:00Z", "GIT_COMMITTER_DATE=2025-03-01T10:00:00Z")
	out, err := cmd.Output()
	require.NoError(t, err)
	shas := strings.Fields(string(out))
	require.Len(t, shas, 2)

	in := filepath.Join(root, "prs.jsonl")
	require.NoError(t, os.WriteFile(in, []byte(
		`{"id":"acme/widget#1","repo":"acme/widget","title":"Add main","body":"Adds main.","merged":true,"commits":[{"sha":"`+shas[0]+`","message":"Add main"}]}`+"\n"+
			`{"id":"acme/widget#2","repo":"acme/widget","title":"Add more","body":"Adds more.","merged":false,"commits":[{"sha":"`+shas[1]+`","message":"Add more"}]}`+"\n"), 0o644))
	code, stdout, errOut := runCmd(t, "", "eval", "--jsonl", in, "--clones", filepath.Join(root, "clones"), "--bootstrap", "0", "--workers", "1")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "diffs rebuilt with git from the clones of 1 repositories: 2 pull requests (2 commits)")

	code, _, errOut = runCmd(t, "", "eval", "--git", repo, "--clones", root)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--clones goes with --aidev, --jsonl or --perfpatch, not --git")
}
