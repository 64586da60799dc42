// Package cliflag parses a command's flags the way heft's commands report
// problems: a flag that is not defined or a value that does not parse is
// one line on standard error naming the flag, and exit status 2, not the
// flag package's message followed by the whole usage; -h or --help prints
// the usage and exits 0.
package cliflag

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// Exit statuses Parse returns.
const (
	ExitHelp  = 0 // -h or --help: the usage was printed
	ExitUsage = 2 // a bad flag or value: one line was printed
)

// Parse parses args with fs. When it returns ok, the command goes on;
// otherwise it returns code at once: ExitHelp after fs.Usage printed the
// usage for -h or --help, or ExitUsage after one line, "NAME: message",
// was written to w, NAME being fs.Name(). The message is the flag package's, which names the
// flag and the value, such as
//
//	heft diffstat: invalid value "ten" for flag -max-bytes: parse error
func Parse(fs *flag.FlagSet, args []string, w io.Writer) (code int, ok bool) {
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	fs.SetOutput(out)
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		if usage != nil {
			usage()
		} else {
			fs.PrintDefaults()
		}
		return ExitHelp, false
	}
	fmt.Fprintf(w, "%s: %v\n", fs.Name(), err)
	return ExitUsage, false
}

// New returns an empty flag set named name, as Parse wants it: errors
// continue (Parse reports them), output goes to w, and the usage is
// usage (a "Usage: ..." line and a description) followed by the flags'
// defaults.
func New(name, usage string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		fmt.Fprint(w, usage)
		fs.PrintDefaults()
	}
	return fs
}
