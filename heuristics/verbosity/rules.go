package verbosity

import (
	"slices"

	"github.com/heft-dev/heft/heuristics"
)

// Rule IDs of the verbosity scorer.
const (
	ruleLength         = "verbosity-length"
	ruleLongSection    = "verbosity-long-section"
	ruleRestatesDiff   = "verbosity-restates-diff"
	ruleHiddenComment  = "verbosity-hidden-comment"
	ruleInvisibleChars = "verbosity-invisible-chars"
	ruleBidiControls   = "verbosity-bidi-controls"
	ruleInvalidUTF8    = "verbosity-invalid-utf8"
	ruleTemplateOnly   = "verbosity-template-only"
	ruleOverLimit      = "verbosity-over-limit"
)

// rules is the one table of the verbosity scorer's rules; doc.go lists
// them and a test keeps the two in step.
var rules = []heuristics.Rule{
	{
		ID:             ruleLength,
		Finds:          "many prose tokens per reviewable changed line.",
		FalsePositives: "a subtle one-line fix (a security or concurrency bug) can deserve a long explanation; the same content takes more tokens in some languages than in English; without Contribution.Template, a template's comments and checklists count as the author's.",
	},
	{
		ID:    ruleLongSection,
		Finds: "one of the longest sections of prose, when the length or restating score is non-zero.",
	},
	{
		ID:             ruleRestatesDiff,
		Finds:          "prose, often a list, that names changed files and identifiers one by one.",
		FalsePositives: "names are found only on added lines that start with a declaration keyword, so a restatement of other changes is missed and a short changelog naming each function counts.",
	},
	{
		ID:             ruleHiddenComment,
		Finds:          "an HTML comment the author added, not the template's (hidden when rendered).",
		FalsePositives: "without Contribution.Template, the template's own comments count as the author's.",
	},
	{
		ID:             ruleInvisibleChars,
		Finds:          "zero-width or other invisible characters, outside emoji and flag sequences.",
		FalsePositives: "text pasted from a word processor that leaves soft hyphens or zero-width spaces behind.",
	},
	{
		ID:             ruleBidiControls,
		Finds:          "bidirectional control characters (embeddings, overrides, isolates, marks).",
		FalsePositives: "right-to-left text written with explicit marks on purpose.",
	},
	{
		ID:             ruleInvalidUTF8,
		Finds:          "bytes that are not UTF-8, counted as U+FFFD.",
		FalsePositives: "a description sent in a legacy encoding by an old client.",
	},
	{
		ID:    ruleTemplateOnly,
		Finds: "the description is the pull request template, unchanged.",
	},
	{
		ID:             ruleOverLimit,
		Finds:          "the description is longer than MaxBodyBytes: not read, and a concern by itself.",
		FalsePositives: "a description that pastes a long log or transcript a maintainer asked for; raise max_body_bytes if your project wants those inline.",
	},
}

// Rules returns the rules the verbosity scorer's evidence cites.
func (v *Scorer) Rules() []heuristics.Rule { return slices.Clone(rules) }
