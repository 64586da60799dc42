package eval

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heft-dev/heft/heuristics"
)

// Result is what an evaluation measured: per scorer and for the combined
// score, how well the scores separate the label's classes, plus what was
// skipped and why. Metrics that the data cannot define (an AUC with one
// class) are NaN, and null in JSON.
type Result struct {
	Label     Label  `json:"label"`
	Positive  string `json:"positive"` // what the positive class is, in words
	Source    string `json:"source,omitempty"`
	Stripped  bool   `json:"labels_stripped"` // label-bearing lines were removed before scoring
	Scored    int64  `json:"contributions"`   // records read and scored
	Labelled  int64  `json:"labelled"`        // of which carry the label
	Positives int64  `json:"positives"`
	Negatives int64  `json:"negatives"`

	Skipped      int64            `json:"skipped"`
	SkippedBy    map[string]int64 `json:"skipped_by_reason,omitempty"`
	SkipExamples []string         `json:"skip_examples,omitempty"` // the first few, with their position

	Policy  PolicyThresholds `json:"policy"`
	Scorers []ScorerMetrics  `json:"scorers"` // the set's scorers in order, then "combined"
	Groups  []Breakdown      `json:"groups"`  // by agent, then by repository
	// Outcomes ranks the scores against each effort outcome asked for.
	Outcomes []OutcomeMetrics `json:"outcomes,omitempty"`
	// AsOpened is true when contributions were scored as they were
	// opened (Options.AsOpened).
	AsOpened bool `json:"scored_as_opened,omitempty"`
	// AgentID is the agent-identification report, per agent, when
	// Options.AgentID asked for it.
	AgentID []AgentShare `json:"agent_identification,omitempty"`
	Notes   []string     `json:"notes,omitempty"`
	// Calibration is set by the caller when thresholds were derived
	// from this data (see Calibrate).
	Calibration *Calibration `json:"calibration,omitempty"`
	Bootstrap   int          `json:"bootstrap_replicates"`
	Seed        uint64       `json:"seed"`
	Level       float64      `json:"confidence_level"`
	Bins        int          `json:"bins"`

	Workers int           `json:"workers"`
	Elapsed time.Duration `json:"-"`
	Seconds float64       `json:"seconds"`
	PerSec  float64       `json:"contributions_per_second"`
}

// PolicyThresholds are the thresholds the precision and recall are given
// at: the policy's review and flag thresholds.
type PolicyThresholds struct {
	Review float64 `json:"review"`
	Flag   float64 `json:"flag"`
}

// Coverage says how many contributions a scorer could say something
// about.
type Coverage struct {
	Applicable    int64 `json:"applicable"`
	NotApplicable int64 `json:"not_applicable"`
	Errors        int64 `json:"errors"`
	Rate          Num   `json:"rate"` // applicable / scored
}

// ScorerMetrics measures one scorer (or the combined score) against the
// label, on the labelled contributions it was applicable to.
type ScorerMetrics struct {
	Scorer   string   `json:"scorer"`
	Coverage Coverage `json:"coverage"`
	N        int64    `json:"n"` // labelled and applicable
	// Nonzero is how many of the N scored above 0 (at least 1/Bins): a
	// scorer that is applicable but never fires ranks nothing.
	Nonzero   int64 `json:"nonzero"`
	Positives int64 `json:"positives"`
	Negatives int64 `json:"negatives"`

	AUC       Num `json:"auc"`
	AUCLow    Num `json:"auc_ci_low"`
	AUCHigh   Num `json:"auc_ci_high"`
	PRAUC     Num `json:"pr_auc"`
	PRAUCLow  Num `json:"pr_auc_ci_low"`
	PRAUCHigh Num `json:"pr_auc_ci_high"`
	// BaseRate is the share of positives: the PR AUC of a scorer that
	// knows nothing.
	BaseRate Num `json:"positive_rate"`

	BestF1 *Confusion `json:"best_f1,omitempty"` // at the threshold with the best F1
	Review *Confusion `json:"at_review,omitempty"`
	Flag   *Confusion `json:"at_flag,omitempty"`

	// Undefined says why the metrics are null, when they are.
	Undefined string `json:"undefined,omitempty"`

	ErrorExamples []string `json:"error_examples,omitempty"`

	hist *Hist
}

