package disclosure

import (
	"io"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/net/html"

	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/mdblock"
)

// Mask bits say what a byte of the input is inside of.
const (
	mCode    uint8 = 1 << iota // a code block or code span
	mQuote                     // a block quote
	mComment                   // an HTML comment
	mBlock                     // a prompt or transcript <details> block
)

// markdown returns the parser of the scan: block structure, code spans,
// autolinks and raw HTML, all that decides what is code, quote or HTML.
// Emphasis, links and GFM's inline extensions change none of it, and
// goldmark's delimiter processing is quadratic in a paragraph's unmatched
// delimiters ("*a_" 21,845 times took 1.5 s); see package mdblock.
func markdown() parser.Parser { return mdblock.Parser() }

// layout is what the Markdown structure tells the scanners: a mask byte
// per input byte, and the <details> blocks found.
type layout struct {
	mask    []uint8
	details []detailsBlock
}

type detailsBlock struct {
	start, end int
	summary    string
}

// scanMarkdown parses text with goldmark and marks code, quotes and HTML
// comments, and finds <details> blocks. goldmark runs behind recover: on
// a panic the text is treated as having no structure. Plain text
// (plainText) gets no mask at all: every byte of it reads as unmarked.
func scanMarkdown(text string) (l layout) {
	if plainText(text) {
		return l
	}
	return parseMarkdown(text, make([]uint8, len(text)))
}

// parseMarkdown is scanMarkdown's parse, marking mask (zeroed, one byte
// per byte of text).
func parseMarkdown(text string, mask []uint8) (l layout) {
	l.mask = mask
	defer func() {
		if recover() != nil {
			clear(l.mask)
			l.details = nil
		}
	}()
	src := mdblock.Flatten([]byte(text), mdblock.MaxDepth)
	var htmlSegs [][2]int
	quotes := 0 // block quotes open around the node
	_ = mdblock.Walk(src, false, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*ast.Blockquote); ok && !entering {
			quotes--
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				l.mark(s.Start, s.Stop, mCode)
			}
			if f, ok := n.(*ast.FencedCodeBlock); ok {
				l.markFences(text, f)
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					l.mark(t.Segment.Start, t.Segment.Stop, mCode)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Blockquote:
			quotes++
			if quotes > 1 {
				break // the outermost quote's mark covers it
			}
			lo, hi := span(n)
			if lo < hi {
				lo = strings.LastIndexByte(text[:lo], '\n') + 1
				if e := strings.IndexByte(text[hi:], '\n'); e >= 0 {
					hi += e
				} else {
					hi = len(text)
				}
				l.mark(lo, hi, mQuote)
			}
		case *ast.HTMLBlock:
			lines := n.Lines()
			if lines.Len() > 0 {
				lo, hi := lines.At(0).Start, lines.At(lines.Len()-1).Stop
				if n.HasClosure() {
					hi = max(hi, n.ClosureLine.Stop)
				}
				htmlSegs = append(htmlSegs, [2]int{lo, hi})
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				htmlSegs = append(htmlSegs, [2]int{n.Segments.At(0).Start, n.Segments.At(n.Segments.Len() - 1).Stop})
			}
		}
		return ast.WalkContinue, nil
	})
	l.scanHTML(text, htmlSegs)
	return l
}

// plainText reports whether text has none of what scanMarkdown marks:
// no backtick or tilde (code spans, fences), no line indented four
// columns or by a tab (indented code, also inside a list item or a quote,
// which indent further), and only harmless angle brackets
// (harmlessAngles). goldmark then finds nothing to mark, and most commit
// messages, whose co-author trailers hold "<address>", are read without
// parsing them.
func plainText(text string) bool {
	if strings.ContainsAny(text, "`~") {
		return false
	}
	if strings.ContainsAny(text, "<>") && !harmlessAngles(text) {
		return false
	}
	for i := 0; i < len(text); i++ {
		if i > 0 && text[i-1] != '\n' && text[i-1] != '\r' {
			continue
		}
		cols := 0
		for j := i; j < len(text) && (text[j] == ' ' || text[j] == '\t'); j++ {
			if text[j] == '\t' {
				return false
			}
			if cols++; cols >= 4 {
				return false
			}
		}
	}
	return true
}

