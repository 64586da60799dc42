package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/heft-dev/heft/examples/internal/ledgersql"
	"github.com/heft-dev/heft/examples/internal/silentnet"
)

// botMainEnv makes the test binary run the bot's main, for tests that
// need a real process (signals).
const botMainEnv = "HEFT_TEST_BOT_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(botMainEnv) == "1" {
		main()
	}
	testscript.Main(m, map[string]func(){
		"githubbot": main,
	})
}

// TestScripts runs the txtar scripts in testdata/script: the bot's flags
// as an operator meets them, exit codes and messages included.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Setup: func(env *testscript.Env) error {
		// No second's sleep at each exit of a -race build (see the
		// heft command's TestScripts).
		env.Setenv("GORACE", "atexit_sleep_ms=0 "+os.Getenv("GORACE"))
		return nil
	}})
}

// TestStartupSIGTERM is the fault test for a start-up that blocks: the
// bot is started as a real process and SIGTERM must end it (exit 1, one
// line saying why) rather than be caught and ignored while it waits:
// with --private-key naming a FIFO that no one writes, or with a GitHub
// API that takes the start-up's call and never answers.
func TestStartupSIGTERM(t *testing.T) {
	t.Run("private-key FIFO", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "key.pem")
		require.NoError(t, syscall.Mkfifo(fifo, 0o600))
		cmd, stderr, done := startBot(t, nil, "--app-id", "1", "--private-key", fifo)
		// A FIFO opens for writing without blocking only once a reader has
		// it open: then the bot is in its start-up, blocked reading the key.
		var w *os.File
		for w == nil {
			select {
			case err := <-done:
				t.Fatalf("the bot exited before opening the key: %v\n%s", err, stderr.String())
			case <-time.After(10 * time.Millisecond):
			}
			w, _ = os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		}
		defer w.Close() // open, silent: the bot's read blocks
		terminate(t, cmd, stderr, done)
	})
	t.Run("GitHub does not answer", func(t *testing.T) {
		asked := make(chan struct{}, 1)
		hang := make(chan struct{})
		api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case asked <- struct{}{}:
			default:
			}
			<-hang // the start-up's GET /user is never answered
		}))
		defer api.Close()
		defer close(hang)
		cmd, stderr, done := startBot(t, []string{"GITHUB_TOKEN=not-a-real-token"}, "--github-url", api.URL+"/")
		awaitStartup(t, cmd, stderr, done, asked, "call GitHub")
		terminate(t, cmd, stderr, done)
	})
	t.Run("App authentication does not answer", func(t *testing.T) {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		require.NoError(t, err)
		keyFile := filepath.Join(t.TempDir(), "key.pem")
		require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}), 0o600))
		api, asked := silentnet.Listen(t)
		cmd, stderr, done := startBot(t, nil, "--app-id", "1", "--private-key", keyFile, "--github-url", "http://"+api+"/")
		awaitStartup(t, cmd, stderr, done, asked, "call GitHub")
		terminate(t, cmd, stderr, done)
	})
	t.Run("database does not answer", func(t *testing.T) {
		if !slices.Contains(ledgersql.Drivers(), "pgx") {
			t.Skip("built without -tags postgres")
		}
		api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"login":"heft-test"}`) // GET /user
		}))
		defer api.Close()
		db, asked := silentnet.Listen(t)
		cmd, stderr, done := startBot(t, []string{"GITHUB_TOKEN=not-a-real-token"}, "--github-url", api.URL+"/",
			"--ledger", "postgres://heft:s3cret@"+db+"/heft")
		awaitStartup(t, cmd, stderr, done, asked, "connect to the database")
		terminate(t, cmd, stderr, done)
	})
}

// TestOpenLedgerTimeout: without a signal, a database that takes the
// connection and never answers ends the start-up after ledgerTimeout,
// with one line saying so.
func TestOpenLedgerTimeout(t *testing.T) {
	if !slices.Contains(ledgersql.Drivers(), "pgx") {
		t.Skip("built without -tags postgres")
	}
	db, _ := silentnet.Listen(t)
	done := make(chan error, 1)
	go func() {
		_, err := openLedger(context.Background(), "postgres://heft:s3cret@"+db+"/heft", 100*time.Millisecond)
		done <- err
	}()
	err := silentnet.Receive(t, done, "error from openLedger giving up")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "no answer in 100ms")
	assert.NotContains(t, err.Error(), "s3cret")
	assert.False(t, strings.ContainsAny(err.Error(), "\n\r\t"), "one line: %q", err)
}

// awaitStartup waits until the bot, in its start-up, has made the
// connection asked signals.
func awaitStartup(t *testing.T, cmd *exec.Cmd, stderr *bytes.Buffer, done chan error, asked <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-asked:
	case err := <-done:
		t.Fatalf("the bot exited before it tried to %s: %v\n%s", what, err, stderr.String())
	case <-time.After(silentnet.Hung):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("the bot never tried to %s\n%s", what, stderr.String())
	}
}

// startBot starts the bot's main as a process, listening on a free port,
// with env added to the test's (no token unless env gives one).
func startBot(t *testing.T, env []string, args ...string) (*exec.Cmd, *bytes.Buffer, chan error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append(args, "--addr", "127.0.0.1:0")...)
	cmd.Env = append(os.Environ(), botMainEnv+"=1", "HEFT_WEBHOOK_SECRET=s", "GITHUB_TOKEN=", "GORACE=atexit_sleep_ms=0 "+os.Getenv("GORACE"))
	cmd.Env = append(cmd.Env, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	return cmd, &stderr, done
}

// terminate sends SIGTERM to the bot in its start-up and checks it ends
// with exit 1 and one line saying why.
func terminate(t *testing.T, cmd *exec.Cmd, stderr *bytes.Buffer, done chan error) {
	t.Helper()
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	var err error
	select {
	case err = <-done:
	case <-time.After(silentnet.Hung):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("the bot ignored SIGTERM during start-up\n%s", stderr.String())
	}
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "exit error: %v", err)
	assert.Equal(t, 1, exit.ExitCode(), "handled, not killed by the signal")
	assert.Equal(t, "githubbot: start-up interrupted: terminated signal received\n", stderr.String())
}
