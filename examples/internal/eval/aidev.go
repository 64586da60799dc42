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
// prs.csv is streamed row by row from disk in reads of 64 KiB, never
// held whole: twice when the accounts with write access need the
// repositories of the pull requests they merged or approved (the second
// read comes from the system's file cache).
// The other tables are not in prs.csv's order, so each is first scanned
// once to note, per pull request id, the byte ranges of its rows (the
// rows of one id are contiguous in the published files); the rows
// themselves are read back when their pull request comes. The next agent
// folder is opened while this one's pull requests are read. Memory grows
// with the number of pull requests by one small index entry each, not
// with the text.
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
	ahead   chan opened // the next agent, being opened
	aheadAt int         // its index in agents
	pending []error     // skips found while opening an agent, returned first
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
			o := a.opening(a.next)
			a.next++
			a.pending = append(a.pending, o.skips...)
			a.notes = append(a.notes, o.notes...)
			if o.err != nil {
				a.Close()
				return nil, o.err
			}
			a.cur = o.agent // nil when the folder has no prs.csv
			if a.cur != nil && a.next < len(a.agents) {
				// Index the next folder while this one's pull requests
				// are scored: the workers need not wait for it.
				a.open(a.next)
			}
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

// opened is an agent folder opened and indexed, or why not.
type opened struct {
	agent *aidevAgent
	skips []error
	notes []string
	err   error
}

// open starts opening agent folder i in the background.
func (a *AIDev) open(i int) {
	ch := make(chan opened, 1)
	a.ahead, a.aheadAt = ch, i
	go func() {
		var o opened
		o.agent, o.skips, o.notes, o.err = openAgent(a.dir, a.agents[i], a.opt.MaxRow)
		ch <- o
	}()
}

// opening returns agent folder i, opened now or by open before.
func (a *AIDev) opening(i int) opened {
	if a.ahead == nil || a.aheadAt != i {
		a.open(i)
	}
	o := <-a.ahead
	a.ahead = nil
	return o
}

// Close closes the open files.
func (a *AIDev) Close() error {
	if a.cur != nil {
		a.cur.close()
		a.cur = nil
	}
	if a.ahead != nil {
		if o := <-a.ahead; o.agent != nil {
			o.agent.close()
		}
		a.ahead = nil
	}
	return nil
}

// csvFile is one CSV table: its header and, for the joined tables, the
// byte ranges of each pull request's rows.
type csvFile struct {
	path  string // as reports show it: agent/file.csv
	src   io.ReaderAt
	size  int64
	data  []byte    // the whole file, when it was read into memory
	file  *os.File  // the open file, when it was not
	guard *rowGuard // bounds the row being read
	cols  columns
	n     int           // fields per row
	spans               // pr_id → its rows
	buf   []byte        // rowsOf's read buffer, for a file not in memory
	spanR bytes.Reader  // rowsOf's reader of a span
	bufR  *bufio.Reader // and its buffer, which csv.NewReader takes as it is
}

// csvInMemory bounds the bytes of the performance study's pull request
// table a source holds in memory, read once from disk for its two passes;
// past that it is read twice. The AIDev reader holds none of its
// tables: copying prs.csv into memory (a fresh allocation the table's
// size, zeroed, then read into: 4 MB for the sample's largest) saved no
// CPU time that could be measured against reading it twice through
// 64 KiB buffers, and cost 8 to 9 MB of peak memory. The joined tables
// are read back from disk, one range per pull request: holding them too
// (12 MB more for the sample's Copilot folder) cost 25 MB of peak memory
// for no CPU time that could be measured.
const csvInMemory = 16 << 20

// get returns the named column of row, or "" when the file has no such
// column.
func (c *csvFile) get(row []string, name string) string { return c.cols.raw(row, name) }

// openCSV opens a table and checks its header has the required columns.
// It returns a reader of its rows, from the first after the header. When
// inMemory is set and the file is no larger than csvInMemory, it is read
// into memory once (and close lets go of it).
func openCSV(path, display string, required []string, maxRow int64, inMemory bool) (*csvFile, *csv.Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	c := &csvFile{path: display, src: f, file: f, size: -1}
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		c.size = fi.Size()
		if inMemory && c.size <= csvInMemory {
			data := make([]byte, c.size)
			if _, err := io.ReadFull(f, data); err != nil {
				f.Close()
				return nil, nil, err
			}
			f.Close()
			c.data, c.src, c.file = data, bytes.NewReader(data), nil
		}
	}
	c.guard = &rowGuard{r: c.whole(), max: maxRow}
	rd := csv.NewReader(c.guard)
	header, err := rd.Read()
	if err != nil {
		c.close()
		if err == io.EOF {
			err = errors.New("empty file, no header")
		}
		return nil, nil, &SkipError{Pos: display + ":1", Reason: ReasonMalformed, Err: err}
	}
	c.cols, c.n = make(map[string]int, len(header)), len(header)
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
		c.close()
		return nil, nil, &SkipError{Pos: display + ":1", Reason: ReasonMissingCol,
			Err: fmt.Errorf("no column %s (header: %s)", strings.Join(missing, ", "), strings.Join(header, ","))}
	}
	rd.FieldsPerRecord = len(header)
	return c, rd, nil
}

// again returns a second view of c and a reader of its rows, from the
// first after the header, for another pass over the table (from memory,
// when it is there), bounded by maxRow as the first.
func (c *csvFile) again(maxRow int64) (*csvFile, *csv.Reader, error) {
	if c.size < 0 {
		return nil, nil, fmt.Errorf("not a regular file, cannot be read twice")
	}
	v := &csvFile{path: c.path, cols: c.cols, n: c.n, guard: &rowGuard{r: c.whole(), max: maxRow}}
	rd := csv.NewReader(v.guard)
	if _, err := rd.Read(); err != nil {
		return nil, nil, err
	}
	rd.FieldsPerRecord = c.n
	return v, rd, nil
}

