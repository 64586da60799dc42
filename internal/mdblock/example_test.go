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
				// Its text is its children's segments of src.
				fmt.Print("code span: ")
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						fmt.Printf("%s", t.Segment.Value(src))
					}
				}
				fmt.Println()
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

// Walk a description of any length: the nodes are the whole parse's, and
// only a few KiB of tree are held at a time.
func ExampleWalk() {
	src := []byte("Intro with `code`.\n\n- item\n- an <!-- hidden --> note\n")
	_ = mdblock.Walk(src, false, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.CodeSpan:
				fmt.Printf("code span at %d\n", n.FirstChild().(*ast.Text).Segment.Start)
			case *ast.RawHTML:
				fmt.Printf("raw HTML: %s\n", n.Segments.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	// Output:
	// code span at 12
	// raw HTML: <!-- hidden -->
}
