package reputation

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"github.com/gofrs/flock"
)

// Default FileStore limits.
const (
	DefaultMaxFileBytes = 1 << 30  // 1 GiB
	DefaultMaxLineBytes = 64 << 10 // 64 KiB
)

// lineVersion is the version of the line format FileStore writes.
const lineVersion = 1

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// FileOptions configure a FileStore. The zero value (or nil) is the
// default.
type FileOptions struct {
	// MaxFileBytes bounds the ledger file; opening a larger one, or
	// appending past it, fails with ErrTooLarge. Default
	// DefaultMaxFileBytes (1 GiB).
	MaxFileBytes int64 `json:"max_file_bytes,omitempty"`

	// MaxLineBytes bounds one line (one event). Default
	// DefaultMaxLineBytes (64 KiB).
	MaxLineBytes int `json:"max_line_bytes,omitempty"`
}

// LineError is a ledger file line that cannot be read: it is malformed,
// its checksum does not match, its event is invalid or of an unknown kind,
// or it is too long. It wraps the reason (ErrMalformed, ErrChecksum,
// ErrUnknownKind, ErrInvalidEvent or ErrTooLarge).
type LineError struct {
	Path string
	Line int // 1-based
	Err  error
}

// Error returns "reputation: PATH: line N: reason".
func (e *LineError) Error() string {
	return fmt.Sprintf("reputation: %s: line %d: %s", e.Path, e.Line, inner(e.Err))
}

// Unwrap returns the reason.
func (e *LineError) Unwrap() error { return e.Err }

// TornTail is an unfinished last line a FileStore found and set aside:
// what a process that crashed in the middle of an append leaves. Such a
// line was never acknowledged (Append acknowledges only after the whole
// line is written and synced), so setting it aside loses no acknowledged
// event; its bytes are appended to SavedTo so nothing is silently lost.
type TornTail struct {
	Path    string `json:"path"`     // the ledger file
	Line    int    `json:"line"`     // the line number it would have had
	Offset  int64  `json:"offset"`   // where it started
	Bytes   int    `json:"bytes"`    // its length
	Reason  string `json:"reason"`   // why it is not a line: "no newline", or the decode error
	SavedTo string `json:"saved_to"` // where its bytes were saved
}

// String describes the torn tail in one line.
func (t TornTail) String() string {
	return fmt.Sprintf("%s: line %d: torn tail of %d bytes at offset %d set aside in %s (%s)", t.Path, t.Line, t.Bytes, t.Offset, t.SavedTo, t.Reason)
}

// FileStore is a Store in an append-only file, one event per line:
//
//	{"v":1,"event":{...},"crc32c":"1a2b3c4d"}
//
// where crc32c is the CRC-32C (Castagnoli) of the event's JSON exactly as
// written. Append writes a whole line with one write, then fsyncs, and
// only then acknowledges. Several processes may share one file: every
// operation that reads or writes it holds an exclusive lock on a
// companion file, the ledger's path plus ".lock" (flock on Unix,
// LockFileEx on Windows).
//
// After a crash the last line may be unfinished: it has no newline,
// because Append writes the newline last, in the same write. The next
// operation that finds it (in any process) moves its bytes to the
// ledger's path plus ".torn", truncates the ledger before it, and reports
// it through Torn. Any line that ends in a newline and cannot be read is
// corruption, wherever it is: every operation fails with a *LineError
// naming it until a person repairs the file or upgrades. That includes a
// whole last line whose checksum does not match: this writer never leaves
// one (it is bit rot or an edit, and may be an acknowledged event), so it
// is never set aside silently. To repair it by hand, move the line to the
// .torn file once you know what it was.
//
// A FileStore keeps every event in memory and reads only what other
// processes appended since it last looked. The lock is advisory and works
// between processes on one machine; a ledger shared by replicas on
// several machines belongs in an SQLStore, not on a network file system.
type FileStore struct {
	path string
	opts FileOptions

	mu     sync.Mutex
	f      *os.File
	lock   *flock.Flock
	offset int64 // bytes of verified lines read
	line   int   // lines read
	seq    int64 // the last line's Seq
	events map[Subject][]Event
	torn   []TornTail
	closed bool
}

