package diffstat

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// DefaultMaxBytes is the input size limit when Options.MaxBytes is zero.
const DefaultMaxBytes = 64 << 20

// maxHeaderLine bounds a header line (diff --git, ---, rename from, ...).
// Hunk lines may be of any length: they are counted in chunks.
const maxHeaderLine = 64 << 10

// MaxPathBytes is the longest file path a diff may name; git cannot
// create longer ones on any common system (Linux's PATH_MAX is 4096).
const MaxPathBytes = 4096

// contentSniff bounds how much of a new file's first lines is kept for
// recognising generated files by their header.
const contentSniff = 4 << 10

// Options configure a Scanner or Parse. The zero value is ready to use.
type Options struct {
	// MaxBytes is the largest input accepted; a longer one fails with
	// ErrTooLarge. Zero means DefaultMaxBytes (64 MiB); negative means no
	// limit, for trusted input that is streamed rather than kept.
	MaxBytes int64 `json:"max_bytes,omitempty"`

	// KeepPatch makes a Scanner keep each file's hunks so that
	// File.Hunks works; memory then grows with the input. Parse always
	// keeps them.
	KeepPatch bool `json:"keep_patch,omitempty"`

	// Classifier decides each file's Kind; nil means the zero Classifier
	// (DefaultRules(), then GitHub Linguist's rules).
	Classifier *Classifier `json:"classifier,omitempty"`

	// NoClassify leaves every file's Kind at KindSource, for callers that
	// only want counts: classifying costs more than counting on diffs of
	// many small files.
	NoClassify bool `json:"no_classify,omitempty"`
}

