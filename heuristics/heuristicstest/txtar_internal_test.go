package heuristicstest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/heft-dev/heft/heuristics"
)

// TestParseCaseErrors checks that a malformed case is an error naming the
// file of the archive and, in want, the line.
func TestParseCaseErrors(t *testing.T) {
	tests := []struct{ name, archive, want, reason string }{
		{"no-want", "-- title --\nx\n", "no want file", "a case must say what it expects"},
		{"unknown-file", "-- titel --\nx\n-- want --\nscore 0\n", "file titel: unknown file", "typos in file names are caught"},
		{"twice", "-- title --\na\n-- title --\nb\n-- want --\nscore 0\n", "file title: given twice", "only commit may repeat"},
		{"bad-diff", "-- diff --\n@@ -1 +1 @@\n-a\n+b\n-- want --\nscore 0\n", "file diff: ", "the diff must parse"},
		{"bad-author", "-- author --\n{\"name\": \"ada\"}\n-- want --\nscore 0\n", "file author: ", "unknown JSON keys are errors"},
		{"bad-now", "-- now --\nyesterday\n-- want --\nscore 0\n", "file now: ", "now is RFC 3339"},
		{"score-range", "-- want --\nscore 1.5\n", "file want: line 1: score \"1.5\" is not a number in [0, 1]", "scores are in [0, 1]"},
		{"score-empty-range", "-- want --\n# comment\nscore 0.6 0.2\n", "file want: line 2: score range 0.6 0.2 is empty", "lines are counted with comments"},
		{"score-twice", "-- want --\nscore 0\nscore 1\n", "file want: line 2: score given twice", ""},
		{"metric", "-- want --\nmetric lines\n", "file want: line 1: metric wants a name and a value", ""},
		{"error", "-- want --\nerror boom\n", "file want: line 1: error wants not-applicable", ""},
		{"key", "-- want --\nlabel size/XS\n", "file want: line 1: unknown key \"label\"", "typos in keys are caught"},
	}
	for _, tt := range tests {
		_, err := parseCase(txtar.Parse([]byte(tt.archive)))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s (%s): error %v, want it to contain %q", tt.name, tt.reason, err, tt.want)
		}
	}
}

// TestWantCheck checks that each expectation reports a result that
// breaks it.
func TestWantCheck(t *testing.T) {
	res := heuristics.Result{
		Score:    0.4,
		Labels:   []string{"size/S"},
		Metrics:  map[string]float64{"lines": 12},
		Evidence: []heuristics.Evidence{{Rule: "a"}, {Rule: "b"}, {Rule: "a"}},
	}
	tests := []struct {
		want   string
		err    error
		errors []string
	}{
		{"score 0.4\nrules b a\nlabels size/S\nmetric lines 12", nil, nil},
		{"score 0.3 0.5", nil, nil},
		{"score 0.5", nil, []string{"score 0.4, want 0.5"}},
		{"score 0.5 0.9", nil, []string{"score 0.4, want it in [0.5, 0.9]"}},
		{"rules a", nil, []string{"rules [a b], want [a]"}},
		{"rules", nil, []string{"rules [a b], want []"}},
		{"labels", nil, []string{"labels [size/S], want []"}},
		{"metric lines 13\nmetric files 1", nil, []string{"no metric files, want 1", "metric lines = 12, want 13"}},
		{"error not-applicable", nil, []string{"error <nil>, want ErrNotApplicable"}},
		{"error not-applicable", fmt.Errorf("x: %w", heuristics.ErrNotApplicable), nil},
		{"score 0", errors.New("boom"), []string{"error boom"}},
	}
	for _, tt := range tests {
		w, err := parseWant(tt.want)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range w.check(res, tt.err) {
			got = append(got, e.Error())
		}
		if strings.Join(got, "; ") != strings.Join(tt.errors, "; ") {
			t.Errorf("want %q, error %v: got %q, want %q", tt.want, tt.err, got, tt.errors)
		}
	}
}

// FuzzParseCase: no archive makes parseCase panic.
func FuzzParseCase(f *testing.F) {
	f.Add([]byte("comment\n-- title --\nx\n-- want --\nscore 0.1 0.2\nrules a b\n"))
	f.Add([]byte("-- diff --\ndiff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n+b\n-- want --\nmetric lines 2\n"))
	f.Add([]byte("-- timeline --\n[{\"kind\": \"comment\"}]\n-- now --\n2026-01-02T03:04:05Z\n-- want --\nerror not-applicable\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tc, err := parseCase(txtar.Parse(data))
		if err == nil && tc.c == nil {
			t.Fatal("no contribution and no error")
		}
	})
}

func TestSplitQuoted(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  bool
	}{
		{"labels size/XS  bug", []string{"labels", "size/XS", "bug"}, false},
		{"labels \"awaiting author\" size/S", []string{"labels", "awaiting author", "size/S"}, false},
		{"labels\tsize/S", []string{"labels", "size/S"}, false},
		{"labels \"open", nil, true},
		{"  ", nil, false},
	}
	for _, tt := range tests {
		got, err := splitQuoted(tt.in)
		if (err != nil) != tt.err || strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitQuoted(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}