// Hist returns the histogram the metrics were computed from.
func (m *ScorerMetrics) Hist() *Hist { return m.hist }

// Breakdown is one group's figures (one agent, one repository).
type Breakdown struct {
	Key           string        `json:"key"` // "agent" or "repo"
	Group         string        `json:"group"`
	Contributions int64         `json:"contributions"`
	Labelled      int64         `json:"labelled"`
	Positives     int64         `json:"positives"`
	Scorers       []GroupMetric `json:"scorers"`
}

// GroupMetric is one scorer's figures within a group.
type GroupMetric struct {
	Scorer    string `json:"scorer"`
	N         int64  `json:"n"`
	AUC       Num    `json:"auc"`
	MeanScore Num    `json:"mean_score"`
}

type coverage struct{ ok, na, errs int64 }

type groupStats struct {
	contributions, labelled, positives int64
	hists                              []*Hist
	sums                               []float64
	ns                                 []int64
}

// accumulator folds outcomes into histograms; its memory depends on the
// number of scorers, replicates and groups, not on the data's size.
type accumulator struct {
	names  []string
	opt    Options
	hists  []*Hist
	boot   []bootCounts // [scorer]
	cov    []coverage
	errEx  [][]string
	groups [2]map[string]*groupStats // agent, repo
	order  [2][]string
	w      []uint64
	effort effortRows
	agents agentCounter

	scored, labelled, pos int64
	skipped               int64
	skippedBy             map[string]int64
	skipEx                []string
}

// bootCounts are one scorer's bootstrap histograms (bootBins bins, one
// histogram a replicate), bin-major: the replicates' counts of a bin lie
// side by side, so that adding a contribution writes one stretch of
// memory rather than a cache line in each of 200 histograms (3% of heft
// eval's time on the AIDev sample).
type bootCounts struct {
	pos, neg []uint64 // [bin*replicates + replicate]
	// used marks the bins add has counted in: areas reads only those, so
	// the pages of the bins no score fell in (most of them, in a run of a
	// few hundred contributions) are never touched.
	used []bool
}

// add counts a score in bin b once per replicate, with the replicate's
// weight (0 leaves it out).
func (c bootCounts) add(b int, positive bool, w []uint64) {
	c.used[b] = true
	counts := c.neg
	if positive {
		counts = c.pos
	}
	row := counts[b*len(w) : (b+1)*len(w)]
	for r, n := range w {
		row[r] += n
	}
}

