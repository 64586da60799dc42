// Package enum holds the name lookup that heft's small enumerations
// (file kinds, operations, verdicts, stances, ...) share for their String
// and UnmarshalText methods.
package enum

import "fmt"

// Name returns names[v], or "typ(v)" for a value that has no name.
func Name[T ~uint8](typ string, names []string, v T) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, v)
}

// Lookup returns the value whose name is b, and whether there is one.
func Lookup[T ~uint8](names []string, b []byte) (T, bool) {
	for i, n := range names {
		if n == string(b) {
			return T(i), true
		}
	}
	return 0, false
}

// Unmarshal sets *dst to the value whose name is b, for an UnmarshalText
// method; for a name it does not know it returns an error "what %q", such
// as `diffstat: unknown file kind "x"`, and leaves *dst alone.
func Unmarshal[T ~uint8](dst *T, names []string, b []byte, what string) error {
	v, ok := Lookup[T](names, b)
	if !ok {
		return fmt.Errorf("%s %q", what, b)
	}
	*dst = v
	return nil
}
