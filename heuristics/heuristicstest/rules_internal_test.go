package heuristicstest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heft-dev/heft/heuristics"
)

func TestDocErrors(t *testing.T) {
	rules := []heuristics.Rule{{ID: "tidy-trailing-space", Finds: "x"}, {ID: "tidy-tabs", Finds: "y"}}
	cases := []struct {
		name, doc string
		want      []string
	}{
		{"in-step", "// Package tidy finds:\n//\n//\ttidy-trailing-space  spaces\n//\ttidy-tabs  tabs\npackage tidy\n", nil},
		{"missing", "// Package tidy finds:\n//\n//\ttidy-tabs  tabs\npackage tidy\n",
			[]string{"does not list rule tidy-trailing-space"}},
		{"stale", "// Package tidy finds tidy-trailing-space, tidy-tabs and tidy-long-lines.\npackage tidy\n",
			[]string{"names tidy-long-lines, which no rule declares"}},
		{"no-doc", "package tidy\n", []string{"no package documentation"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "doc.go")
			if err := os.WriteFile(p, []byte(tc.doc), 0o644); err != nil {
				t.Fatal(err)
			}
			errs := docErrors(p, rules)
			if len(errs) != len(tc.want) {
				t.Fatalf("got %v, want %d errors", errs, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(errs[i].Error(), w) {
					t.Errorf("error %d = %v, want it to contain %q", i, errs[i], w)
				}
			}
		})
	}
}

func TestSourceErrors(t *testing.T) {
	rules := []heuristics.Rule{{ID: "tidy-tabs", Finds: "y"}}
	dir := t.TempDir()
	files := map[string]string{
		"tidy.go":      "package tidy\n\nconst (\n\truleTabs = \"tidy-tabs\"\n\truleLong = \"tidy-long-lines\"\n)\n\nvar other = \"neat-tabs\"\n",
		"tidy_test.go": "package tidy\n\nvar inTest = \"tidy-made-up\"\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	errs := sourceErrors(dir, rules)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `tidy.go:5:13: "tidy-long-lines" looks like a rule ID, but no rule declares it`) {
		t.Errorf("got %v, want one error for tidy-long-lines", errs)
	}
}
