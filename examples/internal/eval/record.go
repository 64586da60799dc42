package eval

import (
	"errors"
	"fmt"
	"time"

	"github.com/heft-dev/heft/heuristics"
)

// Record is one contribution with its labels, as a Source reads it. It is
// also the schema of heft's JSON Lines format: one Record per line, every
// key optional (see the package documentation).
type Record struct {
	// ID names the contribution in reports, such as "owner/repo#123" or a
	// commit hash.
	ID string `json:"id,omitempty"`

	Title    string              `json:"title,omitempty"`
	Body     string              `json:"body,omitempty"`
	Template string              `json:"template,omitempty"`
	Author   heuristics.Author   `json:"author,omitzero"`
	Commits  []heuristics.Commit `json:"commits,omitempty"`

	// Diff is the change as a unified diff (git diff, git log -p or
	// format-patch text). Empty when unknown: diff-based scorers are then
	// not applicable.
	Diff string `json:"diff,omitempty"`

	// DiffPartial is true when Diff leaves out changed lines, such as a
	// file whose patch GitHub did not return (too large): diff-based
	// scores then understate the change.
	DiffPartial bool `json:"diff_partial,omitempty"`

	Timeline []heuristics.Event `json:"timeline,omitempty"`
	Labels   []string           `json:"labels,omitempty"`
	Now      time.Time          `json:"now,omitzero"`

	// Merged is true for a pull request that was merged, false for one
	// closed without merging, and absent (nil) for one still open or
	// unknown. Label "merged" treats closed-without-merging as positive.
	Merged *bool `json:"merged,omitempty"`

	// AI is true for a machine-written contribution, false for a
	// human-written one, nil when unknown. Label "ai" treats true as
	// positive.
	AI *bool `json:"ai,omitempty"`

	// Opened is when the contribution was opened and Closed when it was
	// merged or closed (zero while open, or when unknown); DeriveOutcomes
	// times the effort outcomes from them.
	Opened time.Time `json:"opened,omitzero"`
	Closed time.Time `json:"closed,omitzero"`

	// Outcomes is the review effort the contribution cost, measured from
	// its whole timeline (see Outcomes); nil when the source has no
	// timeline. heft eval --outcome ranks the scores against it.
	Outcomes *Outcomes `json:"outcomes,omitempty"`

	// Agent and Repo group the breakdowns: the tool that wrote the
	// contribution (or "human"), and the repository as "owner/name".
	Agent string `json:"agent,omitempty"`
	Repo  string `json:"repo,omitempty"`

	// Pos is where the record was read, such as "data.jsonl:17"; it is not
	// part of the format.
	Pos string `json:"-"`

	index int64 // its place in the source, for the bootstrap
}

// Contribution returns the record as a heuristics.Contribution, without
// its diff (the caller parses Diff, with its own limits).
func (r *Record) Contribution() *heuristics.Contribution {
	return &heuristics.Contribution{
		Title:    r.Title,
		Body:     r.Body,
		Template: r.Template,
		Author:   r.Author,
		Commits:  r.Commits,
		Timeline: r.Timeline,
		Labels:   r.Labels,
		Now:      r.Now,
	}
}

// Label names the binary outcome an evaluation measures the scorers
// against.
type Label string

// The labels heft eval knows. For each, positive is the outcome a concern
// score should predict.
const (
	// LabelMerged: positive means closed without merging, negative merged;
	// open pull requests are left out.
	LabelMerged Label = "merged"
	// LabelAI: positive means machine-written, negative human-written.
	LabelAI Label = "ai"
)

// ErrUnknownLabel is returned by ParseLabel for a name it does not know.
var ErrUnknownLabel = errors.New("eval: unknown label")

// ParseLabel returns the Label of a name: "merged" or "ai".
func ParseLabel(name string) (Label, error) {
	switch l := Label(name); l {
	case LabelMerged, LabelAI:
		return l, nil
	}
	return "", fmt.Errorf("%w %q: want merged or ai", ErrUnknownLabel, name)
}

// Positive describes the positive class in a sentence fragment.
func (l Label) Positive() string {
	switch l {
	case LabelMerged:
		return "closed without merging"
	case LabelAI:
		return "machine-written"
	}
	return "positive"
}

// Of returns whether r is a positive of the label, and false for ok when
// r does not carry the label.
func (l Label) Of(r *Record) (positive, ok bool) {
	switch l {
	case LabelMerged:
		if r.Merged == nil {
			return false, false
		}
		return !*r.Merged, true
	case LabelAI:
		if r.AI == nil {
			return false, false
		}
		return *r.AI, true
	}
	return false, false
}

// Source yields records one at a time, so an evaluation holds only the
// records in flight whatever the dataset's size.
type Source interface {
	// Next returns the next record, io.EOF after the last, a *SkipError
	// for a record that could not be read (the caller counts it and calls
	// Next again), or another error that ends the run.
	Next() (*Record, error)

	// Close releases the source's files and processes.
	Close() error
}

// Noter is implemented by sources with something a report should say
// about the data as a whole, such as "this layout has no diffs".
type Noter interface {
	Notes() []string
}

// Notes returns src's notes when it is a Noter, else none: what a source
// that wraps src passes on before its own.
func Notes(src Source) []string {
	if n, ok := src.(Noter); ok {
		return n.Notes()
	}
	return nil
}

// Reasons a record is skipped, stable names a report counts by.
const (
	ReasonMalformed   = "malformed"      // a line or row that does not parse
	ReasonMissingCol  = "missing-column" // a CSV file without a column the layout needs
	ReasonBadDiff     = "bad-diff"       // a diff diffstat cannot parse
	ReasonTooLarge    = "too-large"      // a line, message or diff over its size limit
	ReasonMissingFile = "missing-file"   // an optional file of a layout is absent
	ReasonUnknownID   = "unknown-id"     // a row that refers to no known contribution
)

// SkipError reports a record, a row or a file a source or the evaluation
// left out, with where it is. The run goes on.
type SkipError struct {
	Pos    string // "file:line", "file", or "commit <sha>"
	Reason string // one of the Reason constants
	Err    error
}

// Error says which record was skipped, where, and why.
func (e *SkipError) Error() string {
	if e.Pos == "" {
		return fmt.Sprintf("%s: %v", e.Reason, e.Err)
	}
	return fmt.Sprintf("%s: %s: %v", e.Pos, e.Reason, e.Err)
}

// Unwrap returns the underlying error.
func (e *SkipError) Unwrap() error { return e.Err }
