// Package mdsplit splits a pull request description, Markdown with HTML
// in it, into the parts a reviewer reads differently: the author's prose,
// code, block quotes, HTML comments, collapsed <details> blocks, tables,
// other HTML, and what the repository's pull request template put there
// and the author left unchanged.
//
// It parses with goldmark (CommonMark, and GitHub's tables through
// internal/mdblock's transformer; a task list box is list item text) and
// reads HTML blocks with the golang.org/x/net/html
// tokenizer, so a "<!--" inside a code block is code and a "```" inside
// a comment is hidden text. goldmark does not nest Markdown inside
// <details>: the opening and closing tags are sibling HTML blocks, so
// Split tracks their depth itself; everything between the opening tag of
// a collapsed block (one without the open attribute) and its closing tag,
// summary included, is a Details part, except HTML comments, which stay
// comments wherever they are.
package mdsplit

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"

	"github.com/heft-dev/heft/internal/enum"
	"github.com/heft-dev/heft/internal/lazyre"
	"github.com/heft-dev/heft/internal/mdblock"
)

// Kind is what sort of text a part holds.
type Kind uint8

// The kinds of part.
const (
	Prose    Kind = iota // the author's own words: paragraphs, headings, list items
	Code                 // fenced or indented code blocks
	Quote                // block quotes, usually someone else's words
	Comment              // HTML comments: hidden when the description is rendered
	Details              // collapsed <details> blocks, summary included
	Table                // GitHub tables
	HTML                 // visible text of other HTML blocks (badges, <p>, <img>)
	Template             // lines of the pull request template the author left unchanged
)

var kindNames = [...]string{"prose", "code", "quote", "comment", "details", "table", "html", "template"}

// Kinds lists every Kind, in order.
var Kinds = []Kind{Prose, Code, Quote, Comment, Details, Table, HTML, Template}

// String returns the kind's stable lower-case name, such as "comment".
func (k Kind) String() string {
	return enum.Name("Kind", kindNames[:], k)
}

// MarshalText encodes the kind as its String form.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes a kind from its String form.
func (k *Kind) UnmarshalText(b []byte) error {
	return enum.Unmarshal(k, kindNames[:], b, "mdsplit: unknown kind")
}

// Part is one piece of a description.
type Part struct {
	Kind Kind `json:"kind"`

	// Line is the 1-based line of the description where the part starts.
	Line int `json:"line"`

	// Text is the part's text: whole source lines for prose, quotes,
	// tables and template lines (list markers included); the content of a
	// code block without its fences; the inside of an HTML comment
	// without "<!--" and "-->"; the text of HTML without its tags.
	Text string `json:"text"`

	// Section is the text of the nearest heading above the part, empty
	// before the first heading.
	Section string `json:"section,omitempty"`

	// ListItem reports whether the part is (in) a list item.
	ListItem bool `json:"list_item,omitempty"`
}

// DefaultMaxBytes is the default limit on the size of a description.
const DefaultMaxBytes = 1 << 20

// Options tunes Split. The zero value, and a nil *Options, use the
// defaults.
type Options struct {
	// Template is the repository's pull request template. Lines of the
	// description that are lines of the template (compared with leading
	// and trailing white space trimmed, and "[x]" read as "[ ]") are
	// Template parts; a comment, code block or quote the template has
	// in full is a Template part as a whole.
	Template string `json:"template,omitempty"`

	// MaxBytes is the largest description Split accepts; longer ones get
	// a *TooLargeError. Default DefaultMaxBytes (1 MiB).
	MaxBytes int `json:"max_bytes,omitempty"`
}

// ErrTooLarge is wrapped by every *TooLargeError.
var ErrTooLarge = errors.New("mdsplit: description too large")

// TooLargeError is returned for a description longer than the limit.
type TooLargeError struct {
	Size, Limit int // in bytes
}

// Error says how large the description is and the limit it exceeds.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("mdsplit: description is %d bytes, over the limit of %d", e.Size, e.Limit)
}

