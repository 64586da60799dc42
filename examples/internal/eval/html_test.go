package eval

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics/standard"
)

// fixtureResult evaluates the JSON Lines fixture with the default set,
// plus a record whose repository name is an HTML injection attempt.
func fixtureResult(t *testing.T) *Result {
	t.Helper()
	f, err := os.Open("testdata/contributions.jsonl")
	require.NoError(t, err)
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	res, err := Run(context.Background(), set, &records{items: append(drainAll(t, NewJSONLines(f, "contributions.jsonl", 0)),
		&Record{Title: "x", AI: new(false), Repo: `<script>alert("repo")</script>`, Pos: "injected"})}, Options{Label: LabelAI})
	require.NoError(t, err)
	res.Source = "contributions.jsonl"
	return res
}

func drainAll(t *testing.T, src Source) []any {
	recs, skips := drain(t, src)
	var out []any
	for _, s := range skips {
		out = append(out, s)
	}
	for _, r := range recs {
		out = append(out, r)
	}
	return out
}

// curveNames are the scorers a report should draw a ROC curve for: those
// whose AUC is defined. The default set grows as scorers land.
func curveNames(res *Result) []string {
	var names []string
	for _, m := range res.Scorers {
		if m.Undefined == "" {
			names = append(names, m.Scorer)
		}
	}
	return names
}

func TestHTMLIsSelfContained(t *testing.T) {
	var b bytes.Buffer
	res := fixtureResult(t)
	require.NoError(t, res.WriteHTML(&b))
	page := b.String()
	assert.NotContains(t, page, "<script", "no scripts, and data is escaped")
	assert.Contains(t, page, "&lt;script&gt;alert(&#34;repo&#34;)&lt;/script&gt;")
	assert.NotRegexp(t, `(?i)(src|href)\s*=\s*["']?(https?:)?//`, page, "nothing loaded from the network")
	assert.NotContains(t, page, "@import")
	names := curveNames(res)
	require.Contains(t, names, "size")
	require.Contains(t, names, Combined)
	assert.Equal(t, len(names), strings.Count(page, `<polyline class="roc"`), "a ROC curve per scorer with an AUC, and for the combined score")
	assert.Contains(t, page, `data-scorer="size"`)
	assert.Contains(t, page, "Label-bearing lines stripped before scoring: <b>no</b>")
	assert.Equal(t, len(names), strings.Count(page, `<table class="confusion">`), "a confusion matrix per scorer with labelled scores")
	assert.Contains(t, page, "<td>review 0.5</td><td>0</td><td>1</td><td>3</td><td>1</td>", "size at 0.5 flags only the 900-line human change")
	assert.Contains(t, page, "contributions.jsonl:6: bad-diff")
}

// chromium returns the path of a Chromium binary. Without one the test
// is skipped, except in CI (CI=true), where it fails: .ci/chromium.sh
// installs it.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; run .ci/chromium.sh")
	}
	t.Skip("chromium is not installed (.ci/chromium.sh installs it); the HTML report is not rendered")
	return ""
}

// runChromium runs headless Chromium with a fresh profile and no network
// services, and returns its standard output.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "chromium: %s", stderr.String())
	return out
}

func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	f, err := os.Create(page)
	require.NoError(t, err)
	res := fixtureResult(t)
	require.NoError(t, res.WriteHTML(f))
	require.NoError(t, f.Close())
	url := "file://" + filepath.ToSlash(page)

	// The DOM as Chromium built it: the curves and bars are there, with
	// the points the report computed.
	dom := string(runChromium(t, bin, "--dump-dom", url))
	require.Contains(t, dom, "<h1>heft eval</h1>")
	curves := regexp.MustCompile(`<polyline class="roc" data-scorer="([a-z-]+)" points="([^"]+)"`).FindAllStringSubmatch(dom, -1)
	var got []string
	for _, c := range curves {
		got = append(got, c[1])
		assert.True(t, strings.HasPrefix(c[2], fmt.Sprintf("0.0,%d.0 ", plotSize)), "the curve starts at (0, 0): %s", c[2])
		assert.True(t, strings.HasSuffix(c[2], fmt.Sprintf(" %d.0,0.0", plotSize)), "and ends at (1, 1): %s", c[2])
	}
	assert.Equal(t, curveNames(res), got)
	size, _ := res.Scorer("size")
	pts, err := size.Hist().ROC()
	require.NoError(t, err)
	assert.Equal(t, len(pts), strings.Count(curves[0][2], ","), "one point per threshold")
	assert.Equal(t, 2*histBins*len(curves), strings.Count(dom, `<rect class="pos"`)+strings.Count(dom, `<rect class="neg"`),
		"a bar per class and bucket, for each scorer")
	assert.Contains(t, dom, "<td>0.333 [", "size's AUC on the fixture, computed by hand in TestRunOnFixture")

	// A screenshot: Chromium laid the page out and painted it.
	shot := filepath.Join(dir, "report.png")
	runChromium(t, bin, "--screenshot="+shot, "--window-size=1200,1600", url)
	png, err := os.ReadFile(shot)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")), "a PNG file")
	assert.Greater(t, len(png), 20_000, "a page with text and drawings, not a blank")
}