// Parse reads a whole unified diff and returns its files, each able to
// give its hunks and lines. It reads git's format (renames, copies, mode
// changes, binary files, git format-patch mails, git log -p) and plain
// diff -u output.
//
// An empty input is an empty diff. Input that is not a diff, a hunk whose
// lines disagree with its header, a NUL byte, a combined diff, or input over
// Options.MaxBytes fail with a *ParseError.
//
// When r is a strings.Reader, the files' hunks share its string, which
// is never copied; when r tells its length (a bytes.Reader or
// bytes.Buffer), they are kept in one buffer of that size. Either way a
// File, a Hunk or a line's Text kept after the rest of the Diff keeps all
// of it.
func Parse(r io.Reader, opts *Options) (*Diff, error) {
	o := Options{}
	if opts != nil {
		o = *opts
	}
	o.KeepPatch = true
	s := newScanner(&o)
	// Every file's patch is kept, and together they are never longer
	// than the input: when the reader knows how much it holds (a
	// bytes.Reader, a strings.Reader, a bytes.Buffer, as every caller of
	// Parse in heft passes), the patches are laid end to end in one buffer
	// of that size, not each grown by doubling (which allocated twice a
	// long patch and copied it once, and 512 bytes for the shortest).
	//
	// A string needs no copy at all: nothing ever writes what is read, so
	// the scanner reads its lines from the string itself and each file's
	// patch is the string's own bytes while its hunks follow each other
	// (keep): no buffer the input's size and two copies fewer (a 4 MiB
	// diff of tiny hunks, Parse and Hunks: 31.3 MB allocated, now 27.1).
	if sr, ok := r.(*strings.Reader); ok {
		var t stringTaker
		if _, err := sr.WriteTo(&t); err != nil {
			return nil, err // not reached: stringTaker takes anything
		}
		s.src, s.mem = t.s, true
	} else {
		s.reader(r)
		if l, ok := r.(interface{ Len() int }); ok {
			if n := l.Len(); n > 0 && (s.max < 0 || int64(n) <= s.max) {
				s.arena = make([]byte, 0, n)
			}
		}
	}
	d := &Diff{}
	for s.Next() {
		d.Files = append(d.Files, s.File())
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	return d, nil
}

// Scanner reads a unified diff one file at a time, in one pass and in
// memory bounded by the longest header line (unless Options.KeepPatch is
// set). Its counts are exact: every hunk is checked against its header.
//
//	s := diffstat.NewScanner(os.Stdin, nil)
//	for s.Next() {
//		f := s.File()
//		fmt.Println(f.Added, f.Deleted, f.Path())
//	}
//	if err := s.Err(); err != nil { ... }
type Scanner struct {
	br      *bufio.Reader
	opts    Options
	max     int64
	read    int64
	lineNo  int
	err     error
	nonDiff bool // saw a non-blank line before any file

	cur    *File // the file being read
	out    *File // the file Next last returned
	state  state
	plain  bool // cur comes from a plain (non-git) header
	gotOld bool // cur has had its --- line
	gotNew bool // cur has had its +++ line

	oldRem, newRem int // lines left in the current hunk
	hunkLine       int // input line of the current hunk's header
	sniff          []byte
	sniffing       bool

	files   int  // files returned so far
	done    bool // the end of input was handled
	midLine bool // the last chunk did not end its line
	strip   bool // cur's git paths carry a/ and b/ prefixes

	gitOld, gitNew string // the names of cur's "diff --git" line, as written
	gitLine        int    // its input line; 0 for a plain section

	ready []*File // files finished but not yet returned
	held  *File   // a deleted file that may be the first half of a type change

	pushback []byte // a line read ahead and given back

	// arena is room for the kept patches, laid end to end: each file's
	// patch starts at the arena's start, and the arena moves past it when
	// the file ends (emit). A patch that outgrows it moves out by grow.
	arena []byte

	// mem is set when the input is src, a string read in place: chunk
	// cuts lines from src[srcOff:], and keep notes the current file's
	// patch as the stretch of src from spanStart to spanEnd while it is
	// one (spanning), which flushSpan makes its patch when the file ends.
	mem                bool
	src                string
	srcOff             int
	spanning           bool
	spanStart, spanEnd int
}

// stringTaker takes the string a strings.Reader's WriteTo gives it,
// without a copy.
type stringTaker struct{ s string }

func (t *stringTaker) WriteString(s string) (int, error) {
	t.s += s
	return len(s), nil
}

func (t *stringTaker) Write(p []byte) (int, error) { return t.WriteString(string(p)) }

type state uint8

const (
	stPreamble  state = iota // before the first file, or after garbage
	stHeader                 // in a file's extended header, before hunks
	stAfterHunk              // in a file, between or after hunks
	stBinary                 // in a GIT binary patch
)

// NewScanner returns a Scanner reading from r. opts may be nil.
func NewScanner(r io.Reader, opts *Options) *Scanner {
	s := newScanner(opts)
	s.reader(r)
	return s
}

// newScanner returns a Scanner with nothing to read yet.
func newScanner(opts *Options) *Scanner {
	s := &Scanner{}
	if opts != nil {
		s.opts = *opts
	}
	s.max = s.opts.MaxBytes
	if s.max == 0 {
		s.max = DefaultMaxBytes
	}
	return s
}

// reader makes s read from r through a pooled read buffer.
func (s *Scanner) reader(r io.Reader) {
	s.br = readers.Get().(*bufio.Reader)
	s.br.Reset(r)
}

// File returns the file Next read.
func (s *Scanner) File() *File { return s.out }

// Err returns the first error, if any, that stopped the scan. It is nil
// at the end of a well-formed diff.
func (s *Scanner) Err() error { return s.err }

// Next reads the next file section. It returns false at the end of the
// input or on error; Err tells which.
func (s *Scanner) Next() bool {
	s.out = nil
	for len(s.ready) == 0 {
		if s.err != nil || s.done {
			s.release()
			return false
		}
		line, err := s.line()
		switch {
		case err == io.EOF:
			s.finish()
		case err != nil:
			s.fail(err)
		default:
			s.step(line)
		}
	}
	if s.err != nil {
		return false
	}
	s.out = s.ready[0]
	s.ready[0] = nil
	s.ready = s.ready[1:]
	return true
}

// readers recycles the scanners' read buffers: a small diff should not
// pay for allocating and clearing one.
var readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, maxHeaderLine) }}

// release returns the read buffer once the scan is over. Nothing read
// from it is referenced after: files hold copies.
func (s *Scanner) release() {
	if s.br != nil {
		s.br.Reset(nil)
		readers.Put(s.br)
		s.br = nil
		s.pushback = nil
	}
}

