package mdblock

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/heft-dev/heft/internal/lineartest"
)

// kinds returns the names of the node kinds in doc, in walk order.
func kinds(in string, table bool) []string {
	src := []byte(in)
	pp := Parser()
	if table {
		pp = TableParser()
	}
	var out []string
	_ = ast.Walk(pp.Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() != ast.KindText && n.Kind() != ast.KindDocument {
			out = append(out, n.Kind().String())
		}
		return ast.WalkContinue, nil
	})
	return out
}

func TestParser(t *testing.T) {
	tests := []struct {
		name, in string
		table    bool
		want     string
		reason   string
	}{
		{"code-span", "a `b` c", false, "Paragraph CodeSpan", "code spans decide what is code"},
		{"raw-html", "a <!-- hidden --> c", false, "Paragraph RawHTML", "inline comments are hidden text"},
		{"autolink", "<https://example.com/a>", false, "Paragraph AutoLink", "an autolink is not raw HTML"},
		{"no-emphasis", "*a* _b_ **c** ~~d~~", false, "Paragraph", "emphasis is left as text"},
		{"no-links", "[a](https://example.com) www.example.com", false, "Paragraph", "links are left as text"},
		{"code-in-brackets", "[`a`](b)", false, "Paragraph CodeSpan", "code inside link text is still code"},
		{"blocks", "# h\n\n> q\n\n- i\n\n```\nc\n```\n\n<details>\n", false,
			"Heading Blockquote Paragraph List ListItem TextBlock FencedCodeBlock HTMLBlock", "block structure is CommonMark's"},
		{"table", "|a|b|\n|-|-|\n|1|`2`|\n", true, "Table TableHeader TableCell TableCell TableRow TableCell TableCell CodeSpan", "GitHub tables when asked"},
		{"no-table", "|a|b|\n|-|-|\n", false, "Paragraph", "no tables by default"},
	}
	for _, tt := range tests {
		got := strings.Join(kinds(tt.in, tt.table), " ")
		if got != tt.want {
			t.Errorf("%s (%s): got %q, want %q", tt.name, tt.reason, got, tt.want)
		}
	}
}

func TestFlatten(t *testing.T) {
	tests := []struct {
		name, in, want, reason string
	}{
		{"shallow", "> > quoted\n- item\n", "> > quoted\n- item\n", "ordinary nesting is left alone"},
		{"deep", strings.Repeat(">", 34) + "x", strings.Repeat(">", 32) + "  x", "markers past the limit become spaces"},
		{"ordered", strings.Repeat("1. ", 33) + "x", strings.Repeat("1. ", 32) + "   x", "ordered list markers count too"},
		{"not-a-marker", strings.Repeat("-", 40), strings.Repeat("-", 40), "a thematic break is no list"},
	}
	for _, tt := range tests {
		if got := string(Flatten([]byte(tt.in), MaxDepth)); got != tt.want {
			t.Errorf("%s (%s): got %q, want %q", tt.name, tt.reason, got, tt.want)
		}
	}
}

// worstCases are the paragraphs that cost goldmark's full inline parser
// time quadratic in their length: unmatched delimiters and brackets.
var worstCases = []lineartest.Case{
	lineartest.Repeat("emphasis", "*a_", ""),
	lineartest.Repeat("emphasis-nested", "**_", "a"),
	lineartest.Repeat("brackets", "[", "a"),
	lineartest.Repeat("link-openers", "![a](", ""),
	lineartest.Repeat("strikethrough", "~a_", ""),
	lineartest.Repeat("backtick-runs", "`a``", ""),
	lineartest.Repeat("unclosed-comment", "<!-- a ", ""),
	lineartest.Repeat("html-tags", "<a ", ""),
	lineartest.Repeat("autolinks", "<http://a", ""),
	lineartest.Repeat("link-definitions", "[a]: <", ""),
	lineartest.Repeat("table-rows", "|a|b|\n", ""),
	// The most tree per byte: a node for every two bytes of one paragraph.
	lineartest.Repeat("paragraph-lines", "a\n", ""),
	lineartest.Repeat("code-spans", "a `b` ", ""),
	lineartest.Repeat("paragraphs", "a\n\n", ""),
}

// BenchmarkWorstCase walks each worst-case input at 4, 16 and 64 KiB
// (GitHub's description limit is 64 KiB) with Walk, the way to read
// untrusted text: see lineartest. A parse of the whole document holds a
// tree of 60 to 230 bytes for each byte of input, and the garbage
// collector's work on it grows faster than the input (backtick-runs 30 to
// 45 times from 1x to 16x, paragraph-lines 49 times).
func BenchmarkWorstCase(b *testing.B) {
	nop := func(ast.Node, bool) (ast.WalkStatus, error) { return ast.WalkContinue, nil }
	lineartest.Run(b, 4<<10, worstCases, func(in string) error {
		return Walk([]byte(in), true, nop)
	})
}