// areas sets aucs[r] and aps[r] to replicate r's ROC AUC and PR AUC, of
// reps replicates, NaN where the replicate's Hist.AUC and Hist.PRAUC
// fail: the same sums in the same order, for every replicate at once, in
// one pass over the counts each. The counts are stored a row of
// replicates a bin; building one replicate's histogram at a time strided
// through them all, and was most of the time a report took.
func (c bootCounts) areas(reps int, aucs, aps []float64) {
	ps, ns := make([]float64, reps), make([]float64, reps)
	pc, nc := make([]uint64, reps), make([]uint64, reps)
	for b := range bootBins + 1 {
		if !c.used[b] {
			continue // all zero: adding nothing changes no sum
		}
		pos, neg := c.pos[b*reps:][:reps], c.neg[b*reps:][:reps]
		for r := range reps {
			pc[r] += pos[r]
			nc[r] += neg[r]
		}
	}
	// AUC: from the lowest bin up (Hist.AUC).
	sum, below := aucs, ns
	clear(sum)
	for b := range bootBins + 1 {
		if !c.used[b] {
			continue
		}
		pos, neg := c.pos[b*reps:][:reps], c.neg[b*reps:][:reps]
		for r := range reps {
			sum[r] += float64(pos[r]) * (below[r] + float64(neg[r])/2)
			below[r] += float64(neg[r])
		}
	}
	for r := range reps {
		if pc[r] == 0 || nc[r] == 0 {
			aucs[r] = math.NaN()
		} else {
			aucs[r] = sum[r] / (float64(pc[r]) * float64(nc[r]))
		}
	}
	// PR AUC: from the highest bin down (Hist.PRAUC).
	tp, fp, ap := ps, ns, aps
	clear(tp)
	clear(fp)
	clear(ap)
	for b := bootBins; b >= 0; b-- {
		if !c.used[b] {
			continue
		}
		pos, neg := c.pos[b*reps:][:reps], c.neg[b*reps:][:reps]
		for r := range reps {
			if pos[r] == 0 && neg[r] == 0 {
				continue
			}
			tp[r] += float64(pos[r])
			fp[r] += float64(neg[r])
			ap[r] += float64(pos[r]) / float64(pc[r]) * (tp[r] / (tp[r] + fp[r]))
		}
	}
	for r := range reps {
		if pc[r] == 0 || nc[r] == 0 {
			aps[r] = math.NaN()
		}
	}
}

func newAccumulator(names []string, opt Options) *accumulator {
	a := &accumulator{names: names, opt: opt, skippedBy: map[string]int64{}, w: make([]uint64, opt.Bootstrap)}
	for range names {
		a.hists = append(a.hists, NewHist(Bins))
		n := (bootBins + 1) * opt.Bootstrap
		a.boot = append(a.boot, bootCounts{pos: make([]uint64, n), neg: make([]uint64, n), used: make([]bool, bootBins+1)})
	}
	a.cov = make([]coverage, len(names))
	a.errEx = make([][]string, len(names))
	a.groups = [2]map[string]*groupStats{{}, {}}
	a.effort = effortRows{nScores: len(names), nOutcomes: len(opt.Outcomes)}
	a.agents = agentCounter{}
	return a
}

func (a *accumulator) group(k int, name string) *groupStats {
	if name == "" {
		name = "(unknown)"
	}
	g := a.groups[k][name]
	if g == nil {
		if len(a.groups[k]) >= a.opt.MaxGroups {
			name = "(other)"
			if g = a.groups[k][name]; g != nil {
				return g
			}
		}
		// Histograms are made on a scorer's first score in the group.
		g = &groupStats{hists: make([]*Hist, len(a.names)), sums: make([]float64, len(a.names)), ns: make([]int64, len(a.names))}
		a.groups[k][name] = g
		a.order[k] = append(a.order[k], name)
	}
	return g
}

func (a *accumulator) add(o outcome) {
	if o.skip != nil {
		a.skipped++
		a.skippedBy[o.skip.Reason]++
		if len(a.skipEx) < maxExamples {
			a.skipEx = append(a.skipEx, o.skip.Error())
		}
		return
	}
	a.scored++
	a.effort.add(o)
	a.agents.add(o.agentID)
	gs := [2]*groupStats{a.group(0, o.agent), a.group(1, o.repo)}
	for _, g := range gs {
		g.contributions++
	}
	if o.labelled {
		a.labelled++
		if o.positive {
			a.pos++
		}
		for _, g := range gs {
			g.labelled++
			if o.positive {
				g.positives++
			}
		}
		weights(a.opt.Seed, o.index, a.w)
	}
	for i, s := range o.scores {
		switch {
		case o.errs[i] != nil:
			a.cov[i].errs++
			if len(a.errEx[i]) < maxExamples {
				a.errEx[i] = append(a.errEx[i], o.errs[i].Error())
			}
			continue
		case math.IsNaN(s):
			a.cov[i].na++
			continue
		}
		a.cov[i].ok++
		if !o.labelled {
			continue
		}
		a.hists[i].Add(s, o.positive, 1)
		a.boot[i].add(binOf(s, bootBins), o.positive, a.w)
		for _, g := range gs {
			if g.hists[i] == nil {
				g.hists[i] = NewHist(groupBins)
			}
			g.hists[i].Add(s, o.positive, 1)
			g.sums[i] += s
			g.ns[i]++
		}
	}
}

