//go:build parquet

package eval

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/heft-dev/heft/heuristics"
)

// The Parquet tables of the AIDev dataset as published on Hugging Face
// (hao-li/AIDev). pull_request holds the AIDev-pop subset, the only pull
// requests the other tables cover; all_pull_request holds every pull
// request without them.
const (
	pqCommits  = "pr_commits.parquet"
	pqDetails  = "pr_commit_details.parquet"
	pqTimeline = "pr_timeline.parquet"
	pqComments = "pr_comments.parquet"
	pqReviews  = "pr_reviews.parquet"
)

// pqChildren maps each joined Parquet table to the CSV file whose rows it
// stands for in the join.
var pqChildren = []struct{ file, csv string }{
	{pqCommits, aidevCommits},
	{pqTimeline, aidevTimelines},
	{pqComments, aidevComments},
	{pqReviews, aidevReviews},
}

// pqText lists, per table, the columns a row cannot do without and that
// must hold text (BYTE_ARRAY); pqScalar those that may hold a number too.
var (
	pqText = map[string][]string{
		pqPRs:      {"title", "body", "state"},
		pqCommits:  {"sha", "message"},
		pqDetails:  {"filename", "status", "patch"},
		pqTimeline: {"event"},
		pqComments: {"body"},
		pqReviews:  {"state"},
	}
	pqScalar = map[string][]string{
		pqPRs:      {"id", "merged_at"},
		pqCommits:  {"pr_id"},
		pqDetails:  {"pr_id"},
		pqTimeline: {"pr_id", "created_at"},
		pqComments: {"pr_id"},
		pqReviews:  {"pr_id"},
	}
)

// AIDevParquet reads the AIDev dataset in the Parquet layout it is
// published in: one folder holding pull_request.parquet (or
// all_pull_request.parquet) and, when present, pr_commits.parquet,
// pr_commit_details.parquet, pr_timeline.parquet, pr_comments.parquet and
// pr_reviews.parquet, joined on the pull request's id (pr_id).
//
// Records are built as AIDev builds them from the CSV layout (labels,
// timeline, maintainers), with one addition: the diff. Each pull
// request's rows of pr_commit_details (one per file per commit) become a
// git-style unified diff, a "diff --git" header with ---/+++ lines
// (/dev/null for an added or removed file) before each file's patch, in
// the table's order. Commits that touch the same file each contribute
// their own section, so the diff is the sum of the commits rather than
// the pull request's net change. GitHub leaves the patch out for binary
// files and for files too large to show: such a file contributes a
// "Binary files ... differ" header only, and when its additions,
// deletions or changes say lines changed, the record's DiffPartial is
// set and Notes counts it.
//
// The pull request table is streamed. Each joined table is scanned once
// to note, per pr_id, the ranges of its rows; the rows are read back when
// their pull request comes. A table in the pull requests' order is read
// straight through; one that is not would need a seek per pull request,
// each decoding its row group from the start, so its rows are first
// copied to a temporary file (removed by Close) and read back from there,
// and Notes says so. Memory grows with the number of pull requests by a
// small index entry each, not with the text.
//
// The Parquet reader trusts the sizes a file claims: the footer is
// checked before it is decoded, and a panic of the reader on a malformed
// page becomes an error wrapping ErrParquetPanic. A corrupt page header
// can still make it allocate a few hundred megabytes before failing.
type AIDevParquet struct {
	joiner
	opt     AIDevOptions
	prs     *pqTable
	details *pqTable // nil when absent
	tables  []*pqTable
	pending []error
	notes   []string

	diffCounts
}

