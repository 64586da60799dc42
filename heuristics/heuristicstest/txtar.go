package heuristicstest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/heft-dev/heft/diffstat"
	"github.com/heft-dev/heft/heuristics"
)

// update is the -update flag of every test binary that imports
// heuristicstest. A test package that wants its own golden files updated
// by the same flag reads it with flag.Lookup("update") instead of
// defining it again, which would panic.
var update = flag.Bool("update", false, "heuristicstest: rewrite the summary section of txtar cases with what the scorer says")

// RunTxtar runs s on every case archive matching pattern (a filepath.Glob
// pattern such as "testdata/*.txtar"), each as a subtest named after its
// file, and checks the result against the archive's expectations. It then
// runs Run on all the cases' contributions, so the cases double as the
// conformance inputs.
//
// A case is a txtar archive (the format of the go command's tests): its
// comment says what the case is about, and its files are the inputs and
// expectations, all optional except want:
//
//	title     the pull request's title (its final newline is dropped)
//	body      the description, Markdown
//	template  the repository's pull request template
//	diff      the diff, as git diff or git format-patch writes it
//	commit    one commit message; repeat the file for more commits, oldest first
//	author    the author, as JSON: {"login": "ada", "association": "NONE"}
//	timeline  the events, as a JSON array of heuristics.Event
//	labels    labels already on the pull request, one a line
//	now       the time to score at, RFC 3339
//	want      the expectations, one a line (see below)
//	summary   the Summary, compared exactly; go test -update rewrites it
//
// The lines of want are a key and its values; # starts a comment:
//
//	score 0.5           the score, exactly (to 3 decimals)
//	score 0.2 0.6       the score, in that closed range
//	rules a-b c-d       the distinct Evidence.Rule values, in any order
//	                    (a bare "rules" expects no evidence)
//	labels size/XS      the suggested labels, in any order; quote one
//	                    that holds a space: labels "awaiting author"
//	metric name 12      one metric's value, exactly (to 3 decimals)
//	error not-applicable  Score returns heuristics.ErrNotApplicable
//
// A diff line that looks like a txtar file marker ("-- name --") cannot be
// held in a case.
func RunTxtar(t *testing.T, s heuristics.Scorer, pattern string) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatalf("heuristicstest: %v", err)
	}
	if len(files) == 0 {
		t.Fatalf("heuristicstest: no case matches %s", pattern)
	}
	var all []*heuristics.Contribution
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			tc, err := parseCase(ar)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			all = append(all, tc.c)
			res, err := s.Score(context.Background(), tc.c)
			for _, err := range tc.want.check(res, err) {
				t.Errorf("%s: %v", file, err)
			}
			if err != nil || !tc.hasSummary {
				return
			}
			if *update {
				if tc.summary != res.Summary {
					setFile(ar, "summary", res.Summary+"\n")
					if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			if res.Summary != tc.summary {
				t.Errorf("%s: summary\n got: %s\nwant: %s\n(go test -update rewrites it)", file, res.Summary, tc.summary)
			}
		})
	}
	Run(t, s, all...)
}

type txtarCase struct {
	c          *heuristics.Contribution
	want       want
	summary    string
	hasSummary bool
}

// parseCase reads a case archive; its errors name the file and line of
// the archive at fault.
func parseCase(ar *txtar.Archive) (*txtarCase, error) {
	tc := &txtarCase{c: &heuristics.Contribution{}}
	seen := map[string]bool{}
	for _, f := range ar.Files {
		if seen[f.Name] && f.Name != "commit" {
			return nil, fmt.Errorf("file %s: given twice", f.Name)
		}
		seen[f.Name] = true
		data := string(f.Data)
		var err error
		switch f.Name {
		case "title":
			tc.c.Title = strings.TrimSuffix(data, "\n")
		case "body":
			tc.c.Body = data
		case "template":
			tc.c.Template = data
		case "diff":
			tc.c.Diff, err = diffstat.Parse(bytes.NewReader(f.Data), nil)
		case "commit":
			tc.c.Commits = append(tc.c.Commits, heuristics.Commit{Message: data})
		case "author":
			err = strictJSON(f.Data, &tc.c.Author)
		case "timeline":
			err = strictJSON(f.Data, &tc.c.Timeline)
		case "labels":
			for l := range strings.Lines(data) {
				if l = strings.TrimSpace(l); l != "" {
					tc.c.Labels = append(tc.c.Labels, l)
				}
			}
		case "now":
			tc.c.Now, err = time.Parse(time.RFC3339, strings.TrimSpace(data))
		case "want":
			tc.want, err = parseWant(data)
		case "summary":
			tc.summary, tc.hasSummary = strings.TrimSuffix(data, "\n"), true
		default:
			err = errors.New("unknown file; want title, body, template, diff, commit, author, timeline, labels, now, want or summary")
		}
		if err != nil {
			return nil, fmt.Errorf("file %s: %w", f.Name, err)
		}
	}
	if !seen["want"] {
		return nil, errors.New("no want file")
	}
	return tc, nil
}

