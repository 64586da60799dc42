package eval

import (
	"math"
	"slices"
)

// rankPairs holds paired observations (x a score, y an outcome) sorted
// once, so that rank correlations can be recomputed cheaply under
// bootstrap weights: a weight is how many times a replicate draws the
// pair, and a replicate is the sample with each pair repeated that many
// times.
type rankPairs struct {
	x, y []float64
	byX  []int32 // indexes ordered by x
	byYX []int32 // indexes ordered by y, then x
	xr   []int32 // dense rank of each x among the distinct values
	k    int     // distinct x values
	tree []float64
}

func newRankPairs(x, y []float64) *rankPairs {
	n := len(x)
	p := &rankPairs{x: x, y: y, byX: make([]int32, n), byYX: make([]int32, n), xr: make([]int32, n)}
	for i := range n {
		p.byX[i], p.byYX[i] = int32(i), int32(i)
	}
	slices.SortStableFunc(p.byX, func(a, b int32) int { return cmpFloat(x[a], x[b]) })
	slices.SortStableFunc(p.byYX, func(a, b int32) int {
		if c := cmpFloat(y[a], y[b]); c != 0 {
			return c
		}
		return cmpFloat(x[a], x[b])
	})
	r := int32(-1)
	for i, j := range p.byX {
		if i == 0 || x[j] != x[p.byX[i-1]] {
			r++
		}
		p.xr[j] = r
	}
	p.k = int(r) + 1
	p.tree = make([]float64, p.k+1)
	return p
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// weight returns the weight of pair i: 1 when w is nil.
func weight(w []float64, i int32) float64 {
	if w == nil {
		return 1
	}
	return w[i]
}

// midranks fills r with the rank of each pair among the weighted sample,
// ties given the mean of the ranks they span, and returns the total
// weight.
func midranks(order []int32, v []float64, w []float64, r []float64) float64 {
	var before float64
	for i := 0; i < len(order); {
		j := i
		var t float64
		for j < len(order) && v[order[j]] == v[order[i]] {
			t += weight(w, order[j])
			j++
		}
		rank := before + (t+1)/2
		for _, k := range order[i:j] {
			r[k] = rank
		}
		before += t
		i = j
	}
	return before
}

// spearman returns Spearman's rho of the weighted pairs (the Pearson
// correlation of their mid-ranks), NaN when x or y is constant or fewer
// than two pairs carry weight. rx and ry are scratch of the pairs' size.
func (p *rankPairs) spearman(w, rx, ry []float64) float64 {
	n := midranks(p.byX, p.x, w, rx)
	midranks(p.byYX, p.y, w, ry)
	if n < 2 {
		return math.NaN()
	}
	mean := (n + 1) / 2 // the mean rank, for x and y alike
	var sxy, sxx, syy float64
	for i := range p.x {
		wi := weight(w, int32(i))
		if wi == 0 {
			continue
		}
		dx, dy := rx[i]-mean, ry[i]-mean
		sxy += wi * dx * dy
		sxx += wi * dx * dx
		syy += wi * dy * dy
	}
	if sxx <= 0 || syy <= 0 {
		return math.NaN()
	}
	return clamp1(sxy / math.Sqrt(sxx*syy))
}

// kendall returns Kendall's tau-b of the weighted pairs, NaN when x or y
// is constant. It counts concordant and discordant pairs in O(n log n)
// with a Fenwick tree over the ranks of x, walking the pairs in order of
// y (Knight's method); tau-b's denominator corrects for ties in x and in
// y, and the copies of one pair a replicate draws are tied in both.
func (p *rankPairs) kendall(w []float64) float64 {
	clear(p.tree)
	add := func(i int32, v float64) {
		for j := int(i) + 1; j <= p.k; j += j & -j {
			p.tree[j] += v
		}
	}
	sum := func(i int32) float64 { // weight of x ranks < i
		var s float64
		for j := int(i); j > 0; j -= j & -j {
			s += p.tree[j]
		}
		return s
	}
	var total, conc, disc, tiesY float64
	order := p.byYX
	for i := 0; i < len(order); {
		j := i
		var t float64
		for j < len(order) && p.y[order[j]] == p.y[order[i]] {
			k := order[j]
			if wk := weight(w, k); wk > 0 {
				less := sum(p.xr[k])
				more := total - sum(p.xr[k]+1)
				conc += wk * less
				disc += wk * more
				t += wk
			}
			j++
		}
		for _, k := range order[i:j] {
			if wk := weight(w, k); wk > 0 {
				add(p.xr[k], wk)
			}
		}
		total += t
		tiesY += t * (t - 1) / 2
		i = j
	}
	var tiesX float64
	for i := 0; i < len(p.byX); {
		j := i
		var t float64
		for j < len(p.byX) && p.x[p.byX[j]] == p.x[p.byX[i]] {
			t += weight(w, p.byX[j])
			j++
		}
		tiesX += t * (t - 1) / 2
		i = j
	}
	n0 := total * (total - 1) / 2
	d := (n0 - tiesX) * (n0 - tiesY)
	if d <= 0 {
		return math.NaN()
	}
	return clamp1((conc - disc) / math.Sqrt(d))
}

// clamp1 keeps rounding from pushing a correlation past ±1.
func clamp1(r float64) float64 { return max(-1, min(1, r)) }

// Spearman returns Spearman's rank correlation of x and y (ties get
// mid-ranks), or NaN when either is constant or the slices are shorter
// than 2 or of different lengths.
func Spearman(x, y []float64) float64 {
	if len(x) != len(y) || len(x) < 2 {
		return math.NaN()
	}
	p := newRankPairs(x, y)
	return p.spearman(nil, make([]float64, len(x)), make([]float64, len(x)))
}

// KendallTauB returns Kendall's tau-b of x and y, corrected for ties, or
// NaN when either is constant or the slices are shorter than 2 or of
// different lengths.
func KendallTauB(x, y []float64) float64 {
	if len(x) != len(y) || len(x) < 2 {
		return math.NaN()
	}
	return newRankPairs(x, y).kendall(nil)
}
