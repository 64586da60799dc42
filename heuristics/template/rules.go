package template

import (
	_ "embed"
	"sync"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scoring"
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

// rules is the one table of the template scorer's rules, declared in
// rules.json; doc.go lists them and a test keeps the two in step.
var rules = scoring.Table[heuristics.Rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns the rules the template scorer's evidence cites.
func (s *Scorer) Rules() []heuristics.Rule { return rules.Clone() }

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
