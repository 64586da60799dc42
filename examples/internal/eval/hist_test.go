package eval

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hist builds a fine histogram from positive and negative scores.
func hist(pos, neg []float64) *Hist {
	h := NewHist(Bins)
	for _, s := range pos {
		h.Add(s, true, 1)
	}
	for _, s := range neg {
		h.Add(s, false, 1)
	}
	return h
}

// The expected values below were computed by hand (and agree with
// scikit-learn's roc_auc_score and average_precision_score).
func TestAUCAndPRAUC(t *testing.T) {
	tests := []struct {
		name     string
		why      string
		pos, neg []float64
		auc, ap  float64
	}{
		{"perfect", "every positive above every negative", []float64{0.9, 0.8}, []float64{0.1, 0.2}, 1, 1},
		{"inverted", "every positive below every negative: AUC 0, AP at the base rate's floor", []float64{0.1}, []float64{0.9}, 0, 0.5},
		{"one tie", "a positive and a negative at the same score count one half", []float64{0.5}, []float64{0.5}, 0.5, 0.5},
		{"interleaved", "3 of 4 pairs ordered: .8>.6, .8>.2, .4>.2; AP = 1·½ + ⅔·½", []float64{0.8, 0.4}, []float64{0.6, 0.2}, 0.75, 5.0 / 6},
		{"tie across classes", ".3 vs .3 is half a pair: (1+1+½+1)/4; the tied bin enters AP at once", []float64{0.7, 0.3}, []float64{0.3, 0.1}, 0.875, 5.0 / 6},
		{"all zero", "a scorer that says 0 to everything ranks nothing", []float64{0, 0}, []float64{0, 0, 0}, 0.5, 0.4},
		{"floating point", "0.29 and 0.29000000001 land in the same bin and tie", []float64{0.29}, []float64{0.29 + 1e-11}, 0.5, 0.5},
		{"ones", "a score of exactly 1 is above 0.9999", []float64{1}, []float64{0.9999}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := hist(tt.pos, tt.neg)
			auc, err := h.AUC()
			require.NoError(t, err)
			assert.InDelta(t, tt.auc, auc, 1e-12, tt.why)
			ap, err := h.PRAUC()
			require.NoError(t, err)
			assert.InDelta(t, tt.ap, ap, 1e-12, tt.why)
		})
	}
}

func TestMetricsNeedBothClasses(t *testing.T) {
	tests := []struct {
		name     string
		pos, neg []float64
		want     error
	}{
		{"only positives", []float64{0.2, 0.9}, nil, ErrOneClass},
		{"only negatives", nil, []float64{0.2}, ErrOneClass},
		{"nothing", nil, nil, ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := hist(tt.pos, tt.neg)
			auc, err := h.AUC()
			assert.ErrorIs(t, err, tt.want)
			assert.True(t, math.IsNaN(auc), "AUC is NaN, not a number that looks like a result")
			ap, err := h.PRAUC()
			assert.ErrorIs(t, err, tt.want)
			assert.True(t, math.IsNaN(ap))
			_, err = h.ROC()
			assert.ErrorIs(t, err, tt.want)
		})
	}
	// F1 needs positives only; with no negatives it is still defined.
	best, err := hist([]float64{0.2, 0.9}, nil).BestF1()
	require.NoError(t, err)
	assert.InDelta(t, 1, float64(best.F1), 1e-12)
	assert.InDelta(t, 0.2, best.Threshold, 1e-12, "the highest threshold that keeps every positive")
	_, err = hist(nil, []float64{0.3}).BestF1()
	assert.ErrorIs(t, err, ErrOneClass)
}

func TestConfusionAndBestF1(t *testing.T) {
	// Positives .8 and .4, negatives .6 and .2.
	h := hist([]float64{0.8, 0.4}, []float64{0.6, 0.2})

	c := h.At(0.5)
	assert.Equal(t, Confusion{Threshold: 0.5, TP: 1, FP: 1, TN: 1, FN: 1, Precision: 0.5, Recall: 0.5, FPR: 0.5, F1: 0.5}, c)

	c = h.At(0.4)
	assert.Equal(t, uint64(2), c.TP, "score ≥ threshold: 0.4 itself is positive")
	assert.Equal(t, uint64(1), c.FP)

	c = h.At(0.9)
	assert.Equal(t, uint64(0), c.TP+c.FP)
	assert.True(t, math.IsNaN(float64(c.Precision)), "precision with nothing predicted positive is undefined")

	// F1 by threshold: ≥.8 → 2/3, ≥.6 → 1/2, ≥.4 → 4/5, ≥.2 → 2/3.
	best, err := h.BestF1()
	require.NoError(t, err)
	assert.InDelta(t, 0.4, best.Threshold, 1e-12)
	assert.InDelta(t, 0.8, float64(best.F1), 1e-12)
	assert.Equal(t, uint64(2), best.TP)
	assert.Equal(t, uint64(1), best.FP)
}

