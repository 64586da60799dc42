package main

import (
	"testing"

	"github.com/heft-dev/heft/internal/lazyre"
)

// TestEveryExpressionCompiles compiles every regular expression the
// packages heft links declare with lazyre: they compile on first use, so
// a bad one would otherwise panic only in the command that reaches it.
func TestEveryExpressionCompiles(t *testing.T) {
	if err := lazyre.CompileAll(); err != nil {
		t.Fatal(err)
	}
}
