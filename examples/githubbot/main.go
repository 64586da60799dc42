// Command githubbot is a GitHub App that runs heft on pull requests. It
// receives webhooks, verifies their signature, and for each pull request
// keeps one sticky comment with heft's report up to date, applies labels
// (size, verdict, "awaiting author") and records opened, merged and closed
// events in a ledger.
//
//	HEFT_WEBHOOK_SECRET=... githubbot --app-id 123456 --private-key app.pem
//
// See README.md for creating the App step by step.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/google/go-github/v92/github"

	"github.com/heft-dev/heft/examples/internal/cliflag"
	"github.com/heft-dev/heft/examples/internal/ledgersql"
	"github.com/heft-dev/heft/heuristics"
	repscore "github.com/heft-dev/heft/heuristics/reputation"
	"github.com/heft-dev/heft/reputation"
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

func run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := cliflag.New("githubbot", "Usage: githubbot [flags]\n\nRun heft as a GitHub App. The webhook secret comes from HEFT_WEBHOOK_SECRET.\n"+
		"For local trials, GITHUB_TOKEN (a personal access token) may replace the App's key.\n\n", stderr)
	addr := fs.String("addr", ":8080", "`address` to listen on")
	path := fs.String("path", "/webhook", "URL `path` GitHub delivers webhooks to")
	appID := fs.Int64("app-id", envInt(getenv("HEFT_APP_ID")), "the GitHub App's `id` (or HEFT_APP_ID)")
	keyFile := fs.String("private-key", getenv("HEFT_PRIVATE_KEY_FILE"), "`file` with the App's private key, PEM (or HEFT_PRIVATE_KEY_FILE)")
	apiURL := fs.String("github-url", "", "GitHub Enterprise Server API `URL`, such as https://ghe.example.com/api/v3/ (default api.github.com)")
	dryRun := fs.Bool("dry-run", false, "fetch and score, but print what would be written instead of writing")
	workers := fs.Int("workers", 2, "pull requests worked on at once")
	queueSize := fs.Int("queue", 1000, "pull requests that may wait; more get 503")
	maxBody := fs.Int64("max-body", DefaultMaxBody, "largest webhook body accepted, in bytes")
	maxReads := fs.Int("max-reads", DefaultMaxReads, "webhook bodies read at once; more get 503 with Retry-After")
	ledgerLog := fs.String("ledger-log", "", "append ledger events as JSON lines to `file` (default: none recorded)")
	ledgerSpec := fs.String("ledger", "", "keep a stake ledger and score reputation: a `file`, sqlite:PATH or a postgres:// URL")
	accounts := fs.Bool("accounts", true, "look up authors' accounts on GitHub for the account scorer (user, searches, public events)")
	accountTTL := fs.Duration("account-ttl", DefaultAccountTTL, "how long a looked-up account is reused")
	accountCache := fs.Int("account-cache", DefaultAccountSize, "accounts (and per-repository counts) kept in memory")
	if code, ok := cliflag.Parse(fs, args, stderr); !ok {
		return code
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "githubbot: %s\n", msg)
		return 2
	}
	// Every flag is checked before anything is opened or GitHub is
	// contacted.
	switch {
	case *appID < 0:
		return usage(fmt.Sprintf("--app-id must be a GitHub App's id, a positive number, not %d", *appID))
	case *workers < 1:
		return usage(fmt.Sprintf("--workers must be at least 1, not %d", *workers))
	case *queueSize < 1:
		return usage(fmt.Sprintf("--queue must be at least 1, not %d", *queueSize))
	case *maxBody < 1:
		return usage(fmt.Sprintf("--max-body must be a positive number of bytes, not %d", *maxBody))
	case *maxReads < 1:
		return usage(fmt.Sprintf("--max-reads must be at least 1, not %d", *maxReads))
	case *accountTTL <= 0:
		return usage(fmt.Sprintf("--account-ttl must be a positive duration, not %v", *accountTTL))
	case *accountCache < 1:
		return usage(fmt.Sprintf("--account-cache must be at least 1, not %d", *accountCache))
	case *ledgerLog != "" && *ledgerSpec != "":
		return usage("--ledger and --ledger-log are two places for the same events: give one")
	}
	queue := NewQueue(*queueSize)
	hook := &Webhook{Queue: queue, MaxBody: *maxBody, MaxReads: *maxReads, Log: log}
	mux, err := newMux(*path, hook, queue)
	if err != nil {
		return usage(err.Error())
	}
	secret := getenv("HEFT_WEBHOOK_SECRET")
	if secret == "" {
		return usage("HEFT_WEBHOOK_SECRET is not set: the bot refuses unsigned webhooks")
	}
	hook.Secret = []byte(secret)

	// Start-up reads files, connects to a database and calls GitHub, any
	// of which can block (a FIFO with no writer, a database that does not
	// answer): a signal abandons it.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	interrupted := func() int {
		fmt.Fprintf(stderr, "githubbot: start-up interrupted: %v\n", context.Cause(ctx))
		return 1
	}
	// failed ends start-up after a step that returned err: interrupted
	// when a signal came, a usage error naming what otherwise.
	failed := func(what string, err error) (code int, stop bool) {
		switch {
		case ctx.Err() != nil:
			return interrupted(), true
		case err != nil:
			return usage(fmt.Sprintf("%s: %v", what, err)), true
		}
		return 0, false
	}
	var (
		clients Clients
		self    string
	)
	switch token := getenv("GITHUB_TOKEN"); {
	case *appID != 0 && *keyFile != "":
		key, err := during(ctx, func() ([]byte, error) { return readKey(*keyFile) })
		if code, stop := failed("--private-key", err); stop {
			return code
		}
		apps, err := ghinstallation.NewAppsTransport(http.DefaultTransport, *appID, key)
		if err != nil {
			return usage(fmt.Sprintf("--private-key: %s: %v", *keyFile, err))
		}
		if *apiURL != "" {
			apps.BaseURL = strings.TrimSuffix(*apiURL, "/")
		}
		clients = &appClients{apps: apps, apiURL: *apiURL, cache: map[int64]*github.Client{}}
		// Who the App comments as, and a check of its key, at start.
		ac, err := newClient(&http.Client{Transport: apps, Timeout: 30 * time.Second}, *apiURL)
		if err != nil {
			return usage(err.Error())
		}
		app, err := during(ctx, func() (*github.App, error) {
			app, _, err := ac.Apps.Get(ctx, "")
			return app, err
		})
		if code, stop := failed(fmt.Sprintf("authenticating as App %d", *appID), err); stop {
			return code
		}
		self = app.GetSlug() + "[bot]"
	case token != "":
		c, err := newClient(&http.Client{Timeout: 30 * time.Second}, *apiURL, github.WithAuthToken(token))
		if err != nil {
			return usage(err.Error())
		}
		clients = staticClient{c}
		me, err := during(ctx, func() (*github.User, error) {
			me, _, err := c.Users.Get(ctx, "")
			return me, err
		})
		if code, stop := failed("GITHUB_TOKEN", err); stop {
			return code
		}
		self = me.GetLogin()
	default:
		return usage("set --app-id and --private-key (or GITHUB_TOKEN for a local trial)")
	}

	var (
		ledger Ledger = NopLedger{}
		extra  []heuristics.Scorer
	)
	if *ledgerSpec != "" {
		store, err := during(ctx, func() (reputation.Store, error) { return openLedger(ctx, *ledgerSpec, ledgerTimeout) })
		if code, stop := failed("--ledger", err); stop {
			return code
		}
		defer store.Close()
		l, err := reputation.New(store, nil)
		if err != nil {
			return usage(fmt.Sprintf("--ledger: %v", err))
		}
		rep, err := repscore.New(l, repscore.Config{})
		if err != nil {
			return usage(fmt.Sprintf("--ledger: %v", err))
		}
		ledger, extra = &ReputationLedger{Ledger: l}, []heuristics.Scorer{rep}
	}
	if *ledgerLog != "" {
		jl, err := during(ctx, func() (*JSONLedger, error) { return OpenJSONLedger(*ledgerLog) })
		if code, stop := failed("--ledger-log", err); stop {
			return code
		}
		defer jl.Close()
		ledger = jl
	}

	bot := &Bot{Clients: clients, Ledger: ledger, Extra: extra, Log: log, DryRun: *dryRun, Out: stdout, Self: self}
	if *accounts {
		bot.Accounts = &Accounts{TTL: *accountTTL, MaxSize: *accountCache, Log: log}
	}
	bot.Retry = func(j *Job, after time.Duration) {
		time.AfterFunc(after, func() {
			if err := queue.Add(j); err != nil {
				log.Error("retry dropped", "pr", j.Key, "err", err)
			}
		})
	}
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}

	var wg sync.WaitGroup
	wg.Go(func() { queue.Run(context.WithoutCancel(ctx), *workers, bot.Work) })
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Info("listening", "addr", *addr, "path", *path, "as", self, "dry_run", *dryRun)
	err = srv.ListenAndServe()
	queue.Close()
	wg.Wait()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "githubbot: %v\n", err)
		return 1
	}
	return 0
}

