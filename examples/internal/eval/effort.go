package eval

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
)

// OutcomeMetrics measures how well each scorer's score, and the combined
// score, ranks contributions by one effort outcome.
type OutcomeMetrics struct {
	Outcome     Outcome `json:"outcome"`
	Description string  `json:"description"`
	Unit        string  `json:"unit"` // "count" or "hours"
	// Contributions is how many scored contributions carry the outcome.
	Contributions int64         `json:"contributions"`
	Scorers       []Correlation `json:"scorers"` // in the order of Result.Scorers

	// ByAgent repeats Spearman's rho within each agent's contributions
	// (the maxAgentRows largest), when there are several: a pooled
	// correlation over agents with different baselines can show a
	// relation no single agent has.
	ByAgent []AgentCorrelation `json:"by_agent,omitempty"`
}

// AgentCorrelation is one scorer's Spearman's rho with an outcome within
// one agent's contributions, without an interval.
type AgentCorrelation struct {
	Agent    string `json:"agent"`
	Scorer   string `json:"scorer"`
	N        int64  `json:"n"`
	Nonzero  int64  `json:"nonzero"`
	Spearman Num    `json:"spearman"`
}

// maxAgentRows bounds the agents an outcome's breakdown lists.
const maxAgentRows = 10

// Correlation is one scorer's rank correlation with an outcome, on the
// contributions that carry the outcome and that the scorer applied to.
// Spearman's rho and Kendall's tau-b are NaN (null in JSON) when either
// side is constant; Undefined says why.
type Correlation struct {
	Scorer string `json:"scorer"`
	N      int64  `json:"n"` // carry the outcome and a score
	// Coverage is N over the contributions scored.
	Coverage Num `json:"coverage"`
	// Nonzero is how many of the N scored above 0.
	Nonzero int64 `json:"nonzero"`

	Spearman     Num `json:"spearman"`
	SpearmanLow  Num `json:"spearman_ci_low"`
	SpearmanHigh Num `json:"spearman_ci_high"`
	Kendall      Num `json:"kendall_tau_b"`
	KendallLow   Num `json:"kendall_ci_low"`
	KendallHigh  Num `json:"kendall_ci_high"`

	Undefined string `json:"undefined,omitempty"`

	// Bins summarise the outcome within equal-width bins of the score,
	// for the plot: empty bins are left out.
	Bins []OutcomeBin `json:"bins,omitempty"`
}

// OutcomeBin is the outcome's distribution among the contributions whose
// score falls in [Low, High) (the last bin includes 1).
type OutcomeBin struct {
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	N      int64   `json:"n"`
	Mean   Num     `json:"mean"`
	Q1     Num     `json:"q1"`
	Median Num     `json:"median"`
	Q3     Num     `json:"q3"`
}

// OutcomeBins is how many equal-width score bins the plots use.
const OutcomeBins = 10

// effortRows keeps, for each contribution that carries one of the
// requested outcomes, its scores and outcomes: rank correlations need
// the pairs themselves, two small numbers per scorer and outcome.
type effortRows struct {
	nScores, nOutcomes int
	index              []int64
	agents             []string
	scores             []float64 // nScores per row, NaN when not applicable
	outcomes           []float64 // nOutcomes per row, NaN when absent
}

func (e *effortRows) add(o outcome) {
	if len(o.effort) == 0 || !slices.ContainsFunc(o.effort, func(v float64) bool { return !math.IsNaN(v) }) {
		return
	}
	e.index = append(e.index, o.index)
	agent := o.agent
	if agent == "" {
		agent = "(unknown)"
	}
	e.agents = append(e.agents, agent)
	for i, s := range o.scores {
		if o.errs[i] != nil {
			s = math.NaN()
		}
		e.scores = append(e.scores, s)
	}
	e.outcomes = append(e.outcomes, o.effort...)
}

