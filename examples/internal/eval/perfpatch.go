//go:build parquet

package eval

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/heft-dev/heft/heuristics"
)

// The layout of the performance pull request study's datasets folder
// (PurdueDualityLab/github_perf_patch_study): one CSV of pull requests,
// agents' and humans' together, and per side a folder of Parquet tables
// joined on pr_id.
const (
	perfPRs    = "performance_prs_ai_vs_human.csv"
	perfPRsRaw = "performance_prs_ai_vs_human_raw.csv"
)

// perfKinds lists the joined tables: ai_pr/ai_pr_<kind>.parquet and
// human_pr/human_pr_<kind>.parquet, with the columns each needs (text,
// then text or number).
var perfKinds = []struct {
	kind         string
	text, scalar []string
}{
	{"commit_details", []string{"filename", "status", "patch"}, []string{"pr_id"}},
	{"commits", []string{"sha"}, []string{"pr_id"}},
	{"issue_comments", []string{"body"}, []string{"pr_id", "created_at"}},
	{"review_comments", []string{"body"}, []string{"pr_id", "created_at"}},
}

// PerfPatch reads the dataset of the performance pull request study by
// the Purdue Duality Lab (github.com/PurdueDualityLab/github_perf_patch_study):
// 428 performance pull requests, 340 by coding agents (from AIDev) and
// 88 by people, with their per-file patches,
// commits, conversation and review comments and merge outcomes. dir is
// the repository or its datasets folder, holding
// performance_prs_ai_vs_human.csv and the folders ai_pr and human_pr,
// each with <side>_pr_commit_details.parquet, _commits, _issue_comments
// and _review_comments; absent tables are noted.
//
// Records are built as AIDevParquet builds them: the diff from the
// per-file patches (the sum of the commits, not the net change; files
// whose patch GitHub left out make it DiffPartial), the commits, and a
// timeline of the conversation comments (EventComment) and line
// comments (EventReviewComment), cut before the merge. Each record is
// labelled merged from merged_at and state, ai from author_type, and
// grouped by the agent column ("Human" for people).
//
// The pull request table has no closed_at and no author login: a pull
// request closed without merging is scored as of its last comment (a
// comment made when closing can reach the scorers), and the author's own
// comments cannot be told from others'. Notes says so.
//
// Each record's Outcomes (see DeriveOutcomes) hold what the data can
// tell: ReviewComments, the comments and line comments by anyone but a
// bot (the author's own included, for want of a login), and TimeToClose,
// the hours to the merge (unknown for a pull request closed without
// merging). Who is a maintainer and when commits were pushed are not in
// the data, so the other outcomes are unknown.
type PerfPatch struct {
	opt      AIDevOptions
	prs      *csvFile
	prsRd    *csv.Reader
	children map[string]*unionTable // by kind; absent kinds are missing
	comments map[string]bool        // the sides ("ai", "human") with a comment table
	pending  []error
	notes    []string

	diffCounts
}

