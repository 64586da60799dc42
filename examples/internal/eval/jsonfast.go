package eval

import (
	"bytes"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/heft-dev/heft/heuristics"
)

// decodeRecord decodes one JSON Lines record into rec as json.Unmarshal
// would, reading the record's own schema by hand: encoding/json's
// reflection, its validation pass over the whole line and its copy of
// every string were a tenth of heft eval's time on the AIDev sample and
// a seventh on pull requests with diffs. It takes only what it can
// decode exactly as json.Unmarshal does and reports false for anything
// else (a key it does not know or spells another way, a repeated key, a
// null, an escaped surrogate, invalid UTF-8, a number or time
// json.Unmarshal would reject, a syntax error), leaving rec in an
// unspecified state: the caller then decodes the line with
// json.Unmarshal into a fresh Record, which gives the answer, or the
// error, for every line. FuzzDecodeRecord compares the two.
//
// Not a library: goccy/go-json's Unmarshal, as fast, decodes a key
// spelt in another case as unknown where encoding/json matches it, and
// takes a raw control character inside a string; held to encoding/json
// by a stream decoder that rejects unknown fields, it read the AIDev
// sample at half this reader's speed (143 against 290 MB/s).
func decodeRecord(line []byte, rec *Record) bool {
	d := jsonDec{s: line}
	if !d.object(func(key []byte) bool { return d.recordField(key, rec) }) {
		return false
	}
	d.ws()
	return d.i == len(d.s)
}

// jsonDec reads JSON from s; i is the next byte. Each method returns
// false when the input is not what it can decode exactly.
type jsonDec struct {
	s []byte
	i int
}

func (d *jsonDec) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// next skips white space and reports whether the next byte is c,
// consuming it if so.
func (d *jsonDec) next(c byte) bool {
	d.ws()
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

// object reads an object, calling field for each key with the decoder
// at its value (white space skipped). Keys repeated within the object
// are refused, as are keys with escapes.
func (d *jsonDec) object(field func(key []byte) bool) bool {
	if !d.next('{') {
		return false
	}
	if d.next('}') {
		return true
	}
	var seenBuf [20][]byte
	seen := seenBuf[:0]
	for {
		d.ws()
		key, ok := d.rawKey()
		if !ok || !d.next(':') {
			return false
		}
		for _, k := range seen {
			if bytes.Equal(k, key) {
				return false
			}
		}
		seen = append(seen, key)
		d.ws()
		if !field(key) {
			return false
		}
		if d.next(',') {
			continue
		}
		return d.next('}')
	}
}

// array reads an array, calling elem for each element with the decoder
// at it (white space skipped); empty reports an empty array.
func (d *jsonDec) array(elem func() bool) (empty, ok bool) {
	if !d.next('[') {
		return false, false
	}
	if d.next(']') {
		return true, true
	}
	for {
		d.ws()
		if !elem() {
			return false, false
		}
		if d.next(',') {
			continue
		}
		return false, d.next(']')
	}
}

// rawKey reads a string without escapes or bytes outside printable
// ASCII, as a key of the schema is.
func (d *jsonDec) rawKey() ([]byte, bool) {
	if d.i >= len(d.s) || d.s[d.i] != '"' {
		return nil, false
	}
	start := d.i + 1
	for j := start; j < len(d.s); j++ {
		switch c := d.s[j]; {
		case c == '"':
			d.i = j + 1
			return d.s[start:j], true
		case c < 0x20 || c >= 0x7f || c == '\\':
			return nil, false
		}
	}
	return nil, false
}

// str reads a string value.
func (d *jsonDec) str() (string, bool) {
	if d.i >= len(d.s) || d.s[d.i] != '"' {
		return "", false
	}
	start := d.i + 1
	j := start
	for j < len(d.s) {
		c := d.s[j]
		switch {
		case c == '"':
			d.i = j + 1
			return string(d.s[start:j]), true
		case c == '\\':
			return d.escaped(start, j)
		case c < 0x20:
			return "", false
		case c < utf8.RuneSelf:
			j++
		default:
			r, n := utf8.DecodeRune(d.s[j:])
			if r == utf8.RuneError && n == 1 {
				return "", false // json.Unmarshal makes it U+FFFD
			}
			j += n
		}
	}
	return "", false
}

// escaped finishes a string value from start whose first escape is at
// j. The string is decoded into memory of its own, sized by a first look
// at its escaped form, and not copied again: an escape of two bytes
// decodes to one, \uXXXX to at most three (no surrogates), any other
// byte to itself. Sizing it by the escaped form's length, as before,
// took up to twice the memory (twice the zeroing, twice the collector's
// work) for a string made of escapes.
func (d *jsonDec) escaped(start, j int) (string, bool) {
	n := j - start
	for k := j; k < len(d.s) && d.s[k] != '"'; n++ {
		switch {
		case d.s[k] != '\\':
			k++
		case k+1 < len(d.s) && d.s[k+1] == 'u':
			k += 6
			n += 2
		default:
			k += 2
		}
	}
	b := append(make([]byte, 0, n), d.s[start:j]...)
	for j < len(d.s) {
		c := d.s[j]
		switch {
		case c == '"':
			d.i = j + 1
			return unsafe.String(unsafe.SliceData(b), len(b)), true
		case c == '\\':
			if j+1 >= len(d.s) {
				return "", false
			}
			switch e := d.s[j+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				if j+6 > len(d.s) {
					return "", false
				}
				v, ok := hex4(d.s[j+2 : j+6])
				if !ok || v >= 0xd800 && v < 0xe000 {
					return "", false // json.Unmarshal pairs or replaces surrogates
				}
				b = utf8.AppendRune(b, v)
				j += 6
				continue
			default:
				return "", false
			}
			j += 2
		case c < 0x20:
			return "", false
		case c < utf8.RuneSelf:
			// The run of plain ASCII up to the next quote, escape,
			// control or non-ASCII byte, in one copy.
			k := j + 1
			for k < len(d.s) && d.s[k] >= 0x20 && d.s[k] < utf8.RuneSelf && d.s[k] != '"' && d.s[k] != '\\' {
				k++
			}
			b = append(b, d.s[j:k]...)
			j = k
		default:
			r, n := utf8.DecodeRune(d.s[j:])
			if r == utf8.RuneError && n == 1 {
				return "", false
			}
			b = append(b, d.s[j:j+n]...)
			j += n
		}
	}
	return "", false
}

// hex4 reads the four hexadecimal digits of a \uXXXX escape, as
// encoding/json does: strconv.ParseUint, with the string it needed, took
// two fifths of the time of decoding a string of such escapes.
func hex4(b []byte) (rune, bool) {
	var v rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		v = v<<4 | rune(c)
	}
	return v, true
}

