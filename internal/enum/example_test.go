package enum_test

import (
	"fmt"

	"github.com/heft-dev/heft/internal/enum"
)

// Side is a small enumeration in the shape heft's packages use: a uint8
// with its names in a slice, String and UnmarshalText built on enum.
type Side uint8

var sideNames = []string{"new", "old"}

func (s Side) String() string { return enum.Name("Side", sideNames, s) }

func (s *Side) UnmarshalText(b []byte) error {
	v, ok := enum.Lookup[Side](sideNames, b)
	if !ok {
		return fmt.Errorf("unknown side %q", b)
	}
	*s = v
	return nil
}

func Example() {
	var s Side
	if err := s.UnmarshalText([]byte("old")); err != nil {
		fmt.Println(err)
	}
	fmt.Println(s, Side(0), Side(9))
	fmt.Println(s.UnmarshalText([]byte("left")))
	// Output:
	// old new Side(9)
	// unknown side "left"
}