// OpenPerfPatch opens the performance study's datasets under dir; opt may
// be nil (MaxRow bounds a CSV row, a Parquet page and one pull request's
// diff). A missing or malformed pull request table is an error; a joined
// table with a fault is left out and reported first by Next as a
// *SkipError.
func OpenPerfPatch(dir string, opt *AIDevOptions) (*PerfPatch, error) {
	p := &PerfPatch{children: map[string]*unionTable{}, comments: map[string]bool{}}
	if opt != nil {
		p.opt = *opt
	}
	if p.opt.MaxRow <= 0 {
		p.opt.MaxRow = DefaultMaxRow
	}
	if fi, err := os.Stat(filepath.Join(dir, "datasets")); err == nil && fi.IsDir() {
		dir = filepath.Join(dir, "datasets")
	}
	prFile := perfPRs
	if _, err := os.Stat(filepath.Join(dir, prFile)); errors.Is(err, fs.ErrNotExist) {
		prFile = perfPRsRaw
	}
	path := filepath.Join(dir, prFile)
	prs, rd, err := openCSV(path, prFile, aidevColumns[aidevPRs], p.opt.MaxRow, true)
	if err != nil {
		return nil, fmt.Errorf("eval: perfpatch: %w", err)
	}
	order, err := perfOrder(prs, p.opt.MaxRow)
	if err != nil {
		prs.close()
		return nil, fmt.Errorf("eval: perfpatch: %w", err)
	}
	p.prs, p.prsRd = prs, rd

	var absent []string
	for _, k := range perfKinds {
		u := &unionTable{label: k.kind}
		for _, side := range []string{"ai", "human"} {
			file := side + "_pr/" + side + "_pr_" + k.kind + ".parquet"
			t, err := openPQ(filepath.Join(dir, filepath.FromSlash(file)), file, k.text, k.scalar, p.opt.MaxRow)
			if errors.Is(err, fs.ErrNotExist) {
				absent = append(absent, file)
				continue
			}
			if err == nil {
				if err = t.index(nil, order); err != nil {
					t.close()
				}
			}
			if err != nil {
				var se *SkipError
				if !errors.As(err, &se) {
					se = &SkipError{Pos: file, Reason: ReasonMalformed, Err: err}
				}
				p.pending = append(p.pending, se)
				continue
			}
			u.add(t)
			if strings.HasSuffix(k.kind, "comments") {
				p.comments[side] = true
			}
		}
		if len(u.parts) > 0 {
			p.children[k.kind] = u
		}
	}
	if len(absent) > 0 {
		p.notes = append(p.notes, "no "+strings.Join(absent, ", "))
	}
	p.notes = append(p.notes,
		"the pull request table has no closed_at: a pull request closed without merging is scored as of its last comment",
		"the pull request table has no author login: the author's own comments count as anyone's, in the scorers and in review_comments",
		"effort outcomes: review_comments and time_to_close (merged pull requests only: no closed_at); no maintainers, no push times")
	return p, nil
}

// Notes says what the report should know about this data.
func (p *PerfPatch) Notes() []string {
	return patchNotes(slices.Clone(p.notes), p.children["commit_details"] == nil, "commit_details tables", "no commit_details row",
		p.noDiff, p.partial, p.read)
}

// Next returns the next pull request, in the CSV's order.
func (p *PerfPatch) Next() (*Record, error) {
	if err := held(&p.pending, p.prs != nil); err != nil {
		return nil, err
	}
	row, _, err := p.prs.readRow(p.prsRd)
	if err == io.EOF {
		var tables []childTable
		for _, k := range perfKinds {
			if u := p.children[k.kind]; u != nil {
				tables = append(tables, u)
			}
		}
		p.pending = unknownIDs(p.prs.path, tables...)
		p.Close()
		return p.Next()
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, p.prs.skip(pe)
	}
	if err != nil {
		return nil, fmt.Errorf("eval: perfpatch: %s: %w", p.prs.path, err)
	}
	line, _ := p.prsRd.FieldPos(0)
	get := func(col string) string { return strings.TrimSpace(p.prs.get(row, col)) }
	rec, id, created, closed := prRecord(func(col string) string {
		if col == "body" || col == "title" {
			return p.prs.get(row, col)
		}
		return get(col)
	}, parseTimeAny, get("agent"), fmt.Sprintf("%s:%d", p.prs.path, line))
	id = perfID(id)
	rec.AI = new(!strings.EqualFold(get("author_type"), "human") && !strings.EqualFold(get("agent"), "human"))
	if rec.Merged == nil && strings.EqualFold(get("is_merged"), "true") {
		rec.Merged = new(true)
	}
	if err := p.join(rec, id, closed); err != nil {
		return nil, &SkipError{Pos: rec.Pos, Reason: ReasonMalformed, Err: err}
	}
	p.count(rec)
	settleNow(rec, created, closed)
	return rec, nil
}

