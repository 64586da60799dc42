package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// maxGroupRows is how many groups per breakdown the text report shows;
// the JSON and HTML reports have them all.
const maxGroupRows = 10

// WriteJSON writes the result as indented JSON.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// Throughput is the one-line summary of a run's speed.
func (r *Result) Throughput() string {
	return fmt.Sprintf("%d contributions in %.2f s (%.0f/s, %d workers), %d skipped",
		r.Scored, r.Elapsed.Seconds(), r.PerSec, r.Workers, r.Skipped)
}

// WriteText writes the result as a table for a terminal.
func (r *Result) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "heft eval: %d contributions", r.Scored)
	if r.Source != "" {
		fmt.Fprintf(&b, " from %s", r.Source)
	}
	fmt.Fprintf(&b, "; label %s (positive: %s)\n", r.Label, r.Positive)
	fmt.Fprintf(&b, "labelled %d: %d positive, %d negative", r.Labelled, r.Positives, r.Negatives)
	if r.Scored > r.Labelled {
		fmt.Fprintf(&b, "; %d without the label, left out of the metrics", r.Scored-r.Labelled)
	}
	b.WriteString("\n")
	if r.Skipped > 0 {
		fmt.Fprintf(&b, "skipped %d: %s\n", r.Skipped, reasons(r.SkippedBy))
		for _, ex := range r.SkipExamples {
			fmt.Fprintf(&b, "  %s\n", oneLine(ex, 160))
		}
		if int64(len(r.SkipExamples)) < r.Skipped {
			fmt.Fprintf(&b, "  (%d more; --json lists the first %d)\n", r.Skipped-int64(len(r.SkipExamples)), maxExamples)
		}
	}
	fmt.Fprintf(&b, "labels stripped before scoring: %s\n", yesNo(r.Stripped))
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	pct := int(math.Round(r.Level * 100))
	fmt.Fprintf(&b, "\n%-12s %-14s %6s %6s  %-22s %-22s %6s  %-14s %-13s %-13s\n", "scorer", "coverage", "n", ">0",
		fmt.Sprintf("auc [%d%% ci]", pct), fmt.Sprintf("pr_auc [%d%% ci]", pct), "base", "best f1 @ thr",
		fmt.Sprintf("p/r @ %.2f", r.Policy.Review), fmt.Sprintf("p/r @ %.2f", r.Policy.Flag))
	for _, m := range r.Scorers {
		cov := fmt.Sprintf("%d %s", m.Coverage.Applicable, percent(m.Coverage.Rate))
		if m.Undefined != "" {
			fmt.Fprintf(&b, "%-12s %-14s %6d %6d  %s\n", m.Scorer, cov, m.N, m.Nonzero, m.Undefined)
		} else {
			fmt.Fprintf(&b, "%-12s %-14s %6d %6d  %-22s %-22s %6s  %-14s %-13s %-13s\n", m.Scorer, cov, m.N, m.Nonzero,
				withCI(m.AUC, m.AUCLow, m.AUCHigh), withCI(m.PRAUC, m.PRAUCLow, m.PRAUCHigh), num(m.BaseRate),
				bestF1(m.BestF1), pr(m.Review), pr(m.Flag))
		}
		if m.Coverage.Errors > 0 {
			fmt.Fprintf(&b, "%-12s %d errors, e.g. %s\n", "", m.Coverage.Errors, oneLine(m.ErrorExamples[0], 120))
		}
	}
	r.writeOutcomesText(&b)
	r.writeAgentIDText(&b)
	for _, key := range []string{"agent", "repo"} {
		groups := slices.DeleteFunc(slices.Clone(r.Groups), func(g Breakdown) bool { return g.Key != key })
		if len(groups) == 0 || (len(groups) == 1 && strings.HasPrefix(groups[0].Group, "(")) {
			continue
		}
		shown := groups[:min(len(groups), maxGroupRows)]
		fmt.Fprintf(&b, "\nby %s", key)
		if len(shown) < len(groups) {
			fmt.Fprintf(&b, " (the %d largest of %d)", len(shown), len(groups))
		}
		b.WriteString(": auc per scorer\n")
		width := len(key)
		for _, g := range shown {
			width = max(width, min(len(g.Group), 40))
		}
		fmt.Fprintf(&b, "%-*s %6s %6s", width, key, "n", "pos")
		for _, m := range r.Scorers {
			fmt.Fprintf(&b, " %10s", trunc(m.Scorer, 10))
		}
		b.WriteString("\n")
		for _, g := range shown {
			fmt.Fprintf(&b, "%-*s %6d %6d", width, trunc(g.Group, 40), g.Labelled, g.Positives)
			for _, s := range g.Scorers {
				fmt.Fprintf(&b, " %10s", num(s.AUC))
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "\n%s\n", r.Throughput())
	_, err := io.WriteString(w, b.String())
	return err
}

func reasons(by map[string]int64) string {
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", by[k], k)
	}
	return strings.Join(parts, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func num(x Num) string {
	if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
		return "—"
	}
	return fmt.Sprintf("%.3f", float64(x))
}

func percent(x Num) string {
	if math.IsNaN(float64(x)) {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(x))
}

func withCI(x, lo, hi Num) string {
	if math.IsNaN(float64(lo)) {
		return num(x)
	}
	return fmt.Sprintf("%s [%s, %s]", num(x), num(lo), num(hi))
}

func bestF1(c *Confusion) string {
	if c == nil {
		return "—"
	}
	return fmt.Sprintf("%s @ %.2f", num(c.F1), c.Threshold)
}

func pr(c *Confusion) string {
	if c == nil {
		return "—"
	}
	return num(c.Precision) + "/" + num(c.Recall)
}

func trunc(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func oneLine(s string, n int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return trunc(s, n)
}
