package diffstat

import (
	"errors"
	"sync"

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
	if f.nHunks == 0 {
		if f.Added+f.Deleted > 0 {
			return nil, ErrNoPatch
		}
		return nil, nil
	}
	// The hunks and all their lines are two allocations: the lines of
	// every hunk share one array, of exactly the lines the scanner counted
	// (it had room for every line break of the patch, headers included,
	// and one more a hunk: twice the lines of a diff of tiny hunks), each
	// hunk's capped at its own length. The lines' Text strings share the
	// kept patch, as EachHunk's do, so a hunk's text is never copied (a
	// 4 MiB line was copied five times on its way through go-diff's hunk
	// reader), and the collector has two objects to trace where it had
	// one per hunk.
	hunks := make([]Hunk, f.nHunks)
	lines := make([]Line, 0, f.hunkLines)
	line := f.patchLine
	rest := f.patch
	for i := range hunks {
		h := &hunks[i]
		var n int
		var err error
		if rest, n, err = parseHunkInto(h, rest, lines[len(lines):], true); err != nil {
			return nil, &ParseError{Line: line, Path: f.Path(), Err: ErrMalformed, Msg: err.Error()}
		}
		k := len(h.Lines)
		if len(lines)+k <= cap(lines) && (k == 0 || &h.Lines[0] == &lines[:len(lines)+1][len(lines)]) {
			lines = lines[:len(lines)+k]
		}
		h.Line = line
		line += n
	}
	return hunks, nil
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