func (a *accumulator) result() *Result {
	r := &Result{
		Label:        a.opt.Label,
		Positive:     a.opt.Label.Positive(),
		Scored:       a.scored,
		Labelled:     a.labelled,
		Positives:    a.pos,
		Negatives:    a.labelled - a.pos,
		Skipped:      a.skipped,
		SkippedBy:    a.skippedBy,
		SkipExamples: a.skipEx,
		Bootstrap:    a.opt.Bootstrap,
		Seed:         a.opt.Seed,
		Level:        a.opt.Level,
		Bins:         Bins,
	}
	// Each scorer's metrics (most of the time, its bootstrap intervals)
	// read its own counts only: they are computed on as many goroutines
	// as there were workers, whose cores are idle by now, rather than one
	// after another.
	r.Scorers = make([]ScorerMetrics, len(a.names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(max(a.opt.Workers, 1), len(a.names)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(a.names); i = int(next.Add(1) - 1) {
				r.Scorers[i] = a.metrics(i, a.names[i])
			}
		})
	}
	wg.Wait()
	r.Outcomes = a.outcomeMetrics()
	r.AsOpened = a.opt.AsOpened
	if a.opt.AgentID {
		r.AgentID = a.agents.shares()
	}
	for k, key := range []string{"agent", "repo"} {
		for _, name := range a.order[k] {
			g := a.groups[k][name]
			b := Breakdown{Key: key, Group: name, Contributions: g.contributions, Labelled: g.labelled, Positives: g.positives}
			for i, s := range a.names {
				auc := math.NaN()
				if g.hists[i] != nil {
					auc, _ = g.hists[i].AUC()
				}
				mean := math.NaN()
				if g.ns[i] > 0 {
					mean = g.sums[i] / float64(g.ns[i])
				}
				b.Scorers = append(b.Scorers, GroupMetric{Scorer: s, N: g.ns[i], AUC: Num(auc), MeanScore: Num(mean)})
			}
			r.Groups = append(r.Groups, b)
		}
	}
	slices.SortStableFunc(r.Groups, func(x, y Breakdown) int {
		if x.Key != y.Key {
			return cmp.Compare(keyOrder(x.Key), keyOrder(y.Key))
		}
		if c := cmp.Compare(y.Labelled, x.Labelled); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Contributions, x.Contributions); c != 0 {
			return c
		}
		return cmp.Compare(x.Group, y.Group)
	})
	return r
}

func keyOrder(k string) int {
	if k == "agent" {
		return 0
	}
	return 1
}

