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

// parseRanks parses a .tiktoken file: one "base64-token rank" pair a
// line, about n of them. A token given twice keeps its last rank, as a
// map would.
//
// It is not instrumented by the race detector (go:norace): it runs once,
// inside load's sync.OnceValues, on memory no other goroutine sees yet,
// and its 200,000-line loop made every race-built heft process (each exec
// in the CLI's test scripts) a third slower to start scoring. For the
// same reason it decodes ranks and base64 with decimal and appendBase64,
// also not instrumented, and leaves anything they do not take to strconv
// and encoding/base64, whose results and errors stay the reference.
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
		rank, ok := decimal(num)
		if !ok {
			r, err := strconv.ParseInt(string(num), 10, 32)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", lineNo, err)
			}
			rank = int32(r)
		}
		start := len(t.arena)
		if t.arena, ok = appendBase64(t.arena, tok); !ok {
			var err error
			if t.arena, err = base64.StdEncoding.AppendDecode(t.arena[:start], tok); err != nil {
				return nil, fmt.Errorf("line %d: %w", lineNo, err)
			}
		}
		t.ends = append(t.ends, uint32(len(t.arena)))
		t.rank = append(t.rank, rank)
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

// decimal returns the value of b if it is one to nine ASCII digits, the
// only form of rank the rank files hold; ok is false for anything else,
// which strconv then reads.
//
//go:norace
func decimal(b []byte) (v int32, ok bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int32(c-'0')
	}
	return v, true
}

// appendBase64 appends the decoding of src, standard base64 with
// padding, to dst, as base64.StdEncoding.AppendDecode does for input
// without line breaks. ok is false if src is not such base64; dst may
// then hold part of a decoding, and the caller starts again from its old
// length.
//
//go:norace
func appendBase64(dst, src []byte) (_ []byte, ok bool) {
	n := len(src)
	if n%4 != 0 {
		return dst, false
	}
	body := n // whole quanta, without the padded last one
	if n > 0 && src[n-1] == '=' {
		body = n - 4
	}
	for i := 0; i < body; i += 4 {
		a, b, c, d := base64Digits[src[i]], base64Digits[src[i+1]], base64Digits[src[i+2]], base64Digits[src[i+3]]
		if a|b|c|d > 63 {
			return dst, false
		}
		v := uint32(a)<<18 | uint32(b)<<12 | uint32(c)<<6 | uint32(d)
		dst = append(dst, byte(v>>16), byte(v>>8), byte(v))
	}
	if body == n {
		return dst, true
	}
	// "ab==" or "abc=".
	a, b := base64Digits[src[body]], base64Digits[src[body+1]]
	if a|b > 63 {
		return dst, false
	}
	if src[body+2] == '=' {
		return append(dst, a<<2|b>>4), true
	}
	c := base64Digits[src[body+2]]
	if c > 63 {
		return dst, false
	}
	return append(dst, a<<2|b>>4, b<<4|c>>2), true
}

// base64Digits maps each byte to its value as a digit of the standard
// base64 alphabet, or 0xff. A constant, so that nothing builds it at
// start-up.
const base64Digits = "" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x3e\xff\xff\xff\x3f\x34\x35\x36\x37\x38\x39\x3a\x3b\x3c\x3d\xff\xff\xff\xff\xff\xff" +
	"\xff\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\xff\xff\xff\xff\xff" +
	"\xff\x1a\x1b\x1c\x1d\x1e\x1f\x20\x21\x22\x23\x24\x25\x26\x27\x28\x29\x2a\x2b\x2c\x2d\x2e\x2f\x30\x31\x32\x33\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" +
	"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