// finish handles the end of input.
func (s *Scanner) finish() {
	s.done = true
	if s.cur != nil {
		if err := s.checkHeaderComplete(); err != nil {
			s.fail(err)
			return
		}
		s.emit()
	}
	s.flushHeld()
	if s.files == 0 && s.nonDiff {
		s.fail(&ParseError{Line: 1, Err: ErrNotDiff, Msg: "no file section found: " + ErrNotDiff.Error()})
	}
}

// step handles one line outside a hunk body.
func (s *Scanner) step(line []byte) {
	switch s.state {
	case stBinary:
		if !bytes.HasPrefix(line, []byte("diff ")) {
			return // base85 data of a GIT binary patch
		}
	case stAfterHunk:
		if len(line) > 0 && (line[0] == '+' || line[0] == '-') {
			switch {
			case isSignature(line):
				s.state = stPreamble
			case bytes.HasPrefix(line, []byte("--- ")):
				s.minusLine(line)
			default:
				s.fail(s.errorf(ErrMalformed, "%q line after a complete hunk: the hunk at line %d has more lines than its header says",
					line[:1], s.hunkLine))
			}
			return
		}
		if len(line) > 0 && line[0] == '\\' {
			return // "\ No newline at end of file" after the hunk's last line
		}
	}

	switch {
	case bytes.HasPrefix(line, []byte("@@")):
		s.hunkHeader(line)
		return
	case bytes.HasPrefix(line, []byte("diff --git ")):
		s.startGit(line)
		return
	case bytes.HasPrefix(line, []byte("diff --cc ")), bytes.HasPrefix(line, []byte("diff --combined ")):
		s.fail(s.errorf(ErrUnsupported, "combined diff (from a merge commit) is not supported; diff against one parent instead"))
		return
	case bytes.HasPrefix(line, []byte("diff ")), bytes.HasPrefix(line, []byte("Index: ")):
		if s.state != stHeader || s.plain {
			s.startPlain()
			return
		}
	case bytes.HasPrefix(line, []byte("--- ")):
		s.minusLine(line)
		return
	}
	switch {
	case s.state == stHeader && !s.plain && (len(trimEOL(line)) == 0 || isSignature(line)):
		// git's extended header has no blank lines: the section (one
		// with no hunks, such as a mode change) is over, and what follows
		// is prose: the next mail of format-patch, a commit of git log.
		s.state = stPreamble
	case s.state == stHeader && (s.gotNew || !s.plain) && len(line) > 0 && (line[0] == '+' || line[0] == '-'):
		// A changed line needs a hunk header to say where it goes;
		// without one it would be dropped from the counts in silence.
		s.fail(s.errorf(ErrMalformed, "%q line with no @@ hunk header before it", line[:1]))
	case s.state == stHeader && !s.plain:
		s.gitHeaderLine(line)
	case s.state == stHeader && bytes.HasPrefix(line, []byte("Binary files ")):
		s.cur.Binary = true
	case s.state == stAfterHunk || s.state == stBinary:
		s.state = stPreamble
	case s.files == 0 && s.cur == nil && len(bytes.TrimSpace(line)) > 0:
		s.nonDiff = true
	}
}

// startGit begins a file section at a "diff --git" line.
func (s *Scanner) startGit(line []byte) {
	s.begin()
	oldP, newP, ok := splitGitNames(string(trimEOL(line[len("diff --git "):])))
	if !ok {
		s.fail(s.errorf(ErrMalformed, "cannot read the paths of %q", trimEOL(line)))
		return
	}
	if len(oldP) > MaxPathBytes || len(newP) > MaxPathBytes {
		s.fail(s.errorf(ErrMalformed, "path longer than %d bytes", MaxPathBytes))
		return
	}
	s.strip = hasGitPrefixes(oldP, newP)
	s.cur.OldPath, s.cur.NewPath = stripGit(oldP, s.strip), stripGit(newP, s.strip)
	s.gitOld, s.gitNew, s.gitLine = oldP, newP, s.lineNo
}

// startPlain begins a file section at a "diff ..." or "Index:" line of a
// non-git diff; its paths come from the --- and +++ lines.
func (s *Scanner) startPlain() {
	s.begin()
	s.plain = true
}

