package mdblock

import (
	"bytes"
	"errors"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// ChunkSize is about the most of a document Walk parses at once.
const ChunkSize = 4 << 10

// Walk parses src as Parser (TableParser when table is set) does and
// calls w for every node below the document, entering and leaving, in
// document order, as ast.Walk would on the whole document's tree; the
// nodes' segments are offsets into src. A walker's ast.WalkSkipChildren
// and ast.WalkStop work as in ast.Walk, and its error stops Walk, which
// returns it.
//
// Walk holds the tree of about ChunkSize bytes at a time, where a parse
// of the whole document holds a tree of about 60 to 230 bytes for every
// byte of it: a 64 KiB description then keeps the garbage collector
// scanning megabytes, which made the cost per byte grow with the input.
// It parses a chunk, hands w every top-level block but the last (a
// Markdown block, once the next one has started, never changes: blocks
// are read line by line), and starts the next chunk where that last block
// starts. The nodes are those of a whole-document parse, so long as no
// top-level block (a paragraph, a list, a quote, a fenced block) is longer
// than ChunkSize: one that is is cut, before a line that starts with a
// letter if there is one, and its pieces are read as blocks of their own.
func Walk(src []byte, table bool, w ast.Walker) error {
	_, err := walk(src, table, ChunkSize, w)
	return err
}

// walk is Walk with a chunk size of max bytes; exact reports whether no
// block had to be cut.
func walk(src []byte, table bool, max int, w ast.Walker) (exact bool, err error) {
	p := Parser()
	if table {
		p = TableParser()
	}
	parse := func(start, end int) ast.Node {
		// The reader sees src up to end, its capacity cut there too
		// (goldmark appends a line break to a source whose last line is
		// indented code, which must not land in src), and starts at
		// start, so the nodes' segments are offsets into src.
		r := text.NewReader(src[:end:end])
		r.SetPosition(-1, text.NewSegment(start, start))
		r.AdvanceLine()
		return p.Parse(r)
	}
	exact = true
	// blank is whether blank lines come before the line the chunk starts
	// on, as the previous chunk's parse saw it, or -1: a parse takes its
	// first line to follow a blank line, which the whole document's
	// parse may not (see firstLine).
	blank := -1
	for start := 0; start < len(src); {
		end := len(src)
		if end-start > max {
			// End the chunk after its last whole line: a line cut short
			// could end a block it does not end ("--- x" cut to "---").
			end = start + max
			if i := bytes.LastIndexByte(src[start:end], '\n'); i >= 0 {
				end = start + i + 1
			} else {
				// One line longer than a chunk: cut it, no need to
				// parse first to see that it is one block.
				exact = false
				end = lineCut(src, start, max)
				doc := parse(start, end)
				setBlank(src, start, doc, blank)
				if err := walkChildren(doc, nil, w); err != nil {
					return exact, unstop(err)
				}
				start, blank = end, -1
				continue
			}
		}
		doc := parse(start, end)
		setBlank(src, start, doc, blank)
		if end == len(src) {
			return exact, unstop(walkChildren(doc, nil, w))
		}
		// Every top-level block but the last is closed and final: the
		// next chunk starts on the line where the last one starts.
		last := lastOpened(doc)
		cut := -1
		if last != nil && last != doc.FirstChild() && last.Pos() >= start {
			cut = bytes.LastIndexByte(src[:last.Pos()], '\n') + 1
		}
		if cut <= start {
			// One block fills the chunk: cut it.
			exact = false
			cut = forcedCut(src, start, end, max)
			if cut != end {
				doc = parse(start, cut)
				setBlank(src, start, doc, blank)
			}
			last = nil
		}
		blank = -1
		if last != nil {
			blank = 0
			for _, n := range firstLine(src, cut, last) {
				if n.HasBlankPreviousLines() {
					blank = 1
				}
			}
		}
		if err := walkChildren(doc, last, w); err != nil {
			return exact, unstop(err)
		}
		start = cut
	}
	return exact, nil
}

// lastOpened returns the last of doc's children that starts where its
// block was opened. A paragraph's transformers can make several nodes of
// it: link reference definitions are taken out as nodes of their own
// before it, its position moved to what is left ("[a]: /u\n*" leaves
// "*", which opens a list where the paragraph's line does not), and a
// table found in its middle follows what is left of it, with the
// paragraph's position. So a block with a definition before it, or a
// block that starts where the one before it does, is passed over.
func lastOpened(doc ast.Node) ast.Node {
	n := doc.LastChild()
	for n != nil {
		prev := n.PreviousSibling()
		if n.Kind() != ast.KindLinkReferenceDefinition && (prev == nil ||
			prev.Kind() != ast.KindLinkReferenceDefinition && prev.Pos() < n.Pos()) {
			break
		}
		n = prev
	}
	return n
}

// firstLine returns n and its first children, in order, that open on
// the line that starts at start. goldmark gives each the same flag of
// blank lines before them (but for the paragraphs a tight list turns
// into new text blocks, and the tables found in paragraphs, which start
// with it unset).
func firstLine(src []byte, start int, n ast.Node) []ast.Node {
	end := len(src)
	if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
		end = start + i
	}
	var out []ast.Node
	for ; n != nil && n.Type() == ast.TypeBlock && n.Pos() >= start && n.Pos() <= end; n = n.FirstChild() {
		out = append(out, n)
	}
	return out
}

// setBlank gives the blocks of doc that open on its first line, at
// start, the flag of blank lines before them that the whole document's
// parse gives them, blank (when not -1): a chunk's parse sets it on all
// of them, since it takes its first line to follow a blank line, and
// those that still have it set are those the whole parse gives blank.
func setBlank(src []byte, start int, doc ast.Node, blank int) {
	if blank < 0 {
		return
	}
	for _, n := range firstLine(src, start, doc.FirstChild()) {
		if n.HasBlankPreviousLines() {
			n.SetBlankPreviousLines(blank == 1)
		}
	}
}

// errStop is walkChildren's error when w returned ast.WalkStop.
var errStop = errors.New("mdblock: walk stopped")

func unstop(err error) error {
	if err == errStop {
		return nil
	}
	return err
}

// walkChildren walks doc's children before stop (all of them when stop
// is nil) with w.
func walkChildren(doc, stop ast.Node, w ast.Walker) error {
	for n := doc.FirstChild(); n != nil && n != stop; n = n.NextSibling() {
		stopped := false
		err := ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			s, err := w(n, entering)
			if s == ast.WalkStop && err == nil {
				stopped = true
			}
			return s, err
		})
		if err != nil {
			return err
		}
		if stopped {
			return errStop
		}
	}
	return nil
}

// forcedCut returns where to cut a chunk src[start:end) that holds one
// block, end a line start: before the last line from the middle of the
// chunk on that starts with an ASCII letter (a paragraph's line, which
// opens no block of its own), else at end.
func forcedCut(src []byte, start, end, max int) int {
	for i := end; i > start && i >= start+max/2; i-- {
		if i < len(src) && src[i-1] == '\n' && isLetter(src[i]) {
			return i
		}
	}
	return end
}

// lineCut returns where to cut a line that starts at start and is longer
// than max: after the last space in the second half of its first max
// bytes, else on a rune boundary at start+max.
func lineCut(src []byte, start, max int) int {
	half, end := start+max/2, start+max
	if i := bytes.LastIndexByte(src[half:end], ' '); i >= 0 {
		return half + i + 1
	}
	for end > start+1 && !utf8.RuneStart(src[end]) {
		end--
	}
	return end
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
