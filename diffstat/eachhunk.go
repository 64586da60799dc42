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
	if len(f.hunkStarts) == 0 {
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
	for i, start := range f.hunkStarts {
		end := len(f.patch)
		if i+1 < len(f.hunkStarts) {
			end = f.hunkStarts[i+1]
		}
		b := f.patch[start:end]
		if err := parseHunkInto(&h, b); err != nil {
			return &ParseError{Line: line, Path: f.Path(), Err: ErrMalformed, Msg: err.Error()}
		}
		h.Line = line
		line += bytes.Count(b, []byte{'\n'})
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

// parseHunkInto parses one hunk, as the scanner delimited it, into h,
// reusing h.Lines. The body becomes one string; each line's Text is a
// slice of it.
func parseHunkInto(h *Hunk, b []byte) error {
	header, body, _ := bytes.Cut(b, []byte{'\n'})
	oldStart, oldLines, newStart, newLines, ok := parseHunkHeader(header)
	if !ok {
		return fmt.Errorf("bad hunk header %q", header)
	}
	lines := h.Lines[:0]
	if n := oldLines + newLines; cap(lines) < n && n <= len(body) {
		lines = make([]Line, 0, n) // exact for a hunk of only changes, and never more than the body's bytes
	}
	*h = Hunk{OldStart: oldStart, OldLines: oldLines, NewStart: newStart, NewLines: newLines}
	if i := bytes.Index(header[2:], []byte("@@")); i >= 0 && i+4 <= len(header) {
		h.Section = strings.TrimSpace(string(header[i+4:]))
	}
	// The patch is never written once parsed, so the lines can share it.
	text := unsafe.String(unsafe.SliceData(body), len(body))
	oldN, newN := oldStart, newStart
	for len(text) > 0 {
		raw, rest, _ := strings.Cut(text, "\n")
		text = rest
		raw = strings.TrimSuffix(raw, "\r") // as go-diff reads CRLF lines
		if strings.HasPrefix(raw, "\\") {
			// "\ No newline at end of file" belongs to neither file;
			// it marks the line before it (git's form starts "\ ").
			if len(lines) > 0 && strings.HasPrefix(raw, "\\ ") {
				lines[len(lines)-1].NoNewline = true
			}
			continue
		}
		var l Line
		l.Op, l.Text = cutOp(raw)
		l.number(&oldN, &newN)
		lines = append(lines, l)
	}
	h.Lines = lines // on an error too: EachHunk gives the slice back to its pool
	if oldN-oldStart != oldLines || newN-newStart != newLines {
		return fmt.Errorf("bad hunk: %d old and %d new lines where the header says %d and %d", oldN-oldStart, newN-newStart, oldLines, newLines)
	}
	return nil
}
