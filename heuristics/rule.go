package heuristics

// Rule describes one rule a scorer cites in Evidence.Rule: its stable ID,
// what it finds and what it is known to get wrong. A scorer package
// declares its rules once, in one table, and lists them in its package
// documentation; heuristicstest checks the two agree with the evidence the
// scorer emits.
type Rule struct {
	// ID is the stable kebab-case identifier, the Evidence.Rule of the
	// rule's findings, such as "size-lines".
	ID string `json:"id"`

	// Finds says what the rule looks for, in a sentence.
	Finds string `json:"finds"`

	// FalsePositives says what the rule is known to flag wrongly.
	FalsePositives string `json:"false_positives,omitempty"`
}

// RuleLister is implemented by a Scorer that declares the rules its
// evidence cites. Rules returns a copy the caller may keep or change.
// Every Evidence.Rule the scorer emits must be one of them.
type RuleLister interface {
	Rules() []Rule
}
