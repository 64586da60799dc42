package scorertest_test

import (
	"fmt"

	"github.com/heft-dev/heft/internal/scorertest"
)

// Numbered makes distinct lines that look like code, for diffs of a given
// size.
func ExampleNumbered() {
	fmt.Print(scorertest.Numbered("v", 2))
	fmt.Println(scorertest.Zero(0), scorertest.High(0.9))
	// Output:
	// v_ := compute()
	// v_x := compute(y)
	// true true
}
