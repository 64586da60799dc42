package disclosure

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	gtext "github.com/yuin/goldmark/text"

	"github.com/heft-dev/heft/internal/lineartest"
	"github.com/heft-dev/heft/internal/mdblock"
)

// worstCases are inputs that made the Markdown scan quadratic before
// container depth was bounded: each line opens one more container.
var worstCases = map[string]string{
	"quotes":        ">",
	"spaced-quotes": "> ",
	"quote-lists":   "> - ",
	"ordered-lists": "1. > ",
	"mixed":         "* > 1) ",
}

// TestAdversarialDepthBounded checks the work, not the time: after the
// pre-pass, goldmark never nests block quotes or lists deeper than
// mdblock.MaxDepth, whatever the input, and a 65,536-character description
// of ">" (GitHub's limit) still has its quoted text masked.
func TestAdversarialDepthBounded(t *testing.T) {
	for name, unit := range worstCases {
		t.Run(name, func(t *testing.T) {
			in := strings.Repeat(unit, 65536/len(unit))
			src := mdblock.Flatten([]byte(in), mdblock.MaxDepth)
			if len(src) != len(in) {
				t.Fatalf("Flatten changed the length: %d, want %d", len(src), len(in))
			}
			doc := markdown().Parse(gtext.NewReader(src))
			depth, deepest := 0, 0
			_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				switch n.(type) {
				case *ast.Blockquote, *ast.List:
					if entering {
						depth++
						deepest = max(deepest, depth)
					} else {
						depth--
					}
				}
				return ast.WalkContinue, nil
			})
			if deepest > 2*mdblock.MaxDepth {
				t.Errorf("containers nest %d deep, want at most %d", deepest, 2*mdblock.MaxDepth)
			}
			full := in + "\nCo-authored-by: Claude <noreply@anthropic.com>\n"
			checkSpans(t, full, Parse(full))
		})
	}
}

// BenchmarkParseWorstCase runs each worst-case shape at 1x, 4x and 16x
// of 4 KiB with lineartest: time per byte must stay flat (16x costs at
// most 20x of 1x).
func BenchmarkParseWorstCase(b *testing.B) {
	var cases []lineartest.Case
	for _, name := range []string{"quotes", "spaced-quotes", "quote-lists", "ordered-lists", "mixed"} {
		cases = append(cases, lineartest.Repeat(name, worstCases[name], ""))
	}
	lineartest.Run(b, 4096, cases, func(in string) error {
		Parse(in)
		return nil
	})
}