// newMux routes path to the webhook and /healthz to a health check. A
// path http.ServeMux would refuse (no leading slash, a space, a brace) is
// an error naming --path, found before anything is opened.
func newMux(path string, hook http.Handler, queue *Queue) (mux *http.ServeMux, err error) {
	if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \t{}?#") || path == "/healthz" {
		return nil, fmt.Errorf("--path must be a URL path such as /webhook (a leading slash, no spaces, braces, ? or #), not %q", path)
	}
	defer func() {
		if p := recover(); p != nil {
			mux, err = nil, fmt.Errorf("--path %q: %v", path, p)
		}
	}()
	mux = http.NewServeMux()
	mux.Handle("POST "+path, hook)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "ok, %d waiting\n", queue.Len())
	})
	return mux, nil
}

// during runs f in a goroutine and returns what it returns, or ctx's
// error as soon as ctx is done: a read that blocks (a FIFO with no
// writer) cannot be cancelled, so it is abandoned, and the process exits.
func during[T any](ctx context.Context, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, context.Cause(ctx)
	}
}

// ledgerTimeout bounds opening --ledger at start-up, as the GitHub
// clients' timeout bounds their calls: a database that takes the
// connection and never answers would otherwise hold the start-up until a
// signal.
const ledgerTimeout = 30 * time.Second

