package heuristicstest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/heft-dev/heft/heuristics"
)

// CheckRules returns what is wrong with a scorer's declared rules: an ID
// that is not kebab-case or is declared twice, a rule that does not say
// what it finds.
func CheckRules(rules []heuristics.Rule) []error {
	var errs []error
	seen := make(map[string]bool, len(rules))
	for i, r := range rules {
		switch {
		case !nameRE.MatchString(r.ID):
			errs = append(errs, fmt.Errorf("rule %d: ID %q, want non-empty kebab-case", i, r.ID))
		case seen[r.ID]:
			errs = append(errs, fmt.Errorf("rule %d: ID %q declared twice", i, r.ID))
		}
		seen[r.ID] = true
		if strings.TrimSpace(r.Finds) == "" {
			errs = append(errs, fmt.Errorf("rule %q: empty Finds", r.ID))
		}
	}
	return errs
}

// CheckDoc checks that the package documentation in doc.go, in the
// directory the test runs in (the package's own), lists every rule and
// names no rule that is not declared: a word that starts like one of the
// rules' IDs ("size-" for "size-lines") must be a declared ID. Call it
// from a scorer package's tests with the scorer's Rules().
func CheckDoc(t testing.TB, rules []heuristics.Rule) {
	t.Helper()
	for _, err := range docErrors("doc.go", rules) {
		t.Error(err)
	}
}

// CheckDeclared reports, as test errors, what CheckRules finds wrong
// with a scorer's declared rules, then runs CheckDoc, then checks the
// package's Go files (not its tests) in the directory the test runs in:
// a string in them that starts like one of the rules' IDs and is
// kebab-case, such as the ID a piece of evidence cites or an exported ID
// constant, must be a declared ID. It is the one call a scorer package's
// rules test needs.
func CheckDeclared(t testing.TB, rules []heuristics.Rule) {
	t.Helper()
	for _, err := range CheckRules(rules) {
		t.Error(err)
	}
	CheckDoc(t, rules)
	for _, err := range sourceErrors(".", rules) {
		t.Error(err)
	}
}

var ruleWordRE = regexp.MustCompile(`[a-z0-9]+(?:-[a-z0-9]+)+`)

func docErrors(path string, rules []heuristics.Rule) []error {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return []error{err}
	}
	if f.Doc == nil {
		return []error{fmt.Errorf("%s: no package documentation", path)}
	}
	words := map[string]bool{}
	var order []string
	for _, w := range ruleWordRE.FindAllString(f.Doc.Text(), -1) {
		if !words[w] {
			order = append(order, w)
		}
		words[w] = true
	}
	var errs []error
	for _, r := range rules {
		if !words[r.ID] {
			errs = append(errs, fmt.Errorf("%s: the package documentation does not list rule %s", path, r.ID))
		}
	}
	undeclared := undeclaredFunc(rules)
	for _, w := range order {
		if undeclared(w) {
			errs = append(errs, fmt.Errorf("%s: the package documentation names %s, which no rule declares", path, w))
		}
	}
	return errs
}

// sourceErrors reports the strings of the Go files in dir, tests aside,
// that look like rule IDs of rules but are not declared.
func sourceErrors(dir string, rules []heuristics.Rule) []error {
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return []error{err}
	}
	undeclared := undeclaredFunc(rules)
	fset := token.NewFileSet()
	var errs []error
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && ruleWordRE.FindString(s) == s && undeclared(s) {
				errs = append(errs, fmt.Errorf("%s: %q looks like a rule ID, but no rule declares it", fset.Position(lit.Pos()), s))
			}
			return false
		})
	}
	return errs
}

// undeclaredFunc returns a function that reports whether a word starts
// like one of the rules' IDs ("size-" for "size-lines") without being one.
func undeclaredFunc(rules []heuristics.Rule) func(word string) bool {
	declared := make(map[string]bool, len(rules))
	var prefixes []string
	for _, r := range rules {
		declared[r.ID] = true
		if p, _, ok := strings.Cut(r.ID, "-"); ok && !slices.Contains(prefixes, p+"-") {
			prefixes = append(prefixes, p+"-")
		}
	}
	return func(w string) bool {
		return !declared[w] && slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(w, p) })
	}
}
