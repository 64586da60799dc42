package eval

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heft-dev/heft/internal/lineartest"
)

// BenchmarkWorstCaseJSONL reads JSON Lines datasets of 64 KiB, 256 KiB and
// 1 MiB: many tiny records, and one record whose description and diff are
// all escapes (no record may exceed the line limit). See lineartest.
func BenchmarkWorstCaseJSONL(b *testing.B) {
	cases := []lineartest.Case{
		{Name: "tiny-records", Gen: func(size int) string {
			var s strings.Builder
			for i := 0; s.Len() < size; i++ {
				fmt.Fprintf(&s, "{\"id\": \"o/r#%d\", \"title\": \"t\", \"merged\": true}\n", i)
			}
			return s.String()
		}},
		{Name: "escaped-record", Gen: func(size int) string {
			return `{"id": "o/r#1", "title": "t", "merged": true, "body": "` + strings.Repeat(`\"\\\u00e9\n`, size/16) + `"}` + "\n"
		}},
	}
	lineartest.Run(b, 64<<10, cases, func(in string) error {
		src := NewJSONLines(strings.NewReader(in), "b", 8<<20)
		for {
			if _, err := src.Next(); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
		}
	})
}

// BenchmarkWorstCaseAIDev reads AIDev CSV folders of 64 KiB, 256 KiB and
// 1 MiB of pull requests: many tiny pull requests with a commit each, and
// one whose description is all doubled quotes and line breaks inside one
// quoted field. See lineartest.
func BenchmarkWorstCaseAIDev(b *testing.B) {
	const header = "id,number,title,user,user_id,state,created_at,closed_at,merged_at,repo_url,html_url,body\n"
	row := func(i int, body string) string {
		return fmt.Sprintf("%d,%d,t,ada,1,closed,2025-05-12T03:00:00Z,2025-05-12T09:00:00Z,,https://api.github.com/repos/o/r,https://github.com/o/r/pull/%d,\"%s\"\n", i, i, i, body)
	}
	cases := []lineartest.Case{
		{Name: "tiny-prs", Gen: func(size int) string {
			var s strings.Builder
			s.WriteString(header)
			for i := 1; s.Len() < size; i++ {
				s.WriteString(row(i, "b"))
			}
			return s.String()
		}},
		{Name: "quoted-body", Gen: func(size int) string {
			return header + row(1, strings.Repeat("\"\"\n,", size/4))
		}},
	}
	dir := b.TempDir()
	dirs := map[int]string{}
	lineartest.Run(b, 64<<10, cases, func(in string) error {
		d, ok := dirs[len(in)]
		if !ok {
			d = filepath.Join(dir, fmt.Sprint(len(dirs)))
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			commits := "pr_id,sha,author,committer,message\n1,abc,ada,ada,m\n"
			for name, data := range map[string]string{"prs.csv": in, "pr_commits.csv": commits} {
				if err := os.WriteFile(filepath.Join(d, name), []byte(data), 0o644); err != nil {
					return err
				}
			}
			dirs[len(in)] = d
		}
		a, err := OpenAIDev(d, nil)
		if err != nil {
			return err
		}
		defer a.Close()
		for {
			if _, err := a.Next(); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
		}
	})
}
