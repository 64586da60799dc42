package eval

import (
	"fmt"
	"math"
)

// htmlOutcome is one effort outcome as the page draws it: its table, and
// per scorer a binned plot of the outcome against the score.
type htmlOutcome struct {
	O     OutcomeMetrics
	Plots []htmlEffortPlot
}

// htmlEffortPlot draws, per score bin, the outcome's interquartile range
// as a bar, its median as a dot and its mean as a tick.
type htmlEffortPlot struct {
	C      Correlation
	Points []htmlEffortPoint
	YTicks []htmlTick
	XTicks []htmlTick
	YLabel string
}

type htmlEffortPoint struct {
	X, Q1, Median, Q3, Mean float64 // SVG coordinates
	X0, X1                  float64 // the mean's tick
	Title                   string
	N                       int64
}

// drawOutcomes lays out the outcome plots; the y axis of each runs from
// 0 to the largest upper quartile or mean over the scorer's bins.
func drawOutcomes(r *Result) []htmlOutcome {
	var out []htmlOutcome
	for _, o := range r.Outcomes {
		h := htmlOutcome{O: o}
		for _, c := range o.Scorers {
			if len(c.Bins) == 0 {
				continue
			}
			p := htmlEffortPlot{C: c, YLabel: o.Unit}
			if o.Unit == "count" {
				p.YLabel = string(o.Outcome)
			} else {
				p.YLabel = string(o.Outcome) + " (hours)"
			}
			top := 0.0
			for _, b := range c.Bins {
				top = max(top, finite(b.Q3), finite(b.Mean))
			}
			if top <= 0 {
				top = 1
			}
			y := func(v Num) float64 { return plotSize - min(finite(v), top)/top*plotSize }
			for _, b := range c.Bins {
				p.Points = append(p.Points, htmlEffortPoint{
					X: (b.Low + b.High) / 2 * plotSize, X0: (b.Low+b.High)/2*plotSize - 6, X1: (b.Low+b.High)/2*plotSize + 6, Q1: y(b.Q1), Median: y(b.Median), Q3: y(b.Q3), Mean: y(b.Mean), N: b.N,
					Title: fmt.Sprintf("score %.1f–%.1f: %d contributions; median %s, quartiles %s–%s, mean %s",
						b.Low, b.High, b.N, num(b.Median), num(b.Q1), num(b.Q3), num(b.Mean)),
				})
			}
			for i := 0; i <= 4; i++ {
				v := float64(i) / 4
				p.XTicks = append(p.XTicks, htmlTick{Pos: v * plotSize, Label: fmt.Sprintf("%.2g", v)})
				p.YTicks = append(p.YTicks, htmlTick{Pos: plotSize - v*plotSize, Label: fmt.Sprintf("%.3g", v*top)})
			}
			h.Plots = append(h.Plots, p)
		}
		out = append(out, h)
	}
	return out
}

// effortMargin is the left margin of an outcome plot: wider than a ROC
// plot's, for tick labels such as "1.2e+03".
const effortMargin = plotMargin + 14

// effortFuncs are the template functions the effort section adds.
var effortFuncs = map[string]any{
	"effortMargin": func() int { return effortMargin },
	"effortWidth":  func() int { return plotSize + effortMargin + 12 },
}

func finite(v Num) float64 {
	if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
		return 0
	}
	return float64(v)
}

