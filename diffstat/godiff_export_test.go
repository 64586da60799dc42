package diffstat

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unsafe"

	godiff "github.com/sourcegraph/go-diff/diff"
)

// GoDiffHunks parses f's hunks as Hunks did before it read them itself:
// through github.com/sourcegraph/go-diff's hunk reader, one hunk at a
// time. It is the reference the tests hold Hunks and EachHunk to (an
// independent reading of the same format), and is built only into tests.
func GoDiffHunks(f *File) ([]Hunk, error) {
	if f.nHunks == 0 {
		if f.Added+f.Deleted > 0 {
			return nil, ErrNoPatch
		}
		return nil, nil
	}
	// The hunks are cut where a line starts with "@@", which no line of a
	// hunk does ('+', '-', ' ', '\\' or an empty line): a reading of the
	// boundaries independent of Hunks', which follows the headers' counts.
	var starts []int
	for i := 0; i < len(f.patch); {
		if bytes.HasPrefix(f.patch[i:], []byte("@@")) {
			starts = append(starts, i)
		}
		j := bytes.IndexByte(f.patch[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	if len(starts) != f.nHunks {
		return nil, fmt.Errorf("%d hunk headers where the scanner read %d hunks", len(starts), f.nHunks)
	}
	hunks := make([]Hunk, 0, len(starts))
	line := f.patchLine
	for i, start := range starts {
		end := len(f.patch)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		h, err := goDiffHunk(f.patch[start:end])
		if err != nil {
			return nil, &ParseError{Line: line, Path: f.Path(), Err: ErrMalformed, Msg: err.Error()}
		}
		h.Line = line
		line += bytes.Count(f.patch[start:end], []byte{'\n'})
		hunks = append(hunks, h)
	}
	return hunks, nil
}

// goDiffHunk parses one hunk, exactly as the scanner delimited it, with
// go-diff behind recover. Fed one hunk at a time, go-diff cannot mistake
// a "--- " content line for the next file's header.
func goDiffHunk(b []byte) (h Hunk, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("hunk parser panicked: %v", p)
		}
	}()
	// The scanner has read the header already; give go-diff a canonical
	// one, since it is stricter about what follows the second "@@" than
	// git is ("@@ -1 +1 @@text").
	header, body, _ := bytes.Cut(b, []byte{'\n'})
	oldStart, oldLines, newStart, newLines, ok := parseHunkHeader(header)
	if !ok {
		return Hunk{}, fmt.Errorf("bad hunk header %q", header)
	}
	section := strings.TrimSpace(string(header[bytes.Index(header[2:], []byte("@@"))+4:]))
	// The header and the body reach go-diff as two readers, not one copy
	// of the hunk: a hunk can be megabytes (one minified line).
	canon := fmt.Appendf(nil, "@@ -%d,%d +%d,%d @@\n", oldStart, oldLines, newStart, newLines)
	gh, err := godiff.NewHunksReader(io.MultiReader(bytes.NewReader(canon), bytes.NewReader(body))).ReadAllHunks()
	if err != nil {
		return Hunk{}, fmt.Errorf("bad hunk: %v", err) // go-diff's errors do not unwrap
	}
	if len(gh) != 1 {
		return Hunk{}, fmt.Errorf("bad hunk: %d hunks where one was expected", len(gh))
	}
	g := gh[0]
	h = Hunk{
		OldStart: int(g.OrigStartLine), OldLines: int(g.OrigLines),
		NewStart: int(g.NewStartLine), NewLines: int(g.NewLines),
		Section: section,
	}
	h.Lines = make([]Line, 0, h.OldLines+h.NewLines)
	oldN, newN := h.OldStart, h.NewStart
	body = g.Body
	// go-diff drops the newline of a new-side line the "\ No newline"
	// marker follows, and records the offset after an old-side one.
	newNoEOL := len(body) > 0 && body[len(body)-1] != '\n'
	origNoEOL := int(g.OrigNoNewlineAt)
	off := 0
	for len(body) > 0 {
		raw, rest, found := bytes.Cut(body, []byte{'\n'})
		body = rest
		off += len(raw)
		if found {
			off++
		}
		if len(raw) > 0 && raw[0] == '\\' {
			// A marker go-diff left in: it knows only the English "\ No
			// newline at end of file", and GNU diff translates it (git
			// apply reads any "\ " line as the marker). No line of either
			// file, as the scanner counts; like EachHunk, a "\ " line
			// marks the line before it.
			if len(raw) > 1 && raw[1] == ' ' && len(h.Lines) > 0 {
				h.Lines[len(h.Lines)-1].NoNewline = true
			}
			continue
		}
		op, text := cutOp(raw)
		// The text shares go-diff's copy of the body, which nothing else
		// holds or changes, instead of being copied once more.
		l := Line{Op: op, Text: unsafe.String(unsafe.SliceData(text), len(text))}
		switch {
		case !found && newNoEOL:
			l.NoNewline = true
		case l.Op == LineDeleted && origNoEOL > 0 && off == origNoEOL:
			l.NoNewline = true
		}
		l.number(&oldN, &newN)
		h.Lines = append(h.Lines, l)
	}
	return h, nil
}
