package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/heft-dev/heft/examples/internal/ledgersql"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"heft": func() { os.Exit(run(&env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])) },
	})
}

// TestScripts runs the txtar scripts in testdata/script: the CLI as a
// user meets it, exit codes and messages included.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:  "testdata/script",
		Cmds: map[string]func(*testscript.TestScript, bool, []string){"fakegithub": cmdFakeGitHub},
		// [sqlite]: built with -tags sqlite (see package ledgersql).
		Condition: func(cond string) (bool, error) {
			if cond == "sqlite" {
				return slices.Contains(ledgersql.Drivers(), "sqlite"), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Setup: func(env *testscript.Env) error {
			// Every heft a script runs is this test binary, built with
			// -race under the README's test command, and the race
			// runtime sleeps a second before a process exits
			// (GORACE's atexit_sleep_ms, so that other threads can
			// finish a report): with some 250 runs that sleep was most
			// of the scripts' time. A race is still reported, by the
			// goroutine that meets it, before heft returns.
			env.Setenv("GORACE", "atexit_sleep_ms=0 "+os.Getenv("GORACE"))
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("HOME", env.WorkDir)
			// The Action's scripts, for action.txtar.
			action, err := filepath.Abs(filepath.Join("..", "..", ".github", "action"))
			if err != nil {
				return err
			}
			env.Setenv("ACTION", action)
			return nil
		},
	})
}
