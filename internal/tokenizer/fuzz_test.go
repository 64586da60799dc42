package tokenizer

import (
	"testing"
)

// FuzzSplitPoints checks the claim chunking rests on: encoding text cut
// at split points gives exactly the tokens of encoding it whole. It cuts
// at every split point chunkEnd finds with a tiny chunk size, and skips
// inputs where a cut had to be forced.
func FuzzSplitPoints(f *testing.F) {
	for _, tc := range referenceCases {
		f.Add(tc.text)
	}
	f.Add("a.\n/b c\u00a0 d\n\n\te 's 'S x's\u0301, 12345 \r\n")
	o, err := Get(O200kBase)
	if err != nil {
		f.Fatal(err)
	}
	c, err := Get(CL100kBase)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		var cuts []int
		for off := 0; off < len(text); {
			n := chunkEnd(text[off:], 8, 1<<20)
			if off+n < len(text) && !splitPoint(text, off+n) {
				return // forced
			}
			off += n
			cuts = append(cuts, off)
		}
		for _, e := range []*Encoder{o, c} {
			whole := e.ordinary(text)
			sum, prev := 0, 0
			for _, cut := range cuts {
				sum += e.ordinary(text[prev:cut])
				prev = cut
			}
			if sum != whole {
				t.Fatalf("%s: %q cut at %v: %d tokens, whole %d", e.enc, text, cuts, sum, whole)
			}
		}
	})
}
