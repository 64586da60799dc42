// Package heuristicstest checks that a heuristics.Scorer keeps the Scorer
// contract. Every scorer in heft calls Run from its tests, and so can a
// third party's:
//
//	func TestConformance(t *testing.T) {
//		heuristicstest.Run(t, myscorer.New(), realisticContributions()...)
//	}
//
// A scorer that declares its rules (heuristics.RuleLister) is also held
// to them: Run fails on evidence citing an undeclared rule, and CheckDoc
// checks that the package documentation lists every rule and no other.
//
// RunTxtar runs a scorer on test cases kept as txtar archives under
// testdata (a diff, a description, the expected score, rules, labels and
// metrics), in the style of golang.org/x/tools/go/analysis/analysistest:
//
//	func TestCases(t *testing.T) {
//		heuristicstest.RunTxtar(t, myscorer.New(), "testdata/*.txtar")
//	}
package heuristicstest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/lazyre"
)

// Concurrency is how many goroutines call the scorer at once in the
// concurrency check; run the tests with -race to make it count.
const Concurrency = 16

var nameRE = lazyre.New(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Run checks s with Check and reports every violation as a test error.
// Give it realistic contributions, including ones that raise the scorer's
// concern: a check only counts for inputs that exercise it.
func Run(t *testing.T, s heuristics.Scorer, cs ...*heuristics.Contribution) {
	t.Helper()
	for _, err := range Check(s, cs...) {
		t.Error(err)
	}
}

// Check runs s on every contribution in cs, plus an empty one, and
// returns what breaks the Scorer contract:
//
//   - Name is non-empty kebab-case;
//   - Score never panics; for the empty contribution it returns a result
//     or ErrNotApplicable;
//   - every result has a score in [0, 1] and evidence with a rule ID when
//     the score is non-zero (heuristics.CheckResult);
//   - the same input gives the same result, twice in a row and from
//     Concurrency goroutines at once;
//   - the contribution is not modified;
//   - when s is a heuristics.RuleLister, its rules are well formed
//     (CheckRules) and every Evidence.Rule it emits is one of them.
func Check(s heuristics.Scorer, cs ...*heuristics.Contribution) []error {
	var errs []error
	fail := func(what string, err error) { errs = append(errs, fmt.Errorf("%s: %w", what, err)) }
	if name := s.Name(); !nameRE.MatchString(name) {
		errs = append(errs, fmt.Errorf("Name() = %q, want non-empty kebab-case", name))
	}
	var declared map[string]bool
	if rl, ok := s.(heuristics.RuleLister); ok {
		rules := rl.Rules()
		errs = append(errs, CheckRules(rules)...)
		declared = make(map[string]bool, len(rules))
		for _, r := range rules {
			declared[r.ID] = true
		}
	}
	undeclared := func(what string, r heuristics.Result) {
		if declared == nil {
			return
		}
		for _, e := range r.Evidence {
			if !declared[e.Rule] {
				fail(what, fmt.Errorf("evidence cites rule %q, which Rules() does not declare", e.Rule))
			}
		}
	}

	res, err := score(s, &heuristics.Contribution{})
	switch {
	case errors.Is(err, heuristics.ErrPanic):
		fail("empty contribution", err)
	case err != nil && !errors.Is(err, heuristics.ErrNotApplicable):
		fail("empty contribution", fmt.Errorf("error %v, want a result or ErrNotApplicable", err))
	case err == nil:
		if err := heuristics.CheckResult(res); err != nil {
			fail("empty contribution", err)
		}
		undeclared("empty contribution", res)
	}

	for i, c := range cs {
		what := fmt.Sprintf("contribution %d (%q)", i, c.Title)
		before := clone(c)
		first, ferr := score(s, c)
		if errors.Is(ferr, heuristics.ErrPanic) {
			fail(what, ferr)
			continue
		}
		if ferr == nil {
			if err := heuristics.CheckResult(first); err != nil {
				fail(what, err)
			}
			undeclared(what, first)
		}
		second, serr := score(s, c)
		if err := same(first, ferr, second, serr); err != nil {
			fail(what+": second call", err)
		}
		var wg sync.WaitGroup
		results := make([]heuristics.Result, Concurrency)
		cerrs := make([]error, Concurrency)
		for g := range Concurrency {
			wg.Go(func() { results[g], cerrs[g] = score(s, c) })
		}
		wg.Wait()
		for g := range Concurrency {
			if err := same(first, ferr, results[g], cerrs[g]); err != nil {
				fail(fmt.Sprintf("%s: concurrent call %d", what, g), err)
				break
			}
		}
		if !reflect.DeepEqual(before, clone(c)) {
			fail(what, errors.New("the scorer modified the contribution it was given"))
		}
	}
	return errs
}

func score(s heuristics.Scorer, c *heuristics.Contribution) (res heuristics.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", heuristics.ErrPanic, p)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return s.Score(ctx, c)
}

func same(a heuristics.Result, aerr error, b heuristics.Result, berr error) error {
	if errors.Is(berr, heuristics.ErrPanic) {
		return berr
	}
	if (aerr == nil) != (berr == nil) || (aerr != nil && aerr.Error() != berr.Error()) {
		return fmt.Errorf("error %v, first call gave %v", berr, aerr)
	}
	if !reflect.DeepEqual(a, b) {
		return fmt.Errorf("not deterministic:\nfirst: %+v\nthen:  %+v", a, b)
	}
	return nil
}

// clone copies what a scorer could modify through the pointer it is given.
func clone(c *heuristics.Contribution) heuristics.Contribution {
	cp := *c
	cp.Commits = append([]heuristics.Commit(nil), c.Commits...)
	cp.Timeline = append([]heuristics.Event(nil), c.Timeline...)
	cp.Labels = append([]string(nil), c.Labels...)
	if c.Diff != nil {
		d := *c.Diff
		d.Files = nil
		for _, f := range c.Diff.Files {
			if f == nil {
				d.Files = append(d.Files, nil)
				continue
			}
			fc := *f
			d.Files = append(d.Files, &fc)
		}
		cp.Diff = &d
	}
	return cp
}
