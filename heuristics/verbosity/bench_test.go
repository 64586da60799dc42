package verbosity_test

import (
	"context"
	"os"
	"testing"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scorertest"
)

// BenchmarkVerbosity scores a typical pull request: a 290-word
// description (testdata/typical.md) on a 6-file, 200-line diff,
// after the encoder is loaded.
func BenchmarkVerbosity(b *testing.B) {
	d, _ := scorertest.TypicalPR(b)
	desc, err := os.ReadFile("testdata/typical.md")
	if err != nil {
		b.Fatal(err)
	}
	benchScore(b, &heuristics.Contribution{Title: "pool: fix a race in release", Body: string(desc), Diff: d})
}

// BenchmarkVerbosityLong scores the largest description accepted by
// default, 256 KiB of English prose, on the same diff.
func BenchmarkLong(b *testing.B) {
	d, _ := scorertest.TypicalPR(b)
	desc, err := os.ReadFile("testdata/typical.md")
	if err != nil {
		b.Fatal(err)
	}
	long := make([]byte, 0, 256<<10)
	for len(long)+len(desc)+1 <= 256<<10 {
		long = append(append(long, desc...), '\n')
	}
	benchScore(b, &heuristics.Contribution{Body: string(long), Diff: d})
}

// BenchmarkTemplateFilled scores a filled-in template whose HTML comments
// (instructions next to headings and checklists) are classified one by
// one, and a commit message with trailers, without a diff.
func BenchmarkTemplateFilled(b *testing.B) {
	desc, err := os.ReadFile("testdata/template-filled.md")
	if err != nil {
		b.Fatal(err)
	}
	benchScore(b, &heuristics.Contribution{Body: string(desc), Commits: []heuristics.Commit{{
		Message: "loader: compare the timeout as a number\n\nNote: the old YAML files still write \"0\" there.\n\nSigned-off-by: A <a@example.com>\n"}}})
}

// benchScore measures the verbosity scorer on c after one warm-up call
// (which loads the encoder), reporting the description's bytes.
func benchScore(b *testing.B, c *heuristics.Contribution) {
	b.Helper()
	v := newVerbosity(b)
	ctx := context.Background()
	if _, err := v.Score(ctx, c); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(c.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Score(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}
