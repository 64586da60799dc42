package reputation_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heft-dev/heft/reputation"
	"github.com/heft-dev/heft/reputation/reputationtest"
)

// line builds a ledger line around raw event JSON, with a correct
// checksum unless sum is given.
func line(event, sum string) string {
	if sum == "" {
		sum = fmt.Sprintf("%08x", crc32.Checksum([]byte(event), crc32.MakeTable(crc32.Castagnoli)))
	}
	return `{"v":1,"event":` + event + `,"crc32c":"` + sum + `"}` + "\n"
}

// goodLedger writes n events through a FileStore and returns the file's
// bytes.
func goodLedger(t *testing.T, n int) (path string, data []byte) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "ledger.jsonl")
	s := openFile(t, path)
	for i := range n {
		if _, err := s.Append(context.Background(), reputationtest.Event("w", i, 0)); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

func TestFileStoreBadInput(t *testing.T) {
	_, good := goodLedger(t, 4)
	lines := strings.SplitAfter(string(good), "\n")[:4]
	ev3 := `{"seq":3,"time":"2026-03-01T09:02:00Z","subject":{"forge":"github","login":"alice"},"kind":"fork","pr":"o/w#1"}`
	tests := []struct {
		name string
		data string
		want error
		line int
		why  string
	}{
		{"garbage in the middle", lines[0] + "not json\n" + lines[1], reputation.ErrMalformed, 2, "a broken line followed by good ones is corruption, not a crash"},
		{"flipped byte", lines[0] + strings.Replace(lines[1], `"kind":"merged"`, `"kind":"merges"`, 1) + lines[2], reputation.ErrChecksum, 2, "the checksum catches an edit"},
		{"wrong checksum", lines[0] + line(`{"seq":2,"time":"2026-03-01T09:01:00Z","subject":{"forge":"github","login":"alice"},"kind":"vouch"}`, "00000000") + lines[2], reputation.ErrChecksum, 2, "a line whose sum is wrong"},
		{"unknown kind", lines[0] + lines[1] + line(ev3, "") + lines[3], reputation.ErrUnknownKind, 3, "a kind from a newer version or a typo: refuse, do not guess"},
		{"unknown field", lines[0] + line(`{"seq":2,"time":"2026-03-01T09:01:00Z","subject":{"forge":"github","login":"alice"},"kind":"vouch","bonus":5}`, "") + lines[2], reputation.ErrMalformed, 2, "strict decoding"},
		{"invalid event", lines[0] + line(`{"seq":2,"time":"2026-03-01T09:01:00Z","subject":{"forge":"github","login":"alice"},"kind":"closed","pr":"o/r#1"}`, "") + lines[2], reputation.ErrInvalidEvent, 2, "closed without a reason"},
		{"sequence gap", lines[0] + lines[2] + lines[3], reputation.ErrMalformed, 2, "a missing line in the middle"},
		{"duplicated line", lines[0] + lines[1] + lines[1] + lines[2], reputation.ErrMalformed, 3, "seq repeats"},
		{"wrong version", lines[0] + strings.Replace(lines[1], `{"v":1,`, `{"v":2,`, 1) + lines[2], reputation.ErrMalformed, 2, "a line format this version cannot read"},
		{"empty line", lines[0] + "\n" + lines[1], reputation.ErrMalformed, 2, "blank lines are not events"},
		{"unknown kind last", lines[0] + lines[1] + line(ev3, ""), reputation.ErrUnknownKind, 3, "a whole last line from a newer writer is not a torn tail: never set it aside"},
		{"bad checksum last", lines[0] + lines[1] + strings.Replace(lines[2], "o/w#", "o/x#", 1), reputation.ErrChecksum, 3,
			"a whole last line is never a torn write (Append writes its newline last): bit rot on an acknowledged event stops, it is not set aside"},
		{"newer version last", lines[0] + strings.Replace(lines[1], `{"v":1,`, `{"v":2,`, 1), reputation.ErrMalformed, 2, "same for a newer line format"},
		{"huge line", lines[0] + strings.Repeat("x", reputation.DefaultMaxLineBytes+10) + "\n" + lines[1], reputation.ErrTooLarge, 2, "bounded memory per line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ledger.jsonl")
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := reputation.OpenFile(path, nil)
			if err == nil {
				s.Close()
				t.Fatalf("opened a corrupt ledger (%s)", tc.why)
			}
			var le *reputation.LineError
			if !errors.Is(err, tc.want) || !errors.As(err, &le) || le.Line != tc.line || le.Path != path {
				t.Fatalf("error %v, want a *LineError at line %d wrapping %v (%s)", err, tc.line, tc.want, tc.why)
			}
			after, _ := os.ReadFile(path)
			if string(after) != tc.data {
				t.Errorf("opening a corrupt ledger changed it")
			}
		})
	}
}

