package main

import (
	"math"
	"strings"
	"testing"
)

// TestReadAtMost checks the limit the score and tokens commands and
// their --body and --template files share: an input of exactly limit
// bytes passes, one byte more fails, and math.MaxInt64 does not overflow.
func TestReadAtMost(t *testing.T) {
	tests := []struct {
		in      string
		limit   int64
		wantErr string
	}{
		{in: "12345", limit: 5},
		{in: "123456", limit: 5, wantErr: "in.txt is over the 5-byte limit (--max-bytes)"},
		{in: "", limit: 0},
		{in: "x", limit: 0, wantErr: "in.txt is over the 0-byte limit (--max-bytes)"},
		{in: "anything", limit: math.MaxInt64},
	}
	for _, tt := range tests {
		b, err := readAtMost(strings.NewReader(tt.in), "in.txt", tt.limit, "(--max-bytes)")
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("readAtMost(%q, %d): %v", tt.in, tt.limit, err)
		case tt.wantErr == "" && string(b) != tt.in:
			t.Errorf("readAtMost(%q, %d) = %q", tt.in, tt.limit, b)
		case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
			t.Errorf("readAtMost(%q, %d) error = %v, want %q", tt.in, tt.limit, err, tt.wantErr)
		}
	}
}

// TestByteLimit checks that limits read as heft's docs write sizes.
func TestByteLimit(t *testing.T) {
	for n, want := range map[int64]string{
		5:         "5-byte",
		1000:      "1,000-byte",
		1024:      "1 KiB (1,024-byte)",
		256 << 10: "256 KiB (262,144-byte)",
		4 << 20:   "4 MiB (4,194,304-byte)",
		1 << 30:   "1 GiB (1,073,741,824-byte)",
		1<<20 + 1: "1,048,577-byte",
	} {
		if got := byteLimit(n); got != want {
			t.Errorf("byteLimit(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestBinaryText checks what counts as a binary file: a NUL byte, or
// mostly bytes that are not UTF-8; Latin-1 prose and short text are text.
func TestBinaryText(t *testing.T) {
	tests := []struct {
		name, in string
		binary   bool
	}{
		{"utf-8 prose", "Café crème — naïve résumé 🤖\n", false},
		{"latin-1 prose", "Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9, still text\n", false},
		{"nul", "GIF89a\x00\x01", true},
		{"random high bytes", strings.Repeat("\xe9\x81\xff\xfe", 20), true},
		{"short invalid", "\xff\xfe", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := binaryText([]byte(tt.in)) != ""; got != tt.binary {
			t.Errorf("%s: binary = %v, want %v (%q)", tt.name, got, tt.binary, binaryText([]byte(tt.in)))
		}
	}
}
