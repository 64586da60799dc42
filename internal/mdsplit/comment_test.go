package mdsplit

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// tokenizerComment is onlyComment by the x/net/html tokenizer: the
// length of the first token when it is a comment and every later token
// is white space, else 0.
func tokenizerComment(raw []byte) int {
	z := html.NewTokenizer(bytes.NewReader(raw))
	z.SetMaxBuf(0)
	if z.Next() != html.CommentToken {
		return 0
	}
	n := len(z.Raw())
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.TextToken:
			if strings.Trim(string(z.Raw()), " \t\n\r\f") == "" {
				continue
			}
		}
		return 0
	}
}

// TestOnlyComment: onlyComment takes a comment standing alone, and only
// that, as the tokenizer reads it.
func TestOnlyComment(t *testing.T) {
	for _, s := range commentSeeds() {
		got := onlyComment([]byte(s))
		if got != 0 && got != tokenizerComment([]byte(s)) {
			t.Errorf("onlyComment(%q) = %d, the tokenizer's comment is %d bytes", s, got, tokenizerComment([]byte(s)))
		}
	}
	if onlyComment([]byte("<!-- a -->\n")) == 0 {
		t.Error("onlyComment refused a plain comment")
	}
}

// FuzzOnlyComment: what onlyComment takes, the tokenizer reads as one
// comment of the same length and white space.
func FuzzOnlyComment(f *testing.F) {
	for _, s := range commentSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if got := onlyComment(raw); got != 0 && got != tokenizerComment(raw) {
			t.Errorf("onlyComment(%q) = %d, the tokenizer's comment is %d bytes", raw, got, tokenizerComment(raw))
		}
	})
}

// TestPlainHeading: a heading plainHeading passes is one cleanHeading
// leaves as it is: a list, then random strings over the bytes that
// matter.
func TestPlainHeading(t *testing.T) {
	check := func(s string) {
		if plainHeading(s) && cleanHeading(s) != s {
			t.Fatalf("plainHeading(%q), but cleanHeading gives %q", s, cleanHeading(s))
		}
	}
	for _, s := range []string{"Summary", "Test plan", " Summary", "Summary ", "a  b", "a\tb", "a_b", "[a](b)", "**a**", "~a~", "é", "a\u00a0b", "", "Why: it `helps`"} {
		check(s)
	}
	if !plainHeading("Test plan") {
		t.Error(`plainHeading("Test plan") = false`)
	}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "ab !()[]*_~\t\n\v`#"
	for range 20000 {
		b := make([]byte, r.IntN(8))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		check(string(b))
	}
}

// commentSeeds are HTML blocks around a comment: alone, with white
// space or text after it, nested, unclosed, and each way the tokenizer
// ends a comment.
func commentSeeds() []string {
	return []string{
		"<!-- a comment -->", "<!-- a comment -->\n", "<!-- a -->  \n\t", "<!---->", "<!-->", "<!--->",
		"<!-- a --!> b -->", "<!-- a - b -- c -->", "<!-- a --> b", "<!-- a --><!-- b -->", "<!-- a", "<!-- a --",
		"<!-- <!-- a --> -->", "<!-- a --!>", "<!-- a ->", " <!-- a -->", "<!-- a -->\u00a0", "<!-- é -->",
		"<!--\n- [ ] a\n-->\n", "<!-- a --\n>", "<!-- a ---->", "<!-- a --!-->",
	}
}
