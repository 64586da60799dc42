package eval

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/heft-dev/heft/heuristics"
)

// The AIDev layout: one folder per agent, each with prs.csv and the
// tables joined to it on the pull request's id.
const (
	aidevPRs       = "prs.csv"
	aidevCommits   = "pr_commits.csv"
	aidevTimelines = "pr_timelines.csv"
	aidevComments  = "pr_comments.csv"
	aidevReviews   = "pr_reviews.csv"
)

// aidevColumns lists, per file, the columns a row cannot do without.
var aidevColumns = map[string][]string{
	aidevPRs:       {"id", "title", "body", "state", "merged_at"},
	aidevCommits:   {"pr_id", "message"},
	aidevTimelines: {"pr_id", "event", "created_at"},
	aidevComments:  {"pr_id", "body"},
	aidevReviews:   {"pr_id", "state"},
}

// AIDev reads the CSV layout of the AIDev dataset of agent-authored pull
// requests (Li, Zhang and Hassan, arXiv:2507.15003): a folder holding one
// subfolder per agent (or one agent's folder itself), each with prs.csv
// and, when present, pr_commits.csv, pr_timelines.csv, pr_comments.csv and
// pr_reviews.csv, joined on the pull request's id.
//
// prs.csv is streamed row by row. The other tables are not in prs.csv's
// order, so each is first scanned once to note, per pull request id, the
// byte ranges of its rows (the rows of one id are contiguous in the
// published files); the rows themselves are read back when their pull
// request comes. Memory grows with the number of pull requests by one
// small index entry each, not with the text.
//
// Every record is labelled ai (AIDev holds only agent-authored pull
// requests) and merged from merged_at and state; Agent is the folder's
// name and Repo comes from repo_url. The CSV layout has no diffs, so
// diff-based scorers are not applicable to it; Notes says so. Timelines
// stop before the pull request was closed, and merged, closed and
// reopened events are dropped, so the merged label does not leak into
// what the scorers see.
//
// The CSV has no author_association, so nobody would count as a
// maintainer. When pr_timelines.csv is present, the accounts that merged
// a pull request are taken as maintainers of its repository (they have
// write access) and their events carry AssociationMember; Notes says how
// many. Other maintainers stay unknown.
//
// Each record's Outcomes are derived from its whole timeline before the
// closing (see DeriveOutcomes and the package documentation's "Effort
// outcomes").
type AIDev struct {
	opt     AIDevOptions
	dir     string
	agents  []string
	next    int // the next agent to open
	cur     *aidevAgent
	pending []error // skips found while opening an agent, returned first
	notes   []string
}

// aidevNoDiffs is the CSV layout's note that it has no diffs.
const aidevNoDiffs = "the AIDev CSV layout has no diffs: diff-based scorers are not applicable to it"

// DefaultMaxRow is the largest CSV row of the AIDev layout read by
// default: 64 MiB.
const DefaultMaxRow = 64 << 20

// ErrRowTooLarge is wrapped by the error a source returns for a CSV row
// over AIDevOptions.MaxRow; the rest of that file cannot be read safely,
// so the run stops there.
var ErrRowTooLarge = errors.New("CSV row too large")

// AIDevOptions configures the AIDev source. The zero value (or nil) uses
// the defaults.
type AIDevOptions struct {
	// MaxRow bounds one CSV row in bytes, so that a malformed file (an
	// unclosed quote) cannot take all memory. In the Parquet layout it
	// bounds a page once decompressed and one pull request's diff (files
	// past it count as left out). Default DefaultMaxRow.
	MaxRow int64
}

// OpenAIDev opens the AIDev layout under dir; opt may be nil.
func OpenAIDev(dir string, opt *AIDevOptions) (*AIDev, error) {
	a := &AIDev{dir: dir}
	if opt != nil {
		a.opt = *opt
	}
	if a.opt.MaxRow <= 0 {
		a.opt.MaxRow = DefaultMaxRow
	}
	if _, err := os.Stat(filepath.Join(dir, aidevPRs)); err == nil {
		a.agents = []string{"."}
	} else {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("eval: aidev: %w", err)
		}
		for _, e := range ents {
			if e.IsDir() {
				a.agents = append(a.agents, e.Name())
			}
		}
		if len(a.agents) == 0 {
			return nil, fmt.Errorf("eval: aidev: %s holds neither %s nor agent folders", dir, aidevPRs)
		}
	}
	a.notes = append(a.notes, aidevNoDiffs)
	return a, nil
}