// OpenFile opens the ledger file at path, creating it if needed, and reads
// it. A corrupt line fails with a *LineError; a file larger than
// MaxFileBytes with ErrTooLarge; a torn tail is set aside and reported by
// Torn.
func OpenFile(path string, opts *FileOptions) (*FileStore, error) {
	var o FileOptions
	if opts != nil {
		o = *opts
	}
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = DefaultMaxLineBytes
	}
	// A FIFO or a device would take events and keep none (and opening a
	// FIFO can block): only a regular file is a ledger.
	fi, statErr := os.Stat(path)
	if statErr == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is a %s", ErrNotRegular, path, fileType(fi.Mode()))
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("reputation: %w", err)
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("reputation: %w", err)
		}
		return nil, fmt.Errorf("%w: %s is a %s", ErrNotRegular, path, fileType(fi.Mode()))
	}
	if errors.Is(statErr, os.ErrNotExist) {
		syncDir(filepath.Dir(path))
	}
	s := &FileStore{path: path, opts: o, f: f, lock: flock.New(path + ".lock"), events: map[Subject][]Event{}}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(s.catchUp); err != nil {
		f.Close()
		s.lock.Close()
		return nil, err
	}
	return s, nil
}

// fileType names a file mode's type for an error message.
func fileType(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&os.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case m&os.ModeCharDevice != 0:
		return "character device"
	case m&os.ModeDevice != 0:
		return "device"
	case m&os.ModeSocket != 0:
		return "socket"
	}
	return "non-regular file"
}

// syncDir makes a newly created file's directory entry durable. It is
// best effort: some systems cannot sync a directory.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Path returns the ledger file's path.
func (s *FileStore) Path() string { return s.path }

// Torn returns the torn tails this FileStore has set aside, oldest first.
func (s *FileStore) Torn() []TornTail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.torn)
}

// locked runs fn holding the file lock; s.mu must be held.
func (s *FileStore) locked(fn func() error) error {
	if err := s.lock.Lock(); err != nil {
		return fmt.Errorf("reputation: lock %s: %w", s.path, err)
	}
	err := fn()
	if uerr := s.lock.Unlock(); uerr != nil && err == nil {
		err = fmt.Errorf("reputation: unlock %s: %w", s.path, uerr)
	}
	return err
}

// catchUp reads the lines appended since the last look. s.mu and the file
// lock must be held.
func (s *FileStore) catchUp() error {
	fi, err := s.f.Stat()
	if err != nil {
		return fmt.Errorf("reputation: %w", err)
	}
	size := fi.Size()
	switch {
	case size > s.opts.MaxFileBytes:
		return fmt.Errorf("%w: %s is %d bytes, limit %d", ErrTooLarge, s.path, size, s.opts.MaxFileBytes)
	case size < s.offset:
		return fmt.Errorf("%w: %s shrank from %d to %d bytes", ErrMalformed, s.path, s.offset, size)
	case size == s.offset:
		return nil
	}
	r := bufio.NewReaderSize(io.NewSectionReader(s.f, s.offset, size-s.offset), s.opts.MaxLineBytes+1)
	for {
		raw, err := r.ReadSlice('\n')
		switch {
		case err == io.EOF && len(raw) == 0:
			return nil
		case err == io.EOF:
			return s.tear(raw, "no newline")
		case errors.Is(err, bufio.ErrBufferFull):
			return &LineError{Path: s.path, Line: s.line + 1, Err: fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, s.opts.MaxLineBytes)}
		case err != nil:
			return fmt.Errorf("reputation: read %s: %w", s.path, err)
		}
		e, derr := decodeLine(raw[:len(raw)-1])
		if derr == nil && e.Seq != s.seq+1 {
			derr = fmt.Errorf("%w: seq %d after %d", ErrMalformed, e.Seq, s.seq)
		}
		if derr != nil {
			// The line ends in a newline, so it is whole: Append writes
			// the newline last in one write, and a crash leaves no
			// newline. A whole line that does not read is corruption
			// (bit rot, an edit) or a newer writer's: stop and name it.
			return &LineError{Path: s.path, Line: s.line + 1, Err: derr}
		}
		s.offset += int64(len(raw))
		s.line++
		s.seq = e.Seq
		s.events[e.Subject] = append(s.events[e.Subject], e)
	}
}