func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// want is what a case expects of the scorer's result.
type want struct {
	scoreSet         bool
	scoreLo, scoreHi float64
	rules            []string
	rulesSet         bool
	labels           []string
	labelsSet        bool
	metrics          map[string]float64
	notApplicable    bool
}

func parseWant(s string) (want, error) {
	var w want
	sc := bufio.NewScanner(strings.NewReader(s))
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		bad := func(format string, args ...any) (want, error) {
			return want{}, fmt.Errorf("line %d: %s", n, fmt.Sprintf(format, args...))
		}
		fields, err := splitQuoted(line)
		if err != nil {
			return bad("%v", err)
		}
		if len(fields) == 0 {
			continue
		}
		key, vals := fields[0], fields[1:]
		switch key {
		case "score":
			if w.scoreSet {
				return bad("score given twice")
			}
			if len(vals) != 1 && len(vals) != 2 {
				return bad("score wants one value or a range of two")
			}
			var nums []float64
			for _, v := range vals {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil || f < 0 || f > 1 {
					return bad("score %q is not a number in [0, 1]", v)
				}
				nums = append(nums, f)
			}
			w.scoreSet, w.scoreLo, w.scoreHi = true, nums[0], nums[len(nums)-1]
			if w.scoreLo > w.scoreHi {
				return bad("score range %v %v is empty", w.scoreLo, w.scoreHi)
			}
		case "rules":
			w.rules, w.rulesSet = append(w.rules, vals...), true
		case "labels":
			w.labels, w.labelsSet = append(w.labels, vals...), true
		case "metric":
			if len(vals) != 2 {
				return bad("metric wants a name and a value")
			}
			f, err := strconv.ParseFloat(vals[1], 64)
			if err != nil {
				return bad("metric %s: %q is not a number", vals[0], vals[1])
			}
			if w.metrics == nil {
				w.metrics = map[string]float64{}
			}
			w.metrics[vals[0]] = f
		case "error":
			if len(vals) != 1 || vals[0] != "not-applicable" {
				return bad("error wants not-applicable")
			}
			w.notApplicable = true
		default:
			return bad("unknown key %q; want score, rules, labels, metric or error", key)
		}
	}
	return w, sc.Err()
}

// splitQuoted splits a want line into fields at spaces; a field in
// double quotes, Go syntax, may hold spaces ("awaiting author").
func splitQuoted(line string) ([]string, error) {
	var out []string
	for {
		line = strings.TrimLeft(line, " \t")
		if line == "" {
			return out, nil
		}
		if line[0] != '"' {
			end := strings.IndexAny(line, " \t")
			if end < 0 {
				end = len(line)
			}
			out, line = append(out, line[:end]), line[end:]
			continue
		}
		q, err := strconv.QuotedPrefix(line)
		if err != nil {
			return nil, fmt.Errorf("unterminated quoted value %s", line)
		}
		f, _ := strconv.Unquote(q)
		out, line = append(out, f), line[len(q):]
	}
}

func (w want) check(res heuristics.Result, err error) []error {
	if w.notApplicable {
		if !errors.Is(err, heuristics.ErrNotApplicable) {
			return []error{fmt.Errorf("error %v, want ErrNotApplicable", err)}
		}
		return nil
	}
	if err != nil {
		return []error{fmt.Errorf("error %v", err)}
	}
	var errs []error
	round := func(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
	if w.scoreSet && (round(res.Score) < w.scoreLo || round(res.Score) > w.scoreHi) {
		if w.scoreLo == w.scoreHi {
			errs = append(errs, fmt.Errorf("score %v, want %v", res.Score, w.scoreLo))
		} else {
			errs = append(errs, fmt.Errorf("score %v, want it in [%v, %v]", res.Score, w.scoreLo, w.scoreHi))
		}
	}
	if w.rulesSet {
		got := map[string]bool{}
		for _, e := range res.Evidence {
			got[e.Rule] = true
		}
		if g, x := slices.Sorted(maps.Keys(got)), sortedSet(w.rules); !slices.Equal(g, x) {
			errs = append(errs, fmt.Errorf("rules %v, want %v", g, x))
		}
	}
	if w.labelsSet {
		if g, x := sortedSet(res.Labels), sortedSet(w.labels); !slices.Equal(g, x) {
			errs = append(errs, fmt.Errorf("labels %v, want %v", g, x))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(w.metrics)) {
		v, ok := res.Metrics[name]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("no metric %s, want %v", name, w.metrics[name]))
		case round(v) != round(w.metrics[name]):
			errs = append(errs, fmt.Errorf("metric %s = %v, want %v", name, v, w.metrics[name]))
		}
	}
	return errs
}

func sortedSet(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}

// setFile replaces the data of ar's file name, or adds it.
func setFile(ar *txtar.Archive, name, data string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}