// boolean reads true or false.
func (d *jsonDec) boolean() (bool, bool) {
	rest := d.s[d.i:]
	switch {
	case len(rest) >= 4 && string(rest[:4]) == "true":
		d.i += 4
		return true, true
	case len(rest) >= 5 && string(rest[:5]) == "false":
		d.i += 5
		return false, true
	}
	return false, false
}

// number reads a number as JSON's grammar has it and returns its text.
func (d *jsonDec) number() (string, bool) {
	s, j := d.s, d.i
	digits := func() bool {
		k := j
		for j < len(s) && '0' <= s[j] && s[j] <= '9' {
			j++
		}
		return j > k
	}
	if j < len(s) && s[j] == '-' {
		j++
	}
	switch {
	case j < len(s) && s[j] == '0':
		j++
	case !digits():
		return "", false
	}
	if j < len(s) && s[j] == '.' {
		j++
		if !digits() {
			return "", false
		}
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		j++
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if !digits() {
			return "", false
		}
	}
	n := string(s[d.i:j])
	d.i = j
	return n, true
}

// intPtr reads a number into a new int, as json.Unmarshal fills an *int.
func (d *jsonDec) intPtr() (*int, bool) {
	n, ok := d.number()
	if !ok {
		return nil, false
	}
	v, err := strconv.ParseInt(n, 10, strconv.IntSize)
	if err != nil {
		return nil, false
	}
	return new(int(v)), true
}

// floatPtr reads a number into a new float64.
func (d *jsonDec) floatPtr() (*float64, bool) {
	n, ok := d.number()
	if !ok {
		return nil, false
	}
	v, err := strconv.ParseFloat(n, 64)
	if err != nil {
		return nil, false
	}
	return &v, true
}

