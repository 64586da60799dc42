package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/size"
)

// records is a Source over records and skip errors held in memory.
type records struct {
	items []any // *Record or error
	i     int
}

func (s *records) Next() (*Record, error) {
	if s.i == len(s.items) {
		return nil, io.EOF
	}
	it := s.items[s.i]
	s.i++
	if err, ok := it.(error); ok {
		return nil, err
	}
	return it.(*Record), nil
}

func (s *records) Close() error { return nil }

// titleScorer scores a contribution by the number in its title: no title
// is not applicable, "boom" fails.
var titleScorer = heuristics.Func("title", func(_ context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
	switch c.Title {
	case "":
		return heuristics.Result{}, heuristics.ErrNotApplicable
	case "boom":
		return heuristics.Result{}, errors.New("cannot read the title")
	}
	s, err := strconv.ParseFloat(c.Title, 64)
	if err != nil {
		return heuristics.Result{}, err
	}
	r := heuristics.Result{Score: s, Summary: "title " + c.Title}
	if s > 0 {
		r.Evidence = []heuristics.Evidence{{Rule: "title-number", Message: "the title is a number", Field: heuristics.FieldTitle}}
	}
	return r, nil
})

func rec(title string, merged *bool, agent string) *Record {
	return &Record{Title: title, Merged: merged, Agent: agent, Repo: "acme/" + agent, Pos: "test:" + title}
}

func newTitleSet(t *testing.T) *heuristics.Set {
	set, err := heuristics.NewSet(heuristics.Policy{}, titleScorer)
	require.NoError(t, err)
	return set
}

// sample holds positives (closed unmerged) at .8 and .4, negatives
// (merged) at .6 and .2, and the cases a run must count but leave out of
// the metrics.
func sample() []any {
	yes, no := new(true), new(false)
	return []any{
		rec("0.8", no, "a"),
		rec("0.6", yes, "a"),
		&SkipError{Pos: "test:3", Reason: ReasonMalformed, Err: errors.New("not JSON")},
		rec("0.4", no, "b"),
		rec("0.2", yes, "b"),
		rec("0.9", nil, "b"),  // open: no label
		rec("", yes, "b"),     // not applicable
		rec("boom", yes, "b"), // the scorer fails
		&Record{Title: "0.5", Merged: no, Diff: "@@ -1,3 +1,3 @@\n-only one line\n", Pos: "test:9"},
	}
}

func TestRunMetrics(t *testing.T) {
	set := newTitleSet(t)
	res, err := Run(context.Background(), set, &records{items: sample()}, Options{Label: LabelMerged, Workers: 2})
	require.NoError(t, err)

	assert.Equal(t, int64(7), res.Scored, "9 items, 2 skipped")
	assert.Equal(t, int64(6), res.Labelled, "the open pull request has no label")
	assert.Equal(t, int64(2), res.Positives)
	assert.Equal(t, int64(2), res.Skipped)
	assert.Equal(t, map[string]int64{ReasonMalformed: 1, ReasonBadDiff: 1}, res.SkippedBy)
	require.Len(t, res.SkipExamples, 2)
	assert.Contains(t, strings.Join(res.SkipExamples, "\n"), "test:9: bad-diff: diffstat: line", "a diff that does not parse is skipped with its position")

	m, ok := res.Scorer("title")
	require.True(t, ok)
	assert.Equal(t, Coverage{Applicable: 5, NotApplicable: 1, Errors: 1, Rate: Num(5.0 / 7)}, m.Coverage)
	assert.Equal(t, int64(4), m.N, "applicable and labelled")
	assert.InDelta(t, 0.75, float64(m.AUC), 1e-12)
	assert.InDelta(t, 5.0/6, float64(m.PRAUC), 1e-12)
	assert.InDelta(t, 0.5, float64(m.BaseRate), 1e-12)
	assert.Contains(t, m.ErrorExamples[0], "cannot read the title")
	require.NotNil(t, m.BestF1)
	assert.InDelta(t, 0.4, m.BestF1.Threshold, 1e-12)
	require.NotNil(t, m.Review)
	assert.Equal(t, uint64(1), m.Review.TP, "at 0.5: .8 caught")
	assert.Equal(t, uint64(1), m.Review.FP, "at 0.5: .6 flagged")
	assert.Equal(t, 0.8, m.Flag.Threshold)
	assert.Equal(t, uint64(1), m.Flag.TP)
	assert.Equal(t, uint64(0), m.Flag.FP)
	assert.False(t, math.IsNaN(float64(m.AUCLow)))
	assert.LessOrEqual(t, float64(m.AUCLow), float64(m.AUCHigh))

	c, ok := res.Scorer(Combined)
	require.True(t, ok)
	assert.InDelta(t, 0.75, float64(c.AUC), 1e-12, "one scorer of weight 1: the combined score is its score")
	assert.Equal(t, Coverage{Applicable: 5, NotApplicable: 2, Rate: Num(5.0 / 7)}, c.Coverage,
		"a contribution no scorer could score has no combined score: not applicable, not an error")

	var agents []string
	for _, g := range res.Groups {
		if g.Key == "agent" {
			agents = append(agents, g.Group)
		}
	}
	assert.Equal(t, []string{"b", "a"}, agents, "groups by labelled size: b has 4 labelled, a 2")
	for _, g := range res.Groups {
		if g.Key == "agent" && g.Group == "a" {
			assert.InDelta(t, 1, float64(g.Scorers[0].AUC), 1e-12, "in a, the positive .8 is above the negative .6")
			assert.InDelta(t, 0.7, float64(g.Scorers[0].MeanScore), 1e-12)
		}
	}
}