func TestFileStoreTornTail(t *testing.T) {
	path, good := goodLedger(t, 3)
	last := strings.SplitAfter(string(good), "\n")[2]
	tests := []struct {
		name string
		tail string
		why  string
	}{
		{"half a line", last[:len(last)/2], "the process died inside write"},
		{"no newline", last[:len(last)-1], "the newline did not make it"},
		{"zeros", "\x00\x00\x00\x00\x00\x00\x00\x00", "a file system that extended the file but not its data"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "ledger.jsonl")
			base := strings.Join(strings.SplitAfter(string(good), "\n")[:2], "")
			if err := os.WriteFile(p, []byte(base+tc.tail), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := reputation.OpenFile(p, nil)
			if err != nil {
				t.Fatalf("open with a torn tail: %v (%s)", err, tc.why)
			}
			defer s.Close()
			torn := s.Torn()
			if len(torn) != 1 || torn[0].Line != 3 || torn[0].Offset != int64(len(base)) || torn[0].Bytes != len(tc.tail) {
				t.Fatalf("Torn() = %+v, want one tail at line 3, offset %d, %d bytes", torn, len(base), len(tc.tail))
			}
			saved, _ := os.ReadFile(p + ".torn")
			if !bytes.HasPrefix(saved, []byte(tc.tail)) {
				t.Errorf("torn bytes not saved: %q", saved)
			}
			// The two good events are there, and appending continues at
			// seq 3 on a clean line.
			e, err := s.Append(context.Background(), reputationtest.Event("w", 2, 0))
			if err != nil || e.Seq != 3 {
				t.Fatalf("append after recovery: seq %d, %v", e.Seq, err)
			}
			s2 := openFile(t, p)
			defer s2.Close()
			reputationtest.CheckAcked(t, s2, []string{"w-0", "w-1", "w-2"})
		})
	}
	_ = path
}

// TestFileStoreTornByOtherProcess: a torn tail that appears while a store
// is open (another process crashed) is set aside by the next operation.
func TestFileStoreTornByOtherProcess(t *testing.T) {
	path, _ := goodLedger(t, 2)
	s := openFile(t, path)
	defer s.Close()
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"v":1,"event":{"seq":3,"ti`)
	f.Close()
	evs, err := s.Events(context.Background(), reputationtest.Subjects[0])
	if err != nil || len(evs) != 2 {
		t.Fatalf("Events: %d, %v", len(evs), err)
	}
	if torn := s.Torn(); len(torn) != 1 || torn[0].Reason != "no newline" {
		t.Fatalf("Torn() = %+v", torn)
	}
}

func TestFileStoreLimits(t *testing.T) {
	ctx := context.Background()
	path, good := goodLedger(t, 4)
	if _, err := reputation.OpenFile(path, &reputation.FileOptions{MaxFileBytes: int64(len(good) - 1)}); !errors.Is(err, reputation.ErrTooLarge) {
		t.Errorf("open over MaxFileBytes: %v, want ErrTooLarge", err)
	}
	s, err := reputation.OpenFile(path, &reputation.FileOptions{MaxFileBytes: int64(len(good) + 10)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(ctx, reputationtest.Event("w", 4, 0)); !errors.Is(err, reputation.ErrTooLarge) {
		t.Errorf("append past MaxFileBytes: %v, want ErrTooLarge", err)
	}
	s.Close()
	s, err = reputation.OpenFile(path, &reputation.FileOptions{MaxLineBytes: 100})
	if err == nil {
		s.Close()
		t.Fatal("opened a ledger whose lines exceed MaxLineBytes")
	}
	s = openFile(t, path)
	defer s.Close()
	if _, err := s.Append(ctx, reputationtest.Event("w", 4, reputation.MaxNoteBytes)); err != nil {
		t.Errorf("append of a full-size note: %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.HasPrefix(after, good) {
		t.Errorf("failed appends changed the existing lines")
	}
}

func TestFileStoreShrunk(t *testing.T) {
	path, good := goodLedger(t, 3)
	s := openFile(t, path)
	defer s.Close()
	os.WriteFile(path, good[:10], 0o644)
	if _, err := s.Append(context.Background(), reputationtest.Event("w", 3, 0)); !errors.Is(err, reputation.ErrMalformed) {
		t.Errorf("append to a ledger someone truncated: %v, want ErrMalformed", err)
	}
}