// Notes says what the report should know about this data.
func (a *AIDev) Notes() []string { return slices.Clone(a.notes) }

// Next returns the next pull request, agent folder after agent folder.
func (a *AIDev) Next() (*Record, error) {
	for {
		if err := popPending(&a.pending); err != nil {
			return nil, err
		}
		if a.cur == nil {
			if a.next == len(a.agents) {
				return nil, io.EOF
			}
			name := a.agents[a.next]
			a.next++
			agent, skips, notes, err := openAgent(a.dir, name, a.opt.MaxRow)
			a.pending = append(a.pending, skips...)
			a.notes = append(a.notes, notes...)
			if err != nil {
				return nil, err
			}
			a.cur = agent // nil when the folder has no prs.csv
			continue
		}
		rec, err := a.cur.next()
		if err == io.EOF {
			a.pending = append(a.pending, a.cur.unknownIDs()...)
			a.cur.close()
			a.cur = nil
			continue
		}
		return rec, err
	}
}

// Close closes the open files.
func (a *AIDev) Close() error {
	if a.cur != nil {
		a.cur.close()
		a.cur = nil
	}
	return nil
}

// csvFile is one CSV table: its header and, for the joined tables, the
// byte ranges of each pull request's rows.
type csvFile struct {
	path  string // as reports show it: agent/file.csv
	f     *os.File
	guard *rowGuard // bounds the row being read
	cols  columns
	n     int           // fields per row
	spans               // pr_id → its rows
	buf   []byte        // rowsOf's read buffer
	spanR bytes.Reader  // rowsOf's reader of buf
	bufR  *bufio.Reader // and its buffer, which csv.NewReader takes as it is
}

// get returns the named column of row, or "" when the file has no such
// column.
func (c *csvFile) get(row []string, name string) string { return c.cols.raw(row, name) }