// whole returns a reader of the table from its start: from memory, or
// from the file in reads of 64 KiB (the row guard sits above it, so it
// still sees the CSV reader's small reads).
func (c *csvFile) whole() io.Reader {
	switch {
	case c.data != nil:
		return bytes.NewReader(c.data)
	case c.size >= 0:
		return bufio.NewReaderSize(io.NewSectionReader(c.src, 0, c.size), 64<<10)
	}
	return bufio.NewReaderSize(c.file, 64<<10)
}

// close closes the file; a table in memory lets go of it.
func (c *csvFile) close() {
	if c.file != nil {
		c.file.Close()
		c.file = nil
	}
	c.data, c.src = nil, nil
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
	prs, rd, err := openCSV(filepath.Join(folder, aidevPRs), label+"/"+aidevPRs, aidevColumns[aidevPRs], maxRow, false)
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
		c, rd, err := openCSV(filepath.Join(folder, file), label+"/"+file, aidevColumns[file], maxRow, false)
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
			c.close()
			ag.close()
			return nil, nil, nil, fmt.Errorf("eval: aidev: %s: %w", c.path, err)
		}
		ag.children[file] = c
		ag.files = append(ag.files, c)
	}
	if len(absent) > 0 {
		notes = append(notes, fmt.Sprintf("%s: no %s", label, strings.Join(absent, ", ")))
	}
	if writers := writeAccess(mergers, approvers); len(writers) > 0 {
		// One more pass over prs.csv, from memory when it fits, for the
		// repository of each pull request someone merged or approved.
		repos, err := reposOf(prs, maxRow, writers)
		if err != nil {
			ag.close()
			return nil, nil, nil, fmt.Errorf("eval: aidev: %s: %w", prs.path, err)
		}
		ag.reviewers = byRepo(repos, writers)
		if len(mergers) > 0 {
			byID := make(map[string][]string, len(mergers))
			for id, who := range mergers {
				byID[id] = []string{who}
			}
			ag.maintainers = byRepo(repos, byID)
			n := 0
			for _, set := range ag.maintainers {
				n += len(set)
			}
			notes = append(notes, fmt.Sprintf("%s: %d accounts that merged a pull request count as maintainers of its repository (the CSV has no author_association)", label, n))
		}
	}
	return ag, skips, notes, nil
}

// reposOf reads prs.csv once more for the repositories of the pull
// requests ids names (an id of two rows has both).
func reposOf(prs *csvFile, maxRow int64, ids map[string][]string) (map[string][]string, error) {
	c, rd, err := prs.again(maxRow)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	err = c.eachRow(rd, func(row []string) {
		id := strings.TrimSpace(c.get(row, "id"))
		if _, ok := ids[id]; ok {
			out[id] = append(out[id], repoOf(c.get(row, "repo_url"), c.get(row, "html_url")))
		}
	})
	return out, err
}

// byRepo maps each repository to the accounts of who (by pull request id)
// on its pull requests: people with write access, whom the engagement
// scorer and the effort outcomes must tell from other commenters.
func byRepo(repos map[string][]string, who map[string][]string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for id, accounts := range who {
		for _, repo := range repos[id] {
			if out[repo] == nil {
				out[repo] = map[string]bool{}
			}
			for _, w := range accounts {
				out[repo][w] = true
			}
		}
	}
	return out
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
		// From memory, or one read per span rather than a read per 4 KiB
		// block, into a buffer the table keeps (the fields are copied
		// out of it).
		var text []byte
		if c.data != nil {
			text = c.data[s.off:s.end]
		} else {
			n := int(s.end - s.off)
			if cap(c.buf) < n {
				c.buf = make([]byte, n)
			}
			if _, err := c.src.ReadAt(c.buf[:n], s.off); err != nil {
				return nil, err
			}
			text = c.buf[:n]
		}
		// csv.NewReader keeps a *bufio.Reader it is given: one for all
		// the table's reads, not 4 KiB more garbage per pull request.
		c.spanR.Reset(text)
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
		ag.prs.close()
	}
	for _, c := range ag.files {
		c.close()
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
	var err error
	if rec.Timeline, err = childEvents(rec.Timeline, comments, id, heuristics.EventComment, "created_at"); err != nil {
		return err
	}
	if rec.Timeline, err = childEvents(rec.Timeline, reviews, id, heuristics.EventReview, "submitted_at"); err != nil {
		return err
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

// childEvents appends to tl an event of kind for each row of c, the
// comments or reviews table (nil when not given), for pull request id:
// who wrote it, the time in the column at, the text and a review's state.
func childEvents(tl []heuristics.Event, c childTable, id string, kind heuristics.EventKind, at string) ([]heuristics.Event, error) {
	if c == nil {
		return tl, nil
	}
	rows, err := c.rowsOf(id)
	if err != nil {
		return tl, fmt.Errorf("%s: %w", c.name(), err)
	}
	for _, r := range rows {
		ev := heuristics.Event{Kind: kind, Actor: authorTyped(c.get(r, "user"), c.get(r, "user_type")),
			Time: parseTimeAny(c.get(r, at)), Body: c.get(r, "body")}
		if kind == heuristics.EventReview {
			ev.State = strings.ToLower(c.get(r, "state"))
		}
		tl = append(tl, ev)
	}
	return tl, nil
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
