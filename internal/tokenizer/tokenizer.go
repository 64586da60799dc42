// Package tokenizer counts tokens the way OpenAI's tiktoken does, fully
// offline: the byte-pair vocabularies are embedded in the binary by
// github.com/pkoukk/tiktoken-go-loader, so nothing is downloaded and no
// cache directory is read or written at run time.
//
// An Encoder is built once per encoding and per process, on first use,
// and shared: building one costs tens of milliseconds and about 16 MB;
// counting with it is cheap and safe from many goroutines.
//
// Count splits its input into bounded chunks before encoding, so
// adversarial input (a megabyte of one letter, of spaces or of dashes)
// costs linear time: tiktoken-go's pre-tokenizer and merge loop are
// quadratic in the length of a single piece. Chunks end at the points
// where tiktoken's own pre-tokenizer must split, so the count of ordinary
// text is unchanged; only a run with no such point inside MaxRun bytes is
// cut by force, which can change its count by a token per cut.
package tokenizer

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/dlclark/regexp2"
	"github.com/pkoukk/tiktoken-go-loader/assets"
)

// Counter counts the tokens of a text. An *Encoder is a Counter; tests of
// code that counts tokens can pass a simpler one.
type Counter interface {
	Count(text string) int
}

// Encoding names a tiktoken vocabulary.
type Encoding string

// The encodings this package embeds and can load.
const (
	// O200kBase is the vocabulary of GPT-4o and later models: the default.
	O200kBase Encoding = "o200k_base"
	// CL100kBase is the vocabulary of GPT-4 and GPT-3.5.
	CL100kBase Encoding = "cl100k_base"
)

// Default is the encoding used when none is named.
const Default = O200kBase

// ErrUnknownEncoding is returned for an encoding name this package does
// not support.
var ErrUnknownEncoding = errors.New("tokenizer: unknown encoding")

// ParseEncoding returns the encoding with the given name; the empty name
// means Default.
func ParseEncoding(name string) (Encoding, error) {
	switch Encoding(name) {
	case "":
		return Default, nil
	case O200kBase, CL100kBase:
		return Encoding(name), nil
	}
	return "", fmt.Errorf("%w %q (want %s or %s)", ErrUnknownEncoding, name, O200kBase, CL100kBase)
}

// MaxChunk is the largest chunk, in bytes, that Count hands to the
// encoder at once. Chunks end at a split point of tiktoken's
// pre-tokenizer whenever one exists in the chunk.
const MaxChunk = 2048

// MaxRun is the longest stretch, in bytes, that Count lets run without a
// split point before cutting it by force. It bounds the quadratic cost of
// a single pre-tokenizer piece; real words and numbers are far shorter.
const MaxRun = 384

// Encoder counts tokens with one embedded tiktoken vocabulary. It is safe
// for concurrent use.
type Encoder struct {
	enc   Encoding
	ranks *rankTable      // token bytes to rank, tiktoken's mergeable ranks
	split *regexp2.Regexp // tiktoken's pre-tokenizer
	// pieces keeps the caches of the counts of short pieces, each used
	// by one goroutine at a time.
	pieces pieceCaches
}

// Encoding returns the encoder's vocabulary name.
func (e *Encoder) Encoding() Encoding { return e.enc }

// Count returns the number of tokens in text, counted as tiktoken's
// Encoding.encode_ordinary counts them: special-token text such as
// "<|endoftext|>" is ordinary text. Invalid UTF-8 bytes count as U+FFFD,
// one replacement character each.
func (e *Encoder) Count(text string) int {
	c := e.pieces.get()
	defer e.pieces.put(c)
	n := 0
	for len(text) > 0 {
		end := chunkEnd(text, MaxChunk, MaxRun)
		n += e.countOrdinary(c, text[:end])
		text = text[end:]
	}
	return n
}

var (
	loadMu sync.Mutex
	loaded = map[Encoding]func() (*Encoder, error){}
)

// Get returns the process's shared Encoder for enc, loading it on the
// first call. Loading takes tens of milliseconds; later calls return
// the same Encoder at once. Loading never touches the network or the file
// system: the vocabulary is embedded.
func Get(enc Encoding) (*Encoder, error) {
	enc, err := ParseEncoding(string(enc))
	if err != nil {
		return nil, err
	}
	loadMu.Lock()
	f, ok := loaded[enc]
	if !ok {
		f = sync.OnceValues(func() (*Encoder, error) { return load(enc) })
		loaded[enc] = f
	}
	loadMu.Unlock()
	return f()
}

