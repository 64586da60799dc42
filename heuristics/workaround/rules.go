package workaround

import (
	_ "embed"
	"slices"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scoring"
)

// The workaround scorer's rules. rules.json is the one place that lists
// them: their stable IDs, weights, what each finds and what it is known
// to get wrong. doc.go repeats it for readers of godoc, and a test keeps
// the two in step.

// Rule IDs of the workaround scorer.
const (
	ruleGoReplace     = "workaround-go-replace"
	ruleCargoPatch    = "workaround-cargo-patch"
	ruleNPMOverride   = "workaround-npm-override"
	ruleNPMPin        = "workaround-npm-version-override"
	ruleGitDependency = "workaround-git-dependency"
	ruleExclusion     = "workaround-version-exclusion"
	rulePatchFile     = "workaround-patch-file"
	ruleVendoredEdit  = "workaround-vendored-edit"
	rulePyMonkeypatch = "workaround-python-monkeypatch"
	ruleMockPatch     = "workaround-mock-patch"
	ruleJSMonkeypatch = "workaround-js-monkeypatch"
	ruleGoLinkname    = "workaround-go-linkname"
	ruleRubyReopen    = "workaround-ruby-reopen"
	ruleCopiedCode    = "workaround-copied-code"
	ruleComment       = "workaround-comment"
	ruleRuntime       = "workaround-runtime"
	rulePin           = "workaround-pin"
	ruleMessage       = "workaround-message"
	ruleDefensive     = "workaround-defensive-wrapper"
	ruleSwap          = "workaround-library-swap"
)

// Rule describes one rule of the workaround scorer: a heuristics.Rule
// with its weight. Scorer.Rules gives the rules in the common shape.
type Rule struct {
	// ID is the rule's stable identifier, the Evidence.Rule of its
	// findings.
	ID string `json:"id"`

	// Weight is how much one finding adds to the score before the
	// upstream discount, in (0, 1]; Config.Weights overrides it.
	Weight float64 `json:"weight"`

	// Finds says what the rule looks for, in a sentence.
	Finds string `json:"finds"`

	// FalsePositives says what the rule is known to flag wrongly.
	FalsePositives string `json:"false_positives"`
}

// workaroundRules is the table, declared in rules.json. Weights: a
// change that takes a dependency's code into the project's hands (a
// patch, an edited vendored file, a monkeypatch) weighs most; a redirect
// to a fork a little less; a comment that only says so least.
var workaroundRules = scoring.Table[Rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns a copy of the workaround scorer's rules table.
func Rules() []Rule {
	return slices.Clone(workaroundRules())
}

func workaroundRuleWeight(id string) (float64, bool) {
	for _, r := range workaroundRules() {
		if r.ID == id {
			return r.Weight, true
		}
	}
	return 0, false
}

// Rules returns the rules the workaround scorer's evidence cites, in the
// shape every scorer declares them; the package's Rules function gives
// their weights too.
func (s *Scorer) Rules() []heuristics.Rule {
	rules := workaroundRules()
	out := make([]heuristics.Rule, len(rules))
	for i, r := range rules {
		out[i] = heuristics.Rule{ID: r.ID, Finds: r.Finds, FalsePositives: r.FalsePositives}
	}
	return out
}