// time reads a string with time.Time's own UnmarshalJSON, which is what
// json.Unmarshal calls with the quoted text.
func (d *jsonDec) time(t *time.Time) bool {
	start := d.i
	if _, ok := d.rawKey(); !ok {
		return false // escapes or other bytes that no valid time has
	}
	return t.UnmarshalJSON(d.s[start:d.i]) == nil
}

// strings reads a string value into fields[i] when key is names[i];
// found is false when key is none of names.
func (d *jsonDec) strings(key []byte, names []string, fields ...*string) (found, ok bool) {
	for i, n := range names {
		if string(key) == n {
			*fields[i], ok = d.str()
			return true, ok
		}
	}
	return false, false
}

// The string fields of the schema's objects, in the order decodeRecord
// passes their fields.
var (
	recordStrings = []string{"id", "title", "body", "template", "diff", "agent", "repo"}
	commitStrings = []string{"sha", "message", "author_name", "author_email"}
	eventStrings  = []string{"body", "state", "label"}
	// outcomeCounts are Outcomes' integer fields.
	outcomeCounts = []string{"review_comments", "review_rounds", "maintainers", "maintainer_comments"}
)

func (d *jsonDec) recordField(key []byte, r *Record) bool {
	if found, ok := d.strings(key, recordStrings, &r.ID, &r.Title, &r.Body, &r.Template, &r.Diff, &r.Agent, &r.Repo); found {
		return ok
	}
	switch string(key) {
	case "author":
		return d.author(&r.Author)
	case "diff_partial":
		v, ok := d.boolean()
		r.DiffPartial = v
		return ok
	case "merged", "ai":
		v, ok := d.boolean()
		if string(key) == "merged" {
			r.Merged = &v
		} else {
			r.AI = &v
		}
		return ok
	case "now":
		return d.time(&r.Now)
	case "opened":
		return d.time(&r.Opened)
	case "closed":
		return d.time(&r.Closed)
	case "commits":
		return arrayOf(d, &r.Commits, d.commit)
	case "timeline":
		return arrayOf(d, &r.Timeline, d.event)
	case "labels":
		return arrayOf(d, &r.Labels, func(l *string) (ok bool) {
			*l, ok = d.str()
			return ok
		})
	case "outcomes":
		o := new(Outcomes)
		r.Outcomes = o
		return d.object(func(key []byte) (ok bool) {
			counts := [...]**int{&o.ReviewComments, &o.ReviewRounds, &o.Maintainers, &o.MaintainerComments}
			if i := slices.Index(outcomeCounts, string(key)); i >= 0 {
				*counts[i], ok = d.intPtr()
				return ok
			}
			switch string(key) {
			case "first_response_hours":
				o.FirstResponse, ok = d.floatPtr()
			case "time_to_close_hours":
				o.TimeToClose, ok = d.floatPtr()
			}
			return ok
		})
	}
	return false
}

// arrayOf reads an array into *p, each element with elem; an empty
// array makes an empty slice, not nil, as json.Unmarshal does.
func arrayOf[T any](d *jsonDec, p *[]T, elem func(*T) bool) bool {
	empty, ok := d.array(func() bool {
		var zero T
		*p = append(*p, zero)
		return elem(&(*p)[len(*p)-1]) // in place: a local passed to elem would escape
	})
	if empty {
		*p = []T{}
	}
	return ok
}

// author reads an Author without an account (a record with one goes to
// json.Unmarshal).
func (d *jsonDec) author(a *heuristics.Author) bool {
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "login":
			s, ok := d.str()
			a.Login = s
			return ok
		case "association":
			s, ok := d.str()
			a.Association = heuristics.Association(s)
			return ok
		case "bot":
			v, ok := d.boolean()
			a.Bot = v
			return ok
		}
		return false
	})
}

func (d *jsonDec) commit(c *heuristics.Commit) bool {
	return d.object(func(key []byte) bool {
		if found, ok := d.strings(key, commitStrings, &c.SHA, &c.Message, &c.AuthorName, &c.AuthorEmail); found {
			return ok
		}
		return string(key) == "time" && d.time(&c.Time)
	})
}

func (d *jsonDec) event(e *heuristics.Event) bool {
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "kind":
			s, ok := d.str()
			e.Kind = heuristics.EventKind(s)
			return ok
		case "actor":
			return d.author(&e.Actor)
		case "time":
			return d.time(&e.Time)
		}
		found, ok := d.strings(key, eventStrings, &e.Body, &e.State, &e.Label)
		return found && ok
	})
}
