package tokenizer

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/pkoukk/tiktoken-go"
)

// reference builds tiktoken-go's own encoder for enc, which Count used
// before it counted by itself.
func reference(t testing.TB, enc Encoding) *tiktoken.Tiktoken {
	ranks, err := loadRanks(string(enc) + ".tiktoken")
	if err != nil {
		t.Fatal(err)
	}
	pat := o200kPattern
	if enc == CL100kBase {
		pat = cl100kPattern
	}
	m := ranks.toMap()
	bpe, err := tiktoken.NewCoreBPE(m, map[string]int{}, pat)
	if err != nil {
		t.Fatal(err)
	}
	return tiktoken.NewTiktoken(bpe, &tiktoken.Encoding{Name: string(enc), PatStr: pat, MergeableRanks: m}, nil)
}

// TestCountsAsTiktokenGo compares the counting with tiktoken-go's
// EncodeOrdinary on the reference cases and on random text made of
// words, code, numbers, punctuation, rare scripts, emoji and invalid
// UTF-8, where byte-pair merging does most of the work.
func TestCountsAsTiktokenGo(t *testing.T) {
	pieces := []string{
		"the", " review", " burden", "Tokenizer", "HTTPServer", "don't", "I'm", "we'll", "1234567", "3.14159",
		"func main() {", "\t}\n", "//", "->", "!=", "    ", "\n\n", "\r\n", "  \n", "日本語のテキスト", "Ωμέγα", "Привет",
		"🙂", "👩‍💻", "naïve", "façade", "\xff\xfe", "\xe2\x82", "zzqxjv", "aaaaaaaaaaaaaaa", "#!/bin/sh", "<|endoftext|>",
		"https://example.com/a/b?c=d", "snake_case_name", "camelCaseName", "ALLCAPS", "x", " ", "'s", "'S", "’",
	}
	r := rand.New(rand.NewPCG(5, 6))
	texts := make([]string, 0, 3000)
	for _, tc := range referenceCases {
		texts = append(texts, tc.text)
	}
	for range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, enc := range []Encoding{O200kBase, CL100kBase} {
		e, err := Get(enc)
		if err != nil {
			t.Fatal(err)
		}
		ref := reference(t, enc)
		for _, text := range texts {
			if got, want := e.ordinary(text), len(ref.EncodeOrdinary(text)); got != want {
				t.Errorf("%s: %q: %d tokens, tiktoken-go %d", enc, text, got, want)
			}
		}
	}
}

// toMap returns the table as a map, for tiktoken-go and for comparisons.
func (t *rankTable) toMap() map[string]int {
	m := make(map[string]int, t.n)
	for i := range t.n {
		m[string(t.token(i))] = t.rankOf(i)
	}
	return m
}

// FuzzCountAsTiktokenGo compares Count with tiktoken-go's EncodeOrdinary
// on any text up to 2 KiB, invalid UTF-8 included: the pieces regexp2
// finds are read from the text by a rune cursor, and a piece with an
// invalid byte is rebuilt with U+FFFD, as tiktoken-go's []rune reads it.
func FuzzCountAsTiktokenGo(f *testing.F) {
	for _, tc := range referenceCases {
		f.Add(tc.text)
	}
	f.Add("a\xffb \xe2\x82 漢\xff字 👩\u200d💻\xf0\x9f 'S \ufffd\xff")
	var encs []*Encoder
	var refs []*tiktoken.Tiktoken
	for _, enc := range []Encoding{O200kBase, CL100kBase} {
		e, err := Get(enc)
		if err != nil {
			f.Fatal(err)
		}
		encs, refs = append(encs, e), append(refs, reference(f, enc))
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 2048 {
			return
		}
		for i, e := range encs {
			if got, want := e.Count(text), len(refs[i].EncodeOrdinary(text)); got != want {
				t.Fatalf("%s: %q: %d tokens, tiktoken-go %d", e.enc, text, got, want)
			}
		}
	})
}
