package scoring_test

import (
	"fmt"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/scoring"
)

func Example() {
	rules := []heuristics.Rule{{ID: "demo-long", Finds: "a long change."}}
	field, msg := scoring.CheckRuleSettings(rules, map[string]float64{"demo-long": 0.5}, []string{"demo-short"})
	fmt.Println(field, msg)
	fmt.Println(scoring.Invalid("demo", "%s: %s", field, msg))
	fmt.Printf("%.2f\n", scoring.Ramp(300, 200, 2000))
	// Output:
	// disable[0] unknown rule "demo-short"
	// demo: invalid configuration: disable[0]: unknown rule "demo-short"
	// 0.18
}
