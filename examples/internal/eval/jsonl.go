package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/heft-dev/heft/heuristics"
)

// DefaultMaxLine is the longest JSON Lines record read by default: 64 MiB,
// room for a large diff.
const DefaultMaxLine = 64 << 20

// JSONLines reads heft's JSON Lines format: one Record per line. Blank
// lines are ignored. A line that is not a JSON object, or is longer than
// the limit, is skipped with a *SkipError naming its line number.
//
// Lines are decoded where they were read, never copied: the reader's
// buffer starts at 64 KiB, doubles when a line does not fit, up to the
// line limit (plus one byte, to see the newline), and keeps its size for
// the rest of the input. The most it keeps is the smallest doubling of
// 64 KiB that holds the longest line read, and never more than the line
// limit: 64 MiB with DefaultMaxLine, however many records follow. A
// record that long held as much again in decoded strings while it was
// read, so keeping the buffer does not raise the run's peak; it saves
// each later long record a buffer grown and copied again.
type JSONLines struct {
	name    string
	r       io.Reader
	c       io.Closer
	line    int
	maxLine int
	buf     []byte // what has been read from r; buf[start:end] is not returned yet
	start   int
	end     int
	err     error // r's error, returned once buf[start:end] is used up
}

// jsonlBufSize is the size a JSONLines buffer starts at.
const jsonlBufSize = 64 << 10

// NewJSONLines returns a source reading r; name is used in positions
// ("name:17"). maxLine bounds a line's length in bytes (0 means
// DefaultMaxLine). If r is an io.Closer, Close closes it.
func NewJSONLines(r io.Reader, name string, maxLine int) *JSONLines {
	if maxLine <= 0 {
		maxLine = DefaultMaxLine
	}
	return newJSONLines(r, name, maxLine, jsonlBufSize)
}

// newJSONLines is NewJSONLines with a buffer that starts at size bytes.
func newJSONLines(r io.Reader, name string, maxLine, size int) *JSONLines {
	j := &JSONLines{name: name, r: r, maxLine: maxLine, buf: make([]byte, size)}
	if c, ok := r.(io.Closer); ok {
		j.c = c
	}
	return j
}

