package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/examples/internal/render"
	"github.com/heft-dev/heft/heuristics"
)

// report is a realistic report: a large change whose author has not
// answered a question, with evidence on files and on the timeline.
func report() *heuristics.Report {
	return &heuristics.Report{
		Verdict: heuristics.VerdictReview,
		Score:   0.66,
		Results: []heuristics.Result{
			{
				Scorer: "size", Score: 0.42, Summary: "size/XL: 640 reviewable changed lines (+600 −40) in 7 files.",
				Advice: "This pull request changes 640 reviewable lines. 580 of them are in internal/store/; consider sending that part on its own.",
				Evidence: []heuristics.Evidence{
					{Rule: "size-lines", Message: "640 reviewable lines changed; review gets harder past 200 lines.", Field: heuristics.FieldDiff},
					{Rule: "size-largest-file", Message: "internal/store/store_impl.go: +580 −0 (source).", Field: heuristics.FieldDiff, Path: "internal/store/store_impl.go"},
				},
				Labels: []string{"size/XL"},
			},
			{
				Scorer: "engagement", Score: 0.59, Summary: "@maint's question of 3 May has waited 9 days for @ada; past 7 days, it can be labelled \"awaiting author\".",
				Advice: `@ada, the comment on 3 May asked "What happens on the error path?"; could you answer so this can move forward?`,
				Evidence: []heuristics.Evidence{{
					Rule: "engagement-unanswered-question", Field: heuristics.FieldTimeline,
					Message: "@maint asked on 2026-05-03 10:00 UTC (9 days ago); no reply from @ada since.",
					Snippet: "What happens on the error path?",
				}},
				Labels: []string{"awaiting author"},
			},
		},
		NotApplicable: []string{"verbosity"},
		Labels:        []string{"size/XL", "awaiting author"},
	}
}

func TestMarkdown(t *testing.T) {
	md, truncated := render.Markdown(report(), render.Options{Marker: true})
	assert.False(t, truncated)
	assert.True(t, strings.HasPrefix(md, render.Marker+"\n"), "the sticky comment is found by its first line")
	for _, want := range []string{
		"### 🔍 heft: review (score 0.66)",
		"| size | 0.42 | size/XL: 640 reviewable changed lines (+600 −40) in 7 files. |",
		"<details><summary>Evidence for size (2)</summary>",
		"- `size-largest-file` `internal/store/store_impl.go`: internal/store/store\\_impl.go: +580 −0 (source).",
		"<details><summary>Evidence for engagement (1)</summary>",
		"<br>`What happens on the error path?`",
		"**engagement**: @ada, the comment on 3 May asked \"What happens on the error path?\"",
		"Not applicable: verbosity.",
		"Labels: `size/XL`, `awaiting author`",
	} {
		assert.Contains(t, md, want)
	}
	assert.Equal(t, strings.Count(md, "<details>"), strings.Count(md, "</details>"), "every details block is closed")

	plain, _ := render.Markdown(report(), render.Options{})
	assert.NotContains(t, plain, render.Marker, "a step summary needs no marker")
}

func TestMarkdownEscapesPullRequestText(t *testing.T) {
	rep := report()
	rep.Results[0].Evidence = append(rep.Results[0].Evidence, heuristics.Evidence{
		Rule: "size-largest-file", Field: heuristics.FieldDiff, Path: "docs/<script>|x`y.md",
		Message: "docs/<script>|x.md: [click](https://evil.example) <img src=x>",
		Snippet: "@everyone see ``this`` | </details>",
	})
	md, _ := render.Markdown(rep, render.Options{})
	assert.Contains(t, md, "docs/&lt;script&gt;\\|x.md: \\[click\\](https://evil.example) &lt;img src=x&gt;",
		"prose from the pull request is escaped: no HTML, no links")
	assert.Contains(t, md, "`` docs/<script>¦x`y.md ``", "a path is quoted verbatim in a code span, which renders no HTML")
	assert.Contains(t, md, "``` @everyone see ``this`` ¦ </details> ```", "a quote stays verbatim inside a code span")
	assert.Equal(t, 2, strings.Count(md, "\n</details>\n"), "a quoted </details> is inside a code span, not a block's end")
}