// Unwrap returns ErrTooLarge.
func (e *TooLargeError) Unwrap() error { return ErrTooLarge }

// ErrParse is wrapped by the error Split returns when the Markdown parser
// fails (it panicked); the description is not split at all.
var ErrParse = errors.New("mdsplit: markdown parser failed")

// Split splits a description into parts, in the order they appear. Blank
// lines and thematic breaks belong to no part. Invalid UTF-8 is passed
// through as it is. The parts' texts share memory with body and with each
// other, so a part kept keeps them all.
//
// Its time and memory are linear in the size of body: it parses a chunk
// of at most a few KiB at a time, and keeps nothing per part or line that
// the garbage collector must trace until it builds the result.
func Split(body string, opts *Options) (parts []Part, err error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if len(body) > o.MaxBytes {
		return nil, &TooLargeError{Size: len(body), Limit: o.MaxBytes}
	}
	s := &splitter{body: body, first: 1, tmpl: templateLines(o.Template)}
	for _, c := range chunks(body, maxChunk) {
		if err := s.parse(c[0], c[1]); err != nil {
			return nil, err
		}
	}
	return s.result(), nil
}

// parse splits the chunk body[start:end].
func (s *splitter) parse(start, end int) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: line %d: %v", ErrParse, s.line(0), p)
		}
	}()
	// The chunk's bytes go into a buffer every chunk reuses, and its
	// line table holds its own lines only: what Split keeps from one
	// chunk to the next is the parts' text and fixed-size records (see
	// splitter).
	chunk := append(s.src[:0], s.body[start:end]...)
	s.src, s.base = chunk, start
	s.first += s.newlines
	s.newlines = bytes.Count(chunk, []byte{'\n'})
	s.starts = s.starts[:0]
	for i, c := range chunk {
		if c == '\n' && start+i+1 < len(s.body) {
			s.starts = append(s.starts, i+1)
		}
	}
	// mdblock's parser leaves emphasis and links as text: goldmark's
	// delimiter processing is quadratic in a paragraph's unmatched
	// delimiters, and the parts are cut from source lines anyway.
	// Containers past mdblock.MaxDepth on a line are read as text: the
	// parser's cost grows with the square of a line's nesting.
	// goldmark gets a copy of its own: it can write into its source (a
	// chunk ending in the indented code line "    <" gets a line break
	// appended past its end, which the old shared slice of the whole
	// description took as the next chunk's first byte).
	s.parsed = append(s.parsed[:0], chunk...)
	doc := mdblock.TableParser().Parse(text.NewReader(mdblock.Flatten(s.parsed, mdblock.MaxDepth)))
	s.blocks(doc, false)
	return nil
}

// A splitter keeps, while it works through the chunks, nothing the
// garbage collector has to trace per part or per line: the parts are
// fixed-size records without pointers, holding offsets into the
// description or, for text that is not a piece of it, into one byte
// slice, so the live heap a collection scans stays the size of one
// chunk's syntax tree however long the description is. Split builds the
// []Part once, at the end, with every Text a substring of the description
// or of one string made from that slice.
type splitter struct {
	body     string // the description
	src      []byte // the chunk being parsed (a reused buffer); offsets are into it
	parsed   []byte // goldmark's copy of it (a reused buffer)
	base     int    // the chunk's offset in the description
	first    int    // the description's line where the chunk starts (1-based)
	newlines int    // line breaks in the chunk
	starts   []int  // chunk offsets of the lines that start after its first byte
	tmpl     map[string]bool
	section  [2]int     // the current section's text in arena
	details  []bool     // open <details> elements, innermost last; true if collapsed
	closed   int        // how many of details are collapsed
	arena    []byte     // section names and the parts' text that is not a piece of body, back to back
	recs     [][]record // the parts so far, in blocks of recordBlock
	nrecs    int
}

// A record is a Part with its texts as offsets: into the description
// when the text is a piece of it, else into the splitter's arena.
type record struct {
	line, text, end, section, sectionEnd int
	kind                                 Kind
	item                                 bool
	inBody                               bool // text and end are offsets into the description
}

