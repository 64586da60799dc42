// Package scoring holds what heft's scorers share beyond wording: the
// error a constructor returns for a configuration it cannot use, the
// constructor's validate-then-default step, the rules table each scorer
// embeds, the checks of numeric settings and of settings keyed by rule
// ID, and the log ramp that turns a count into a score.
package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/heft-dev/heft/heuristics"
	"github.com/heft-dev/heft/internal/lazyre"
)

// Invalid returns the error a scorer's configuration check returns:
// "scorer: invalid configuration: what", wrapping
// heuristics.ErrInvalidConfig. format and args say what is wrong, as for
// fmt.Sprintf, and may wrap an error with %w.
func Invalid(scorer, format string, args ...any) error {
	return fmt.Errorf("%s: %w: "+format, append([]any{scorer, heuristics.ErrInvalidConfig}, args...)...)
}

// Config is a scorer's configuration: Validate reports what makes it
// unusable.
type Config interface {
	Validate() error
}

// New is the constructor of a scorer built from its configuration
// alone: it validates cfg as given (so errors name the values the caller
// set), fills in its defaults and builds the scorer from the result.
func New[C Config, S any](cfg C, defaults func(C) C, build func(C) *S) (*S, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return build(defaults(cfg)), nil
}

// Table returns the rules table a scorer package embeds as rules.json
// (a JSON array of heuristics.Rule, or of the package's own rule type
// R), decoded on the first call, not at package init. Every call returns
// the same slice: callers must not change it, and a Rules method returns
// a copy. Each rule is declared once, in that file; the package's Go code
// writes an ID where it emits it (an exported constant only where users
// need the name), so one grep finds both, and heuristicstest.CheckDeclared
// checks those strings and doc.go against the table.
//
// A field the rule type does not have, or a file that is not one such
// array and nothing after it, is a bug in the package that its first
// test finds: the call panics, naming the error.
func Table[R any](data []byte) Rules[R] {
	return sync.OnceValue(func() []R {
		var rules []R
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rules); err != nil {
			panic(fmt.Sprintf("scoring: rules.json: %v", err))
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			panic(fmt.Sprintf("scoring: rules.json: more after the table (%v)", err))
		}
		return rules
	})
}

// Rules is a scorer's rules table, as Table returns it: a call gives the
// shared slice, which the package reads but must not change.
type Rules[R any] func() []R

// Clone returns a copy of the table, what a scorer's Rules method returns.
func (t Rules[R]) Clone() []R { return slices.Clone(t()) }

// Common returns each rule of the table in the shape every scorer
// declares them, by way of rule, for a scorer whose rules.json carries
// more per rule (a default severity, a weight).
func (t Rules[R]) Common(rule func(R) heuristics.Rule) []heuristics.Rule {
	rules := t()
	out := make([]heuristics.Rule, len(rules))
	for i, r := range rules {
		out[i] = rule(r)
	}
	return out
}

// CheckFractions returns what is wrong with a rules.json table whose
// rules carry numbers: a rule without the key required, or a number that
// is not in [0, 1]. A scorer's tests call it, so a default severity left
// out cannot silently become 0.
func CheckFractions(data []byte, required string) error {
	var rules []map[string]any
	if err := json.Unmarshal(data, &rules); err != nil {
		return fmt.Errorf("rules.json: %w", err)
	}
	for i, r := range rules {
		if _, ok := r[required]; !ok {
			return fmt.Errorf("rules.json: rule %d (%v): no %q", i, r["id"], required)
		}
		for _, k := range slices.Sorted(maps.Keys(r)) {
			if v, ok := r[k].(float64); ok && !(v >= 0 && v <= 1) {
				return fmt.Errorf("rules.json: rule %d (%v): %s %v is not in [0, 1]", i, r["id"], k, v)
			}
		}
	}
	return nil
}

// Declared reports whether one of rules has the ID id.
func Declared(rules []heuristics.Rule, id string) bool {
	return slices.ContainsFunc(rules, func(r heuristics.Rule) bool { return r.ID == id })
}

// CheckRuleSettings checks a scorer's settings keyed by rule ID against
// its rules: every key of severity must be a declared rule with a value
// in [0, 1] (keys in sorted order, so the same configuration always gets
// the same error), every entry of disable a declared rule. It returns the
// JSON key at fault ("severity", "disable[2]") and what is wrong with it,
// or two empty strings.
func CheckRuleSettings(rules []heuristics.Rule, severity map[string]float64, disable []string) (field, msg string) {
	if field, msg := CheckRuleValues("severity", func(id string) bool { return Declared(rules, id) }, severity); field != "" {
		return field, msg
	}
	for i, id := range disable {
		if !Declared(rules, id) {
			return fmt.Sprintf("disable[%d]", i), fmt.Sprintf("unknown rule %q", id)
		}
	}
	return "", ""
}

