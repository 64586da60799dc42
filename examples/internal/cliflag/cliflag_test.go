package cliflag_test

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/heft-dev/heft/examples/internal/cliflag"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		ok     bool
		stderr string
		reason string
	}{
		{"good", []string{"-n", "3", "x"}, 0, true, "", "valid flags go on"},
		{"bad-value", []string{"-n", "ten"}, cliflag.ExitUsage, false,
			"prog: invalid value \"ten\" for flag -n: parse error\n", "one line naming the flag, no usage"},
		{"out-of-range", []string{"-n", "99999999999999999999"}, cliflag.ExitUsage, false,
			"prog: invalid value \"99999999999999999999\" for flag -n: value out of range\n", "overflow is named too"},
		{"undefined", []string{"--nope"}, cliflag.ExitUsage, false,
			"prog: flag provided but not defined: -nope\n", "an unknown flag is named"},
		{"missing-value", []string{"-n"}, cliflag.ExitUsage, false,
			"prog: flag needs an argument: -n\n", "a flag without its value is named"},
		{"help", []string{"-h"}, cliflag.ExitHelp, false, "Usage: prog [-n N]\n", "-h prints the usage and succeeds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			fs := flag.NewFlagSet("prog", flag.ContinueOnError)
			fs.SetOutput(&stderr)
			fs.Int64("n", 1, "a number")
			fs.Usage = func() { stderr.WriteString("Usage: prog [-n N]\n") }
			code, ok := cliflag.Parse(fs, tt.args, &stderr)
			if code != tt.code || ok != tt.ok || stderr.String() != tt.stderr {
				t.Errorf("%s: got (%d, %v, %q), want (%d, %v, %q)", tt.reason, code, ok, stderr.String(), tt.code, tt.ok, tt.stderr)
			}
			if strings.Count(stderr.String(), "\n") > 1 && tt.code == cliflag.ExitUsage {
				t.Errorf("%s: more than one line: %q", tt.reason, stderr.String())
			}
		})
	}
}

// TestNewHelp checks that New's flag set prints its usage and then the
// flags' defaults for -h, and that a bad flag is still one line.
func TestNewHelp(t *testing.T) {
	var stderr bytes.Buffer
	fs := cliflag.New("prog", "Usage: prog [-n N]\n\nDoes things.\n\n", &stderr)
	fs.Int64("n", 1, "a number")
	code, ok := cliflag.Parse(fs, []string{"-h"}, &stderr)
	want := "Usage: prog [-n N]\n\nDoes things.\n\n  -n int\n    \ta number (default 1)\n"
	if code != cliflag.ExitHelp || ok || stderr.String() != want {
		t.Errorf("-h: got (%d, %v, %q), want (%d, false, %q)", code, ok, stderr.String(), cliflag.ExitHelp, want)
	}
	stderr.Reset()
	if code, _ := cliflag.Parse(fs, []string{"-n", "x"}, &stderr); code != cliflag.ExitUsage || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("bad value: got %d and %q, want one line and exit %d", code, stderr.String(), cliflag.ExitUsage)
	}
}