// result returns the parts, in order of their lines.
func (s *splitter) result() []Part {
	if s.nrecs == 0 {
		return nil
	}
	all := string(s.arena)
	parts := make([]Part, 0, s.nrecs)
	for _, b := range s.recs {
		for _, r := range b {
			from := all
			if r.inBody {
				from = s.body
			}
			parts = append(parts, Part{Kind: r.kind, Line: r.line, Text: from[r.text:r.end], Section: all[r.section:r.sectionEnd], ListItem: r.item})
		}
	}
	// goldmark can put a node before one that starts earlier: mdblock's
	// table transformer inserts a table cut from a setext heading's lines
	// before the heading.
	byLine := func(a, b Part) int { return cmp.Compare(a.Line, b.Line) }
	if !slices.IsSortedFunc(parts, byLine) {
		slices.SortStableFunc(parts, byLine)
	}
	return parts
}

// recordBlock is how many records a block holds: the records grow by
// blocks, not by copying a slice that grows with the description. The
// first block starts at firstBlock records and grows to recordBlock as a
// slice grows: most descriptions have a few dozen parts.
const (
	recordBlock = 256
	firstBlock  = 16
)

// push appends a record.
func (s *splitter) push(r record) {
	switch n := len(s.recs); {
	case n == 0:
		s.recs = append(s.recs, make([]record, 0, firstBlock))
	case len(s.recs[n-1]) >= recordBlock:
		s.recs = append(s.recs, make([]record, 0, recordBlock))
	}
	b := &s.recs[len(s.recs)-1]
	*b = append(*b, r)
	s.nrecs++
}

// collapsed reports whether the current position is inside a collapsed
// <details> element.
func (s *splitter) collapsed() bool { return s.closed > 0 }

// line returns the 1-based line of the description of byte offset off
// of the chunk.
func (s *splitter) line(off int) int {
	return s.first + sort.SearchInts(s.starts, off+1)
}

// lineStart returns the chunk offset where line n (1-based) starts, or 0
// if it starts before the chunk.
func (s *splitter) lineStart(n int) int {
	i := n - s.first - 1
	switch {
	case i < 0:
		return 0
	case i >= len(s.starts):
		return len(s.src)
	}
	return s.starts[i]
}

// rawLines returns the whole source lines spanning [start, stop),
// without the final line break, and where they start in the description.
func (s *splitter) rawLines(start, stop int) (string, int) {
	if stop <= start {
		return "", -1
	}
	a := s.lineStart(s.line(start))
	b := len(s.src)
	if i := bytes.IndexByte(s.src[stop-1:], '\n'); i >= 0 {
		b = stop - 1 + i
	}
	return strings.TrimRight(s.text(a, b), "\r\n"), s.base + a
}

// text returns the description's text at chunk offsets [a, b), without
// a copy.
func (s *splitter) text(a, b int) string { return s.body[s.base+a : s.base+b] }

// add adds a part of kind k at chunk offset off. at is where txt is in
// the description, or -1 if it is not a piece of it: a piece becomes a
// substring of the description, other text is copied.
func (s *splitter) add(k Kind, off int, txt string, at int, item bool) {
	if strings.TrimSpace(txt) == "" {
		return
	}
	if s.collapsed() && k != Comment && k != Template {
		k = Details
	}
	r := record{line: s.line(off), section: s.section[0], sectionEnd: s.section[1], kind: k, item: item}
	if at >= 0 && at+len(txt) <= len(s.body) && s.body[at:at+len(txt)] == txt {
		r.text, r.end, r.inBody = at, at+len(txt), true
	} else {
		r.text = len(s.arena)
		s.arena = append(s.arena, txt...)
		r.end = len(s.arena)
	}
	s.push(r)
}

// blocks walks the children of a container block.
func (s *splitter) blocks(n ast.Node, item bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		s.block(c, item)
	}
}

