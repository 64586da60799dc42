package size

import (
	"slices"

	"github.com/heft-dev/heft/heuristics"
)

// Rule IDs of the size scorer.
const (
	ruleLines          = "size-lines"
	ruleFiles          = "size-files"
	ruleLargestFile    = "size-largest-file"
	ruleNotReviewable  = "size-not-reviewable"
	ruleExpectedOutput = "size-expected-output"
)

// rules is the one table of the size scorer's rules; doc.go lists them
// and a test keeps the two in step.
var rules = []heuristics.Rule{
	{
		ID:             ruleLines,
		Finds:          "more reviewable changed lines than Config.ComfortableLines.",
		FalsePositives: "a mechanical change (a rename across the tree, a generated file the classifier does not recognise) counts in full; mark generated paths with diffstat.Classifier rules.",
	},
	{
		ID:             ruleFiles,
		Finds:          "more reviewable files than Config.ComfortableFiles.",
		FalsePositives: "a mechanical change touching many files, such as an import path rewritten across the tree.",
	},
	{
		ID:    ruleLargestFile,
		Finds: "one of the largest reviewable files, when the score is non-zero.",
	},
	{
		ID:             ruleNotReviewable,
		Finds:          "generated, vendored or lockfile lines left out of the count.",
		FalsePositives: "a hand-written file whose path looks generated or vendored; see package diffstat's classifier.",
	},
	{
		ID:             ruleExpectedOutput,
		Finds:          "expected test output (golden files, snapshots, *.out and expected* below test directories) left out of the count: a tool regenerates it and a reviewer skims it.",
		FalsePositives: "a golden file written and read by hand, or a source file in a directory named golden/; expected output a tool did not regenerate still goes unread line by line here; see package diffstat's KindExpected.",
	},
}

// Rules returns the rules the size scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return slices.Clone(rules) }
