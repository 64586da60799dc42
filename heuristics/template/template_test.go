package template_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/heuristicstest"
	"github.com/heft-dev/heft/heuristics/template"
	"github.com/heft-dev/heft/internal/scorertest"
)

// prTemplate is a pull request template in the shape most projects use:
// instructions in comments, a visible prompt, a type-of-change choice and
// a checklist.
const prTemplate = `## Description

<!-- Describe your change and why it is needed. -->
Please include a summary of the change.

Fixes # (issue)

## Type of change

- [ ] Bug fix
- [ ] New feature
- [ ] Breaking change

## How has this been tested?

## Checklist

- [ ] I have read the contributing guide
- [ ] I have added tests
`

// filled is prTemplate filled in by a careful first-timer.
const filled = `## Description

The retry loop kept sleeping after the caller's context was cancelled;
it now returns ctx.Err() at once.

Fixes #412

## Type of change

- [x] Bug fix
- [ ] New feature
- [ ] Breaking change

## How has this been tested?

A new test cancels the context during the second attempt.

## Checklist

- [x] I have read the contributing guide
- [x] I have added tests
`

func contribution(body string) *heuristics.Contribution {
	return &heuristics.Contribution{Title: "retry: stop when the context is cancelled", Body: body, Template: prTemplate}
}

