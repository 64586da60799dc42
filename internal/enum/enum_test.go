package enum

import "testing"

type color uint8

var colorNames = []string{"red", "green"}

func TestNameAndLookup(t *testing.T) {
	if got := Name("Color", colorNames, color(1)); got != "green" {
		t.Errorf("Name(1) = %q", got)
	}
	if got := Name("Color", colorNames, color(7)); got != "Color(7)" {
		t.Errorf("Name(7) = %q, want Color(7) for a value with no name", got)
	}
	if v, ok := Lookup[color](colorNames, []byte("green")); !ok || v != 1 {
		t.Errorf("Lookup(green) = %v, %v", v, ok)
	}
	if _, ok := Lookup[color](colorNames, []byte("blue")); ok {
		t.Error("Lookup(blue) found a value")
	}
}
