package diffstat

import (
	"errors"
	"fmt"
)

// Errors a ParseError wraps, for errors.Is.
var (
	// ErrNotDiff: the input has text but no file section of a unified diff.
	ErrNotDiff = errors.New("not a unified diff")

	// ErrMalformed: the input looks like a diff but breaks its format: a
	// hunk whose lines disagree with its header, a truncated hunk, a bad
	// header line, a NUL byte.
	ErrMalformed = errors.New("malformed diff")

	// ErrUnsupported: a diff format heft does not read, such as the
	// combined diffs git prints for merge commits (diff --cc).
	ErrUnsupported = errors.New("unsupported diff format")

	// ErrTooLarge: the input is over Options.MaxBytes.
	ErrTooLarge = errors.New("diff too large")
)

// ParseError says what is wrong with a diff and where.
type ParseError struct {
	Line int    // 1-based line of the input; 0 when not known
	Path string // the file section the line belongs to, if any
	Msg  string // what is wrong, in words
	Err  error  // ErrNotDiff, ErrMalformed, ErrUnsupported, ErrTooLarge or an I/O error
}

// Error formats the error as "diffstat: line N: path: what", leaving out
// the line and the path when they are not known.
func (e *ParseError) Error() string {
	s := "diffstat: "
	if e.Line > 0 {
		s += fmt.Sprintf("line %d: ", e.Line)
	}
	if e.Path != "" {
		s += fmt.Sprintf("%s: ", e.Path)
	}
	if e.Msg != "" {
		return s + e.Msg
	}
	return s + e.Err.Error()
}

// Unwrap returns the class of the error (ErrMalformed, ...) or the
// underlying I/O error.
func (e *ParseError) Unwrap() error { return e.Err }