func TestScore(t *testing.T) {
	cases := []struct {
		name  string // and why
		cfg   template.Config
		body  string
		rules []string
		check func(float64) bool
	}{
		{"filled in by the author: nothing to say", template.Config{}, filled, nil, scorertest.Zero},
		{"filled in with other heading levels, case and a colon: same sections", template.Config{},
			strings.NewReplacer("## Description", "# description:", "## Checklist", "### **CHECKLIST**").Replace(filled), nil, scorertest.Zero},
		{"the template as it was: untouched, nothing else reported", template.Config{}, prTemplate,
			[]string{template.RuleUntouched}, func(s float64) bool { return s == 0.45 }},
		{"an empty description", template.Config{}, "  \n", []string{template.RuleUntouched}, func(s float64) bool { return s == 0.45 }},
		{"two words of the author's own: barely touched", template.Config{}, strings.Replace(prTemplate, "## How has this been tested?\n", "## How has this been tested?\n\nIt works\n", 1),
			[]string{template.RuleUntouched}, func(s float64) bool { return s == 0.3 }},
		{"ticking boxes is not writing", template.Config{}, strings.ReplaceAll(prTemplate, "- [ ]", "- [x]"),
			[]string{template.RuleUntouched}, func(s float64) bool { return s > 0 }},
		{"a good description without the template's headings: missing sections, capped under review", template.Config{},
			"The retry loop kept sleeping after the caller's context was cancelled. It now returns at once.\n\nFixes #412\n",
			[]string{template.RuleMissingSection, template.RuleMissingSection, template.RuleMissingSection, template.RuleMissingSection},
			func(s float64) bool { return s == 0.3 }},
		{"optional sections may go", template.Config{Optional: []string{"type of change", "How has this been tested?", "Checklist"}},
			"## Description\n\nThe retry loop now stops when the context is cancelled.\n", nil, scorertest.Zero},
		{"a kept section with only the template's prompt is empty; the prompt left elsewhere is a placeholder", template.Config{},
			strings.Replace(filled, "A new test cancels the context during the second attempt.\n", "", 1),
			[]string{template.RuleEmptySection}, func(s float64) bool { return s == 0.05 }},
		{"no box ticked in a checklist", template.Config{}, strings.ReplaceAll(filled, "- [x]", "- [ ]"),
			[]string{template.RuleCheckboxes, template.RuleCheckboxes}, func(s float64) bool { return s == 0.2 }},
		{"a checklist removed", template.Config{}, strings.Replace(filled, "- [x] I have read the contributing guide\n- [x] I have added tests\n", "Done.\n", 1),
			[]string{template.RuleCheckboxes}, func(s float64) bool { return s == 0.1 }},
		{"strict section with an unticked box", template.Config{Strict: []string{"checklist"}},
			strings.Replace(filled, "- [x] I have added tests", "- [ ] I have added tests", 1),
			[]string{template.RuleStrict}, func(s float64) bool { return s == 0.5 }},
		{"strict section missing", template.Config{Strict: []string{"Checklist"}},
			filled[:strings.Index(filled, "## Checklist")], []string{template.RuleStrict}, func(s float64) bool { return s == 0.5 }},
		{"strict section with a box removed and one unticked", template.Config{Strict: []string{"Checklist"}},
			strings.Replace(filled, "- [x] I have read the contributing guide\n- [x] I have added tests\n", "- [ ] I have added tests\n", 1),
			[]string{template.RuleStrict, template.RuleStrict}, func(s float64) bool { return s == 0.75 }},
		{"strict section the template does not have is ignored", template.Config{Strict: []string{"Licence"}}, filled, nil, scorertest.Zero},
		{"extra sections are allowed by default", template.Config{}, filled + "\n## Benchmarks\n\nNo change.\n\n## Notes\n\nNone.\n", nil, scorertest.Zero},
		{"extra sections over the limit", template.Config{MaxExtraSections: 1}, filled + "\n## Benchmarks\n\nNo change.\n\n## Notes\n\nNone.\n",
			[]string{template.RuleExtraSections, template.RuleExtraSections}, func(s float64) bool { return s == 0.2 }},
		{"the template's prompt left next to the author's words", template.Config{},
			strings.Replace(filled, "Fixes #412\n", "Please include a summary of the change.\n\nFixes #412\n", 1),
			[]string{template.RulePlaceholder}, func(s float64) bool { return s == 0.05 }},
		{"TODO where a section asks for words: placeholder, not the author's words", template.Config{},
			strings.Replace(filled, "A new test cancels the context during the second attempt.", "TODO", 1),
			[]string{template.RulePlaceholder}, func(s float64) bool { return s == 0.05 }},
		{"n/a under a section that does not apply is an answer", template.Config{},
			strings.Replace(filled, "A new test cancels the context during the second attempt.", "N/A", 1), nil, scorertest.Zero},
		{"placeholder text alone is an untouched template", template.Config{},
			strings.Replace(prTemplate, "## How has this been tested?\n", "## How has this been tested?\n\nTODO\n\nLorem ipsum dolor sit amet.\n", 1),
			[]string{template.RuleUntouched}, func(s float64) bool { return s == 0.45 }},
		{"a '# heading' in a code block is code, not a section", template.Config{MaxExtraSections: 1},
			filled + "\n```sh\n# Extra one\n# Extra two\n```\n", nil, scorertest.Zero},
		{"severity raises a rule", template.Config{Severity: map[string]float64{template.RuleUntouched: 0.9}}, prTemplate,
			[]string{template.RuleUntouched}, func(s float64) bool { return s == 0.9 }},
		{"severity 0 shows without counting", template.Config{Severity: map[string]float64{template.RuleCheckboxes: 0}}, strings.ReplaceAll(filled, "- [x]", "- [ ]"),
			[]string{template.RuleCheckboxes, template.RuleCheckboxes}, scorertest.Zero},
		{"a disabled rule stays quiet", template.Config{Disable: []string{template.RuleUntouched}}, prTemplate, nil, scorertest.Zero},
		{"CRLF line ends read the same", template.Config{}, strings.ReplaceAll(filled, "\n", "\r\n"), nil, scorertest.Zero},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := template.New(tc.cfg)
			require.NoError(t, err)
			res, err := s.Score(context.Background(), contribution(tc.body))
			require.NoError(t, err)
			assert.Equal(t, tc.rules, scorertest.Rules(res), "%+v", res.Evidence)
			assert.True(t, tc.check(res.Score), "score %v", res.Score)
			require.NoError(t, heuristics.CheckResult(res))
			if len(res.Evidence) > 0 && res.Score > 0 {
				assert.NotEmpty(t, res.Advice)
			}
			for _, e := range res.Evidence {
				assert.NotEmpty(t, e.Message)
				assert.Equal(t, heuristics.FieldBody, e.Field)
			}
		})
	}
}

// TestTemplateLineWithInlineComment: a template line that carries an
// inline comment ("Closes: # <!-- the issue -->") left as it was, comment
// and all or without it, is the template's text, not the author's words.
func TestTemplateLineWithInlineComment(t *testing.T) {
	tmpl := "### Related issue\n\nCloses: # <!-- Replace with the issue number -->\n\n### Description\n\n<!-- What and why. -->\n"
	s, err := template.New(template.Config{})
	require.NoError(t, err)
	for _, body := range []string{tmpl, strings.Replace(tmpl, " <!-- Replace with the issue number -->", "", 1)} {
		res, err := s.Score(context.Background(), &heuristics.Contribution{Template: tmpl, Body: body})
		require.NoError(t, err)
		assert.Equal(t, []string{template.RuleUntouched}, scorertest.Rules(res))
		assert.Equal(t, 0.45, res.Score, "nothing of the author's: %+v", res.Evidence)
	}
}

