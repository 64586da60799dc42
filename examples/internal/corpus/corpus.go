// Package corpus evaluates a parser or scorer on a labelled development
// corpus kept as facts: a CSV naming each text by repository and commit or
// pull request, with its expected labels, and never the text itself. The
// texts are read at evaluation time from local clones of the repositories
// and from shared data sets.
//
// This file holds the generic part: reading a facts CSV, finding a
// repository's clone, reading a commit with git, and tallying and printing
// per-class precision, recall and accuracy. Each corpus (disclosure, ...)
// adds one file that knows its own columns and parser.
package corpus

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
)

// Errors the package wraps; compare with errors.Is.
var (
	// ErrNoRepo means no clone of a repository was found under the clones
	// folder.
	ErrNoRepo = errors.New("repository not found")
	// ErrNoCommit means the clone does not hold the commit.
	ErrNoCommit = errors.New("commit not found")
	// ErrNoText means a data set holds no text for an id.
	ErrNoText = errors.New("text not found")
)

// FactError is an error in a facts file, located by file and 1-based line.
type FactError struct {
	File string
	Line int // 0 when the error is about the whole file
	Err  error
}

// Error returns "corpus: FILE:LINE: message".
func (e *FactError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("corpus: %s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("corpus: %s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the underlying error.
func (e *FactError) Unwrap() error { return e.Err }

// Fact is one row of a facts file.
type Fact struct {
	File string // the file it was read from, as given
	Line int    // its 1-based line
	cols map[string]int
	rec  []string
}

// Get returns the value of a column, trimmed of surrounding spaces, or ""
// if the file has no such column.
func (f Fact) Get(col string) string {
	i, ok := f.cols[col]
	if !ok || i >= len(f.rec) {
		return ""
	}
	return strings.TrimSpace(f.rec[i])
}

// Errorf returns a FactError located at the fact.
func (f Fact) Errorf(format string, args ...any) error {
	return &FactError{File: f.File, Line: f.Line, Err: fmt.Errorf(format, args...)}
}

// ReadFacts reads a CSV facts file with a header row. Every column in
// required must be in the header and non-empty in every row; lines that
// are empty or start with "#" are skipped. Errors are *FactError.
func ReadFacts(path string, required ...string) ([]Fact, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &FactError{File: path, Err: err}
	}
	defer f.Close()
	return ParseFacts(f, path, required...)
}

// ParseFacts is ReadFacts on a reader; name is used in errors.
func ParseFacts(r io.Reader, name string, required ...string) ([]Fact, error) {
	rd := csv.NewReader(r)
	rd.Comment = '#'
	rd.FieldsPerRecord = 0
	header, err := rd.Read()
	if err == io.EOF {
		return nil, &FactError{File: name, Err: errors.New("empty file: want a header row")}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	cols := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := cols[h]; dup {
			return nil, &FactError{File: name, Line: 1, Err: fmt.Errorf("column %q appears twice", h)}
		}
		cols[h] = i
	}
	for _, c := range required {
		if _, ok := cols[c]; !ok {
			return nil, &FactError{File: name, Line: 1, Err: fmt.Errorf("missing column %q (have %s)", c, strings.Join(header, ","))}
		}
	}
	var out []Fact
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := rd.FieldPos(0)
		f := Fact{File: name, Line: line, cols: cols, rec: rec}
		for _, c := range required {
			if f.Get(c) == "" {
				return nil, f.Errorf("empty %q", c)
			}
		}
		out = append(out, f)
	}
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FactError{File: name, Line: pe.Line, Err: pe.Err}
	}
	return &FactError{File: name, Err: err}
}

// Repo is a local clone of a public repository.
type Repo struct {
	Name   string // "owner/name"
	GitDir string // the git directory: a bare repository or a work tree's .git
}

// FindRepo finds the clone of repo ("owner/name") under dir. It looks at
// dir/owner+name (how the fetch tool names its snapshots) and then
// dir/owner/name; each may be a bare repository, a work tree with a .git
// folder or file, or a folder holding either as "repo" or "repo.git".
// It returns an error wrapping ErrNoRepo when none is found.
func FindRepo(dir, repo string) (*Repo, error) {
	owner, name, ok := strings.Cut(repo, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") || strings.Contains(repo, "..") {
		return nil, fmt.Errorf("corpus: repository %q: want owner/name", repo)
	}
	for _, base := range []string{
		filepath.Join(dir, owner+"+"+name),
		filepath.Join(dir, owner, name),
		filepath.Join(dir, owner, name+".git"),
	} {
		for _, p := range []string{base, filepath.Join(base, ".git"), filepath.Join(base, "repo"), filepath.Join(base, "repo.git"), filepath.Join(base, "repo", ".git")} {
			if isGitDir(p) {
				return &Repo{Name: repo, GitDir: p}, nil
			}
		}
	}
	return nil, fmt.Errorf("corpus: %s: %w under %s", repo, ErrNoRepo, dir)
}

