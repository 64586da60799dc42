// Package reputationtest checks that a reputation.Store keeps the Store
// contract, in one goroutine, many goroutines and many processes. Every
// store in heft passes it, and so can a third party's:
//
//	func TestStore(t *testing.T) {
//		reputationtest.Run(t, func(t *testing.T) (reputation.Store, reputationtest.Reopen) {
//			s := mystore.Open(...)
//			return s, func(t *testing.T) reputation.Store { return mystore.Open(...) }
//		})
//	}
//
// Stores shared between processes also run Spawn and Crash, which
// re-execute the test binary as child processes; the test binary's
// TestMain must call Child first.
package reputationtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heft-dev/heft/reputation"
)

// Reopen returns another handle on the same storage as the store it came
// with, as a second process would open it.
type Reopen func(t *testing.T) reputation.Store

// Opener returns a new, empty store, and a Reopen for it or nil when the
// store cannot be opened twice (a MemoryStore). Run closes what it opens.
type Opener func(t *testing.T) (reputation.Store, Reopen)

// Goroutines and PerGoroutine size Run's concurrency check.
const (
	Goroutines   = 8
	PerGoroutine = 25
)

// Base is the time of the first event the helpers write.
var Base = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// Subjects are the contributors the helpers write events about.
var Subjects = []reputation.Subject{
	{Forge: "github", Login: "alice"},
	{Forge: "github", Login: "bob"},
	{Forge: "gitlab", Login: "alice"},
}

// Event returns the i-th event of writer w: a deterministic mix, in
// groups of four events about one of Subjects, of a PR opened, the same
// PR merged or closed (as duplicate, spam or not planned), a second PR
// opened and left open, and an adjustment; the merge or close carries
// an ID. Its Note starts with an ID unique to (w, i) and is padded to pad
// bytes.
func Event(w string, i, pad int) reputation.Event {
	g := i / 4
	s := Subjects[g%len(Subjects)]
	e := reputation.Event{Time: Base.Add(time.Duration(i) * time.Minute), Subject: s, PR: fmt.Sprintf("o/%s#%d", w, 2*g)}
	switch i % 4 {
	case 0:
		e.Kind, e.Size = reputation.KindOpened, 10+(i*37)%900
	case 1:
		e.ID = fmt.Sprintf("%s:%d:settled", e.PR, g)
		switch g % 4 {
		case 0:
			e.Kind = reputation.KindMerged
		default:
			e.Kind = reputation.KindClosed
			e.Reason = []reputation.Reason{reputation.ReasonDuplicate, reputation.ReasonSpam, reputation.ReasonNotPlanned}[g%4-1]
		}
	case 2:
		e.Kind, e.Size, e.PR = reputation.KindOpened, 5+(i*53)%400, fmt.Sprintf("o/%s#%d", w, 2*g+1)
	case 3:
		e.Kind, e.PR, e.Actor = reputation.KindAdjust, "", "maint"
		e.Points = float64(g%7) - 3
		if e.Points == 0 {
			e.Points = 1
		}
	}
	e.Note = fmt.Sprintf("%s-%d", w, i)
	if pad > len(e.Note) {
		e.Note += " " + strings.Repeat("x", pad-len(e.Note)-1)
	}
	return e
}

// noteID is the unique part of a note Event wrote.
func noteID(note string) string {
	id, _, _ := strings.Cut(note, " ")
	return id
}

