package tokenizer

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"maps"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	tiktoken_loader "github.com/pkoukk/tiktoken-go-loader"
)

// checkAppendBase64 fails t if appendBase64 takes src but decodes it
// otherwise than encoding/base64, or takes what encoding/base64 rejects.
func checkAppendBase64(t *testing.T, src []byte) {
	t.Helper()
	got, ok := appendBase64([]byte("x"), src)
	want, err := base64.StdEncoding.AppendDecode([]byte("x"), src)
	if ok && (err != nil || !bytes.Equal(got, want)) {
		t.Fatalf("appendBase64(%q) = %q, want %q (err %v)", src, got, want, err)
	}
	if !ok && err == nil && !bytes.ContainsAny(src, "\r\n") {
		t.Fatalf("appendBase64(%q) rejected what encoding/base64 decodes to %q", src, want)
	}
}

func TestAppendBase64(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 64))
	for range 20000 {
		b := make([]byte, rng.IntN(20))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		checkAppendBase64(t, []byte(base64.StdEncoding.EncodeToString(b)))
		// The same with a byte replaced: padding in the wrong place,
		// letters outside the alphabet, lengths not a multiple of 4.
		s := []byte(base64.StdEncoding.EncodeToString(b))
		if len(s) > 0 {
			s[rng.IntN(len(s))] = "A=+/-_\r\x00"[rng.IntN(8)]
			checkAppendBase64(t, s)
			checkAppendBase64(t, s[:rng.IntN(len(s))])
		}
	}
}

func TestDecimal(t *testing.T) {
	for _, s := range []string{"0", "7", "199997", "999999999", "", "1000000000", "-1", "+1", "1_0", "x", "01"} {
		v, ok := decimal([]byte(s))
		want, err := strconv.ParseInt(s, 10, 32)
		if ok && (err != nil || int64(v) != want) {
			t.Errorf("decimal(%q) = %d, want %d (err %v)", s, v, want, err)
		}
	}
}

// FuzzAppendBase64 checks appendBase64 against encoding/base64.
func FuzzAppendBase64(f *testing.F) {
	for _, s := range []string{"IQ==", "IQE=", "SGVsbG8h", "IQ=A", "I===", "IR==", "Zm9v\r\n", "-_-_"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkAppendBase64(t, src)
	})
}

// parseRanksString parses the rank file s whole and in two and four
// parts, and fails t unless every way gives the same table or error.
func parseRanksString(t *testing.T, s string) (*rankTable, error) {
	t.Helper()
	r := strings.NewReader(s)
	want, wantErr := parseRanksParts(r, r.Size(), 1, 1)
	for _, parts := range []int{2, 4} {
		got, err := parseRanksParts(r, r.Size(), 1, parts)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Fatalf("in %d parts: error %v, whole %v", parts, err, wantErr)
		}
		if err == nil && !maps.Equal(got.toMap(), want.toMap()) {
			t.Fatalf("in %d parts: a different table", parts)
		}
	}
	return want, wantErr
}

// TestParseRanksParts parses rank files written for the test, whole and
// in parts: tokens in order, ranks out of order, repeated tokens, empty
// and CRLF lines, and a bad line in any part.
func TestParseRanksParts(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 7))
	for round := range 60 {
		n := 1 + rng.IntN(6000)
		var b strings.Builder
		want := map[string]int{}
		for i := range n {
			tok := make([]byte, 1+rng.IntN(8))
			for j := range tok {
				tok[j] = byte(rng.IntN(256))
			}
			if round%3 == 1 && rng.IntN(50) == 0 {
				tok = []byte("repeat") // the last rank stands
			}
			rank := i
			if round%3 == 2 {
				rank = rng.IntN(1 << 20)
			}
			fmt.Fprintf(&b, "%s %d\n", base64.StdEncoding.EncodeToString(tok), rank)
			want[string(tok)] = rank
			switch rng.IntN(200) {
			case 0:
				b.WriteString("\n")
			case 1:
				b.WriteString("IQ== 33\r\n")
				want["!"] = 33
			}
		}
		s := b.String()
		r, err := parseRanksString(t, s)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(r.toMap(), want) {
			t.Fatalf("round %d: the table differs from the file", round)
		}
		for tok, rank := range want {
			if got, ok := r.lookupString(tok); !ok || got != rank {
				t.Fatalf("round %d: lookup(%q) = %d, %v, want %d", round, tok, got, ok, rank)
			}
		}
		if _, ok := r.lookupString("not a token at all"); ok {
			t.Fatalf("round %d: found what is not a token", round)
		}
		// A bad line anywhere: the same error, and line, however cut.
		lines := strings.SplitAfter(s, "\n")
		at := rng.IntN(len(lines) - 1)
		lines[at] = []string{"not-base64! 1\n", "IQ== x\n", "IQ==\n", strings.Repeat("A", 400) + " 1\n"}[rng.IntN(4)]
		if _, err := parseRanksString(t, strings.Join(lines, "")); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("line %d:", at+1)) {
			t.Fatalf("round %d: a bad line %d: error %v", round, at+1, err)
		}
	}
	for _, s := range []string{"", "\n", "IQ== 0", "IQ== 0\n\n\n", "\n\nIQ== 0\nIg== 1"} {
		if _, err := parseRanksString(t, s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
}

// TestRanksAsTiktokenGoLoader compares both embedded vocabularies, as
// parseRanks reads them, with tiktoken-go-loader's own reading of the
// same files.
func TestRanksAsTiktokenGoLoader(t *testing.T) {
	for _, enc := range []Encoding{O200kBase, CL100kBase} {
		want, err := tiktoken_loader.NewOfflineLoader().LoadTiktokenBpe(string(enc) + ".tiktoken")
		if err != nil {
			t.Fatal(err)
		}
		got, err := loadRanks(string(enc) + ".tiktoken")
		if err != nil {
			t.Fatal(err)
		}
		if int(got.n) != len(want) {
			t.Errorf("%s: %d tokens, tiktoken-go-loader %d", enc, int(got.n), len(want))
		}
		for tok, rank := range want {
			if r, ok := got.lookupString(tok); !ok || r != rank {
				t.Fatalf("%s: %q: rank %d, %v; tiktoken-go-loader %d", enc, tok, r, ok, rank)
			}
		}
	}
}

// FuzzParseRanks checks that parsing a rank file in two and four parts
// gives the table, or the error and its line, of parsing it whole.
func FuzzParseRanks(f *testing.F) {
	for _, s := range []string{"IQ== 0\nIg== 1\n", "IQ== 0\nIg== 1\nIQ== 2\n", "IQ== 5\n\nIg== 1\r\nIw== x\n", "IQ==\n", "not-base64! 1\nIQ== 0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := parseRanksString(t, s)
		if err != nil {
			return
		}
		for tok, rank := range r.toMap() {
			if got, ok := r.lookupString(tok); !ok || got != rank {
				t.Fatalf("lookup(%q) = %d, %v, want %d", tok, got, ok, rank)
			}
		}
	})
}
