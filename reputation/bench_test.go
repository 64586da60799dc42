package reputation_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/heft-dev/heft/reputation"
	"github.com/heft-dev/heft/reputation/reputationtest"
)

func BenchmarkAppend(b *testing.B) {
	b.Run("memory", func(b *testing.B) { reputationtest.BenchAppend(b, reputation.NewMemoryStore()) })
	b.Run("file", func(b *testing.B) {
		s, err := reputation.OpenFile(filepath.Join(b.TempDir(), "ledger.jsonl"), nil)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		reputationtest.BenchAppend(b, s)
	})
}

func BenchmarkBalance(b *testing.B) {
	for _, n := range []int{300, 3000} {
		b.Run("memory/"+itoa(n), func(b *testing.B) { reputationtest.BenchBalance(b, reputation.NewMemoryStore(), n) })
		b.Run("file/"+itoa(n), func(b *testing.B) {
			s, err := reputation.OpenFile(filepath.Join(b.TempDir(), "ledger.jsonl"), nil)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			reputationtest.BenchBalance(b, s, n)
		})
	}
}

// BenchmarkOpenFile measures reading a ledger file of 3,000 events from
// the start, as a new process does.
func BenchmarkOpenFile(b *testing.B) {
	path := filepath.Join(b.TempDir(), "ledger.jsonl")
	s, _ := reputation.OpenFile(path, nil)
	for i := range 3000 {
		if _, err := s.Append(b.Context(), reputationtest.Event("o", i, 0)); err != nil {
			b.Fatal(err)
		}
	}
	s.Close()
	b.ReportAllocs()
	b.SetBytes(3000 * 200)
	for b.Loop() {
		s, err := reputation.OpenFile(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
