package tokenizer

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The expected counts below are tiktoken's own: the Rust implementation,
// through the tiktoken npm package 1.0.22 (encode_ordinary), run on the
// same strings. "hello world" (2) and "tiktoken is great!" (6) are also
// the counts OpenAI's cookbook publishes.
var referenceCases = []struct {
	name         string
	text         string
	o200k, cl100 int
}{
	{"empty", "", 0, 0},
	{"hello", "hello world", 2, 2},
	{"cookbook", "tiktoken is great!", 6, 6},
	{"chinese-mixed", "hello world!你好，世界！", 7, 10},
	{"pr-prose", "This PR fixes a race in the cache eviction path. When two goroutines evict the same key, the second one could free memory the first still held.\n\nFixes #1234.", 38, 38},
	{"markdown", "## Summary\n\n- Add `Parse(r io.Reader)` to `diffstat/parse.go`\n- Update [docs](https://example.com/docs/parse#options)\n\n```go\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n```\n", 49, 49},
	{"chinese", "修复了缓存淘汰路径中的竞态条件。当两个协程同时淘汰同一个键时，第二个协程可能会释放第一个协程仍在使用的内存。", 43, 57},
	{"japanese", "キャッシュの削除処理における競合状態を修正しました。二つのゴルーチンが同じキーを削除すると、メモリが二重に解放される可能性がありました。", 52, 69},
	{"accented", "Corrige une condition de course dans l'éviction du cache. Größenänderung für Übersetzungen; año, niño, façade, naïve, Ørsted.", 34, 41},
	{"emoji", "🚀 Ship it! ✅ Tests pass 🎉🎉🎉 👍🏽 👨‍👩‍👧‍👦 🇫🇷", 32, 47},
	{"endoftext", "before <|endoftext|> after <|endofprompt|><|fim_prefix|>", 21, 20},
	{"contractions", "It's what we'd do; they're sure you'll see it isn't. DON'T SHOUT'S", 16, 22},
	{"crlf", "line one\r\nline two\r\n\r\n  indented\r\n", 10, 10},
	{"zero-width", "hid\u200bden\u200c text\u200d and \u2066bidi\u2069 \ufeffmarks", 15, 16},
	{"numbers", "1234567 3.14159 v1.26.8 0xdeadbeef 2026-11-22T00:39:46Z", 34, 34},
	{"paths", "internal/tokenizer/tokenizer.go, heuristics/verbosity_test.go and ./examples/heft/tokens.go\n/usr/bin/env", 25, 26},
	{"nbsp", "a\u00a0b\u3000c  d\t\te", 9, 9},
}

func TestCountMatchesTiktoken(t *testing.T) {
	o, err := Get(O200kBase)
	require.NoError(t, err)
	c, err := Get(CL100kBase)
	require.NoError(t, err)
	for _, tc := range referenceCases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.o200k, o.Count(tc.text), "o200k_base")
			assert.Equal(t, tc.cl100, c.Count(tc.text), "cl100k_base")
		})
	}
}

// TestChunkingKeepsCounts repeats realistic text until it spans many
// chunks: every chunk boundary must fall where tiktoken splits anyway, so
// the count is the sum of the parts' counts exactly.
func TestChunkingKeepsCounts(t *testing.T) {
	for _, enc := range []Encoding{O200kBase, CL100kBase} {
		e, err := Get(enc)
		require.NoError(t, err)
		for _, tc := range referenceCases {
			if tc.text == "" {
				continue
			}
			// Joined by a blank line, a split point for every case
			// but those ending in punctuation: that takes the newlines.
			sep := "\n\nx"
			n := 1 + 10*MaxChunk/len(tc.text+sep)
			text := strings.Repeat(tc.text+sep, n)
			require.Greater(t, len(text), 4*MaxChunk)
			joined := e.ordinary(text)
			assert.Equal(t, joined, e.Count(text), "%s %s: chunked count differs from the whole text's", enc, tc.name)
		}
	}
}

