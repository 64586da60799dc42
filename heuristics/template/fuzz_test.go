package template_test

import (
	"context"
	"testing"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/template"
)

// FuzzTemplate feeds a template and a description from the fuzzer through
// the scorer: it must never panic, and what it returns must keep the
// Scorer contract.
func FuzzTemplate(f *testing.F) {
	f.Add(prTemplate, filled)
	f.Add(prTemplate, prTemplate)
	f.Add("## A\n- [ ] x\n- [ ] y\n", "## a:\n> - [X] x\n1. [x] y\n```\n## A\n```\n")
	f.Add("Title\n=====\n\n<!-- -->\n", "title\n---\n<details><summary>## A</summary>\n\n- [x]\n</details>\n")
	s, err := template.New(template.Config{Strict: []string{"a", "checklist"}, Optional: []string{"b"}, MaxExtraSections: 1})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, tmpl, body string) {
		res, err := s.Score(context.Background(), &heuristics.Contribution{Template: tmpl, Body: body})
		if err != nil {
			return
		}
		if err := heuristics.CheckResult(res); err != nil {
			t.Fatalf("%v: %+v", err, res)
		}
		for _, e := range res.Evidence {
			if len([]rune(e.Snippet)) > 200 {
				t.Fatalf("snippet of %d runes", len([]rune(e.Snippet)))
			}
		}
	})
}