// sorted puts the rows in source order, so the bootstrap does not depend
// on the workers' scheduling.
func (e *effortRows) sorted() {
	n := len(e.index)
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(a, b int) int { return cmp.Compare(e.index[a], e.index[b]) })
	scores := make([]float64, 0, len(e.scores))
	outcomes := make([]float64, 0, len(e.outcomes))
	index := make([]int64, 0, n)
	agents := make([]string, 0, n)
	for _, p := range perm {
		index = append(index, e.index[p])
		agents = append(agents, e.agents[p])
		scores = append(scores, e.scores[p*e.nScores:(p+1)*e.nScores]...)
		outcomes = append(outcomes, e.outcomes[p*e.nOutcomes:(p+1)*e.nOutcomes]...)
	}
	e.index, e.scores, e.outcomes, e.agents = index, scores, outcomes, agents
}

// outcomeMetrics computes the correlations of every scorer with every
// requested outcome, the bootstrap spread over workers.
func (a *accumulator) outcomeMetrics() []OutcomeMetrics {
	e := &a.effort
	if len(a.opt.Outcomes) == 0 {
		return nil
	}
	e.sorted()
	out := make([]OutcomeMetrics, len(a.opt.Outcomes))
	type task struct{ o, s int }
	var tasks []task
	rows := make([][]int32, len(a.opt.Outcomes)) // per outcome, the rows carrying it
	for k, o := range a.opt.Outcomes {
		for r := range e.index {
			if !math.IsNaN(e.outcomes[r*e.nOutcomes+k]) {
				rows[k] = append(rows[k], int32(r))
			}
		}
		out[k] = OutcomeMetrics{Outcome: o, Description: o.Describe(), Unit: o.Unit(),
			Contributions: int64(len(rows[k])), Scorers: make([]Correlation, len(a.names))}
		for s := range a.names {
			tasks = append(tasks, task{k, s})
		}
	}
	ch := make(chan task)
	var wg sync.WaitGroup
	for range max(1, min(a.opt.Workers, len(tasks))) {
		wg.Go(func() {
			for t := range ch {
				out[t.o].Scorers[t.s] = a.correlation(rows[t.o], t.o, t.s, uint64(t.o))
			}
		})
	}
	for _, t := range tasks {
		ch <- t
	}
	close(ch)
	wg.Wait()
	for k := range out {
		out[k].ByAgent = a.byAgent(rows[k], k)
	}
	return out
}

