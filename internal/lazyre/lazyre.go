// Package lazyre holds regular expressions that are compiled the first
// time they are used rather than at package init, so that a program pays
// for the expressions of a package only in the commands that run them.
//
// A package-level
//
//	var wordRE = regexp.MustCompile(`\w+`)
//
// becomes
//
//	var wordRE = lazyre.New(`\w+`)
//
// and its uses stay as they were: *Regexp has the methods of
// *regexp.Regexp that this module calls. Like regexp.MustCompile, the
// first use panics if the expression does not compile, which a test that
// calls CompileAll catches.
package lazyre

import (
	"errors"
	"regexp"
	"slices"
	"sync"
	"unsafe"
)

// Regexp is a regular expression compiled on first use. It is safe for
// concurrent use.
type Regexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
	test *literalTest // nil: every text goes to re
}

// all lists every Regexp made, for CompileAll.
var all struct {
	sync.Mutex
	list []*Regexp
}

// New returns a Regexp for expr, which is compiled (with regexp.MustCompile)
// the first time it is used.
func New(expr string) *Regexp {
	r := &Regexp{expr: expr}
	all.Lock()
	all.list = append(all.list, r)
	all.Unlock()
	return r
}

// CompileAll compiles every Regexp made so far in the process and returns
// the errors of those that do not compile. A test of a program calls it to
// find, without running every path, an expression that would panic on
// first use.
func CompileAll() error {
	all.Lock()
	list := slices.Clone(all.list)
	all.Unlock()
	var errs []error
	for _, r := range list {
		if err := r.Compile(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Compile returns a Regexp for expr compiled now, with its literal test,
// or regexp.Compile's error. Unlike New's, it is not listed for
// CompileAll and CheckLiteralTests: it is for expressions a program
// reads at run time (a configuration's), which no test can list.
func Compile(expr string) (*Regexp, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	r := &Regexp{expr: expr}
	r.once.Do(func() { r.set(re) })
	return r, nil
}

// Get returns the compiled expression.
func (r *Regexp) Get() *regexp.Regexp {
	r.once.Do(func() { r.set(regexp.MustCompile(r.expr)) })
	return r.re
}

// set keeps the compiled expression and its literal test.
func (r *Regexp) set(re *regexp.Regexp) {
	r.re = re
	r.test = newLiteralTest(literals(r.expr))
}

// may returns the compiled expression and whether s could hold a match
// (the literal test, see literals.go).
func (r *Regexp) may(s string) (*regexp.Regexp, bool) {
	re := r.Get()
	return re, r.test.may(s)
}

// mayBytes is may for a byte slice, without copying it.
func (r *Regexp) mayBytes(b []byte) (*regexp.Regexp, bool) {
	return r.may(unsafe.String(unsafe.SliceData(b), len(b)))
}

// Compile compiles the expression now and returns the error, if any; a
// test calls it for every Regexp of a package.
func (r *Regexp) Compile() (err error) {
	re, err := regexp.Compile(r.expr)
	if err == nil {
		r.once.Do(func() { r.set(re) })
	}
	return err
}

// String returns the source text of the expression.
func (r *Regexp) String() string { return r.expr }

// Match is regexp.Regexp.Match.
func (r *Regexp) Match(b []byte) bool {
	re, ok := r.mayBytes(b)
	if !ok {
		return false
	}
	return re.Match(b)
}

// MatchString is regexp.Regexp.MatchString.
func (r *Regexp) MatchString(s string) bool {
	re, ok := r.may(s)
	if !ok {
		return false
	}
	return re.MatchString(s)
}

// FindString is regexp.Regexp.FindString.
func (r *Regexp) FindString(s string) string {
	re, ok := r.may(s)
	if !ok {
		return ""
	}
	return re.FindString(s)
}

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (r *Regexp) FindStringIndex(s string) []int {
	re, ok := r.may(s)
	if !ok {
		return nil
	}
	return re.FindStringIndex(s)
}

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (r *Regexp) FindStringSubmatch(s string) []string {
	re, ok := r.may(s)
	if !ok {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// FindStringSubmatchIndex is regexp.Regexp.FindStringSubmatchIndex.
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	re, ok := r.may(s)
	if !ok {
		return nil
	}
	return re.FindStringSubmatchIndex(s)
}

// FindAllString is regexp.Regexp.FindAllString.
func (r *Regexp) FindAllString(s string, n int) []string {
	re, ok := r.may(s)
	if !ok {
		return nil
	}
	return re.FindAllString(s, n)
}

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex.
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	re, ok := r.may(s)
	if !ok {
		return nil
	}
	return re.FindAllStringIndex(s, n)
}

// FindAllStringSubmatch is regexp.Regexp.FindAllStringSubmatch.
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	re, ok := r.may(s)
	if !ok {
		return nil
	}
	return re.FindAllStringSubmatch(s, n)
}

// FindAllStringSubmatchIndex is regexp.Regexp.FindAllStringSubmatchIndex.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	re, ok := r.may(s)
	if !ok {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, n)
}

// FindIndex is regexp.Regexp.FindIndex.
func (r *Regexp) FindIndex(b []byte) []int {
	re, ok := r.mayBytes(b)
	if !ok {
		return nil
	}
	return re.FindIndex(b)
}

// FindSubmatch is regexp.Regexp.FindSubmatch.
func (r *Regexp) FindSubmatch(b []byte) [][]byte {
	re, ok := r.mayBytes(b)
	if !ok {
		return nil
	}
	return re.FindSubmatch(b)
}

// FindSubmatchIndex is regexp.Regexp.FindSubmatchIndex.
func (r *Regexp) FindSubmatchIndex(b []byte) []int {
	re, ok := r.mayBytes(b)
	if !ok {
		return nil
	}
	return re.FindSubmatchIndex(b)
}

// FindAllIndex is regexp.Regexp.FindAllIndex.
func (r *Regexp) FindAllIndex(b []byte, n int) [][]int {
	re, ok := r.mayBytes(b)
	if !ok {
		return nil
	}
	return re.FindAllIndex(b, n)
}

// ReplaceAllString is regexp.Regexp.ReplaceAllString.
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.Get().ReplaceAllString(src, repl)
}

// ReplaceAllLiteralString is regexp.Regexp.ReplaceAllLiteralString.
func (r *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return r.Get().ReplaceAllLiteralString(src, repl)
}

// ReplaceAllStringFunc is regexp.Regexp.ReplaceAllStringFunc.
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.Get().ReplaceAllStringFunc(src, repl)
}

// Split is regexp.Regexp.Split.
func (r *Regexp) Split(s string, n int) []string { return r.Get().Split(s, n) }

// SubexpIndex is regexp.Regexp.SubexpIndex.
func (r *Regexp) SubexpIndex(name string) int { return r.Get().SubexpIndex(name) }

// SubexpNames is regexp.Regexp.SubexpNames.
func (r *Regexp) SubexpNames() []string { return r.Get().SubexpNames() }

// NumSubexp is regexp.Regexp.NumSubexp.
func (r *Regexp) NumSubexp() int { return r.Get().NumSubexp() }
