package eval

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestRankCorrelations(t *testing.T) {
	tests := []struct {
		name      string
		x, y      []float64
		rho, tauB float64 // NaN: undefined
	}{
		{
			// Ranks of y: 1, 2, 3.5, 5, 3.5. Spearman: 8/sqrt(10*9.5).
			// Kendall: 8 concordant, 1 discordant, one pair tied in y:
			// (8-1)/sqrt(10*9).
			name: "a tie in y",
			x:    []float64{1, 2, 3, 4, 5}, y: []float64{5, 6, 7, 8, 7},
			rho: 8 / math.Sqrt(95), tauB: 7 / math.Sqrt(90),
		},
		{
			// Mid-ranks of x: 1.5, 1.5, 3.5, 3.5. Spearman 4/sqrt(4*5).
			// Kendall: 4 concordant, two pairs tied in x: 4/sqrt(4*6).
			name: "ties in x, as a zero-inflated score has",
			x:    []float64{0, 0, 1, 1}, y: []float64{1, 2, 3, 4},
			rho: 4 / math.Sqrt(20), tauB: 4 / math.Sqrt(24),
		},
		{
			name: "reversed",
			x:    []float64{1, 2, 3}, y: []float64{3, 2, 1},
			rho: -1, tauB: -1,
		},
		{
			name: "constant score: no ranking, undefined",
			x:    []float64{0, 0, 0, 0}, y: []float64{1, 5, 2, 3},
			rho: math.NaN(), tauB: math.NaN(),
		},
		{
			name: "constant outcome: undefined",
			x:    []float64{0.1, 0.5, 0.9}, y: []float64{2, 2, 2},
			rho: math.NaN(), tauB: math.NaN(),
		},
		{
			name: "one pair: undefined",
			x:    []float64{0.3}, y: []float64{4},
			rho: math.NaN(), tauB: math.NaN(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			same(t, "Spearman", Spearman(tt.x, tt.y), tt.rho)
			same(t, "KendallTauB", KendallTauB(tt.x, tt.y), tt.tauB)
		})
	}
}

func same(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			t.Errorf("%s = %v, want undefined (NaN)", what, got)
		}
		return
	}
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("%s = %.15g, want %.15g", what, got, want)
	}
}

// bruteTauB counts every pair, the textbook way.
func bruteTauB(x, y []float64) float64 {
	var c, d, tx, ty, n0 float64
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			n0++
			sx, sy := cmpFloat(x[i], x[j]), cmpFloat(y[i], y[j])
			switch {
			case sx == 0 && sy == 0:
				tx++
				ty++
			case sx == 0:
				tx++
			case sy == 0:
				ty++
			case sx == sy:
				c++
			default:
				d++
			}
		}
	}
	return (c - d) / math.Sqrt((n0-tx)*(n0-ty))
}

// TestWeightsAreRepeats checks the bootstrap's shortcut: a weighted
// sample gives what the sample with each pair repeated gives, and the
// fast tau-b agrees with counting every pair.
func TestWeightsAreRepeats(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 50 {
		n := 2 + r.IntN(40)
		x, y, w := make([]float64, n), make([]float64, n), make([]float64, n)
		var ex, ey []float64
		for i := range n {
			x[i] = float64(r.IntN(5)) / 4 // many ties, as scores have
			y[i] = float64(r.IntN(6))
			w[i] = float64(r.IntN(3))
			for range int(w[i]) {
				ex, ey = append(ex, x[i]), append(ey, y[i])
			}
		}
		p := newRankPairs(x, y)
		rho := p.spearman(w, make([]float64, n), make([]float64, n))
		tau := p.kendall(w)
		same(t, "weighted Spearman", rho, Spearman(ex, ey))
		same(t, "weighted tau-b", tau, KendallTauB(ex, ey))
		if len(ex) >= 2 {
			if b := bruteTauB(ex, ey); !math.IsNaN(b) && !math.IsInf(b, 0) {
				same(t, "tau-b against counting pairs", KendallTauB(ex, ey), b)
			}
		}
		if t.Failed() {
			t.Fatalf("trial %d: x=%v y=%v w=%v", trial, x, y, w)
		}
	}
}

func BenchmarkKendall(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 7000
	x, y, w := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		x[i] = math.Round(r.Float64()*20) / 20
		y[i] = float64(r.IntN(30))
		w[i] = float64(r.IntN(3))
	}
	p := newRankPairs(x, y)
	rx, ry := make([]float64, n), make([]float64, n)
	b.ReportAllocs()
	b.SetBytes(int64(n * 16))
	for b.Loop() {
		p.kendall(w)
		p.spearman(w, rx, ry)
	}
}
