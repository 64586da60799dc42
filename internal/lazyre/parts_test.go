package lazyre

import (
	"regexp/syntax"
	"slices"
	"testing"
)

func TestParts(t *testing.T) {
	tests := []struct {
		name, expr string
		want       []string // the literal parts, "" for any other
	}{
		{"a literal is its own part", `hello`, []string{"hello"}},
		{"a concatenation's parts", `foo\d+bar`, []string{"foo", "", "bar"}},
		{"captures are taken off, outside and inside", `(foo(bar)\d)`, []string{"foo", "bar", ""}},
		{"an alternation is one part", `foo|bar`, []string{""}},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range Parts(re.Simplify()) {
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