// tear sets aside an unfinished last line starting at s.offset: its bytes
// go to the .torn file (synced), then the ledger is truncated before it.
func (s *FileStore) tear(raw []byte, reason string) error {
	t := TornTail{Path: s.path, Line: s.line + 1, Offset: s.offset, Bytes: len(raw), Reason: reason, SavedTo: s.path + ".torn"}
	tf, err := os.OpenFile(t.SavedTo, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("reputation: save torn tail: %w", err)
	}
	rec := append([]byte(nil), raw...)
	if len(rec) == 0 || rec[len(rec)-1] != '\n' {
		rec = append(rec, '\n')
	}
	_, err = tf.Write(rec)
	if err == nil {
		err = tf.Sync()
	}
	if cerr := tf.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("reputation: save torn tail: %w", err)
	}
	if err := s.f.Truncate(s.offset); err != nil {
		return fmt.Errorf("reputation: truncate torn tail: %w", err)
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("reputation: truncate torn tail: %w", err)
	}
	s.torn = append(s.torn, t)
	return nil
}

// encodeLine encodes e as a ledger line, newline included.
func encodeLine(e Event) ([]byte, error) {
	ev, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidEvent, err)
	}
	b := make([]byte, 0, len(ev)+40)
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, lineVersion, 10)
	b = append(b, `,"event":`...)
	b = append(b, ev...)
	b = append(b, `,"crc32c":"`...)
	b = fmt.Appendf(b, "%08x", crc32.Checksum(ev, castagnoli))
	b = append(b, "\"}\n"...)
	return b, nil
}

// decodeLine decodes one ledger line without its newline, checking its
// version, checksum and event.
func decodeLine(line []byte) (e Event, err error) {
	var l struct {
		V     int             `json:"v"`
		Event json.RawMessage `json:"event"`
		Sum   string          `json:"crc32c"`
	}
	if err := strictUnmarshal(line, &l); err != nil {
		return Event{}, err
	}
	if len(l.Event) == 0 {
		return Event{}, fmt.Errorf("%w: no event", ErrMalformed)
	}
	if want := fmt.Sprintf("%08x", crc32.Checksum(l.Event, castagnoli)); l.Sum != want {
		return Event{}, fmt.Errorf("%w: crc32c %q, event hashes to %q", ErrChecksum, l.Sum, want)
	}
	if l.V != lineVersion {
		return Event{}, fmt.Errorf("%w: line version %d, want %d", ErrMalformed, l.V, lineVersion)
	}
	e, err = decodeEvent(l.Event)
	if err != nil {
		return Event{}, err
	}
	if e.Seq <= 0 {
		return Event{}, fmt.Errorf("%w: seq %d", ErrMalformed, e.Seq)
	}
	return e, nil
}

// Append implements Store. It holds the file lock while it reads what
// other processes appended, writes the line and fsyncs.
func (s *FileStore) Append(ctx context.Context, e Event) (Event, error) {
	if err := checkAppend(ctx, e); err != nil {
		return Event{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return Event{}, ErrClosed
	}
	err := s.locked(func() error {
		if err := s.catchUp(); err != nil {
			return err
		}
		e.Seq = s.seq + 1
		line, err := encodeLine(e)
		if err != nil {
			return err
		}
		if len(line) > s.opts.MaxLineBytes {
			return fmt.Errorf("%w: event of %d bytes, line limit %d", ErrTooLarge, len(line), s.opts.MaxLineBytes)
		}
		if s.offset+int64(len(line)) > s.opts.MaxFileBytes {
			return fmt.Errorf("%w: %s would exceed %d bytes", ErrTooLarge, s.path, s.opts.MaxFileBytes)
		}
		if _, err := s.f.Write(line); err != nil {
			s.f.Truncate(s.offset)                           // best effort: the next catchUp tears what is left
			return fmt.Errorf("reputation: append: %w", err) // err names the file
		}
		if err := s.f.Sync(); err != nil {
			s.f.Truncate(s.offset)
			return fmt.Errorf("reputation: %w", err) // "sync PATH: ..."
		}
		s.offset += int64(len(line))
		s.line++
		s.seq = e.Seq
		e.Attestation = slices.Clone(e.Attestation)
		s.events[e.Subject] = append(s.events[e.Subject], e)
		return nil
	})
	if err != nil {
		return Event{}, err
	}
	return e, nil
}

// Events implements Store. When the file has not grown since the last
// look it answers from memory without taking the file lock.
func (s *FileStore) Events(ctx context.Context, subj Subject) ([]Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	subj = subj.Normalize()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrClosed
	}
	fi, err := s.f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reputation: %w", err)
	}
	if fi.Size() != s.offset {
		if err := s.locked(s.catchUp); err != nil {
			return nil, err
		}
	}
	return slices.Clone(s.events[subj]), nil
}

// Close implements Store.
func (s *FileStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.f.Close()
	if lerr := s.lock.Close(); err == nil {
		err = lerr
	}
	return err
}
