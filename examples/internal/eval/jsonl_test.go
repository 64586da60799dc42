package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// splitLines is what readLine must return for data under limit maxLine:
// the lines between newlines, nil for a line whose length with its
// newline is over the limit, and no line after a final newline.
func splitLines(data []byte, maxLine int) [][]byte {
	var out [][]byte
	lines := bytes.Split(data, []byte("\n"))
	for i, l := range lines {
		last := i == len(lines)-1
		switch {
		case last && len(l) == 0:
		case len(l)+1 > maxLine && (!last || len(l) > maxLine):
			out = append(out, nil)
		default:
			out = append(out, l)
		}
	}
	return out
}

// readLines reads every line of j, nil for a line skipped as too long.
func readLines(t *testing.T, j *JSONLines) [][]byte {
	t.Helper()
	var out [][]byte
	for {
		line, err := j.readLine()
		var se *SkipError
		switch {
		case err == io.EOF:
			return out
		case errors.As(err, &se):
			if se.Reason != ReasonTooLarge || se.Pos != fmt.Sprintf("f:%d", len(out)+1) {
				t.Fatalf("line %d: skip %v", len(out)+1, se)
			}
			out = append(out, nil)
		case err != nil:
			t.Fatalf("line %d: %v", len(out)+1, err)
		default:
			out = append(out, bytes.Clone(line)) // valid until the next call only
		}
	}
}

// FuzzReadLine compares the JSON Lines reader's lines with a split of the
// whole input, with buffers that start at 1 to 64 bytes, so that lines
// move to the front of the buffer and grow it, and reads of one byte or
// of any length.
func FuzzReadLine(f *testing.F) {
	f.Add([]byte("{\"a\": 1}\n\n{\"b\": 2}\r\nlast"), uint16(8), uint8(3), false)
	f.Add([]byte(strings.Repeat("x", 100)+"\nshort\n"+strings.Repeat("y", 40)), uint16(40), uint8(1), true)
	f.Add([]byte("exact\nexact6\n"), uint16(6), uint8(2), false)
	f.Fuzz(func(t *testing.T, data []byte, maxLine uint16, size uint8, oneByte bool) {
		limit := int(maxLine%300) + 1
		var r io.Reader = bytes.NewReader(data)
		if oneByte {
			r = iotest.OneByteReader(r)
		}
		j := newJSONLines(r, "f", limit, int(size%64)+1)
		got := readLines(t, j)
		if want := splitLines(data, limit); !linesEqual(got, want) {
			t.Fatalf("limit %d:\n got %q\nwant %q", limit, got, want)
		}
		if c := cap(j.buf); c > max(int(size%64)+1, limit+1) {
			t.Fatalf("limit %d: the buffer grew to %d bytes", limit, c)
		}
	})
}

func linesEqual(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if (a[i] == nil) != (b[i] == nil) || !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// TestJSONLinesLongRecords reads a dataset the shape of pull requests
// with diffs: small records among records of 100 KiB to 3 MiB whose diff
// is mostly escapes (newlines, tabs, quotes), one over the limit. Each is
// decoded as json.Unmarshal decodes its line, and the reader's buffer
// ends no larger than the line limit and one byte.
func TestJSONLinesLongRecords(t *testing.T) {
	diff := func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "+\tfmt.Println(\"line %d: caf\u00e9\")\n", i)
		}
		return b.String()
	}
	var data bytes.Buffer
	var want []Record
	for i, size := range []int{10, 100 << 10, 10, 3 << 20, 1 << 20, 10, 5 << 20, 10} {
		r := Record{ID: fmt.Sprintf("o/r#%d", i), Title: "t", Body: "fixes #1", Diff: diff(size)}
		line, err := json.Marshal(r)
		require.NoError(t, err)
		data.Write(line)
		data.WriteByte('\n')
		if size < 4<<20 {
			var w Record
			require.NoError(t, json.Unmarshal(line, &w))
			want = append(want, w)
		}
	}
	j := NewJSONLines(iotest.HalfReader(bytes.NewReader(data.Bytes())), "prs.jsonl", 4<<20)
	recs, skips := drain(t, j)
	require.Len(t, skips, 1)
	assert.Equal(t, "prs.jsonl:7", skips[0].Pos)
	assert.Equal(t, ReasonTooLarge, skips[0].Reason)
	require.Len(t, recs, len(want))
	for i := range recs {
		require.Equal(t, want[i].Diff, recs[i].Diff, "record %d", i)
		assert.Equal(t, want[i].ID, recs[i].ID)
	}
	// The longest line decoded is a little over 3 MiB, which a buffer of
	// 4 MiB holds (64 KiB doubled 6 times); the line over the 4 MiB limit
	// grew it to the limit and one byte, not beyond.
	assert.Equal(t, 4<<20+1, len(j.buf))
}
