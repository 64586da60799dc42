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

// TestEveryLiteralTestSound checks the literal test lazyre puts in front
// of each of those expressions on texts the expression matches, made
// from its syntax: a test that said no to one would lose a finding.
func TestEveryLiteralTestSound(t *testing.T) {
	if err := lazyre.CheckLiteralTests(500); err != nil {
		t.Fatal(err)
	}
}