// OpenAIDevParquet opens the AIDev Parquet layout in dir; opt may be nil
// (MaxRow then bounds one pull request's diff). A pull request table that
// is missing, is not Parquet or lacks a column is an error naming the
// file and the column; a joined table with such a fault is left out, and
// Next reports it first as a *SkipError.
func OpenAIDevParquet(dir string, opt *AIDevOptions) (*AIDevParquet, error) {
	a := &AIDevParquet{joiner: joiner{children: map[string]childTable{}}}
	if opt != nil {
		a.opt = *opt
	}
	if a.opt.MaxRow <= 0 {
		a.opt.MaxRow = DefaultMaxRow
	}
	prFile := pqPRs
	if _, err := os.Stat(filepath.Join(dir, prFile)); err != nil {
		prFile = pqAllPRs
	} else if _, err := os.Stat(filepath.Join(dir, pqAllPRs)); err == nil {
		a.notes = append(a.notes, fmt.Sprintf("read %s (AIDev-pop), not %s: the joined tables cover only the former", pqPRs, pqAllPRs))
	}
	prs, err := openPQ(filepath.Join(dir, prFile), prFile, pqText[pqPRs], pqScalar[pqPRs], a.opt.MaxRow)
	if err != nil {
		return nil, fmt.Errorf("eval: aidev: %w", err)
	}
	a.prs = prs
	mergers := map[string]string{}
	approvers := map[string][]string{}
	var absent []string
	order := map[string]int{} // pull request id → its row
	for _, f := range []string{pqCommits, pqDetails, pqTimeline, pqComments, pqReviews} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			err := prs.scan(func(row []string) { order[prs.get(row, "id")] = len(order) })
			if err != nil {
				prs.close()
				return nil, fmt.Errorf("eval: aidev: %s: %w", prFile, err)
			}
			break
		}
	}
	open := func(file string, each func(t *pqTable, row []string)) *pqTable {
		t, err := openPQ(filepath.Join(dir, file), file, pqText[file], pqScalar[file], a.opt.MaxRow)
		if errors.Is(err, os.ErrNotExist) {
			absent = append(absent, file)
			return nil
		}
		if err == nil {
			err = t.index(each, order)
		}
		if err == nil && t.spill != nil {
			a.notes = append(a.notes, fmt.Sprintf("%s is not in %s's order: its rows were copied to a temporary file (%d MB) to read back", file, prFile, t.spillSize>>20))
		}
		if err != nil {
			if t != nil {
				t.close()
			}
			var se *SkipError
			if !errors.As(err, &se) {
				se = &SkipError{Pos: file, Reason: ReasonMalformed, Err: err}
			}
			a.pending = append(a.pending, se)
			return nil
		}
		a.tables = append(a.tables, t)
		return t
	}
	for _, c := range pqChildren {
		var each func(*pqTable, []string)
		switch c.file {
		case pqTimeline:
			each = func(t *pqTable, row []string) {
				if t.get(row, "event") == "merged" && t.get(row, "actor") != "" {
					mergers[t.get(row, "pr_id")] = t.get(row, "actor")
				}
			}
		case pqReviews:
			each = func(t *pqTable, row []string) {
				noteApprover(approvers, t.get(row, "pr_id"), t.get(row, "user"), t.get(row, "user_type"), t.get(row, "state"))
			}
		}
		if t := open(c.file, each); t != nil {
			a.children[c.csv] = t
			a.timed = a.timed || c.file == pqTimeline
		}
	}
	a.details = open(pqDetails, nil)
	if len(absent) > 0 {
		a.notes = append(a.notes, "no "+strings.Join(absent, ", "))
	}
	if writers := writeAccess(mergers, approvers); len(writers) > 0 {
		a.reviewers = map[string]map[string]bool{}
		err := prs.scan(func(row []string) {
			repo := repoOf(prs.get(row, "repo_url"), prs.get(row, "html_url"))
			for _, who := range writers[prs.get(row, "id")] {
				addPerson(a.reviewers, repo, who)
			}
		})
		if err != nil {
			a.Close()
			return nil, fmt.Errorf("eval: aidev: %s: %w", prFile, err)
		}
	}
	if len(mergers) > 0 {
		a.maintainers = map[string]map[string]bool{}
		err := prs.scan(func(row []string) {
			who, ok := mergers[prs.get(row, "id")]
			if !ok {
				return
			}
			repo := repoOf(prs.get(row, "repo_url"), prs.get(row, "html_url"))
			addPerson(a.maintainers, repo, who)
		})
		if err != nil {
			a.Close()
			return nil, fmt.Errorf("eval: aidev: %s: %w", prFile, err)
		}
		n := 0
		for _, set := range a.maintainers {
			n += len(set)
		}
		a.notes = append(a.notes, fmt.Sprintf("%d accounts that merged a pull request count as maintainers of its repository (the tables have no author_association)", n))
	}
	return a, nil
}

