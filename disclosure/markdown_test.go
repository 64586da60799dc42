package disclosure

import (
	"math/rand/v2"
	"slices"
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
	// The shapes whose syntax tree is largest for its size (a node every
	// few bytes), from internal/mdblock's worst cases: one long line of
	// code spans, a table of tiny rows, a paragraph of tiny lines, code
	// spans between words.
	cases = append(cases,
		lineartest.Repeat("backtick-runs", "`a``", ""),
		lineartest.Repeat("table-rows", "|a|b|\n", ""),
		lineartest.Repeat("html-tags", "<a ", ""),
		lineartest.Repeat("paragraph-lines", "a\n", ""),
		lineartest.Repeat("code-spans", "a `b` ", ""),
	)
	lineartest.Run(b, 4096, cases, func(in string) error {
		Parse(in)
		return nil
	})
}

// TestPlainTextUnparsed: text plainText lets scanMarkdown skip is text
// goldmark finds nothing to mark in, on made-up commit messages and
// descriptions of plain lines, lists, headings, indentation under four
// columns, line endings of every kind and what comes near Markdown.
func TestPlainTextUnparsed(t *testing.T) {
	frags := []string{"Fix the pager", "- item", "* item", "1. step", "  - nested", "   three", "## Heading", "Title\n===", "---", "***",
		"[link](https://x.y)", "**bold**", "_em_", "&lt;b&gt;", "&#96;", "http://a.b/c", "\n", "\n\n", "\r\n", "\r", " ", "  ", "a\\", "|a|b|", "\n|--|--|",
		"Co-authored-by: A <a@b.c>", "    code", "\tcode", "- a\n\n      code", "`x`", "~~~", "<!-- c -->", "> quote", "<details>",
		"<", ">", "a > b", "a < b", "- > q", "1. > q", "  > q", "-> x", "<b>bold</b>", "<p>", "</p>", "</3", "</>", "<?x?>", "<!x>", "<!--",
		"<DETAILS>", "</Details>", "<summary>Prompt</summary>", "<div>\n", "<script>", "<a href=\"x\">", "Name <x y>", "<x@y.z>", "<https://x.y>",
		"-->", "a\n>", "\r> q", "x\n\n<div>a</div>\n\nb", "<pre>\n", "<!-- a -->", "<br/>", "&lt;", "<a\n", "<a b=\"\n\">"}
	r := rand.New(rand.NewPCG(6, 1))
	plain, angles := 0, 0
	for range 40000 {
		var b strings.Builder
		for range 1 + r.IntN(10) {
			b.WriteString(frags[r.IntN(len(frags))])
		}
		s := b.String()
		if !plainText(s) {
			continue
		}
		plain++
		if strings.ContainsAny(s, "<>") {
			angles++
		}
		l := parseMarkdown(s, make([]uint8, len(s)))
		for i, m := range l.mask {
			if m != 0 {
				t.Fatalf("%q: plainText, but byte %d is marked %b", s, i, m)
			}
		}
		if len(l.details) > 0 {
			t.Fatalf("%q: plainText, but holds <details>", s)
		}
	}
	if plain < 1000 || angles < 1000 {
		t.Fatalf("only %d plain texts made, %d of them with angle brackets", plain, angles)
	}
}

// FuzzPlainText checks that goldmark marks nothing in a text plainText
// lets scanMarkdown skip.
func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"Fix\n\nCo-authored-by: A <a@b.c>\n", "a > b\n- > q", "<b>x</b>\n\n<div>\n</3", "1. a\n   <p>\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !plainText(s) {
			return
		}
		l := parseMarkdown(s, make([]uint8, len(s)))
		if i := slices.IndexFunc(l.mask, func(m uint8) bool { return m != 0 }); i >= 0 || len(l.details) > 0 {
			t.Fatalf("%q: plainText, but byte %d is marked or it holds <details> (%d)", s, i, len(l.details))
		}
	})
}
