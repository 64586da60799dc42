// Package mdblock builds the goldmark parser heft's Markdown readers
// share: CommonMark's block structure, GitHub's tables when asked, and of
// the inline syntax only code spans, autolinks and raw HTML, the three
// that decide what is code and what is HTML.
//
// Emphasis, links, strikethrough and linkified URLs are left out on
// purpose. Nothing heft reads depends on them (the readers take text from
// the source lines, not from rendered inlines), and goldmark's delimiter
// and bracket processing costs time quadratic in the unmatched delimiters
// of a paragraph: a 65,536-character description of "*a_" took 1.5 s to
// parse with them and takes milliseconds without. Code spans, autolinks
// and raw HTML are each found by a scan forward from their opener, and a
// paragraph's inlines are parsed once.
package mdblock

import (
	"sync"

	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// Parser returns the shared parser without GitHub's tables. It is built
// on first use and safe for concurrent use.
func Parser() parser.Parser { return plain() }

// TableParser returns the shared parser with GitHub's tables. It is built
// on first use and safe for concurrent use.
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
		opts = append(opts,
			parser.WithParagraphTransformers(util.Prioritized(extension.NewTableParagraphTransformer(), 200)),
			parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)))
	}
	return parser.NewParser(opts...)
}
