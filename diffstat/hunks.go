package diffstat

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unsafe"

	godiff "github.com/sourcegraph/go-diff/diff"

	"github.com/heft-dev/heft/internal/enum"
)

// ErrNoPatch is returned by File.Hunks when the file's hunks were not
// kept: it came from a Scanner without Options.KeepPatch.
var ErrNoPatch = errors.New("diffstat: hunks not kept (use Parse or Options.KeepPatch)")

// LineOp says what a hunk line does.
type LineOp uint8

// The kinds of hunk line.
const (
	LineContext LineOp = iota // unchanged, on both sides
	LineAdded                 // only in the new file
	LineDeleted               // only in the old file
)

var lineOpNames = [...]string{"context", "added", "deleted"}

// String returns "context", "added" or "deleted".
func (o LineOp) String() string {
	return enum.Name("LineOp", lineOpNames[:], o)
}

// MarshalText encodes the operation as its String form.
func (o LineOp) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// Line is one line of a hunk.
type Line struct {
	Op LineOp `json:"op"`

	// Old and New are the line's 1-based numbers in the old and new file;
	// 0 on the side the line is not in.
	Old int `json:"old,omitempty"`
	New int `json:"new,omitempty"`

	// Text is the line without its leading marker and its newline. A
	// CRLF file's lines keep their "\r".
	Text string `json:"text"`

	// NoNewline reports that the line is the last of its file and has no
	// newline at its end: the diff follows it with "\ No newline at end
	// of file". For a context line it is true of both files.
	NoNewline bool `json:"no_newline,omitempty"`
}

// Hunk is one "@@ -a,b +c,d @@" section of a file's diff.
type Hunk struct {
	OldStart int    `json:"old_start"`
	OldLines int    `json:"old_lines"`
	NewStart int    `json:"new_start"`
	NewLines int    `json:"new_lines"`
	Section  string `json:"section,omitempty"` // the text after the second @@, often a function name
	Line     int    `json:"line"`              // 1-based line of the hunk header in the input
	Lines    []Line `json:"lines"`
}

// Hunks parses the file's hunks into numbered lines. A file read by a
// Scanner or Parse is parsed once: every later call, from any goroutine,
// returns the same hunks (several scorers read them), which callers must
// not modify. It fails with ErrNoPatch when the file came from a Scanner
// that did not keep patches; binary and mode-only changes have no hunks.
func (f *File) Hunks() ([]Hunk, error) {
	if f.hunks == nil {
		return f.parseHunks()
	}
	f.hunks.once.Do(func() { f.hunks.h, f.hunks.err = f.parseHunks() })
	return f.hunks.h, f.hunks.err
}

// hunkCache holds what Hunks returned.
type hunkCache struct {
	once sync.Once
	h    []Hunk
	err  error
}

func (f *File) parseHunks() ([]Hunk, error) {
	if len(f.hunkStarts) == 0 {
		if f.Added+f.Deleted > 0 {
			return nil, ErrNoPatch
		}
		return nil, nil
	}
	hunks := make([]Hunk, 0, len(f.hunkStarts))
	line := f.patchLine
	for i, start := range f.hunkStarts {
		end := len(f.patch)
		if i+1 < len(f.hunkStarts) {
			end = f.hunkStarts[i+1]
		}
		h, err := parseHunk(f.patch[start:end])
		if err != nil {
			return nil, &ParseError{Line: line, Path: f.Path(), Err: ErrMalformed, Msg: err.Error()}
		}
		h.Line = line
		line += bytes.Count(f.patch[start:end], []byte{'\n'})
		hunks = append(hunks, h)
	}
	return hunks, nil
}

// parseHunk parses one hunk, exactly as the scanner delimited it, with
// go-diff behind recover. Fed one hunk at a time, go-diff cannot mistake
// a "--- " content line for the next file's header.
func parseHunk(b []byte) (h Hunk, err error) {
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

// cutOp splits a hunk's line into its operation, by its first byte ('+'
// added, '-' deleted, anything else context), and its text after that
// byte. An empty line is an empty context line.
func cutOp[T string | []byte](raw T) (LineOp, T) {
	if len(raw) == 0 {
		return LineContext, raw
	}
	switch raw[0] {
	case '+':
		return LineAdded, raw[1:]
	case '-':
		return LineDeleted, raw[1:]
	}
	return LineContext, raw[1:]
}

// number gives l its line numbers from the running counters of a hunk and
// advances them: an added line has only a new number, a deleted line
// only an old one, a context line both.
func (l *Line) number(oldN, newN *int) {
	switch l.Op {
	case LineAdded:
		l.New = *newN
		*newN++
	case LineDeleted:
		l.Old = *oldN
		*oldN++
	default:
		l.Old, l.New = *oldN, *newN
		*oldN++
		*newN++
	}
}
