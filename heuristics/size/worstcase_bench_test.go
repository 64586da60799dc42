package size_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/size"
	"github.com/heft-dev/heft/internal/lineartest"
)

// sizeCases are diffs that cost the split advice most: many test trees
// beside as many packages, none of whose names match, so that each test
// tree looks for the code it tests among every package and file.
var sizeCases = []lineartest.Case{
	{Name: "test-trees", Gen: func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			for _, p := range []string{fmt.Sprintf("tests/t%d/test_x.py", i), fmt.Sprintf("pkg%d/mod/x.py", i)} {
				fmt.Fprintf(&b, "diff --git a/%s b/%s\nnew file mode 100644\n--- /dev/null\n+++ b/%s\n@@ -0,0 +1 @@\n+x = 1\n", p, p, p)
			}
		}
		return b.String()
	}},
}

// BenchmarkWorstCase parses and scores each worst-case diff at 16, 64
// and 256 KiB: see lineartest.
func BenchmarkWorstCase(b *testing.B) {
	s, err := size.New(size.Config{})
	if err != nil {
		b.Fatal(err)
	}
	lineartest.Run(b, 16<<10, sizeCases, func(in string) error {
		d, err := diffstat.Parse(strings.NewReader(in), nil)
		if err != nil {
			return err
		}
		_, err = s.Score(context.Background(), &heuristics.Contribution{Diff: d})
		return err
	})
}
