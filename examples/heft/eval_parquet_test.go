//go:build parquet

package main

import (
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEvalAIDevParquet runs heft eval --aidev on a folder of Parquet
// tables written with the AIDev column names: the diffs built from
// pr_commit_details reach the size scorer. (Parquet is binary, so this
// is a Go test rather than a txtar script.)
func TestEvalAIDevParquet(t *testing.T) {
	type pr struct {
		ID       int64   `parquet:"id"`
		Number   int64   `parquet:"number"`
		Title    string  `parquet:"title"`
		Body     string  `parquet:"body"`
		Agent    string  `parquet:"agent"`
		User     string  `parquet:"user"`
		State    string  `parquet:"state"`
		Created  string  `parquet:"created_at"`
		MergedAt *string `parquet:"merged_at,optional"`
		RepoURL  string  `parquet:"repo_url"`
	}
	type detail struct {
		SHA       string  `parquet:"sha"`
		PRID      int64   `parquet:"pr_id"`
		Filename  string  `parquet:"filename"`
		Status    string  `parquet:"status"`
		Additions int64   `parquet:"additions"`
		Deletions int64   `parquet:"deletions"`
		Changes   int64   `parquet:"changes"`
		Patch     *string `parquet:"patch,optional"`
	}
	merged := "2025-06-01T12:00:00Z"
	small := "@@ -1 +1 @@\n-a\n+b"
	added := "@@ -0,0 +1,3 @@\n+one\n+two\n+three"
	dir := t.TempDir()
	repo := "https://api.github.com/repos/acme/widgets"
	require.NoError(t, parquet.WriteFile(filepath.Join(dir, "pull_request.parquet"), []pr{
		{ID: 1, Number: 1, Title: "Fix a", Body: "b", Agent: "Copilot", User: "Copilot", State: "closed", Created: "2025-06-01T10:00:00Z", MergedAt: &merged, RepoURL: repo},
		{ID: 2, Number: 2, Title: "Add b", Body: "b", Agent: "Copilot", User: "Copilot", State: "closed", Created: "2025-06-01T10:00:00Z", RepoURL: repo},
		{ID: 3, Number: 3, Title: "Regenerate", Body: "b", Agent: "Devin", User: "devin-ai-integration[bot]", State: "closed", Created: "2025-06-01T10:00:00Z", RepoURL: repo},
	}))
	require.NoError(t, parquet.WriteFile(filepath.Join(dir, "pr_commit_details.parquet"), []detail{
		{SHA: "s1", PRID: 1, Filename: "a.go", Status: "modified", Additions: 1, Deletions: 1, Changes: 2, Patch: &small},
		{SHA: "s2", PRID: 2, Filename: "b.go", Status: "added", Additions: 3, Changes: 3, Patch: &added},
		{SHA: "s3", PRID: 3, Filename: "big.json", Status: "modified", Additions: 9000, Changes: 9000},
	}))

	code, out, errOut := runCmd(t, "", "eval", "--aidev", dir, "--bootstrap", "0", "--workers", "1")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "note: 1 of 3 pull requests have a partial diff")
	assert.Regexp(t, `(?m)^size +3 100\.0%`, out, "size applies to all three: the diffs reach it")
}