// openLedger opens the --ledger store, giving up after timeout.
func openLedger(ctx context.Context, spec string, timeout time.Duration) (reputation.Store, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	s, err := ledgersql.Open(ctx, spec)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, fmt.Errorf("no answer in %v: %w", timeout, err)
	}
	return s, err
}

// maxKey bounds the private key file: a PEM RSA key is a few KiB.
const maxKey = 64 << 10

// readKey reads the App's private key, refusing what cannot be one.
func readKey(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxKey+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxKey {
		return nil, fmt.Errorf("%s is over %d bytes: not a private key", file, maxKey)
	}
	return b, nil
}

func envInt(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// newClient returns a go-github client over hc, for GitHub Enterprise
// Server when apiURL is set.
func newClient(hc *http.Client, apiURL string, opts ...github.ClientOptionsFunc) (*github.Client, error) {
	opts = append([]github.ClientOptionsFunc{github.WithHTTPClient(hc), github.WithUserAgent("heft-githubbot")}, opts...)
	if apiURL != "" {
		opts = append(opts, github.WithEnterpriseURLs(apiURL, apiURL))
	}
	return github.NewClient(opts...)
}

// appClients authenticates as each installation of the App, caching one
// client (and its token) per installation.
type appClients struct {
	apps   *ghinstallation.AppsTransport
	apiURL string

	mu    sync.Mutex
	cache map[int64]*github.Client
}

func (a *appClients) Client(_ context.Context, installation int64) (*github.Client, error) {
	if installation == 0 {
		return nil, errors.New("the event names no installation: deliver webhooks to the App, not a repository hook")
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if c := a.cache[installation]; c != nil {
		return c, nil
	}
	tr := ghinstallation.NewFromAppsTransport(a.apps, installation)
	if a.apiURL != "" {
		tr.BaseURL = strings.TrimSuffix(a.apiURL, "/")
	}
	c, err := newClient(&http.Client{Transport: tr, Timeout: 30 * time.Second}, a.apiURL)
	if err != nil {
		return nil, err
	}
	a.cache[installation] = c
	return c, nil
}

// staticClient is one client for every installation: a token's, for
// local trials and tests.
type staticClient struct{ c *github.Client }

func (s staticClient) Client(context.Context, int64) (*github.Client, error) { return s.c, nil }
