package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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
	assert.Contains(t, stdout, "diffs rebuilt with git from the clones of 1 repository: 2 pull requests (2 commits)")
	assert.Empty(t, childGits(t), "eval stops the git processes it started before it returns")

	code, _, errOut = runCmd(t, "", "eval", "--git", repo, "--clones", root)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--clones goes with --aidev, --jsonl or --perfpatch, not --git")
}

// childGits lists the git processes whose parent is this test process,
// from /proc; on a system without it the test cannot tell and skips.
func childGits(t *testing.T) []string {
	t.Helper()
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil || len(stats) == 0 {
		t.Skip("no /proc to list child processes")
	}
	var gits []string
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue // the process ended
		}
		// pid (comm) state ppid ...; comm may hold spaces, so split after ')'.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		fields := strings.Fields(s[i+1:])
		if len(fields) > 1 && fields[1] == strconv.Itoa(os.Getpid()) && strings.Contains(s[:i], "(git") {
			gits = append(gits, f)
		}
	}
	return gits
}
