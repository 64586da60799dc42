// Package mdblock builds the goldmark parser heft's Markdown readers
// share: CommonMark's block structure, GitHub's tables when asked (found
// by this package's own paragraph transformer, built from the nodes of
// goldmark's extension/ast package), and of the inline syntax only code
// spans, autolinks and raw HTML, the three that decide what is code and
// what is HTML.
//
// Emphasis, links, strikethrough and linkified URLs are left out on
// purpose. Nothing heft reads depends on them (the readers take text from
// the source lines, not from rendered inlines), and goldmark's delimiter
// and bracket processing costs time quadratic in the unmatched delimiters
// of a paragraph: a 65,536-character description of "*a_" took 1.5 s to
// parse with them and takes milliseconds without. Code spans, autolinks
// and raw HTML are each found by a scan forward from their opener, and a
// paragraph's inlines are parsed once. Walk reads a document a few KiB at
// a time, so that the tree held at once stays small whatever its length.
package mdblock

import (
	"slices"
	"sync"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// Parser returns the shared parser without GitHub's tables. It is built
// on first use and safe for concurrent use. Its tree of a whole document
// takes 60 to 230 bytes for every byte of it; read untrusted text with
// Walk, which holds the tree of a few KiB at a time.
func Parser() parser.Parser { return plain() }

// TableParser returns the shared parser with GitHub's tables. It is built
// on first use and safe for concurrent use. Like Parser's, its tree of a
// whole document is large: see Walk.
func TableParser() parser.Parser { return tables() }

var (
	plain  = sync.OnceValue(func() parser.Parser { return build(false) })
	tables = sync.OnceValue(func() parser.Parser { return build(true) })
)

// InlineParsers returns the inline parsers the shared parsers use, with
// goldmark's default priorities.
func InlineParsers() []util.PrioritizedValue {
	return []util.PrioritizedValue{
		util.Prioritized(parser.NewCodeSpanParser(), 100),
		util.Prioritized(parser.NewAutoLinkParser(), 300),
		util.Prioritized(parser.NewRawHTMLParser(), 400),
	}
}

func build(table bool) parser.Parser {
	opts := []parser.Option{
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(InlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	}
	if table {
		// Priority 200, as goldmark's extension registers its table
		// transformer: after link reference definitions (100).
		opts = append(opts, parser.WithParagraphTransformers(util.Prioritized(tableTransformer{}, 200)))
	}
	return parser.NewParser(opts...)
}

// MaxDepth is how many container markers (">" quotes and list
// items) a line may open before further ones are read as text. Nobody
// nests 32 levels deep on one line; goldmark's cost grows with the square
// of the depth (16,384 ">" took seconds).
const MaxDepth = 32

// Flatten returns src with every container marker beyond the depth
// limit at the start of a line (">", "-", "*", "+", "1." or "1)")
// replaced by spaces, so that the text keeps its byte offsets and stays
// inside the deepest allowed container. It is one linear pass and copies
// src only when a line goes too deep.
func Flatten(src []byte, limit int) []byte {
	out, copied := src, false
	blankOut := func(lo, hi int) {
		if !copied {
			out, copied = slices.Clone(src), true
		}
		for k := lo; k < hi; k++ {
			out[k] = ' '
		}
	}
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		depth := 0
		for i := start; i < end; i++ {
			c := src[i]
			if c == ' ' || c == '\t' {
				continue
			}
			n := containerMarker(src[i:end])
			if n == 0 {
				break
			}
			depth++
			if depth > limit {
				blankOut(i, i+n)
			}
			i += n - 1
		}
		start = end + 1
	}
	return out
}

// containerMarker returns the length of the quote or list marker b starts
// with, or 0.
func containerMarker(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	sp := func(i int) bool { return i == len(b) || b[i] == ' ' || b[i] == '\t' }
	switch c := b[0]; {
	case c == '>':
		return 1
	case c == '-' || c == '*' || c == '+':
		if sp(1) {
			return 1
		}
	case c >= '0' && c <= '9':
		i := 0
		for i < len(b) && i < 9 && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i < len(b) && (b[i] == '.' || b[i] == ')') && sp(i+1) {
			return i + 1
		}
	}
	return 0
}