// isGitDir reports whether p looks like a git directory (HEAD and
// objects), or is a ".git" file pointing to one.
func isGitDir(p string) bool {
	st, err := os.Stat(p)
	if err != nil {
		return false
	}
	if !st.IsDir() {
		return filepath.Base(p) == ".git" // a gitfile: git follows it
	}
	if _, err := os.Stat(filepath.Join(p, "HEAD")); err != nil {
		return false
	}
	_, err = os.Stat(filepath.Join(p, "objects"))
	return err == nil
}

// Commit is what git records of one commit.
type Commit struct {
	SHA            string
	Message        string // the raw message, as git stores it, without trailing newlines
	AuthorName     string
	AuthorEmail    string
	CommitterName  string
	CommitterEmail string
}

// Author returns the author as "Name <email>".
func (c *Commit) Author() string { return ident(c.AuthorName, c.AuthorEmail) }

// Committer returns the committer as "Name <email>".
func (c *Commit) Committer() string { return ident(c.CommitterName, c.CommitterEmail) }

func ident(name, email string) string {
	switch {
	case email == "":
		return name
	case name == "":
		return "<" + email + ">"
	}
	return name + " <" + email + ">"
}

// Commit reads a commit's message and identities with git. It returns an
// error wrapping ErrNoCommit when the clone does not hold it.
func (r *Repo) Commit(ctx context.Context, sha string) (*Commit, error) {
	if sha == "" || strings.HasPrefix(sha, "-") || strings.ContainsAny(sha, " \t\n:^~") {
		return nil, fmt.Errorf("corpus: %s: bad commit %q", r.Name, sha)
	}
	cmd := exec.CommandContext(ctx, "git", "--git-dir="+r.GitDir, "-c", "log.showSignature=false",
		"show", "-s", "--no-color", "--format=%H%x00%an%x00%ae%x00%cn%x00%ce%x00%B", sha+"^{commit}", "--")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "bad revision") || strings.Contains(msg, "unknown revision") || strings.Contains(msg, "bad object") || strings.Contains(msg, "not a valid") {
			return nil, fmt.Errorf("corpus: %s: %s: %w", r.Name, sha, ErrNoCommit)
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("corpus: %s: git show %s: %s", r.Name, sha, msg)
	}
	parts := strings.SplitN(string(out), "\x00", 6)
	if len(parts) != 6 {
		return nil, fmt.Errorf("corpus: %s: git show %s: unexpected output", r.Name, sha)
	}
	return &Commit{
		SHA: parts[0], AuthorName: parts[1], AuthorEmail: parts[2],
		CommitterName: parts[3], CommitterEmail: parts[4],
		Message: strings.TrimRight(parts[5], "\n"),
	}, nil
}

// Check is one named yes/no check on a text, such as "tools" (the tools
// named are the ones expected). Applies is false when the check does not
// apply to the text; it is then not counted.
type Check struct {
	Name    string
	OK      bool
	Applies bool
}

// Ratio is a count of successes out of a total.
type Ratio struct {
	OK int `json:"ok"`
	N  int `json:"n"`
}

// Value returns OK/N, or NaN when N is 0.
func (r Ratio) Value() float64 {
	if r.N == 0 {
		return math.NaN()
	}
	return float64(r.OK) / float64(r.N)
}

// Tally counts the outcomes of one class of texts: a binary detection
// (want and got) and named checks.
type Tally struct {
	Class  string           `json:"class"`
	N      int              `json:"n"`
	TP     int              `json:"tp"`
	FP     int              `json:"fp"`
	FN     int              `json:"fn"`
	TN     int              `json:"tn"`
	Checks map[string]Ratio `json:"checks,omitempty"`
}

// Precision returns TP/(TP+FP), or NaN without positive predictions.
func (t *Tally) Precision() float64 { return Ratio{t.TP, t.TP + t.FP}.Value() }

// Recall returns TP/(TP+FN), or NaN without positive labels.
func (t *Tally) Recall() float64 { return Ratio{t.TP, t.TP + t.FN}.Value() }

// Accuracy returns (TP+TN)/N, or NaN for an empty class.
func (t *Tally) Accuracy() float64 { return Ratio{t.TP + t.TN, t.N}.Value() }

func (t *Tally) add(want, got bool, checks []Check) {
	t.N++
	switch {
	case want && got:
		t.TP++
	case want:
		t.FN++
	case got:
		t.FP++
	default:
		t.TN++
	}
	for _, c := range checks {
		if !c.Applies {
			continue
		}
		if t.Checks == nil {
			t.Checks = map[string]Ratio{}
		}
		r := t.Checks[c.Name]
		r.N++
		if c.OK {
			r.OK++
		}
		t.Checks[c.Name] = r
	}
}