// load builds an encoder from the embedded vocabulary without
// tiktoken.SetBpeLoader or tiktoken.GetEncoding: those change and read
// package-level state that is not safe for concurrent use, and
// GetEncoding would rebuild the encoder on every call.
func load(enc Encoding) (*Encoder, error) {
	ranks, err := loadRanks(string(enc) + ".tiktoken")
	if err != nil {
		return nil, fmt.Errorf("tokenizer: load %s: %w", enc, err)
	}
	pat := o200kPattern
	if enc == CL100kBase {
		pat = cl100kPattern
	}
	split, err := regexp2.Compile(pat, regexp2.None)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: load %s: %w", enc, err)
	}
	e := &Encoder{enc: enc, ranks: ranks, split: split}
	return e, nil
}

// countOrdinary counts text's tokens as tiktoken-go's EncodeOrdinary
// does, without building the decoder maps and the sorted token list
// that tiktoken.NewCoreBPE makes and counting never reads (they were
// two thirds of the time to load o200k_base): each piece of the
// pre-tokenizer (whose indexes are in runes, invalid UTF-8 being U+FFFD)
// is one token when it is in the vocabulary, else as many as byte-pair
// merging leaves. c is the calling goroutine's piece cache and scratch.
func (e *Encoder) countOrdinary(c *pieceCache, text string) int {
	if e.enc != O200kBase {
		return e.countRegexp(c, text)
	}
	// o200k_base: ASCII stretches are split by hand (asciiPieces), cut
	// from the rest at split points, which leave the count unchanged as
	// they do for chunks; only the stretches around non-ASCII text go
	// through regexp2. A description with one emoji or dash no longer
	// sends all its text to regexp2.
	n := 0
	for i := 0; i < len(text); {
		k := indexNonASCII(text[i:])
		if k < 0 {
			return n + e.countASCII(c, text[i:])
		}
		k += i
		p := k
		for p > i && !splitPoint(text, p) {
			p--
		}
		if p > i {
			n += e.countASCII(c, text[i:p])
			i = p
		}
		q := k + 1
		for {
			for q < len(text) && !splitPoint(text, q) {
				q++
			}
			// Non-ASCII text close ahead joins this stretch rather than
			// making a regexp2 call of its own.
			if q < len(text) {
				if nk := indexNonASCII(text[q:min(q+64, len(text))]); nk >= 0 {
					q += nk + 1
					continue
				}
			}
			break
		}
		n += e.countRegexp(c, text[i:q])
		i = q
	}
	return n
}

// indexNonASCII returns the index of the first byte of s that is not
// ASCII, or -1.
func indexNonASCII(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return i
		}
	}
	return -1
}

// countASCII counts ASCII text with the hand-written pre-tokenizer,
// through the piece cache c.
func (e *Encoder) countASCII(c *pieceCache, text string) int {
	n := 0
	asciiPieces(text, func(piece string) { n += e.countCached(c, piece) })
	return n
}

// pieceCache remembers the counts of short pieces: words come back
// again and again ("the", " cache", " test"), and each lookup in the
// 200,000-token table is a few cache misses and, for a piece that is not
// a token, a byte-pair merge where this is one small table's read. It
// is direct-mapped (a newer piece replaces an older one in its slot)
// and belongs to one goroutine at a time, so it needs no lock and its
// memory stays fixed: 65,536 entries of 18 bytes (1.2 MB). On the AIDev
// descriptions 90% of pieces were found with 16,384 entries, 95% with
// 65,536 kept across the run; a miss costs about thirty times a hit.
//
// It also holds the goroutine's scratch for merging long pieces, which
// a run of punctuation, emoji or invalid bytes makes one after another
// (a run of 256 KiB of dashes is 683 pieces of 384 bytes).
type pieceCache struct {
	slots [pieceSlots]pieceEntry
	merge mergeScratch
}

const pieceSlots = 1 << 16

// pieceCaches keeps up to len(kept) caches for reuse, so that they
// stay warm for the life of the Encoder. A sync.Pool alone let the
// garbage collector drop them every other cycle, several times a second
// while heft eval runs, and each new one started cold; it only takes
// the caches of goroutines beyond the kept ones, so a machine counting
// on more than eight at once does not zero a fresh 1.2 MB for every
// call.
type pieceCaches struct {
	kept  [8]atomic.Pointer[pieceCache]
	spill sync.Pool
}

