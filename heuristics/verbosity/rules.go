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
	ruleNoDescription  = "verbosity-no-description"
	rulePlaceholder    = "verbosity-placeholder"
)

// rules is the one table of the verbosity scorer's rules; doc.go lists
// them and a test keeps the two in step.
var rules = []heuristics.Rule{
	{
		ID:             ruleLength,
		Finds:          "many prose tokens per reviewable changed line (each file not read line by line counting as Config.OtherFileLines lines), or, with nothing to compare with (no diff, an empty diff), many prose tokens against the fixed Config.BudgetTokens.",
		FalsePositives: "a subtle one-line fix (a security or concurrency bug) can deserve a long explanation; the same content takes more tokens in some languages than in English; without Contribution.Template or Config.Templates, a template's visible text (headings, checklists) counts as the author's prose.",
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
		Finds:          "an HTML comment the author wrote (hidden when rendered): not the template's (given, or read as a template's instruction to the contributor), not a tool's marker, and always when it addresses AI reviewers or tools.",
		FalsePositives: "a template comment in none of the shapes package placeholder knows (no instruction verb, no question, no \"you\", not next to a heading or checklist) still counts when the template is not given; an author's short note placed right under a heading is read as the template's (a missed finding, not a false one).",
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
		Finds: "the description is the pull request template (Contribution.Template or Config.Templates), unchanged; with more than Config.UnexplainedLines reviewable lines, a concern that grows with the change.",
	},
	{
		ID:             ruleNoDescription,
		Finds:          "a change of more than Config.UnexplainedLines reviewable lines whose description is empty or has fewer than five words of the author's own (only headings, checklists and template instructions), and no commit message explains it; the score grows with the change.",
		FalsePositives: "a change explained elsewhere (a linked issue, a design document, a title that says it all); a description written only as a table or a code block is counted, one written only in quotes or collapsed details is not.",
	},
	{
		ID:             rulePlaceholder,
		Finds:          "placeholder text where the description should be: lorem ipsum, TODO, TBD, N/A, \"Add description\", \"Fixes #\" with no number; scored as no description.",
		FalsePositives: "a one-word answer such as \"None\" or \"N/A\" under a heading of a description that says nothing else.",
	},
	{
		ID:             ruleOverLimit,
		Finds:          "the description is longer than MaxBodyBytes: not read, and a concern by itself.",
		FalsePositives: "a description that pastes a long log or transcript a maintainer asked for; raise max_body_bytes if your project wants those inline.",
	},
}

// Rules returns the rules the verbosity scorer's evidence cites.
func (v *Scorer) Rules() []heuristics.Rule { return slices.Clone(rules) }
