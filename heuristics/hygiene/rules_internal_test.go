package hygiene

import (
	"testing"

	"github.com/heft-dev/heft/internal/scoring"
)

// TestRuleSeverities: every rule in rules.json gives its default
// severity, and every number there is in [0, 1].
func TestRuleSeverities(t *testing.T) {
	if err := scoring.CheckFractions(rulesJSON, "severity"); err != nil {
		t.Error(err)
	}
}
