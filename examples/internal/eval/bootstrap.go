package eval

import (
	"math"
	"math/rand/v2"
	"slices"
)

// poissonCDF[k] is P(X ≤ k) for X ~ Poisson(1).
var poissonCDF = func() []float64 {
	cdf := make([]float64, 16)
	p, sum := math.Exp(-1), 0.0
	for k := range cdf {
		sum += p
		cdf[k] = sum
		p /= float64(k + 1)
	}
	return cdf
}()

// poisson1 draws from Poisson(1) by inverting its distribution function.
func poisson1(r *rand.Rand) uint64 {
	u := r.Float64()
	for k, c := range poissonCDF {
		if u < c {
			return uint64(k)
		}
	}
	return uint64(len(poissonCDF))
}

// weights fills w with the Poisson bootstrap weights of the item at index:
// how many times each replicate draws it. The weights depend only on the
// seed and the index, never on the order items arrive in, so a run with
// many workers gives the same intervals as a run with one.
func weights(seed uint64, index int64, w []uint64) {
	r := rand.New(rand.NewPCG(seed, uint64(index)))
	for i := range w {
		w[i] = poisson1(r)
	}
}

// Interval is a two-sided percentile bootstrap confidence interval.
type Interval struct {
	Low, High float64
	// Replicates is how many replicates had both classes and so gave a
	// value; the interval is NaN when none did.
	Replicates int
}

// percentileInterval returns the central level interval of values (level
// 0.95 gives the 2.5th and 97.5th percentiles, linearly interpolated).
func percentileInterval(values []float64, level float64) Interval {
	vs := slices.DeleteFunc(slices.Clone(values), func(v float64) bool { return math.IsNaN(v) })
	if len(vs) == 0 {
		return Interval{Low: math.NaN(), High: math.NaN()}
	}
	slices.Sort(vs)
	alpha := (1 - level) / 2
	return Interval{Low: quantile(vs, alpha), High: quantile(vs, 1-alpha), Replicates: len(vs)}
}

// quantile returns the q-quantile of sorted values, interpolating linearly
// between order statistics (the "type 7" rule of R and NumPy).
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 1 {
		return sorted[0]
	}
	pos := q * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(sorted)-1)
	frac := pos - float64(lo)
	return sorted[lo] + frac*(sorted[hi]-sorted[lo])
}
