// Package heuristicstest checks that a heuristics.Scorer keeps the Scorer
// contract. Every scorer in heft calls Run from its tests, and so can a
// third party's:
//
//	func TestConformance(t *testing.T) {
//		heuristicstest.Run(t, myscorer.New(), realisticContributions()...)
//	}
package heuristicstest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/heft-dev/heft/heuristics"
)

// Concurrency is how many goroutines call the scorer at once in Run's
// concurrency check; run the tests with -race to make it count.
const Concurrency = 16

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Run checks s against every contribution in cs, plus an empty one:
//
//   - Name is non-empty kebab-case;
//   - Score never panics, and returns either a result or an error (for the
//     empty contribution, a result or ErrNotApplicable);
//   - every result has a score in [0, 1] and evidence with a rule ID when
//     the score is non-zero (heuristics.CheckResult);
//   - the same input gives the same result, twice in a row and from
//     Concurrency goroutines at once;
//   - the contribution is not modified.
//
// Give it realistic contributions, including ones that raise the scorer's
// concern: a check only counts for inputs that exercise it.
func Run(t *testing.T, s heuristics.Scorer, cs ...*heuristics.Contribution) {
	t.Helper()
	if name := s.Name(); !nameRE.MatchString(name) {
		t.Fatalf("Name() = %q, want non-empty kebab-case", name)
	}
	empty := &heuristics.Contribution{}
	t.Run("empty", func(t *testing.T) {
		res, err := score(s, empty)
		if err != nil && !errors.Is(err, heuristics.ErrNotApplicable) {
			t.Fatalf("empty contribution: error %v, want a result or ErrNotApplicable", err)
		}
		if err == nil {
			check(t, res)
		}
	})
	for i, c := range cs {
		t.Run(fmt.Sprintf("case-%d", i), func(t *testing.T) {
			before := clone(c)
			first, ferr := score(s, c)
			if ferr == nil {
				check(t, first)
			}
			second, serr := score(s, c)
			same(t, "second call", first, ferr, second, serr)

			var wg sync.WaitGroup
			results := make([]heuristics.Result, Concurrency)
			errs := make([]error, Concurrency)
			for g := range Concurrency {
				wg.Go(func() { results[g], errs[g] = score(s, c) })
			}
			wg.Wait()
			for g := range Concurrency {
				same(t, fmt.Sprintf("concurrent call %d", g), first, ferr, results[g], errs[g])
			}
			if !reflect.DeepEqual(before, clone(c)) {
				t.Errorf("Score modified the contribution")
			}
		})
	}
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

func check(t *testing.T, res heuristics.Result) {
	t.Helper()
	if err := heuristics.CheckResult(res); err != nil {
		t.Errorf("result breaks the contract: %v\n%+v", err, res)
	}
}

func same(t *testing.T, what string, a heuristics.Result, aerr error, b heuristics.Result, berr error) {
	t.Helper()
	if errors.Is(aerr, heuristics.ErrPanic) || errors.Is(berr, heuristics.ErrPanic) {
		t.Fatalf("%s: scorer panicked: %v %v", what, aerr, berr)
	}
	if (aerr == nil) != (berr == nil) || (aerr != nil && aerr.Error() != berr.Error()) {
		t.Fatalf("%s: error %v, first call gave %v", what, berr, aerr)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("%s: not deterministic:\nfirst: %+v\nthen:  %+v", what, a, b)
	}
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
			fc := *f
			d.Files = append(d.Files, &fc)
		}
		cp.Diff = &d
	}
	return cp
}
