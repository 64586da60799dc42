package template_test

import (
	"context"
	"fmt"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/heuristics/template"
)

// A description that kept the template's headings but ticked nothing in
// the checklist the maintainers require, and left a section empty.
func Example() {
	s, err := template.New(template.Config{Strict: []string{"Checklist"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := s.Score(context.Background(), &heuristics.Contribution{
		Template: "## What\n\n## Testing\n\nHow did you test it?\n\n## Checklist\n\n- [ ] I signed the CLA\n- [ ] I ran the tests\n",
		Body:     "## What\n\nParse dates in the user's time zone.\n\n## Testing\n\nHow did you test it?\n\n## Checklist\n\n- [x] I signed the CLA\n- [ ] I ran the tests\n",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f %s\n", res.Score, res.Summary)
	for _, e := range res.Evidence {
		fmt.Printf("%s line %d: %s\n", e.Rule, e.Line, e.Message)
	}
	fmt.Println(res.Advice)
	// Output:
	// 0.53 Compared with the pull request template: a section left empty; a required section or checkbox missing or not ticked.
	// template-empty-section line 5: The "Testing" section holds nothing but the template's own text.
	// template-strict line 12: The checkbox "I ran the tests" in the "Checklist" section is not ticked; the maintainers require it.
	// The project's pull request template helps maintainers review. Please write something under "Testing" (or "n/a" if it does not apply); tick each box under "Checklist" (once it is true).
}