// Next returns the next record.
func (j *JSONLines) Next() (*Record, error) {
	for {
		line, err := j.readLine()
		if err != nil {
			return nil, err
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		pos := j.name + ":" + strconv.Itoa(j.line)
		var rec Record
		if !decodeRecord(line, &rec) {
			rec = Record{}
			if err := json.Unmarshal(line, &rec); err != nil {
				return nil, &SkipError{Pos: pos, Reason: ReasonMalformed, Err: jsonError(line, err)}
			}
		}
		rec.Pos = pos
		if rec.Outcomes == nil {
			rec.Outcomes = recordOutcomes(&rec)
		} else if err := rec.Outcomes.validate(); err != nil {
			return nil, &SkipError{Pos: pos, Reason: ReasonMalformed, Err: err}
		}
		return &rec, nil
	}
}

// errLineTooLong is returned (wrapped) by readLine for a line over the
// limit, which it has already read past.
var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its newline. A line whose
// length with its newline is over the limit is consumed and reported as a
// *SkipError. The line is valid until the next call: it is part of j.buf.
func (j *JSONLines) readLine() ([]byte, error) {
	j.line++
	scanned := 0      // bytes of buf[start:end] known to hold no newline
	skipping := false // the line is over the limit: what was read of it is dropped
	for {
		if i := bytes.IndexByte(j.buf[j.start+scanned:j.end], '\n'); i >= 0 {
			n := scanned + i
			line := j.buf[j.start : j.start+n]
			j.start += n + 1
			if skipping || n+1 > j.maxLine {
				return nil, j.tooLong()
			}
			return line, nil
		}
		scanned = j.end - j.start
		if scanned > j.maxLine {
			// Too long whatever follows: read past the rest without keeping it.
			skipping = true
			j.start, j.end, scanned = 0, 0, 0
		}
		if j.err != nil {
			line := j.buf[j.start:j.end]
			j.start = j.end
			switch {
			case j.err != io.EOF:
				return nil, fmt.Errorf("%s:%d: %w", j.name, j.line, j.err)
			case skipping:
				return nil, j.tooLong()
			case len(line) > 0:
				return line, nil // the last line, with no newline
			}
			return nil, io.EOF
		}
		j.fill()
	}
}

// fill reads more into j.buf, making room first when it is full: it
// moves the unreturned bytes to its start, or doubles it when they fill
// it (up to the line limit and one byte, all readLine needs to see).
func (j *JSONLines) fill() {
	if j.start == j.end {
		j.start, j.end = 0, 0
	}
	if j.end == len(j.buf) {
		if j.start > 0 {
			j.end = copy(j.buf, j.buf[j.start:j.end])
			j.start = 0
		} else {
			n := max(2*len(j.buf), 1)
			if n > j.maxLine {
				n = j.maxLine + 1
			}
			b := make([]byte, n)
			j.end = copy(b, j.buf[:j.end])
			j.buf = b
		}
	}
	for range 100 {
		n, err := j.r.Read(j.buf[j.end:])
		j.end += n
		if err != nil || n > 0 {
			j.err = err
			return
		}
	}
	j.err = io.ErrNoProgress
}

// tooLong is the *SkipError for the current line, over the limit.
func (j *JSONLines) tooLong() error {
	return &SkipError{Pos: j.name + ":" + strconv.Itoa(j.line), Reason: ReasonTooLarge,
		Err: fmt.Errorf("%w: over %d bytes", errLineTooLong, j.maxLine)}
}

// jsonError makes a decoding error say which column and key.
func jsonError(line []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("column %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		return fmt.Errorf("key %q: %s is not a %s", typ.Field, typ.Value, typ.Type)
	}
	return err
}

// Close closes the underlying reader if it is an io.Closer.
func (j *JSONLines) Close() error {
	if j.c != nil {
		return j.c.Close()
	}
	return nil
}

// JSONLinesWriter writes records in heft's JSON Lines format, one per
// line, so any source can be converted once and evaluated many times.
type JSONLinesWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewJSONLinesWriter returns a writer to w; call Flush when done.
func NewJSONLinesWriter(w io.Writer) *JSONLinesWriter {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONLinesWriter{w: bw, enc: enc}
}

// Write writes one record as one line.
func (w *JSONLinesWriter) Write(r *Record) error { return w.enc.Encode(r) }

// Flush writes any buffered data.
func (w *JSONLinesWriter) Flush() error { return w.w.Flush() }

// recordOutcomes derives the effort outcomes of a JSON Lines record that
// gives none: from its timeline when it has one (a maintainer is an actor
// whose association is OWNER, MEMBER or COLLABORATOR, unknown when no
// actor has an association; pushes are the timeline's commit events, or
// the commits' times when it has none), else only the time to close when
// opened and closed are both given.
func recordOutcomes(r *Record) *Outcomes {
	if len(r.Timeline) == 0 {
		if r.Opened.IsZero() || r.Closed.IsZero() {
			return nil
		}
		return DeriveOutcomes(History{Opened: r.Opened, Closed: r.Closed})
	}
	h := History{Author: r.Author, Opened: r.Opened, Closed: r.Closed, Events: r.Timeline}
	associated := false
	for _, e := range r.Timeline {
		associated = associated || e.Actor.Association != ""
		h.Pushes = h.Pushes || e.Kind == heuristics.EventCommit
	}
	if associated {
		h.Maintainer = AssociatedMaintainer
	}
	if !h.Pushes {
		var pushes []heuristics.Event
		for _, c := range r.Commits {
			if !c.Time.IsZero() {
				pushes = append(pushes, heuristics.Event{Kind: heuristics.EventCommit, Time: c.Time})
			}
		}
		if len(pushes) > 0 {
			h.Pushes = true
			h.Events = append(slices.Clone(r.Timeline), pushes...)
			slices.SortStableFunc(h.Events, func(a, b heuristics.Event) int { return a.Time.Compare(b.Time) })
		}
	}
	return DeriveOutcomes(h)
}