// Run checks the store Opener returns: appends are read back whole and in
// order, subjects are kept apart and normalized, invalid events are
// rejected and not stored, concurrent appends all land with unique Seqs,
// a ledger over the store gives the balance a serial replay gives, a
// second handle sees the first one's events, and a closed store fails with
// ErrClosed.
func Run(t *testing.T, open Opener) {
	t.Helper()
	ctx := context.Background()
	fresh := func(t *testing.T) (reputation.Store, Reopen) {
		s, re := open(t)
		t.Cleanup(func() { s.Close() })
		return s, re
	}

	t.Run("append-read", func(t *testing.T) {
		s, _ := fresh(t)
		var want []reputation.Event
		for i := range 12 {
			e, err := s.Append(ctx, Event("w", i, 0))
			if err != nil {
				t.Fatalf("append %d: %v", i, err)
			}
			if e.Seq <= 0 {
				t.Fatalf("append %d: seq %d, want > 0", i, e.Seq)
			}
			want = append(want, e)
		}
		for _, subj := range Subjects {
			got, err := s.Events(ctx, subj)
			if err != nil {
				t.Fatal(err)
			}
			var exp []reputation.Event
			for _, e := range want {
				if e.Subject == subj {
					exp = append(exp, e)
				}
			}
			if !reflect.DeepEqual(got, exp) {
				t.Fatalf("Events(%s):\n got %+v\nwant %+v", subj, got, exp)
			}
		}
		checkSeqs(t, s)
	})

	t.Run("normalized-subject", func(t *testing.T) {
		s, _ := fresh(t)
		e := Event("w", 0, 0)
		if _, err := s.Append(ctx, e); err != nil {
			t.Fatal(err)
		}
		got, err := s.Events(ctx, reputation.Subject{Forge: " GitHub", Login: "@Alice "})
		if err != nil || len(got) != 1 {
			t.Fatalf("Events with a non-normalized subject: %d events, %v; want 1", len(got), err)
		}
		got, err = s.Events(ctx, reputation.Subject{Forge: "github", Login: "nobody"})
		if err != nil || len(got) != 0 {
			t.Fatalf("Events of an unknown subject: %v, %v; want none", got, err)
		}
	})

	t.Run("invalid-rejected", func(t *testing.T) {
		s, _ := fresh(t)
		bad := []struct {
			name string
			e    reputation.Event
			want error
		}{
			{"unknown kind", reputation.Event{Time: Base, Subject: Subjects[0], Kind: "fork"}, reputation.ErrUnknownKind},
			{"no time", reputation.Event{Subject: Subjects[0], Kind: reputation.KindVouch}, reputation.ErrInvalidEvent},
			{"not normalized", reputation.Event{Time: Base, Subject: reputation.Subject{Forge: "github", Login: "Alice"}, Kind: reputation.KindVouch}, reputation.ErrInvalidEvent},
			{"closed without reason", reputation.Event{Time: Base, Subject: Subjects[0], Kind: reputation.KindClosed, PR: "o/r#1"}, reputation.ErrInvalidEvent},
			{"adjust without note", reputation.Event{Time: Base, Subject: Subjects[0], Kind: reputation.KindAdjust, Points: 3}, reputation.ErrInvalidEvent},
			{"negative size", reputation.Event{Time: Base, Subject: Subjects[0], Kind: reputation.KindOpened, PR: "o/r#1", Size: -1}, reputation.ErrInvalidEvent},
			{"note too long", reputation.Event{Time: Base, Subject: Subjects[0], Kind: reputation.KindVouch, Note: strings.Repeat("n", reputation.MaxNoteBytes+1)}, reputation.ErrInvalidEvent},
		}
		for _, tc := range bad {
			if _, err := s.Append(ctx, tc.e); !errors.Is(err, tc.want) {
				t.Errorf("%s: Append error %v, want %v", tc.name, err, tc.want)
			}
		}
		for _, subj := range Subjects {
			if got, err := s.Events(ctx, subj); err != nil || len(got) != 0 {
				t.Errorf("after rejected appends, Events(%s) = %d events, %v; want none", subj, len(got), err)
			}
		}
	})

	t.Run("concurrent", func(t *testing.T) {
		s, _ := fresh(t)
		var wg sync.WaitGroup
		acked := make([][]reputation.Event, Goroutines)
		errs := make([]error, Goroutines)
		for g := range Goroutines {
			wg.Go(func() {
				for i := range PerGoroutine {
					e, err := s.Append(ctx, Event("g"+strconv.Itoa(g), i, 0))
					if err != nil {
						errs[g] = err
						return
					}
					acked[g] = append(acked[g], e)
				}
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		var acks []string
		for _, es := range acked {
			for _, e := range es {
				acks = append(acks, noteID(e.Note))
			}
		}
		CheckAcked(t, s, acks)
		CheckReplay(t, s)
	})

	t.Run("reopen", func(t *testing.T) {
		s, reopen := fresh(t)
		if reopen == nil {
			t.Skip("the store cannot be opened twice")
		}
		if _, err := s.Append(ctx, Event("first", 0, 0)); err != nil {
			t.Fatal(err)
		}
		s2 := reopen(t)
		defer s2.Close()
		if got, err := s2.Events(ctx, Subjects[0]); err != nil || len(got) != 1 {
			t.Fatalf("second handle sees %d events, %v; want 1", len(got), err)
		}
		for i := 1; i < 9; i++ {
			h := []reputation.Store{s, s2}[i%2]
			if _, err := h.Append(ctx, Event("first", i, 0)); err != nil {
				t.Fatal(err)
			}
		}
		for _, h := range []reputation.Store{s, s2} {
			var acks []string
			for i := range 9 {
				acks = append(acks, fmt.Sprintf("first-%d", i))
			}
			CheckAcked(t, h, acks)
		}
	})

	t.Run("closed", func(t *testing.T) {
		s, _ := fresh(t)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Append(ctx, Event("w", 0, 0)); !errors.Is(err, reputation.ErrClosed) {
			t.Errorf("Append after Close: %v, want ErrClosed", err)
		}
		if _, err := s.Events(ctx, Subjects[0]); !errors.Is(err, reputation.ErrClosed) {
			t.Errorf("Events after Close: %v, want ErrClosed", err)
		}
	})

	t.Run("ledger", func(t *testing.T) {
		s, _ := fresh(t)
		l, err := reputation.New(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		bob := reputation.Subject{Login: "Bob"}
		for _, e := range []reputation.Event{
			{Time: Base, Subject: bob, Kind: reputation.KindOpened, PR: "o/r#1", Size: 100},
			{Time: Base.Add(time.Hour), Subject: bob, Kind: reputation.KindMerged, PR: "o/r#1"},
			{Time: Base.Add(2 * time.Hour), Subject: bob, Kind: reputation.KindOpened, PR: "o/r#2", Size: 400},
		} {
			if _, err := l.Record(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		b, err := l.Balance(ctx, bob, Base.Add(3*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		// Grant 30, merge reward 2 (three hours of decay are below a
		// hundredth), 400 lines held: 0.85·20 = 17.
		if b.Points != 15 || b.Held != 17 || b.Merged != 1 || b.Open != 1 {
			t.Errorf("balance %+v, want 15 points, 17 held, 1 merged, 1 open", b)
		}
	})
}

// checkSeqs checks that Seqs are positive and unique across Subjects and
// increasing within each.
func checkSeqs(t *testing.T, s reputation.Store) {
	t.Helper()
	seen := map[int64]bool{}
	for _, subj := range Subjects {
		evs, err := s.Events(context.Background(), subj)
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range evs {
			if e.Seq <= 0 || seen[e.Seq] || i > 0 && e.Seq <= evs[i-1].Seq {
				t.Fatalf("Events(%s): seq %d at %d is not positive, unique and increasing", subj, e.Seq, i)
			}
			seen[e.Seq] = true
		}
	}
}

// CheckAcked checks that every acknowledged note ID (the part of an
// Event note before the padding) is in the store exactly once, and that
// Seqs are unique and increasing.
func CheckAcked(t *testing.T, s reputation.Store, acks []string) {
	t.Helper()
	count := map[string]int{}
	for _, subj := range Subjects {
		evs, err := s.Events(context.Background(), subj)
		if err != nil {
			t.Fatalf("Events(%s): %v", subj, err)
		}
		for _, e := range evs {
			count[noteID(e.Note)]++
		}
	}
	missing := 0
	for _, a := range acks {
		if count[a] != 1 {
			missing++
			if missing <= 5 {
				t.Errorf("acknowledged event %s is stored %d times, want once", a, count[a])
			}
		}
	}
	if missing > 0 {
		t.Fatalf("%d of %d acknowledged events missing or duplicated", missing, len(acks))
	}
	checkSeqs(t, s)
}

// CheckReplay checks that a ledger over s gives every subject the same
// explanation as a ledger over a MemoryStore fed the same events serially,
// in s's Seq order, at several times.
func CheckReplay(t *testing.T, s reputation.Store) {
	t.Helper()
	ctx := context.Background()
	l, err := reputation.New(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	var all []reputation.Event
	for _, subj := range Subjects {
		evs, err := s.Events(ctx, subj)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, evs...)
	}
	slices.SortFunc(all, func(a, b reputation.Event) int { return int(a.Seq - b.Seq) })
	mem := reputation.NewMemoryStore()
	serial, _ := reputation.New(mem, nil)
	for _, e := range all {
		if _, err := mem.Append(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	for _, now := range []time.Time{Base, Base.Add(24 * time.Hour), Base.Add(400 * 24 * time.Hour)} {
		for _, subj := range Subjects {
			got, err := l.Explain(ctx, subj, now)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := serial.Explain(ctx, subj, now)
			if got.Balance != want.Balance {
				t.Fatalf("%s at %s: balance %+v, serial replay %+v", subj, now, got.Balance, want.Balance)
			}
			// Balance skips the explanation's words, never its numbers.
			if b, err := l.Balance(ctx, subj, now); err != nil || b != want.Balance {
				t.Fatalf("%s at %s: Balance %+v (%v), Explain %+v", subj, now, b, err, want.Balance)
			}
			if len(got.Entries) != len(want.Entries) {
				t.Fatalf("%s: %d entries, serial replay %d", subj, len(got.Entries), len(want.Entries))
			}
		}
	}
	if len(all) == 0 {
		t.Fatal("no events to replay")
	}
}

// Environment variables that put a re-executed test binary in child mode.
const (
	envChild = "HEFT_REPUTATIONTEST_CHILD" // "writer:count:pad"
	envSpec  = "HEFT_REPUTATIONTEST_SPEC"  // what the child opens
)

// Child runs the current process as a child appender if the parent asked
// for one (Spawn and Crash set environment variables), and reports ok
// false otherwise. Call it first in TestMain:
//
//	func TestMain(m *testing.M) {
//		if code, ok := reputationtest.Child(openSpec); ok {
//			os.Exit(code)
//		}
//		os.Exit(m.Run())
//	}
//
// open opens the store named by the spec string the parent passed (a
// path or a DSN). The child appends Event(writer, i, pad) for i from 0,
// count times or until killed when count is 0, and prints "ack ID" on
// standard output after each append returns, so the parent knows exactly
// which events were acknowledged. A store with a Torn method (FileStore)
// has the torn tails it set aside on open printed as "torn ..." lines.
func Child(open func(spec string) (reputation.Store, error)) (code int, ok bool) {
	cfg := os.Getenv(envChild)
	if cfg == "" {
		return 0, false
	}
	parts := strings.Split(cfg, ":")
	if len(parts) != 3 {
		fmt.Fprintln(os.Stderr, "reputationtest: bad", envChild, cfg)
		return 2, true
	}
	count, _ := strconv.Atoi(parts[1])
	pad, _ := strconv.Atoi(parts[2])
	s, err := open(os.Getenv(envSpec))
	if err != nil {
		fmt.Fprintln(os.Stderr, "reputationtest: child open:", err)
		return 1, true
	}
	defer s.Close()
	out := bufio.NewWriter(os.Stdout)
	if ts, ok := s.(interface{ Torn() []reputation.TornTail }); ok {
		for _, tt := range ts.Torn() {
			fmt.Fprintf(out, "torn %s\n", tt)
		}
	}
	for i := 0; count == 0 || i < count; i++ {
		p := pad
		if pad > 1 { // vary line lengths between pad/2 and pad
			p = pad/2 + (i*131)%(pad/2+1)
		}
		e := Event(parts[0], i, min(p, reputation.MaxNoteBytes))
		if _, err := s.Append(context.Background(), e); err != nil {
			fmt.Fprintln(os.Stderr, "reputationtest: child append:", err)
			out.Flush()
			return 1, true
		}
		fmt.Fprintf(out, "ack %s\n", noteID(e.Note))
		out.Flush()
	}
	return 0, true
}

func childCmd(t *testing.T, spec, writer string, count, pad int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"="+fmt.Sprintf("%s:%d:%d", writer, count, pad), envSpec+"="+spec)
	cmd.Stderr = os.Stderr
	return cmd
}

// Spawn runs procs child processes (see Child) that each append count
// events to the store named by spec at the same time, and returns the IDs
// of the events they acknowledged. Any child failing fails the test.
func Spawn(t *testing.T, spec string, procs, count int) []string {
	t.Helper()
	var (
		mu   sync.Mutex
		acks []string
		wg   sync.WaitGroup
		errs = make([]error, procs)
	)
	for p := range procs {
		cmd := childCmd(t, spec, fmt.Sprintf("p%d", p), count, 0)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
					mu.Lock()
					acks = append(acks, id)
					mu.Unlock()
				}
			}
			errs[p] = cmd.Wait()
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("child failed: %v", err)
	}
	if len(acks) != procs*count {
		t.Fatalf("children acknowledged %d events, want %d", len(acks), procs*count)
	}
	return acks
}
