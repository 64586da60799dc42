package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/heft-dev/heft/examples/internal/cliflag"
	"github.com/heft-dev/heft/examples/internal/ledgersql"
	"github.com/heft-dev/heft/reputation"
)

// defaultLedger is the ledger heft ledger uses without -ledger: a file in
// the working directory.
const defaultLedger = "heft-ledger.jsonl"

var ledgerCommands = []command{
	{"record", "append an event: a PR opened, merged, closed, reverted; a vouch, denounce or adjustment", runLedgerRecord},
	{"show", "print a contributor's balance and the events behind it", runLedgerShow},
	{"keygen", "make an Ed25519 key for signing attestations; print a trust file for it", runLedgerKeygen},
	{"export", "print a signed attestation of a contributor's record", runLedgerExport},
	{"verify", "check a signed attestation against a trust file", runLedgerVerify},
	{"import", "verify an attestation and record it in the ledger", runLedgerImport},
}

// runLedger dispatches "heft ledger SUBCOMMAND".
func runLedger(e *env, args []string) int {
	return dispatch(e, "heft ledger", ledgerCommands, ledgerUsage, args)
}

func ledgerUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString("Usage: heft ledger <command> [flags] [args]\n\n" +
		"A stake ledger of contributors: opening a PR stakes points that grow with\n" +
		"its size; a merge returns them with a reward. The ledger is a file,\n" +
		defaultLedger + " in the working directory, unless -ledger names another\n" +
		"file, an SQLite database (sqlite:PATH) or PostgreSQL (postgres://...).\n\nCommands:\n\n")
	listCommands(&b, ledgerCommands, 8)
	io.WriteString(w, b.String())
}

// ledgerFlags are the flags every ledger subcommand shares.
type ledgerFlags struct {
	fs     *flag.FlagSet
	ledger string
	forge  string
	now    string
	trust  string
}

func newLedgerFlags(e *env, name, usage string) *ledgerFlags {
	lf := &ledgerFlags{fs: cliflag.New("heft ledger "+name, "Usage: heft ledger "+usage+"\n\n", e.stderr)}
	lf.fs.StringVar(&lf.ledger, "ledger", defaultLedger, "the ledger: a file, sqlite:PATH or a postgres:// URL")
	lf.fs.StringVar(&lf.forge, "forge", reputation.DefaultForge, "the forge logins are on")
	lf.fs.StringVar(&lf.now, "now", "", "the time to record or compute at, RFC 3339 (default the current time)")
	return lf
}

func (lf *ledgerFlags) trustFlag() {
	lf.fs.StringVar(&lf.trust, "trust", "", "trust file: JSON {\"issuers\": [{\"name\", \"public_key\", \"weight\"}], ...}")
}

func (lf *ledgerFlags) time() (time.Time, error) {
	if lf.now == "" {
		return time.Now().UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, lf.now)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: -now: %v", errUsage, err)
	}
	return t, nil
}

func (lf *ledgerFlags) readTrust() (reputation.Trust, error) {
	var t reputation.Trust
	if lf.trust == "" {
		return t, nil
	}
	data, err := os.ReadFile(lf.trust)
	if err != nil {
		return t, err
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return t, fmt.Errorf("%s: %w", lf.trust, err)
	}
	return t, t.Validate()
}

// attestation reads what ledger verify and ledger import judge, both of
// which need -trust: the attestation the arguments name and the time to
// judge it at.
func (lf *ledgerFlags) attestation(e *env) (time.Time, []byte, error) {
	if lf.trust == "" {
		return time.Time{}, nil, fmt.Errorf("%w: -trust is required", errUsage)
	}
	now, err := lf.time()
	if err != nil {
		return time.Time{}, nil, err
	}
	data, err := readAttestation(e, lf.fs)
	return now, data, err
}

// open opens the store and a ledger over it with the trust file, if any.
func (lf *ledgerFlags) open(e *env) (*reputation.Ledger, reputation.Store, error) {
	trust, err := lf.readTrust()
	if err != nil {
		return nil, nil, err
	}
	s, err := ledgersql.Open(context.Background(), lf.ledger)
	if err != nil {
		return nil, nil, err
	}
	if fs, ok := s.(*reputation.FileStore); ok {
		for _, t := range fs.Torn() {
			fmt.Fprintf(e.stderr, "heft ledger: warning: %s\n", t)
		}
	}
	l, err := reputation.New(s, &reputation.Options{Trust: trust})
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return l, s, nil
}

// subject reads what ledger record, show and export act on: the one LOGIN
// argument and the time to act at.
func (lf *ledgerFlags) subject() (string, time.Time, error) {
	login, err := oneArg(lf.fs, "login")
	if err != nil {
		return "", time.Time{}, err
	}
	now, err := lf.time()
	return login, now, err
}

// oneArg returns the single positional argument.
func oneArg(fs *flag.FlagSet, what string) (string, error) {
	if fs.NArg() != 1 {
		return "", fmt.Errorf("%w: want one %s, got %d arguments (flags go before it)", errUsage, what, fs.NArg())
	}
	return fs.Arg(0), nil
}