// addPerson adds who to the set of people of repo in m.
func addPerson(m map[string]map[string]bool, repo, who string) {
	if m[repo] == nil {
		m[repo] = map[string]bool{}
	}
	m[repo][who] = true
}

// Notes says what the report should know about this data.
func (a *AIDevParquet) Notes() []string {
	return patchNotes(slices.Clone(a.notes), a.details == nil, pqDetails, "no row in "+pqDetails,
		a.noDiff, a.partial, a.read)
}

// Next returns the next pull request.
func (a *AIDevParquet) Next() (*Record, error) {
	if err := held(&a.pending, a.prs != nil); err != nil {
		return nil, err
	}
	row, n, err := a.prs.next()
	if err == io.EOF {
		tables := make([]childTable, len(a.tables))
		for i, t := range a.tables {
			tables[i] = t
		}
		a.pending = unknownIDs(a.prs.path, tables...)
		a.Close()
		return a.Next()
	}
	if err != nil {
		return nil, fmt.Errorf("eval: aidev: %s: %w", a.prs.path, err)
	}
	p := a.prs
	get := func(col string) string { return p.get(row, col) }
	rec, id, created, closed := prRecord(get, parseTimeAny, get("agent"), fmt.Sprintf("%s: row %d", p.path, n+1))
	if err := a.join(rec, id, closed); err != nil {
		return nil, &SkipError{Pos: rec.Pos, Reason: ReasonMalformed, Err: err}
	}
	if a.details != nil {
		rows, err := a.details.rowsOf(id)
		if err != nil {
			return nil, &SkipError{Pos: rec.Pos, Reason: ReasonMalformed, Err: fmt.Errorf("%s: %w", pqDetails, err)}
		}
		rec.Diff, rec.DiffPartial = buildDiff(a.details, rows, a.opt.MaxRow)
		if a.children[aidevCommits] == nil {
			rec.Commits = commitsOf(a.details, rows)
		}
	}
	a.count(rec)
	settleNow(rec, created, closed)
	return rec, nil
}

// Close closes the files.
func (a *AIDevParquet) Close() error {
	if a.prs != nil {
		a.prs.close()
		a.prs = nil
	}
	for _, t := range a.tables {
		t.close()
	}
	a.tables = nil
	return nil
}

// commitsOf lists the commits of a pull request's pr_commit_details rows,
// for when pr_commits.parquet is absent.
func commitsOf(t childTable, rows [][]string) []heuristics.Commit {
	var out []heuristics.Commit
	seen := map[string]bool{}
	for _, r := range rows {
		sha := t.get(r, "sha")
		if sha == "" || seen[sha] {
			continue
		}
		seen[sha] = true
		out = append(out, heuristics.Commit{SHA: sha, Message: t.get(r, "message"), AuthorName: t.get(r, "author")})
	}
	return out
}

