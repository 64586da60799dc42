package tokenizer

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"math/bits"
	"runtime"
	"strconv"
	"sync"
	"unsafe"
)

// rankTable maps a token's bytes to its rank: tiktoken's mergeable
// ranks. It is an open-addressing hash table over arenas of token bytes,
// built once and then only read, so it is safe for concurrent use. A Go
// map of o200k_base's 200,000 string keys took about 14 MB and most of
// the time to load the vocabulary; this touches about 4 MB (the arena, a
// 32-bit end a token, and up to four 32-bit slots a token). Each slot
// holds the upper bits of its token's hash above the token's index, so
// that a probe past another token, and most lookups of a byte pair that
// is not a token (the bulk of byte-pair merging), compare two integers
// and never touch the arena.
//
// Most of the cost of loading is the first touch of fresh memory (a page
// fault each 4 KB), not the parsing: the table keeps no rank per token
// when, as in both embedded files, each token's rank is its line's, the
// slots are 32 bits, and the parts of the file parsed on different
// goroutines keep their own arenas rather than be copied into one.
type rankTable struct {
	seed  maphash.Seed
	segs  []rankSeg // the tokens, a run of them each, in file order
	n     uint32    // the number of tokens
	rank  []int32   // rank[i] is token i's rank; nil when it is i for every token
	slots []uint32  // 0 for an empty slot, else the hash's tag bits | (token index + 1)
	idx   uint32    // the bits of a slot that hold the token index + 1
	// A slot's place: the table is cut into 1<<(64-shift) regions (one
	// per goroutine that fills it), picked by the hash's top bits; the
	// probe starts at the hash's low bits in the region and wraps
	// around inside it.
	shift uint   // 64 for one region
	rbits uint   // log2 of a region's slots
	rmask uint64 // a region's slots - 1
}

// rankSeg is a run of tokens, from token first on: their bytes one after
// another in arena, and where each ends.
type rankSeg struct {
	first uint32
	arena []byte
	ends  []uint32
}

// token returns the bytes of the segment's token i.
func (s *rankSeg) token(i uint32) []byte {
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.arena[start:s.ends[i]]
}

// home returns the slot where a probe for a token with hash h starts.
func (t *rankTable) home(h uint64) uint64 { return h>>t.shift<<t.rbits | h&t.rmask }

// next returns the slot a probe tries after j.
func (t *rankTable) next(j uint64) uint64 { return j&^t.rmask | (j+1)&t.rmask }

// tag returns the bits of a slot that h fixes, bits the place of a slot
// does not already depend on.
func (t *rankTable) tag(h uint64) uint32 { return uint32(h>>24) &^ t.idx }

// token returns token i's bytes.
func (t *rankTable) token(i uint32) []byte {
	k := len(t.segs) - 1
	for k > 0 && i < t.segs[k].first {
		k--
	}
	s := &t.segs[k]
	return s.token(i - s.first)
}

// lookup returns the rank of the token b and whether b is a token.
func (t *rankTable) lookup(b []byte) (int, bool) {
	if t.n == 0 {
		return 0, false
	}
	h := maphash.Bytes(t.seed, b)
	j, tag := t.home(h), t.tag(h)
	for {
		v := t.slots[j]
		if v == 0 {
			return 0, false
		}
		if v&^t.idx == tag {
			if i := v&t.idx - 1; string(t.token(i)) == string(b) {
				return t.rankOf(i), true
			}
		}
		j = t.next(j)
	}
}

// rankOf returns token i's rank.
func (t *rankTable) rankOf(i uint32) int {
	if t.rank == nil {
		return int(i)
	}
	return int(t.rank[i])
}