func runLedgerRecord(e *env, args []string) int {
	lf := newLedgerFlags(e, "record", "record [flags] -kind KIND LOGIN")
	var ev reputation.Event
	kind := lf.fs.String("kind", "", "opened, merged, closed, reverted, vouch, denounce or adjust")
	lf.fs.StringVar(&ev.PR, "pr", "", "the pull request, such as owner/repo#42 (opened, merged, closed, reverted)")
	lf.fs.IntVar(&ev.Size, "size", 0, "reviewable lines changed (opened)")
	reason := lf.fs.String("reason", "", "why it was closed: not-planned, duplicate, superseded or spam")
	lf.fs.Float64Var(&ev.Points, "points", 0, "points to add or, negative, take away (adjust)")
	lf.fs.StringVar(&ev.Actor, "actor", "", "the maintainer recording a vouch, denounce or adjustment")
	lf.fs.StringVar(&ev.Note, "note", "", "a note; required for adjust")
	lf.fs.StringVar(&ev.ID, "id", "", "an ID for the event, such as a webhook delivery's; an ID already recorded is not recorded again")
	if code, ok := cliflag.Parse(lf.fs, args, e.stderr); !ok {
		return code
	}
	login, now, err := lf.subject()
	if err != nil {
		return fail(e, "ledger record", err)
	}
	ev.Time = now
	ev.Kind, ev.Reason = reputation.Kind(*kind), reputation.Reason(*reason)
	ev.Subject = reputation.Subject{Forge: lf.forge, Login: login}
	l, s, err := lf.open(e)
	if err != nil {
		return fail(e, "ledger record", err)
	}
	defer s.Close()
	rec, err := l.Record(context.Background(), ev)
	if errors.Is(err, reputation.ErrDuplicate) {
		fmt.Fprintf(e.stdout, "already recorded as event %d: %s %s %s\n", rec.Seq, rec.Subject, rec.Kind, rec.PR)
		return exitOK
	}
	if err != nil {
		return fail(e, "ledger record", err)
	}
	fmt.Fprintf(e.stdout, "recorded event %d: %s %s %s\n", rec.Seq, rec.Subject, rec.Kind, rec.PR)
	return exitOK
}

func runLedgerShow(e *env, args []string) int {
	lf := newLedgerFlags(e, "show", "show [flags] LOGIN")
	lf.trustFlag()
	asJSON := lf.fs.Bool("json", false, "print the balance and its explanation as JSON")
	if code, ok := cliflag.Parse(lf.fs, args, e.stderr); !ok {
		return code
	}
	login, now, err := lf.subject()
	if err != nil {
		return fail(e, "ledger show", err)
	}
	l, s, err := lf.open(e)
	if err != nil {
		return fail(e, "ledger show", err)
	}
	defer s.Close()
	x, err := l.Explain(context.Background(), reputation.Subject{Forge: lf.forge, Login: login}, now)
	if err != nil {
		return fail(e, "ledger show", err)
	}
	if *asJSON {
		if err := writeJSON(e.stdout, x); err != nil {
			return fail(e, "ledger show", err)
		}
		return exitOK
	}
	b := x.Balance
	fmt.Fprintf(e.stdout, "%s: %.2f points (grant %.2f, settled %+.2f, foreign %+.2f, held %.2f)\n",
		b.Subject, b.Points, b.Grant, b.Settled, b.Foreign, b.Held)
	fmt.Fprintf(e.stdout, "PRs: %d open, %d merged, %d closed (%d as spam), %d reverted\n", b.Open, b.Merged, b.Closed, b.Spam, b.Reverted)
	for _, en := range x.Entries {
		fmt.Fprintf(e.stdout, "  %4d  %s  %+7.2f  %s\n", en.Event.Seq, en.Event.Time.UTC().Format("2006-01-02"), en.Effect-en.Held, en.Note)
	}
	return exitOK
}

// keyFile is how heft stores a signing key: the issuer name with it, so
// export needs only the key file.
type keyFile struct {
	Issuer     string             `json:"issuer"`
	PrivateKey ed25519.PrivateKey `json:"private_key"`
}

