package corpus_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/heft-dev/heft/examples/internal/corpus"
)

// FuzzParseFacts checks that no facts file makes the parser panic, that
// every error is a *FactError naming the file, and that every fact it
// returns has its required columns filled and a line number. Seeds are
// under testdata/fuzz/FuzzParseFacts.
func FuzzParseFacts(f *testing.F) {
	f.Add("repo,pr,class\no/r,12,upstream\n# a comment\n\no/r,13,workaround\n")
	f.Add("\ufeffrepo,pr,class\no/r,,upstream\n")
	f.Add("repo,repo\n")
	f.Add("repo,pr,class\n\"o/r,12,upstream\n")
	f.Fuzz(func(t *testing.T, in string) {
		facts, err := corpus.ParseFacts(strings.NewReader(in), "facts.csv", "repo", "pr")
		if err != nil {
			var fe *corpus.FactError
			if !errors.As(err, &fe) || fe.File != "facts.csv" {
				t.Fatalf("error is not a *FactError about facts.csv: %T %v", err, err)
			}
			return
		}
		for _, fc := range facts {
			if fc.Get("repo") == "" || fc.Get("pr") == "" || fc.Line < 2 {
				t.Fatalf("fact at line %d lacks a required column", fc.Line)
			}
		}
	})
}
