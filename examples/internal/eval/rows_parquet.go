//go:build parquet

package eval

import "fmt"

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
