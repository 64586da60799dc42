package tokenizer

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// regexp2Pieces returns the pieces o200k_base's regexp2 pre-tokenizer
// makes of text, the oracle for asciiPieces.
func regexp2Pieces(t testing.TB, text string) []string {
	e, err := Get(O200kBase)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	runes := []rune(text)
	m, _ := e.split.FindStringMatch(text)
	for m != nil {
		out = append(out, string(runes[m.Index:m.Index+m.Length]))
		m, _ = e.split.FindNextMatch(m)
	}
	return out
}

func checkASCIIPieces(t *testing.T, text string) {
	t.Helper()
	var got []string
	asciiPieces(text, func(p string) { got = append(got, p) })
	if want := regexp2Pieces(t, text); !slices.Equal(got, want) {
		t.Fatalf("asciiPieces(%q)\n got %q\nwant %q", text, got, want)
	}
}

// TestASCIIPiecesAsRegexp2 compares the hand-written ASCII pre-tokenizer
// with regexp2's on the shapes of each alternative and on random text
// over the bytes that matter to the pattern.
func TestASCIIPiecesAsRegexp2(t *testing.T) {
	for _, text := range []string{
		"", "a", "A", "7", " ", "\n", "hello world", "Hello World", "HELLO world", "HELLOworld", "helloWORLD",
		"it's they're we've I'm you'll he'd IT'S They'RE", "'s 's' ' s", "don't 'll 'l 're' 'v",
		"12345 1234567 a1b2", " !!! !?/\n\n// x", "a.\n/b", "x\r\n\r\ny", "a  b   c", "a \t\n b", "end   ",
		"\v\f mixed \v x", "*a_*a_", "|a|b|\n|a|b|\n", "<!-- a -->", "`code` and ```fences```",
		"  \n  \n  x", " \n", "\n ", "a\n\n\n", "- item\n- item\n", "CamelCaseWords and snake_case_words",
		"$HOME/bin:/usr/bin", "e.g. i.e. 1.2.3 v1.26.0", "\x00\x01\x1f\x7f", "'", "' ", "a'", "A'S",
	} {
		checkASCIIPieces(t, text)
	}
	const alphabet = "aAzZbB09 \t\n\r\v\f'.,/_*|-!sStTrReEvVmMlLdD\x00\x7f"
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		checkASCIIPieces(t, b.String())
	}
}

// FuzzASCIIPieces: on any ASCII text, the pieces are regexp2's.
func FuzzASCIIPieces(f *testing.F) {
	f.Add("it's 12345 HELLOworld !!/\n\n  x \v")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1024 || indexNonASCII(text) >= 0 {
			return
		}
		checkASCIIPieces(t, text)
	})
}

// TestPieceCache: counts through the piece cache are countPiece's, for
// pieces that come back, pieces that share a slot and replace each
// other, and pieces too long to be kept.
func TestPieceCache(t *testing.T) {
	e, err := Get(O200kBase)
	if err != nil {
		t.Fatal(err)
	}
	c := new(pieceCache)
	r := rand.New(rand.NewPCG(8, 8))
	words := []string{" the", " cache", "Cache", " parser", "xq", " zzqx", " antidisestablishmentarianism", "123", " ", "\n\n", "!!", " über"}
	for range 200000 {
		p := words[r.IntN(len(words))]
		if r.IntN(2) == 0 {
			var b strings.Builder
			for range 1 + r.IntN(18) {
				b.WriteByte("abcxyz .-_QZ"[r.IntN(12)])
			}
			p = b.String()
		}
		if got, want := e.countCached(c, p), e.countPiece(p); got != want {
			t.Fatalf("%q: %d through the cache, %d without", p, got, want)
		}
	}
}

// TestASCIISplitPoint: between two ASCII bytes, asciiSplitPoint answers
// as runeSplitPoint does, for every pair.
func TestASCIISplitPoint(t *testing.T) {
	for p := range byte(utf8.RuneSelf) {
		for c := range byte(utf8.RuneSelf) {
			if got, want := asciiSplitPoint(p, c), runeSplitPoint(string([]byte{p, c}), 1); got != want {
				t.Errorf("asciiSplitPoint(%q, %q) = %v, runeSplitPoint says %v", p, c, got, want)
			}
		}
	}
}
