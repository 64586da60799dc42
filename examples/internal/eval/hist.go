package eval

import (
	"errors"
	"fmt"
	"math"
)

// ErrOneClass is returned by metrics that need both classes (an AUC, a
// false-positive rate) when the data has only positives or only
// negatives.
var ErrOneClass = errors.New("eval: both classes are needed")

// ErrEmpty is returned by metrics computed on no data at all.
var ErrEmpty = errors.New("eval: no labelled scores")

// Hist counts labelled scores in equal-width bins over [0, 1], so that
// every metric heft eval reports can be computed in memory that does not
// grow with the dataset. Bin i holds the scores s with i/Bins ≤ s <
// (i+1)/Bins; the last bin, Bins, holds exactly 1. A threshold t on the
// grid (t = k/Bins) therefore splits the data exactly as "score ≥ t"
// does; scores in the same bin count as ties.
//
// The zero Hist is not usable; build one with NewHist.
type Hist struct {
	bins int
	pos  []uint64 // pos[i]: positives in bin i
	neg  []uint64
}

// NewHist returns an empty histogram of bins equal-width bins (plus one for
// a score of exactly 1).
func NewHist(bins int) *Hist {
	if bins < 1 {
		bins = 1
	}
	return &Hist{bins: bins, pos: make([]uint64, bins+1), neg: make([]uint64, bins+1)}
}

// Bins returns the number of equal-width bins.
func (h *Hist) Bins() int { return h.bins }

// Bin returns the bin of a score in [0, 1]; scores outside are clamped.
// A tiny tolerance keeps 0.29 in the bin of 0.29 despite floating point.
func (h *Hist) Bin(score float64) int {
	return binOf(score, h.bins)
}

func binOf(score float64, bins int) int {
	if !(score > 0) { // also NaN
		return 0
	}
	b := int(math.Floor(score*float64(bins) + 1e-9))
	return min(b, bins)
}

// thresholdBin returns the first bin at or above threshold t: the bins a
// "score ≥ t" rule calls positive. Exact when t is on the grid.
func thresholdBin(t float64, bins int) int {
	if !(t > 0) {
		return 0
	}
	k := int(math.Ceil(t*float64(bins) - 1e-9))
	return min(k, bins+1)
}

// Add counts n scores in the bin of score, as positives or negatives.
func (h *Hist) Add(score float64, positive bool, n uint64) {
	h.addBin(h.Bin(score), positive, n)
}

func (h *Hist) addBin(b int, positive bool, n uint64) {
	if positive {
		h.pos[b] += n
	} else {
		h.neg[b] += n
	}
}

// Merge adds the counts of o, which must have the same number of bins.
func (h *Hist) Merge(o *Hist) error {
	if o.bins != h.bins {
		return fmt.Errorf("eval: merging a %d-bin histogram into a %d-bin one", o.bins, h.bins)
	}
	for i := range h.pos {
		h.pos[i] += o.pos[i]
		h.neg[i] += o.neg[i]
	}
	return nil
}

// Counts returns the number of positives and negatives counted.
func (h *Hist) Counts() (pos, neg uint64) {
	for i := range h.pos {
		pos += h.pos[i]
		neg += h.neg[i]
	}
	return pos, neg
}

func (h *Hist) check() (p, n float64, err error) {
	pc, nc := h.Counts()
	switch {
	case pc == 0 && nc == 0:
		return 0, 0, ErrEmpty
	case pc == 0 || nc == 0:
		return float64(pc), float64(nc), fmt.Errorf("%w: %d positives, %d negatives", ErrOneClass, pc, nc)
	}
	return float64(pc), float64(nc), nil
}

// AUC returns the area under the ROC curve: the probability that a random
// positive scores above a random negative, ties counting one half. It
// returns NaN and ErrOneClass or ErrEmpty when either class is missing.
func (h *Hist) AUC() (float64, error) {
	p, n, err := h.check()
	if err != nil {
		return math.NaN(), err
	}
	var sum, negBelow float64
	for i := range h.pos {
		sum += float64(h.pos[i]) * (negBelow + float64(h.neg[i])/2)
		negBelow += float64(h.neg[i])
	}
	return sum / (p * n), nil
}

// PRAUC returns the area under the precision-recall curve as average
// precision: the precision at each distinct score, from the highest down,
// weighted by the recall it adds (tied scores enter together, as in
// scikit-learn's average_precision_score). NaN and an error when either
// class is missing (with no positives recall is undefined; with no
// negatives the value is trivially 1 and says nothing).
func (h *Hist) PRAUC() (float64, error) {
	p, _, err := h.check()
	if err != nil {
		return math.NaN(), err
	}
	var tp, fp, ap float64
	for i := h.bins; i >= 0; i-- {
		if h.pos[i] == 0 && h.neg[i] == 0 {
			continue
		}
		tp += float64(h.pos[i])
		fp += float64(h.neg[i])
		ap += float64(h.pos[i]) / p * (tp / (tp + fp))
	}
	return ap, nil
}

// Confusion is the confusion matrix of the rule "score ≥ Threshold means
// positive", with the rates derived from it. A rate whose denominator is
// zero is NaN.
type Confusion struct {
	Threshold float64 `json:"threshold"`
	TP        uint64  `json:"tp"`
	FP        uint64  `json:"fp"`
	TN        uint64  `json:"tn"`
	FN        uint64  `json:"fn"`
	Precision Num     `json:"precision"`
	Recall    Num     `json:"recall"` // the true-positive rate
	FPR       Num     `json:"fpr"`    // the false-positive rate
	F1        Num     `json:"f1"`
}