// CheckRuleValues checks the values of a setting keyed by rule ID, whose
// JSON key is field (a scorer's "severity", the workaround scorer's
// "weights"): every key must be a rule that declared reports, with a
// value in [0, 1]; keys are checked in sorted order, so the same
// configuration always gets the same error. It returns field and what is
// wrong, or two empty strings.
func CheckRuleValues(field string, declared func(id string) bool, values map[string]float64) (string, string) {
	for _, id := range slices.Sorted(maps.Keys(values)) {
		v := values[id]
		switch {
		case !declared(id):
			return field, fmt.Sprintf("unknown rule %q", id)
		case !(v >= 0 && v <= 1):
			return field, fmt.Sprintf("%s: %v is not in [0, 1]", id, v)
		}
	}
	return "", ""
}

// A Limit is the check of one numeric setting of a configuration: the
// JSON key of the field and, when its value is out of range, what is
// wrong with it ("-1 is negative"). Msg is empty when the value is fine.
// A scorer's Validate lists its limits in field order and passes them to
// CheckLimits, so every scorer words the same fault the same way.
type Limit struct{ Field, Msg string }

// NonNegative is the limit of a setting that must not be below 0.
func NonNegative[T int | float64](field string, v T) Limit {
	if v < 0 {
		return Limit{field, fmt.Sprintf("%v is negative", v)}
	}
	return Limit{}
}

// InRange is the limit of a setting that must lie in [lo, hi] (NaN
// never does), such as a fraction in [0, 1].
func InRange[T int | float64](field string, v, lo, hi T) Limit {
	if !(v >= lo && v <= hi) {
		return Limit{field, fmt.Sprintf("%v is not in [%v, %v]", v, lo, hi)}
	}
	return Limit{}
}

// Positive is the limit of a setting that must be above 0 and finite,
// such as a scale that divides.
func Positive(field string, v float64) Limit {
	if !(v > 0) || math.IsInf(v, 0) {
		return Limit{field, fmt.Sprintf("%v must be positive", v)}
	}
	return Limit{}
}

// Above is the limit of the upper setting of a pair of thresholds, such
// as the days after which a scorer suggests closing and the days after
// which it reports a pull request pending: the lower one, lowField, must
// not be negative and v must be above it.
func Above[T int | float64](field string, v T, lowField string, low T) Limit {
	if low < 0 {
		return NonNegative(lowField, low) // the fault is the lower setting's
	}
	if !(v > low) {
		return Limit{field, fmt.Sprintf("%v must be above %s %v", v, lowField, low)}
	}
	return Limit{}
}

// CheckLimits returns the JSON key and the fault of the first limit a
// value breaks, in the order given, or two empty strings: a
// configuration error names one field, the same one every time.
func CheckLimits(limits ...Limit) (field, msg string) {
	for _, l := range limits {
		if l.Msg != "" {
			return l.Field, l.Msg
		}
	}
	return "", ""
}

// Ramp maps v to [0, 1]: 0 up to lo, 1 from hi, on a log scale between.
// A lo of 0 or less starts the scale at 1, where the logarithm is 0.
func Ramp[T int | float64](v, lo, hi T) float64 {
	switch {
	case v <= lo:
		return 0
	case v >= hi:
		return 1
	}
	l := math.Log(float64(lo))
	if lo <= 0 {
		l = 0
	}
	return min(max((math.Log(float64(v))-l)/(math.Log(float64(hi))-l), 0), 1)
}

// revertRE matches git's and GitHub's words for a revert: git revert's
// subject (Revert "subject", and Reapply "subject" for the revert of a
// revert), the line its message carries ("This reverts commit <sha>.",
// with ", reversing changes made to <sha>." for a merge), and the line
// GitHub's Revert button writes in the pull request it opens
// ("Reverts owner/name#123"). A squash merge's " (#123)" may follow the
// subject.
var revertRE = lazyre.New(`(?m)\A(Revert|Reapply) ".*"( \(#\d+\))?\s*$|^This reverts commit [0-9a-f]{7,40}\b|^Reverts [\w.-]+/[\w.-]+#\d+\s*$`)

// Revert reports whether c undoes earlier commits in git's or GitHub's
// shapes: each of its commits is a revert, or, when its commits are not
// known, its title or description says so in git's or GitHub's words. A
// change whose commits include one revert among new work is not one, nor
// is a title that says "revert" in words of its own. A revert names what
// it undoes and undoes it whole, so scorers neither ask it to explain
// itself nor to be split.
func Revert(c *heuristics.Contribution) bool {
	if len(c.Commits) > 0 {
		for _, m := range c.Commits {
			if !revertRE.MatchString(strings.TrimSpace(m.Message)) {
				return false
			}
		}
		return true
	}
	return revertRE.MatchString(strings.TrimSpace(c.Title)) || revertRE.MatchString(strings.TrimSpace(c.Body))
}