// TestPlaceholderEvidenceIsCapped: a template of many instructions left
// in gives five findings, each saying how many lines there are.
func TestPlaceholderEvidenceIsCapped(t *testing.T) {
	var tmpl strings.Builder
	tmpl.WriteString("## Notes\n\n")
	for i := range 12 {
		fmt.Fprintf(&tmpl, "Instruction number %d for the author.\n\n", i)
	}
	s, err := template.New(template.Config{})
	require.NoError(t, err)
	res, err := s.Score(context.Background(), &heuristics.Contribution{Template: tmpl.String(), Body: tmpl.String() + "The author's own account of the change.\n"})
	require.NoError(t, err)
	require.Len(t, res.Evidence, 5)
	assert.Contains(t, res.Evidence[0].Message, "one of 12 such lines")
	assert.Equal(t, 0.15, res.Score)
}

func TestEvidenceLocates(t *testing.T) {
	s, err := template.New(template.Config{Strict: []string{"Checklist"}})
	require.NoError(t, err)
	body := strings.Replace(filled, "- [x] I have added tests", "- [ ] I have added tests", 1)
	res, err := s.Score(context.Background(), contribution(body))
	require.NoError(t, err)
	require.Len(t, res.Evidence, 1)
	e := res.Evidence[0]
	assert.Equal(t, 21, e.Line, "the unticked box's line")
	assert.Equal(t, "- [ ] I have added tests", e.Snippet)
	assert.Contains(t, e.Message, `"I have added tests"`)
	assert.Contains(t, res.Advice, `tick each box under "Checklist"`)
}

func TestNotApplicable(t *testing.T) {
	s, err := template.New(template.Config{})
	require.NoError(t, err)
	for name, c := range map[string]*heuristics.Contribution{
		"no template":            {Body: filled},
		"blank template":         {Body: filled, Template: " \n\t\n"},
		"a template of comments": {Body: filled, Template: "<!-- Thanks for contributing! -->\n"},
		"empty contribution":     {},
	} {
		_, err := s.Score(context.Background(), c)
		assert.ErrorIs(t, err, heuristics.ErrNotApplicable, name)
	}
}

func TestTooLarge(t *testing.T) {
	s, err := template.New(template.Config{MaxBytes: 1024})
	require.NoError(t, err)
	_, err = s.Score(context.Background(), contribution(strings.Repeat("word ", 400)))
	require.ErrorIs(t, err, template.ErrTooLarge)
	assert.Contains(t, err.Error(), "template: description:")
	c := contribution(filled)
	c.Template = strings.Repeat("## Heading\n", 200)
	_, err = s.Score(context.Background(), c)
	require.ErrorIs(t, err, template.ErrTooLarge)
	assert.Contains(t, err.Error(), "template: template:")
}

func TestBadConfig(t *testing.T) {
	for name, tc := range map[string]struct {
		cfg   template.Config
		field string
	}{
		"negative extra sections":  {template.Config{MaxExtraSections: -1}, "max_extra_sections"},
		"negative own words":       {template.Config{MinOwnWords: -2}, "min_own_words"},
		"negative max bytes":       {template.Config{MaxBytes: -1}, "max_bytes"},
		"empty optional heading":   {template.Config{Optional: []string{"Notes", " ## "}}, "optional[1]"},
		"strict and optional":      {template.Config{Optional: []string{"checklist"}, Strict: []string{"Checklist:"}}, "strict[0]"},
		"severity of unknown rule": {template.Config{Severity: map[string]float64{"template-old": 0.5}}, "severity"},
		"severity above 1":         {template.Config{Severity: map[string]float64{template.RuleStrict: 1.5}}, "severity"},
		"severity NaN":             {template.Config{Severity: map[string]float64{template.RuleStrict: nan()}}, "severity"},
		"unknown rule disabled":    {template.Config{Disable: []string{"template-nope"}}, "disable[0]"},
	} {
		_, err := template.New(tc.cfg)
		require.ErrorIs(t, err, heuristics.ErrInvalidConfig, name)
		var ce *template.ConfigError
		require.ErrorAs(t, err, &ce, name)
		assert.Equal(t, tc.field, ce.Field, name)
	}
}

func nan() float64 { var z float64; return z / z }

func TestConformance(t *testing.T) {
	s, err := template.New(template.Config{Strict: []string{"Checklist"}, MaxExtraSections: 1})
	require.NoError(t, err)
	heuristicstest.Run(t, s,
		contribution(filled),
		contribution(prTemplate),
		contribution(""),
		contribution("## Notes\n\nx\n\n## More\n\ny\n"),
		contribution(strings.ReplaceAll(filled, "- [x]", "- [ ]")),
	)
}

