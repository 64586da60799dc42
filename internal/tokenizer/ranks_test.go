package tokenizer

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"strconv"
	"testing"
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
