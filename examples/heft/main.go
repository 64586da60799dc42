// Command heft measures the review burden of a pull request and explains
// it. Typical use:
//
//	git diff main | heft score -
//	heft diffstat patch.diff
//
// Run "heft help" for the commands.
//
// Exit status: 0 normally; 1 when --fail-at is given and the verdict
// reaches it; 2 on bad input or usage.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/heft-dev/heft/internal/wording"
)

// Exit statuses.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// env is what a command sees of the world, so tests can run commands in
// process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one heft subcommand.
type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

// commands lists the subcommands; a new one is one file and one line here.
var commands = []command{
	{"score", "score a diff and its description; print a report", runScore},
	{"diffstat", "print per-file added and deleted lines, like git diff --numstat", runDiffstat},
	{"tokens", "count a description's tokens, part by part (prose, code, comments, ...)", runTokens},
	{"disclosure", "print what a description or commit message discloses about AI assistance", runDisclosure},
	{"ledger", "record contributors' stakes, show balances, sign and import attestations", runLedger},
	{"eval", "measure the scorers on a dataset: AUCs, thresholds, calibration, reports", runEval},
	{"corpus", "measure a parser on a labelled development corpus (disclosure, workaround): precision, recall per class", runCorpus},
}

func main() {
	os.Exit(run(&env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:]))
}

func run(e *env, args []string) int {
	return dispatch(e, "heft", commands, usage, args)
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("heft measures the review burden of a pull request and explains it.\n\nUsage:\n\n\theft <command> [flags] [args]\n\nCommands:\n\n")
	listCommands(&b, commands, 10)
	b.WriteString("\nRun \"heft <command> -h\" for a command's flags.\n")
	io.WriteString(w, b.String())
}

// isHelp reports whether arg asks for a command's help.
func isHelp(arg string) bool { return arg == "help" || arg == "-h" || arg == "--help" }

// dispatch runs the command of table that args[0] names, with the rest
// of args, for heft and for heft ledger (prog). With no argument it
// prints usage to standard output and fails; asked for help, it prints
// usage and succeeds.
func dispatch(e *env, prog string, table []command, usage func(io.Writer), args []string) int {
	if len(args) == 0 || isHelp(args[0]) {
		usage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	i := slices.IndexFunc(table, func(c command) bool { return c.name == args[0] })
	if i < 0 {
		fmt.Fprintf(e.stderr, "%s: unknown command %q; run \"%s help\"\n", prog, args[0], prog)
		return exitUsage
	}
	return table[i].run(e, args[1:])
}

// listCommands writes a usage text's list of commands, one a line, the
// names padded to width.
func listCommands(b *strings.Builder, table []command, width int) {
	for _, c := range table {
		fmt.Fprintf(b, "\t%-*s %s\n", width, c.name, c.summary)
	}
}

// errUsage marks an error as a usage problem.
var errUsage = errors.New("usage")

// fail prints a one-line error for a command and returns exitUsage.
func fail(e *env, cmd string, err error) int {
	fmt.Fprintf(e.stderr, "heft %s: %v\n", cmd, err)
	return exitUsage
}

// writeJSON writes v to w as indented JSON, the form of every command's
// --json output.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// openInput opens the positional argument: a file, or standard input for
// "-" or no argument.
func openInput(e *env, args []string) (io.ReadCloser, string, error) {
	switch {
	case len(args) > 1:
		return nil, "", fmt.Errorf("%w: want at most one input, got %d (flags go before the input)", errUsage, len(args))
	case len(args) == 0 || args[0] == "-":
		return io.NopCloser(e.stdin), "standard input", nil
	}
	f, err := os.Open(args[0])
	if err != nil {
		return nil, "", err
	}
	return f, args[0], nil
}

// readInput reads the positional argument, as openInput opens it, and
// returns it with the input's name; an input over limit bytes fails as
// over --max-bytes.
func readInput(e *env, args []string, limit int64) ([]byte, string, error) {
	in, name, err := openInput(e, args)
	if err != nil {
		return nil, "", err
	}
	defer in.Close()
	b, err := readAtMost(in, name, limit, "(--max-bytes)")
	return b, name, err
}

// readAtMost reads r, which errors call name, and fails when it holds
// more than limit bytes; why says whose limit that is. One byte over the
// limit tells an input at the limit from a longer one; at math.MaxInt64
// there is no byte over, and no input that long.
func readAtMost(r io.Reader, name string, limit int64, why string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, min(limit, math.MaxInt64-1)+1))
	if err != nil {
		err = withoutPath(err)
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is over the %s limit %s", name, byteLimit(limit), why)
	}
	return b, nil
}

// withoutPath returns an *fs.PathError's own error, "is a directory",
// for messages that name the file already: "read adir: is a directory"
// after "adir" says it twice. Other errors are returned as they are.
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// byteLimit writes a limit of n bytes as an adjective, the way heft's
// docs write sizes: "100-byte", "4 MiB (4,194,304-byte)" for a whole
// number of KiB, MiB or GiB.
func byteLimit(n int64) string {
	exact := wording.Commas(int(n)) + "-byte"
	for _, u := range []struct {
		size int64
		name string
	}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s (%s)", n/u.size, u.name, exact)
		}
	}
	return exact
}

// readText reads the text file a flag names (--body, --template,
// --config, ...), at most maxDescription bytes. Its errors start with the
// flag and the file, "--body notes.md: ...", or the file alone when flag
// is empty (the flag package names the flag itself). A binary file (a
// NUL byte, or mostly bytes that are not UTF-8) is an error: scored as
// prose, it would be noise.
func readText(flag, file string) (string, error) {
	where := file
	if flag != "" {
		where = flag + " " + file
	}
	f, err := os.Open(file)
	if err != nil {
		err = withoutPath(err)
		return "", fmt.Errorf("%s: %w", where, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxDescription+1))
	if err != nil {
		err = withoutPath(err)
		return "", fmt.Errorf("%s: %w", where, err)
	}
	if len(b) > maxDescription {
		return "", fmt.Errorf("%s: over the %s limit for a text file", where, byteLimit(maxDescription))
	}
	if why := binaryText(b); why != "" {
		return "", fmt.Errorf("%s: %s", where, why)
	}
	return string(b), nil
}

// binaryText says why b is not text, or returns "" for text: a NUL byte
// anywhere, or invalid UTF-8 in more than a quarter of the characters of
// its first 8 KiB (Latin-1 prose has far fewer; random bytes about half).
func binaryText(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return fmt.Sprintf("a binary file, not text (a NUL byte at offset %s)", wording.Commas(i))
	}
	head := b[:min(len(b), 8<<10)]
	chars, bad := 0, 0
	for len(head) > 0 {
		r, n := utf8.DecodeRune(head)
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		chars++
		head = head[n:]
	}
	if chars >= 16 && bad*4 > chars {
		return fmt.Sprintf("a binary file, not text (%d of its first %s characters are not UTF-8)", bad, wording.Commas(chars))
	}
	return ""
}