// effortHTML is the page's section on effort outcomes, a template
// defined into the page.
const effortHTML = `{{define "effort"}}{{if .Outcomes}}
<h2>Effort outcomes</h2>
<p class="muted">Each score ranked against review effort: Spearman's ρ and Kendall's τ-b (ties corrected) with
{{.Pct}}% percentile bootstrap intervals ({{.R.Bootstrap}} resamples, seed {{.R.Seed}}), on the contributions that carry the outcome and a score.
Near 0 means the score says nothing about that effort.
{{if .R.AsOpened}}Contributions were scored as they were opened, so no scorer saw the comments it is ranked against.{{end}}</p>
{{range .Outcomes}}<h3 id="outcome-{{.O.Outcome}}">{{.O.Outcome}}: {{.O.Description}}</h3>
<p>{{.O.Contributions}} of {{$.R.Scored}} contributions carry it.</p>
<div class="wide"><table class="outcome" data-outcome="{{.O.Outcome}}">
<tr><th>scorer</th><th>n</th><th>coverage</th><th>score &gt; 0</th><th>Spearman ρ [{{$.Pct}}% CI]</th><th>Kendall τ-b [{{$.Pct}}% CI]</th></tr>
{{range .O.Scorers}}<tr><td>{{.Scorer}}</td><td>{{.N}}</td><td>{{percent .Coverage}}</td><td>{{.Nonzero}}</td>
{{if .Undefined}}<td colspan="2" class="muted left">undefined: {{.Undefined}}</td>{{else}}<td>{{ci .Spearman .SpearmanLow .SpearmanHigh}}</td><td>{{ci .Kendall .KendallLow .KendallHigh}}</td>{{end}}</tr>
{{end}}</table></div>
{{with .O.ByAgent}}<p>Spearman ρ within each agent (contributions scoring above 0 in brackets):</p>
<div class="wide"><table class="by-agent">
<tr><th>agent</th><th>scorer</th><th>n</th><th>score &gt; 0</th><th>Spearman ρ</th></tr>
{{range .}}<tr><td>{{.Agent}}</td><td class="left">{{.Scorer}}</td><td>{{.N}}</td><td>{{.Nonzero}}</td><td>{{num .Spearman}}</td></tr>
{{end}}</table></div>{{end}}
<p class="legend muted">Per score bin: the bar spans the outcome's quartiles, the dot is its median, the tick its mean; hover for the counts.</p>
<div class="cards">
{{range .Plots}}<div class="card"><h3>{{.C.Scorer}}</h3>
<svg class="effort-plot" data-scorer="{{.C.Scorer}}" width="{{effortWidth}}" height="{{$.Height}}" viewBox="0 0 {{effortWidth}} {{$.Height}}" role="img" aria-label="{{.YLabel}} against the {{.C.Scorer}} score">
<g transform="translate({{effortMargin}} 8)">
<rect class="axis" x="0" y="0" width="{{$.Size}}" height="{{$.Size}}"/>
{{range .Points}}<g class="bin" data-n="{{.N}}"><title>{{.Title}}</title>
<line class="iqr" x1="{{f1 .X}}" y1="{{f1 .Q3}}" x2="{{f1 .X}}" y2="{{f1 .Q1}}"/>
<circle class="median" cx="{{f1 .X}}" cy="{{f1 .Median}}" r="3.5"/>
<line class="mean" x1="{{f1 .X0}}" y1="{{f1 .Mean}}" x2="{{f1 .X1}}" y2="{{f1 .Mean}}"/>
</g>{{end}}
{{range .XTicks}}<text x="{{f1 .Pos}}" y="{{$.Size}}" dy="14" text-anchor="middle">{{.Label}}</text>{{end}}
{{range .YTicks}}<text x="-4" y="{{f1 .Pos}}" dy="4" text-anchor="end">{{.Label}}</text>{{end}}
<text x="{{half}}" y="{{$.Size}}" dy="28" text-anchor="middle">score</text>
<text transform="rotate(-90)" x="-{{half}}" y="-36" text-anchor="middle">{{.YLabel}}</text>
<text x="8" y="14">ρ {{num .C.Spearman}}</text>
</g></svg></div>
{{end}}</div>
{{end}}{{end}}
{{with .R.AgentID}}<h2>Agent identification</h2>
<p class="muted">For contributions whose data names the agent: the share in which package disclosure finds that agent named in the
description (title and body), in the commit messages, in the author identities (the pull request's author, the commits' authors), and in any of them;
how many name another AI tool instead, and how many carry no AI marker at all.</p>
<div class="wide"><table id="agent-id">
<tr><th>agent</th><th>as tool</th><th>contributions</th><th>description</th><th>commits</th><th>identities</th><th>any</th><th>other tool only</th><th>no marker</th></tr>
{{range .}}<tr><td>{{.Agent}}</td><td>{{.Tool}}</td><td>{{.Contributions}}</td><td>{{percent .DescriptionRate}}</td><td>{{percent .CommitsRate}}</td><td>{{percent .IdentitiesRate}}</td><td>{{percent .AnyRate}}</td><td>{{.OtherTool}}</td><td>{{.NoMarker}} ({{percent .NoMarkerRate}})</td></tr>
{{end}}</table></div>{{end}}{{end}}`
