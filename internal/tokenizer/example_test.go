package tokenizer_test

import (
	"fmt"

	"github.com/heft-dev/heft/internal/tokenizer"
)

func Example() {
	enc, err := tokenizer.Get(tokenizer.O200kBase) // loaded once, then shared
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(enc.Count("tiktoken is great!"))
	fmt.Println(enc.Count("Fixes a race in the connection pool.\n\nFixes #4821."))
	// Output:
	// 6
	// 15
}