func TestRulesDocumented(t *testing.T) {
	s, err := template.New(template.Config{})
	require.NoError(t, err)
	heuristicstest.CheckDeclared(t, s.Rules())
}

// TestTemplatesAlternate: the scorer caches the template it read last;
// a different template in between must not be answered from the cache.
func TestTemplatesAlternate(t *testing.T) {
	s, err := template.New(template.Config{})
	require.NoError(t, err)
	other := "## Motivation\n\n## Changes\n"
	for range 3 {
		res, err := s.Score(context.Background(), contribution(filled))
		require.NoError(t, err)
		assert.Zero(t, res.Score)
		res, err = s.Score(context.Background(), &heuristics.Contribution{Template: other, Body: filled})
		require.NoError(t, err)
		assert.Equal(t, []string{template.RuleMissingSection, template.RuleMissingSection}, scorertest.Rules(res))
	}
}

func TestPlaceholderOnlyMessage(t *testing.T) {
	s, err := template.New(template.Config{})
	require.NoError(t, err)
	res, err := s.Score(context.Background(), contribution(strings.Replace(prTemplate, "## How has this been tested?\n", "## How has this been tested?\n\nTODO\n", 1)))
	require.NoError(t, err)
	require.Len(t, res.Evidence, 1)
	assert.Equal(t, `The description holds only placeholder text ("TODO") where the template asks for a description.`, res.Evidence[0].Message)
}

func TestCheckboxesPlural(t *testing.T) {
	s, err := template.New(template.Config{})
	require.NoError(t, err)
	body := strings.NewReplacer("- [x] I have read", "- [ ] I have read", "- [x] I have added", "- [ ] I have added").Replace(filled)
	res, err := s.Score(context.Background(), contribution(body))
	require.NoError(t, err)
	var msgs []string
	for _, e := range res.Evidence {
		msgs = append(msgs, e.Message)
	}
	assert.Contains(t, strings.Join(msgs, "\n"), "None of the 2 checkboxes", "checkboxes, not checkboxs")

	body = strings.Replace(filled, "- [x] I have read the contributing guide\n- [x] I have added tests\n", "Read the guide and added tests.\n", 1)
	res, err = s.Score(context.Background(), contribution(body))
	require.NoError(t, err)
	msgs = nil
	for _, e := range res.Evidence {
		msgs = append(msgs, e.Message)
	}
	assert.Contains(t, strings.Join(msgs, "\n"), "has none of the template's 2 checkboxes.")
}

// TestAdviceJoinsSections checks that advice names the missing sections
// in one phrase and counts the points it leaves out, rather than
// repeating "add the … section" for each.
func TestAdviceJoinsSections(t *testing.T) {
	tmpl := "## Summary\n\nWhat and why.\n\n## Changes\n\nList them.\n\n## Testing\n\nHow.\n\n## Notes\n\nAnything else.\n"
	body := "## Other\n\nThe parser now rejects a trailing comma in a list, which it used to accept silently and then mis-read.\n"
	s, err := template.New(template.Config{})
	require.NoError(t, err)
	res, err := s.Score(context.Background(), &heuristics.Contribution{Title: "parser: reject trailing comma", Body: body, Template: tmpl})
	require.NoError(t, err)
	assert.Contains(t, res.Advice, `add the "Summary", "Changes", "Testing" and "Notes" sections`)
	assert.NotContains(t, res.Advice, "; add the")
	assert.NotContains(t, res.Advice, "see the other points")
}

// TestSectionTitleQuotedAsProse: a section title with double quotes is
// quoted as prose quotes it, inner quotes single, not with Go's
// backslashes.
func TestSectionTitleQuotedAsProse(t *testing.T) {
	s, err := template.New(template.Config{})
	require.NoError(t, err)
	c := &heuristics.Contribution{
		Template: "## Summary\n\n## Why \"now\"\n",
		Body:     "## Summary\n\nThe loader reads the timeout as a number, so old configuration files keep working.\n",
	}
	res, err := s.Score(context.Background(), c)
	require.NoError(t, err)
	var msgs []string
	for _, e := range res.Evidence {
		msgs = append(msgs, e.Message)
	}
	assert.Equal(t, []string{`The description has no "Why 'now'" section, which the pull request template asks for.`}, msgs)
	assert.Contains(t, res.Advice, `add the "Why 'now'" section`)
}