func TestRunIsDeterministic(t *testing.T) {
	// Many records so the bootstrap has something to vary; different
	// worker counts must give identical intervals.
	var items []any
	for i := range 300 {
		s := float64(i%100) / 100
		items = append(items, rec(strconv.FormatFloat(s, 'f', 2, 64), new(i%3 == 0), "a"))
	}
	set := newTitleSet(t)
	var outs []string
	for _, w := range []int{1, 2, 5} {
		res, err := Run(context.Background(), set, &records{items: items}, Options{Workers: w, Seed: 9})
		require.NoError(t, err)
		res.Elapsed, res.Seconds, res.PerSec, res.Workers = 0, 0, 0, 0
		var b bytes.Buffer
		require.NoError(t, res.WriteJSON(&b))
		outs = append(outs, b.String())
	}
	assert.Equal(t, outs[0], outs[1])
	assert.Equal(t, outs[0], outs[2])
	assert.Contains(t, outs[0], `"auc_ci_low": 0.`)

	res, err := Run(context.Background(), set, &records{items: items}, Options{Seed: 10})
	require.NoError(t, err)
	m, _ := res.Scorer("title")
	var first Result
	require.NoError(t, jsonUnmarshal(outs[0], &first))
	assert.NotEqual(t, first.Scorers[0].AUCLow, m.AUCLow, "another seed, other replicates")
	assert.Equal(t, first.Scorers[0].AUC, m.AUC, "the point estimate does not depend on the seed")
}

func TestRunOneClass(t *testing.T) {
	set := newTitleSet(t)
	items := []any{rec("0.8", new(true), "a"), rec("0.1", new(true), "a")}
	res, err := Run(context.Background(), set, &records{items: items}, Options{Label: LabelMerged})
	require.NoError(t, err)
	m, _ := res.Scorer("title")
	assert.True(t, math.IsNaN(float64(m.AUC)))
	assert.Equal(t, "only one class among the 2 labelled contributions it applied to (2 negative)", m.Undefined)
	var b bytes.Buffer
	require.NoError(t, res.WriteJSON(&b))
	assert.Contains(t, b.String(), `"auc": null`, "undefined metrics are null in JSON, never NaN (which is not JSON)")

	_, err = res.Calibrate(heuristics.Policy{}, 0.1, 0.01)
	require.NoError(t, err, "all negatives: calibration is still defined")
}

func TestRunStopsOnSourceError(t *testing.T) {
	set := newTitleSet(t)
	items := []any{rec("0.8", new(true), "a"), errors.New("disk on fire")}
	_, err := Run(context.Background(), set, &records{items: items}, Options{})
	require.EqualError(t, err, "disk on fire")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Run(ctx, set, &records{items: sample()}, Options{})
	require.ErrorIs(t, err, context.Canceled)
}

func TestCalibrate(t *testing.T) {
	set := newTitleSet(t)
	yes, no := new(true), new(false)
	var items []any
	// Negatives (merged) at .1 … .9 (nine of them), positives at .55, .75, .95.
	for i := 1; i <= 9; i++ {
		items = append(items, rec(strconv.FormatFloat(float64(i)/10, 'f', 1, 64), yes, "a"))
	}
	for _, s := range []string{"0.55", "0.75", "0.95"} {
		items = append(items, rec(s, no, "a"))
	}
	res, err := Run(context.Background(), set, &records{items: items}, Options{})
	require.NoError(t, err)
	cal, err := res.Calibrate(heuristics.Policy{Weights: map[string]float64{"title": 0.9}}, 3.0/9, 1.0/9)
	require.NoError(t, err)
	// Three negatives of nine may be flagged: .7, .8, .9; the lowest score
	// that keeps to that is .7 (.6 would flag four).
	assert.InDelta(t, 0.7, cal.Policy.Review, 1e-12)
	assert.InDelta(t, 0.9, cal.Policy.Flag, 1e-12, "one negative of nine: .9 itself")
	assert.Equal(t, map[string]float64{"title": 0.9}, cal.Policy.Weights, "weights are kept")
	assert.InDelta(t, 2.0/3, float64(cal.Review.Recall), 1e-12, ".75 and .95 caught")
	require.NoError(t, cal.Policy.Validate())

	_, err = res.Calibrate(heuristics.Policy{}, 0.01, 0.1)
	assert.Error(t, err, "a flag rate above the review rate makes no policy")
}

