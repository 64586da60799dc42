package verbosity

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/heft-dev/heft/internal/scorertest"
)

// TestDeclMatches checks that declMatches finds what
// declRE.FindAllStringSubmatch(text, 4) finds: made-up lines built from
// declarations in many languages, their keywords inside other words,
// near misses and non-ASCII bytes.
func TestDeclMatches(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 13))
	matched := 0
	for range 30000 {
		text := scorertest.Pieces(r, declFrags, 12, 0)
		want := declRE.FindAllStringSubmatch(text, 4)
		if got := declMatches(text); !reflect.DeepEqual(got, want) {
			t.Fatalf("declMatches(%q)\n got %q\nwant %q", text, got, want)
		}
		if len(want) > 1 {
			matched++
		}
	}
	if matched < 1000 {
		t.Errorf("only %d texts with two or more declarations: the fragments test too little", matched)
	}
}

// declFrags are the pieces TestDeclMatches builds lines from.
var declFrags = []string{
	"func", "func (s *Server) ", "def ", "class ", "type ", "struct ", "interface ", "enum ", "trait ", "fn ", "function ",
	"module ", "protocol ", "record ", "object ", "public ", "private ", "static ", "async ", "export ", "default ",
	"const ", "let ", "var ", "pub ", "Foo", "bar_baz", "$x", "(", ")", "<T>", "[]", ",", ".", "?", "=", " = ", " ",
	"\t", "  ", "=> ", "async (", "function(", "{", "}", ";", "// ", "# ", "x", "_", "é", "\u00a0", "\xff", "ffn ",
	"typedef ", "undef ", "defn ", "functional ", "classes ", "restructure ", "myfunc ", "a.func ", "-fn ", "$def ",
	"record", "objects", "enumerate ", "(func ", "\"class ", "'def ",
}