// byAgent computes each scorer's rho within each of the largest agents
// among rows, when rows hold more than one agent.
func (a *accumulator) byAgent(rows []int32, k int) []AgentCorrelation {
	e := &a.effort
	count := map[string]int{}
	for _, r := range rows {
		count[e.agents[r]]++
	}
	if len(count) < 2 {
		return nil
	}
	agents := make([]string, 0, len(count))
	for g := range count {
		agents = append(agents, g)
	}
	slices.SortFunc(agents, func(x, y string) int {
		if c := cmp.Compare(count[y], count[x]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	var out []AgentCorrelation
	for _, g := range agents[:min(len(agents), maxAgentRows)] {
		for s, name := range a.names {
			c := AgentCorrelation{Agent: g, Scorer: name, Spearman: Num(math.NaN())}
			var x, y []float64
			for _, r := range rows {
				v := e.scores[int(r)*e.nScores+s]
				if e.agents[r] != g || math.IsNaN(v) {
					continue
				}
				x = append(x, v)
				y = append(y, e.outcomes[int(r)*e.nOutcomes+k])
				if v > 0 {
					c.Nonzero++
				}
			}
			c.N = int64(len(x))
			if len(x) >= 2 {
				c.Spearman = Num(Spearman(x, y))
			}
			out = append(out, c)
		}
	}
	return out
}

// correlation ranks one scorer's scores against outcome k on the given
// rows. Replicate r draws len(rows) rows with replacement from a stream
// seeded by the seed, the outcome and r, the same for every scorer, so
// the scorers' intervals come from the same resamples.
func (a *accumulator) correlation(rows []int32, k, s int, stream uint64) Correlation {
	e := &a.effort
	nan := Num(math.NaN())
	c := Correlation{Scorer: a.names[s], Spearman: nan, SpearmanLow: nan, SpearmanHigh: nan, Kendall: nan, KendallLow: nan, KendallHigh: nan}
	var x, y []float64
	var pos []int32 // position of each pair in rows
	for i, r := range rows {
		v := e.scores[int(r)*e.nScores+s]
		if math.IsNaN(v) {
			continue
		}
		x = append(x, v)
		y = append(y, e.outcomes[int(r)*e.nOutcomes+k])
		pos = append(pos, int32(i))
		if v > 0 {
			c.Nonzero++
		}
	}
	c.N = int64(len(x))
	c.Coverage = Num(ratio(uint64(c.N), uint64(a.scored)))
	c.Bins = outcomeBins(x, y)
	switch {
	case c.N == 0:
		c.Undefined = "no contribution carries the outcome and a score"
		return c
	case c.N < 2:
		c.Undefined = "only one contribution carries the outcome and a score"
		return c
	}
	p := newRankPairs(x, y)
	rx, ry := make([]float64, len(x)), make([]float64, len(x))
	c.Spearman, c.Kendall = Num(p.spearman(nil, rx, ry)), Num(p.kendall(nil))
	if math.IsNaN(float64(c.Spearman)) {
		switch {
		case isConstant(x):
			c.Undefined = fmt.Sprintf("the score is the same (%.4g) for all %d, so it ranks nothing", x[0], len(x))
		default:
			c.Undefined = fmt.Sprintf("the outcome is the same (%.4g) for all %d", y[0], len(y))
		}
		return c
	}
	if a.opt.Bootstrap == 0 {
		return c
	}
	counts := make([]float64, len(rows))
	w := make([]float64, len(x))
	rhos, taus := make([]float64, a.opt.Bootstrap), make([]float64, a.opt.Bootstrap)
	for r := range a.opt.Bootstrap {
		resample(a.opt.Seed, stream, r, counts)
		for i, j := range pos {
			w[i] = counts[j]
		}
		rhos[r], taus[r] = p.spearman(w, rx, ry), p.kendall(w)
	}
	ci := percentileInterval(rhos, a.opt.Level)
	c.SpearmanLow, c.SpearmanHigh = Num(ci.Low), Num(ci.High)
	ci = percentileInterval(taus, a.opt.Level)
	c.KendallLow, c.KendallHigh = Num(ci.Low), Num(ci.High)
	return c
}

// resample fills counts with how many times replicate r draws each of
// len(counts) items, drawing len(counts) times with replacement.
func resample(seed, stream uint64, r int, counts []float64) {
	clear(counts)
	rng := rand.New(rand.NewPCG(seed^0x5851f42d4c957f2d*(stream+1), uint64(r)))
	n := uint64(len(counts))
	for range n {
		counts[rng.Uint64N(n)]++
	}
}

func isConstant(v []float64) bool {
	for _, x := range v[1:] {
		if x != v[0] {
			return false
		}
	}
	return true
}

// outcomeBins summarises y within OutcomeBins equal-width bins of x.
func outcomeBins(x, y []float64) []OutcomeBin {
	by := make([][]float64, OutcomeBins)
	for i, v := range x {
		b := min(int(v*OutcomeBins), OutcomeBins-1)
		b = max(b, 0)
		by[b] = append(by[b], y[i])
	}
	var out []OutcomeBin
	for b, ys := range by {
		if len(ys) == 0 {
			continue
		}
		slices.Sort(ys)
		var sum float64
		for _, v := range ys {
			sum += v
		}
		out = append(out, OutcomeBin{
			Low: float64(b) / OutcomeBins, High: float64(b+1) / OutcomeBins, N: int64(len(ys)),
			Mean: Num(sum / float64(len(ys))), Q1: Num(quantile(ys, 0.25)), Median: Num(quantile(ys, 0.5)), Q3: Num(quantile(ys, 0.75)),
		})
	}
	return out
}
