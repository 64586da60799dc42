package reputation

import (
	"slices"

	"github.com/heft-dev/heft/heuristics"
)

// Rule IDs of the reputation scorer.
const (
	ruleStakeExceedsBalance = "reputation-stake-exceeds-balance"
	ruleDenounced           = "reputation-denounced"
	ruleSpamHistory         = "reputation-spam-history"
)

// rules is the one table of the reputation scorer's rules; doc.go lists
// them and a test keeps the two in step.
var rules = []heuristics.Rule{
	{
		ID:             ruleStakeExceedsBalance,
		Finds:          "the pull request stakes more than its author has.",
		FalsePositives: "a long-standing contributor new to this ledger has only the newcomer grant; a large pull request that was asked for stakes like any other.",
	},
	{
		ID:    ruleDenounced,
		Finds: "the author is denounced here or by a trusted project.",
	},
	{
		ID:             ruleSpamHistory,
		Finds:          "some of the author's pull requests were closed as spam.",
		FalsePositives: "a pull request closed with the spam reason by mistake.",
	},
}

// Rules returns the rules the reputation scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return slices.Clone(rules) }
