package diffstat_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/heft-dev/heft/diffstat"
)

// realDiff builds a git diff of about size bytes shaped like a real pull
// request to a Go project: files of a few hunks each, three lines of
// context around edits, Go-length lines, the odd rename and new file.
func realDiff(size int) []byte {
	var b bytes.Buffer
	body := []string{
		"func (s *Server) handle(w http.ResponseWriter, r *http.Request) {",
		"\tctx, cancel := context.WithTimeout(r.Context(), s.timeout)",
		"\tdefer cancel()",
		"\tif err := s.authorize(ctx, r); err != nil {",
		"\t\thttp.Error(w, err.Error(), http.StatusUnauthorized)",
		"\t\treturn",
		"\t}",
		"\t// Decode the request body; reject anything over the limit.",
		"\tvar req Request",
		"\tif err := json.NewDecoder(io.LimitReader(r.Body, maxBody)).Decode(&req); err != nil {",
	}
	for n := 0; b.Len() < size; n++ {
		path := fmt.Sprintf("internal/pkg%d/file%d.go", n%37, n)
		switch n % 11 {
		case 3:
			fmt.Fprintf(&b, "diff --git a/%s b/%s\nnew file mode 100644\nindex 0000000..e69de29\n--- /dev/null\n+++ b/%s\n@@ -0,0 +1,20 @@\n", path, path, path)
			for i := range 20 {
				fmt.Fprintf(&b, "+%s\n", body[i%len(body)])
			}
			continue
		case 7:
			fmt.Fprintf(&b, "diff --git a/old/%s b/%s\nsimilarity index 92%%\nrename from old/%s\nrename to %s\nindex 1111111..2222222 100644\n--- a/old/%s\n+++ b/%s\n", path, path, path, path, path, path)
		default:
			fmt.Fprintf(&b, "diff --git a/%s b/%s\nindex 3333333..4444444 100644\n--- a/%s\n+++ b/%s\n", path, path, path, path)
		}
		for h := range 4 {
			start := 10 + h*40
			fmt.Fprintf(&b, "@@ -%d,8 +%d,9 @@ func (s *Server) handle%d(w http.ResponseWriter, r *http.Request) {\n", start, start+h, h)
			for i := range 3 {
				fmt.Fprintf(&b, " %s\n", body[i])
			}
			fmt.Fprintf(&b, "-%s\n+%s // changed\n+%s\n", body[3], body[3], body[4])
			for i := 5; i < 8; i++ {
				fmt.Fprintf(&b, " %s\n", body[i])
			}
			// 8 old lines: 3 context + 1 deleted + 3 context + 1 more context.
			fmt.Fprintf(&b, " %s\n", body[8])
		}
	}
	return b.Bytes()
}

var sizes = []struct {
	name string
	size int
}{
	{"small-4KB", 4 << 10},
	{"large-1MB", 1 << 20},
	{"huge-32MB", 32 << 20},
}

// BenchmarkScan is the stats pass alone, as heft diffstat runs it:
// streaming, nothing kept, no classification.
func BenchmarkScan(b *testing.B) {
	for _, sz := range sizes {
		in := realDiff(sz.size)
		b.Run(sz.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				s := diffstat.NewScanner(bytes.NewReader(in), &diffstat.Options{MaxBytes: -1, NoClassify: true})
				for s.Next() {
				}
				if s.Err() != nil {
					b.Fatal(s.Err())
				}
			}
		})
	}
}

// BenchmarkParse keeps every file's hunks for scorers, as a bot does.
func BenchmarkParse(b *testing.B) {
	for _, sz := range sizes[:2] {
		in := realDiff(sz.size)
		b.Run(sz.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := diffstat.Parse(bytes.NewReader(in), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseString is BenchmarkParse from a strings.Reader, as the
// bot and heft eval call it: the kept patches share the string.
func BenchmarkParseString(b *testing.B) {
	for _, sz := range sizes[:2] {
		in := string(realDiff(sz.size))
		b.Run(sz.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := diffstat.Parse(strings.NewReader(in), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkHunks turns every file of a parsed diff into numbered lines,
// what a scorer that reads added lines pays.
func BenchmarkHunks(b *testing.B) {
	for _, sz := range sizes[:2] {
		in := realDiff(sz.size)
		b.Run(sz.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				// A File keeps its hunks once read, so each round reads a
				// freshly parsed diff; the parse is not timed.
				b.StopTimer()
				d, err := diffstat.Parse(bytes.NewReader(in), nil)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				for _, f := range d.Files {
					if _, err := f.Hunks(); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// TestBenchmarkInputIsValid keeps the generator honest: what the
// benchmarks measure must be a diff git itself accepts.
func TestBenchmarkInputIsValid(t *testing.T) {
	in := realDiff(64 << 10)
	d, err := diffstat.Parse(bytes.NewReader(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Files) < 10 {
		t.Fatalf("only %d files", len(d.Files))
	}
	r := newRepo(t)
	cmdOut := r.applyNumstat(in)
	var got bytes.Buffer
	for _, f := range d.Files {
		fmt.Fprintf(&got, "%d\t%d\t%s\n", f.Added, f.Deleted, f.Path())
	}
	if cmdOut != got.String() {
		t.Fatalf("git apply --numstat disagrees:\n%s\nwe:\n%s", cmdOut, got.String())
	}
	_ = io.Discard
}

// BenchmarkClassify is the cost of deciding one file's kind: our rules,
// then Linguist's regular expressions for what they do not claim.
func BenchmarkClassify(b *testing.B) {
	paths := []string{
		"internal/server/handler.go", "internal/server/handler_test.go", "docs/guide.md",
		"go.sum", "vendor/github.com/x/y/y.go", "web/static/app.min.js", ".github/workflows/ci.yml",
		"src/components/Button.tsx", "README", "config/settings.yaml",
	}
	var c diffstat.Classifier
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paths {
			c.Classify(p, nil)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(paths)), "ns/file")
}