// begin closes the current file, if any, and opens a new one.
func (s *Scanner) begin() {
	if s.cur != nil {
		if err := s.checkHeaderComplete(); err != nil {
			s.fail(err)
			return
		}
		s.emit()
	}
	s.cur = &File{Line: s.lineNo, hunks: new(hunkCache)}
	s.state = stHeader
	s.plain, s.gotOld, s.gotNew, s.strip = false, false, false, false
	s.gitOld, s.gitNew, s.gitLine = "", "", 0
}

// checkHeaderComplete fails a file whose --- line had no +++ line, and a
// git section whose "diff --git" line names two different files when no
// rename or copy lines say why.
func (s *Scanner) checkHeaderComplete() error {
	if s.gotOld && !s.gotNew {
		return s.errorf(ErrMalformed, "--- line without a +++ line")
	}
	if f := s.cur; s.gitLine > 0 && f.Op != OpRenamed && f.Op != OpCopied && !sameGitName(s.gitOld, s.gitNew) {
		return &ParseError{Line: s.gitLine, Path: s.curPath(), Err: ErrMalformed,
			Msg: fmt.Sprintf("diff --git line names %q and %q, two different files, with no rename or copy lines", s.gitOld, s.gitNew)}
	}
	return nil
}

// sameGitName reports whether the two names of a "diff --git" line name
// one file: equal (--no-prefix), or equal but for their first directory,
// the source and destination prefixes (a/ and b/, mnemonic i/ and w/, or
// any --src-prefix and --dst-prefix).
func sameGitName(oldP, newP string) bool {
	if oldP == newP {
		return true
	}
	_, o, ok1 := strings.Cut(oldP, "/")
	_, n, ok2 := strings.Cut(newP, "/")
	return ok1 && ok2 && o == n && o != ""
}

// emit finishes the current file and queues it for Next. git shows a
// type change (a symlink replaced by a file) as a deletion followed by an
// addition of the same path; like git diff --numstat, emit joins the two
// into one OpTypeChanged file.
func (s *Scanner) emit() {
	f := s.cur
	s.cur = nil
	s.flushSpan(f)
	if n := len(f.patch); n > 0 && cap(s.arena) > 0 && unsafe.SliceData(f.patch) == unsafe.SliceData(s.arena) {
		f.patch = f.patch[:n:n] // the next file's patch follows it in the arena
		s.arena = s.arena[n:n]
	}
	finishOp(f)
	var content []byte
	if len(s.sniff) > 0 {
		content = s.sniff
	}
	if !s.opts.NoClassify {
		f.Kind = s.opts.Classifier.Classify(f.Path(), content)
	}
	s.sniff = s.sniff[:0]
	s.sniffing = false
	s.state = stPreamble

	if h := s.held; h != nil {
		s.held = nil
		if f.Op == OpAdded && f.NewPath == h.OldPath {
			h.Op, h.NewPath, h.NewMode = OpTypeChanged, f.NewPath, f.NewMode
			h.Added += f.Added
			h.Deleted += f.Deleted
			h.Binary = h.Binary || f.Binary
			h.Kind = f.Kind
			h.nHunks += f.nHunks
			h.patch = append(h.patch, f.patch...)
			h.hunkLines += f.hunkLines
			s.queue(h)
			return
		}
		s.queue(h)
	}
	if f.Op == OpDeleted && !s.plain {
		s.held = f
		return
	}
	s.queue(f)
}

func (s *Scanner) flushHeld() {
	if s.held != nil {
		s.queue(s.held)
		s.held = nil
	}
}

func (s *Scanner) queue(f *File) {
	s.files++
	s.ready = append(s.ready, f)
}

// finishOp settles a file's operation once its whole header is known.
func finishOp(f *File) {
	switch {
	case f.Op != OpModified:
	case f.OldMode != "" && f.NewMode != "" && modeType(f.OldMode) != modeType(f.NewMode):
		f.Op = OpTypeChanged
	case f.OldMode != "" && f.NewMode != "" && f.OldMode != f.NewMode && f.Added == 0 && f.Deleted == 0 && !f.Binary:
		f.Op = OpModeChanged
	case f.OldPath == "" && f.NewPath != "":
		f.Op = OpAdded
	case f.NewPath == "" && f.OldPath != "":
		f.Op = OpDeleted
	}
}

