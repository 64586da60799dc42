package lazyre_test

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"sync"
	"testing"

	"github.com/heft-dev/heft/internal/lazyre"
)

var wordRE = lazyre.New(`\w+`)

func Example() {
	// Nothing is compiled until the first call.
	fmt.Println(wordRE.FindAllString("two words", -1))
	// Output: [two words]
}

func TestConcurrentFirstUse(t *testing.T) {
	re := lazyre.New(`a+b`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !re.MatchString("xaab") {
				t.Error("no match")
			}
		})
	}
	wg.Wait()
}

func TestCompile(t *testing.T) {
	if err := lazyre.New(`(`).Compile(); err == nil {
		t.Error("Compile of a bad expression: no error")
	}
	re := lazyre.New(`x`)
	if err := re.Compile(); err != nil || re.String() != "x" || !re.MatchString("x") {
		t.Errorf("Compile = %v", err)
	}
}

func TestCompileAll(t *testing.T) {
	lazyre.New(`[`)
	if err := lazyre.CompileAll(); err == nil {
		t.Fatal("CompileAll with a bad expression: no error")
	}
}

// TestParts checks which parts of an expression Parts says every match
// holds, by their literals ("" for a part that is not one).
func TestParts(t *testing.T) {
	for _, tt := range []struct {
		name, expr string
		want       []string
	}{
		{"a literal is its own part", `hello`, []string{"hello"}},
		{"a concatenation's parts", `foo\d+bar`, []string{"foo", "", "bar"}},
		{"captures are taken off, outside and inside", `(foo(bar)\d)`, []string{"foo", "bar", ""}},
		{"an alternation is one part", `foo|bar`, []string{""}},
	} {
		re, err := syntax.Parse(tt.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range lazyre.Parts(re.Simplify()) {
			lit := ""
			if p.Op == syntax.OpLiteral {
				lit = string(p.Rune)
			}
			got = append(got, lit)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Parts(%q) literals = %q, want %q", tt.name, tt.expr, got, tt.want)
		}
	}
}

// TestCompileNow: an expression compiled at run time reports a bad pattern
// as an error and finds what New's does.
func TestCompileNow(t *testing.T) {
	if _, err := lazyre.Compile(`(`); err == nil {
		t.Fatal("lazyre.Compile(`(`): no error")
	}
	r, err := lazyre.Compile(`(?i)\bgpt-?4o?\b`)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"used GPT-4o here", "gpt4", "nothing here", "a gpt-5 model"} {
		if got, want := r.MatchString(s), regexp.MustCompile(r.String()).MatchString(s); got != want {
			t.Errorf("MatchString(%q) = %v, want %v", s, got, want)
		}
	}
}