func (s *splitter) block(n ast.Node, item bool) {
	switch n := n.(type) {
	case *ast.List:
		s.blocks(n, true)
	case *ast.ListItem:
		s.blocks(n, true)
	case *ast.Heading:
		start, stop := span(n)
		if start < 0 {
			return
		}
		raw, at := s.rawLines(start, stop)
		if !s.collapsed() {
			start := len(s.arena)
			s.arena = append(s.arena, headingText(string(textOf(n, s.src)))...)
			s.section = [2]int{start, len(s.arena)}
		}
		s.prose(start, raw, at, item)
	case *ast.Paragraph, *ast.TextBlock:
		s.paragraph(n, item)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		s.code(n, item)
	case *ast.Blockquote:
		s.wholeNode(Quote, n, item)
	case *east.Table:
		s.wholeNode(Table, n, item)
	case *ast.HTMLBlock:
		s.html(n, item)
	case *ast.ThematicBreak:
	default:
		if n.Type() == ast.TypeBlock && n.HasChildren() {
			s.blocks(n, item)
		}
	}
}

// wholeNode records block n, quote or table, as one part of kind k,
// its raw lines as they stand in the source.
func (s *splitter) wholeNode(k Kind, n ast.Node, item bool) {
	start, stop := span(n)
	if start < 0 {
		return
	}
	raw, at := s.rawLines(start, stop)
	s.whole(k, start, raw, at, item)
}

// whole adds a part of kind k, or a Template part if the template holds
// every line of it.
func (s *splitter) whole(k Kind, off int, txt string, at int, item bool) {
	if s.inTemplate(txt) {
		k = Template
	}
	s.add(k, off, txt, at, item)
}

// prose adds the lines of raw, starting at byte offset off (at in the
// description, or -1 if raw is not a piece of it), as Prose, or as
// Template where a line is one of the template's.
func (s *splitter) prose(off int, raw string, at int, item bool) {
	if len(s.tmpl) == 0 {
		s.add(Prose, off, raw, at, item)
		return
	}
	// Runs of lines of one kind: line runLine starts at byte runByte of
	// raw.
	first := s.line(off)
	runLine, runByte, runKind := 0, 0, Kind(255)
	flush := func(end int) {
		if end > runByte {
			runAt := -1
			if at >= 0 {
				runAt = at + runByte
			}
			s.add(runKind, s.lineStart(first+runLine), raw[runByte:end-1], runAt, item)
		}
	}
	i := 0
	for start := 0; start <= len(raw); i++ {
		end := strings.IndexByte(raw[start:], '\n')
		if end < 0 {
			end = len(raw)
		} else {
			end += start
		}
		k := Prose
		if s.tmpl[normLine(raw[start:end])] {
			k = Template
		}
		if k != runKind {
			flush(start)
			runLine, runByte, runKind = i, start, k
		}
		start = end + 1
	}
	flush(len(raw) + 1)
}

// paragraph adds a paragraph: its HTML comments as Comment parts and the
// rest as prose.
func (s *splitter) paragraph(n ast.Node, item bool) {
	start, stop := span(n)
	if start < 0 {
		return
	}
	raw, at := s.rawLines(start, stop)
	base := s.lineStart(s.line(start))
	// Cut inline comments (<!-- ... --> inside a paragraph) out of it.
	var cuts [][2]int
	var comments []int // offsets of the comments, after the prose
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r, ok := c.(*ast.RawHTML)
		if !ok || r.Segments.Len() == 0 {
			continue
		}
		a := r.Segments.At(0).Start
		b := r.Segments.At(r.Segments.Len() - 1).Stop
		if bytes.HasPrefix(s.src[a:b], []byte("<!--")) {
			comments = append(comments, a, b)
			cuts = append(cuts, [2]int{a - base, b - base})
		}
	}
	if len(cuts) == 0 {
		s.prose(start, raw, at, item)
		return
	}
	defer func() {
		for i := 0; i+1 < len(comments); i += 2 {
			s.comment(comments[i], s.text(comments[i], comments[i+1]))
		}
	}()
	var b strings.Builder
	prev := 0
	for _, c := range cuts {
		if c[0] < prev || c[1] > len(raw) {
			continue
		}
		b.WriteString(raw[prev:c[0]])
		prev = c[1]
	}
	b.WriteString(raw[min(prev, len(raw)):])
	s.prose(start, b.String(), -1, item)
}