func TestMarkdownTruncates(t *testing.T) {
	rep := report()
	for i := range 3000 {
		rep.Results[0].Evidence = append(rep.Results[0].Evidence, heuristics.Evidence{
			Rule: "size-largest-file", Field: heuristics.FieldDiff, Path: strings.Repeat("deep/", 10) + "file.go",
			Message: strings.Repeat("a long message ", 5), Line: i + 1,
		})
	}
	md, truncated := render.Markdown(rep, render.Options{Marker: true})
	require.True(t, truncated)
	assert.LessOrEqual(t, len(md), render.DefaultMaxBytes)
	assert.Contains(t, md, "This report was truncated to fit GitHub's limit")
	assert.Contains(t, md, "Labels: `size/XL`", "the end of the report survives truncation")
	assert.Equal(t, strings.Count(md, "<details>"), strings.Count(md, "</details>"))

	small, truncated := render.Markdown(rep, render.Options{MaxBytes: 2000})
	assert.True(t, truncated)
	assert.LessOrEqual(t, len(small), 2000)

	rep.Results[0].Advice = strings.Repeat("é", 40000)
	huge, truncated := render.Markdown(rep, render.Options{})
	assert.True(t, truncated)
	assert.LessOrEqual(t, len(huge), render.DefaultMaxBytes)
	assert.True(t, strings.HasSuffix(huge, "*This report was truncated to fit GitHub's limit.*\n"))
}

func TestMarkdownEmpty(t *testing.T) {
	md, truncated := render.Markdown(&heuristics.Report{NotApplicable: []string{"size"}}, render.Options{})
	assert.False(t, truncated)
	assert.Contains(t, md, "heft: unknown (score 0.00)")
	assert.Contains(t, md, "No scorer had anything to say")
}

func TestGitHub(t *testing.T) {
	rep := report()
	rep.Results[0].Evidence = append(rep.Results[0].Evidence,
		heuristics.Evidence{Rule: "workaround-monkeypatch", Message: "Patches requests.get at import: 100% local,\nnot upstream.",
			Field: heuristics.FieldDiff, Path: "app/patch,es:v2.py", Line: 12, Snippet: "requests.get = _get\r"},
		heuristics.Evidence{Rule: "size-largest-file", Message: "deleted here", Field: heuristics.FieldDiff,
			Path: "old.go", Line: 7, Side: heuristics.SideOld},
	)
	var b bytes.Buffer
	require.NoError(t, render.GitHub(&b, rep))
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	assert.Equal(t, []string{
		"::warning title=heft%3A review::heft: review (score 0.66)%0Asize 0.42: size/XL: 640 reviewable changed lines (+600 −40) in 7 files.%0Aengagement 0.59: @maint's question of 3 May has waited 9 days for @ada; past 7 days, it can be labelled \"awaiting author\".",
		"::warning file=internal/store/store_impl.go,title=heft size-largest-file::internal/store/store_impl.go: +580 −0 (source).",
		"::warning file=app/patch%2Ces%3Av2.py,line=12,title=heft workaround-monkeypatch::Patches requests.get at import: 100%25 local,%0Anot upstream.%0Arequests.get = _get",
		"::warning file=old.go,title=heft size-largest-file::deleted here",
	}, lines, "one annotation per located piece of evidence; old-side lines have no line on the new file")

	var pass bytes.Buffer
	require.NoError(t, render.GitHub(&pass, &heuristics.Report{Verdict: heuristics.VerdictPass,
		Results: []heuristics.Result{{Scorer: "size", Summary: "size/XS"}}}))
	assert.Equal(t, "::notice title=heft%3A pass::heft: pass (score 0.00)\n", pass.String())
}

// TestExempt: an exempt report leads with its reason, and nothing in it
// reads as a finding to act on (no verdict heading, no warnings).
func TestExempt(t *testing.T) {
	rep := report()
	rep.Exempt = "the author is a member of the organisation that owns the repository"
	md, _ := render.Markdown(rep, render.Options{})
	assert.True(t, strings.HasPrefix(md, "### ⏭️ heft: exempt (score 0.66, not acted on)\n\n"+
		"**Exempt**: the author is a member of the organisation that owns the repository. The scores below are for reading; the verdict (review) is not acted on."), md)
	assert.NotContains(t, md, "heft: review")
	assert.Contains(t, md, "| size | 0.42 |", "the numbers are still there to read")

	var b bytes.Buffer
	require.NoError(t, render.GitHub(&b, rep))
	assert.True(t, strings.HasPrefix(b.String(),
		"::notice title=heft%3A exempt::heft: exempt: the author is a member of the organisation that owns the repository (score 0.66, verdict review not acted on)"), b.String())
	assert.NotContains(t, b.String(), "::warning")
}

func BenchmarkMarkdown(b *testing.B) {
	rep := report()
	for i := range 200 {
		rep.Results[0].Evidence = append(rep.Results[0].Evidence, heuristics.Evidence{
			Rule: "size-largest-file", Field: heuristics.FieldDiff, Path: "internal/pkg/file.go", Line: i + 1,
			Message: "internal/pkg/file.go: +120 −4 (source).", Snippet: "func handler(w http.ResponseWriter, r *http.Request) {",
		})
	}
	md, _ := render.Markdown(rep, render.Options{Marker: true})
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		render.Markdown(rep, render.Options{Marker: true})
	}
}