// join adds a pull request's diff, commits and comments.
func (p *PerfPatch) join(rec *Record, id string, closed time.Time) error {
	if u := p.children["commit_details"]; u != nil {
		rows, err := u.rowsOf(id)
		if err != nil {
			return err
		}
		rec.Diff, rec.DiffPartial = buildDiff(u, rows, p.opt.MaxRow)
	}
	if u := p.children["commits"]; u != nil {
		rows, err := u.rowsOf(id)
		if err != nil {
			return err
		}
		for _, r := range rows {
			msg := u.get(r, "commit_message")
			if msg == "" {
				msg = u.get(r, "message")
			}
			rec.Commits = append(rec.Commits, heuristics.Commit{SHA: u.get(r, "sha"), Message: msg, AuthorName: u.get(r, "author")})
		}
	}
	for _, k := range []struct {
		kind string
		ev   heuristics.EventKind
	}{{"issue_comments", heuristics.EventComment}, {"review_comments", heuristics.EventReviewComment}} {
		u := p.children[k.kind]
		if u == nil {
			continue
		}
		rows, err := u.rowsOf(id)
		if err != nil {
			return err
		}
		for _, r := range rows {
			rec.Timeline = append(rec.Timeline, heuristics.Event{Kind: k.ev, Actor: authorTyped(u.get(r, "user_login"), u.get(r, "user_type")),
				Time: parseTimeAny(u.get(r, "created_at")), Body: u.get(r, "body")})
		}
	}
	slices.SortStableFunc(rec.Timeline, func(a, b heuristics.Event) int { return a.Time.Compare(b.Time) })
	side := "human"
	if rec.AI != nil && *rec.AI {
		side = "ai"
	}
	if p.comments[side] {
		// No maintainers (no author_association, no merge actor), no
		// pushes in time (commit dates are mostly empty) and no author
		// login: the comments count, and the time to merge.
		rec.Outcomes = DeriveOutcomes(History{Author: rec.Author, Opened: rec.Opened, Closed: rec.Closed, Events: rec.Timeline})
	}
	if !closed.IsZero() {
		rec.Timeline = slices.DeleteFunc(rec.Timeline, func(e heuristics.Event) bool { return !e.Time.IsZero() && !e.Time.Before(closed) })
	}
	return nil
}

// Close closes the files.
func (p *PerfPatch) Close() error {
	if p.prs != nil {
		p.prs.close()
		p.prs = nil
	}
	for _, u := range p.children {
		for _, t := range u.parts {
			t.close()
		}
		u.parts = nil
	}
	return nil
}

// perfOrder maps each pull request's id to its place in the table, so
// the joined tables can tell whether they are in the same order.
func perfOrder(table *csvFile, maxRow int64) (map[string]int, error) {
	prs, rd, err := table.again(maxRow)
	if err != nil {
		return nil, err
	}
	order := map[string]int{}
	err = prs.eachRow(rd, func(row []string) {
		if id := perfID(prs.get(row, "id")); id != "" {
			if _, ok := order[id]; !ok {
				order[id] = len(order)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return order, nil
}

// perfID is a pull request id as the Parquet tables write it: pandas
// writes some integer columns of the CSV as floats ("123.0").
func perfID(s string) string { return strings.TrimSuffix(strings.TrimSpace(s), ".0") }

// unionTable joins the tables of one kind on both sides (agents' and
// humans'): a pull request's rows come from whichever holds them, each
// row rewritten to the union of the tables' columns, so one get reads
// them all.
type unionTable struct {
	label string
	parts []*pqTable
	cols  columns // column name → its place in the rows rowsOf returns
}

// add adds a table, growing the union of columns.
func (u *unionTable) add(t *pqTable) {
	if u.cols == nil {
		u.cols = map[string]int{}
	}
	names := slices.Sorted(maps.Keys(t.cols))
	for _, name := range names {
		if _, ok := u.cols[name]; !ok {
			u.cols[name] = len(u.cols)
		}
	}
	u.parts = append(u.parts, t)
}

func (u *unionTable) name() string { return u.label }

func (u *unionTable) get(row []string, col string) string { return u.cols.trimmed(row, col) }

func (u *unionTable) raw(row []string, col string) string { return u.cols.raw(row, col) }

func (u *unionTable) rowsOf(id string) ([][]string, error) {
	var out [][]string
	for _, t := range u.parts {
		rows, err := t.rowsOf(id)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.path, err)
		}
		for _, r := range rows {
			row := make([]string, len(u.cols))
			for name, i := range u.cols {
				row[i] = t.raw(r, name)
			}
			out = append(out, row)
		}
	}
	return out, nil
}

func (u *unionTable) unused() []string {
	var ids []string
	for _, t := range u.parts {
		ids = append(ids, t.unused()...)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func openPerfPatch(dir string, opt *AIDevOptions) (Source, error) {
	return OpenPerfPatch(dir, opt)
}