// openCSV opens a table and checks its header has the required columns.
func openCSV(path, display string, required []string, maxRow int64) (*csvFile, *csv.Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	g := &rowGuard{r: f, max: maxRow}
	rd := csv.NewReader(g)
	rd.ReuseRecord = false
	header, err := rd.Read()
	if err != nil {
		f.Close()
		if err == io.EOF {
			err = errors.New("empty file, no header")
		}
		return nil, nil, &SkipError{Pos: display + ":1", Reason: ReasonMalformed, Err: err}
	}
	c := &csvFile{path: display, f: f, guard: g, cols: make(map[string]int, len(header)), n: len(header)}
	for i, h := range header {
		c.cols[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	var missing []string
	for _, col := range required {
		if _, ok := c.cols[col]; !ok {
			missing = append(missing, col)
		}
	}
	if len(missing) > 0 {
		f.Close()
		return nil, nil, &SkipError{Pos: display + ":1", Reason: ReasonMissingCol,
			Err: fmt.Errorf("no column %s (header: %s)", strings.Join(missing, ", "), strings.Join(header, ","))}
	}
	rd.FieldsPerRecord = len(header)
	return c, rd, nil
}

// childTable is a table joined to the pull requests on pr_id: a CSV file
// or a Parquet table, its rows read back as strings by column name.
type childTable interface {
	name() string // as reports show it
	get(row []string, col string) string
	raw(row []string, col string) string // get without trimming: a patch's last blank context line is a space
	rowsOf(id string) ([][]string, error)
	unused() []string // the indexed ids no pull request asked for, sorted
}

// joiner adds the joined tables' rows to a pull request's record.
type joiner struct {
	// maintainers holds, per repository, the accounts known to have
	// write access there.
	maintainers map[string]map[string]bool
	// reviewers holds, per repository, the accounts the effort outcomes
	// count as its maintainers: those that merged one of its pull
	// requests, approved one or requested changes on one.
	reviewers map[string]map[string]bool
	// timed is set when a timeline table places commits among the
	// reviews, so pushes after a review can be counted.
	timed    bool
	children map[string]childTable // by CSV file name; absent tables are missing
}

type aidevAgent struct {
	joiner
	name  string
	prs   *csvFile
	prsRd *csv.Reader
	files []*csvFile
}

// openAgent opens one agent's folder and indexes its joined tables. A
// folder without prs.csv, or whose prs.csv lacks a needed column, is
// skipped (nil agent, the reason among skips).
func openAgent(dir, name string, maxRow int64) (*aidevAgent, []error, []string, error) {
	folder := filepath.Join(dir, name)
	label := name
	if name == "." {
		label = filepath.Base(filepath.Clean(dir))
	}
	var skips []error
	var notes []string
	prs, rd, err := openCSV(filepath.Join(folder, aidevPRs), label+"/"+aidevPRs, aidevColumns[aidevPRs], maxRow)
	if err != nil {
		var se *SkipError
		switch {
		case errors.As(err, &se):
			return nil, append(skips, se), notes, nil
		case errors.Is(err, fs.ErrNotExist):
			return nil, append(skips, &SkipError{Pos: label + "/", Reason: ReasonMissingFile, Err: fmt.Errorf("no %s: folder skipped", aidevPRs)}), notes, nil
		}
		return nil, nil, nil, fmt.Errorf("eval: aidev: %w", err)
	}
	ag := &aidevAgent{name: label, prs: prs, prsRd: rd, joiner: joiner{children: map[string]childTable{}}}
	mergers := map[string]string{}     // pr_id → who merged it
	approvers := map[string][]string{} // pr_id → who approved or requested changes
	var absent []string
	for _, file := range []string{aidevCommits, aidevTimelines, aidevComments, aidevReviews} {
		c, rd, err := openCSV(filepath.Join(folder, file), label+"/"+file, aidevColumns[file], maxRow)
		var se *SkipError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			absent = append(absent, file)
			continue
		case errors.As(err, &se):
			skips = append(skips, se)
			continue
		case err != nil:
			ag.close()
			return nil, nil, nil, fmt.Errorf("eval: aidev: %w", err)
		}
		var each func([]string)
		switch file {
		case aidevTimelines:
			ag.timed = true
			each = func(row []string) {
				if c.get(row, "event") == "merged" && c.get(row, "actor") != "" {
					mergers[strings.TrimSpace(c.get(row, "pr_id"))] = c.get(row, "actor")
				}
			}
		case aidevReviews:
			each = func(row []string) {
				noteApprover(approvers, c.get(row, "pr_id"), c.get(row, "user"), c.get(row, "user_type"), c.get(row, "state"))
			}
		}
		bad, err := c.index(rd, each)
		skips = append(skips, bad...)
		if err != nil {
			c.f.Close()
			ag.close()
			return nil, nil, nil, fmt.Errorf("eval: aidev: %s: %w", c.path, err)
		}
		ag.children[file] = c
		ag.files = append(ag.files, c)
	}
	if len(absent) > 0 {
		notes = append(notes, fmt.Sprintf("%s: no %s", label, strings.Join(absent, ", ")))
	}
	writers := writeAccess(mergers, approvers)
	if len(writers) > 0 {
		m, err := maintainers(filepath.Join(folder, aidevPRs), writers, maxRow)
		if err != nil {
			ag.close()
			return nil, nil, nil, fmt.Errorf("eval: aidev: %s: %w", prs.path, err)
		}
		ag.reviewers = m
	}
	if len(mergers) > 0 {
		byID := map[string][]string{}
		for id, who := range mergers {
			byID[id] = []string{who}
		}
		m, err := maintainers(filepath.Join(folder, aidevPRs), byID, maxRow)
		if err != nil {
			ag.close()
			return nil, nil, nil, fmt.Errorf("eval: aidev: %s: %w", prs.path, err)
		}
		ag.maintainers = m
		n := 0
		for _, set := range m {
			n += len(set)
		}
		notes = append(notes, fmt.Sprintf("%s: %d accounts that merged a pull request count as maintainers of its repository (the CSV has no author_association)", label, n))
	}
	return ag, skips, notes, nil
}

// maintainers maps each repository to the accounts that merged one of its
// pull requests: people with write access, whom the engagement scorer
// must tell from other commenters. It reads prs.csv once for the
// repository of each merged pull request.
func maintainers(prsPath string, mergers map[string][]string, maxRow int64) (map[string]map[string]bool, error) {
	c, rd, err := openCSV(prsPath, prsPath, nil, maxRow)
	if err != nil {
		return nil, err
	}
	defer c.f.Close()
	out := map[string]map[string]bool{}
	err = c.eachRow(rd, func(row []string) {
		who, ok := mergers[strings.TrimSpace(c.get(row, "id"))]
		if !ok {
			return
		}
		repo := repoOf(c.get(row, "repo_url"), c.get(row, "html_url"))
		if out[repo] == nil {
			out[repo] = map[string]bool{}
		}
		for _, w := range who {
			out[repo][w] = true
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// index scans a joined table once, noting the byte range of each pull
// request's rows. Rows that do not parse are reported and left out of
// every range.
func (c *csvFile) index(rd *csv.Reader, each func(row []string)) ([]error, error) {
	c.spans = newSpans()
	var skips []error
	cur, start := "", int64(-1)
	flush := func(end int64) {
		if start >= 0 && cur != "" {
			c.idx[cur] = append(c.idx[cur], span{start, end})
		}
		cur, start = "", -1
	}
	pid := c.cols["pr_id"]
	for {
		row, off, err := c.readRow(rd)
		var pe *csv.ParseError
		switch {
		case err == io.EOF:
			flush(off)
			return skips, nil
		case errors.As(err, &pe):
			flush(off)
			skips = append(skips, c.skip(pe))
			continue
		case err != nil:
			return skips, err
		}
		if each != nil {
			each(row)
		}
		id := strings.TrimSpace(row[pid])
		if id != cur {
			flush(off)
			cur, start = id, off
		}
	}
}

// rowsOf reads back the rows of one pull request.
func (c *csvFile) rowsOf(id string) ([][]string, error) {
	var rows [][]string
	for _, s := range c.take(id) {
		// One read per span rather than a read per 4 KiB block, into a
		// buffer the table keeps (the fields are copied out of it).
		n := int(s.end - s.off)
		if cap(c.buf) < n {
			c.buf = make([]byte, n)
		}
		if _, err := c.f.ReadAt(c.buf[:n], s.off); err != nil {
			return nil, err
		}
		// csv.NewReader keeps a *bufio.Reader it is given: one for all
		// the table's reads, not 4 KiB more garbage per pull request.
		c.spanR.Reset(c.buf[:n])
		if c.bufR == nil {
			c.bufR = bufio.NewReader(&c.spanR)
		} else {
			c.bufR.Reset(&c.spanR)
		}
		rd := csv.NewReader(c.bufR)
		rd.FieldsPerRecord = c.n
		for {
			row, err := rd.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}

func (c *csvFile) name() string { return c.path }

func (c *csvFile) raw(row []string, name string) string { return c.get(row, name) }

// unknownIDs reports the joined rows whose pr_id matched no pull request
// of the table prs.
func unknownIDs(prs string, tables ...childTable) []error {
	var out []error
	for _, c := range tables {
		if ids := c.unused(); len(ids) > 0 {
			out = append(out, &SkipError{Pos: c.name(), Reason: ReasonUnknownID,
				Err: fmt.Errorf("rows of %d pr_id(s) match no row of %s, e.g. %s", len(ids), prs, ids[0])})
		}
	}
	return out
}

func (ag *aidevAgent) unknownIDs() []error {
	tables := make([]childTable, len(ag.files))
	for i, c := range ag.files {
		tables[i] = c
	}
	return unknownIDs(aidevPRs, tables...)
}

func (ag *aidevAgent) close() {
	if ag.prs != nil {
		ag.prs.f.Close()
	}
	for _, c := range ag.files {
		c.f.Close()
	}
}

// next reads the next row of prs.csv and joins the other tables to it.
func (ag *aidevAgent) next() (*Record, error) {
	row, _, err := ag.prs.readRow(ag.prsRd)
	var pe *csv.ParseError
	switch {
	case err == io.EOF:
		return nil, io.EOF
	case errors.As(err, &pe):
		return nil, ag.prs.skip(pe)
	case err != nil:
		return nil, fmt.Errorf("eval: aidev: %s: %w", ag.prs.path, err)
	}
	line, _ := ag.prsRd.FieldPos(0)
	p := ag.prs
	get := func(col string) string { return p.get(row, col) }
	rec, id, created, closed := prRecord(get, parseTime, ag.name, fmt.Sprintf("%s:%d", p.path, line))
	if err := ag.join(rec, id, closed); err != nil {
		return nil, &SkipError{Pos: rec.Pos, Reason: ReasonMalformed, Err: err}
	}
	settleNow(rec, created, closed)
	return rec, nil
}

// prRecord builds a Record from a row of the pull request table of either
// layout (CSV or Parquet): get reads a column, parse a time column. It
// returns the pull request's id, when it was created, and when it was
// merged or closed (zero while open), which cuts its timeline.
func prRecord(get func(col string) string, parse func(string) time.Time, agent, pos string) (rec *Record, id string, created, closed time.Time) {
	id = strings.TrimSpace(get("id"))
	rec = &Record{
		Title:  get("title"),
		Body:   get("body"),
		Author: author(get("user")),
		Agent:  agent,
		Repo:   repoOf(get("repo_url"), get("html_url")),
		AI:     new(true),
		Pos:    pos,
		ID:     id,
	}
	if n := get("number"); rec.Repo != "" && n != "" {
		rec.ID = rec.Repo + "#" + n
	}
	switch {
	case get("merged_at") != "":
		rec.Merged = new(true)
	case strings.EqualFold(get("state"), "closed"):
		rec.Merged = new(false)
	}
	created, closed = parse(get("created_at")), parse(get("closed_at"))
	if m := parse(get("merged_at")); !m.IsZero() && (closed.IsZero() || m.Before(closed)) {
		closed = m
	}
	rec.Opened, rec.Closed = created, closed
	return rec, id, created, closed
}

// settleNow scores a record as of its closing or, while it is open, as of
// its last event.
func settleNow(rec *Record, created, closed time.Time) {
	rec.Now = closed
	if rec.Now.IsZero() {
		rec.Now = created
		if n := len(rec.Timeline); n > 0 && rec.Timeline[n-1].Time.After(rec.Now) {
			rec.Now = rec.Timeline[n-1].Time
		}
	}
}

// join adds the commits and the timeline of pull request id, the timeline
// cut before closed (when known).
func (ag *joiner) join(rec *Record, id string, closed time.Time) error {
	if c := ag.children[aidevCommits]; c != nil {
		rows, err := c.rowsOf(id)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name(), err)
		}
		for _, r := range rows {
			rec.Commits = append(rec.Commits, heuristics.Commit{SHA: c.get(r, "sha"), Message: c.get(r, "message"), AuthorName: c.get(r, "author")})
		}
	}
	comments, reviews := ag.children[aidevComments], ag.children[aidevReviews]
	var pushes []heuristics.Event
	if c := ag.children[aidevTimelines]; c != nil {
		rows, err := c.rowsOf(id)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name(), err)
		}
		var last time.Time
		for _, r := range rows {
			ev := heuristics.Event{Actor: author(c.get(r, "actor")), Time: parseTimeAny(c.get(r, "created_at"))}
			if !ev.Time.IsZero() {
				last = ev.Time
			}
			switch c.get(r, "event") {
			case "committed":
				// Commit rows carry no time: a push happened after the
				// last timed row before it, a lower bound.
				pushes = append(pushes, heuristics.Event{Kind: heuristics.EventCommit, Time: last})
				continue
			case "labeled":
				ev.Kind, ev.Label = heuristics.EventLabeled, c.get(r, "label")
			case "unlabeled":
				ev.Kind, ev.Label = heuristics.EventUnlabeled, c.get(r, "label")
			case "review_requested":
				ev.Kind = heuristics.EventReviewRequested
			case "ready_for_review":
				ev.Kind = heuristics.EventReadyForReview
			case "commented":
				if comments != nil {
					continue // the text is in pr_comments.csv
				}
				ev.Kind = heuristics.EventComment
			case "reviewed":
				if reviews != nil {
					continue
				}
				ev.Kind, ev.State = heuristics.EventReview, "commented"
			default:
				continue // commits are in Commits; merged and closed would leak the label
			}
			rec.Timeline = append(rec.Timeline, ev)
		}
	}
	if c := comments; c != nil {
		rows, err := c.rowsOf(id)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name(), err)
		}
		for _, r := range rows {
			rec.Timeline = append(rec.Timeline, heuristics.Event{Kind: heuristics.EventComment, Actor: authorTyped(c.get(r, "user"), c.get(r, "user_type")),
				Time: parseTimeAny(c.get(r, "created_at")), Body: c.get(r, "body")})
		}
	}
	if c := reviews; c != nil {
		rows, err := c.rowsOf(id)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name(), err)
		}
		for _, r := range rows {
			rec.Timeline = append(rec.Timeline, heuristics.Event{Kind: heuristics.EventReview, Actor: authorTyped(c.get(r, "user"), c.get(r, "user_type")),
				Time: parseTimeAny(c.get(r, "submitted_at")), Body: c.get(r, "body"), State: strings.ToLower(c.get(r, "state"))})
		}
	}
	slices.SortStableFunc(rec.Timeline, func(a, b heuristics.Event) int { return a.Time.Compare(b.Time) })
	rec.Outcomes = ag.outcomes(rec, pushes)
	if !closed.IsZero() {
		rec.Timeline = slices.DeleteFunc(rec.Timeline, func(e heuristics.Event) bool { return !e.Time.IsZero() && !e.Time.Before(closed) })
	}
	if m := ag.maintainers[rec.Repo]; m != nil {
		for i := range rec.Timeline {
			a := &rec.Timeline[i].Actor
			if m[a.Login] && a.Login != rec.Author.Login {
				a.Association = heuristics.AssociationMember
			}
		}
	}
	return nil
}

