package tokenizer

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// regexpPieces splits ASCII text with tiktoken's pattern on regexp2, the
// oracle for the hand-written scanner.
func regexpPieces(t testing.TB, e *Encoder, text string) []string {
	var out []string
	m, err := e.split.FindStringMatch(text)
	for ; m != nil && err == nil; m, err = e.split.FindNextMatch(m) {
		out = append(out, text[m.Index:m.Index+m.Length])
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func asciiPieces(text string) []string {
	var out []string
	for i := 0; i < len(text); {
		j := o200kASCIIPiece(text, i)
		out = append(out, text[i:j])
		i = j
	}
	return out
}

// TestO200kASCIIAsRegexp compares the hand-written pre-tokenizer with
// regexp2 running tiktoken's pattern, piece by piece, on text drawn from
// the bytes each alternative of the pattern turns on: both cases of
// letters, digits, every kind of white space, apostrophes for the
// contractions, '/' after punctuation, control bytes.
func TestO200kASCIIAsRegexp(t *testing.T) {
	e, err := Get(O200kBase)
	if err != nil {
		t.Fatal(err)
	}
	fixed := []string{
		"", "a", "A", "1", " ", "\n", "HTTPServer", "DON'T", "don't", "I'M", "we'LL", "they've", "x'y", "'s", "'", "''s",
		"a  b", "a \n b", "  \n\n  x", "\r\n\r\n", " !x", " !!\n/\r", "\t!", "\tfoo", " 1234567", "a1b2", "-->\n/ x",
		"foo.bar/baz", "  ", "x  ", "\x00\x1f\x7f", "\v\f x", "ABC", "ABCdef'S", "$HOME", " $HOME", "1.5e-3", "a's's",
	}
	alphabet := []byte("aZbY09 \t\n\r\v\f'/!.,-_$(\x00\x7fsStTrReEvVlLmMdD")
	r := rand.New(rand.NewPCG(7, 8))
	texts := fixed
	for range 20000 {
		b := make([]byte, 1+r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		if got, want := asciiPieces(text), regexpPieces(t, e, text); !slices.Equal(got, want) {
			t.Fatalf("%q: pieces %q, regexp2 %q", text, got, want)
		}
	}
}

// FuzzO200kASCII checks the hand-written pre-tokenizer against regexp2
// on any ASCII text.
func FuzzO200kASCII(f *testing.F) {
	for _, tc := range referenceCases {
		if isASCII(tc.text) {
			f.Add(tc.text)
		}
	}
	f.Add("HTTPServer DON'T  \n\n\tx !!\n/ 12345 a's\v\f")
	e, err := Get(O200kBase)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !isASCII(text) || len(text) > 4096 {
			return
		}
		if got, want := asciiPieces(text), regexpPieces(t, e, text); !slices.Equal(got, want) {
			t.Fatalf("%q: pieces %q, regexp2 %q", text, got, want)
		}
	})
}
