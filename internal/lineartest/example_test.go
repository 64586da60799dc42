package lineartest_test

import (
	"fmt"

	"github.com/heft-dev/heft/internal/lineartest"
)

// A case is a generator of its input at a given size; Run calls it at
// each of Scales times the base size.
func ExampleRepeat() {
	c := lineartest.Repeat("nested-quotes", ">", " x")
	for _, k := range lineartest.Scales {
		fmt.Println(c.Name, len(c.Gen(1024*k)))
	}
	// Output:
	// nested-quotes 1026
	// nested-quotes 4098
	// nested-quotes 16386
}
