package eval

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The AIDev Parquet layout's pull request tables: pull_request holds the
// AIDev-pop subset, the only pull requests the other tables cover;
// all_pull_request holds every pull request without them.
const (
	pqPRs    = "pull_request.parquet"
	pqAllPRs = "all_pull_request.parquet"
)

// ErrNoParquet is what opening the AIDev Parquet layout returns in a
// program built without the parquet build tag. The Parquet reader is a
// large dependency that scoring never needs, so it is left out of a plain
// "go build" and "go run" and compiled in with -tags parquet (release
// binaries have it).
var ErrNoParquet = errors.New("this program was built without Parquet support: rebuild it with -tags parquet, or use heft-full from a release archive, which has it")

// HasAIDevParquet reports whether dir holds the AIDev Parquet layout:
// pull_request.parquet or all_pull_request.parquet.
func HasAIDevParquet(dir string) bool {
	for _, f := range []string{pqPRs, pqAllPRs} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return true
		}
	}
	return false
}

// OpenAIDevDir opens the AIDev dataset under dir in whichever layout it
// holds: OpenAIDevParquet when dir has the Parquet tables, OpenAIDev
// (the CSV layout) otherwise.
func OpenAIDevDir(dir string, opt *AIDevOptions) (Source, error) {
	if HasAIDevParquet(dir) {
		return openAIDevParquet(dir, opt)
	}
	return OpenAIDev(dir, opt)
}

// parseTimeAny reads a time as RFC 3339 or as pandas writes one
// ("2025-05-16 08:12:03+00:00"), or returns the zero time.
func parseTimeAny(s string) time.Time {
	if t := parseTime(s); !t.IsZero() {
		return t
	}
	for _, layout := range []string{"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t
		}
	}
	return time.Time{}
}

// OpenPerfPatchDir opens the dataset of the performance pull request
// study (PurdueDualityLab/github_perf_patch_study) under dir: the
// repository or its datasets folder. Its joined tables are Parquet, so
// a program built without the parquet tag returns ErrNoParquet.
func OpenPerfPatchDir(dir string, opt *AIDevOptions) (Source, error) {
	return openPerfPatch(dir, opt)
}
