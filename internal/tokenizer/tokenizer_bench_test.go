package tokenizer

import (
	"io"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/pkoukk/tiktoken-go-loader/assets"

	"github.com/heft-dev/heft/internal/lineartest"
)

// BenchmarkLoad measures building an encoder from the embedded
// vocabulary, the cost Get pays once per process, as Get builds it (in
// parts on as many cores as GOMAXPROCS allows, up to four) and in one
// part. In a fresh process it costs more than here: there every page
// the table takes is touched for the first time.
func BenchmarkLoad(b *testing.B) {
	for _, enc := range []Encoding{O200kBase, CL100kBase} {
		b.Run(string(enc), func(b *testing.B) {
			b.SetBytes(rankFileSize(b, enc))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := load(enc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("o200k_base-one-part", func(b *testing.B) {
		f, err := assets.Assets.Open(string(O200kBase) + ".tiktoken")
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		size := rankFileSize(b, O200kBase)
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := parseRanksParts(f.(io.ReaderAt), size, 199998, 1); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// rankFileSize returns the size of enc's embedded rank file.
func rankFileSize(b *testing.B, enc Encoding) int64 {
	info, err := fs.Stat(assets.Assets, string(enc)+".tiktoken")
	if err != nil {
		b.Fatal(err)
	}
	return info.Size()
}

func benchCount(b *testing.B, text string) {
	for _, enc := range []Encoding{O200kBase, CL100kBase} {
		b.Run(string(enc), func(b *testing.B) {
			e, err := Get(enc)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			n := 0
			for b.Loop() {
				n = e.Count(text)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}

// BenchmarkCountTypical counts a typical 300-word pull request
// description.
func BenchmarkCountTypical(b *testing.B) {
	text, err := os.ReadFile("testdata/typical.md")
	if err != nil {
		b.Fatal(err)
	}
	benchCount(b, string(text))
}

// BenchmarkCountLong counts a 1 MiB English description.
func BenchmarkCountLong(b *testing.B) {
	text, err := os.ReadFile("testdata/typical.md")
	if err != nil {
		b.Fatal(err)
	}
	benchCount(b, strings.Repeat(string(text)+"\n", (1<<20)/(len(text)+1)))
}

// BenchmarkCountAdversarial counts 1 MiB of one letter, the input that
// is quadratic without chunking.
func BenchmarkCountAdversarial(b *testing.B) {
	benchCount(b, strings.Repeat("a", 1<<20))
}

// tokenCases are the texts that cost tiktoken most per byte: long runs
// with no point where its pre-tokenizer splits (one letter, digits,
// spaces, punctuation, CJK, combining marks), and alternations that make
// many tiny pieces.
var tokenCases = []lineartest.Case{
	lineartest.Repeat("letter-run", "a", ""),
	lineartest.Repeat("mixed-case-run", "aB", ""),
	lineartest.Repeat("digit-run", "7", ""),
	lineartest.Repeat("space-run", " ", "a"),
	lineartest.Repeat("newline-run", "\n", "a"),
	lineartest.Repeat("dash-run", "-", ""),
	lineartest.Repeat("punct-mix", "!?.,;:", ""),
	lineartest.Repeat("cjk-run", "漢", ""),
	lineartest.Repeat("combining-marks", "e\u0301", ""),
	lineartest.Repeat("emoji-zwj", "👩\u200d💻", ""),
	lineartest.Repeat("tiny-pieces", "a ", ""),
	lineartest.Repeat("apostrophes", "'s", ""),
	lineartest.Repeat("invalid-utf8", "\xff", ""),
}

// BenchmarkWorstCase counts each worst-case text at 16, 64 and 256 KiB
// (the verbosity scorer's limit) with o200k_base: see lineartest.
func BenchmarkWorstCase(b *testing.B) {
	e, err := Get(O200kBase)
	if err != nil {
		b.Fatal(err)
	}
	lineartest.Run(b, 16<<10, tokenCases, func(in string) error {
		e.Count(in)
		return nil
	})
}
