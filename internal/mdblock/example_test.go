package mdblock_test

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/heft-dev/heft/internal/mdblock"
)

// Parse a description and list its code spans: emphasis is not parsed,
// so its markers stay text.
func Example() {
	src := []byte("Run `go test` *before* you push.\n\n> quoted\n")
	doc := mdblock.Parser().Parse(text.NewReader(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.CodeSpan:
				fmt.Printf("code span: %s\n", n.Text(src))
			case *ast.Emphasis:
				fmt.Println("emphasis")
			case *ast.Blockquote:
				fmt.Println("block quote")
			}
		}
		return ast.WalkContinue, nil
	})
	// Output:
	// code span: go test
	// block quote
}
