package lazyre

import (
	"fmt"
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
)

// CheckLiteralTests checks, for every Regexp made so far in the process,
// that its literal test lets through text the expression matches: it
// makes n matching texts of each expression, from its syntax (random
// alternatives, repetitions, class members, letters in every case
// including the non-ASCII ones (?i) folds), each between random
// neighbours, and returns an error naming the first expression whose
// test says no to one. A test of a program calls it next to CompileAll.
func CheckLiteralTests(n int) error {
	all.Lock()
	list := slices.Clone(all.list)
	all.Unlock()
	r := rand.New(rand.NewPCG(1, 2))
	for _, x := range list {
		if err := x.Compile(); err != nil {
			continue // CompileAll reports it
		}
		if err := checkLiteralTest(x, r, n); err != nil {
			return err
		}
	}
	return nil
}

// CheckLiteralTest is CheckLiteralTests for one Regexp, such as one
// Compile made, which CheckLiteralTests does not reach: a package that
// compiles a built-in table's expressions with Compile calls it on each
// from its tests.
func CheckLiteralTest(x *Regexp, n int) error {
	return checkLiteralTest(x, rand.New(rand.NewPCG(1, 2)), n)
}

func checkLiteralTest(x *Regexp, r *rand.Rand, n int) error {
	re := x.Get()
	if x.test == nil {
		return nil
	}
	tree, err := syntax.Parse(x.expr, syntax.Perl)
	if err != nil {
		return nil
	}
	around := []string{"", " ", "\n", "x", "é", "🤖", "K", "ſ", "the ", ". "}
	for range n {
		var b strings.Builder
		b.WriteString(around[r.IntN(len(around))])
		generate(&b, tree, r)
		b.WriteString(around[r.IntN(len(around))])
		s := b.String()
		if re.MatchString(s) && !x.test.may(s) {
			return fmt.Errorf("lazyre: %q matches %q, but its literal test %q says it cannot", x.expr, s, x.test.lits)
		}
	}
	return nil
}

// generate writes a random text re may match (the empty-width
// assertions are not checked; the caller keeps the texts that match).
func generate(b *strings.Builder, re *syntax.Regexp, r *rand.Rand) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, c := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 {
				orbit := []rune{c}
				for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
					orbit = append(orbit, f)
				}
				c = orbit[r.IntN(len(orbit))]
			}
			b.WriteRune(c)
		}
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return
		}
		i := 2 * r.IntN(len(re.Rune)/2)
		lo, hi := re.Rune[i], re.Rune[i+1]
		b.WriteRune(lo + rune(r.IntN(int(min(hi-lo, 300))+1)))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteString([]string{"a", "Z", "0", " ", "é", "-", "K"}[r.IntN(7)])
	case syntax.OpCapture:
		generate(b, re.Sub[0], r)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, 3
		switch re.Op {
		case syntax.OpPlus:
			lo = 1
		case syntax.OpQuest:
			hi = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 || hi > lo+3 {
				hi = lo + 3
			}
		}
		for range lo + r.IntN(hi-lo+1) {
			generate(b, re.Sub[0], r)
		}
	case syntax.OpConcat:
		for _, s := range re.Sub {
			generate(b, s, r)
		}
	case syntax.OpAlternate:
		generate(b, re.Sub[r.IntN(len(re.Sub))], r)
	}
}
