package diffstat

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unsafe"
)

// EachHunk calls fn with each of the file's hunks in order, parsing one
// hunk at a time, and stops at fn's first error, which it returns. It
// gives the same hunks as Hunks (a test keeps the two in step) at a
// fraction of the cost and memory: it reads the lines the scanner already
// checked directly, copies no text (the lines' Text strings share the
// file's kept patch, which nothing modifies once parsed), and reuses the
// Hunk and its Lines slice, from one hunk to the next and from one call to
// the next, so a caller holds at most one hunk, never the file's, and
// makes next to no garbage. fn must not keep h or h.Lines past its return
// (copy what it needs); the lines' Text strings may be kept. Like Hunks,
// it fails with ErrNoPatch when the file came from a Scanner that did not
// keep patches. It is safe for concurrent use.
func (f *File) EachHunk(fn func(h *Hunk) error) error {
	if f.nHunks == 0 {
		if f.Added+f.Deleted > 0 {
			return ErrNoPatch
		}
		return nil
	}
	buf := linePool.Get().(*[]Line)
	h := Hunk{Lines: (*buf)[:0]}
	defer func() {
		if cap(h.Lines) <= maxPooledLines {
			*buf = h.Lines[:0]
			linePool.Put(buf)
		}
	}()
	line := f.patchLine
	rest := f.patch
	for range f.nHunks {
		var n int
		var err error
		if rest, n, err = parseHunkInto(&h, rest, h.Lines, false); err != nil {
			return &ParseError{Line: line, Path: f.Path(), Err: ErrMalformed, Msg: err.Error()}
		}
		h.Line = line
		line += n
		if err := fn(&h); err != nil {
			return err
		}
	}
	return nil
}

// linePool holds the Lines slices EachHunk reuses; maxPooledLines keeps
// one huge hunk's slice from being held for good.
var linePool = sync.Pool{New: func() any { return new([]Line) }}

const maxPooledLines = 1 << 16

// parseHunkInto parses the hunk at the start of b, a kept patch, into h,
// its lines into room's array when it has room for them (capped at their
// number if exact), and returns the rest of b and the number of lines the
// hunk took, its header and "\ No newline" markers included. The hunk
// ends where the scanner ended it: when its header's counts are used up
// and, if one follows, after a marker. Each line's Text shares b (the
// patch is never written once parsed).
//
// h is written once, at the end: a store of a pointer (its Lines, its
// Section) goes through the write barrier while a collection marks, and
// at Hunks' largest sizes a collection marks through much of the parse.
// For the same reason an empty Section is the empty string, not an empty
// stretch of the patch.
func parseHunkInto(h *Hunk, b []byte, room []Line, exact bool) (rest []byte, n int, err error) {
	header, body, _ := bytes.Cut(b, []byte{'\n'})
	oldStart, oldLines, newStart, newLines, ok := parseHunkHeader(header)
	if !ok {
		return nil, 0, fmt.Errorf("bad hunk header %q", header)
	}
	lines := room[:0]
	// A hunk has at least max(oldLines, newLines) lines and at most their
	// sum (context lines count on both sides). Room for fewer than the
	// least is made for the most: exact for a hunk of only changes, and
	// never more than the body's bytes. Room for the least is kept, so
	// Hunks' shared array, sized exactly, is never left for a copy.
	if n := oldLines + newLines; cap(lines) < max(oldLines, newLines) && n <= len(body) {
		lines = make([]Line, 0, n)
	}
	text := unsafe.String(unsafe.SliceData(body), len(body))
	var section string
	if i := bytes.Index(header[2:], []byte("@@")); i >= 0 && i+4 <= len(header) {
		// The section shares the patch as the lines do.
		if sec := strings.TrimSpace(unsafe.String(unsafe.SliceData(header[i+4:]), len(header)-i-4)); sec != "" {
			section = sec
		}
	}
	n = 1
	oldN, newN := oldStart, newStart
	oldEnd, newEnd := oldStart+oldLines, newStart+newLines
	for len(text) > 0 {
		done := oldN >= oldEnd && newN >= newEnd
		if done && text[0] != '\\' {
			break
		}
		raw, after, _ := strings.Cut(text, "\n")
		text = after
		n++
		raw = strings.TrimSuffix(raw, "\r") // as go-diff reads CRLF lines
		if strings.HasPrefix(raw, "\\") {
			// "\ No newline at end of file" belongs to neither file;
			// it marks the line before it (git's form starts "\ ").
			if len(lines) > 0 && strings.HasPrefix(raw, "\\ ") {
				lines[len(lines)-1].NoNewline = true
			}
			if done {
				break // the one marker that may follow a hunk's last line
			}
			continue
		}
		var l Line
		l.Op, l.Text = cutOp(raw)
		l.number(&oldN, &newN)
		lines = append(lines, l)
		if oldN > oldEnd || newN > newEnd {
			break
		}
	}
	if exact {
		lines = lines[:len(lines):len(lines)]
	}
	// On an error too: EachHunk gives the lines' slice back to its pool.
	*h = Hunk{OldStart: oldStart, OldLines: oldLines, NewStart: newStart, NewLines: newLines, Section: section, Lines: lines}
	if oldN-oldStart != oldLines || newN-newStart != newLines {
		return nil, 0, fmt.Errorf("bad hunk: %d old and %d new lines where the header says %d and %d", oldN-oldStart, newN-newStart, oldLines, newLines)
	}
	return b[len(b)-len(text):], n, nil
}
