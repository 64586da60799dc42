package reputationtest_test

import (
	"context"
	"fmt"

	"github.com/heft-dev/heft/reputation"
	"github.com/heft-dev/heft/reputation/reputationtest"
)

// A store's own test passes an Opener to Run (see the package
// documentation). The events Run writes come from Event, which a custom
// test or benchmark can reuse: the same writer and index give the same
// event, so two stores can be compared line by line.
func Example() {
	ctx := context.Background()
	s := reputation.NewMemoryStore()
	defer s.Close()
	for i := range 4 {
		e, err := s.Append(ctx, reputationtest.Event("w", i, 0))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(e.Seq, e.Subject.Login, e.Kind, e.PR, e.Note)
	}
	// Output:
	// 1 alice opened o/w#0 w-0
	// 2 alice merged o/w#0 w-1
	// 3 alice opened o/w#1 w-2
	// 4 alice adjust  w-3
}
