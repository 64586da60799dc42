package eval

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
)

// The steps every reader of a tabular layout (AIDev's CSV and Parquet
// layouts, the performance study's) takes the same way.

// readRow reads the next row of c with rd, bounded by c's row guard, and
// returns it with the byte offset it starts at. At the end it returns
// io.EOF; for a row that does not parse, the *csv.ParseError; for a row
// over the size limit, an error saying where the row starts.
func (c *csvFile) readRow(rd *csv.Reader) ([]string, int64, error) {
	off := rd.InputOffset()
	c.guard.reset()
	row, err := rd.Read()
	var pe *csv.ParseError
	if err != nil && err != io.EOF && !errors.As(err, &pe) {
		err = rowError(err, off)
	}
	return row, off, err
}

// skip is the *SkipError for a row of c that does not parse.
func (c *csvFile) skip(pe *csv.ParseError) error {
	return &SkipError{Pos: fmt.Sprintf("%s:%d", c.path, pe.StartLine), Reason: ReasonMalformed, Err: pe.Err}
}

// eachRow calls fn with every row of c that parses, read with rd to the
// end. Rows that do not parse are left to the pass that reads them for
// scoring, which reports them.
func (c *csvFile) eachRow(rd *csv.Reader, fn func(row []string)) error {
	for {
		row, _, err := c.readRow(rd)
		var pe *csv.ParseError
		switch {
		case err == io.EOF:
			return nil
		case errors.As(err, &pe):
			continue
		case err != nil:
			return err
		}
		fn(row)
	}
}

// popPending removes and returns the first of the errors a reader holds
// back to return before its next record, or nil when there is none.
func popPending(pending *[]error) error {
	if len(*pending) == 0 {
		return nil
	}
	err := (*pending)[0]
	*pending = (*pending)[1:]
	return err
}

// columns maps a table's column names to their places in its rows.
type columns map[string]int

// raw returns the named column of row, or "" when the table has no such
// column.
func (c columns) raw(row []string, name string) string {
	if i, ok := c[name]; ok && i < len(row) {
		return row[i]
	}
	return ""
}

// span is a range of a table's rows: bytes of a CSV file or of a copy,
// or row numbers of a Parquet file.
type span struct{ off, end int64 }

// spans indexes a joined table: the ranges of each pull request's rows
// by its id, and the ids a pull request asked for.
type spans struct {
	idx  map[string][]span
	used map[string]bool
}

func newSpans() spans {
	return spans{idx: map[string][]span{}, used: map[string]bool{}}
}

// take returns the ranges of the rows of id and notes that a pull
// request asked for them.
func (x spans) take(id string) []span {
	s := x.idx[id]
	if len(s) > 0 {
		x.used[id] = true
	}
	return s
}

// unused returns the indexed ids no pull request asked for, sorted.
func (x spans) unused() []string {
	var ids []string
	for id := range x.idx {
		if !x.used[id] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}