func author(login string) heuristics.Author {
	return heuristics.Author{Login: login, Bot: strings.HasSuffix(login, "[bot]")}
}

// authorTyped is author with GitHub's account type, when a table has it
// (user_type "Bot" in AIDev's pr_comments and pr_reviews).
func authorTyped(login, typ string) heuristics.Author {
	a := author(login)
	a.Bot = a.Bot || strings.EqualFold(strings.TrimSpace(typ), "bot")
	return a
}

// repoOf returns "owner/name" from an API repository URL or a pull
// request's HTML URL.
func repoOf(apiURL, htmlURL string) string {
	if rest, ok := strings.CutPrefix(apiURL, "https://api.github.com/repos/"); ok {
		return strings.Trim(rest, "/")
	}
	if rest, ok := strings.CutPrefix(htmlURL, "https://github.com/"); ok {
		parts := strings.SplitN(rest, "/", 3)
		if len(parts) >= 2 {
			return parts[0] + "/" + parts[1]
		}
	}
	return ""
}

// parseTime reads an RFC 3339 time, or the zero time.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}
	}
	return t
}

// rowGuard counts the bytes read for the current row and fails past max.
// The CSV reader reads ahead in small blocks, so the count is the row's
// size give or take a few kilobytes.
type rowGuard struct {
	r      io.Reader
	n, max int64
}