// metrics computes one scorer's figures from its histograms.
func (a *accumulator) metrics(i int, name string) ScorerMetrics {
	h := a.hists[i]
	c := a.cov[i]
	m := ScorerMetrics{
		Scorer:        name,
		Coverage:      Coverage{Applicable: c.ok, NotApplicable: c.na, Errors: c.errs, Rate: Num(ratio(uint64(c.ok), uint64(a.scored)))},
		ErrorExamples: a.errEx[i],
		hist:          h,
	}
	pc, nc := h.Counts()
	m.N, m.Positives, m.Negatives = int64(pc+nc), int64(pc), int64(nc)
	for i := 1; i <= h.bins; i++ {
		m.Nonzero += int64(h.pos[i] + h.neg[i])
	}
	m.BaseRate = Num(ratio(pc, pc+nc))
	nan := Num(math.NaN())
	m.AUC, m.AUCLow, m.AUCHigh, m.PRAUC, m.PRAUCLow, m.PRAUCHigh = nan, nan, nan, nan, nan, nan
	auc, err := h.AUC()
	if err != nil {
		switch {
		case c.ok == 0:
			m.Undefined = "not applicable to any contribution"
		case errors.Is(err, ErrEmpty):
			m.Undefined = "no labelled contribution it applied to"
		default:
			m.Undefined = fmt.Sprintf("only one class among the %d labelled contributions it applied to (%d %s)", pc+nc, max(pc, nc), map[bool]string{true: "positive", false: "negative"}[pc > 0])
		}
	} else {
		m.AUC = Num(auc)
		ap, _ := h.PRAUC()
		m.PRAUC = Num(ap)
		if reps := a.opt.Bootstrap; reps > 0 {
			aucs := make([]float64, reps)
			aps := make([]float64, reps)
			a.boot[i].areas(reps, aucs, aps)
			ci := percentileInterval(aucs, a.opt.Level)
			m.AUCLow, m.AUCHigh = Num(ci.Low), Num(ci.High)
			ci = percentileInterval(aps, a.opt.Level)
			m.PRAUCLow, m.PRAUCHigh = Num(ci.Low), Num(ci.High)
		}
	}
	if best, err := h.BestF1(); err == nil {
		m.BestF1 = &best
	}
	if pc+nc > 0 {
		review, flag := thresholds(a.opt.policy)
		rv, fl := h.At(review), h.At(flag)
		m.Review, m.Flag = &rv, &fl
	}
	return m
}

// thresholds returns a policy's review and flag thresholds, defaults
// filled in.
func thresholds(p heuristics.Policy) (review, flag float64) {
	review, flag = p.Review, p.Flag
	if review == 0 {
		review = heuristics.DefaultReviewThreshold
	}
	if flag == 0 {
		flag = heuristics.DefaultFlagThreshold
	}
	return review, flag
}

// Scorer returns the metrics of the named scorer (or Combined).
func (r *Result) Scorer(name string) (*ScorerMetrics, bool) {
	for i := range r.Scorers {
		if r.Scorers[i].Scorer == name {
			return &r.Scorers[i], true
		}
	}
	return nil, false
}

// Calibration is a policy derived from the data for target false-positive
// rates, and what it achieves on that data.
type Calibration struct {
	ReviewFPR float64           `json:"target_review_fpr"`
	FlagFPR   float64           `json:"target_flag_fpr"`
	Policy    heuristics.Policy `json:"policy"`
	Review    Confusion         `json:"at_review"`
	Flag      Confusion         `json:"at_flag"`
}

// Calibrate returns thresholds on the combined score whose
// false-positive rates on this data are at most reviewFPR and flagFPR:
// the lowest such thresholds, so as many positives as possible are
// caught. The weights of base are kept. The thresholds are in-sample:
// check them on data they were not fitted on.
func (r *Result) Calibrate(base heuristics.Policy, reviewFPR, flagFPR float64) (Calibration, error) {
	if flagFPR > reviewFPR {
		return Calibration{}, fmt.Errorf("eval: flag false-positive rate %v is above the review rate %v", flagFPR, reviewFPR)
	}
	m, ok := r.Scorer(Combined)
	if !ok || m.hist == nil {
		return Calibration{}, errors.New("eval: no combined score to calibrate")
	}
	rv, err := m.hist.ThresholdForFPR(reviewFPR)
	if err != nil {
		return Calibration{}, err
	}
	fl, err := m.hist.ThresholdForFPR(flagFPR)
	if err != nil {
		return Calibration{}, err
	}
	p := base
	p.Review, p.Flag = rv.Threshold, fl.Threshold
	if err := p.Validate(); err != nil {
		return Calibration{}, err
	}
	return Calibration{ReviewFPR: reviewFPR, FlagFPR: flagFPR, Policy: p, Review: rv, Flag: fl}, nil
}
