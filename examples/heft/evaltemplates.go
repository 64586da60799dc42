package main

import (
	"fmt"
	"strings"

	"github.com/heft-dev/heft/examples/internal/eval"
	"github.com/heft-dev/heft/internal/lazyre"
)

// Bounds of templateLearner's memory: comments longer than
// maxLearnedComment bytes are not counted, and each repository keeps at
// most maxCommentsPerRepo distinct comments.
const (
	maxLearnedComment  = 2 << 10
	maxCommentsPerRepo = 512
)

var commentRE = lazyre.New(`(?s)<!--(.*?)-->`)

// templateLearner reads, per repository, the HTML comments of the
// descriptions that pass by, and hands a record the comments already
// seen in at least min earlier pull requests of its repository as
// template text: what a repository's template leaves in every pull
// request is the template's, not the author's hidden text. It depends on
// the order of the source, which is fixed, so results are reproducible.
type templateLearner struct {
	eval.Source
	min     int
	seen    map[string]map[string]int // repo -> comment -> pull requests
	learned int                       // records given learned template text
}

func newTemplateLearner(src eval.Source, min int) *templateLearner {
	return &templateLearner{Source: src, min: min, seen: map[string]map[string]int{}}
}

// Next returns the next record with the comments its repository repeats
// added to its template.
func (l *templateLearner) Next() (*eval.Record, error) {
	r, err := l.Source.Next()
	if err != nil || r.Repo == "" || !strings.Contains(r.Body, "<!--") {
		return r, err
	}
	counts := l.seen[r.Repo]
	if counts == nil {
		counts = map[string]int{}
		l.seen[r.Repo] = counts
	}
	var known []string
	here := map[string]bool{}
	for _, m := range commentRE.FindAllStringSubmatch(r.Body, -1) {
		c := strings.TrimSpace(m[1])
		if c == "" || len(c) > maxLearnedComment || here[c] {
			continue
		}
		here[c] = true
		if counts[c] >= l.min {
			known = append(known, m[0]) // as written: the template is compared line by line
		}
		if _, ok := counts[c]; ok || len(counts) < maxCommentsPerRepo {
			counts[c]++
		}
	}
	if len(known) > 0 {
		l.learned++
		if r.Template != "" {
			known = append([]string{r.Template}, known...)
		}
		r.Template = strings.Join(known, "\n")
	}
	return r, nil
}

// Notes passes on the source's notes and says how many records were
// given learned template text.
func (l *templateLearner) Notes() []string {
	return append(eval.Notes(l.Source), fmt.Sprintf("--learn-templates %d: %d contributions carried comments found in %d or more earlier pull requests of their repository, read as its template",
		l.min, l.learned, l.min))
}