// TestAdversarialRuns feeds 128 KiB of the inputs that make tiktoken
// quadratic when encoded whole: one long run of a letter, of spaces, of
// dashes, of newlines, of one Han character, and repeated special-token
// text. Chunking keeps them linear; the counts still match tiktoken's for
// the same input, which is twice its count for 64 KiB (computed with
// the reference implementation, which takes seconds for each 64 KiB run),
// within one token per 64 KiB (where the copies meet).
func TestAdversarialRuns(t *testing.T) {
	const n = 64 << 10
	cases := []struct {
		name         string
		unit         string
		o200k, cl100 int // tiktoken's counts for n bytes (whole units)
	}{
		{"letter", "a", 8192, 8192},
		{"spaces", " ", 512, 512},
		{"dashes", "-", 1024, 1024},
		{"newlines", "\n", 4096, 2048},
		{"han", "你", 21845, 21845},
		{"endoftext", "<|endoftext|>", 30247, 30247},
		{"digits", "7", 21846, 21846},
		{"words", "a ", 32769, 32769},
	}
	for _, enc := range []Encoding{O200kBase, CL100kBase} {
		e, err := Get(enc)
		require.NoError(t, err)
		for _, tc := range cases {
			t.Run(string(enc)+"/"+tc.name, func(t *testing.T) {
				block := strings.Repeat(tc.unit, n/len(tc.unit))
				want := tc.o200k
				if enc == CL100kBase {
					want = tc.cl100
				}
				got := e.Count(strings.Repeat(block, 2))
				assert.InDelta(t, 2*want, got, 2)
			})
		}
	}
}

func TestGetSharesOneEncoder(t *testing.T) {
	var wg sync.WaitGroup
	encs := make([]*Encoder, 8)
	for i := range encs {
		wg.Go(func() {
			e, err := Get(O200kBase)
			assert.NoError(t, err)
			encs[i] = e
		})
	}
	wg.Wait()
	for _, e := range encs {
		assert.Same(t, encs[0], e)
	}
	def, err := Get("")
	require.NoError(t, err)
	assert.Same(t, encs[0], def, "the empty name is the default, o200k_base")
	assert.Equal(t, O200kBase, def.Encoding())
}

func TestConcurrentCount(t *testing.T) {
	e, err := Get(CL100kBase)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 16 { // more than the kept piece caches: some spill
		wg.Go(func() {
			for _, tc := range referenceCases {
				assert.Equal(t, tc.cl100, e.Count(tc.text), tc.name)
			}
		})
	}
	wg.Wait()
}

// TestPieceCachesKept: caches taken by more goroutines than are kept
// are all distinct, and the kept ones come back after use.
func TestPieceCachesKept(t *testing.T) {
	var cs pieceCaches
	taken := map[*pieceCache]bool{}
	var order []*pieceCache
	for range len(cs.kept) + 4 {
		c := cs.get()
		require.False(t, taken[c], "a cache handed out twice")
		taken[c] = true
		order = append(order, c)
	}
	for _, c := range order {
		cs.put(c)
	}
	for i := range len(cs.kept) {
		assert.Same(t, order[i], cs.get(), "kept cache %d", i)
	}
}

func TestParseEncoding(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Encoding
		err  bool
	}{
		{"", O200kBase, false},
		{"o200k_base", O200kBase, false},
		{"cl100k_base", CL100kBase, false},
		{"p50k_base", "", true}, // embedded by the loader but not offered: nothing here needs it
		{"O200K_BASE", "", true},
	} {
		got, err := ParseEncoding(tc.in)
		if tc.err {
			assert.ErrorIs(t, err, ErrUnknownEncoding, tc.in)
			continue
		}
		assert.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	_, err := Get("gpt2")
	assert.True(t, errors.Is(err, ErrUnknownEncoding))
}

func TestInvalidUTF8CountsAsReplacement(t *testing.T) {
	e, err := Get(O200kBase)
	require.NoError(t, err)
	// Each invalid byte is read as U+FFFD, as Go's []rune conversion does.
	assert.Equal(t, e.Count("caf\uFFFD\uFFFD ok"), e.Count("caf\xff\xfe ok"))
}

func TestParseRanksErrors(t *testing.T) {
	_, err := parseRanksString(t, "IQ== 0\nnot-base64! 1\n")
	assert.ErrorContains(t, err, "line 2")
	_, err = parseRanksString(t, "IQ== x\n")
	assert.ErrorContains(t, err, "line 1")
	_, err = parseRanksString(t, "IQ==\n")
	assert.ErrorContains(t, err, "line 1: malformed")
	r, err := parseRanksString(t, "IQ== 0\nIg== 1\nIQ== 2\n")
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"!": 2, "\"": 1}, r.toMap(), "a repeated token keeps its last rank, as a map would")
	_, ok := r.lookupString("!\"")
	assert.False(t, ok)
}
