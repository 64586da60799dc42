package tokenizer

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkLoad measures building an encoder from the embedded
// vocabulary, the cost Get pays once per process.
func BenchmarkLoad(b *testing.B) {
	for _, enc := range []Encoding{O200kBase, CL100kBase} {
		b.Run(string(enc), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := load(enc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
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