// modeType returns the file-type digits of a git mode: "10" for a regular
// file, "12" for a symlink, "16" for a submodule.
func modeType(mode string) string {
	if len(mode) <= 4 {
		return mode
	}
	return mode[:len(mode)-4]
}

// gitHeaderLine reads one extended header line of a git file section.
func (s *Scanner) gitHeaderLine(line []byte) {
	f := s.cur
	text := string(trimEOL(line))
	field := func(prefix string) (string, bool) {
		if !strings.HasPrefix(text, prefix) {
			return "", false
		}
		return text[len(prefix):], true
	}
	path := func(v string) string {
		p, err := unquote(v)
		switch {
		case err != nil:
			s.fail(s.errorf(ErrMalformed, "bad quoted path %s: %v", v, err))
		case len(p) > MaxPathBytes:
			s.fail(s.errorf(ErrMalformed, "path longer than %d bytes", MaxPathBytes))
		}
		return p
	}
	if v, ok := field("old mode "); ok {
		f.OldMode = v
	} else if v, ok := field("new mode "); ok {
		f.NewMode = v
	} else if v, ok := field("deleted file mode "); ok {
		f.Op, f.OldMode, f.NewPath = OpDeleted, v, ""
	} else if v, ok := field("new file mode "); ok {
		f.Op, f.NewMode, f.OldPath = OpAdded, v, ""
	} else if v, ok := field("rename from "); ok {
		f.Op, f.OldPath = OpRenamed, path(v)
	} else if v, ok := field("rename to "); ok {
		f.Op, f.NewPath = OpRenamed, path(v)
	} else if v, ok := field("copy from "); ok {
		f.Op, f.OldPath = OpCopied, path(v)
	} else if v, ok := field("copy to "); ok {
		f.Op, f.NewPath = OpCopied, path(v)
	} else if v, ok := field("similarity index "); ok {
		f.Similarity, _ = strconv.Atoi(strings.TrimSuffix(v, "%"))
	} else if v, ok := field("index "); ok {
		// "index abc..def 100644": the mode is the file's, unchanged.
		if _, mode, ok := strings.Cut(v, " "); ok && f.OldMode == "" && f.NewMode == "" {
			f.OldMode, f.NewMode = mode, mode
		}
	} else if strings.HasPrefix(text, "Binary files ") || text == "GIT binary patch" {
		f.Binary = true
		if text == "GIT binary patch" {
			s.state = stBinary
		}
	}
}

// minusLine handles a "--- " line outside a hunk: the old-file line of a
// file header. Its "+++ " partner must follow.
func (s *Scanner) minusLine(line []byte) {
	oldP, oldErr := headerPath(line[4:]) // line is invalid after the next read
	next, err := s.line()
	if err != nil && err != io.EOF {
		s.fail(err)
		return
	}
	if err == io.EOF || !bytes.HasPrefix(next, []byte("+++ ")) {
		if err == nil {
			s.unread(next)
		}
		if s.state == stPreamble {
			return // prose that happens to start with "--- "
		}
		s.fail(s.errorf(ErrMalformed, "--- line without a +++ line after it"))
		return
	}
	newP, newErr := headerPath(next[4:])
	if len(oldP) > MaxPathBytes || len(newP) > MaxPathBytes {
		s.fail(s.errorf(ErrMalformed, "path longer than %d bytes", MaxPathBytes))
		return
	}
	if err := errors.Join(oldErr, newErr); err != nil {
		s.fail(s.errorf(ErrMalformed, "bad file header: %v", err))
		return
	}
	if s.state != stHeader {
		// A plain diff with no "diff" line between files.
		s.startPlain()
		if s.err != nil {
			return
		}
	}
	f := s.cur
	s.gotOld, s.gotNew = true, true
	switch {
	case s.plain:
		f.OldPath, f.NewPath = stripPlain(oldP, newP)
	case f.Op == OpRenamed || f.Op == OpCopied:
		// rename from/to and copy from/to lines gave the paths unprefixed.
	default:
		// git's ---/+++ lines agree with its diff --git line and are
		// unambiguous when a path contains spaces.
		if oldP != "" {
			f.OldPath = stripGit(oldP, s.strip)
		}
		if newP != "" {
			f.NewPath = stripGit(newP, s.strip)
		}
	}
	if oldP == "" {
		f.OldPath = ""
		if f.Op == OpModified {
			f.Op = OpAdded
		}
	}
	if newP == "" {
		f.NewPath = ""
		if f.Op == OpModified {
			f.Op = OpDeleted
		}
	}
	s.state = stHeader
}