func TestBestF1PrefersHigherThresholdOnTie(t *testing.T) {
	// ≥.9: TP1 FP0 FN1 → F1 2/3. ≥.5: TP2 FP2 FN0 → F1 2/3. Same F1,
	// fewer flags at .9.
	h := hist([]float64{0.9, 0.5}, []float64{0.5, 0.5})
	best, err := h.BestF1()
	require.NoError(t, err)
	assert.InDelta(t, 0.9, best.Threshold, 1e-12)
}

func TestROC(t *testing.T) {
	h := hist([]float64{0.8, 0.4}, []float64{0.6, 0.2})
	pts, err := h.ROC()
	require.NoError(t, err)
	got := make([][2]float64, len(pts))
	for i, p := range pts {
		got[i] = [2]float64{p.FPR, p.TPR}
	}
	assert.Equal(t, [][2]float64{{0, 0}, {0, 0.5}, {0.5, 0.5}, {0.5, 1}, {1, 1}}, got)
}

func TestThresholdForFPR(t *testing.T) {
	h := hist([]float64{0.9, 0.45}, []float64{0.1, 0.2, 0.3, 0.4})
	tests := []struct {
		name string
		why  string
		fpr  float64
		want float64
		got  float64 // achieved FPR
	}{
		{"quarter", "one negative in four may be flagged: the lowest such score is 0.4", 0.25, 0.4, 0.25},
		{"none", "no negative flagged: the lowest score above every negative, a positive's", 0, 0.45, 0},
		{"all", "every negative may be flagged: the lowest score in the data", 1, 0.1, 1},
		{"between", "0.3 allows one negative, not two", 0.3, 0.4, 0.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := h.ThresholdForFPR(tt.fpr)
			require.NoError(t, err)
			assert.InDelta(t, tt.want, c.Threshold, 1e-12, tt.why)
			assert.InDelta(t, tt.got, float64(c.FPR), 1e-12)
			assert.Equal(t, c, h.At(c.Threshold), "the threshold splits the data as At does")
		})
	}

	// Negatives at exactly 1: no threshold reaches the target; 1 is
	// returned and the achieved rate shows it.
	ones := hist([]float64{1}, []float64{1, 0.5})
	c, err := ones.ThresholdForFPR(0)
	require.NoError(t, err)
	assert.InDelta(t, 1, c.Threshold, 1e-12)
	assert.InDelta(t, 0.5, float64(c.FPR), 1e-12)

	// The highest score is a negative and none may be flagged: just above it.
	c, err = hist([]float64{0.2}, []float64{0.7}).ThresholdForFPR(0)
	require.NoError(t, err)
	assert.InDelta(t, 0.7001, c.Threshold, 1e-12)
	assert.Equal(t, uint64(0), c.FP)

	_, err = hist([]float64{0.3}, nil).ThresholdForFPR(0.1)
	assert.ErrorIs(t, err, ErrOneClass)
	_, err = h.ThresholdForFPR(1.5)
	assert.Error(t, err)
}

func TestBinsAndThresholdsAgree(t *testing.T) {
	// For thresholds on the grid, "bin ≥ thresholdBin(t)" must equal
	// "score ≥ t" for any score, floating point notwithstanding.
	r := rand.New(rand.NewPCG(7, 7))
	for range 20000 {
		k := r.IntN(Bins + 1)
		tq := float64(k) / Bins
		s := r.Float64()
		if r.IntN(4) == 0 {
			s = tq // scores right on the threshold are the hard case
		}
		want := s >= tq-1e-12
		got := binOf(s, Bins) >= thresholdBin(tq, Bins)
		if want != got {
			t.Fatalf("score %v threshold %v: bin says %v, comparison %v", s, tq, got, want)
		}
	}
}