// harmlessAngles reports whether the angle brackets of text can make
// neither a quote nor an HTML comment nor a <details> block. A '>' opens
// a quote only after blanks, list markers or other quotes on its line:
// each '>' must have an ASCII letter before it on its line. HTML, block
// or inline, is marked only where golang.org/x/net/html reads a comment
// or a details tag: it reads a comment after "<!", "<?" and "</" but for
// "</" and a letter, so no '<' may be followed by those, and the text may
// not hold "details" in any case.
func harmlessAngles(text string) bool {
	letter := false // an ASCII letter since the line's start
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\n' || c == '\r':
			letter = false
		case c|0x20 >= 'a' && c|0x20 <= 'z':
			letter = true
		case c == '>':
			if !letter {
				return false
			}
		case c == '<' && i+1 < len(text):
			switch text[i+1] {
			case '!', '?':
				return false
			case '/':
				if i+2 >= len(text) || text[i+2]|0x20 < 'a' || text[i+2]|0x20 > 'z' {
					return false
				}
			}
		}
	}
	return !containsFold(text, "details")
}

// markFences marks a fenced block's opening and closing fence lines too,
// so that its info string is not read as text.
func (l *layout) markFences(text string, f *ast.FencedCodeBlock) {
	if f.Info != nil {
		s := f.Info.Segment
		l.mark(s.Start, s.Stop, mCode)
	}
}

// span returns the extent of a node's lines and its descendants' lines.
func span(n ast.Node) (lo, hi int) {
	lo, hi = -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		lines := c.Lines()
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			if lo < 0 || s.Start < lo {
				lo = s.Start
			}
			if s.Stop > hi {
				hi = s.Stop
			}
		}
		return ast.WalkContinue, nil
	})
	if lo < 0 {
		return 0, 0
	}
	return lo, hi
}

func (l *layout) mark(lo, hi int, bit uint8) {
	lo, hi = max(lo, 0), min(hi, len(l.mask))
	for i := lo; i < hi; i++ {
		l.mask[i] |= bit
	}
}

var tagRE = lazyre.New(`<[^>]*>`)

// scanHTML tokenizes the HTML segments goldmark found, in order, marking
// comments and tracking <details> nesting across segments: goldmark gives
// "<details>" and "</details>" as separate sibling blocks.
func (l *layout) scanHTML(text string, segs [][2]int) {
	slices.SortFunc(segs, func(a, b [2]int) int { return a[0] - b[0] })
	depth, open := 0, 0
	summaryStart, summary := -1, ""
	for _, sg := range segs {
		lo, hi := sg[0], min(sg[1], len(text))
		if lo >= hi {
			continue
		}
		z := html.NewTokenizer(strings.NewReader(text[lo:hi]))
		off := lo
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				if z.Err() != io.EOF {
					break
				}
				break
			}
			raw := len(z.Raw())
			name, _ := z.TagName()
			switch {
			case tt == html.CommentToken:
				l.mark(off, off+raw, mComment)
			case tt == html.StartTagToken && string(name) == "details":
				if depth == 0 {
					open, summary, summaryStart = off, "", -1
				}
				depth++
			case tt == html.EndTagToken && string(name) == "details" && depth > 0:
				depth--
				if depth == 0 {
					l.details = append(l.details, detailsBlock{start: open, end: off + raw, summary: summary})
				}
			case tt == html.StartTagToken && string(name) == "summary" && depth == 1 && summary == "":
				summaryStart = off + raw
			case tt == html.EndTagToken && string(name) == "summary" && summaryStart >= 0 && off >= summaryStart:
				summary = cleanSummary(text[summaryStart:off])
				summaryStart = -1
			}
			off += raw
		}
	}
	if depth > 0 {
		l.details = append(l.details, detailsBlock{start: open, end: len(text), summary: summary})
	}
}

func cleanSummary(s string) string {
	s = tagRE.ReplaceAllString(s, " ")
	s = strings.NewReplacer("*", "", "_", "", "`", "", "#", "").Replace(s)
	s = html.UnescapeString(s)
	return strings.Join(strings.Fields(s), " ")
}
