package template

import (
	"slices"
	"sync"

	"github.com/heft-dev/heft/heuristics"
)

// The rule IDs the template scorer emits; see the package documentation.
const (
	RuleUntouched      = "template-untouched"
	RuleMissingSection = "template-missing-section"
	RuleEmptySection   = "template-empty-section"
	RuleCheckboxes     = "template-checkboxes"
	RuleStrict         = "template-strict"
	RuleExtraSections  = "template-extra-sections"
	RulePlaceholder    = "template-placeholder"
)

// rules is the one table of the template scorer's rules; doc.go lists
// them and a test keeps the two in step.
var rules = []heuristics.Rule{
	{
		ID:             RuleUntouched,
		Finds:          "a description that is empty, the template unchanged, or fewer of the author's own words than Config.MinOwnWords.",
		FalsePositives: "a one-word typo fix whose title says it all; a template whose sections the author answered only by ticking boxes.",
	},
	{
		ID:             RuleMissingSection,
		Finds:          "a section of the template (a heading) that the description does not have, unless Config.Optional lists it.",
		FalsePositives: "a heading the author reworded (\"Tests\" for \"Testing\"); a section that does not apply to this change.",
	},
	{
		ID:             RuleEmptySection,
		Finds:          "a section the description kept but left with nothing but the template's own text.",
		FalsePositives: "sections such as \"Screenshots\" that honestly have nothing to say; list them in Config.Optional.",
	},
	{
		ID:             RuleCheckboxes,
		Finds:          "a section whose template has two or more checkboxes where the description ticked none, or removed them all.",
		FalsePositives: "a checklist where no item applies to this change.",
	},
	{
		ID:             RuleStrict,
		Finds:          "a section listed in Config.Strict that is missing, or one of its template checkboxes missing or unticked.",
		FalsePositives: "none beyond the project's own requirement: strict sections are what the maintainers demand (a licence agreement, a security checklist).",
	},
	{
		ID:             RuleExtraSections,
		Finds:          "more sections that the template does not have than Config.MaxExtraSections (off by default).",
		FalsePositives: "a thorough author adding a \"Benchmarks\" or \"Notes\" section.",
	},
	{
		ID:             RulePlaceholder,
		Finds:          "the template's instructions or example text left in the description next to the author's own words, or placeholder text (\"TODO\", \"Fixes #\", lorem ipsum) in place of a description.",
		FalsePositives: "a template line that is also a fine sentence of the author's (\"No breaking changes.\"); a section honestly answered \"TODO: follow-up in #12\".",
	},
}

// Rules returns the rules the template scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return slices.Clone(rules) }

// defaultSeverity is the score a rule adds for one finding, and
// defaultCap the most a rule with several findings adds.
var (
	defaultSeverity = sync.OnceValue(func() map[string]float64 {
		return map[string]float64{
			RuleUntouched:      0.45,
			RuleMissingSection: 0.15,
			RuleEmptySection:   0.05,
			RuleCheckboxes:     0.1,
			RuleStrict:         0.5,
			RuleExtraSections:  0.2,
			RulePlaceholder:    0.05,
		}
	})
	defaultCap = sync.OnceValue(func() map[string]float64 {
		return map[string]float64{
			RuleMissingSection: 0.3,
			RuleEmptySection:   0.15,
			RuleCheckboxes:     0.2,
			RuleStrict:         0.75,
			RulePlaceholder:    0.15,
		}
	})
)
