package wording_test

import (
	"fmt"

	"github.com/heft-dev/heft/internal/wording"
)

func Example() {
	fmt.Println(wording.Commas(1234567))
	fmt.Println(wording.Plural(1, "file"))
	fmt.Println(wording.Plural(2500, "line"))
	// Output:
	// 1,234,567
	// 1 file
	// 2,500 lines
}
