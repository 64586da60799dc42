package wording

import "testing"

func TestContainsFold(t *testing.T) {
	tests := []struct {
		s, sub string
		want   bool
	}{
		{"Work around a bug in PyPy", "work", true},
		{"WORKAROUND", "workaround", true},
		{"a HACK for now", "hack", true},
		{"networking", "work", true},
		{"no match here", "bug", false},
		{"", "bug", false},
		{"bu", "bug", false},
		{"anything", "", true},
		{"Ünïcode BUG", "bug", true},
		{"WORK", "wörk", false},
	}
	for _, tt := range tests {
		if got := ContainsFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("ContainsFold(%q, %q) = %v, want %v", tt.s, tt.sub, got, tt.want)
		}
	}
}

func TestArticle(t *testing.T) {
	for word, want := range map[string]string{
		"owner":        "an owner",
		"member":       "a member",
		"collaborator": "a collaborator",
		"":             "a ",
	} {
		if got := Article(word); got != want {
			t.Errorf("Article(%q) = %q, want %q", word, got, want)
		}
	}
}
