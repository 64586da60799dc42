package tokenizer

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMixedTextAsRegexp2: text that is mostly ASCII with non-ASCII
// characters here and there (dashes, emoji, accents, CJK, marks, invalid
// UTF-8) counts the same when its ASCII stretches are split by hand as
// when regexp2 splits it all.
func TestMixedTextAsRegexp2(t *testing.T) {
	e, err := Get(O200kBase)
	if err != nil {
		t.Fatal(err)
	}
	ascii := []string{"the", " review", " burden", "HTTPServer", "don't", " 1234567", "\n\n", "  ", "!=", "`go test`", "\t", "x", "'s", " -", "\r\n"}
	other := []string{"—", "✅", "🤖", "naïve", "日本語", "e\u0301", "\u00a0", "\xff", "’", "Ω", "👩\u200d💻"}
	r := rand.New(rand.NewPCG(21, 22))
	for range 4000 {
		var b strings.Builder
		for range 1 + r.IntN(40) {
			if r.IntN(6) == 0 {
				b.WriteString(other[r.IntN(len(other))])
			} else {
				b.WriteString(ascii[r.IntN(len(ascii))])
			}
		}
		text := b.String()
		if got, want := e.ordinary(text), e.regexp(text); got != want {
			t.Fatalf("%q: %d tokens, regexp2 alone %d", text, got, want)
		}
	}
}

// ordinary is countOrdinary with a cache of e's, as Count takes one.
func (e *Encoder) ordinary(text string) int {
	c := e.pieces.get()
	defer e.pieces.put(c)
	return e.countOrdinary(c, text)
}

// regexp is countRegexp with a cache of e's.
func (e *Encoder) regexp(text string) int {
	c := e.pieces.get()
	defer e.pieces.put(c)
	return e.countRegexp(c, text)
}
