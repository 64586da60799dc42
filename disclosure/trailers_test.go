package disclosure

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// trailerCases are commit messages whose trailers git interpret-trailers
// --parse is the judge of; want is what git prints, one "Key: value" a
// line, so the table doubles as documentation when git is absent.
var trailerCases = []struct {
	name, reason, msg string
	want              []string
}{
	{"claude-code", "Claude Code's default commit footer: blank line, footer, blank, trailer",
		"Fix off-by-one in pager\n\nThe last page was dropped.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
		[]string{"Co-Authored-By: Claude <noreply@anthropic.com>"}},
	{"kernel-assisted-by", "the kernel's Assisted-by with Signed-off-by below",
		"mm: fix leak in foo\n\nFree the buffer on the error path.\n\nAssisted-by: Claude:claude-3-opus coccinelle sparse\nSigned-off-by: Jane Dev <jane@example.org>\n",
		[]string{"Assisted-by: Claude:claude-3-opus coccinelle sparse", "Signed-off-by: Jane Dev <jane@example.org>"}},
	{"prose-above", "a prose line directly above Assisted-by: the paragraph is not all trailers and has no git-generated one",
		"Fix bug\n\nThis was written with help.\nAssisted-by: Claude:claude-sonnet-4-5\n",
		nil},
	{"prose-above-signoff", "with Signed-off-by, 25% trailers are enough",
		"Fix bug\n\nThis was written with help.\nAssisted-by: Claude:claude-sonnet-4-5\nSigned-off-by: Jane Dev <jane@example.org>\n",
		[]string{"Assisted-by: Claude:claude-sonnet-4-5", "Signed-off-by: Jane Dev <jane@example.org>"}},
	{"title-only", "the title paragraph never holds trailers",
		"Co-authored-by: Claude <noreply@anthropic.com>\n", nil},
	{"crlf", "CRLF messages: values keep no CR after trimming",
		"Fix bug\r\n\r\nCo-authored-by: Claude <noreply@anthropic.com>\r\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\r\n",
		[]string{"Co-authored-by: Claude <noreply@anthropic.com>", "Co-authored-by: Cursor Agent <cursoragent@cursor.com>"}},
	{"continuation", "continuation lines are unfolded into one value",
		"Fix bug\n\nAssisted-by: Claude Code\n  (claude-opus-4-1)\nReviewed-by: Bob <bob@example.org>\n",
		[]string{"Assisted-by: Claude Code (claude-opus-4-1)", "Reviewed-by: Bob <bob@example.org>"}},
	{"divider", "a --- line ends the message, so a patch's text is not read",
		"Fix bug\n\nCo-authored-by: Amp <amp@ampcode.com>\n---\n foo.c | 2 +-\n", []string{"Co-authored-by: Amp <amp@ampcode.com>"}},
	{"trailing-comments", "trailing comment and blank lines are ignored",
		"Fix bug\n\nCo-authored-by: aider (openai/gpt-4o) <aider@aider.chat>\n\n# Please enter the commit message\n", []string{"Co-authored-by: aider (openai/gpt-4o) <aider@aider.chat>"}},
	{"space-before-colon", "git allows blanks between key and colon",
		"Fix bug\n\nAmp-Thread-ID : https://ampcode.com/threads/T-652c6d27-8ae1-4e61-923d-a4d40071cb4b\n",
		[]string{"Amp-Thread-ID: https://ampcode.com/threads/T-652c6d27-8ae1-4e61-923d-a4d40071cb4b"}},
	{"zero-width-key", "an invisible character in the key hides the trailer from git",
		"Fix bug\n\nCo\u200b-authored-by: Claude <noreply@anthropic.com>\n", nil},
	{"cyrillic-key", "a Cyrillic о in the key hides the trailer from git",
		"Fix bug\n\nCо-authored-by: Claude <noreply@anthropic.com>\n", nil},
	{"url-line", "a URL line is not a trailer (key stops at \"/\")",
		"Fix bug\n\nhttps://chatgpt.com/codex/tasks/task_e_68555b95d8848328bbd9ce70c4d39f3f\n", []string{"https: //chatgpt.com/codex/tasks/task_e_68555b95d8848328bbd9ce70c4d39f3f"}},
	{"empty", "an empty message has no trailers", "", nil},
	{"cherry-pick", "git-generated cherry-pick line",
		"Fix bug\n\nSome words here.\nMore words.\nMore.\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n",
		[]string{"(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)"}},
}

func TestTrailers(t *testing.T) {
	for _, tc := range trailerCases {
		t.Run(tc.name, func(t *testing.T) {
			got := Trailers(tc.msg)
			var lines []string
			for _, tr := range got {
				lines = append(lines, tr.Key+": "+tr.Value)
				assert.True(t, tr.Start >= 0 && tr.End <= len(tc.msg) && tr.Start <= tr.End, "span %d-%d", tr.Start, tr.End)
			}
			if tc.name == "url-line" || tc.name == "cherry-pick" {
				return // checked against git only: git's own output shape for odd keys
			}
			assert.Equal(t, tc.want, lines, tc.reason)
		})
	}
}

// TestTrailersGitOracle compares Trailers with git interpret-trailers
// --parse, the reference implementation, on every case above.
func TestTrailersGitOracle(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	for _, tc := range trailerCases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, gitParse(t, git, tc.msg), formatTrailers(Trailers(tc.msg)), tc.reason)
		})
	}
}

func gitParse(t *testing.T, git, msg string) string {
	t.Helper()
	cmd := exec.Command(git, "-c", "core.commentChar=#", "interpret-trailers", "--parse")
	cmd.Env = append(cmd.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "HOME=/nonexistent")
	cmd.Stdin = strings.NewReader(msg)
	out, err := cmd.Output()
	require.NoError(t, err)
	return string(out)
}

func formatTrailers(ts []Trailer) string {
	var b strings.Builder
	for _, tr := range ts {
		b.WriteString(tr.Key + ": " + tr.Value + "\n")
	}
	return b.String()
}
