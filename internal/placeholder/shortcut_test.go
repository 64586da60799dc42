package placeholder

import (
	"math/rand/v2"
	"testing"

	"github.com/heft-dev/heft/internal/scorertest"
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
		s := scorertest.Pieces(r, frags, 14, 2.0/3)
		if got, want := Text(s), text(s); got != want {
			t.Fatalf("Text(%q) = %v, the full reading %v", s, got, want)
		}
	}
}

// TestCheckboxShortcut: the byte test in front of Checkbox's expression
// says no only where the expression cannot match.
func TestCheckboxShortcut(t *testing.T) {
	frags := []string{"-", "*", "+", "1.", "12)", " ", "\t", ">", "[", "]", "[ ]", "[x]", "[X]", "[-]", "a", "Tests", "[[ ]]", "x", "\u00a0"}
	r := rand.New(rand.NewPCG(5, 7))
	for range 20000 {
		s := scorertest.Pieces(r, frags, 8, 0)
		m := checkboxRE.FindStringSubmatch(s)
		checked, label, ok := Checkbox(s)
		if ok != (m != nil) || ok && (checked != (m[1] != " ") || label != m[2]) {
			t.Fatalf("Checkbox(%q) = %v, %q, %v; the expression says %q", s, checked, label, ok, m)
		}
	}
}
