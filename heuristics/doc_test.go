package heuristics_test

import (
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDocListsScorers: the package overview names every scorer package
// under heuristics/, so go doc ./heuristics is a map of them all (it
// once listed six of nine).
func TestDocListsScorers(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	require.NoError(t, err)
	require.NotNil(t, f.Doc, "doc.go holds the package comment")
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\theuristics/(\w+) `).FindAllStringSubmatch(f.Doc.Text(), -1) {
		listed[m[1]] = true
	}
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	n := 0
	for _, e := range entries {
		switch name := e.Name(); {
		case !e.IsDir(), name == "heuristicstest", name == "standard", name == "testdata":
		default:
			n++
			assert.True(t, listed[name], "doc.go's list of scorer packages leaves out heuristics/%s", name)
		}
	}
	assert.Len(t, listed, n, "doc.go lists a package that is not a folder here: %v", listed)
}
