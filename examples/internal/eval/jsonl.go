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
type JSONLines struct {
	name    string
	r       *bufio.Reader
	c       io.Closer
	line    int
	maxLine int
	buf     []byte // the line being read, when it is longer than r's buffer
}

// maxKeptBuf is the largest line buffer JSONLines keeps from one line
// to the next.
const maxKeptBuf = 1 << 20

// NewJSONLines returns a source reading r; name is used in positions
// ("name:17"). maxLine bounds a line's length in bytes (0 means
// DefaultMaxLine). If r is an io.Closer, Close closes it.
func NewJSONLines(r io.Reader, name string, maxLine int) *JSONLines {
	if maxLine <= 0 {
		maxLine = DefaultMaxLine
	}
	j := &JSONLines{name: name, r: bufio.NewReaderSize(r, 1<<16), maxLine: maxLine}
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

// readLine returns the next line without its newline. A line over the
// limit is consumed and reported as a *SkipError. The line is valid
// until the next call: it is the reader's buffer, or j.buf for a line
// longer than that.
func (j *JSONLines) readLine() ([]byte, error) {
	if cap(j.buf) > maxKeptBuf {
		j.buf = nil // one long line does not keep its memory for the rest of the run
	}
	buf := j.buf[:0]
	defer func() { j.buf = buf[:0] }()
	j.line++
	for {
		chunk, err := j.r.ReadSlice('\n')
		if err == nil && len(buf) == 0 && len(chunk) <= j.maxLine {
			return chunk[:len(chunk)-1], nil // the whole line is in the reader's buffer
		}
		if len(buf)+len(chunk) > j.maxLine {
			// Read past the rest of the line without keeping it.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = j.r.ReadSlice('\n')
			}
			if err != nil && err != io.EOF {
				return nil, err
			}
			return nil, &SkipError{Pos: j.name + ":" + strconv.Itoa(j.line), Reason: ReasonTooLarge,
				Err: fmt.Errorf("%w: over %d bytes", errLineTooLong, j.maxLine)}
		}
		buf = append(buf, chunk...)
		switch {
		case err == nil:
			return buf[:len(buf)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF:
			if len(buf) == 0 {
				return nil, io.EOF
			}
			return buf, nil
		default:
			return nil, fmt.Errorf("%s:%d: %w", j.name, j.line, err)
		}
	}
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
