package tokenizer

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"hash/maphash"
	"io"
	"math/bits"
	"strconv"
	"unsafe"
)

// rankTable maps a token's bytes to its rank: tiktoken's mergeable
// ranks. It is an open-addressing hash table over one arena of token
// bytes, built once and then only read, so it is safe for concurrent
// use. A Go map of o200k_base's 200,000 string keys took about 14 MB and
// most of the time to load the vocabulary; this takes about 8 MB (the
// arena, three 32-bit integers a token, and up to four 64-bit slots a
// token) and loads in about 25 ms of CPU instead of 35. Each slot holds
// the upper half of its token's hash, so that a probe past another
// token, and most lookups of a byte pair that is not a token (the bulk
// of byte-pair merging), compare two integers and never touch the
// arena.
type rankTable struct {
	seed  maphash.Seed
	arena []byte   // the tokens' bytes, one after another
	ends  []uint32 // ends[i] is where token i ends in arena; it starts at ends[i-1] (or 0)
	rank  []int32  // rank[i] is token i's rank
	slots []uint64 // 0 for an empty slot, else the hash's upper half << 32 | (token index + 1)
	mask  uint64   // len(slots) - 1
}

// token returns token i's bytes.
func (t *rankTable) token(i uint32) []byte {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.arena[start:t.ends[i]]
}

// find returns the slot that holds b, or the empty slot where b would go.
func (t *rankTable) find(b []byte) uint64 {
	h := maphash.Bytes(t.seed, b)
	j, tag := h&t.mask, h>>32
	for {
		v := t.slots[j]
		if v == 0 || v>>32 == tag && string(t.token(uint32(v)-1)) == string(b) {
			return j
		}
		j = (j + 1) & t.mask
	}
}

// lookup returns the rank of the token b and whether b is a token.
func (t *rankTable) lookup(b []byte) (int, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	v := t.slots[t.find(b)]
	if v == 0 {
		return 0, false
	}
	return int(t.rank[uint32(v)-1]), true
}

// lookupString is lookup for a string, without copying it.
func (t *rankTable) lookupString(s string) (int, bool) {
	return t.lookup(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// len returns the number of tokens.
func (t *rankTable) len() int { return len(t.ends) }

// parseRanks parses a .tiktoken file: one "base64-token rank" pair a
// line, about n of them. A token given twice keeps its last rank, as a
// map would.
//
// It is not instrumented by the race detector (go:norace): it runs once,
// inside load's sync.OnceValues, on memory no other goroutine sees yet,
// and its 200,000-line loop made every race-built heft process (each exec
// in the CLI's test scripts) a third slower to start scoring.
//
//go:norace
func parseRanks(r io.Reader, n int) (*rankTable, error) {
	n = max(n, 1)
	t := &rankTable{
		seed: maphash.MakeSeed(),
		// Tokens average well under 16 bytes; the arena grows if not.
		arena: make([]byte, 0, 16*n),
		ends:  make([]uint32, 0, n),
		rank:  make([]int32, 0, n),
	}
	// First every token into the arena, with its hash; then the slots,
	// in a loop of its own whose cache misses (one a token, at random)
	// do not wait on parsing: slightly faster than inserting line by
	// line, and the table is sized once.
	hashes := make([]uint64, 0, n)
	sc := bufio.NewScanner(r)
	for lineNo := 1; sc.Scan(); lineNo++ {
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		tok, num, ok := bytes.Cut(line, []byte(" "))
		if !ok || len(tok) == 0 || base64.StdEncoding.DecodedLen(len(tok)) > 256 {
			return nil, fmt.Errorf("line %d: malformed", lineNo)
		}
		rank, err := strconv.ParseInt(string(num), 10, 32)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
		start := len(t.arena)
		t.arena, err = base64.StdEncoding.AppendDecode(t.arena, tok)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
		t.ends = append(t.ends, uint32(len(t.arena)))
		t.rank = append(t.rank, int32(rank))
		hashes = append(hashes, maphash.Bytes(t.seed, t.arena[start:]))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	size := 1 << bits.Len(uint(2*len(t.ends))) // load factor at most 1/2
	t.slots, t.mask = make([]uint64, size), uint64(size-1)
	for i, h := range hashes {
		j, tag := h&t.mask, h>>32
		for {
			v := t.slots[j]
			if v == 0 {
				t.slots[j] = tag<<32 | uint64(i+1)
				break
			}
			if v>>32 == tag && string(t.token(uint32(v)-1)) == string(t.token(uint32(i))) {
				t.rank[uint32(v)-1] = t.rank[i] // a repeated token keeps its last rank; its copy stays unused
				break
			}
			j = (j + 1) & t.mask
		}
	}
	return t, nil
}
