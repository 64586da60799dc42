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
// reads at run time (a configuration's), which no test can list; a
// test checks a built-in one's literal test with CheckLiteralTest.
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

// find runs find, a method of regexp.Regexp, on s, unless the literal
// test (see literals.go) shows that s holds no match: then it returns
// find's zero value, which is what each of those methods returns for no
// match.
func find[T any](r *Regexp, s string, find func(*regexp.Regexp, string) T) T {
	re := r.Get()
	if !r.test.may(s) {
		var zero T
		return zero
	}
	return find(re, s)
}

// findN is find for the methods that take a count n.
func findN[T any](r *Regexp, s string, n int, find func(*regexp.Regexp, string, int) T) T {
	re := r.Get()
	if !r.test.may(s) {
		var zero T
		return zero
	}
	return find(re, s, n)
}

// mayBytes reports whether b could hold a match, as find tests a string,
// without copying b.
func (r *Regexp) mayBytes(b []byte) bool {
	return r.test.may(unsafe.String(unsafe.SliceData(b), len(b)))
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
	re := r.Get()
	return r.mayBytes(b) && re.Match(b)
}

// MatchString is regexp.Regexp.MatchString.
func (r *Regexp) MatchString(s string) bool {
	return find(r, s, (*regexp.Regexp).MatchString)
}

// FindString is regexp.Regexp.FindString.
func (r *Regexp) FindString(s string) string {
	return find(r, s, (*regexp.Regexp).FindString)
}

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (r *Regexp) FindStringIndex(s string) []int {
	return find(r, s, (*regexp.Regexp).FindStringIndex)
}

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (r *Regexp) FindStringSubmatch(s string) []string {
	return find(r, s, (*regexp.Regexp).FindStringSubmatch)
}

// FindStringSubmatchIndex is regexp.Regexp.FindStringSubmatchIndex.
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	return find(r, s, (*regexp.Regexp).FindStringSubmatchIndex)
}

// FindAllString is regexp.Regexp.FindAllString.
func (r *Regexp) FindAllString(s string, n int) []string {
	return findN(r, s, n, (*regexp.Regexp).FindAllString)
}

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex.
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return findN(r, s, n, (*regexp.Regexp).FindAllStringIndex)
}

// FindAllStringSubmatch is regexp.Regexp.FindAllStringSubmatch.
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return findN(r, s, n, (*regexp.Regexp).FindAllStringSubmatch)
}

// FindAllStringSubmatchIndex is regexp.Regexp.FindAllStringSubmatchIndex.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return findN(r, s, n, (*regexp.Regexp).FindAllStringSubmatchIndex)
}

// FindAllIndex is regexp.Regexp.FindAllIndex.
func (r *Regexp) FindAllIndex(b []byte, n int) [][]int {
	re := r.Get()
	if !r.mayBytes(b) {
		return nil
	}
	return re.FindAllIndex(b, n)
}

// ReplaceAllString is regexp.Regexp.ReplaceAllString.
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.Get().ReplaceAllString(src, repl)
}

// ReplaceAllStringFunc is regexp.Regexp.ReplaceAllStringFunc.
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.Get().ReplaceAllStringFunc(src, repl)
}

// Split is regexp.Regexp.Split.
func (r *Regexp) Split(s string, n int) []string { return r.Get().Split(s, n) }