// comment adds the HTML comment h (markers included) found at chunk
// offset off.
func (s *splitter) comment(off int, h string) {
	inner := strings.TrimPrefix(h, "<!--")
	at := s.base + off + len(h) - len(inner)
	inner = strings.TrimSuffix(inner, "-->")
	at += len(inner) - len(strings.TrimLeftFunc(inner, unicode.IsSpace))
	k := Comment
	if s.inTemplate(h) {
		k = Template
	}
	s.add(k, off, strings.TrimSpace(inner), at, false)
}

func (s *splitter) code(n ast.Node, item bool) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	var b strings.Builder
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(s.src))
	}
	s.whole(Code, lines.At(0).Start, strings.TrimRight(b.String(), "\n"), -1, item)
}

// html reads an HTML block with the x/net/html tokenizer: comments become
// Comment parts, <details> tags open and close collapsed regions, and the
// text between tags is HTML or Details.
func (s *splitter) html(n *ast.HTMLBlock, item bool) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	start := lines.At(0).Start
	stop := lines.At(lines.Len() - 1).Stop
	if n.HasClosure() {
		stop = max(stop, n.ClosureLine.Stop)
	}
	raw := s.src[start:stop]
	if n := onlyComment(raw); n > 0 {
		s.comment(start, s.text(start, start+n))
		return
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	z.SetMaxBuf(0)
	off := start
	var txt strings.Builder
	txtOff := -1
	flush := func() {
		if txtOff >= 0 {
			s.whole(HTML, txtOff, strings.TrimSpace(txt.String()), -1, item)
		}
		txt.Reset()
		txtOff = -1
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		rawTok := z.Raw()
		here := off
		off += len(rawTok)
		switch tt {
		case html.CommentToken:
			flush()
			s.comment(here, s.text(here, off))
		case html.TextToken:
			t := s.text(here, off)
			if strings.TrimSpace(t) == "" {
				continue
			}
			if txtOff < 0 {
				txtOff = here + (len(t) - len(strings.TrimLeftFunc(t, unicode.IsSpace)))
			}
			txt.WriteString(html.UnescapeString(t))
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "details" {
				if txtOff >= 0 {
					txt.WriteByte(' ')
				}
				continue
			}
			flush()
			switch tt {
			case html.StartTagToken:
				open := false
				for hasAttr {
					var k []byte
					k, _, hasAttr = z.TagAttr()
					if string(k) == "open" {
						open = true
					}
				}
				s.details = append(s.details, !open)
				if !open {
					s.closed++
				}
			case html.EndTagToken:
				if len(s.details) > 0 {
					if s.details[len(s.details)-1] {
						s.closed--
					}
					s.details = s.details[:len(s.details)-1]
				}
			}
		}
	}
	flush()
}

// onlyComment returns the length of the HTML comment raw starts with
// when nothing but ASCII white space follows it, as the x/net/html
// tokenizer reads a comment (it ends at the first "-->" or "--!>", or at
// once for "<!-->" and "<!--->"), else 0: the block the templates' and
// tools' comments make, read without a tokenizer and its 4 KiB buffer.
func onlyComment(raw []byte) int {
	x, ok := bytes.CutPrefix(raw, []byte("<!--"))
	if !ok || bytes.HasPrefix(x, []byte(">")) || bytes.HasPrefix(x, []byte("->")) {
		return 0
	}
	k := bytes.Index(x, []byte("-->"))
	if k < 0 || bytes.Contains(x[:k+3], []byte("--!>")) {
		return 0
	}
	for _, c := range x[k+3:] {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			return 0
		}
	}
	return len("<!--") + k + len("-->")
}

