package disclosure

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfusablesFolded(t *testing.T) {
	tests := []struct {
		name, reason, in string
		commit           bool
		tool             string
		tampered         bool
	}{
		{name: "cyrillic-footer", reason: "a Cyrillic С in Claude hides the footer from a plain match",
			in: "Fix the pager\n\nNo AI was used.\n\n🤖 Generated with [Сlaude Code](https://claude.com/claude-code)\n", commit: true,
			tool: "claude-code", tampered: true},
		{name: "greek-link-text", reason: "a Greek ο in Copilot's tips line",
			in:   "Adds a timestamp.\n\n💡 You can make Cοpilot smarter by setting up custom instructions.\n",
			tool: "copilot", tampered: true},
		{name: "zero-width-sentence", reason: "a zero-width space inside ChatGPT in a sentence",
			in:   "I used Chat\u200bGPT to draft the tests.\n",
			tool: "chatgpt", tampered: true},
		{name: "fullwidth", reason: "fullwidth letters in the footer",
			in:   "Generated with Ｃｌａｕｄｅ Ｃｏｄｅ\n",
			tool: "claude-code", tampered: true},
		{name: "russian-prose", reason: "Russian prose is not folded into English: no finding, no tampering",
			in: "Исправлена ошибка в парсере, теперь всё работает.\n"},
		{name: "rtl-mark-in-name", reason: "an invisible mark after a human's name hides nothing",
			in: "Fix\n\nCo-authored-by: Jane Doe\u200e <jane@example.com>\n", commit: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DefaultParser().ParseSource(Source{Text: tt.in, Commit: tt.commit})
			checkSpans(t, tt.in, d)
			if tt.tool != "" {
				_, ok := d.Tool(tt.tool)
				assert.True(t, ok, "%s: tools %v", tt.reason, d.Tools)
			} else {
				assert.Empty(t, d.Tools, tt.reason)
			}
			assert.Equal(t, tt.tampered, len(d.Tampered()) > 0, "%s: %+v", tt.reason, d.Evidence)
		})
	}
}

func TestConfusablesContradiction(t *testing.T) {
	// The evasion of issue 17: "no AI used" next to a footer with a
	// homoglyph must read as the ASCII footer does.
	in := "Fix the pager\n\nNo AI was used.\n\n🤖 Generated with [Сlaude Code](https://claude.com/claude-code)\n"
	d := ParseCommit(in)
	require.True(t, d.Contradicts())
	require.Equal(t, StanceGenerated, d.Stance)
}

func TestFoldTextOffsets(t *testing.T) {
	in := "a\u200bСlaude é 🤖 Ｘ\n"
	f, ok := foldText(in)
	require.True(t, ok)
	require.Equal(t, "aClaude é 🤖 X\n", f.text)
	for lo := 0; lo <= len(f.text); lo++ {
		for hi := lo; hi <= len(f.text); hi++ {
			a, b := f.orig(lo, hi)
			require.True(t, 0 <= a && a <= b && b <= len(in), "%d-%d -> %d-%d", lo, hi, a, b)
		}
	}
	a, b := f.orig(1, 7)
	require.Equal(t, "Сlaude", in[a:b])
}

// TestFoldChanges: foldText's test first says "changed" exactly when
// building the folded copy changes something, on made-up lines mixing
// ASCII, look-alikes, invisible and fullwidth characters and prose in
// other scripts.
func TestFoldChanges(t *testing.T) {
	frags := []string{"a", "Claude", " ", "\n", "é", "🤖", "Ｘ", "\u200b", "\ufe0f", "С", "о", "Привет", "мир", "α", "β", "Ωmega", "1", "-", "—", "\xff", "ſ"}
	r := rand.New(rand.NewPCG(4, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(frags[r.IntN(len(frags))])
		}
		s := b.String()
		_, want := foldBuild(s)
		require.Equal(t, want, foldChanges(s), "%q", s)
	}
}