// get returns a kept cache, a spilled one, or a new one.
func (cs *pieceCaches) get() *pieceCache {
	for i := range cs.kept {
		if c := cs.kept[i].Swap(nil); c != nil {
			return c
		}
	}
	if c, ok := cs.spill.Get().(*pieceCache); ok {
		return c
	}
	return new(pieceCache)
}

// put keeps c for reuse if there is room, and spills it if not.
func (cs *pieceCaches) put(c *pieceCache) {
	for i := range cs.kept {
		if cs.kept[i].CompareAndSwap(nil, c) {
			return
		}
	}
	cs.spill.Put(c)
}

// pieceEntry is a piece of up to 16 bytes and its count; n is 0 for an
// empty entry.
type pieceEntry struct {
	b        [16]byte
	n, count uint8
}

// countCached is countPiece through c.
func (e *Encoder) countCached(c *pieceCache, piece string) int {
	if len(piece) > len(pieceEntry{}.b) || len(piece) == 0 {
		return e.countPieceWith(&c.merge, piece)
	}
	h := maphash.String(e.ranks.seed, piece)
	en := &c.slots[h&(pieceSlots-1)]
	if int(en.n) == len(piece) && string(en.b[:en.n]) == piece {
		return int(en.count)
	}
	n := e.countPieceWith(&c.merge, piece)
	en.n, en.count = uint8(len(piece)), uint8(n)
	copy(en.b[:], piece)
	return n
}

// countRegexp counts text with the pre-tokenizer on regexp2, whose
// matches are in runes, an invalid byte being one U+FFFD. The matches
// come in order, so a cursor turns their rune indexes into byte offsets
// as it goes, and a piece is text's own bytes; only a piece holding an
// invalid byte is built anew, with U+FFFD in its place, as tiktoken
// sees it. Long pieces merge in c's scratch.
func (e *Encoder) countRegexp(c *pieceCache, text string) int {
	n := 0
	at, off := 0, 0 // rune index and byte offset of the cursor
	m, _ := e.split.FindStringMatch(text)
	for m != nil {
		for ; at < m.Index; at++ {
			_, size := utf8.DecodeRuneInString(text[off:])
			off += size
		}
		start, valid := off, true
		for ; at < m.Index+m.Length; at++ {
			r, size := utf8.DecodeRuneInString(text[off:])
			valid = valid && (r != utf8.RuneError || size > 1)
			off += size
		}
		piece := text[start:off]
		if !valid {
			piece = replaceInvalid(piece)
		}
		n += e.countPieceWith(&c.merge, piece)
		m, _ = e.split.FindNextMatch(m)
	}
	return n
}

// replaceInvalid returns s with each invalid byte as U+FFFD, as
// []rune(s) reads it (strings.ToValidUTF8 would make one of a run).
func replaceInvalid(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}

// countPiece counts the tokens of one piece of the pre-tokenizer.
func (e *Encoder) countPiece(piece string) int { return e.countPieceWith(nil, piece) }

// countPieceWith is countPiece merging a long piece in s, which may be
// nil.
func (e *Encoder) countPieceWith(s *mergeScratch, piece string) int {
	if _, ok := e.ranks.lookupString(piece); ok {
		return 1
	}
	// mergeCount only reads the bytes: no copy of the string.
	return mergeCount(unsafe.Slice(unsafe.StringData(piece), len(piece)), e.ranks, s)
}

// mergeCount returns how many tokens byte-pair merging makes of piece:
// starting from single bytes, it merges, again and again, the adjacent
// pair whose joined bytes have the lowest rank (the leftmost on a tie),
// until no adjacent pair is in the vocabulary. This is tiktoken's
// byte_pair_merge, with the same order of merges.
func mergeCount(piece []byte, ranks *rankTable, s *mergeScratch) int {
	if len(piece) == 1 {
		return 1
	}
	if len(piece) > heapMergeMin {
		if s == nil {
			s = new(mergeScratch)
		}
		return s.heapMergeCount(piece, ranks)
	}
	return scanMergeCount(piece, ranks)
}

