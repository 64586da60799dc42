package main

import (
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/examples/internal/eval"
)

// TestTemplateLearner checks that a comment a repository repeats becomes
// template text from its third earlier pull request on, per repository.
func TestTemplateLearner(t *testing.T) {
	tmpl := "## Summary\n\n<!-- Summarise the change in two sentences for the release notes. -->\n\n"
	var recs []*eval.Record
	for i := range 5 {
		recs = append(recs, &eval.Record{Repo: "a/one", Body: tmpl + "Change " + string(rune('A'+i)) + "."})
	}
	recs = append(recs, &eval.Record{Repo: "b/two", Body: tmpl + "Elsewhere."})
	l := newTemplateLearner(&listSource{recs: recs}, 3)
	var got []string
	for {
		r, err := l.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		got = append(got, r.Template)
	}
	want := "<!-- Summarise the change in two sentences for the release notes. -->"
	assert.Equal(t, []string{"", "", "", want, want, ""}, got, "known after three pull requests of the same repository, and only there")
	assert.Contains(t, l.Notes()[1], "2 contributions carried comments")
}
