package verbosity

import (
	_ "embed"
	"slices"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scoring"
)

// rules is the one table of the verbosity scorer's rules, declared in
// rules.json; doc.go lists them and a test keeps the two in step.
var rules = scoring.Table[heuristics.Rule](rulesJSON)

//go:embed rules.json
var rulesJSON []byte

// Rules returns the rules the verbosity scorer's evidence cites.
func (v *Scorer) Rules() []heuristics.Rule { return slices.Clone(rules()) }