// buildDiff writes a pull request's per-file patches as one unified diff.
// partial reports a file whose changed lines the diff does not show: its
// patch is absent though its counts say lines changed (or are unknown),
// or the diff reached max bytes.
func buildDiff(t childTable, rows [][]string, max int64) (diff string, partial bool) {
	var b strings.Builder
	for _, r := range rows {
		name := t.get(r, "filename")
		if name == "" {
			partial = true
			continue
		}
		status := strings.ToLower(t.get(r, "status"))
		patch := t.raw(r, "patch")
		if patch != "" && !strings.HasPrefix(patch, "@@") {
			patch = "" // not hunks: treat as left out rather than fail the parse
		}
		if patch != "" && int64(b.Len()+len(patch)) > max {
			patch = ""
			partial = true
		}
		from, to := "a/"+name, "b/"+name
		fmt.Fprintf(&b, "diff --git a/%s b/%s\n", name, name)
		switch status {
		case "added":
			from = "/dev/null"
			b.WriteString("new file mode 100644\n")
		case "removed", "deleted":
			to = "/dev/null"
			b.WriteString("deleted file mode 100644\n")
		}
		if patch == "" {
			fmt.Fprintf(&b, "Binary files %s and %s differ\n", from, to)
			if changed(t, r) {
				partial = true
			}
			continue
		}
		fmt.Fprintf(&b, "--- %s\n+++ %s\n", from, to)
		b.WriteString(patch)
		if !strings.HasSuffix(patch, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String(), partial
}

// changed reports whether a file's counts say lines changed, or are
// unknown.
func changed(t childTable, r []string) bool {
	known := false
	for _, col := range []string{"additions", "deletions", "changes"} {
		v := t.get(r, col)
		if v == "" {
			continue
		}
		known = true
		if n, err := strconv.ParseFloat(v, 64); err != nil || n != 0 {
			return true
		}
	}
	return !known
}

// pqTable is one Parquet table read as rows of strings, one per leaf
// column.
type pqTable struct {
	path   string // as reports show it
	f      *os.File
	file   *parquet.File
	cols   columns // top-level column name → leaf column index
	conv   []func(parquet.Value) string
	starts []int64 // the first row of each row group
	spans

	// The cursor: rows of row group group, next row pos within it.
	rows  parquet.Rows
	group int
	pos   int64
	buf   []parquet.Row

	broken error // set once the reader panicked: the table reads no more

	// spill holds the rows, encoded, when the table is not in the pull
	// requests' order; idx then holds byte ranges in it.
	spill     *os.File
	spillSize int64
}

// openPQ opens a table and checks it has the required columns, text ones
// holding strings.
func openPQ(path, display string, text, scalar []string, maxPage int64) (t *pqTable, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	err = safely(func() (err error) {
		t, err = openPQFile(f, display, text, scalar, maxPage)
		return err
	})
	if errors.Is(err, ErrParquetPanic) {
		f.Close()
		err = &SkipError{Pos: display, Reason: ReasonMalformed, Err: err}
	}
	return t, err
}

// openPQFile does openPQ's work on the open file, closing it on error.
func openPQFile(f *os.File, display string, text, scalar []string, maxPage int64) (*pqTable, error) {
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	err = checkFooter(f, st.Size())
	var pf *parquet.File
	if err == nil {
		pf, err = parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	}
	if err == nil {
		err = checkPages(f, st.Size(), pf.Metadata(), maxPage)
	}
	if err != nil {
		f.Close()
		return nil, &SkipError{Pos: display, Reason: ReasonMalformed, Err: fmt.Errorf("not a readable Parquet file: %w", err)}
	}
	t := &pqTable{path: display, f: f, file: pf, cols: map[string]int{}, group: -1}
	schema := pf.Schema()
	paths := schema.Columns()
	t.conv = make([]func(parquet.Value) string, len(paths))
	var names []string
	for _, p := range paths {
		leaf, _ := schema.Lookup(p...)
		t.conv[leaf.ColumnIndex] = converter(leaf.Node)
		if len(p) == 1 && leaf.MaxRepetitionLevel == 0 {
			t.cols[p[0]] = leaf.ColumnIndex
		}
		names = append(names, strings.Join(p, "."))
	}
	fail := func(err error, reason string) (*pqTable, error) {
		f.Close()
		return nil, &SkipError{Pos: display, Reason: reason, Err: err}
	}
	var missing []string
	for _, col := range append(slices.Clone(text), scalar...) {
		if _, ok := t.cols[col]; !ok {
			missing = append(missing, col)
		}
	}
	if len(missing) > 0 {
		return fail(fmt.Errorf("no column %s (columns: %s)", strings.Join(missing, ", "), strings.Join(names, ",")), ReasonMissingCol)
	}
	for _, col := range text {
		if k := schema.Fields()[fieldIndex(schema, col)].Type().Kind(); k != parquet.ByteArray {
			return fail(fmt.Errorf("column %s holds %s, want text (BYTE_ARRAY)", col, k), ReasonMalformed)
		}
	}
	for _, col := range scalar {
		if t.conv[t.cols[col]] == nil {
			return fail(fmt.Errorf("column %s holds %s, want text or a number", col, schema.Fields()[fieldIndex(schema, col)].Type()), ReasonMalformed)
		}
	}
	var n int64
	for _, rg := range pf.RowGroups() {
		t.starts = append(t.starts, n)
		n += rg.NumRows()
	}
	return t, nil
}

// fieldIndex returns the index of a top-level field.
func fieldIndex(s *parquet.Schema, name string) int {
	return slices.IndexFunc(s.Fields(), func(f parquet.Field) bool { return f.Name() == name })
}

// converter returns how a leaf column's values read as strings: text as
// is, integers and integral floats in decimal, timestamps in RFC 3339,
// and nil for a type read as nothing.
func converter(n parquet.Node) func(parquet.Value) string {
	typ := n.Type()
	if lt := typ.LogicalType(); lt != nil && typ.Kind() == parquet.Int64 {
		if ts, ok := lt.Value.(*format.TimestampType); ok {
			unit := time.Millisecond
			if ts.Unit.Value != nil {
				unit = ts.Unit.Value.Duration()
			}
			return func(v parquet.Value) string {
				return time.Unix(0, v.Int64()*int64(unit)).UTC().Format(time.RFC3339)
			}
		}
	}
	switch typ.Kind() {
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return func(v parquet.Value) string { return string(v.ByteArray()) }
	case parquet.Int32:
		return func(v parquet.Value) string { return strconv.FormatInt(int64(v.Int32()), 10) }
	case parquet.Int64:
		return func(v parquet.Value) string { return strconv.FormatInt(v.Int64(), 10) }
	case parquet.Float:
		return func(v parquet.Value) string { return strconv.FormatFloat(float64(v.Float()), 'f', -1, 32) }
	case parquet.Double:
		return func(v parquet.Value) string { return strconv.FormatFloat(v.Double(), 'f', -1, 64) }
	case parquet.Boolean:
		return func(v parquet.Value) string { return strconv.FormatBool(v.Boolean()) }
	}
	return nil
}

// get returns the named column of row, or "" when the table has no such
// column or the value is null.
func (t *pqTable) get(row []string, name string) string { return t.cols.trimmed(row, name) }

// raw is get without trimming, for text whose spaces matter (a patch).
func (t *pqTable) raw(row []string, name string) string { return t.cols.raw(row, name) }

func (t *pqTable) name() string { return t.path }

// strings converts a Parquet row.
func (t *pqTable) strings(r parquet.Row) []string {
	out := make([]string, len(t.conv))
	for _, v := range r {
		c := v.Column()
		if c < 0 || c >= len(out) || v.IsNull() || out[c] != "" || t.conv[c] == nil {
			continue
		}
		out[c] = t.conv[c](v)
	}
	return out
}

// ErrParquetPanic is wrapped by the error a source returns when the
// Parquet reader panicked on a malformed file; the rest of that table
// cannot be read.
var ErrParquetPanic = errors.New("the Parquet reader failed on malformed data")

// safely runs f, turning a panic of the Parquet reader (which trusts the
// sizes and offsets a file claims) into ErrParquetPanic.
func safely(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", ErrParquetPanic, p)
		}
	}()
	return f()
}

