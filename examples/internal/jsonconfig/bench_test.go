package jsonconfig_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/heft-dev/heft/examples/internal/jsonconfig"
	"github.com/heft-dev/heft/internal/lineartest"
)

// BenchmarkWorstCase decodes configurations of 16, 64 and 256 KiB: one
// map with many keys (each checked for duplicates), and long arrays of
// objects. See lineartest.
func BenchmarkWorstCase(b *testing.B) {
	cases := []lineartest.Case{
		{Name: "many-weights", Gen: func(size int) string {
			var s strings.Builder
			s.WriteString(`{"policy": {"weights": {`)
			for i := 0; s.Len() < size; i++ {
				fmt.Fprintf(&s, `"w%d": 1, `, i)
			}
			s.WriteString(`"last": 1}}}`)
			return s.String()
		}},
		{Name: "long-array", Gen: func(size int) string {
			return `{"labels": [` + strings.Repeat(`{"review": 1, "weights": {"a": 1}}, `, size/36) + `{}]}`
		}},
	}
	lineartest.Run(b, 16<<10, cases, func(in string) error {
		var c config
		return jsonconfig.Decode([]byte(in), &c)
	})
}