func TestBuckets(t *testing.T) {
	h := hist([]float64{0, 0.05, 0.95, 1}, []float64{0.5})
	pos, neg := h.Buckets(10)
	assert.Equal(t, []uint64{2, 0, 0, 0, 0, 0, 0, 0, 0, 2}, pos, "1.0 lands in the last bucket")
	assert.Equal(t, []uint64{0, 0, 0, 0, 0, 1, 0, 0, 0, 0}, neg)
}

func TestPoissonWeights(t *testing.T) {
	a, b := make([]uint64, 1000), make([]uint64, 1000)
	weights(1, 42, a)
	weights(1, 42, b)
	assert.Equal(t, a, b, "the same seed and index give the same weights")
	weights(2, 42, b)
	assert.NotEqual(t, a, b)

	// Over many draws, Poisson(1) has mean 1 and P(0) = 1/e.
	var sum, zeros float64
	w := make([]uint64, 100)
	for i := range int64(2000) {
		weights(1, i, w)
		for _, x := range w {
			sum += float64(x)
			if x == 0 {
				zeros++
			}
		}
	}
	assert.InDelta(t, 1, sum/200000, 0.01)
	assert.InDelta(t, math.Exp(-1), zeros/200000, 0.01)
}

func TestPercentileInterval(t *testing.T) {
	ci := percentileInterval([]float64{4, 1, math.NaN(), 3, 2}, 0.5)
	assert.InDelta(t, 1.75, ci.Low, 1e-12, "25th percentile of 1..4, type 7")
	assert.InDelta(t, 3.25, ci.High, 1e-12)
	assert.Equal(t, 4, ci.Replicates, "NaN replicates (one class drawn) are left out")

	ci = percentileInterval([]float64{math.NaN()}, 0.95)
	assert.True(t, math.IsNaN(ci.Low))
	assert.Equal(t, 0, ci.Replicates)
}

func TestNumJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		A Num `json:"a"`
		B Num `json:"b"`
		C Num `json:"c"`
	}{Num(math.NaN()), Num(math.Inf(1)), 0.75})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a": null, "b": null, "c": 0.75}`, string(b))

	var n struct{ A, C Num }
	require.NoError(t, json.Unmarshal([]byte(`{"A": null, "C": 0.5}`), &n))
	assert.True(t, math.IsNaN(float64(n.A)))
	assert.Equal(t, Num(0.5), n.C)
}

// TestBootAreas: bootCounts.areas gives each replicate the AUC and PR
// AUC of its histogram, bit for bit, NaN where a class is missing.
func TestBootAreas(t *testing.T) {
	const reps = 37
	r := rand.New(rand.NewPCG(5, 6))
	c := bootCounts{pos: make([]uint64, (bootBins+1)*reps), neg: make([]uint64, (bootBins+1)*reps), used: make([]bool, bootBins+1)}
	for b := range bootBins + 1 {
		c.used[b] = r.IntN(8) > 0 // a bin left unmarked must be empty
		for k := range reps {
			if !c.used[b] {
				break
			}
			switch {
			case k == 3: // no positives
				c.neg[b*reps+k] = uint64(r.IntN(3))
			case k == 4: // nothing
			case r.IntN(4) == 0:
				c.pos[b*reps+k], c.neg[b*reps+k] = uint64(r.IntN(5)), uint64(r.IntN(5))
			}
		}
	}
	aucs, aps := make([]float64, reps), make([]float64, reps)
	c.areas(reps, aucs, aps)
	for k := range reps {
		h := c.hist(k, reps)
		auc, _ := h.AUC()
		ap, _ := h.PRAUC()
		if math.Float64bits(auc) != math.Float64bits(aucs[k]) && !(math.IsNaN(auc) && math.IsNaN(aucs[k])) ||
			math.Float64bits(ap) != math.Float64bits(aps[k]) && !(math.IsNaN(ap) && math.IsNaN(aps[k])) {
			t.Errorf("replicate %d: areas gave %v, %v; the histogram %v, %v", k, aucs[k], aps[k], auc, ap)
		}
	}
}

// hist returns replicate r's histogram, of reps replicates.
func (c bootCounts) hist(r, reps int) *Hist {
	h := NewHist(bootBins)
	for b := range h.pos {
		h.pos[b], h.neg[b] = c.pos[b*reps+r], c.neg[b*reps+r]
	}
	return h
}