// seek positions the cursor on row pos of row group g.
func (t *pqTable) seek(g int, pos int64) error {
	if t.broken != nil {
		return t.broken
	}
	if err := safely(func() error { return t.seekUnsafe(g, pos) }); err != nil {
		if errors.Is(err, ErrParquetPanic) {
			t.broken = err
		}
		return err
	}
	return nil
}

func (t *pqTable) seekUnsafe(g int, pos int64) error {
	if t.group != g || pos < t.pos {
		if t.group != g {
			if t.rows != nil {
				t.rows.Close()
			}
			t.rows = t.file.RowGroups()[g].Rows()
			t.group = g
			t.pos = 0
		}
		if pos != t.pos {
			if err := t.rows.SeekToRow(pos); err != nil {
				return err
			}
			t.pos = pos
		}
	}
	for t.pos < pos { // ahead: read on, as a seek would decode from the row group's start
		if _, err := t.readUnsafe(); err != nil {
			return err
		}
	}
	return nil
}

// read reads the row under the cursor.
func (t *pqTable) read() (row []string, err error) {
	if t.broken != nil {
		return nil, t.broken
	}
	err = safely(func() (err error) {
		row, err = t.readUnsafe()
		return err
	})
	if errors.Is(err, ErrParquetPanic) {
		t.broken = err
	}
	return row, err
}

