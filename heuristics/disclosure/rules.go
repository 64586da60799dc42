package disclosure

import (
	"slices"

	"github.com/heft-dev/heft/heuristics"
)

// Rule IDs of the disclosure scorer.
const (
	ruleMissing       = "disclosure-missing"
	ruleContradiction = "disclosure-contradiction"
	ruleAISignoff     = "disclosure-ai-signoff"
	ruleTampered      = "disclosure-tampered"
	ruleFound         = "disclosure-found"
)

// rules is the one table of the disclosure scorer's rules; doc.go lists
// them and a test keeps the two in step.
var rules = []heuristics.Rule{
	{
		ID:             ruleMissing,
		Finds:          "the repository requires a disclosure and neither the description nor a commit has one (with BodyOnly, the description has none).",
		FalsePositives: "a disclosure phrased without a helping verb (\"Elvish written by Copilot\") or in another language than English is not recognised.",
	},
	{
		ID:             ruleContradiction,
		Finds:          "the text says no AI was used (not just for part of the work), yet the commits, description or author carry an AI tool's marker: a co-author trailer, footer, session link or agent account.",
		FalsePositives: "a no-AI statement scoped to part of the work (\"no AI was used for the tests\") is not a denial, so a denial phrased that way is missed; a tool's marker left in a commit the author rewrote by hand.",
	},
	{
		ID:             ruleAISignoff,
		Finds:          "Signed-off-by names an AI tool; only people can certify the DCO (Linux kernel, Nextcloud rules).",
		FalsePositives: "a person whose name or address looks like a tool's.",
	},
	{
		ID:             ruleTampered,
		Finds:          "a trailer key or value hides invisible or look-alike characters, which hides it from git.",
		FalsePositives: "a trailer with a name written in a non-Latin script on purpose.",
	},
	{
		ID:    ruleFound,
		Finds: "information: what was disclosed (score 0).",
	},
}

// Rules returns the rules the disclosure scorer's evidence cites.
func (*Scorer) Rules() []heuristics.Rule { return slices.Clone(rules) }
