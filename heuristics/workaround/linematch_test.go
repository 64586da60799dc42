package workaround

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/heft-dev/heft/internal/lazyre"
)

// TestLineRegexpAsWhole checks that matching line by line, with the
// literal tests, finds what the patterns find on the whole text: made-up
// messages built from fragments of every alternative (and near misses),
// in random case, joined by spaces and line breaks.
func TestLineRegexpAsWhole(t *testing.T) {
	frags := []string{
		"work around", "workarounds", "worked-around", "hacky", "kludge", "monkey patch", "bug in", "is buggy",
		"broken since", "broke", "until", "it is fixed", "is released", "remove this when", "doesn't support", "doesnt support",
		"regression", "temporary fix", "fails to build on", "due to a bug", "in order to avoid", "has a bug", "doesnt build",
		"dont parse", "wont start", "cant load", "cannot compile", "to avoid a crash", "instead of the workaround",
		"hacks are no longer", "drop our old hack", "removed the workaround", "Kelvin \u212Aludge", "naïve", "the", "fix",
		"parser", "we", "support", "not", "do", "avoid", "\n", "\n", "\r\n", "  ",
	}
	r := rand.New(rand.NewPCG(3, 9))
	for range 5000 {
		var b strings.Builder
		for range 1 + r.IntN(10) {
			f := frags[r.IntN(len(frags))]
			if r.IntN(3) == 0 {
				f = strings.ToUpper(f)
			}
			b.WriteString(f)
			b.WriteByte(" \n"[r.IntN(2)])
		}
		text := b.String()
		for _, l := range []lazyre.Lines{ctxWordsRE, ctxReplacedRE} {
			if got, want := l.MatchString(text), l.Re.MatchString(text); got != want {
				t.Fatalf("%q: line by line %v, whole text %v (%s)", text, got, want, l.Re)
			}
		}
	}
}