func (t *pqTable) readUnsafe() ([]string, error) {
	if t.buf == nil {
		t.buf = make([]parquet.Row, 1)
	}
	n, err := t.rows.ReadRows(t.buf)
	if n == 1 {
		t.pos++
		return t.strings(t.buf[0]), nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return nil, err
}

// next reads the table's rows in order, returning each with its number.
func (t *pqTable) next() ([]string, int64, error) {
	groups := t.file.RowGroups()
	if t.group < 0 {
		if len(groups) == 0 {
			return nil, 0, io.EOF
		}
		if err := t.seek(0, 0); err != nil {
			return nil, 0, err
		}
	}
	for t.pos >= groups[t.group].NumRows() {
		if t.group+1 == len(groups) {
			return nil, 0, io.EOF
		}
		if err := t.seek(t.group+1, 0); err != nil {
			return nil, 0, err
		}
	}
	n := t.starts[t.group] + t.pos
	row, err := t.read()
	return row, n, err
}

// forRows calls f with each row left under the cursor, in order, and its
// number, up to the end of the table; it stops at the first error, f's
// or the table's.
func (t *pqTable) forRows(f func(row []string, n int64) error) error {
	for {
		row, n, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := f(row, n); err != nil {
			return err
		}
	}
}

// scan reads every row once, then rewinds.
func (t *pqTable) scan(each func(row []string)) error {
	err := t.forRows(func(row []string, _ int64) error {
		each(row)
		return nil
	})
	if err != nil {
		return err
	}
	t.rewind()
	return nil
}

// index scans the table once, noting the row ranges of each pr_id. When
// the ranges are not in the pull requests' order (order maps a pull
// request's id to its row), reading them back from the Parquet file
// would mean seeking back over and over, each seek decoding the row group
// from its start; the rows are then copied to a temporary file instead,
// and idx holds byte ranges in it.
func (t *pqTable) index(each func(t *pqTable, row []string), order map[string]int) error {
	t.spans = newSpans()
	cur, start, end := "", int64(-1), int64(-1)
	flush := func() {
		if start >= 0 && cur != "" {
			t.idx[cur] = append(t.idx[cur], span{start, end})
		}
		cur, start = "", -1
	}
	last, inOrder := -1, true
	err := t.forRows(func(row []string, n int64) error {
		if each != nil {
			each(t, row)
		}
		id := t.get(row, "pr_id")
		// A range never spans row groups, so reading it back is one seek.
		if id != cur || t.pos == 1 {
			if p, ok := order[id]; ok && id != cur {
				inOrder = inOrder && p > last
				last = p
			}
			flush()
			cur, start = id, n
		}
		end = n + 1
		return nil
	})
	if err != nil {
		return err
	}
	flush()
	t.rewind()
	if inOrder {
		return nil
	}
	return t.copyOut()
}

// rewind puts the cursor back before the first row.
func (t *pqTable) rewind() {
	if t.rows != nil {
		_ = safely(t.rows.Close)
		t.rows, t.group, t.pos = nil, -1, 0
	}
}

// copyOut copies the rows to a temporary file, each a count of fields
// and each field its length and bytes, and indexes them there.
func (t *pqTable) copyOut() (err error) {
	f, err := os.CreateTemp("", "heft-aidev-*.rows")
	if err != nil {
		return err
	}
	t.spill = f
	w := bufio.NewWriter(f)
	t.idx = map[string][]span{}
	cur, start := "", int64(-1)
	var off int64
	flush := func() {
		if start >= 0 && cur != "" {
			t.idx[cur] = append(t.idx[cur], span{start, off})
		}
		cur, start = "", -1
	}
	var buf []byte
	err = t.forRows(func(row []string, _ int64) error {
		if id := t.get(row, "pr_id"); id != cur {
			flush()
			cur, start = id, off
		}
		buf = binary.AppendUvarint(buf[:0], uint64(len(row)))
		for _, v := range row {
			buf = binary.AppendUvarint(buf, uint64(len(v)))
			buf = append(buf, v...)
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
		off += int64(len(buf))
		return nil
	})
	if err != nil {
		return err
	}
	flush()
	t.rewind()
	t.spillSize = off
	return w.Flush()
}

// rowsOf reads back the rows of one pull request.
func (t *pqTable) rowsOf(id string) ([][]string, error) {
	var rows [][]string
	for _, s := range t.take(id) {
		if t.spill != nil {
			b := make([]byte, s.end-s.off)
			if _, err := t.spill.ReadAt(b, s.off); err != nil {
				return nil, err
			}
			for len(b) > 0 {
				var row []string
				row, b = decodeRow(b)
				if row == nil {
					return nil, errors.New("temporary file damaged")
				}
				rows = append(rows, row)
			}
			continue
		}
		g, _ := slices.BinarySearch(t.starts, s.off+1)
		g-- // the row group holding s.off
		if err := t.seek(g, s.off-t.starts[g]); err != nil {
			return nil, err
		}
		for i := s.off; i < s.end; i++ {
			row, err := t.read()
			if err != nil {
				return nil, err
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// decodeRow decodes one row copyOut wrote, and returns the bytes after
// it; nil when b does not hold one.
func decodeRow(b []byte) ([]string, []byte) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, nil
	}
	b = b[k:]
	row := make([]string, n)
	for i := range row {
		l, k := binary.Uvarint(b)
		if k <= 0 || l > uint64(len(b)-k) {
			return nil, nil
		}
		row[i] = string(b[k : k+int(l)])
		b = b[k+int(l):]
	}
	return row, b
}

func (t *pqTable) close() {
	if t.rows != nil {
		_ = safely(t.rows.Close)
		t.rows = nil
	}
	t.f.Close()
	if t.spill != nil {
		t.spill.Close()
		os.Remove(t.spill.Name())
		t.spill = nil
	}
}

// checkFooter walks the Thrift footer of a Parquet file before the
// Parquet reader decodes it: the reader allocates every list and string
// at the size the file claims, so a corrupt length could ask for
// gigabytes. A claim larger than the bytes left cannot be honest.
func checkFooter(f io.ReaderAt, size int64) error {
	if size < 12 {
		return errors.New("too short for Parquet")
	}
	var tail [8]byte
	if _, err := f.ReadAt(tail[:], size-8); err != nil {
		return err
	}
	n := int64(tail[0]) | int64(tail[1])<<8 | int64(tail[2])<<16 | int64(tail[3])<<24
	if string(tail[4:]) != "PAR1" || n <= 0 || n > size-12 {
		return errors.New("no Parquet footer")
	}
	b := make([]byte, n)
	if _, err := f.ReadAt(b, size-8-n); err != nil {
		return err
	}
	w := thriftWalker{b: b}
	if err := w.structure(0); err != nil {
		return fmt.Errorf("footer: byte %d: %w", w.i, err)
	}
	return nil
}

// thriftWalker checks Thrift compact-protocol data without building it.
// top, when set, receives the top-level struct's integer fields by id.
type thriftWalker struct {
	b   []byte
	i   int
	top map[int]int64
}

var errThrift = errors.New("malformed metadata")

func (w *thriftWalker) byte() (byte, error) {
	if w.i >= len(w.b) {
		return 0, errThrift
	}
	w.i++
	return w.b[w.i-1], nil
}

func (w *thriftWalker) uvarint() (uint64, error) {
	var x uint64
	for s := 0; s < 64; s += 7 {
		c, err := w.byte()
		if err != nil {
			return 0, err
		}
		x |= uint64(c&0x7f) << s
		if c < 0x80 {
			return x, nil
		}
	}
	return 0, errThrift
}

// count reads a length or an element count and checks it fits in what
// is left, each element taking at least min bytes.
func (w *thriftWalker) count(n uint64, min int) (int, error) {
	if n > uint64((len(w.b)-w.i)/min) {
		return 0, fmt.Errorf("%w: a length of %d with %d bytes left", errThrift, n, len(w.b)-w.i)
	}
	return int(n), nil
}

func (w *thriftWalker) structure(depth int) error {
	if depth > 64 {
		return errThrift
	}
	id := 0
	for {
		h, err := w.byte()
		if err != nil {
			return err
		}
		if h == 0 {
			return nil
		}
		if h>>4 == 0 { // a long-form field id follows
			u, err := w.uvarint()
			if err != nil {
				return err
			}
			id = int(int64(u>>1) ^ -int64(u&1))
		} else {
			id += int(h >> 4)
		}
		if typ := h & 0x0f; depth == 0 && w.top != nil && typ >= 4 && typ <= 6 {
			u, err := w.uvarint()
			if err != nil {
				return err
			}
			w.top[id] = int64(u>>1) ^ -int64(u&1)
			continue
		}
		if err := w.value(h&0x0f, depth, true); err != nil {
			return err
		}
	}
}

func (w *thriftWalker) value(typ byte, depth int, inField bool) error {
	switch typ {
	case 1, 2: // booleans: in the field header, or one byte in a list
		if !inField {
			_, err := w.byte()
			return err
		}
		return nil
	case 3:
		_, err := w.byte()
		return err
	case 4, 5, 6:
		_, err := w.uvarint()
		return err
	case 7:
		if len(w.b)-w.i < 8 {
			return errThrift
		}
		w.i += 8
		return nil
	case 8:
		n, err := w.uvarint()
		if err != nil {
			return err
		}
		m, err := w.count(n, 1)
		w.i += m
		return err
	case 9, 10:
		h, err := w.byte()
		if err != nil {
			return err
		}
		n := uint64(h >> 4)
		if n == 15 {
			if n, err = w.uvarint(); err != nil {
				return err
			}
		}
		m, err := w.count(n, 1)
		if err != nil {
			return err
		}
		for range m {
			if err := w.value(h&0x0f, depth+1, false); err != nil {
				return err
			}
		}
		return nil
	case 11:
		n, err := w.uvarint()
		if err != nil || n == 0 {
			return err
		}
		m, err := w.count(n, 2)
		if err != nil {
			return err
		}
		kv, err := w.byte()
		if err != nil {
			return err
		}
		for range m {
			if err := w.value(kv>>4, depth+1, false); err != nil {
				return err
			}
			if err := w.value(kv&0x0f, depth+1, false); err != nil {
				return err
			}
		}
		return nil
	case 12:
		return w.structure(depth + 1)
	}
	return fmt.Errorf("%w: type %d", errThrift, typ)
}

// checkPages walks the page headers of every column chunk before the
// Parquet reader reads them: it allocates a page at the size its header
// claims, so each page must lie within its column chunk and decompress to
// at most max bytes.
func checkPages(f io.ReaderAt, size int64, meta *format.FileMetaData, max int64) error {
	for g, rg := range meta.RowGroups {
		for c, cc := range rg.Columns {
			md := cc.MetaData
			pos := md.DataPageOffset
			if md.DictionaryPageOffset > 0 && md.DictionaryPageOffset < pos {
				pos = md.DictionaryPageOffset
			}
			end := pos + md.TotalCompressedSize
			if pos < 4 || md.TotalCompressedSize < 0 || end > size {
				return fmt.Errorf("row group %d, column %d: chunk at bytes %d-%d of %d", g, c, pos, end, size)
			}
			for pos < end {
				n, comp, uncomp, err := pageHeader(f, pos, end)
				if err != nil {
					return fmt.Errorf("row group %d, column %d: page at byte %d: %w", g, c, pos, err)
				}
				if comp < 0 || comp > end-pos-n || uncomp < 0 || uncomp > max {
					return fmt.Errorf("row group %d, column %d: page at byte %d: %d bytes, %d decompressed (limit %d)", g, c, pos, comp, uncomp, max)
				}
				pos += n + comp
			}
		}
	}
	return nil
}

// pageHeader reads the page header at pos, returning its length and the
// page's compressed and uncompressed sizes.
func pageHeader(f io.ReaderAt, pos, end int64) (n, comp, uncomp int64, err error) {
	for _, k := range []int64{4 << 10, 64 << 10, 1 << 20} {
		k = min(k, end-pos)
		b := make([]byte, k)
		if _, err := f.ReadAt(b, pos); err != nil && err != io.EOF {
			return 0, 0, 0, err
		}
		w := thriftWalker{b: b, top: map[int]int64{}}
		if err := w.structure(0); err != nil {
			if k == end-pos {
				return 0, 0, 0, err
			}
			continue // perhaps cut short: read more
		}
		uc, ok2 := w.top[2]
		cs, ok3 := w.top[3]
		if !ok2 || !ok3 {
			return 0, 0, 0, errors.New("page header without sizes")
		}
		return int64(w.i), cs, uc, nil
	}
	return 0, 0, 0, errors.New("page header over 1 MiB")
}

func openAIDevParquet(dir string, opt *AIDevOptions) (Source, error) {
	return OpenAIDevParquet(dir, opt)
}
