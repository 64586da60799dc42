package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const claudeCommitMsg = "Fix pagination when the last page is empty\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"

func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(&env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestDisclosureCommand(t *testing.T) {
	dir := t.TempDir()
	body := filepath.Join(dir, "body.md")
	require.NoError(t, os.WriteFile(body, []byte("## Summary\n- fix\n\n------\nhttps://chatgpt.com/codex/tasks/task_e_68555b95d8848328bbd9ce70c4d39f3f\n"), 0o644))

	t.Run("file-json", func(t *testing.T) {
		code, out, _ := runCmd(t, "", "disclosure", "--json", body)
		require.Equal(t, exitOK, code)
		var got struct {
			Stance string `json:"stance"`
			Tools  []struct {
				Name string `json:"name"`
			} `json:"tools"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		assert.Equal(t, "generated", got.Stance)
		require.Len(t, got.Tools, 1)
		assert.Equal(t, "codex", got.Tools[0].Name)
	})
	t.Run("stdin-commit", func(t *testing.T) {
		code, out, _ := runCmd(t, claudeCommitMsg, "disclosure", "--commit", "-")
		require.Equal(t, exitOK, code)
		assert.Contains(t, out, "stance: generated\n")
		assert.Contains(t, out, "tool: claude-code (anthropic)\n")
		assert.Contains(t, out, "trailer: line 5: Co-Authored-By: Claude <noreply@anthropic.com>\n")
	})
	t.Run("stdin-none-json", func(t *testing.T) {
		code, out, _ := runCmd(t, "Fix a typo in the README.\n", "disclosure", "--json")
		require.Equal(t, exitOK, code)
		assert.Contains(t, out, `"stance": "none"`)
		assert.Contains(t, out, `"tools": []`, "tools is always a list")
	})
	t.Run("author", func(t *testing.T) {
		code, out, _ := runCmd(t, "Fix lint errors", "disclosure", "--author", "copilot-swe-agent[bot]")
		require.Equal(t, exitOK, code)
		assert.Contains(t, out, "evidence: author: agent-author")
	})
	t.Run("bad-flag", func(t *testing.T) {
		code, _, errOut := runCmd(t, "", "disclosure", "--nope")
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, errOut, "nope")
	})
	t.Run("missing-file", func(t *testing.T) {
		code, _, errOut := runCmd(t, "", "disclosure", filepath.Join(dir, "absent.md"))
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, errOut, "heft disclosure:")
	})
	t.Run("two-inputs", func(t *testing.T) {
		code, _, _ := runCmd(t, "", "disclosure", body, body)
		assert.Equal(t, exitUsage, code)
	})
}
