package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/examples/internal/eval"
)

// listSource hands out records, then io.EOF.
type listSource struct {
	recs []*eval.Record
	i    int
}

func (s *listSource) Next() (*eval.Record, error) {
	if s.i == len(s.recs) {
		return nil, io.EOF
	}
	s.i++
	return s.recs[s.i-1], nil
}

func (s *listSource) Close() error { return nil }

func (s *listSource) Notes() []string { return []string{"a note of the source"} }

// TestSplit checks that --split's halves cover every record once and keep
// each repository whole.
func TestSplit(t *testing.T) {
	var recs []*eval.Record
	for i := range 200 {
		recs = append(recs, &eval.Record{ID: fmt.Sprintf("r%d", i), Repo: fmt.Sprintf("owner/repo%d", i%40)})
	}
	recs = append(recs, &eval.Record{ID: "no-repo"})
	seen := map[string]string{}
	halfOfRepo := map[string]string{}
	for _, half := range []string{splitCalibrate, splitReport} {
		src := &splitSource{Source: &listSource{recs: recs}, half: half}
		n := 0
		for {
			r, err := src.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err)
			n++
			require.NotContains(t, seen, r.ID, "a record in both halves")
			seen[r.ID] = half
			if r.Repo != "" {
				if h, ok := halfOfRepo[r.Repo]; ok {
					assert.Equal(t, h, half, "repository %s split across halves", r.Repo)
				}
				halfOfRepo[r.Repo] = half
			}
		}
		assert.Greater(t, n, 40, "each half holds a fair share")
		notes := src.Notes()
		assert.Equal(t, "a note of the source", notes[0])
		assert.True(t, strings.HasPrefix(notes[1], "--split "+half+": "), notes[1])
	}
	assert.Len(t, seen, len(recs), "the halves cover every record")
}