// scanMergeCount is mergeCount finding each merge by a scan of the parts.
func scanMergeCount(piece []byte, ranks *rankTable) int {
	const none = math.MaxInt
	// parts[i] starts a part at byte start; rank is the rank of the part
	// joined with the next one (none when that is not a token).
	type part struct{ start, rank int }
	var buf [32]part // most pieces are short words: no allocation
	parts := buf[:0]
	if len(piece)+1 > len(buf) {
		parts = make([]part, len(piece)+1)
	}
	parts = parts[:len(piece)+1]
	for i := range parts {
		parts[i] = part{i, none}
	}
	// rankOf returns the rank of the bytes from part i up to part
	// i+skip+2 (exclusive), or none.
	rankOf := func(i, skip int) int {
		if i+skip+2 < len(parts) {
			if r, ok := ranks.lookup(piece[parts[i].start:parts[i+skip+2].start]); ok {
				return r
			}
		}
		return none
	}
	for i := 0; i < len(parts)-2; i++ {
		parts[i].rank = rankOf(i, 0)
	}
	for len(parts) > 1 {
		best, at := none, -1
		for i := 0; i < len(parts)-1; i++ {
			if parts[i].rank < best {
				best, at = parts[i].rank, i
			}
		}
		if at < 0 {
			break
		}
		parts[at].rank = rankOf(at, 1)
		if at > 0 {
			parts[at-1].rank = rankOf(at-1, 1)
		}
		parts = append(parts[:at+1], parts[at+2:]...)
	}
	return len(parts) - 1
}

// heapMergeMin is the longest piece mergeCount merges by scanning its
// parts for the lowest rank at each merge, which costs the square of its
// length; a longer one (a run of emoji or of invalid bytes, up to MaxRun)
// goes to heapMergeCount.
const heapMergeMin = 32

// mergeScratch is the memory heapMergeCount works in, kept from one
// piece to the next so that a run of long pieces allocates nothing.
type mergeScratch struct {
	next, prev []int32
	rank       []int
	heap       mergeHeap
}

// heapMergeCount is mergeCount with the candidate merges in a heap
// ordered by rank, then by start (the leftmost on a tie): the same merges
// in the same order, in time n log n. A merge changes the ranks of the
// merged part and of the one before it; their old heap entries stay and
// are dropped when they come up, no longer matching the part.
func (s *mergeScratch) heapMergeCount(piece []byte, ranks *rankTable) int {
	const none = math.MaxInt
	n := len(piece)
	// Parts are identified by their start; next[i] is the start of the
	// part after the one at i (n for the last), prev[i] the one before
	// (-1 for the first), rank[i] the rank of part i joined with the next,
	// or none; next[i] is -1 once part i is merged into the one before.
	// Every entry below n is written before it is read.
	s.next, s.prev, s.rank = slices.Grow(s.next[:0], n)[:n], slices.Grow(s.prev[:0], n)[:n], slices.Grow(s.rank[:0], n)[:n]
	next, prev, rank := s.next, s.prev, s.rank
	rankOf := func(i int) int {
		j := int(next[i])
		if j >= n {
			return none
		}
		k := n
		if next[j] >= 0 && int(next[j]) < n {
			k = int(next[j])
		}
		if r, ok := ranks.lookup(piece[i:k]); ok {
			return r
		}
		return none
	}
	h := s.heap[:0]
	defer func() { s.heap = h[:0] }()
	for i := range n {
		next[i], prev[i] = int32(i+1), int32(i-1)
	}
	for i := range n {
		rank[i] = rankOf(i)
		if rank[i] != none {
			h.push(mergeEntry{rank[i], int32(i)})
		}
	}
	parts := n
	for len(h) > 0 {
		m := h.pop()
		i := int(m.start)
		if next[i] < 0 || rank[i] != m.rank {
			continue // merged away, or its rank changed since
		}
		j := int(next[i]) // merged into i
		next[i] = next[j]
		if int(next[j]) < n {
			prev[next[j]] = int32(i)
		}
		next[j] = -1
		parts--
		rank[i] = rankOf(i)
		if rank[i] != none {
			h.push(mergeEntry{rank[i], int32(i)})
		}
		if p := int(prev[i]); p >= 0 {
			rank[p] = rankOf(p)
			if rank[p] != none {
				h.push(mergeEntry{rank[p], int32(p)})
			}
		}
	}
	return parts
}

// mergeEntry is a candidate merge: the part at start joined with the
// next one, whose joined bytes have rank rank.
type mergeEntry struct {
	rank  int
	start int32
}

// mergeHeap is a binary min-heap of candidate merges, by rank then start.
type mergeHeap []mergeEntry

func (e mergeEntry) less(o mergeEntry) bool {
	return e.rank < o.rank || e.rank == o.rank && e.start < o.start
}

