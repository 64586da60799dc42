package eval

import (
	"bytes"
	"cmp"
	"context"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/heft-dev/heft/heuristics"
)

// BenchmarkRun measures the pipeline and the accumulator around a cheap
// scorer: the cost heft eval adds per contribution (bootstrap weights,
// histograms, groups), not the scorers' own.
func BenchmarkRun(b *testing.B) {
	set, err := heuristics.NewSet(heuristics.Policy{}, titleScorer)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	items := make([]any, 1000)
	for i := range items {
		s := r.Float64()
		items[i] = &Record{Title: strconv.FormatFloat(s, 'f', 4, 64), Merged: new(r.Float64() < s), Agent: "agent" + strconv.Itoa(i%3), Repo: "repo" + strconv.Itoa(i%50)}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(context.Background(), set, &records{items: items}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(items))*float64(b.N)/b.Elapsed().Seconds(), "contributions/s")
}

// BenchmarkMetrics measures computing every figure of one scorer from its
// histograms, bootstrap intervals included.
func BenchmarkMetrics(b *testing.B) {
	opt := Options{}.withDefaults()
	acc := newAccumulator([]string{"s"}, opt)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range int64(10000) {
		s := r.Float64()
		acc.add(outcome{index: i, labelled: true, positive: r.Float64() < s, scores: []float64{s}, errs: []error{nil}, agent: "a", repo: "r"})
	}
	b.ReportAllocs()
	for b.Loop() {
		acc.metrics(0, "s")
	}
}

// BenchmarkJSONLines measures reading and decoding the JSON Lines
// fixture, or the file HEFT_EVAL_BENCH names.
func BenchmarkJSONLines(b *testing.B) {
	path := cmp.Or(os.Getenv("HEFT_EVAL_BENCH"), "testdata/contributions.jsonl")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		src := NewJSONLines(bytes.NewReader(data), "b", 0)
		for {
			if _, err := src.Next(); err == io.EOF {
				break
			}
		}
	}
}

// BenchmarkAIDev measures opening, indexing and joining the AIDev fixture.
func BenchmarkAIDev(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		a, err := OpenAIDev("testdata/aidev", nil)
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := a.Next(); err == io.EOF {
				break
			}
		}
		a.Close()
	}
}