func TestWriteText(t *testing.T) {
	set := newTitleSet(t)
	res, err := Run(context.Background(), set, &records{items: sample()}, Options{Workers: 1})
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, res.WriteText(&b))
	out := b.String()
	for _, want := range []string{
		"label merged (positive: closed without merging)",
		"labelled 6: 2 positive, 4 negative; 1 without the label",
		"skipped 2: 1 bad-diff, 1 malformed",
		"test:3: malformed: not JSON",
		"labels stripped before scoring: no",
		"title        5 71.4%",
		"0.750 [",
		"1 errors, e.g. test:boom: scorer title: cannot read the title",
		"by agent: auc per scorer",
		"7 contributions in",
	} {
		assert.Contains(t, out, want)
	}
}

func jsonUnmarshal(s string, v any) error {
	return json.Unmarshal([]byte(s), v)
}

func TestRunOnFixture(t *testing.T) {
	// The size scorer on the JSON Lines fixture, label ai. Machine-written:
	// 600 lines (score log₁₀(600/200) = 0.477), 150 and 30 lines (0).
	// Human: 4 lines (0) and 900 lines (0.653). Of the 6 pairs, .477 beats
	// the two zeros' one (1), ties two (½ each), loses the rest: AUC 2/6.
	f, err := os.Open("testdata/contributions.jsonl")
	require.NoError(t, err)
	set, err := heuristics.NewSet(heuristics.Policy{}, mustSize(t))
	require.NoError(t, err)
	res, err := Run(context.Background(), set, NewJSONLines(f, "contributions.jsonl", 0), Options{Label: LabelAI})
	require.NoError(t, err)
	size, _ := res.Scorer("size")
	assert.InDelta(t, 1.0/3, float64(size.AUC), 1e-12)
	assert.Equal(t, int64(3), size.Positives)
	assert.Equal(t, int64(2), size.Negatives)
	// AP: at .653 a negative (precision 0), at .477 the first positive
	// (precision ½, recall ⅓), at 0 the rest (precision 3/5, recall +⅔).
	assert.InDelta(t, 0.5/3+0.6*2/3, float64(size.PRAUC), 1e-12)
	assert.Equal(t, map[string]int64{ReasonMalformed: 1, ReasonBadDiff: 1}, res.SkippedBy)
}

func mustSize(t *testing.T) heuristics.Scorer {
	s, err := size.New(size.Config{})
	require.NoError(t, err)
	return s
}

func TestRunRejectsBadOptions(t *testing.T) {
	set := newTitleSet(t)
	for _, opt := range []Options{{Label: "stars"}, {Bootstrap: MaxBootstrap + 1}, {Level: 1.5}} {
		_, err := Run(context.Background(), set, &records{items: sample()}, opt)
		assert.ErrorIs(t, err, ErrInvalidOptions, "%+v", opt)
	}
}

// TestRunSourceOrder checks that the counting follows the source's order
// whatever order the workers finish in: a slow first record, MaxGroups 1
// (the first repository read is the one kept by name), sums of scores
// whose floating-point total depends on the order, and the quoted skips.
func TestRunSourceOrder(t *testing.T) {
	release := make(chan struct{})
	slow := heuristics.Func("title", func(ctx context.Context, c *heuristics.Contribution) (heuristics.Result, error) {
		if c.Title == "0.1" {
			// Hold the first record until the others are scored.
			select {
			case <-release:
			case <-ctx.Done():
			}
		}
		return titleScorer.Score(ctx, c)
	})
	set, err := heuristics.NewSet(heuristics.Policy{}, slow)
	require.NoError(t, err)
	items := []any{&Record{Title: "0.1", Merged: new(true), Agent: "a", Repo: "first/repo", Pos: "t:1"}}
	for i := range 40 {
		items = append(items, &SkipError{Pos: fmt.Sprintf("t:skip%d", i), Reason: ReasonMalformed, Err: errors.New("bad")})
		items = append(items, &Record{Title: strconv.FormatFloat(0.1+float64(i)/3, 'f', -1, 64), Merged: new(i%2 == 0), Agent: "a", Repo: fmt.Sprintf("other/%d", i), Pos: "t:x"})
	}
	done := 0
	res, err := Run(context.Background(), set, &records{items: items}, Options{Workers: 4, MaxGroups: 1, Bootstrap: -1, Progress: func(int64) { done++ }, Sink: func(r *Record) error {
		if r.Pos == "t:x" && r.Title == strconv.FormatFloat(0.1+39.0/3, 'f', -1, 64) {
			close(release) // the last record is read: let the first finish
		}
		return nil
	}})
	require.NoError(t, err)
	assert.Equal(t, 41, done)
	var repos []string
	for _, g := range res.Groups {
		if g.Key == "repo" {
			repos = append(repos, g.Group)
		}
	}
	assert.ElementsMatch(t, []string{"first/repo", "(other)"}, repos, "the first repository in the source keeps its name, though its record was scored last")
	require.Len(t, res.SkipExamples, maxExamples)
	assert.Contains(t, res.SkipExamples[0], "t:skip0", "skips are quoted in source order")
	assert.Contains(t, res.SkipExamples[maxExamples-1], fmt.Sprintf("t:skip%d", maxExamples-1))
}
