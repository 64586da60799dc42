package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEvalRestoresGCPercent: heft eval lowers the garbage collection
// target for its run and puts the caller's back when it returns, on
// success and on a source it cannot open.
func TestEvalRestoresGCPercent(t *testing.T) {
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(137)
	defer debug.SetGCPercent(before)

	in := filepath.Join(t.TempDir(), "prs.jsonl")
	require.NoError(t, os.WriteFile(in, []byte(
		`{"id":"acme/widget#1","repo":"acme/widget","title":"Add main","body":"Adds main.","merged":true}`+"\n"+
			`{"id":"acme/widget#2","repo":"acme/widget","title":"Add more","body":"Adds more.","merged":false}`+"\n"), 0o644))
	code, _, errOut := runCmd(t, "", "eval", "--jsonl", in, "--bootstrap", "0", "--workers", "1")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, 137, debug.SetGCPercent(137), "after a run")

	code, _, _ = runCmd(t, "", "eval", "--jsonl", filepath.Join(t.TempDir(), "missing.jsonl"))
	assert.NotEqual(t, 0, code)
	assert.Equal(t, 137, debug.SetGCPercent(137), "after a failed open")
}
