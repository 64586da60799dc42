package corpus_test

import (
	"os"
	"strings"

	"github.com/heft-dev/heft/examples/internal/corpus"
)

// A corpus evaluation reads its facts, evaluates each text and tallies the
// outcome per class.
func Example() {
	facts, err := corpus.ParseFacts(strings.NewReader("class,label,predicted\ntrailer,yes,yes\ntrailer,yes,no\nnegative,no,no\n"), "facts.csv", "class", "label")
	if err != nil {
		panic(err)
	}
	var r corpus.Report
	for _, f := range facts {
		r.Add(f.Get("class"), f.Get("label") == "yes", f.Get("predicted") == "yes")
	}
	r.WriteText(os.Stdout)
	// Output:
	// class     n  precision  recall  accuracy
	// negative  1  -          -       1.000
	// trailer   2  1.000      0.500   0.500
	// all       3  1.000      0.500   0.667
}
