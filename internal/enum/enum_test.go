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

func TestUnmarshal(t *testing.T) {
	c := color(0)
	if err := Unmarshal(&c, colorNames, []byte("green"), "paint: unknown color"); err != nil || c != 1 {
		t.Errorf("Unmarshal(green) = %v, %v", c, err)
	}
	err := Unmarshal(&c, colorNames, []byte("blue"), "paint: unknown color")
	if err == nil || err.Error() != `paint: unknown color "blue"` || c != 1 {
		t.Errorf("Unmarshal(blue) = %v, %v; want the error and the value unchanged", c, err)
	}
}