// inTemplate reports whether every non-blank line of txt is a line of
// the template.
func (s *splitter) inTemplate(txt string) bool {
	if len(s.tmpl) == 0 {
		return false
	}
	any := false
	for l := range strings.SplitSeq(txt, "\n") {
		n := normLine(l)
		if n == "" {
			continue
		}
		if !s.tmpl[n] {
			return false
		}
		any = true
	}
	return any
}

// span returns the byte range a block covers, from its descendants'
// lines and inline segments; start is -1 when it has none.
func span(n ast.Node) (start, stop int) {
	start, stop = -1, -1
	grow := func(a, b int) {
		if start < 0 || a < start {
			start = a
		}
		if b > stop {
			stop = b
		}
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if c.Type() == ast.TypeBlock {
			ls := c.Lines()
			for i := 0; i < ls.Len(); i++ {
				grow(ls.At(i).Start, ls.At(i).Stop)
			}
		}
		if t, ok := c.(*ast.Text); ok {
			grow(t.Segment.Start, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	// n.Pos() is not used: a table's is where the paragraph it was cut
	// from starts, which would take the lines above it twice.
	return start, stop
}

// textOf returns the plain text of a node's inline content.
func textOf(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.Bytes()
}

var (
	linkRE      = lazyre.New(`!?\[([^\]\n]*)\]\([^)\n]*\)`)
	emphOpenRE  = lazyre.New(`(^|\s)[_~]+`)
	emphCloseRE = lazyre.New(`[_~]+(\s|$)`)
)

// headingText returns a heading's text without emphasis markers and link
// targets, which the parser leaves as text: "**Why** [this](u)" is
// "Why this". Underscores inside words stay (snake_case names).
func headingText(s string) string {
	if plainHeading(s) {
		return s
	}
	return cleanHeading(s)
}

// cleanHeading is headingText by its expressions.
func cleanHeading(s string) string {
	s = linkRE.ReplaceAllString(s, "$1")
	s = strings.ReplaceAll(s, "*", "")
	s = emphOpenRE.ReplaceAllString(s, "$1")
	s = emphCloseRE.ReplaceAllString(s, "$1")
	return strings.Join(strings.Fields(s), " ")
}

// plainHeading reports whether cleanHeading would leave s as it is:
// ASCII without the bytes its expressions and its asterisks need ('[',
// '*', '_' and '~'), and single spaces between words only. Most
// headings are, and skip four passes of regexp.
func plainHeading(s string) bool {
	for i := range len(s) {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '[', c == '*', c == '_', c == '~', c != ' ' && unicode.IsSpace(rune(c)):
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' '):
			return false
		}
	}
	return true
}

// templateLines returns the normalised non-blank lines of a template.
func templateLines(t string) map[string]bool {
	if strings.TrimSpace(t) == "" {
		return nil
	}
	m := make(map[string]bool)
	for l := range strings.SplitSeq(t, "\n") {
		if n := normLine(l); n != "" {
			m[n] = true
		}
	}
	// Comments in the template are compared whole, as written.
	return m
}

// normLine trims a line and reads a checked task box as unchecked, so a
// template checklist the author ticked is still the template's text.
func normLine(l string) string {
	l = strings.TrimSpace(l)
	for _, box := range []string{"- [x]", "- [X]", "* [x]", "* [X]"} {
		if strings.HasPrefix(l, box) {
			l = l[:2] + "[ ]" + l[len(box):]
		}
	}
	return l
}

// maxChunk is the size above which Split parses a description in chunks:
// goldmark takes time quadratic in the nesting depth of a line
// (">>>>...", "- - - ...") and in the length of a paragraph of unclosed
// links, so a long description is cut where a cut cannot change how it
// parses, and pathological input that has no such place is cut anyway.
const maxChunk = 4 << 10

// chunks returns [start, end) byte ranges that cover src, each at most
// max bytes unless it is one safe piece. A chunk ends, when it can, before
// a line that starts at column 0 after a blank line, outside fenced code,
// HTML comments and <pre>, <script>, <style> and <textarea> blocks: a
// Markdown block never continues across such a point. Failing that it
// ends at a line break, and failing that anywhere on a rune boundary.
func chunks(src string, max int) [][2]int {
	if len(src) <= max {
		return [][2]int{{0, len(src)}}
	}
	var out [][2]int
	start := 0
	safe, line := -1, -1 // last safe cut and last line start after start
	var sc scanState
	prevBlank := false
	for off := 0; off < len(src); {
		// A line that ends past start+max is cut wherever it ends: look
		// no further, or a long line would be searched once a chunk.
		lim := min(len(src), start+max+1)
		end := strings.IndexByte(src[off:lim], '\n')
		if end < 0 {
			end = lim
		} else {
			end += off + 1
		}
		l := src[off:end]
		if off > start {
			line = off
			if prevBlank && sc.normal() && len(l) > 0 && l[0] != ' ' && l[0] != '\t' && l[0] != '\n' && l[0] != '\r' {
				safe = off
			}
		}
		if end-start > max {
			cut := safe
			if cut <= start {
				cut = line
			}
			if cut <= start {
				cut = forcedCut(src, start, max)
			}
			out = append(out, [2]int{start, cut})
			start, safe, line = cut, -1, -1
			sc = scanState{}
			off = cut
			prevBlank = false
			continue
		}
		prevBlank = len(strings.TrimSpace(l)) == 0
		sc.scan(l)
		off = end
	}
	if start < len(src) {
		out = append(out, [2]int{start, len(src)})
	}
	return out
}

// forcedCut returns where to cut a chunk of src that starts at start and
// has no line break in its first max bytes: before the last space in its
// second half, or else on a rune boundary at max.
func forcedCut(src string, start, max int) int {
	end := start + max
	if i := strings.LastIndexByte(src[start+max/2:end], ' '); i > 0 {
		return start + max/2 + i
	}
	for end > start && !utf8.RuneStart(src[end]) {
		end--
	}
	return end
}

// scanState follows, line by line, the blocks a blank line does not end.
type scanState struct {
	fence   byte // '`' or '~' inside a fenced code block
	fenceN  int
	comment bool   // inside an HTML comment block
	raw     string // inside a <pre>, <script>, <style> or <textarea> block: its closing tag
}

func (s *scanState) normal() bool { return s.fence == 0 && !s.comment && s.raw == "" }

// rawTags are the HTML blocks a blank line does not end: the opening
// and the closing tag of each.
var rawTags = [...][2]string{{"<pre", "</pre>"}, {"<script", "</script>"}, {"<style", "</style>"}, {"<textarea", "</textarea>"}}

func (s *scanState) scan(l string) {
	t := strings.TrimLeft(l, " ")
	switch {
	case s.fence != 0:
		if n := run(t, s.fence); n >= s.fenceN && len(strings.TrimSpace(t[n:])) == 0 {
			s.fence = 0
		}
	case s.comment:
		if strings.Contains(l, "-->") {
			s.comment = false
		}
	case s.raw != "":
		// Lower-casing makes no '<': a line without one cannot close.
		if strings.IndexByte(l, '<') >= 0 && strings.Contains(strings.ToLower(l), s.raw) {
			s.raw = ""
		}
	case len(l)-len(t) > 3:
		// indented code
	case run(t, '`') >= 3 && !strings.ContainsRune(t[run(t, '`'):], '`'):
		s.fence, s.fenceN = '`', run(t, '`')
	case run(t, '~') >= 3:
		s.fence, s.fenceN = '~', run(t, '~')
	case strings.HasPrefix(t, "<!--"):
		s.comment = !strings.Contains(t[4:], "-->")
	case strings.HasPrefix(t, "<"):
		lt := strings.ToLower(t)
		for _, tag := range rawTags {
			if strings.HasPrefix(lt, tag[0]) && !strings.Contains(lt, tag[1]) {
				s.raw = tag[1]
			}
		}
	}
}

// run counts the leading bytes of b equal to c.
func run(b string, c byte) int {
	n := 0
	for n < len(b) && b[n] == c {
		n++
	}
	return n
}