// Miss is a text that could not be evaluated, or one that was evaluated
// wrongly, with the reason.
type Miss struct {
	Class  string `json:"class"`
	Repo   string `json:"repo"`
	Ref    string `json:"ref"`
	Reason string `json:"reason"`
}

// Report tallies a corpus evaluation per class and overall. The zero
// Report is ready to use; it is not safe for concurrent use.
type Report struct {
	Checks  []string `json:"check_names"` // the check columns, in order of first use
	Classes []*Tally `json:"classes"`     // in order of first use
	Total   Tally    `json:"total"`
	Missing []Miss   `json:"missing,omitempty"` // texts that could not be read
	Wrong   []Miss   `json:"wrong,omitempty"`   // texts evaluated wrongly
}

// Add counts one text of a class: want is its label, got the prediction.
func (r *Report) Add(class string, want, got bool, checks ...Check) {
	i := slices.IndexFunc(r.Classes, func(t *Tally) bool { return t.Class == class })
	if i < 0 {
		r.Classes = append(r.Classes, &Tally{Class: class})
		i = len(r.Classes) - 1
	}
	for _, c := range checks {
		if !slices.Contains(r.Checks, c.Name) {
			r.Checks = append(r.Checks, c.Name)
		}
	}
	r.Classes[i].add(want, got, checks)
	r.Total.Class = "all"
	r.Total.add(want, got, checks)
}

// AddMissing records a text that could not be read.
func (r *Report) AddMissing(class, repo, ref string, err error) {
	r.Missing = append(r.Missing, Miss{Class: class, Repo: repo, Ref: ref, Reason: err.Error()})
}

// AddWrong records a text the evaluated parser got wrong, with what it
// got.
func (r *Report) AddWrong(class, repo, ref, reason string) {
	r.Wrong = append(r.Wrong, Miss{Class: class, Repo: repo, Ref: ref, Reason: reason})
}

// WriteText prints the table: one row per class, sorted by name, then the
// total, with n, precision, recall, accuracy and each check's accuracy
// with its count; "-" where a figure is undefined. Then the missing texts.
// The layout is for people; do not parse it (use WriteJSON).
func (r *Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := append([]string{"class", "n", "precision", "recall", "accuracy"}, r.Checks...)
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	classes := slices.Clone(r.Classes)
	slices.SortFunc(classes, func(a, b *Tally) int { return strings.Compare(a.Class, b.Class) })
	total := r.Total
	total.Class = "all"
	for _, t := range append(classes, &total) {
		cells := []string{t.Class, fmt.Sprint(t.N), fig(t.Precision()), fig(t.Recall()), fig(t.Accuracy())}
		for _, c := range r.Checks {
			rt, ok := t.Checks[c]
			if !ok {
				cells = append(cells, "-")
				continue
			}
			cells = append(cells, fmt.Sprintf("%s (%d/%d)", fig(rt.Value()), rt.OK, rt.N))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Missing) > 0 {
		fmt.Fprintf(w, "\nmissing: %d texts could not be read\n", len(r.Missing))
		for _, m := range r.Missing {
			fmt.Fprintf(w, "  %s %s@%s: %s\n", m.Class, m.Repo, m.Ref, m.Reason)
		}
	}
	return nil
}

// WriteJSON writes the report as indented JSON, with the figures
// computed: precision, recall and accuracy per class (null where
// undefined).
func (r *Report) WriteJSON(w io.Writer) error {
	type row struct {
		*Tally
		Precision *float64 `json:"precision"`
		Recall    *float64 `json:"recall"`
		Accuracy  *float64 `json:"accuracy"`
	}
	mk := func(t *Tally) row {
		return row{Tally: t, Precision: num(t.Precision()), Recall: num(t.Recall()), Accuracy: num(t.Accuracy())}
	}
	out := struct {
		Checks  []string `json:"check_names"`
		Classes []row    `json:"classes"`
		Total   row      `json:"total"`
		Missing []Miss   `json:"missing,omitempty"`
		Wrong   []Miss   `json:"wrong,omitempty"`
	}{Checks: r.Checks, Missing: r.Missing, Wrong: r.Wrong}
	if out.Checks == nil {
		out.Checks = []string{}
	}
	out.Classes = []row{}
	for _, t := range r.Classes {
		out.Classes = append(out.Classes, mk(t))
	}
	total := r.Total
	total.Class = "all"
	out.Total = mk(&total)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func fig(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

func num(v float64) *float64 {
	if math.IsNaN(v) {
		return nil
	}
	return &v
}