// hunkHeader starts a hunk and reads its body.
func (s *Scanner) hunkHeader(line []byte) {
	if bytes.HasPrefix(line, []byte("@@@")) {
		s.fail(s.errorf(ErrUnsupported, "combined diff hunk (from a merge commit) is not supported"))
		return
	}
	if s.cur == nil || (s.state != stHeader && s.state != stAfterHunk) {
		s.fail(s.errorf(ErrMalformed, "hunk header outside any file section"))
		return
	}
	if !s.gotNew {
		s.fail(s.errorf(ErrMalformed, "hunk header before the file's --- and +++ lines"))
		return
	}
	oldStart, oldLines, newStart, newLines, ok := parseHunkHeader(line)
	if !ok {
		s.fail(s.errorf(ErrMalformed, "bad hunk header %q", trimEOL(line)))
		return
	}
	f := s.cur
	s.oldRem, s.newRem, s.hunkLine = oldLines, newLines, s.lineNo
	s.sniffing = f.nHunks == 0 && (newStart == 1 || f.Op == OpDeleted && oldStart == 1)
	if s.opts.KeepPatch {
		if f.nHunks == 0 {
			f.patchLine = s.lineNo
			if f.patch == nil {
				f.patch = s.arena
			}
		}
		f.nHunks++
		s.keep(f, line)
	}
	s.body()
	if s.err == nil {
		s.state = stAfterHunk
	}
}

// body reads a hunk's lines until its header's counts are used up. This
// is the hot loop: it looks at the first byte of each line and counts.
func (s *Scanner) body() {
	f := s.cur
	keep := s.opts.KeepPatch
	deleted := f.Op == OpDeleted
	// prev is the kind of the hunk's last line ('+', '-', ' ', '\\', or 0
	// before the first); a "\\ No newline" marker ends the side (or, after
	// a context line, both sides) of the line before it, and no line of an
	// ended side may follow.
	prev, oldEnded, newEnded, ended := byte(0), false, false, false
	for s.oldRem > 0 || s.newRem > 0 {
		line, whole, err := s.chunk()
		if err != nil {
			if err == io.EOF {
				s.fail(s.truncated("the input ends"))
			} else {
				s.fail(err)
			}
			return
		}
		c := byte(' ')
		if len(line) > 0 && line[0] != '\n' && !(line[0] == '\r' && len(line) > 1 && line[1] == '\n') {
			c = line[0]
		}
		if ended && (c == '+' && newEnded || c == '-' && oldEnded || c == ' ') {
			s.fail(s.errorf(ErrMalformed, "%s line after a line marked \"\\ No newline at end of file\", which ends the %s file, in the hunk at line %d", lineWords[c], sideWords(oldEnded, newEnded), s.hunkLine))
			return
		}
		switch {
		case c == '+' && s.newRem > 0:
			s.newRem--
			f.Added++
		case c == '-' && s.oldRem > 0:
			s.oldRem--
			f.Deleted++
		case c == ' ' && s.oldRem > 0 && s.newRem > 0:
			s.oldRem--
			s.newRem--
		case c == '\\':
			// "\ No newline at end of file": not a line of either file,
			// but the end of the line before it.
			switch prev {
			case '-':
				oldEnded = true
			case '+':
				newEnded = true
			case ' ':
				oldEnded, newEnded = true, true
			default: // the hunk's first line, or a second marker
				s.fail(s.errorf(ErrMalformed, "a \"\\ No newline at end of file\" marker that follows no line of the hunk at line %d", s.hunkLine))
				return
			}
			ended = true
		case c == '+' || c == '-' || c == ' ':
			s.fail(s.errorf(ErrMalformed, "more %s lines than the hunk header at line %d says", opWords[c], s.hunkLine))
			return
		default:
			s.fail(s.truncated("this line is not part of a hunk"))
			return
		}
		if keep {
			s.keep(f, line)
			if c != '\\' {
				f.hunkLines++
			}
		}
		prev = c
		if s.sniffing && len(s.sniff) < contentSniff && len(line) > 0 && (c == ' ' || (c == '+') != deleted && c != '\\') {
			s.sniff = append(s.sniff, line[1:min(len(line), 1+contentSniff-len(s.sniff))]...)
		}
		for !whole {
			line, whole, err = s.chunk()
			if err != nil {
				if err == io.EOF {
					if keep {
						s.flushSpan(f)
						f.patch = append(f.patch, '\n')
					}
					return // a last line with no newline at the end of input
				}
				s.fail(err)
				return
			}
			if keep {
				s.keep(f, line)
			}
		}
	}
	// A "\ No newline" marker may follow the hunk's last line.
	line, err := s.line()
	if err == nil {
		if len(line) > 0 && line[0] == '\\' {
			if keep {
				s.keep(f, line)
			}
		} else {
			s.unread(line)
		}
	} else if err != io.EOF {
		s.fail(err)
	}
}

