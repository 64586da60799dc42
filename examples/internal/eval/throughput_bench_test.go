package eval

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/standard"
)

// The throughput benchmarks run the whole of heft eval's pipeline (read,
// parse the diff, score with the default set, count) on made-up records
// shaped like the datasets it is measured on. Report contributions/s.

// benchBody is a description in the shape agents write: headings, a
// list, code spans, a link, a closing line.
func benchBody(r *rand.Rand, words int) string {
	vocab := strings.Fields("the parser cache table request handler config value error retry timeout update " +
		"test fixture module build release option default path file line change review read write " +
		"fixes adds removes refactors improves handles returns checks keeps makes uses")
	var b strings.Builder
	b.WriteString("## Summary\n\n")
	for i := range words {
		if i > 0 && i%18 == 0 {
			b.WriteString(".\n")
			if i%72 == 0 {
				b.WriteString("\n- Updates `internal/cache.go` to keep the table\n- Adds a test in `cache_test.go`\n\n")
			}
		}
		b.WriteString(vocab[r.IntN(len(vocab))])
		b.WriteByte(' ')
	}
	b.WriteString(".\n\n## Testing\n\nRan `go test ./...` — all pass ✅. See https://github.com/acme/widgets/issues/12.\n")
	return b.String()
}

// benchDiff is a unified diff of Go files adding and changing functions,
// about size bytes.
func benchDiff(r *rand.Rand, size int) string {
	var b strings.Builder
	for f := 0; b.Len() < size; f++ {
		fmt.Fprintf(&b, "diff --git a/pkg/m%d/file.go b/pkg/m%d/file.go\n--- a/pkg/m%d/file.go\n+++ b/pkg/m%d/file.go\n", f, f, f, f)
		for h := 0; h < 3 && b.Len() < size; h++ {
			add := 8 + r.IntN(30)
			fmt.Fprintf(&b, "@@ -%d,6 +%d,%d @@ func f%d() {\n", 10+h*80, 10+h*80, 6+add-2, h)
			b.WriteString(" \tx := load()\n \tif x == nil {\n")
			b.WriteString("-\t\treturn nil\n-\t}\n")
			for i := range add {
				fmt.Fprintf(&b, "+\tv%d := cache.Get(key%d) // keep the value for the next request\n", i, i)
			}
			b.WriteString(" \treturn x\n \t}\n")
		}
	}
	return b.String()
}

// benchRecords makes n records: bodies of about 180 words, four commits,
// a short review timeline, and a diff of diffBytes when that is not 0.
func benchRecords(n, diffBytes int) []*Record {
	r := rand.New(rand.NewPCG(11, 12))
	t0 := time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC)
	recs := make([]*Record, n)
	for i := range recs {
		rec := &Record{
			ID: fmt.Sprintf("acme/widgets#%d", i), Title: "Cache the parser table", Body: benchBody(r, 120+r.IntN(120)),
			Author: heuristics.Author{Login: "Copilot", Bot: true}, Merged: new(r.IntN(3) > 0), AI: new(true),
			Agent: "Copilot", Repo: fmt.Sprintf("acme/repo%d", i%40), Now: t0.Add(48 * time.Hour),
		}
		for c := range 4 {
			rec.Commits = append(rec.Commits, heuristics.Commit{SHA: fmt.Sprintf("%040d", i*4+c), AuthorName: "Copilot",
				Message: "Update the cache table\n\nCo-authored-by: ada <ada@example.com>"})
		}
		rec.Timeline = []heuristics.Event{
			{Kind: heuristics.EventComment, Actor: heuristics.Author{Login: "ada", Association: heuristics.AssociationMember}, Time: t0.Add(time.Hour), Body: "Could you add a test for the empty table?"},
			{Kind: heuristics.EventReview, Actor: heuristics.Author{Login: "ada", Association: heuristics.AssociationMember}, Time: t0.Add(2 * time.Hour), State: "approved"},
		}
		if diffBytes > 0 {
			rec.Diff = benchDiff(r, diffBytes)
		}
		recs[i] = rec
	}
	return recs
}

// BenchmarkThroughput scores 500 records with the default set, two
// workers (the machine heft's figures come from): without diffs, as the
// AIDev CSV sample, and with 27 KB diffs, as the performance study.
// SetBytes counts the JSON Lines size of the records.
func BenchmarkThroughput(b *testing.B) {
	for _, tc := range []struct {
		name string
		diff int
	}{{"no-diff", 0}, {"diff-27KB", 27 << 10}} {
		b.Run(tc.name, func(b *testing.B) {
			set, err := standard.New(standard.Config{})
			if err != nil {
				b.Fatal(err)
			}
			recs := benchRecords(500, tc.diff)
			var buf bytes.Buffer
			w := NewJSONLinesWriter(&buf)
			for _, r := range recs {
				if err := w.Write(r); err != nil {
					b.Fatal(err)
				}
			}
			if err := w.Flush(); err != nil {
				b.Fatal(err)
			}
			data := buf.Bytes()
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var n int64
			cpu := cpuTime()
			for b.Loop() {
				res, err := Run(context.Background(), set, NewJSONLines(bytes.NewReader(data), "bench", 0), Options{Workers: 2})
				if err != nil {
					b.Fatal(err)
				}
				n += res.Scored
			}
			reportThroughput(b, n, cpu)
		})
	}
}

// BenchmarkThroughputFile runs the pipeline on a JSON Lines file named
// by HEFT_EVAL_BENCH (heft eval --write-jsonl converts any source), for
// profiling on real data:
//
//	HEFT_EVAL_BENCH=aidev.jsonl go test -run X -bench ThroughputFile -cpuprofile cpu.out
func BenchmarkThroughputFile(b *testing.B) {
	path := os.Getenv("HEFT_EVAL_BENCH")
	if path == "" {
		b.Skip("HEFT_EVAL_BENCH names no JSON Lines file")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	set, err := standard.New(standard.Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var n int64
	cpu := cpuTime()
	for b.Loop() {
		res, err := Run(context.Background(), set, NewJSONLines(bytes.NewReader(data), path, 0), Options{})
		if err != nil {
			b.Fatal(err)
		}
		n += res.Scored
	}
	reportThroughput(b, n, cpu)
}

// reportThroughput reports contributions/s of wall time and, as the
// machine's load does not sway it, the CPU time per contribution
// (cpu-us/contribution), cpu being the
// process's CPU time when the loop began.
func reportThroughput(b *testing.B, n, cpu int64) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "contributions/s")
	if used := cpuTime() - cpu; used > 0 && n > 0 {
		b.ReportMetric(float64(used)/1e3/float64(n), "cpu-us/contribution")
	}
}
