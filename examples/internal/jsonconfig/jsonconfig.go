// Package jsonconfig decodes a JSON configuration file strictly: one JSON
// object, keys spelled exactly as the Go struct's json tags (encoding/json
// matches them case-insensitively), no key twice in one object
// (encoding/json keeps the last), no unknown key, nothing after the value.
// heft score --config and the bot's .github/heft.json share it, so a file
// that one accepts the other accepts too.
package jsonconfig

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// Errors an *Error wraps, for errors.Is.
var (
	ErrUnknownKey   = errors.New("unknown key")
	ErrDuplicateKey = errors.New("duplicate key")
	ErrKeyCase      = errors.New("key in the wrong case")
	ErrTrailingData = errors.New("more than one JSON value")
)

// Error is a configuration that does not decode. Line is the 1-based line
// the problem starts on (0 when unknown); Key is the dotted path of the
// key at fault ("policy.weights.size", "scorers[1]"), empty when none.
type Error struct {
	Line int
	Key  string
	Err  error
}

// Error says where in the configuration the problem is (line and key, when known) and what it is.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Decode decodes data into v, a pointer to a struct, strictly (see the
// package doc). Empty or all-space data leaves v as it is. A problem is an
// *Error naming the line and the key.
func Decode(data []byte, v any) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	rt := reflect.TypeOf(v)
	if rt == nil || rt.Kind() != reflect.Pointer {
		return errors.New("jsonconfig: Decode needs a pointer")
	}
	w := &walker{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	w.dec.UseNumber()
	if err := w.value(rt.Elem(), "", 0); err != nil {
		return err
	}
	if _, err := w.dec.Token(); err != io.EOF {
		return &Error{Line: w.line(w.dec.InputOffset()), Err: ErrTrailingData}
	}
	// The shape is right; now the types, by encoding/json.
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			// An embedded struct's name shows in the path; its keys sit
			// at the level that embeds it.
			return &Error{Line: w.line(typ.Offset), Key: typeErrorKey(rt.Elem(), typ.Field),
				Err: fmt.Errorf("want %s, got %s", typ.Type, typ.Value)}
		}
		return &Error{Err: err}
	}
	return nil
}

// typeErrorKey turns encoding/json's Go-side field path into the key path
// in the file, dropping the names of embedded structs.
func typeErrorKey(t reflect.Type, field string) string {
	var keys []string
	for _, part := range strings.Split(field, ".") {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() == reflect.Struct {
			if f, ok := t.FieldByName(part); ok && f.Anonymous {
				t = f.Type
				continue
			}
			if f, ok := fieldsOf(t)[part]; ok {
				t = f
			}
		}
		keys = append(keys, part)
	}
	return strings.Join(keys, ".")
}

// maxDepth bounds nesting: a configuration is a few levels deep, and
// the walk recurses once per level.
const maxDepth = 64

type walker struct {
	data []byte
	dec  *json.Decoder
}

func (w *walker) line(off int64) int {
	return 1 + bytes.Count(w.data[:min(int(max(off, 0)), len(w.data))], []byte("\n"))
}

func (w *walker) syntax(err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return &Error{Line: w.line(syn.Offset), Err: err}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Line: w.line(int64(len(w.data))), Err: errors.New("unexpected end of JSON input")}
	}
	return &Error{Line: w.line(w.dec.InputOffset()), Err: err}
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// value checks the next JSON value against t; a nil t (an interface, a
// type with its own decoding) checks only for duplicate keys.
func (w *walker) value(t reflect.Type, path string, depth int) error {
	if depth > maxDepth {
		return &Error{Line: w.line(w.dec.InputOffset()), Key: path, Err: fmt.Errorf("nested more than %d deep", maxDepth)}
	}
	if t != nil {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if reflect.PointerTo(t).Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
			t = nil
		}
	}
	tok, err := w.dec.Token()
	if err != nil {
		return w.syntax(err)
	}
	switch tok {
	case json.Delim('{'):
		var fields map[string]reflect.Type
		var elem reflect.Type
		isMap := false
		if t != nil {
			switch t.Kind() {
			case reflect.Struct:
				fields = fieldsOf(t)
			case reflect.Map:
				isMap, elem = true, t.Elem()
			}
		}
		seen := map[string]bool{}
		for w.dec.More() {
			kt, err := w.dec.Token()
			if err != nil {
				return w.syntax(err)
			}
			key := kt.(string)
			kpath := join(path, key)
			// Where the key ends: its line is counted only for an error,
			// as counting is linear in the offset.
			end := w.dec.InputOffset()
			if seen[key] {
				return &Error{Line: w.line(end), Key: kpath, Err: ErrDuplicateKey}
			}
			seen[key] = true
			var ft reflect.Type
			switch {
			case fields != nil:
				f, ok := fields[key]
				if !ok {
					for name := range fields {
						if strings.EqualFold(name, key) {
							return &Error{Line: w.line(end), Key: kpath, Err: fmt.Errorf("%w: the key is %q", ErrKeyCase, name)}
						}
					}
					return &Error{Line: w.line(end), Key: kpath, Err: ErrUnknownKey}
				}
				ft = f
			case isMap:
				ft = elem
			}
			if err := w.value(ft, kpath, depth+1); err != nil {
				return err
			}
		}
		if _, err := w.dec.Token(); err != nil {
			return w.syntax(err)
		}
	case json.Delim('['):
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for i := 0; w.dec.More(); i++ {
			if err := w.value(elem, path+"["+strconv.Itoa(i)+"]", depth+1); err != nil {
				return err
			}
		}
		if _, err := w.dec.Token(); err != nil {
			return w.syntax(err)
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// fieldsOf returns a struct's JSON keys and their types, with embedded
// structs' keys promoted as encoding/json does.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			for k, v := range fieldsOf(ft) {
				if _, ok := out[k]; !ok {
					out[k] = v
				}
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}
