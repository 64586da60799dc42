package tokenizer

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHeapMergeMatchesScan compares heapMergeCount with scanMergeCount,
// tiktoken's merge loop, on pieces of the shapes that reach it (runs of
// emoji joined by ZWJ, invalid bytes, CJK, letters, marks, punctuation)
// and on random mixes, in both vocabularies, each piece in the scratch
// the one before left.
func TestHeapMergeMatchesScan(t *testing.T) {
	units := []string{"👩\u200d💻", "\xff", "漢", "a", "e\u0301", "-", "🤖", "ab", " the", "'s", "é", "\u200d", "\xe2\x82", "語", "1"}
	for _, enc := range []Encoding{O200kBase, CL100kBase} {
		e, err := Get(enc)
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(7, 8))
		var pieces []string
		for _, u := range units {
			pieces = append(pieces, strings.Repeat(u, 400/len(u)+1)[:400], strings.Repeat(u, 40/len(u)+1))
		}
		for range 300 {
			var b strings.Builder
			for b.Len() < 2+r.IntN(400) {
				b.WriteString(units[r.IntN(len(units))])
			}
			pieces = append(pieces, b.String())
		}
		s := new(mergeScratch) // one scratch for every piece, as a run of them uses it
		for _, p := range pieces {
			if got, want := s.heapMergeCount([]byte(p), e.ranks), scanMergeCount([]byte(p), e.ranks); got != want {
				t.Fatalf("%s: heapMergeCount(%q) = %d, scanMergeCount = %d", enc, p, got, want)
			}
		}
	}
}
