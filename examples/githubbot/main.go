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
	"flag"
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

	"github.com/heft-dev/heft/examples/internal/ledgersql"
	"github.com/heft-dev/heft/heuristics"
	repscore "github.com/heft-dev/heft/heuristics/reputation"
	"github.com/heft-dev/heft/reputation"
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

func run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("githubbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", ":8080", "`address` to listen on")
	path := fs.String("path", "/webhook", "URL `path` GitHub delivers webhooks to")
	appID := fs.Int64("app-id", envInt(getenv("HEFT_APP_ID")), "the GitHub App's `id` (or HEFT_APP_ID)")
	keyFile := fs.String("private-key", getenv("HEFT_PRIVATE_KEY_FILE"), "`file` with the App's private key, PEM (or HEFT_PRIVATE_KEY_FILE)")
	apiURL := fs.String("github-url", "", "GitHub Enterprise Server API `URL`, such as https://ghe.example.com/api/v3/ (default api.github.com)")
	dryRun := fs.Bool("dry-run", false, "fetch and score, but print what would be written instead of writing")
	workers := fs.Int("workers", 2, "pull requests worked on at once")
	queueSize := fs.Int("queue", 1000, "pull requests that may wait; more get 503")
	maxBody := fs.Int64("max-body", DefaultMaxBody, "largest webhook body accepted, in bytes")
	ledgerLog := fs.String("ledger-log", "", "append ledger events as JSON lines to `file` (default: none recorded)")
	ledgerSpec := fs.String("ledger", "", "keep a stake ledger and score reputation: a `file`, sqlite:PATH or a postgres:// URL")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: githubbot [flags]\n\nRun heft as a GitHub App. The webhook secret comes from HEFT_WEBHOOK_SECRET.\n"+
			"For local trials, GITHUB_TOKEN (a personal access token) may replace the App's key.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "githubbot: %s\n", msg)
		return 2
	}
	secret := getenv("HEFT_WEBHOOK_SECRET")
	if secret == "" {
		return usage("HEFT_WEBHOOK_SECRET is not set: the bot refuses unsigned webhooks")
	}

	var (
		clients Clients
		self    string
	)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch token := getenv("GITHUB_TOKEN"); {
	case *appID != 0 && *keyFile != "":
		apps, err := ghinstallation.NewAppsTransportKeyFromFile(http.DefaultTransport, *appID, *keyFile)
		if err != nil {
			return usage(fmt.Sprintf("--private-key: %v", err))
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
		app, _, err := ac.Apps.Get(ctx, "")
		if err != nil {
			return usage(fmt.Sprintf("authenticating as App %d: %v", *appID, err))
		}
		self = app.GetSlug() + "[bot]"
	case token != "":
		c, err := newClient(&http.Client{Timeout: 30 * time.Second}, *apiURL, github.WithAuthToken(token))
		if err != nil {
			return usage(err.Error())
		}
		clients = staticClient{c}
		me, _, err := c.Users.Get(ctx, "")
		if err != nil {
			return usage(fmt.Sprintf("GITHUB_TOKEN: %v", err))
		}
		self = me.GetLogin()
	default:
		return usage("set --app-id and --private-key (or GITHUB_TOKEN for a local trial)")
	}

	var (
		ledger Ledger = NopLedger{}
		extra  []heuristics.Scorer
	)
	if *ledgerLog != "" && *ledgerSpec != "" {
		return usage("--ledger and --ledger-log are two places for the same events: give one")
	}
	if *ledgerSpec != "" {
		store, err := ledgersql.Open(ctx, *ledgerSpec)
		if err != nil {
			return usage(fmt.Sprintf("--ledger: %v", err))
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
		f, err := os.OpenFile(*ledgerLog, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return usage(err.Error())
		}
		defer f.Close()
		ledger = &JSONLedger{W: f}
	}

	queue := NewQueue(*queueSize)
	bot := &Bot{Clients: clients, Ledger: ledger, Extra: extra, Log: log, DryRun: *dryRun, Out: stdout, Self: self}
	bot.Retry = func(j *Job, after time.Duration) {
		time.AfterFunc(after, func() {
			if err := queue.Add(j); err != nil {
				log.Error("retry dropped", "pr", j.Key, "err", err)
			}
		})
	}
	mux := http.NewServeMux()
	mux.Handle("POST "+*path, &Webhook{Secret: []byte(secret), Queue: queue, MaxBody: *maxBody, Log: log})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "ok, %d waiting\n", queue.Len())
	})
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
	err := srv.ListenAndServe()
	queue.Close()
	wg.Wait()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "githubbot: %v\n", err)
		return 1
	}
	return 0
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
