package cliflag_test

import (
	"flag"
	"fmt"
	"os"

	"github.com/heft-dev/heft/examples/internal/cliflag"
)

// A bad value is one line naming the flag and exit status 2.
func Example() {
	fs := flag.NewFlagSet("heft diffstat", flag.ContinueOnError)
	fs.Int64("max-bytes", -1, "largest diff accepted, in bytes")
	code, ok := cliflag.Parse(fs, []string{"--max-bytes", "10k"}, os.Stdout)
	if !ok {
		fmt.Println("exit", code)
	}
	// Output:
	// heft diffstat: invalid value "10k" for flag -max-bytes: parse error
	// exit 2
}