func (h *mergeHeap) push(e mergeEntry) {
	*h = append(*h, e)
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if !s[i].less(s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *mergeHeap) pop() mergeEntry {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s = s[:last]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < len(s) && s[l].less(s[m]) {
			m = l
		}
		if l+1 < len(s) && s[l+1].less(s[m]) {
			m = l + 1
		}
		if m == i {
			break
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
	*h = s
	return top
}

// The pre-tokenizer patterns, as tiktoken defines them (tiktoken_ext/
// openai_public.py) and tiktoken-go copies them.
const (
	o200kPattern = `[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?` +
		`|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?` +
		`|\p{N}{1,3}` +
		`| ?[^\s\p{L}\p{N}]+[\r\n/]*` +
		`|\s*[\r\n]+` +
		`|\s+(?!\S)` +
		`|\s+`
	cl100kPattern = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
)

// loadRanks parses an embedded .tiktoken file: one "base64-token rank"
// pair a line.
func loadRanks(name string) (*rankTable, error) {
	f, err := assets.Assets.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	r, ok := f.(io.ReaderAt)
	if !ok {
		return nil, fmt.Errorf("%s: an embedded file without ReadAt", name)
	}
	// Read in place, not whole: ReadFile would copy the 3.6 MB file into
	// memory first. The tables have 199,998 (o200k_base) and 100,256
	// (cl100k_base) tokens; the table grows if a file has more.
	n := 100256
	if strings.HasPrefix(name, "o200k") {
		n = 199998
	}
	return parseRanks(r, info.Size(), n)
}

// chunkEnd returns the length of the next chunk of text: at most max
// bytes, ending at the last split point of tiktoken's pre-tokenizer in it;
// a stretch of maxRun bytes without a split point is cut by force, on a
// rune boundary. It returns len(text) when text is one good chunk.
func chunkEnd(text string, max, maxRun int) int {
	last := 0 // the last split point seen
	for i := 1; i < len(text); i++ {
		if splitPoint(text, i) {
			last = i
		}
		if i-last >= maxRun || i >= max {
			if last > 0 {
				return last
			}
			return runeStart(text, i)
		}
	}
	return len(text)
}

// splitPoint reports whether tiktoken's pre-tokenizer (o200k_base and
// cl100k_base alike) always ends a piece at byte i of text, so that
// encoding text[:i] and text[i:] apart gives the same tokens as encoding
// text whole. Three kinds of point qualify:
//
//   - before a space that follows something other than white space: a
//     word takes a leading space, never a trailing one;
//   - after a newline followed by neither white space nor '/': only
//     punctuation runs take trailing newlines, and o200k_base's also take
//     a '/' after them;
//   - before punctuation (anything but a letter, a number, a mark, white
//     space or an apostrophe, which may start a contraction such as 's)
//     that follows a letter or a number: words and numbers never take
//     trailing punctuation. This is what splits Chinese and Japanese text,
//     which has no spaces.
func splitPoint(text string, i int) bool {
	if c, p := text[i], text[i-1]; c < utf8.RuneSelf && p < utf8.RuneSelf {
		return asciiSplitPoint(p, c)
	}
	return runeSplitPoint(text, i)
}

// asciiSplitPoint is splitPoint between the ASCII bytes p and c, with
// the byte classes of ascii.go instead of decoding runes: chunkEnd asks
// at every byte of every text counted.
func asciiSplitPoint(p, c byte) bool {
	switch {
	case c == ' ':
		return !isSpace(p)
	case p == '\n':
		return c != '/' && !isSpace(c)
	case c == '\'', isLetterOrDigit(c), isSpace(c):
		return false
	}
	return isLetterOrDigit(p)
}

// runeSplitPoint is splitPoint by runes.
func runeSplitPoint(text string, i int) bool {
	c := text[i]
	if !utf8.RuneStart(c) {
		return false
	}
	if c == ' ' {
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		return !unicode.IsSpace(r)
	}
	if text[i-1] == '\n' {
		if c == '/' {
			return false
		}
		r, _ := utf8.DecodeRuneInString(text[i:])
		return !unicode.IsSpace(r)
	}
	if c == '\'' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	if r == utf8.RuneError || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || unicode.IsSpace(r) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(text[:i])
	return p != utf8.RuneError && (unicode.IsLetter(p) || unicode.IsNumber(p))
}

// runeStart moves i back to the start of the rune it falls in (at most
// three bytes), never to 0.
func runeStart(text string, i int) int {
	for j := i; j > 0 && j > i-utf8.UTFMax; j-- {
		if utf8.RuneStart(text[j]) {
			return j
		}
	}
	return i
}
