package mdblock

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// tableTransformer turns a paragraph into a GitHub table where one of
// its lines after the first is a delimiter row ("|---|:-:|") and the line
// before it has as many cells as the delimiter row has columns. The lines
// above the header stay a paragraph; every line after the delimiter row
// is a body row, cut or padded to the header's width. It builds the same
// nodes, with the same lines and positions, as goldmark's extension
// package (TestTableMatchesExtension compares the two), so heft's readers
// can take tables from the extension's AST package without importing the
// extension, whose package initialisers compile linkify's and the task
// list's regular expressions in every process.
//
// What it leaves out: the extension also splits the text of a code span
// in a cell at each "\|" (an AST transformer). heft reads a table as its
// source lines, never as rendered cells, so that step would cost a pass
// over every table for nothing.
type tableTransformer struct{}

// Transform implements parser.ParagraphTransformer.
func (tableTransformer) Transform(para *ast.Paragraph, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	lines := para.Lines()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		aligns := delimiterRow(seg.Value(src))
		if aligns == nil {
			continue
		}
		header := tableRow(lines.At(i-1), aligns, true, src)
		if header.ChildCount() != len(aligns) {
			return
		}
		table := east.NewTable()
		table.Alignments = aligns
		table.SetPos(para.Pos())
		table.AppendChild(table, east.NewTableHeader(header))
		for j := i + 1; j < lines.Len(); j++ {
			table.AppendChild(table, tableRow(lines.At(j), aligns, false, src))
		}
		parent := para.Parent()
		lines.SetSliced(0, i-1)
		parent.InsertAfter(parent, para, table)
		if lines.Len() == 0 {
			parent.RemoveChild(parent, para)
			return
		}
		// The paragraph's last line loses its line break.
		last := lines.At(i - 2)
		last.Stop--
		lines.Set(i-2, last)
		return
	}
}

// delimiterRow returns the column alignments of a table delimiter row,
// or nil if line is not one. A delimiter row is indented at most three
// columns, holds only '|', ':', '-' and spaces, is more than a run of
// '-' (a thematic break or a setext underline), and each of its cells,
// split at '|' with a blank first and last cell dropped, is "-" runs
// with an optional ':' at either end and spaces around.
func delimiterRow(line []byte) []east.Alignment {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return nil
	}
	dashes := true
	for _, c := range line {
		if c != '-' {
			dashes = false
		}
		if c != '-' && c != '|' && c != ':' && !util.IsSpace(c) {
			return nil
		}
	}
	if dashes {
		return nil
	}
	cols := bytes.Split(line, []byte{'|'})
	if util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && util.IsBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	var aligns []east.Alignment
	for _, col := range cols {
		a, ok := alignment(col)
		if !ok {
			return nil
		}
		aligns = append(aligns, a)
	}
	return aligns
}

// alignment reads one delimiter cell: optional white space, an optional
// ':', one or more '-', an optional ':', optional white space. White
// space here is a space, tab, line feed, form feed or carriage return
// (a vertical tab passes the row test above but no cell).
func alignment(col []byte) (east.Alignment, bool) {
	i, n := 0, len(col)
	for i < n && cellSpace(col[i]) {
		i++
	}
	for n > i && cellSpace(col[n-1]) {
		n--
	}
	col = col[i:n]
	left := len(col) > 0 && col[0] == ':'
	if left {
		col = col[1:]
	}
	right := len(col) > 0 && col[len(col)-1] == ':'
	if right {
		col = col[:len(col)-1]
	}
	if len(col) == 0 || bytes.Count(col, []byte{'-'}) != len(col) {
		return east.AlignNone, false
	}
	switch {
	case left && right:
		return east.AlignCenter, true
	case left:
		return east.AlignLeft, true
	case right:
		return east.AlignRight, true
	}
	return east.AlignNone, true
}

func cellSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// tableRow splits one line of a table into cells at each '|' that has no
// backslash before it, after dropping white space and one '|' at either
// end. A body row keeps at most len(aligns) cells; the header keeps all
// of them (the caller rejects a header of the wrong width). A short row
// is padded with empty cells.
func tableRow(seg text.Segment, aligns []east.Alignment, header bool, src []byte) *east.TableRow {
	orig := seg
	seg = seg.TrimLeftSpace(src)
	seg = seg.TrimRightSpace(src)
	line := seg.Value(src)
	row := east.NewTableRow(aligns)
	row.SetPos(orig.Start)
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	col := 0
	for ; pos < limit; col++ {
		align := east.AlignNone
		if col < len(aligns) {
			align = aligns[col]
		} else if !header {
			return row
		}
		end := pos
		for end < limit && (line[end] != '|' || end > 0 && line[end-1] == '\\') {
			end++
		}
		cell := east.NewTableCell()
		cell.SetPos(orig.Start + pos - orig.Padding)
		cell.Alignment = align
		cs := text.NewSegment(seg.Start+pos, seg.Start+end)
		cs = cs.TrimLeftSpace(src)
		cs = cs.TrimRightSpace(src)
		cell.Lines().Append(cs)
		row.AppendChild(row, cell)
		pos = end + 1
	}
	for ; col < len(aligns); col++ {
		row.AppendChild(row, east.NewTableCell())
	}
	return row
}
