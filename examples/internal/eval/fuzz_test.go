package eval

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzJSONLines: any input is read to the end without a panic; every
// non-blank line is either a record or a skip with its line number (a
// line over the limit is skipped unread, blank or not).
func FuzzJSONLines(f *testing.F) {
	seed, err := os.ReadFile("testdata/contributions.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed[:min(len(seed), 4096)])
	f.Add([]byte("{\"title\": \"a\"}\n\n{\"merged\": \"yes\"}\r\n[]\n"))
	f.Add([]byte("{\"timeline\": [{\"kind\": \"comment\", \"time\": \"not a time\"}]}"))
	f.Add([]byte(`{"opened":"2025-03-01T09:00:00Z","closed":"2025-03-01T08:00:00Z","timeline":[{"kind":"review","state":"changes_requested","actor":{"login":"m","association":"OWNER"}},{"kind":"commit"}]}`))
	f.Add([]byte(`{"outcomes":{"review_comments":-3,"time_to_close_hours":1e308}}`))
	f.Add([]byte("\xff\xfe{}\n" + strings.Repeat("x", 300)))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := NewJSONLines(bytes.NewReader(data), "f", 256)
		lines := 0
		for line := range bytes.SplitSeq(data, []byte("\n")) {
			if len(bytes.TrimSpace(line)) > 0 || len(line) > 256 {
				lines++
			}
		}
		n := 0
		for {
			r, err := src.Next()
			if err == io.EOF {
				break
			}
			var se *SkipError
			switch {
			case errors.As(err, &se):
				if !strings.HasPrefix(se.Pos, "f:") {
					t.Fatalf("skip without a line: %v", se)
				}
			case err != nil:
				t.Fatalf("unexpected error: %v", err)
			default:
				if !strings.HasPrefix(r.Pos, "f:") {
					t.Fatalf("record without a line: %q", r.Pos)
				}
				if r.Outcomes != nil {
					if err := r.Outcomes.validate(); err != nil {
						t.Fatalf("%s: derived %v", r.Pos, err)
					}
				}
			}
			n++
			if n > lines {
				t.Fatalf("%d results from %d non-blank lines", n, lines)
			}
		}
	})
}

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

// FuzzAIDev: any prs.csv and pr_commits.csv are read without a panic or
// a hang, bad rows skipped with a position.
func FuzzAIDev(f *testing.F) {
	prs, err := os.ReadFile("testdata/aidev/Copilot/prs.csv")
	if err != nil {
		f.Fatal(err)
	}
	commits, err := os.ReadFile("testdata/aidev/Copilot/pr_commits.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(prs, commits)
	f.Add([]byte("id,title,body,state,merged_at\n1,a,\"b\nc\",closed,\n"), []byte("pr_id,message\n1,\"x\n2,y\n"))
	f.Add([]byte("id,title,body,state,merged_at\n"), []byte("pr_id\n"))
	f.Fuzz(func(t *testing.T, prs, commits []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, aidevPRs), prs, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, aidevCommits), commits, 0o644); err != nil {
			t.Fatal(err)
		}
		a, err := OpenAIDev(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		for range 10000 {
			_, err := a.Next()
			if err == io.EOF {
				return
			}
			var se *SkipError
			if err != nil && !errors.As(err, &se) {
				t.Fatalf("unexpected error: %v", err)
			}
		}
		t.Fatal("no end after 10000 records")
	})
}

// FuzzParseOutcomes: any list parses to known outcomes without repeats,
// or fails with ErrUnknownOutcome.
func FuzzParseOutcomes(f *testing.F) {
	f.Add("review_comments")
	f.Add("all,time_to_close, ,first_response")
	f.Add("effort,")
	f.Fuzz(func(t *testing.T, list string) {
		got, err := ParseOutcomes(list)
		if err != nil {
			if !errors.Is(err, ErrUnknownOutcome) {
				t.Fatalf("error %v does not wrap ErrUnknownOutcome", err)
			}
			return
		}
		seen := map[Outcome]bool{}
		for _, o := range got {
			if seen[o] || o.Unit() == "" || !slices.Contains(AllOutcomes(), o) {
				t.Fatalf("ParseOutcomes(%q) = %v", list, got)
			}
			seen[o] = true
		}
	})
}
