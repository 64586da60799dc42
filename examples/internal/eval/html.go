package eval

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
)

// Sizes of the drawings, in SVG user units.
const (
	plotSize   = 200 // the square a curve or histogram is drawn in
	plotMargin = 34
	histBins   = 20
	htmlGroups = 50 // groups per breakdown the page lists
)

type htmlScorer struct {
	M          ScorerMetrics
	Confusions []htmlConfusion
	Points     string // the ROC curve's polyline points
	Bars       []htmlBar
	Thresholds []htmlLine
	Ticks      []htmlTick
}

type htmlConfusion struct {
	Name string
	C    *Confusion
}

type htmlBar struct {
	X, Y, W, H float64
	Class      string
	Title      string
}

type htmlLine struct {
	X     float64
	Label string
}

type htmlTick struct {
	Pos   float64
	Label string
}

type htmlPage struct {
	R       *Result
	Scorers []htmlScorer
	Groups  map[string][]Breakdown
	Keys    []string
	Names   []string
	Size    int
	Margin  int
	Width   int
	Height  int
	Pct     int
	// Outcomes are the effort outcome sections (effortHTML).
	Outcomes []htmlOutcome
}

// WriteHTML writes the result as one self-contained HTML page: tables,
// and per scorer a ROC curve and a histogram of scores by class drawn as
// inline SVG. It loads nothing from the network and runs no script.
func (r *Result) WriteHTML(w io.Writer) error {
	p := htmlPage{R: r, Size: plotSize, Margin: plotMargin, Width: plotSize + plotMargin + 12, Height: plotSize + 40, Pct: int(math.Round(r.Level * 100)),
		Groups: map[string][]Breakdown{}, Outcomes: drawOutcomes(r)}
	for _, m := range r.Scorers {
		p.Names = append(p.Names, m.Scorer)
		p.Scorers = append(p.Scorers, drawScorer(m, r.Policy))
	}
	for _, g := range r.Groups {
		if len(p.Groups[g.Key]) == 0 {
			p.Keys = append(p.Keys, g.Key)
		}
		if len(p.Groups[g.Key]) < htmlGroups {
			p.Groups[g.Key] = append(p.Groups[g.Key], g)
		}
	}
	return pageTemplate().Execute(w, p)
}

func drawScorer(m ScorerMetrics, pol PolicyThresholds) htmlScorer {
	s := htmlScorer{M: m}
	for _, c := range []htmlConfusion{{"best F1", m.BestF1}, {"review", m.Review}, {"flag", m.Flag}} {
		if c.C != nil {
			s.Confusions = append(s.Confusions, c)
		}
	}
	for i := 0; i <= 4; i++ {
		v := float64(i) / 4
		label := fmt.Sprintf("%.2g", v)
		if v > 0 && v < 1 {
			label = strings.TrimPrefix(label, "0") // ".25": narrow, so the axis title fits
		}
		s.Ticks = append(s.Ticks, htmlTick{Pos: v * plotSize, Label: label})
	}
	if m.hist == nil {
		return s
	}
	if pts, err := m.hist.ROC(); err == nil {
		var b strings.Builder
		for i, p := range pts {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%.1f,%.1f", p.FPR*plotSize, (1-p.TPR)*plotSize)
		}
		s.Points = b.String()
	}
	pos, neg := m.hist.Buckets(histBins)
	var pn, nn uint64
	for i := range pos {
		pn += pos[i]
		nn += neg[i]
	}
	if pn+nn == 0 {
		return s
	}
	// Each class as a share of itself, so a rare class stays visible.
	peak := 0.0
	share := func(c, n uint64) float64 {
		if n == 0 {
			return 0
		}
		return float64(c) / float64(n)
	}
	for i := range pos {
		peak = max(peak, share(pos[i], pn), share(neg[i], nn))
	}
	bw := float64(plotSize) / histBins
	for i := range pos {
		x := float64(i) * bw
		lo, hi := float64(i)/histBins, float64(i+1)/histBins
		for j, c := range []struct {
			n, of uint64
			class string
		}{{neg[i], nn, "neg"}, {pos[i], pn, "pos"}} {
			h := share(c.n, c.of) / peak * plotSize
			s.Bars = append(s.Bars, htmlBar{X: x + float64(j)*bw/2, Y: plotSize - h, W: bw / 2, H: h, Class: c.class,
				Title: fmt.Sprintf("%s %.2f–%.2f: %d", map[string]string{"pos": "positives", "neg": "negatives"}[c.class], lo, hi, c.n)})
		}
	}
	s.Thresholds = []htmlLine{{pol.Review * plotSize, "review"}, {pol.Flag * plotSize, "flag"}}
	return s
}

