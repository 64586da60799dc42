package disclosure

import (
	"testing"
)

// FuzzParse checks that no input panics and that every span lies inside
// the input and quotes it, for descriptions and commit messages alike.
func FuzzParse(f *testing.F) {
	for _, c := range append(shapes, negatives...) {
		f.Add(c.in, c.commit)
	}
	for _, c := range trailerCases {
		f.Add(c.msg, true)
	}
	f.Fuzz(func(t *testing.T, in string, commit bool) {
		d := DefaultParser().ParseSource(Source{Text: in, Commit: commit, Author: "Copilot"})
		checkSpans(t, in, d)
		if d.Stance > StanceGenerated {
			t.Fatalf("stance %d out of range", d.Stance)
		}
		for _, tr := range Trailers(in) {
			if tr.Start < 0 || tr.End > len(in) || tr.Start > tr.End {
				t.Fatalf("trailer span %d-%d outside %d bytes", tr.Start, tr.End, len(in))
			}
		}
	})
}
