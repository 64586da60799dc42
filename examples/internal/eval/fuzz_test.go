package eval

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
