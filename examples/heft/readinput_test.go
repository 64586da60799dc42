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
