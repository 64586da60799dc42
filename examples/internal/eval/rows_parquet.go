//go:build parquet

package eval

import (
	"fmt"
	"io"
	"strings"
)

// patchNotes appends what a report should know of diffs built from the
// commits' per-file patches of table: that there are none when the
// layout has no such table (missing), else that they are the patches one
// after another, how many of the read pull requests had no row in it
// (noRow says so in the layout's words) and how many a partial diff.
func patchNotes(notes []string, missing bool, table, noRow string, noDiff, partial, read int) []string {
	if missing {
		return append(notes, "no "+table+": diff-based scorers are not applicable")
	}
	notes = append(notes, "diffs are the pull requests' commits' per-file patches one after another (a file changed by two commits counts twice), not the net change")
	if noDiff > 0 {
		notes = append(notes, fmt.Sprintf("%d of %d pull requests have %s: diff-based scorers are not applicable to them", noDiff, read, noRow))
	}
	if partial > 0 {
		notes = append(notes, fmt.Sprintf("%d of %d pull requests have a partial diff: files whose patch GitHub left out (too large) count as binary", partial, read))
	}
	return notes
}

// held returns the first error a reader holds back, else io.EOF when its
// pull request table is done (open false), else nil: read on.
func held(pending *[]error, open bool) error {
	if err := popPending(pending); err != nil {
		return err
	}
	if !open {
		return io.EOF
	}
	return nil
}

// diffCounts counts the pull requests a layout with per-file patches
// read, and those without a diff or with a partial one, for its notes.
type diffCounts struct{ read, noDiff, partial int }

func (d *diffCounts) count(rec *Record) {
	d.read++
	if rec.Diff == "" {
		d.noDiff++
	}
	if rec.DiffPartial {
		d.partial++
	}
}

// trimmed is raw without the surrounding spaces: the Parquet readers'
// string cells.
func (c columns) trimmed(row []string, name string) string {
	return strings.TrimSpace(c.raw(row, name))
}
