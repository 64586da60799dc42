package workaround

import (
	"slices"
	"testing"

	"maps"
)

func TestOccurrences(t *testing.T) {
	tests := []struct {
		name, s, sub string
		want         []int
	}{
		{"none", "a bug in libfoo", "hack", nil},
		{"each, not overlapping", "aaaa", "aa", []int{0, 2}},
		{"phrase twice", "x is broken, y is broken", " is broken", []int{1, 14}},
		{"empty sub occurs nowhere", "abc", "", nil},
	}
	for _, tt := range tests {
		if got := slices.Collect(occurrences(tt.s, tt.sub)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: occurrences(%q, %q) = %v, want %v", tt.name, tt.s, tt.sub, got, tt.want)
		}
	}
}

func TestWordOccurrences(t *testing.T) {
	tests := []struct {
		name, s, w string
		want       []int
	}{
		{"whole words only", "bug debug bug_x bug.", "bug", []int{0, 16}},
		{"at the ends", "bug", "bug", []int{0}},
		{"inside a longer word after a bounded one", "a ab a", "a", []int{0, 5}},
	}
	for _, tt := range tests {
		if got := slices.Collect(wordOccurrences(tt.s, tt.w)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: wordOccurrences(%q, %q) = %v, want %v", tt.name, tt.s, tt.w, got, tt.want)
		}
		if first := wordIndex(tt.s, tt.w); len(tt.want) > 0 && first != tt.want[0] {
			t.Errorf("%s: wordIndex = %d, want %d", tt.name, first, tt.want[0])
		}
	}
}

func TestRuns(t *testing.T) {
	type span struct{ i, j int }
	var got []span
	for i, j := range runs("  go1.22, g++ x", isTermByte) {
		got = append(got, span{i, j})
	}
	want := []span{{2, 8}, {10, 13}, {14, 15}}
	if !slices.Equal(got, want) {
		t.Errorf("runs = %v, want %v", got, want)
	}
	if n := len(slices.Collect(func(yield func(int) bool) {
		for i := range runs("", isTermByte) {
			yield(i)
		}
	})); n != 0 {
		t.Errorf("runs of an empty string: %d, want 0", n)
	}
}

func TestWordSet(t *testing.T) {
	set := wordSet("a  b\n\tc")()
	if !maps.Equal(set, map[string]bool{"a": true, "b": true, "c": true}) {
		t.Errorf("wordSet = %v", set)
	}
}
