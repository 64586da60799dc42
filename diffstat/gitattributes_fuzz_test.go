package diffstat_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/heft-dev/heft/diffstat"
)

// FuzzParseGitAttributes checks that no .gitattributes text makes the
// parser panic, that its errors are a *diffstat.ParseError naming a line
// of the input and wrapping diffstat.ErrBadAttributes,
// and that every attribute it returns has a line inside the input and at
// least one linguist setting, and classifies paths without panicking. (An
// empty quoted pattern, `"" linguist-vendored`, is kept and matches
// nothing, as in git.) Seeds are under testdata/fuzz/FuzzParseGitAttributes.
func FuzzParseGitAttributes(f *testing.F) {
	f.Add("*.gen.ts linguist-generated\n/api/** linguist-generated=true\n")
	f.Add("docs/*.go -linguist-documentation\n\"a b/*\" !linguist-vendored\n")
	f.Add("[attr]binary -diff\n# comment\n!x linguist-generated\n")
	f.Fuzz(func(t *testing.T, in string) {
		attrs, err := diffstat.ParseGitAttributes(strings.NewReader(in))
		if err != nil {
			var pe *diffstat.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, diffstat.ErrBadAttributes) || pe.Line < 1 || pe.Line > strings.Count(in, "\n")+1 {
				t.Fatalf("error does not say what and where: %v", err)
			}
			return
		}
		lines := strings.Count(in, "\n") + 1
		for _, a := range attrs {
			if a.Line < 1 || a.Line > lines {
				t.Fatalf("attribute %+v out of an input of %d lines", a, lines)
			}
			if a.Generated == nil && a.Vendored == nil && a.Documentation == nil {
				t.Fatalf("attribute %+v sets nothing", a)
			}
		}
		c := diffstat.Classifier{Attributes: attrs}
		for _, p := range []string{"x", "api/v1/x.go", "a b/c", "docs/x.go"} {
			c.Classify(p, nil)
		}
	})
}
