package disclosure

import (
	"testing"

	"github.com/heft-dev/heft/internal/lazyre"
)

// TestModelLiteralTests: the built-in catalogue's model expressions are
// compiled with lazyre.Compile, which CheckLiteralTests does not reach;
// each one's literal test must still let through every text its
// expression matches, or a model name would go unseen.
func TestModelLiteralTests(t *testing.T) {
	p, err := NewParser(DefaultCatalogue(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.models) == 0 {
		t.Fatal("no model expressions")
	}
	for _, m := range p.models {
		if err := lazyre.CheckLiteralTest(m.re, 300); err != nil {
			t.Errorf("model %q: %v", m.Regexp, err)
		}
	}
}
