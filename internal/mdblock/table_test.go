package mdblock

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// extensionParser returns a parser like TableParser's but with goldmark's
// own table extension: its paragraph transformer, and with astToo also
// the AST transformer that splits code spans in cells at "\|".
func extensionParser(astToo bool) parser.Parser {
	opts := []parser.Option{
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(InlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		parser.WithParagraphTransformers(util.Prioritized(extension.NewTableParagraphTransformer(), 200)),
	}
	if astToo {
		opts = append(opts, parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)))
	}
	return parser.NewParser(opts...)
}

// dump writes doc's tree: each node's kind, position, lines (blocks) or
// segment (text) and alignments, one node a line, indented by depth.
// With blocksOnly, inline nodes are left out.
func dump(doc ast.Node, src []byte, blocksOnly bool) string {
	var b strings.Builder
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if blocksOnly && n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%s%s pos=%d", strings.Repeat(" ", depth), n.Kind(), n.Pos())
		depth++
		switch n := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&b, " seg=%v %q", n.Segment, n.Segment.Value(src))
		case *east.Table:
			fmt.Fprintf(&b, " aligns=%v", n.Alignments)
		case *east.TableRow:
			fmt.Fprintf(&b, " aligns=%v", n.Alignments)
		case *east.TableCell:
			fmt.Fprintf(&b, " align=%v", n.Alignment)
		}
		if n.Type() == ast.TypeBlock {
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				fmt.Fprintf(&b, " [%d:%d+%d]", seg.Start, seg.Stop, seg.Padding)
			}
		}
		b.WriteByte('\n')
		return ast.WalkContinue, nil
	})
	return b.String()
}

// compareWithExtension reports where TableParser's tree for in differs
// from the extension's: the whole tree against the extension's paragraph
// transformer, the blocks against the whole extension.
func compareWithExtension(t *testing.T, in string) {
	t.Helper()
	parse := func(p parser.Parser, blocksOnly bool) string {
		src := []byte(in)
		return dump(p.Parse(text.NewReader(src)), src, blocksOnly)
	}
	if got, want := parse(TableParser(), false), parse(extensionParser(false), false); got != want {
		t.Fatalf("input %q:\ngot\n%s\nwant (goldmark's table extension)\n%s", in, got, want)
	}
	if got, want := parse(TableParser(), true), parse(extensionParser(true), true); got != want {
		t.Fatalf("input %q, blocks:\ngot\n%s\nwant (goldmark's table extension)\n%s", in, got, want)
	}
}

func TestTable(t *testing.T) {
	tests := []struct {
		name, in, reason string
	}{
		{"plain", "|a|b|\n|-|-|\n|1|2|\n", "the common shape"},
		{"no-pipes-outside", "a | b\n--|--\n1 | 2\n", "outer pipes are optional"},
		{"aligned", "|a|b|c|d|\n|:-|-:|:-:|-|\n", "each alignment"},
		{"width-mismatch", "|a|b|\n|-|-|-|\n|1|2|\n", "a header of the wrong width is no table"},
		{"long-and-short-rows", "|a|b|\n|-|-|\n|1|2|3|\n|1|\n", "rows are cut and padded"},
		{"text-above", "intro\nmore\n|a|b|\n|-|-|\n|1|2|\n", "lines above the header stay a paragraph"},
		{"escaped-pipe", "|a\\|b|c|\n|-|-|\n|`x\\|y`|z|\n", "\\| does not split a cell"},
		{"indented-delimiter", "|a|b|\n    |-|-|\n", "a delimiter row indented four columns is text"},
		{"setext", "a|b\n-|-\n---\n", "a setext underline after a table"},
		{"dashes-only", "a\n---\n", "a setext heading, not a one-column table"},
		{"in-quote", "> |a|b|\n> |-|-|\n> |1|2|\n", "a table inside a quote"},
		{"in-list", "- |a|b|\n  |-|-|\n  |1|2|\n", "a table inside a list item"},
		{"tab-indent", "\t|a|b|\n|-|-|\n", "an indented code block first"},
		{"crlf", "|a|b|\r\n|-|-|\r\n|1|2|\r\n", "Windows line ends"},
		{"vertical-tab", "|a|b|\n|-\v|-|\n", "a vertical tab passes the row test but no cell"},
		{"only-pipes", "a\n|\n", "a delimiter row needs a column"},
		{"two-delimiters", "|a|b|\n|-|-|\n|-|-|\n", "the second delimiter row is a body row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compareWithExtension(t, tt.in)
		})
	}
}

// TestTableMatchesExtension compares TableParser with goldmark's table
// extension on 1,000 generated descriptions, about 370 of them with
// tables (FuzzTable goes further): tables of every width with and
// without outer pipes, alignments, escaped pipes, code spans, ragged
// rows, indentation, containers and setext underlines around them.
func TestTableMatchesExtension(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2026))
	n := 1000
	if testing.Short() {
		n = 200
	}
	for range n {
		compareWithExtension(t, randomTables(rng))
	}
}

// randomTables writes one to three blocks of table-like lines.
func randomTables(rng *rand.Rand) string {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	cell := func() string {
		return pick("a", "", " b ", "`c`", "`d\\|e`", "f\\|g", "\\", "x y", ":", "-", "*h*", "<i>", "&amp;", "\t")
	}
	delim := func() string {
		if rng.IntN(10) == 0 {
			return pick("", ":", "--x", "- -", "-\v", "::-")
		}
		return pick("-", "---", ":-", "-:", ":-:", " :--: ", "\t-")
	}
	row := func(cols int, f func() string) string {
		parts := make([]string, cols)
		for i := range parts {
			parts[i] = f()
		}
		s := strings.Join(parts, pick("|", "|", " | ", "\\|"))
		if rng.IntN(4) > 0 {
			s = "|" + s
		}
		if rng.IntN(4) > 0 {
			s += "|"
		}
		return pick("", "", " ", "   ", "    ", "\t") + s + pick("", "", " ", "\t")
	}
	var b strings.Builder
	for range 1 + rng.IntN(3) {
		prefix := pick("", "", "", "> ", "- ", "1. ", "  ")
		cols := 1 + rng.IntN(4)
		var lines []string
		for range rng.IntN(3) {
			lines = append(lines, pick("text", "a | b", "# h", "", "---", "===", "```", "<!-- c -->"))
		}
		lines = append(lines, row(cols, cell))
		dcols := cols
		if rng.IntN(5) == 0 {
			dcols = 1 + rng.IntN(4)
		}
		lines = append(lines, row(dcols, delim))
		for range rng.IntN(4) {
			lines = append(lines, row(1+rng.IntN(5), cell))
		}
		if rng.IntN(4) == 0 {
			lines = append(lines, pick("---", "===", "", "text", "- item"))
		}
		eol := pick("\n", "\n", "\n", "\r\n")
		for _, l := range lines {
			b.WriteString(prefix + l + eol)
		}
		b.WriteString(pick("\n", "", "\n\n"))
	}
	return b.String()
}

// FuzzTable checks that TableParser builds the tree goldmark's table
// extension builds, whatever the input.
func FuzzTable(f *testing.F) {
	for _, s := range []string{
		"|a|b|\n|-|-|\n|1|2|\n",
		"a | b\n:-|-:\n1\n",
		"> |a|\n> |-|\n",
		"x\n|a\\|b|\n|-|\n|`c\\|d`|\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 4<<10 {
			return
		}
		compareWithExtension(t, in)
	})
}
