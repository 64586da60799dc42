package main

import (
	"fmt"
	"hash/fnv"

	"github.com/heft-dev/heft/examples/internal/eval"
)

// Halves of heft eval --split: a repository's contributions all fall in
// one, so a setting calibrated on one half is reported on repositories it
// never saw.
const (
	splitCalibrate = "calibrate"
	splitReport    = "report"
)

// inHalf reports whether a record belongs to a half: by the FNV-1a hash
// of its repository (its ID when it has none), even for calibrate and odd
// for report.
func inHalf(r *eval.Record, half string) bool {
	key := r.Repo
	if key == "" {
		key = r.ID
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	return (h.Sum64()%2 == 0) == (half == splitCalibrate)
}

// splitSource passes on the records of one half of a source.
type splitSource struct {
	eval.Source
	half          string
	kept, dropped int
}

// Next returns the next record of the half.
func (s *splitSource) Next() (*eval.Record, error) {
	for {
		r, err := s.Source.Next()
		if err != nil || inHalf(r, s.half) {
			if err == nil {
				s.kept++
			}
			return r, err
		}
		s.dropped++
	}
}

// Notes passes on the source's notes and says which half was read.
func (s *splitSource) Notes() []string {
	return append(eval.Notes(s.Source), fmt.Sprintf("--split %s: %d contributions of the repositories in this half kept, %d of the other half left out (halves by a hash of the repository)",
		s.half, s.kept, s.dropped))
}