// opWords names the lines of a hunk by their first byte, for errors.
var opWords = [256]string{'+': "added", '-': "deleted", ' ': "context"}

// lineWords names a hunk's lines by their first byte, with an article,
// for errors.
var lineWords = [256]string{'+': "an added", '-': "a deleted", ' ': "a context"}

// sideWords names the files a "\ No newline" marker has ended.
func sideWords(oldEnded, newEnded bool) string {
	switch {
	case oldEnded && newEnded:
		return "old and the new"
	case oldEnded:
		return "old"
	}
	return "new"
}

func (s *Scanner) truncated(why string) error {
	return s.errorf(ErrMalformed, "truncated hunk: the hunk at line %d needs %d more old and %d more new lines, but %s",
		s.hunkLine, s.oldRem, s.newRem, why)
}

// line returns the next whole line, newline included. A line longer
// than maxHeaderLine outside a hunk is an error.
func (s *Scanner) line() ([]byte, error) {
	line, whole, err := s.chunk()
	if err != nil {
		return nil, err
	}
	if !whole {
		return nil, s.errorf(ErrMalformed, "header line longer than %d bytes", maxHeaderLine)
	}
	return line, nil
}

// chunk returns the next line, or its first maxHeaderLine bytes with whole
// false; the rest comes with the next calls.
func (s *Scanner) chunk() (line []byte, whole bool, err error) {
	if s.pushback != nil {
		line, s.pushback = s.pushback, nil
		s.lineNo++
		return line, true, nil
	}
	if s.mem {
		line, whole = s.cut()
		if len(line) == 0 {
			return nil, false, io.EOF
		}
	} else {
		line, err = s.br.ReadSlice('\n')
	}
	switch {
	case s.mem:
	case err == bufio.ErrBufferFull:
		err = nil
	case err == io.EOF && len(line) > 0:
		err = nil
		whole = true
	case err != nil:
		return nil, false, err
	default:
		whole = true
	}
	s.read += int64(len(line))
	if s.max > 0 && s.read > s.max {
		return nil, false, &ParseError{Line: s.lineNo + 1, Err: ErrTooLarge,
			Msg: fmt.Sprintf("input is over the %d-byte limit", s.max)}
	}
	if bytes.IndexByte(line, 0) >= 0 {
		return nil, false, &ParseError{Line: s.lineNo + 1, Path: s.curPath(), Err: ErrMalformed,
			Msg: "NUL byte in a text diff"}
	}
	if !s.midLine {
		s.lineNo++
	}
	s.midLine = !whole
	return line, whole, nil
}

// cut cuts the next line from the input string, or its first
// maxHeaderLine bytes with whole false, as ReadSlice cuts it from a read
// buffer of that size. The line shares the string and must not be
// written.
func (s *Scanner) cut() (line []byte, whole bool) {
	rest := s.src[s.srcOff:]
	n := len(rest)
	whole = true
	if i := strings.IndexByte(rest[:min(n, maxHeaderLine)], '\n'); i >= 0 {
		n = i + 1
	} else if n > maxHeaderLine {
		n, whole = maxHeaderLine, false
	}
	s.srcOff += n
	return unsafe.Slice(unsafe.StringData(rest), n), whole
}

