package diffstat

import (
	"fmt"
	"strings"

	"github.com/heft-dev/heft/internal/enum"
)

// Op is what a diff does to a file.
type Op uint8

// The operations a file section of a diff can describe. A rename or copy
// with edits is OpRenamed or OpCopied; its line counts say whether it was
// edited.
const (
	OpModified    Op = iota // content changed in place
	OpAdded                 // new file
	OpDeleted               // file removed
	OpRenamed               // moved, perhaps with edits
	OpCopied                // copied, perhaps with edits
	OpModeChanged           // only the file mode changed (for example +x)
	OpTypeChanged           // a symlink became a file, a file a submodule, ...
)

var opNames = [...]string{"modified", "added", "deleted", "renamed", "copied", "mode-changed", "type-changed"}

// String returns the operation's stable lower-case name, such as "renamed".
func (o Op) String() string {
	return enum.Name("Op", opNames[:], o)
}

// MarshalText encodes the operation as its String form.
func (o Op) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText decodes an operation from its String form.
func (o *Op) UnmarshalText(b []byte) error {
	x, ok := enum.Lookup[Op](opNames[:], b)
	if !ok {
		return fmt.Errorf("diffstat: unknown operation %q", b)
	}
	*o = x
	return nil
}

// File is one file's section of a diff: where it was and is, what happened
// to it, and how many lines were added and deleted.
//
// Added and Deleted count the '+' and '-' lines of the file's hunks, as
// git diff --numstat does; a binary file has both zero and Binary set.
type File struct {
	// OldPath and NewPath are the paths before and after the change,
	// without git's a/ and b/ prefixes and unquoted. For an added file
	// OldPath is empty; for a deleted file NewPath is empty.
	OldPath string `json:"old_path,omitempty"`
	NewPath string `json:"new_path,omitempty"`

	Op Op `json:"op"`

	// OldMode and NewMode are git's octal modes ("100644", "100755",
	// "120000" for a symlink, "160000" for a submodule), when the diff
	// states them.
	OldMode string `json:"old_mode,omitempty"`
	NewMode string `json:"new_mode,omitempty"`

	// Similarity is git's similarity index for a rename or copy, in
	// percent; zero when the diff does not give one.
	Similarity int `json:"similarity,omitempty"`

	Binary bool `json:"binary,omitempty"`

	Added   int `json:"added"`
	Deleted int `json:"deleted"`

	// Kind classifies the file by its path (and, for new files, by the
	// first lines of its content) with the scanner's Classifier.
	Kind Kind `json:"kind"`

	// Line is the 1-based line of the input where the file's section
	// starts, for error messages and evidence.
	Line int `json:"line"`

	// patch holds the file's hunks verbatim (header lines left out) when
	// the scanner keeps them, nHunks of them: each hunk's header says
	// where it ends, as the scanner read it, so no offsets are kept.
	patch     []byte
	nHunks    int
	patchLine int        // input line of the first hunk header
	hunkLines int        // lines in the hunks, "\ No newline" markers left out
	hunks     *hunkCache // Hunks' result, shared by every scorer; nil parses on every call
}

// Path returns the path a reviewer knows the file by: the new path, or the
// old one for a deleted file.
func (f *File) Path() string {
	if f.NewPath != "" {
		return f.NewPath
	}
	return f.OldPath
}

// Reviewable reports whether a reviewer is expected to read the file's
// changes: everything except generated, vendored, lockfile and
// expected-output changes.
func (f *File) Reviewable() bool { return f.Kind.Reviewable() }

// Lines returns the number of changed lines, Added plus Deleted.
func (f *File) Lines() int { return f.Added + f.Deleted }

// String returns the file as a numstat line: "added\tdeleted\tpath", with
// "-" for both counts when the file is binary.
func (f *File) String() string {
	if f.Binary {
		return "-\t-\t" + f.Path()
	}
	return fmt.Sprintf("%d\t%d\t%s", f.Added, f.Deleted, f.Path())
}

// Count is a number of files and the lines added and deleted in them.
type Count struct {
	Files   int `json:"files"`
	Added   int `json:"added"`
	Deleted int `json:"deleted"`
}

// Lines returns Added plus Deleted.
func (c Count) Lines() int { return c.Added + c.Deleted }

func (c *Count) add(f *File) {
	c.Files++
	c.Added += f.Added
	c.Deleted += f.Deleted
}

// Totals sums a diff's files: all of them, the reviewable ones, and each
// kind on its own.
type Totals struct {
	All        Count          `json:"all"`
	Reviewable Count          `json:"reviewable"`
	ByKind     map[Kind]Count `json:"by_kind"`
}

// Diff is a whole parsed diff: its files in input order.
type Diff struct {
	Files []*File `json:"files"`
}

// Totals sums the diff's files.
func (d *Diff) Totals() Totals {
	t := Totals{ByKind: make(map[Kind]Count)}
	if d == nil {
		return t
	}
	for _, f := range d.Files {
		t.All.add(f)
		if f.Reviewable() {
			t.Reviewable.add(f)
		}
		c := t.ByKind[f.Kind]
		c.add(f)
		t.ByKind[f.Kind] = c
	}
	return t
}

// String returns the diff as git diff --numstat would print it, one line a
// file.
func (d *Diff) String() string {
	var b strings.Builder
	for _, f := range d.Files {
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	return b.String()
}