// At returns the confusion matrix of "score ≥ t".
func (h *Hist) At(t float64) Confusion {
	return h.atBin(thresholdBin(t, h.bins), t)
}

func (h *Hist) atBin(k int, t float64) Confusion {
	c := Confusion{Threshold: t}
	for i := range h.pos {
		if i >= k {
			c.TP += h.pos[i]
			c.FP += h.neg[i]
		} else {
			c.FN += h.pos[i]
			c.TN += h.neg[i]
		}
	}
	c.Precision = Num(ratio(c.TP, c.TP+c.FP))
	c.Recall = Num(ratio(c.TP, c.TP+c.FN))
	c.FPR = Num(ratio(c.FP, c.FP+c.TN))
	c.F1 = Num(ratio(2*c.TP, 2*c.TP+c.FP+c.FN))
	return c
}

func ratio(a, b uint64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// BestF1 returns the confusion matrix at the threshold on the grid with
// the highest F1, preferring the higher threshold on a tie (fewer
// contributions flagged for the same F1). It returns an error when there
// are no positives, where F1 is zero at every threshold.
func (h *Hist) BestF1() (Confusion, error) {
	pc, nc := h.Counts()
	if pc == 0 {
		if nc == 0 {
			return Confusion{}, ErrEmpty
		}
		return Confusion{}, fmt.Errorf("%w: no positives, F1 is 0 at every threshold", ErrOneClass)
	}
	// Sweep the thresholds from the top, counting what each flags.
	var tp, fp uint64
	bestK, bestF1 := -1, -1.0
	for k := h.bins; k >= 0; k-- {
		if h.pos[k] == 0 && h.neg[k] == 0 {
			continue // the same split as the bin above
		}
		tp += h.pos[k]
		fp += h.neg[k]
		if f1 := float64(2*tp) / float64(tp+fp+pc); f1 > bestF1 {
			bestK, bestF1 = k, f1
		}
	}
	return h.atBin(bestK, float64(bestK)/float64(h.bins)), nil
}

// Point is one point of a ROC curve.
type Point struct {
	Threshold float64 `json:"threshold"`
	FPR       float64 `json:"fpr"`
	TPR       float64 `json:"tpr"`
}

// ROC returns the ROC curve from (0, 0) to (1, 1), one point per occupied
// bin from the highest score down, or an error when a class is missing.
func (h *Hist) ROC() ([]Point, error) {
	p, n, err := h.check()
	if err != nil {
		return nil, err
	}
	pts := []Point{{Threshold: math.Inf(1)}}
	var tp, fp float64
	for i := h.bins; i >= 0; i-- {
		if h.pos[i] == 0 && h.neg[i] == 0 {
			continue
		}
		tp += float64(h.pos[i])
		fp += float64(h.neg[i])
		pts = append(pts, Point{Threshold: float64(i) / float64(h.bins), FPR: fp / n, TPR: tp / p})
	}
	return pts, nil
}

// ThresholdForFPR returns the lowest threshold, above 0, whose
// false-positive rate on this data is at most fpr, and the confusion
// matrix there. The threshold is a score that occurs in the data (the
// lowest score flagged), not a point just above a negative, so it does
// not hug this sample more than it must. When no occurring score
// qualifies, it returns the grid point just above the highest negative
// that must not be flagged, at most 1; when even 1 flags more negatives
// than fpr allows, the achieved rate in the result shows it.
func (h *Hist) ThresholdForFPR(fpr float64) (Confusion, error) {
	if !(fpr >= 0 && fpr <= 1) {
		return Confusion{}, fmt.Errorf("eval: target false-positive rate %v is not in [0, 1]", fpr)
	}
	_, nc := h.Counts()
	if nc == 0 {
		return Confusion{}, fmt.Errorf("%w: no negatives, so no false-positive rate", ErrOneClass)
	}
	var above uint64 // negatives at or above bin i
	k := -1          // the lowest occupied bin that qualifies
	stop := 0        // the bin whose negatives broke the target
	for i := h.bins; i >= 1; i-- {
		if h.pos[i] == 0 && h.neg[i] == 0 {
			continue
		}
		if float64(above+h.neg[i])/float64(nc) > fpr {
			stop = i
			break
		}
		above += h.neg[i]
		k = i
	}
	if k < 0 {
		k = min(stop+1, h.bins)
		if stop == 0 {
			k = 1
		}
	}
	return h.atBin(k, float64(k)/float64(h.bins)), nil
}

// Buckets folds the histogram into n equal buckets over [0, 1] (a score of
// 1 in the last), for drawing: pos[i] and neg[i] count bucket i.
func (h *Hist) Buckets(n int) (pos, neg []uint64) {
	pos, neg = make([]uint64, n), make([]uint64, n)
	for i := range h.pos {
		b := min(i*n/h.bins, n-1)
		pos[b] += h.pos[i]
		neg[b] += h.neg[i]
	}
	return pos, neg
}

// Num is a float64 that encodes NaN and infinities as JSON null, for
// metrics that are undefined on the data (an AUC with one class).
type Num float64

// MarshalJSON encodes the number, or null when it is NaN or infinite.
func (x Num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return fmt.Appendf(nil, "%.6g", f), nil
}

// UnmarshalJSON decodes a number, or null as NaN.
func (x *Num) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = Num(math.NaN())
		return nil
	}
	var f float64
	if _, err := fmt.Sscan(string(b), &f); err != nil {
		return fmt.Errorf("eval: metric %q is not a number", b)
	}
	*x = Num(f)
	return nil
}