// lookupString is lookup for a string, without copying it.
func (t *rankTable) lookupString(s string) (int, bool) {
	return t.lookup(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// minPart is the smallest share of a rank file that parseRanks hands to
// a goroutine of its own.
const minPart = 256 << 10

// parseRanks parses a .tiktoken file of size bytes: one "base64-token
// rank" pair a line, about n of them. A token given twice keeps its last
// rank, as a map would. With more than one core (GOMAXPROCS) it parses
// the file in parts, one a goroutine (up to four), and then fills the
// table's regions the same way: whoever counts tokens first waits for
// the whole load (heft eval's workers, on their first contribution).
func parseRanks(r io.ReaderAt, size int64, n int) (*rankTable, error) {
	parts := 1
	for parts < 4 && parts*2 <= runtime.GOMAXPROCS(0) && size/int64(parts*2) >= minPart {
		parts *= 2
	}
	return parseRanksParts(r, size, n, parts)
}

// parseRanksParts is parseRanks in about parts parts (a power of two).
func parseRanksParts(r io.ReaderAt, size int64, n, parts int) (*rankTable, error) {
	n = max(n, 1)
	cuts := cutLines(r, size, parts)
	ps := make([]rankPart, len(cuts)-1)
	section := func(k int) io.Reader { return io.NewSectionReader(r, cuts[k], cuts[k+1]-cuts[k]) }
	var wg sync.WaitGroup
	for k := range ps {
		// Room for the part's tokens: decoded base64 is at most 3/4 of
		// it (memory not written to is never touched), and about its
		// share of n tokens.
		share := int(int64(n) * (cuts[k+1] - cuts[k]) / max(size, 1))
		ps[k].arena, ps[k].ends = make([]byte, 0, (cuts[k+1]-cuts[k])*3/4), make([]uint32, 0, share+share/8+1)
		if k > 0 {
			wg.Go(func() { ps[k].parse(section(k)) })
		}
	}
	ps[0].parse(section(0))
	wg.Wait()
	if err := firstError(ps); err != nil {
		return nil, err
	}
	t, err := joinParts(ps)
	if err != nil {
		return nil, err
	}
	regions := parts
	if t.n < 1<<12 {
		regions = 1
	}
	t.fill(regions)
	return t, nil
}

// firstError returns the first error of the parts in file order, its
// line number counted from the start of the file.
func firstError(ps []rankPart) error {
	line := 0
	for i := range ps {
		p := &ps[i]
		if p.err != nil {
			if p.errLine == 0 {
				return p.err
			}
			return fmt.Errorf("line %d: %w", line+p.errLine, p.err)
		}
		line += p.lines
	}
	return nil
}

// cutLines returns the offsets at which parts of about equal size begin,
// each at the start of a line, and size last. A cut is dropped when no
// newline follows its point closely (lines are short; a long one is an
// error the one part reports).
func cutLines(r io.ReaderAt, size int64, parts int) []int64 {
	cuts := []int64{0}
	var buf [1024]byte
	for k := 1; k < parts; k++ {
		at := size * int64(k) / int64(parts)
		if at <= cuts[len(cuts)-1] {
			continue
		}
		n, _ := r.ReadAt(buf[:], at-1)
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 && at+int64(i) < size {
			cuts = append(cuts, at+int64(i))
		}
	}
	return append(cuts, size)
}

// rankPart is a run of whole lines of a rank file, parsed.
type rankPart struct {
	arena []byte
	ends  []uint32 // where each token ends in arena
	rank  []int32  // each token's rank; nil while they run first, first+1, ...
	first int64    // the first token's rank
	lines int      // lines read
	// err stops the part at line errLine of it (0: no line number).
	err     error
	errLine int
}

// errMalformed is the error of a line that is not "base64-token rank".
var errMalformed = errors.New("malformed")

// parse reads r's lines into p.
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
func (p *rankPart) parse(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		p.lines++
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		tok, num, ok := bytes.Cut(line, []byte(" "))
		if !ok || len(tok) == 0 || base64.StdEncoding.DecodedLen(len(tok)) > 256 {
			p.err, p.errLine = errMalformed, p.lines
			return
		}
		rank, ok := decimal(num)
		if !ok {
			r, err := strconv.ParseInt(string(num), 10, 32)
			if err != nil {
				p.err, p.errLine = err, p.lines
				return
			}
			rank = int32(r)
		}
		start := len(p.arena)
		if p.arena, ok = appendBase64(p.arena, tok); !ok {
			var err error
			if p.arena, err = base64.StdEncoding.AppendDecode(p.arena[:start], tok); err != nil {
				p.err, p.errLine = err, p.lines
				return
			}
		}
		if len(p.ends) == 0 {
			p.first = int64(rank)
		}
		if p.rank == nil && int64(rank) != p.first+int64(len(p.ends)) {
			p.rank = make([]int32, len(p.ends), cap(p.ends))
			for i := range p.rank {
				p.rank[i] = int32(p.first + int64(i))
			}
		}
		if p.rank != nil {
			p.rank = append(p.rank, rank)
		}
		p.ends = append(p.ends, uint32(len(p.arena)))
	}
	p.err = sc.Err()
}

// joinParts returns a table of the parts' tokens in order, its slots
// not yet filled.
//
//go:norace
func joinParts(ps []rankPart) (*rankTable, error) {
	t := &rankTable{seed: maphash.MakeSeed()}
	identity := true
	n := 0
	for _, p := range ps {
		if len(p.ends) == 0 {
			continue
		}
		identity = identity && p.rank == nil && p.first == int64(n)
		if n+len(p.ends) >= math.MaxInt32 || len(p.arena) > math.MaxUint32 {
			return nil, errors.New("too many tokens")
		}
		t.segs = append(t.segs, rankSeg{first: uint32(n), arena: p.arena, ends: p.ends})
		n += len(p.ends)
	}
	if len(t.segs) == 0 {
		t.segs = []rankSeg{{}}
	}
	t.n = uint32(n)
	if !identity {
		t.rank = make([]int32, 0, n)
		for _, p := range ps {
			if p.rank != nil {
				t.rank = append(t.rank, p.rank...)
				continue
			}
			for i := range p.ends {
				t.rank = append(t.rank, int32(p.first+int64(i)))
			}
		}
	}
	return t, nil
}

// fill sizes the slots for the tokens and fills them, region by region,
// each on a goroutine of its own.
func (t *rankTable) fill(regions int) {
	size := 1 << bits.Len(uint(2*t.n)) // load factor at most 1/2
	regions = min(regions, size)
	t.slots = make([]uint32, size)
	t.idx = 1<<bits.Len32(t.n) - 1
	t.shift = 64 - uint(bits.TrailingZeros(uint(regions)))
	t.rbits = uint(bits.TrailingZeros(uint(size / regions)))
	t.rmask = 1<<t.rbits - 1
	var wg sync.WaitGroup
	for r := 1; r < regions; r++ {
		wg.Go(func() { t.fillRegion(uint64(r)) })
	}
	t.fillRegion(0)
	wg.Wait()
}

// fillRegion puts every token whose hash falls in region r in its slot,
// in file order, so that a token given twice keeps its last rank.
//
//go:norace
func (t *rankTable) fillRegion(r uint64) {
	for k := range t.segs {
		s := &t.segs[k]
		for i := range uint32(len(s.ends)) {
			tok := s.token(i)
			h := maphash.Bytes(t.seed, tok)
			if h>>t.shift != r {
				continue
			}
			j, tag := t.home(h), t.tag(h)
			for {
				v := t.slots[j]
				if v == 0 || v&^t.idx == tag && string(t.token(v&t.idx-1)) == string(tok) {
					t.slots[j] = tag | (s.first + i + 1) // a repeated token: the last one, and its rank, win
					break
				}
				j = t.next(j)
			}
		}
	}
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