// pageTemplate is parsed on first use: only heft eval renders pages.
var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"num":     num,
		"percent": percent,
		"ci":      withCI,
		"best":    bestF1,
		"pr":      pr,
		"yesno":   yesNo,
		"reasons": reasons,
		"f1":      func(x float64) string { return fmt.Sprintf("%.1f", x) },
		"flip":    func(x float64) float64 { return plotSize - x },
		"half":    func() int { return plotSize / 2 },
		"groupsTitle": func(k string) string {
			return map[string]string{"agent": "By agent", "repo": "By repository"}[k]
		},
		"sorted": func(m map[string]int64) []string {
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			return keys
		},
	}).Funcs(effortFuncs).Parse(pageHTML + effortHTML))
})

const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>heft eval: label {{.R.Label}}{{range .R.Outcomes}}, outcome {{.Outcome}}{{end}}</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #1b1f24; background: #fff; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #d0d7de; padding-bottom: .2em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { padding: .25em .6em; border-bottom: 1px solid #eaeef2; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
th { background: #f6f8fa; white-space: normal; vertical-align: bottom; }
.wide { overflow-x: auto; }
.muted { color: #57606a; }
td.left { text-align: left; }
.cards { display: flex; flex-wrap: wrap; gap: 1.2em; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: .8em 1em; }
.card h3 { margin: 0 0 .4em; font-size: 1.1em; }
.confusion { font-size: .9em; }
.plots { display: flex; gap: .5em; }
svg text { font: 11px system-ui, sans-serif; fill: #57606a; }
.axis { stroke: #8c959f; stroke-width: 1; fill: none; }
.chance { stroke: #8c959f; stroke-dasharray: 4 4; fill: none; }
.roc { stroke: #0969da; stroke-width: 2; fill: none; }
.pos { fill: #cf222e; fill-opacity: .75; }
.neg { fill: #0969da; fill-opacity: .55; }
.thr { stroke: #1b1f24; stroke-dasharray: 2 3; }
.legend span { display: inline-block; width: .8em; height: .8em; margin: 0 .3em 0 .8em; vertical-align: -1px; }
.legend span.pos { background: #cf222e; opacity: .75; }
.legend span.neg { background: #0969da; opacity: .55; }
.iqr { stroke: #0969da; stroke-width: 6; stroke-opacity: .35; }
.median { fill: #0969da; }
.mean { stroke: #cf222e; stroke-width: 2; }
code { background: #f6f8fa; padding: 0 .2em; }
</style>
</head>
<body>
<h1>heft eval</h1>
<p>{{.R.Scored}} contributions{{with .R.Source}} from <code>{{.}}</code>{{end}}.
Label <b>{{.R.Label}}</b>: positive means <b>{{.R.Positive}}</b>.
{{.R.Labelled}} labelled: {{.R.Positives}} positive, {{.R.Negatives}} negative.
Label-bearing lines stripped before scoring: <b>{{yesno .R.Stripped}}</b>.</p>
{{if .R.Skipped}}<p>Skipped {{.R.Skipped}}: {{reasons .R.SkippedBy}}.</p>
<ul class="muted">{{range .R.SkipExamples}}<li><code>{{.}}</code></li>{{end}}</ul>{{end}}
{{range .R.Notes}}<p class="muted">Note: {{.}}</p>{{end}}
{{with .R.Calibration}}<p>Calibrated on this data (in-sample: check on other data): review at <b>{{.Policy.Review}}</b>
(false-positive rate {{num .Review.FPR}}, target {{.ReviewFPR}}; recall {{num .Review.Recall}}), flag at <b>{{.Policy.Flag}}</b>
(false-positive rate {{num .Flag.FPR}}, target {{.FlagFPR}}; recall {{num .Flag.Recall}}).</p>{{end}}

<h2>Scorers</h2>
<div class="wide"><table id="metrics">
<tr><th>scorer</th><th>coverage</th><th>n</th><th>score &gt; 0</th><th>AUC [{{.Pct}}% CI]</th><th>PR AUC [{{.Pct}}% CI]</th><th>positive rate</th><th>best F1 @ threshold</th><th>precision/recall @ {{.R.Policy.Review}}</th><th>@ {{.R.Policy.Flag}}</th></tr>
{{range .R.Scorers}}<tr><td>{{.Scorer}}</td><td>{{.Coverage.Applicable}} ({{percent .Coverage.Rate}})</td><td>{{.N}}</td><td>{{.Nonzero}}</td>
{{if .Undefined}}<td colspan="6" class="muted left">{{.Undefined}}</td>{{else}}<td>{{ci .AUC .AUCLow .AUCHigh}}</td><td>{{ci .PRAUC .PRAUCLow .PRAUCHigh}}</td><td>{{num .BaseRate}}</td><td>{{best .BestF1}}</td><td>{{pr .Review}}</td><td>{{pr .Flag}}</td>{{end}}</tr>
{{end}}</table></div>
<p class="muted">Intervals: {{.R.Bootstrap}} Poisson bootstrap replicates, seed {{.R.Seed}}. Scores are binned to 1/{{.R.Bins}}; scores in one bin count as ties.</p>

<h2>ROC curves and score histograms</h2>
<p class="legend muted">ROC: true-positive rate against false-positive rate; the dashed diagonal is chance.
Histogram: share of each class per score bucket<span class="pos"></span>positive<span class="neg"></span>negative; dotted lines: the policy's thresholds.</p>
<div class="cards">
{{range .Scorers}}<div class="card" id="scorer-{{.M.Scorer}}">
<h3>{{.M.Scorer}}</h3>
{{if .Points}}<div class="plots">
<svg class="roc-plot" width="{{$.Width}}" height="{{$.Height}}" viewBox="0 0 {{$.Width}} {{$.Height}}" role="img" aria-label="ROC curve of {{.M.Scorer}}">
<g transform="translate({{$.Margin}} 8)">
<rect class="axis" x="0" y="0" width="{{$.Size}}" height="{{$.Size}}"/>
<line class="chance" x1="0" y1="{{$.Size}}" x2="{{$.Size}}" y2="0"/>
<polyline class="roc" data-scorer="{{.M.Scorer}}" points="{{.Points}}"/>
{{range .Ticks}}<text x="{{f1 .Pos}}" y="{{$.Size}}" dy="14" text-anchor="middle">{{.Label}}</text><text x="-4" y="{{f1 (flip .Pos)}}" dy="4" text-anchor="end">{{.Label}}</text>{{end}}
<text x="{{half}}" y="{{$.Size}}" dy="28" text-anchor="middle">false-positive rate</text>
<text transform="rotate(-90)" x="-{{half}}" y="-22" text-anchor="middle">true-positive rate</text>
<text x="12" y="12" dx="4" dy="4">AUC {{num .M.AUC}}</text>
</g></svg>
<svg class="hist-plot" width="{{$.Width}}" height="{{$.Height}}" viewBox="0 0 {{$.Width}} {{$.Height}}" role="img" aria-label="score histogram of {{.M.Scorer}}">
<g transform="translate({{$.Margin}} 8)">
<rect class="axis" x="0" y="0" width="{{$.Size}}" height="{{$.Size}}"/>
{{range .Bars}}<rect class="{{.Class}}" x="{{f1 .X}}" y="{{f1 .Y}}" width="{{f1 .W}}" height="{{f1 .H}}"><title>{{.Title}}</title></rect>{{end}}
{{range .Thresholds}}<line class="thr" x1="{{f1 .X}}" y1="0" x2="{{f1 .X}}" y2="{{$.Size}}"/><text x="{{f1 .X}}" y="10" dx="3">{{.Label}}</text>{{end}}
{{range .Ticks}}<text x="{{f1 .Pos}}" y="{{$.Size}}" dy="14" text-anchor="middle">{{.Label}}</text>{{end}}
<text x="{{half}}" y="{{$.Size}}" dy="28" text-anchor="middle">score</text>
<text transform="rotate(-90)" x="-{{half}}" y="-6" text-anchor="middle">share of class</text>
</g></svg>
</div>{{else}}<p class="muted">No curve: {{with .M.Undefined}}{{.}}{{else}}a class is missing{{end}}.</p>{{end}}
{{if .M.Review}}<table class="confusion">
<tr><th>score ≥</th><th>TP</th><th>FP</th><th>FN</th><th>TN</th><th>precision</th><th>recall</th><th>FPR</th></tr>
{{range .Confusions}}<tr><td>{{.Name}} {{.C.Threshold}}</td><td>{{.C.TP}}</td><td>{{.C.FP}}</td><td>{{.C.FN}}</td><td>{{.C.TN}}</td><td>{{num .C.Precision}}</td><td>{{num .C.Recall}}</td><td>{{num .C.FPR}}</td></tr>
{{end}}</table>{{end}}
</div>
{{end}}</div>

{{template "effort" .}}
{{range .Keys}}<h2>{{groupsTitle .}}</h2>
<div class="wide"><table class="groups">
<tr><th>{{.}}</th><th>contributions</th><th>labelled</th><th>positives</th>{{range $.Names}}<th>AUC {{.}}</th>{{end}}</tr>
{{range index $.Groups .}}<tr><td>{{.Group}}</td><td>{{.Contributions}}</td><td>{{.Labelled}}</td><td>{{.Positives}}</td>{{range .Scorers}}<td>{{num .AUC}}</td>{{end}}</tr>
{{end}}</table></div>
{{end}}
<p class="muted">{{.R.Throughput}}. Generated by heft eval; this page loads nothing from the network.</p>
</body>
</html>
`
