package placeholder

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestTextShortcut: Text's test first, which answers most paragraphs
// without copying them, answers as the full reading does, on made-up
// lines of markers, placeholder words and prose in any case.
func TestTextShortcut(t *testing.T) {
	frags := []string{"TODO", "todo:", "tbd", "WIP", "- ", "* ", "# ", "> ", "[ ] ", "[x] ", "[X] ", "**", "`", "~", ":", "(", ")", "\"", "'",
		"add", "a", "description", "here", "Fixes", "#", "#12", "Lorem", "ipsum", "dolor", "sit", "amet", "the", "cache", "is", "faster",
		" ", "  ", "\n", "\t", "\u00a0", "é", "İ", "\u212A", "-", "...", "…", "x", "X", "{", "}", "<", ">", "+"}
	r := rand.New(rand.NewPCG(2, 7))
	for range 50000 {
		var b strings.Builder
		for range 1 + r.IntN(14) {
			b.WriteString(frags[r.IntN(len(frags))])
			if r.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		s := b.String()
		if got, want := Text(s), text(s); got != want {
			t.Fatalf("Text(%q) = %v, the full reading %v", s, got, want)
		}
	}
}