// effortResult evaluates records carrying effort outcomes and agents.
func effortResult(t *testing.T) *Result {
	t.Helper()
	set, err := standard.New(standard.Config{})
	require.NoError(t, err)
	items := effortRecords(40)
	for _, it := range items[:10] {
		it.(*Record).Agent = "Devin"
	}
	res, err := Run(context.Background(), set, &records{items: items},
		Options{Label: LabelAI, Bootstrap: 50, Outcomes: []Outcome{OutcomeReviewComments, OutcomeTimeToClose}, AsOpened: true, AgentID: true})
	require.NoError(t, err)
	return res
}

// effortPlots are the scorers an outcome's section should plot: those
// with a score on some contribution carrying it.
func effortPlots(o OutcomeMetrics) []string {
	var names []string
	for _, c := range o.Scorers {
		if len(c.Bins) > 0 {
			names = append(names, c.Scorer)
		}
	}
	return names
}

func TestEffortHTML(t *testing.T) {
	res := effortResult(t)
	var b bytes.Buffer
	require.NoError(t, res.WriteHTML(&b))
	page := b.String()
	assert.NotContains(t, page, "<script")
	assert.NotContains(t, page, "NaN")
	assert.Contains(t, page, "<h2>Effort outcomes</h2>")
	assert.Contains(t, page, `<table class="outcome" data-outcome="review_comments">`)
	assert.Contains(t, page, "undefined: the outcome is the same (5) for all 40")
	want := len(effortPlots(res.Outcomes[0])) + len(effortPlots(res.Outcomes[1]))
	assert.Equal(t, want, strings.Count(page, `<svg class="effort-plot"`), "a plot per scorer with scores, per outcome")
	assert.Contains(t, page, `<table id="agent-id">`)
	assert.Contains(t, page, "<td>Devin</td><td>devin</td><td>10</td>")
}

func TestEffortHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "effort.html")
	f, err := os.Create(page)
	require.NoError(t, err)
	res := effortResult(t)
	require.NoError(t, res.WriteHTML(f))
	require.NoError(t, f.Close())
	url := "file://" + filepath.ToSlash(page)

	dom := string(runChromium(t, bin, "--dump-dom", url))
	plots := regexp.MustCompile(`<svg class="effort-plot" data-scorer="([a-z-]+)"`).FindAllStringSubmatch(dom, -1)
	var got []string
	for _, p := range plots {
		got = append(got, p[1])
	}
	assert.Equal(t, append(effortPlots(res.Outcomes[0]), effortPlots(res.Outcomes[1])...), got, "the plots Chromium built, in order")
	verbosity := res.Outcomes[0].Scorers[slices.IndexFunc(res.Outcomes[0].Scorers, func(c Correlation) bool { return c.Scorer == "verbosity" })]
	bins := 0
	for _, o := range res.Outcomes {
		for _, c := range o.Scorers {
			bins += len(c.Bins)
		}
	}
	assert.Equal(t, bins, strings.Count(dom, `<g class="bin"`), "a group per non-empty score bin")
	assert.Equal(t, bins, strings.Count(dom, `<circle class="median"`))
	assert.Greater(t, len(verbosity.Bins), 1, "the verbosity scores spread over several bins")
	assert.Contains(t, dom, "ρ "+num(verbosity.Spearman))
	// TestHTMLInChromium already checks that the page paints; one
	// Chromium start is enough here.
}