// keep appends b, a line of a hunk or a piece of one, just read, to the
// file's patch. Reading a string in place, the patch is a stretch of the
// string for as long as what it keeps follows on from what it kept,
// noted as two offsets (a pointer written for each line costs a write
// barrier while the collector runs); otherwise, and for every other
// reader, b is copied (grow).
func (s *Scanner) keep(f *File, b []byte) {
	if s.mem && len(b) > 0 {
		off := int(uintptr(unsafe.Pointer(unsafe.SliceData(b))) - uintptr(unsafe.Pointer(unsafe.StringData(s.src))))
		switch {
		case s.spanning && off == s.spanEnd:
			s.spanEnd += len(b)
			return
		case !s.spanning && len(f.patch) == 0:
			s.spanning, s.spanStart, s.spanEnd = true, off, off+len(b)
			return
		}
		s.flushSpan(f)
	}
	f.patch = grow(f.patch, b)
}

// flushSpan makes f's patch the stretch of the input string keep noted,
// if it noted one. Its capacity ends where it does, so that an append
// copies it rather than write into the string.
func (s *Scanner) flushSpan(f *File) {
	if s.spanning {
		f.patch = unsafe.Slice(unsafe.StringData(s.src[s.spanStart:]), s.spanEnd-s.spanStart)
		s.spanning = false
	}
}

// unread gives back the last line read by line.
func (s *Scanner) unread(line []byte) {
	s.pushback = line // valid: nothing is read before it is taken back
	s.lineNo--
}

func (s *Scanner) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

func (s *Scanner) curPath() string {
	if s.cur == nil {
		return ""
	}
	return s.cur.Path()
}

func (s *Scanner) errorf(class error, format string, args ...any) error {
	return &ParseError{Line: s.lineNo, Path: s.curPath(), Err: class, Msg: fmt.Sprintf(format, args...)}
}

// grow appends b to buf, doubling its length when it is full. append
// grows large slices by a quarter, which copies a long patch about five
// times over; doubling keeps the copying under twice the patch's size, at
// every size. (The length, not the capacity: a patch that outgrows the
// rest of Parse's arena takes twice what it holds, not twice the arena.)
func grow(buf, b []byte) []byte {
	if cap(buf)-len(buf) < len(b) {
		nb := make([]byte, len(buf), max(2*len(buf), len(buf)+len(b), 512))
		copy(nb, buf)
		buf = nb
	}
	return append(buf, b...)
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// isSignature reports the "-- " line git format-patch puts before its
// version signature.
func isSignature(line []byte) bool {
	return string(trimEOL(line)) == "-- "
}

// parseHunkHeader reads "@@ -a[,b] +c[,d] @@ section".
func parseHunkHeader(line []byte) (oldStart, oldLines, newStart, newLines int, ok bool) {
	rest, found := bytes.CutPrefix(line, []byte("@@ -"))
	if !found {
		return
	}
	if oldStart, oldLines, rest, ok = parseRange(rest); !ok {
		return
	}
	if rest, found = bytes.CutPrefix(rest, []byte(" +")); !found {
		return 0, 0, 0, 0, false
	}
	if newStart, newLines, rest, ok = parseRange(rest); !ok {
		return
	}
	if !bytes.HasPrefix(rest, []byte(" @@")) {
		return 0, 0, 0, 0, false
	}
	return oldStart, oldLines, newStart, newLines, true
}

func parseRange(b []byte) (start, n int, rest []byte, ok bool) {
	start, b, ok = parseNum(b)
	if !ok {
		return
	}
	n = 1
	if len(b) > 0 && b[0] == ',' {
		if n, b, ok = parseNum(b[1:]); !ok {
			return
		}
	}
	return start, n, b, true
}

func parseNum(b []byte) (int, []byte, bool) {
	i, n := 0, 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		if n > 1<<40 {
			return 0, nil, false
		}
		n = n*10 + int(b[i]-'0')
		i++
	}
	return n, b[i:], i > 0
}