func runLedgerKeygen(e *env, args []string) int {
	fs := cliflag.New("heft ledger keygen", "Usage: heft ledger keygen -issuer NAME [-out FILE]\n\n"+
		"Writes a new Ed25519 signing key to FILE (mode 0600) and prints a trust\n"+
		"file other projects use (or merge into theirs) to accept its attestations.\n\n", e.stderr)
	issuer := fs.String("issuer", "", "the issuing project's name, such as github.com/owner/repo (required)")
	out := fs.String("out", "heft-attest.key", "where to write the private key (created, never overwritten)")
	if code, ok := cliflag.Parse(fs, args, e.stderr); !ok {
		return code
	}
	if *issuer == "" || fs.NArg() != 0 {
		fs.Usage()
		return exitUsage
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fail(e, "ledger keygen", err)
	}
	data, _ := json.MarshalIndent(keyFile{Issuer: *issuer, PrivateKey: priv}, "", "  ")
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fail(e, "ledger keygen", err)
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return fail(e, "ledger keygen", err)
	}
	if err := f.Close(); err != nil {
		return fail(e, "ledger keygen", err)
	}
	trust, _ := json.MarshalIndent(reputation.Trust{Issuers: []reputation.TrustedIssuer{{Name: *issuer, PublicKey: pub, Weight: 1}}}, "", "  ")
	fmt.Fprintf(e.stdout, "%s\n", trust)
	return exitOK
}

func runLedgerExport(e *env, args []string) int {
	lf := newLedgerFlags(e, "export", "export [flags] -key FILE LOGIN")
	keyPath := lf.fs.String("key", "heft-attest.key", "the signing key heft ledger keygen wrote")
	ttl := lf.fs.Duration("ttl", 30*24*time.Hour, "how long the attestation is valid")
	if code, ok := cliflag.Parse(lf.fs, args, e.stderr); !ok {
		return code
	}
	if *ttl <= 0 {
		return fail(e, "ledger export", fmt.Errorf("%w: -ttl must be a positive duration, not %v", errUsage, *ttl))
	}
	login, now, err := lf.subject()
	if err != nil {
		return fail(e, "ledger export", err)
	}
	data, err := os.ReadFile(*keyPath)
	if err != nil {
		return fail(e, "ledger export", err)
	}
	var k keyFile
	if err := json.Unmarshal(data, &k); err != nil || len(k.PrivateKey) != ed25519.PrivateKeySize {
		return fail(e, "ledger export", fmt.Errorf("%s is not a key heft ledger keygen wrote", *keyPath))
	}
	l, s, err := lf.open(e)
	if err != nil {
		return fail(e, "ledger export", err)
	}
	defer s.Close()
	att, err := l.Attest(context.Background(), reputation.Subject{Forge: lf.forge, Login: login}, k.Issuer, k.PrivateKey, now, *ttl)
	if err != nil {
		return fail(e, "ledger export", err)
	}
	fmt.Fprintf(e.stdout, "%s\n", att)
	return exitOK
}

// readAttestation reads the positional argument, a file or - for
// standard input, up to the size limit.
func readAttestation(e *env, fs *flag.FlagSet) ([]byte, error) {
	in, _, err := openInput(e, fs.Args())
	if err != nil {
		return nil, err
	}
	defer in.Close()
	data, err := io.ReadAll(io.LimitReader(in, reputation.MaxAttestationBytes+1))
	if err != nil {
		return nil, err
	}
	return []byte(strings.TrimSpace(string(data))), nil
}

func printAttestation(w io.Writer, verb string, a reputation.Attestation) {
	judgement := ""
	switch {
	case a.Vouched:
		judgement = ", vouched"
	case a.Denounced:
		judgement = ", denounced"
	}
	fmt.Fprintf(w, "%s: %s about %s: %d merged, %d closed (%d spam), balance %.2f of grant %.2f%s; valid until %s\n",
		verb, a.Issuer, a.Subject, a.Merged, a.Closed, a.Spam, a.Balance, a.Grant, judgement, a.ExpiresAt.UTC().Format(time.RFC3339))
}

func runLedgerVerify(e *env, args []string) int {
	return runAttestationCommand(e, args, "verify", "valid", func(lf *ledgerFlags, data []byte, now time.Time) (reputation.Attestation, error) {
		trust, err := lf.readTrust()
		if err != nil {
			return reputation.Attestation{}, err
		}
		return trust.Verify(data, now)
	})
}

func runLedgerImport(e *env, args []string) int {
	return runAttestationCommand(e, args, "import", "imported", func(lf *ledgerFlags, data []byte, now time.Time) (reputation.Attestation, error) {
		l, s, err := lf.open(e)
		if err != nil {
			return reputation.Attestation{}, err
		}
		defer s.Close()
		return l.Import(context.Background(), data, now)
	})
}

// runAttestationCommand runs ledger verify or ledger import (name): both
// need -trust, read an attestation, act on it at the -now time and print
// what act returns with verb.
func runAttestationCommand(e *env, args []string, name, verb string, act func(lf *ledgerFlags, data []byte, now time.Time) (reputation.Attestation, error)) int {
	lf := newLedgerFlags(e, name, name+" -trust FILE [flags] [ATTESTATION|-]")
	lf.trustFlag()
	if code, ok := cliflag.Parse(lf.fs, args, e.stderr); !ok {
		return code
	}
	now, data, err := lf.attestation(e)
	if err != nil {
		return fail(e, "ledger "+name, err)
	}
	a, err := act(lf, data, now)
	if err != nil {
		return fail(e, "ledger "+name, err)
	}
	printAttestation(e.stdout, verb, a)
	return exitOK
}