func (g *rowGuard) Read(p []byte) (int, error) {
	if g.n > g.max {
		return 0, ErrRowTooLarge
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}

func (g *rowGuard) reset() { g.n = 0 }

// rowError says where an oversized row starts.
func rowError(err error, off int64) error {
	if errors.Is(err, ErrRowTooLarge) {
		return fmt.Errorf("the row at byte %d: %w", off, err)
	}
	return err
}

// noteApprover records an account that approved a pull request or
// requested changes on it: on GitHub only an approval by someone with
// write access counts, so the effort outcomes take them as maintainers.
func noteApprover(approvers map[string][]string, prID, login, typ, state string) {
	st := strings.ToUpper(strings.TrimSpace(state))
	if login == "" || (st != "APPROVED" && st != "CHANGES_REQUESTED") || IsBot(authorTyped(login, typ)) {
		return
	}
	id := strings.TrimSpace(prID)
	approvers[id] = append(approvers[id], login)
}

// writeAccess merges who merged and who approved, per pull request id.
func writeAccess(mergers map[string]string, approvers map[string][]string) map[string][]string {
	out := make(map[string][]string, len(mergers)+len(approvers))
	for id, who := range approvers {
		out[id] = slices.Clone(who)
	}
	for id, who := range mergers {
		out[id] = append(out[id], who)
	}
	return out
}

// outcomes derives a record's effort outcomes from its timeline, before
// the cut at the closing, and the pushes the timeline table places.
// A maintainer is an account with OWNER, MEMBER or COLLABORATOR
// association (none in the CSV) or one that merged, approved or requested
// changes on a pull request of the same repository in the data; with no
// such account known for the repository, the maintainer outcomes are
// unknown.
func (ag *joiner) outcomes(rec *Record, pushes []heuristics.Event) *Outcomes {
	h := History{Author: rec.Author, Opened: rec.Opened, Closed: rec.Closed, Pushes: ag.timed,
		NoComments: ag.children[aidevComments] == nil && ag.children[aidevTimelines] == nil}
	h.Events = append(slices.Clone(rec.Timeline), pushes...)
	slices.SortStableFunc(h.Events, func(a, b heuristics.Event) int { return a.Time.Compare(b.Time) })
	if known := ag.reviewers[rec.Repo]; len(known) > 0 {
		h.Maintainer = func(a heuristics.Author) bool { return AssociatedMaintainer(a) || known[a.Login] }
	}
	return DeriveOutcomes(h)
}
